#include "dict/dictionary.hpp"

#include <algorithm>

#include "audit/operation_log.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace ql::dict {
namespace {

const std::vector<Type>& builtin_types() {
  // The enumerations the foundation's screens show; later modules add theirs.
  static const std::vector<Type> types = {
      {"region_level", "区划层级", "Region level", true,
       {{"city", "市", "City", 1, true},
        {"district", "区/县", "District/county", 2, true},
        {"street", "街道/乡镇", "Street/township", 3, true},
        {"community", "社区/村", "Community/village", 4, true},
        {"grid", "网格", "Grid", 5, true}}},
      {"data_scope", "数据范围", "Data scope", true,
       {{"all", "全部数据", "All data", 1, true},
        {"region_and_below", "本区划及下级", "Own region and below", 2, true},
        {"region", "仅本区划", "Own region only", 3, true},
        {"own", "仅本人", "Own records only", 4, true}}},
      {"disclosure_category", "公开类别", "Disclosure category", true,
       {{"party", "党务", "Party affairs", 1, true},
        {"affairs", "村务/居务", "Village/community affairs", 2, true},
        {"finance", "财务", "Finance", 3, true},
        {"service", "服务", "Services", 4, true}}},
      {"disclosure_stage", "公开阶段", "Disclosure stage", true,
       {{"before", "事前", "Before", 1, true},
        {"during", "事中", "During", 2, true},
        {"after", "事后", "After", 3, true}}},
      {"risk_level", "风险等级", "Risk level", true,
       {{"high", "高", "High", 1, true}, {"medium", "中", "Medium", 2, true}, {"low", "低", "Low", 3, true}}},
  };
  return types;
}

void check_code(const std::string& field, const std::string& v) {
  const bool ok = !v.empty() && v.size() <= 40 && std::all_of(v.begin(), v.end(), [](char ch) {
                    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
                  });
  if (!ok) throw invalid_field(field, "须为 1 到 40 位小写字母、数字、下划线或连字符",
                               "must be 1-40 of a-z, 0-9, '_', '-'");
}

// Chinese labels are shorter than their English translations.
void check_label(const std::string& field, const std::string& v) {
  text::require_length(field, v, 1, field.ends_with("_en") ? 100 : 50);
}

nlohmann::json item_json(const Item& i) {
  return {{"value", i.value}, {"label_zh", i.label_zh}, {"label_en", i.label_en}, {"sort", i.sort},
          {"enabled", i.enabled}};
}

void insert_item(store::Connection& c, const std::string& type, const Item& i, bool ignore_existing) {
  const auto at = now_iso();
  c.query(std::string("INSERT INTO dict_item (type_code, value, label_zh, label_en, sort, enabled, "
                      "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)") +
              (ignore_existing ? " ON CONFLICT (type_code, value) DO NOTHING" : ""),
          {type, i.value, i.label_zh, i.label_en, std::int64_t{i.sort}, std::int64_t{i.enabled ? 1 : 0}, at});
}

std::optional<Item> find_item(store::Connection& c, const std::string& type, const std::string& value) {
  auto rs = c.query("SELECT value, label_zh, label_en, sort, enabled FROM dict_item WHERE type_code = $1 AND value = $2",
                    {type, value});
  if (rs.empty()) return std::nullopt;
  const auto& r = rs.front();
  return Item{r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<int>(3), r.get<bool>(4)};
}

bool type_exists(store::Connection& c, const std::string& code) {
  return c.scalar("SELECT COUNT(*) FROM dict_type WHERE code = $1", {code}) != "0";
}

}  // namespace

void seed_builtin(store::Connection& c) {
  const auto at = now_iso();
  for (const auto& t : builtin_types()) {
    c.query("INSERT INTO dict_type (code, name_zh, name_en, builtin, created_at, updated_at) VALUES "
            "($1, $2, $3, 1, $4, $4) ON CONFLICT (code) DO NOTHING",
            {t.code, t.name_zh, t.name_en, at});
    for (const auto& i : t.items) insert_item(c, t.code, i, true);
  }
}

nlohmann::json list(store::Connection& c, const auth::Principal& actor) {
  actor.require("system:dict:read");
  auto types = c.query("SELECT code, name_zh, name_en, builtin FROM dict_type ORDER BY builtin DESC, code");
  auto items = c.query("SELECT type_code, value, label_zh, label_en, sort, enabled FROM dict_item ORDER BY type_code, sort, value");
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : types) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& i : items)
      if (i.get<std::string>(0) == t.get<std::string>(0))
        list.push_back(item_json({i.get<std::string>(1), i.get<std::string>(2), i.get<std::string>(3),
                                  i.get<int>(4), i.get<bool>(5)}));
    out.push_back({{"code", t.get<std::string>(0)}, {"name_zh", t.get<std::string>(1)},
                   {"name_en", t.get<std::string>(2)}, {"builtin", t.get<bool>(3)}, {"items", std::move(list)}});
  }
  return out;
}

nlohmann::json create_type(store::Connection& c, const auth::Principal& actor, const Type& t) {
  actor.require("system:dict:write");
  check_code("code", t.code);
  check_label("name_zh", t.name_zh);
  check_label("name_en", t.name_en);
  return store::with_transaction(c, [&](store::Connection& tx) {
    if (type_exists(tx, t.code))
      throw Error(ErrorKind::conflict, "duplicate_dict", "字典 " + t.code + " 已存在",
                  "Dictionary " + t.code + " already exists", "code");
    const auto at = now_iso();
    tx.query("INSERT INTO dict_type (code, name_zh, name_en, builtin, created_at, updated_at) VALUES "
             "($1, $2, $3, 0, $4, $4)",
             {t.code, t.name_zh, t.name_en, at});
    nlohmann::json j = {{"code", t.code}, {"name_zh", t.name_zh}, {"name_en", t.name_en},
                        {"builtin", false}, {"items", nlohmann::json::array()}};
    audit::record(tx, actor, "create", "dict_type", t.code, std::nullopt, {{"after", j}});
    return j;
  });
}

nlohmann::json add_item(store::Connection& c, const auth::Principal& actor, const std::string& type,
                        const Item& item) {
  actor.require("system:dict:write");
  check_code("value", item.value);
  check_label("label_zh", item.label_zh);
  check_label("label_en", item.label_en);
  return store::with_transaction(c, [&](store::Connection& tx) {
    if (!type_exists(tx, type)) throw not_found("字典 " + type, "Dictionary " + type);
    if (find_item(tx, type, item.value))
      throw Error(ErrorKind::conflict, "duplicate_dict_item", "字典项 " + item.value + " 已存在",
                  "Item " + item.value + " already exists", "value");
    insert_item(tx, type, item, false);
    audit::record(tx, actor, "create", "dict_item", type + "/" + item.value, std::nullopt,
                  {{"after", item_json(item)}});
    return item_json(item);
  });
}

nlohmann::json update_item(store::Connection& c, const auth::Principal& actor, const std::string& type,
                           const std::string& value, const ItemPatch& patch) {
  actor.require("system:dict:write");
  if (patch.label_zh) check_label("label_zh", *patch.label_zh);
  if (patch.label_en) check_label("label_en", *patch.label_en);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto before = find_item(tx, type, value);
    if (!before) throw not_found("字典项 " + type + "/" + value, "Dictionary item " + type + "/" + value);
    Item after = *before;
    if (patch.label_zh) after.label_zh = *patch.label_zh;
    if (patch.label_en) after.label_en = *patch.label_en;
    if (patch.sort) after.sort = *patch.sort;
    if (patch.enabled) after.enabled = *patch.enabled;
    tx.query("UPDATE dict_item SET label_zh = $3, label_en = $4, sort = $5, enabled = $6, updated_at = $7 "
             "WHERE type_code = $1 AND value = $2",
             {type, value, after.label_zh, after.label_en, std::int64_t{after.sort},
              std::int64_t{after.enabled ? 1 : 0}, now_iso()});
    audit::record(tx, actor, "update", "dict_item", type + "/" + value, std::nullopt,
                  audit::diff(item_json(*before), item_json(after)));
    return item_json(after);
  });
}

}  // namespace ql::dict
