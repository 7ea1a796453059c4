#include "admin/region_admin.hpp"

#include <algorithm>
#include <map>

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/clock.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "store/page_query.hpp"

namespace ql::admin {
namespace {

nlohmann::json tree_node(const region::Region& r) {
  return {{"code", r.code}, {"name", r.name}, {"level", region::to_string(r.level)},
          {"children", nlohmann::json::array()}};
}

}  // namespace

nlohmann::json region_tree(store::Connection& c, const auth::Principal& actor) {
  actor.require("system:region:read");
  auth::Scope scope(actor);
  auto regions = region::subtree(c, scope.visible_path().empty() ? "/" : scope.visible_path());
  // subtree() is ordered by path, so every parent comes before its children.
  nlohmann::json roots = nlohmann::json::array();
  std::map<std::string, nlohmann::json::json_pointer> where;
  for (const auto& r : regions) {
    if (!scope.covers(r)) continue;
    auto parent = r.parent_code ? where.find(*r.parent_code) : where.end();
    if (parent == where.end()) {
      roots.push_back(tree_node(r));
      where[r.code] = nlohmann::json::json_pointer("/" + std::to_string(roots.size() - 1));
    } else {
      auto& children = roots[parent->second]["children"];
      children.push_back(tree_node(r));
      where[r.code] = parent->second / "children" / (children.size() - 1);
    }
  }
  return roots;
}

nlohmann::json list_regions(store::Connection& c, const auth::Principal& actor, const RegionFilter& f,
                            const PageRequest& page) {
  actor.require("system:region:read");
  store::Params params;
  std::string where = auth::Scope(actor).list_condition(c, f.region, "code", "", params);
  if (f.level) {
    params.emplace_back(std::string(region::to_string(*f.level)));
    where += " AND level = $" + std::to_string(params.size());
  }
  if (f.q) where += " AND " + store::contains_condition({"name", "code"}, *f.q, params);
  // Levels sort by rank (city first), not by their names.
  PageRequest order = page;
  if (order.sort == "level")
    order.sort = "CASE level WHEN 'city' THEN 1 WHEN 'district' THEN 2 WHEN 'street' THEN 3 "
                 "WHEN 'community' THEN 4 ELSE 5 END";
  auto rows = store::query_page(c, region::kColumns, "region", where, std::move(params), order, "code");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows.rows) items.push_back(region::to_json(region::from_row(r)));
  return {{"items", std::move(items)}, {"total", rows.total}};
}

region::Region get_region(store::Connection& c, const auth::Principal& actor, const std::string& code) {
  actor.require("system:region:read");
  return auth::Scope(actor).require_region(c, code);
}

region::Region create_region(store::Connection& c, const auth::Principal& actor, const NewRegion& nr) {
  actor.require("system:region:write");
  return store::with_transaction(c, [&](store::Connection& tx) {
    if (nr.parent_code && !nr.parent_code->empty()) {
      auth::Scope(actor).require_region(tx, *nr.parent_code, "parent_code");
    } else if (actor.data_scope != auth::DataScope::all) {
      throw invalid_field("parent_code", "不能为空", "is required");
    }
    auto r = region::insert(tx, nr.code, nr.name, nr.level, nr.parent_code, nr.sort);
    audit::record(tx, actor, "create", "region", r.code, r.code, {{"after", region::to_json(r)}});
    return r;
  });
}

region::Region update_region(store::Connection& c, const auth::Principal& actor,
                             const std::string& code, const std::optional<std::string>& name,
                             const std::optional<int>& sort) {
  actor.require("system:region:write");
  if (name) text::require_length("name", *name, 1, region::kMaxNameChars);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto before = auth::Scope(actor).require_region(tx, code);
    tx.query("UPDATE region SET name = COALESCE($2, name), sort = COALESCE($3, sort), updated_at = $4 "
             "WHERE code = $1",
             {code, store::to_param(name), sort ? store::Param(std::int64_t{*sort}) : store::Param(),
              now_iso()});
    auto after = region::get(tx, code);
    auto b = region::to_json(before), a = region::to_json(after);
    b.erase("updated_at");
    a.erase("updated_at");
    audit::record(tx, actor, "update", "region", code, code, audit::diff(b, a));
    return after;
  });
}

void delete_region(store::Connection& c, const auth::Principal& actor, const std::string& code) {
  actor.require("system:region:write");
  store::with_transaction(c, [&](store::Connection& tx) {
    auto r = auth::Scope(actor).require_region(tx, code);
    if (tx.scalar("SELECT COUNT(*) FROM region WHERE parent_code = $1", {code}) != "0")
      throw conflict("region_in_use", "该区划下还有下级区划,不能删除",
                     "This region has child regions and cannot be deleted");
    if (tx.scalar("SELECT COUNT(*) FROM app_user WHERE region_code = $1", {code}) != "0")
      throw conflict("region_in_use", "该区划下还有用户,不能删除",
                     "Users belong to this region; it cannot be deleted");
    tx.query("DELETE FROM region WHERE code = $1", {code});
    audit::record(tx, actor, "delete", "region", code, r.parent_code, {{"before", region::to_json(r)}});
  });
}

ImportSummary import_regions_csv(store::Connection& c, const auth::Principal& actor,
                                 std::string_view csv_text) {
  actor.require("system:region:write");
  auto records = csv::parse(csv_text);
  if (records.empty())
    throw bad_request("empty_file", "文件为空", "The file is empty");
  // Header: find columns by name so their order is free.
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < records[0].fields.size(); ++i) col[records[0].fields[i]] = i;
  for (const char* required : {"code", "name", "level", "parent_code"})
    if (!col.count(required))
      throw bad_request("missing_column", std::string("缺少列 ") + required,
                        std::string("Missing column ") + required, required);

  struct Row {
    int line;
    std::string code, name, parent;
    region::Level level;
    int sort;
  };
  std::vector<Row> rows;
  std::vector<RowProblem> problems;
  std::map<std::string, int> seen;
  auto field = [&](const csv::Record& r, const char* name) -> std::string {
    auto it = col.find(name);
    return it != col.end() && it->second < r.fields.size() ? r.fields[it->second] : std::string();
  };
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& rec = records[i];
    Row row{rec.line, field(rec, "code"), field(rec, "name"), field(rec, "parent_code"),
            region::Level::community, 0};
    auto level = region::parse_level(field(rec, "level"));
    if (!level) {
      problems.push_back({rec.line, "level", "层级无效: " + field(rec, "level"),
                          "unknown level '" + field(rec, "level") + "'"});
      continue;
    }
    row.level = *level;
    try {
      region::check_code(row.code, row.level);
    } catch (const Error& e) {
      problems.push_back({rec.line, "code", e.message_zh(), e.message_en()});
      continue;
    }
    const auto problems_before = problems.size();
    try {
      text::require_length("name", row.name, 1, region::kMaxNameChars);
    } catch (const Error& e) {
      problems.push_back({rec.line, "name", e.message_zh(), e.message_en()});
    }
    auto sort_text = field(rec, "sort");
    if (!sort_text.empty()) {
      try {
        row.sort = std::stoi(sort_text);
      } catch (...) {
        problems.push_back({rec.line, "sort", "排序须为整数", "sort must be an integer"});
      }
    }
    if (auto [it, fresh] = seen.emplace(row.code, rec.line); !fresh)
      problems.push_back({rec.line, "code", "代码与第 " + std::to_string(it->second) + " 行重复",
                          "code repeats row " + std::to_string(it->second)});
    if (problems.size() == problems_before) rows.push_back(std::move(row));
  }
  // Parents first, whatever order the file used.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.level < b.level; });

  ImportSummary summary;
  store::with_transaction(c, [&](store::Connection& tx) {
    auth::Scope scope(actor);
    for (const auto& row : rows) {
      auto existing = region::find(tx, row.code);
      try {
        if (existing) {
          if (existing->parent_code.value_or("") != row.parent || existing->level != row.level) {
            problems.push_back({row.line, "parent_code", "区划已存在,但上级或层级不同",
                                "region exists with another parent or level"});
            continue;
          }
          if (!scope.covers(*existing)) throw forbidden();
          if (existing->name != row.name || existing->sort != row.sort) {
            tx.query("UPDATE region SET name = $2, sort = $3, updated_at = $4 WHERE code = $1",
                     {row.code, row.name, std::int64_t{row.sort}, now_iso()});
            ++summary.updated;
          }
          continue;
        }
        if (row.parent.empty() ? actor.data_scope != auth::DataScope::all
                               : (region::find(tx, row.parent) && !scope.covers(region::get(tx, row.parent))))
          throw forbidden();
        region::insert(tx, row.code, row.name, row.level,
                       row.parent.empty() ? std::nullopt : std::optional<std::string>(row.parent), row.sort);
        ++summary.inserted;
      } catch (const Error& e) {
        if (e.kind() == ErrorKind::internal) throw;
        problems.push_back({row.line, e.field().empty() ? "code" : e.field(), e.message_zh(), e.message_en()});
      }
    }
    if (!problems.empty()) {
      std::sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) { return a.row < b.row; });
      throw bad_request("import_rejected",
                        "导入失败: " + std::to_string(problems.size()) + " 处错误,未写入任何数据",
                        "Import rejected: " + std::to_string(problems.size()) +
                            " problem(s); nothing was written")
          .with_problems(std::move(problems));
    }
    audit::record(tx, actor, "import", "region", "csv", std::nullopt,
                  {{"inserted", summary.inserted}, {"updated", summary.updated}});
  });
  return summary;
}

}  // namespace ql::admin
