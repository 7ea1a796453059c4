#include "disclosure/catalog.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/error.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"
#include "disclosure/default_catalog.hpp"
#include "region/region.hpp"
#include "store/page_query.hpp"

namespace ql::disclosure {
namespace {

constexpr const char* kRead = "disclosure:catalog:read";
constexpr const char* kWrite = "disclosure:catalog:write";

constexpr const char* kCatalogColumns =
    "dc.id, dc.region_code, g.name AS region_name, dc.year, dc.name, dc.is_template, dc.adopted_from, "
    "dc.created_at, dc.updated_at, (SELECT COUNT(*) FROM disclosure_catalog_item ci WHERE ci.catalog_id = "
    "dc.id) AS item_count";
constexpr const char* kCatalogFrom = "disclosure_catalog dc JOIN region g ON g.code = dc.region_code";
constexpr const char* kItemColumns =
    "id, catalog_id, code, title, category, frequency, due_days, threshold_fen, description, sort, "
    "created_at, updated_at";

nlohmann::json catalog_json(const store::Row& r) {
  auto adopted = r.opt<std::int64_t>("adopted_from");
  return {{"id", r.get<std::int64_t>("id")},
          {"region_code", r.get<std::string>("region_code")},
          {"region_name", r.get<std::string>("region_name")},
          {"year", r.get<int>("year")},
          {"name", r.get<std::string>("name")},
          {"is_template", r.get<bool>("is_template")},
          {"adopted_from", adopted ? nlohmann::json(*adopted) : nlohmann::json()},
          {"item_count", r.get<std::int64_t>("item_count")},
          {"created_at", r.get<std::string>("created_at")},
          {"updated_at", r.get<std::string>("updated_at")}};
}

nlohmann::json item_json(const store::Row& r) {
  auto threshold = r.opt<std::int64_t>("threshold_fen");
  return {{"id", r.get<std::int64_t>("id")},
          {"catalog_id", r.get<std::int64_t>("catalog_id")},
          {"code", r.get<std::string>("code")},
          {"title", r.get<std::string>("title")},
          {"category", r.get<std::string>("category")},
          {"frequency", r.get<std::string>("frequency")},
          {"due_days", r.get<int>("due_days")},
          {"threshold_fen", threshold ? nlohmann::json(*threshold) : nlohmann::json()},
          {"description", r.get<std::string>("description")},
          {"sort", r.get<int>("sort")},
          {"created_at", r.get<std::string>("created_at")},
          {"updated_at", r.get<std::string>("updated_at")}};
}

void check_category(std::string_view category) {
  if (!among(kCatalogCategories, category))
    throw invalid_field("category", "须为 party、affairs、finance 或 service",
                        "must be party, affairs, finance or service");
}

// The same rules for an added item, a patched one and (trivially) the default ones.
void check_item(const ItemInput& in) {
  const auto& code = in.code;
  const bool code_ok =
      code.size() >= 2 && code.size() <= 64 && code.front() >= 'a' && code.front() <= 'z' &&
      code.back() != '.' && code.find("..") == std::string::npos &&
      std::all_of(code.begin(), code.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.';
      });
  if (!code_ok)
    throw invalid_field("code", "须为 2 到 64 位小写字母、数字、下划线或点,且以字母开头",
                        "must be 2-64 of a-z, 0-9, '_', '.', starting with a letter");
  text::require_length("title", in.title, 1, 100);
  check_category(in.category);
  if (in.due_days < 0 || in.due_days > kMaxDueDays)
    throw invalid_field("due_days", "须为 0 到 366 之间的整数", "must be an integer from 0 to 366");
  if (in.threshold_fen) {
    if (in.frequency != Frequency::immediate)
      throw invalid_field("threshold_fen", "只适用于即时公开(immediate)事项",
                          "applies only to immediate items");
    if (*in.threshold_fen < 1 || *in.threshold_fen > kMaxThresholdFen)
      throw invalid_field("threshold_fen", "须为正整数(分)", "must be a positive amount in fen");
  }
  text::require_length("description", in.description, 0, 500);
}

// The catalogue row, checked to lie in the actor's scope. A scoped caller gets 403 for a
// missing catalogue too, so ids reveal nothing about other communities.
store::Result load_catalog(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kCatalogColumns + " FROM " + kCatalogFrom + " WHERE dc.id = $1", {id});
  if (rs.empty()) {
    if (actor.data_scope == auth::DataScope::all) throw not_found("公开目录", "Disclosure catalogue");
    throw forbidden();
  }
  auth::Scope(actor).require_region(c, rs.front().get<std::string>("region_code"));
  return rs;
}

nlohmann::json catalog_with_items(store::Connection& c, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kCatalogColumns + " FROM " + kCatalogFrom + " WHERE dc.id = $1", {id});
  auto out = catalog_json(rs.front());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : c.query(std::string("SELECT ") + kItemColumns +
                                   " FROM disclosure_catalog_item WHERE catalog_id = $1 ORDER BY sort, code",
                               {id}))
    items.push_back(item_json(r));
  out["items"] = std::move(items);
  return out;
}

store::Result load_item(store::Connection& c, std::int64_t catalog_id, const std::string& code) {
  auto rs = c.query(std::string("SELECT ") + kItemColumns +
                        " FROM disclosure_catalog_item WHERE catalog_id = $1 AND code = $2",
                    {catalog_id, code});
  if (rs.empty()) throw not_found("公开目录事项 " + code, "Catalogue item " + code);
  return rs;
}

std::int64_t insert_item(store::Connection& tx, std::int64_t catalog_id, const ItemInput& in,
                         const std::string& at) {
  return tx
      .query("INSERT INTO disclosure_catalog_item (catalog_id, code, title, category, frequency, due_days, "
             "threshold_fen, description, sort, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
             "$8, $9, $10, $10) RETURNING id",
             {catalog_id, in.code, in.title, in.category, std::string(to_string(in.frequency)),
              std::int64_t{in.due_days}, store::to_param(in.threshold_fen), in.description,
              std::int64_t{in.sort}, at})
      .front()
      .get<std::int64_t>(0);
}

std::int64_t insert_catalog(store::Connection& tx, const auth::Principal& actor, const std::string& region_code,
                            int year, const std::string& name, bool is_template,
                            std::optional<std::int64_t> adopted_from) {
  if (tx.scalar("SELECT COUNT(*) FROM disclosure_catalog WHERE region_code = $1 AND year = $2 AND "
                "is_template = $3",
                {region_code, std::int64_t{year}, std::int64_t{is_template ? 1 : 0}}) != "0")
    throw Error(ErrorKind::conflict, "duplicate_catalog",
                is_template ? "该区划本年度已有公开目录模板" : "该村(社区)本年度已有公开目录",
                is_template ? "This region already has a template for that year"
                            : "This community already has a catalogue for that year",
                "year");
  const auto at = now_iso();
  return tx
      .query("INSERT INTO disclosure_catalog (region_code, year, name, is_template, adopted_from, created_by, "
             "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
             {region_code, std::int64_t{year}, name, std::int64_t{is_template ? 1 : 0},
              store::to_param(adopted_from), actor.user_id ? store::Param(actor.user_id) : store::Param(), at})
      .front()
      .get<std::int64_t>(0);
}

void check_year(int year) {
  if (year < kMinCatalogYear || year > kMaxCatalogYear)
    throw invalid_field("year", "须为 2000 到 2100 之间的整数", "must be an integer from 2000 to 2100");
}

std::string default_name(const region::Region& r, int year, bool is_template) {
  return r.name + std::to_string(year) + (is_template ? "年公开目录模板" : "年公开目录");
}

// The audited view of a catalogue: what it is, without its timestamps.
nlohmann::json audit_view(nlohmann::json catalog) {
  catalog.erase("created_at");
  catalog.erase("updated_at");
  if (catalog.contains("items")) {
    nlohmann::json codes = nlohmann::json::array();
    for (const auto& i : catalog["items"]) codes.push_back(i["code"]);
    catalog["items"] = std::move(codes);
  }
  return catalog;
}

nlohmann::json item_audit_view(nlohmann::json item) {
  item.erase("created_at");
  item.erase("updated_at");
  return item;
}

// One periodic obligation: a community must publish `item` for `period` by `due`.
struct Obligation {
  std::string region_code, region_name;
  std::int64_t catalog_id = 0, item_id = 0;
  std::string item_code, item_title, category;
  int item_sort = 0;
  DuePeriod period;
  std::optional<Date> first_published;  // business date of the first publication fulfilling it
};

// Every periodic obligation of the non-template catalogues in scope (under `region`, of `year`
// when given), with the first publication that fulfilled each. Both overdue and the dashboard
// count from this one list so that they can never disagree.
std::vector<Obligation> obligations(store::Connection& c, const auth::Principal& actor,
                                    const std::optional<std::string>& region, std::optional<int> year) {
  store::Params params;
  std::string where = "dc.is_template = 0 AND " +
                      auth::Scope(actor).list_condition(c, region, "dc.region_code", "", params);
  if (year) {
    params.emplace_back(std::int64_t{*year});
    where += " AND dc.year = $" + std::to_string(params.size());
  }
  // Published and superseded disclosures both count: a correction supersedes the original,
  // whose publication date is when the duty was met. Withdrawn ones and drafts do not.
  std::map<std::pair<std::int64_t, std::string>, std::string> first;
  for (const auto& r : c.query("SELECT d.catalog_item_id, d.period, MIN(d.published_at) AS published_at FROM "
                               "disclosure d JOIN disclosure_catalog_item i ON i.id = d.catalog_item_id JOIN "
                               "disclosure_catalog dc ON dc.id = i.catalog_id WHERE " +
                                   where +
                                   " AND d.status IN ('published', 'superseded') AND d.published_at IS NOT "
                                   "NULL AND d.period IS NOT NULL GROUP BY d.catalog_item_id, d.period",
                               params))
    first[{r.get<std::int64_t>(0), r.get<std::string>(1)}] = r.get<std::string>(2);

  std::vector<Obligation> out;
  for (const auto& r : c.query("SELECT dc.region_code, g.name AS region_name, dc.id AS catalog_id, dc.year, "
                               "i.id, i.code, i.title, i.category, i.frequency, i.due_days, i.sort FROM "
                               "disclosure_catalog_item i JOIN disclosure_catalog dc ON dc.id = i.catalog_id "
                               "JOIN region g ON g.code = dc.region_code WHERE " +
                                   where + " AND i.frequency <> 'immediate' ORDER BY dc.region_code, i.sort, i.code",
                               params)) {
    auto frequency = parse_frequency(r.get<std::string>("frequency"));
    if (!frequency) continue;  // the schema's CHECK makes this unreachable
    for (auto& p : due_periods(r.get<int>("year"), *frequency, r.get<int>("due_days"))) {
      Obligation o{r.get<std::string>("region_code"), r.get<std::string>("region_name"),
                   r.get<std::int64_t>("catalog_id"), r.get<std::int64_t>("id"), r.get<std::string>("code"),
                   r.get<std::string>("title"), r.get<std::string>("category"), r.get<int>("sort"),
                   std::move(p), std::nullopt};
      if (auto it = first.find({o.item_id, o.period.period}); it != first.end())
        if (auto t = parse_iso(it->second)) o.first_published = business_day(*t);
      out.push_back(std::move(o));
    }
  }
  return out;
}

}  // namespace

nlohmann::json default_catalog(const auth::Principal& actor) {
  actor.require(kRead);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& s : default_catalog_items())
    items.push_back({{"code", s.code},
                     {"title", s.title},
                     {"category", s.category},
                     {"frequency", to_string(s.frequency)},
                     {"due_days", s.due_days},
                     {"threshold_fen", s.threshold_fen ? nlohmann::json(*s.threshold_fen) : nlohmann::json()},
                     {"description", s.description},
                     {"sort", s.sort}});
  return {{"items", std::move(items)}};
}

nlohmann::json list_catalogs(store::Connection& c, const auth::Principal& actor, const CatalogFilter& f,
                             const PageRequest& page) {
  actor.require(kRead);
  store::Params params;
  std::string where = auth::Scope(actor).list_condition(c, f.region, "dc.region_code", "", params);
  if (f.year) {
    params.emplace_back(std::int64_t{*f.year});
    where += " AND dc.year = $" + std::to_string(params.size());
  }
  if (f.is_template) {
    params.emplace_back(std::int64_t{*f.is_template ? 1 : 0});
    where += " AND dc.is_template = $" + std::to_string(params.size());
  }
  auto rows = store::query_page(c, kCatalogColumns, kCatalogFrom, where, std::move(params),
                                PageRequest{page.page, page.size, "dc." + page.sort, page.desc}, "dc.id");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows.rows) items.push_back(catalog_json(r));
  return {{"items", std::move(items)}, {"total", rows.total}};
}

nlohmann::json get_catalog(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require(kRead);
  load_catalog(c, actor, id);
  return catalog_with_items(c, id);
}

nlohmann::json create_catalog(store::Connection& c, const auth::Principal& actor, const NewCatalog& nc) {
  actor.require(kWrite);
  check_year(nc.year);
  if (nc.name) text::require_length("name", *nc.name, 1, 100);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto r = auth::Scope(actor).require_region(tx, nc.region_code, "region_code");
    if (nc.is_template && r.level > region::Level::street)
      throw invalid_field("region_code", "模板须属于街道(乡镇)或更高层级", "a template belongs to a street or above");
    if (!nc.is_template && r.level != region::Level::community)
      throw invalid_field("region_code", "公开目录须属于村(社区)", "a catalogue belongs to a community");
    const auto id = insert_catalog(tx, actor, r.code, nc.year, nc.name.value_or(default_name(r, nc.year, nc.is_template)),
                                   nc.is_template, std::nullopt);
    if (nc.from_default) {
      const auto at = now_iso();
      for (const auto& s : default_catalog_items())
        insert_item(tx, id,
                    ItemInput{s.code, s.title, s.category, s.frequency, s.due_days, s.threshold_fen, s.description,
                              s.sort},
                    at);
    }
    auto out = catalog_with_items(tx, id);
    audit::record(tx, actor, "create", "disclosure_catalog", std::to_string(id), r.code,
                  {{"after", audit_view(out)}});
    return out;
  });
}

nlohmann::json adopt_catalog(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                             int year, const std::optional<std::string>& name) {
  actor.require(kWrite);
  check_year(year);
  if (name) text::require_length("name", *name, 1, 100);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto r = auth::Scope(actor).require_region(tx, region_code, "region_code");
    if (r.level != region::Level::community)
      throw invalid_field("region_code", "只有村(社区)采用模板", "only a community adopts a template");
    // The nearest ancestor with a template wins: a street may refine what its district set.
    std::optional<std::int64_t> template_id;
    for (auto parent = r.parent_code; parent; parent = region::get(tx, *parent).parent_code) {
      if (auto id = tx.scalar("SELECT id FROM disclosure_catalog WHERE region_code = $1 AND year = $2 AND "
                              "is_template = 1",
                              {*parent, std::int64_t{year}})) {
        template_id = std::stoll(*id);
        break;
      }
    }
    if (!template_id)
      throw Error(ErrorKind::not_found, "no_template", "上级区划没有该年度的公开目录模板",
                  "No ancestor region has a template for that year", "year");
    const auto id = insert_catalog(tx, actor, r.code, year, name.value_or(default_name(r, year, false)), false,
                                   template_id);
    const auto at = now_iso();
    tx.query("INSERT INTO disclosure_catalog_item (catalog_id, code, title, category, frequency, due_days, "
             "threshold_fen, description, sort, created_at, updated_at) SELECT $1, code, title, category, "
             "frequency, due_days, threshold_fen, description, sort, $2, $2 FROM disclosure_catalog_item "
             "WHERE catalog_id = $3",
             {id, at, *template_id});
    auto out = catalog_with_items(tx, id);
    audit::record(tx, actor, "adopt", "disclosure_catalog", std::to_string(id), r.code,
                  {{"after", audit_view(out)}});
    return out;
  });
}

nlohmann::json add_catalog_item(store::Connection& c, const auth::Principal& actor, std::int64_t catalog_id,
                                const ItemInput& in) {
  actor.require(kWrite);
  check_item(in);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto catalog = load_catalog(tx, actor, catalog_id);
    if (tx.scalar("SELECT COUNT(*) FROM disclosure_catalog_item WHERE catalog_id = $1 AND code = $2",
                  {catalog_id, in.code}) != "0")
      throw Error(ErrorKind::conflict, "duplicate_item", "目录中已有代码为 " + in.code + " 的事项",
                  "The catalogue already has an item " + in.code, "code");
    insert_item(tx, catalog_id, in, now_iso());
    auto item = item_json(load_item(tx, catalog_id, in.code).front());
    audit::record(tx, actor, "create", "disclosure_catalog_item", std::to_string(item["id"].get<std::int64_t>()),
                  catalog.front().get<std::string>("region_code"), {{"after", item_audit_view(item)}});
    return item;
  });
}

nlohmann::json update_catalog_item(store::Connection& c, const auth::Principal& actor, std::int64_t catalog_id,
                                   const std::string& code, const ItemPatch& p) {
  actor.require(kWrite);
  // What can be judged from the patch alone is judged before touching the database; the
  // merged item is checked again below (e.g. a threshold on a non-immediate item).
  if (p.title) text::require_length("title", *p.title, 1, 100);
  if (p.category) check_category(*p.category);
  if (p.description) text::require_length("description", *p.description, 0, 500);
  return store::with_transaction(c, [&](store::Connection& tx) {
    auto catalog = load_catalog(tx, actor, catalog_id);
    auto before = item_json(load_item(tx, catalog_id, code).front());
    ItemInput merged{code,
                     p.title.value_or(before["title"].get<std::string>()),
                     p.category.value_or(before["category"].get<std::string>()),
                     p.frequency.value_or(*parse_frequency(before["frequency"].get<std::string>())),
                     p.due_days.value_or(before["due_days"].get<int>()),
                     before["threshold_fen"].is_null() ? std::nullopt
                                                       : std::optional(before["threshold_fen"].get<std::int64_t>()),
                     p.description.value_or(before["description"].get<std::string>()),
                     p.sort.value_or(before["sort"].get<int>())};
    if (p.threshold_fen) merged.threshold_fen = *p.threshold_fen == 0 ? std::nullopt : p.threshold_fen;
    // An item that stops being immediate loses its threshold rather than failing validation
    // for a field the caller did not send.
    if (!p.threshold_fen && merged.frequency != Frequency::immediate) merged.threshold_fen.reset();
    check_item(merged);
    tx.query("UPDATE disclosure_catalog_item SET title = $3, category = $4, frequency = $5, due_days = $6, "
             "threshold_fen = $7, description = $8, sort = $9, updated_at = $10 WHERE catalog_id = $1 AND code = $2",
             {catalog_id, code, merged.title, merged.category, std::string(to_string(merged.frequency)),
              std::int64_t{merged.due_days}, store::to_param(merged.threshold_fen), merged.description,
              std::int64_t{merged.sort}, now_iso()});
    auto after = item_json(load_item(tx, catalog_id, code).front());
    audit::record(tx, actor, "update", "disclosure_catalog_item", std::to_string(after["id"].get<std::int64_t>()),
                  catalog.front().get<std::string>("region_code"),
                  audit::diff(item_audit_view(before), item_audit_view(after)));
    return after;
  });
}

void delete_catalog_item(store::Connection& c, const auth::Principal& actor, std::int64_t catalog_id,
                         const std::string& code) {
  actor.require(kWrite);
  store::with_transaction(c, [&](store::Connection& tx) {
    auto catalog = load_catalog(tx, actor, catalog_id);
    auto item = item_json(load_item(tx, catalog_id, code).front());
    const auto id = item["id"].get<std::int64_t>();
    // Disclosures cite the item (and the log entries that published them do too); deleting it
    // would orphan what residents have already been shown.
    if (tx.scalar("SELECT COUNT(*) FROM disclosure WHERE catalog_item_id = $1", {id}) != "0")
      throw conflict("item_in_use", "已有公开事项引用该目录事项,不能删除",
                     "Disclosures refer to this item; it cannot be deleted");
    tx.query("DELETE FROM disclosure_catalog_item WHERE id = $1", {id});
    audit::record(tx, actor, "delete", "disclosure_catalog_item", std::to_string(id),
                  catalog.front().get<std::string>("region_code"), {{"before", item_audit_view(item)}});
  });
}

nlohmann::json list_overdue(store::Connection& c, const auth::Principal& actor,
                            const std::optional<std::string>& region, Date as_of, const PageRequest& page) {
  actor.require(kRead);
  auto all = obligations(c, actor, region, std::nullopt);
  std::erase_if(all, [&](const Obligation& o) { return o.first_published || o.period.due >= as_of; });
  // Ties (and the default order) group by community, then the catalogue's order, then time.
  const auto natural = [](const Obligation& a, const Obligation& b) {
    return std::tie(a.region_code, a.item_sort, a.item_code, a.period.end) <
           std::tie(b.region_code, b.item_sort, b.item_code, b.period.end);
  };
  std::sort(all.begin(), all.end(), natural);
  const auto key = [&](const Obligation& a, const Obligation& b) {
    if (page.sort == "region_code") return a.region_code < b.region_code;
    return a.period.due < b.period.due;  // due_date, and days_overdue in reverse
  };
  const bool reverse = page.sort == "days_overdue" ? !page.desc : page.desc;
  std::stable_sort(all.begin(), all.end(),
                   [&](const Obligation& a, const Obligation& b) { return reverse ? key(b, a) : key(a, b); });

  nlohmann::json items = nlohmann::json::array();
  const auto first = std::min<std::size_t>(all.size(), static_cast<std::size_t>(page.offset()));
  const auto last = std::min<std::size_t>(all.size(), first + static_cast<std::size_t>(page.size));
  for (std::size_t i = first; i < last; ++i) {
    const auto& o = all[i];
    items.push_back({{"region_code", o.region_code},
                     {"region_name", o.region_name},
                     {"catalog_id", o.catalog_id},
                     {"item_code", o.item_code},
                     {"item_title", o.item_title},
                     {"category", o.category},
                     {"period", o.period.period},
                     {"due_date", to_date_string(o.period.due)},
                     {"days_overdue", (as_of - o.period.due).count()}});
  }
  return {{"items", std::move(items)}, {"total", all.size()}, {"as_of", to_date_string(as_of)}};
}

nlohmann::json disclosure_dashboard(store::Connection& c, const auth::Principal& actor,
                                    const std::optional<std::string>& region, int year, Date as_of) {
  actor.require(kRead);
  check_year(year);
  struct Counts {
    std::optional<std::int64_t> catalog_id;
    std::string name;
    int periods = 0, due = 0, on_time = 0, late = 0, overdue = 0;
  };
  // Every community in scope gets a row, with or without a catalogue: a missing catalogue is
  // itself something the street should see.
  std::map<std::string, Counts> by_community;
  {
    store::Params params;
    auto where = auth::Scope(actor).list_condition(c, region, "code", "", params);
    for (const auto& r : c.query("SELECT code, name FROM region WHERE level = 'community' AND " + where, params))
      by_community[r.get<std::string>(0)].name = r.get<std::string>(1);
    params.clear();
    where = auth::Scope(actor).list_condition(c, region, "region_code", "", params);
    params.emplace_back(std::int64_t{year});
    for (const auto& r : c.query("SELECT region_code, id FROM disclosure_catalog WHERE is_template = 0 AND year = $" +
                                     std::to_string(params.size()) + " AND " + where,
                                 params))
      if (auto it = by_community.find(r.get<std::string>(0)); it != by_community.end())
        it->second.catalog_id = r.get<std::int64_t>(1);
  }
  for (const auto& o : obligations(c, actor, region, year)) {
    auto& n = by_community[o.region_code];
    if (n.name.empty()) n.name = o.region_name;
    ++n.periods;
    if (o.period.due >= as_of) continue;
    ++n.due;
    if (!o.first_published) ++n.overdue;
    else if (*o.first_published <= o.period.due) ++n.on_time;
    else ++n.late;
  }
  const auto figures = [](const Counts& n) {
    return nlohmann::json{{"periods", n.periods},          {"due", n.due},
                          {"published_on_time", n.on_time}, {"published_late", n.late},
                          {"overdue", n.overdue}};
  };
  Counts total;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [code, n] : by_community) {
    auto row = figures(n);
    row["region_code"] = code;
    row["region_name"] = n.name;
    row["catalog_id"] = n.catalog_id ? nlohmann::json(*n.catalog_id) : nlohmann::json();
    rows.push_back(std::move(row));
    total.periods += n.periods;
    total.due += n.due;
    total.on_time += n.on_time;
    total.late += n.late;
    total.overdue += n.overdue;
  }
  return {{"year", year}, {"as_of", to_date_string(as_of)}, {"communities", std::move(rows)}, {"totals", figures(total)}};
}

}  // namespace ql::disclosure
