// Disclosure catalogues end to end, on whichever backend QL_TEST_BACKEND names: a street's
// template adopted and extended by a community, data scope, validation, and the overdue list and
// dashboard computed from catalogues and (directly inserted) disclosures under a pinned clock.
#include <gtest/gtest.h>

#include <set>

#include "api_fixture.hpp"
#include "core/clock.hpp"
#include "disclosure/default_catalog.hpp"

namespace ql::test {
namespace {

using http::Method;
using nlohmann::json;

constexpr const char* kHefeng = "339902001001";
constexpr const char* kZhuxi = "339902001002";
constexpr const char* kStreet = "339902001000";
constexpr const char* kDistrict = "339902000000";

class DisclosureCatalog : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    // 2026-11-21 16:00 in Shanghai: business date 2026-11-21.
    const auto pinned = *parse_iso("2026-11-21T08:00:00Z");
    set_clock_for_testing([pinned] { return pinned; });
  }

  ApiResult del(const std::string& target, const std::string& token) {
    return call(Method::DELETE, target, "", token);
  }

  // Creates a catalogue and returns it (with items), failing the test unless 201.
  json create(const json& body, const std::string& token) {
    auto r = post("/api/v1/disclosure/catalogs", body, token);
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return r.json;
  }

  std::string items_of(std::int64_t catalog) {
    return "/api/v1/disclosure/catalogs/" + std::to_string(catalog) + "/items";
  }

  json item(const std::string& code, const std::string& category, const std::string& frequency, int due_days) {
    return {{"code", code}, {"title", "事项 " + code}, {"category", category}, {"frequency", frequency},
            {"due_days", due_days}};
  }

  std::int64_t item_id(const json& catalog, const std::string& code) {
    for (const auto& i : catalog["items"])
      if (i["code"] == code) return i["id"].get<std::int64_t>();
    ADD_FAILURE() << "no item " << code;
    return 0;
  }

  // A disclosure as the publication service would leave it, written directly so these tests do
  // not depend on that service.
  void disclose(const std::string& region, std::int64_t item, const std::string& period, const std::string& status,
                const std::optional<std::string>& published_at) {
    auto c = connect();
    c->query("INSERT INTO disclosure (region_code, catalog_item_id, period, category, stage, title, body, status, "
             "published_at, created_at, updated_at) VALUES ($1, $2, $3, 'finance', 'after', '公开', '内容', $4, $5, "
             "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
             {region, item, period, status, store::to_param(published_at)});
  }
};

TEST_F(DisclosureCatalog, DefaultTemplateFollowsTheRules) {
  const auto& items = disclosure::default_catalog_items();
  EXPECT_GE(items.size(), 18u);
  std::set<std::string> codes, categories;
  for (const auto& i : items) {
    EXPECT_TRUE(codes.insert(i.code).second) << i.code;
    categories.insert(i.category);
    EXPECT_TRUE(i.code.starts_with(i.category + ".")) << i.code;
    if (i.frequency == disclosure::Frequency::quarterly) {
      EXPECT_EQ(i.due_days, 20) << i.code;
    }
    if (i.frequency == disclosure::Frequency::monthly) {
      EXPECT_EQ(i.due_days, 10) << i.code;
    }
    if (i.threshold_fen) {
      EXPECT_EQ(i.frequency, disclosure::Frequency::immediate) << i.code;
    }
  }
  EXPECT_EQ(categories, (std::set<std::string>{"party", "affairs", "finance", "service"}));
  auto large = std::find_if(items.begin(), items.end(), [](const auto& i) { return i.code == "finance.large_expense"; });
  ASSERT_NE(large, items.end());
  EXPECT_EQ(large->threshold_fen, 5'000'000);
  EXPECT_EQ(large->due_days, 3);

  auto r = get("/api/v1/disclosure/default-catalog", login("hefeng.clerk"));
  ASSERT_EQ(r.status, 200) << r.raw.body;
  EXPECT_EQ(r.json["items"].size(), items.size());
}

TEST_F(DisclosureCatalog, StreetTemplateIsAdoptedAndExtended) {
  auto admin = login("admin");
  auto street = login("street");
  auto hefeng = login("hefeng.secretary");
  // A district template too: adopting must take the nearest ancestor's, the street's.
  auto district = create({{"region_code", kDistrict}, {"year", 2026}, {"is_template", true}}, admin);
  ASSERT_EQ(post(items_of(district["id"]), item("party.district_only", "party", "yearly", 31), admin).status, 201);

  auto tpl = create({{"region_code", kStreet}, {"year", 2026}, {"is_template", true}, {"from_default", true}}, street);
  EXPECT_EQ(tpl["is_template"], true);
  EXPECT_EQ(tpl["name"], "青莲街道2026年公开目录模板");
  const auto n_default = disclosure::default_catalog_items().size();
  ASSERT_EQ(tpl["items"].size(), n_default);
  // The street adds an item of its own to the template before communities adopt it.
  auto extra = post(items_of(tpl["id"]), item("service.elderly_meals", "service", "quarterly", 20), street);
  ASSERT_EQ(extra.status, 201) << extra.raw.body;

  auto adopted = post("/api/v1/disclosure/catalogs/adopt", {{"region_code", kHefeng}, {"year", 2026}}, hefeng);
  ASSERT_EQ(adopted.status, 201) << adopted.raw.body;
  EXPECT_EQ(adopted.json["adopted_from"], tpl["id"]);
  EXPECT_EQ(adopted.json["is_template"], false);
  EXPECT_EQ(adopted.json["region_code"], kHefeng);
  EXPECT_EQ(adopted.json["name"], "荷风社区2026年公开目录");
  ASSERT_EQ(adopted.json["items"].size(), n_default + 1);
  std::set<std::string> codes;
  for (const auto& i : adopted.json["items"]) codes.insert(i["code"]);
  EXPECT_TRUE(codes.contains("service.elderly_meals"));
  EXPECT_TRUE(codes.contains("finance.large_expense"));
  EXPECT_FALSE(codes.contains("party.district_only"));
  for (const auto& i : adopted.json["items"])
    if (i["code"] == "finance.large_expense") {
      EXPECT_EQ(i["threshold_fen"], 5'000'000);
      EXPECT_EQ(i["frequency"], "immediate");
    }

  // The community extends its own copy; the template is unchanged.
  const auto id = adopted.json["id"].get<std::int64_t>();
  auto own = item("affairs.property_fees", "affairs", "quarterly", 20);
  own["description"] = "物业费收支\n按季公开";
  own["sort"] = 500;
  auto added = post(items_of(id), own, hefeng);
  ASSERT_EQ(added.status, 201) << added.raw.body;
  EXPECT_EQ(added.json["description"], "物业费收支\n按季公开");
  EXPECT_TRUE(added.json["threshold_fen"].is_null());
  auto got = get("/api/v1/disclosure/catalogs/" + std::to_string(id), hefeng);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.json["items"].size(), n_default + 2);
  EXPECT_EQ(got.json["item_count"], n_default + 2);
  EXPECT_EQ(get("/api/v1/disclosure/catalogs/" + tpl["id"].dump(), street).json["items"].size(), n_default + 1);

  // Change and remove the community's items.
  auto changed = patch(items_of(id) + "/affairs.property_fees", {{"frequency", "monthly"}, {"due_days", 10}}, hefeng);
  ASSERT_EQ(changed.status, 200) << changed.raw.body;
  EXPECT_EQ(changed.json["frequency"], "monthly");
  EXPECT_EQ(changed.json["title"], "事项 affairs.property_fees");
  // An immediate item that becomes quarterly drops its spending threshold.
  auto large = patch(items_of(id) + "/finance.large_expense", {{"frequency", "quarterly"}, {"due_days", 20}}, hefeng);
  ASSERT_EQ(large.status, 200) << large.raw.body;
  EXPECT_TRUE(large.json["threshold_fen"].is_null());
  EXPECT_EQ(del(items_of(id) + "/affairs.property_fees", hefeng).status, 204);
  EXPECT_EQ(del(items_of(id) + "/affairs.property_fees", hefeng).status, 404);

  // One catalogue per community and year; a year without a template cannot be adopted.
  auto again = post("/api/v1/disclosure/catalogs/adopt", {{"region_code", kHefeng}, {"year", 2026}}, hefeng);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_code(), "duplicate_catalog");
  auto none = post("/api/v1/disclosure/catalogs/adopt", {{"region_code", kHefeng}, {"year", 2027}}, hefeng);
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(none.error_code(), "no_template");

  // The community sees its own catalogue only; the street sees its template and the catalogue.
  auto mine = get("/api/v1/disclosure/catalogs", hefeng);
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.json["total"], 1);
  EXPECT_EQ(mine.json["items"][0]["id"], id);
  auto templates = get("/api/v1/disclosure/catalogs?is_template=true&year=2026", street);
  ASSERT_EQ(templates.json["total"], 1);  // the district's is above the street
  EXPECT_EQ(templates.json["items"][0]["id"], tpl["id"]);
  EXPECT_EQ(get("/api/v1/disclosure/catalogs?region=" + std::string(kHefeng), street).json["total"], 1);
  EXPECT_EQ(get("/api/v1/disclosure/catalogs?year=2025", street).json["total"], 0);

  // Every write is in the operation log.
  auto log = get("/api/v1/oplog?object_type=disclosure_catalog&action=adopt", admin);
  ASSERT_EQ(log.json["total"], 1);
  EXPECT_EQ(log.json["items"][0]["region_code"], kHefeng);
  EXPECT_EQ(get("/api/v1/oplog?object_type=disclosure_catalog_item", admin).json["total"], 6);
}

TEST_F(DisclosureCatalog, AnotherCommunitysCatalogueIs403) {
  auto zhuxi = login("zhuxi.secretary");
  auto hefeng = login("hefeng.secretary");
  auto cat = create({{"region_code", kZhuxi}, {"year", 2026}, {"from_default", true}}, zhuxi);
  const auto id = std::to_string(cat["id"].get<std::int64_t>());
  const auto before = count("op_log");
  struct Probe {
    Method m;
    std::string target;
    json body;
  };
  const std::vector<Probe> probes = {
      {Method::GET, "/api/v1/disclosure/catalogs/" + id, nullptr},
      {Method::GET, "/api/v1/disclosure/catalogs?region=" + std::string(kZhuxi), nullptr},
      {Method::POST, "/api/v1/disclosure/catalogs/" + id + "/items", item("party.x", "party", "yearly", 31)},
      {Method::PATCH, "/api/v1/disclosure/catalogs/" + id + "/items/finance.dues", {{"title", "改"}}},
      {Method::PATCH, "/api/v1/disclosure/catalogs/" + id + "/items/party.dues", {{"title", "改"}}},
      {Method::DELETE, "/api/v1/disclosure/catalogs/" + id + "/items/party.dues", nullptr},
      {Method::POST, "/api/v1/disclosure/catalogs", {{"region_code", kZhuxi}, {"year", 2027}}},
      {Method::POST, "/api/v1/disclosure/catalogs/adopt", {{"region_code", kZhuxi}, {"year", 2027}}},
      {Method::GET, "/api/v1/disclosure/catalogs/999999", nullptr},  // nonexistent: same answer
      {Method::GET, "/api/v1/disclosure/overdue?region=" + std::string(kZhuxi), nullptr},
      {Method::GET, "/api/v1/disclosure/dashboard?region=" + std::string(kZhuxi), nullptr},
  };
  for (const auto& p : probes) {
    auto r = call(p.m, p.target, p.body.is_null() ? "" : p.body.dump(), hefeng);
    EXPECT_EQ(r.status, 403) << to_string(p.m) << " " << p.target << " -> " << r.raw.body;
    EXPECT_EQ(r.raw.body.find("竹溪"), std::string::npos) << "leaks data: " << p.target;
  }
  EXPECT_EQ(count("op_log"), before);
  EXPECT_EQ(get("/api/v1/disclosure/catalogs", hefeng).json["total"], 0);
  // An all-scope caller learns that an id does not exist.
  EXPECT_EQ(get("/api/v1/disclosure/catalogs/999999", login("admin")).status, 404);
  // A clerk reads catalogues but may not change them.
  auto clerk = post("/api/v1/disclosure/catalogs", {{"region_code", kHefeng}, {"year", 2026}}, login("hefeng.clerk"));
  EXPECT_EQ(clerk.status, 403);
  EXPECT_EQ(clerk.error_code(), "permission_denied");
  EXPECT_EQ(get("/api/v1/disclosure/catalogs/" + id, login("zhuxi.clerk")).status, 200);
  EXPECT_EQ(get("/api/v1/disclosure/catalogs/" + id, login("discipline")).status, 200);
}

TEST_F(DisclosureCatalog, ValidationNamesTheField) {
  auto street = login("street");
  auto hefeng = login("hefeng.secretary");
  const auto expect_field = [](const ApiResult& r, const std::string& field) {
    EXPECT_EQ(r.status, 400) << r.raw.body;
    EXPECT_EQ(r.json["error"].value("field", ""), field) << r.raw.body;
  };
  const std::string catalogs = "/api/v1/disclosure/catalogs";
  expect_field(post(catalogs, {{"region_code", kHefeng}, {"year", 1999}}, hefeng), "year");
  expect_field(post(catalogs, {{"region_code", kHefeng}}, hefeng), "year");
  expect_field(post(catalogs, {{"region_code", kHefeng}, {"year", "2026"}}, hefeng), "year");
  expect_field(post(catalogs, {{"region_code", kHefeng}, {"year", 2026}, {"is_template", true}}, hefeng),
               "region_code");  // a community keeps no template
  expect_field(post(catalogs, {{"region_code", kStreet}, {"year", 2026}}, street), "region_code");
  expect_field(post(catalogs, {{"region_code", kHefeng + std::string("001")}, {"year", 2026}}, hefeng),
               "region_code");  // a grid keeps no catalogue
  expect_field(post(catalogs, {{"region_code", kHefeng}, {"year", 2026}, {"name", ""}}, hefeng), "name");
  expect_field(post(catalogs, {{"region_code", kHefeng}, {"year", 2026}, {"color", "red"}}, hefeng), "color");
  expect_field(post(catalogs + "/adopt", {{"region_code", kStreet}, {"year", 2026}}, street), "region_code");
  expect_field(get(catalogs + "?year=20x6", hefeng), "year");
  expect_field(get(catalogs + "?is_template=maybe", hefeng), "is_template");
  expect_field(get("/api/v1/disclosure/overdue?as_of=2026-02-30", hefeng), "as_of");
  expect_field(get("/api/v1/disclosure/overdue?sort=title", hefeng), "sort");
  expect_field(get("/api/v1/disclosure/catalogs/abc", hefeng), "id");

  auto cat = create({{"region_code", kHefeng}, {"year", 2026}}, hefeng);
  EXPECT_TRUE(cat["items"].empty());
  const auto items = items_of(cat["id"]);
  const auto bad = [&](const std::string& field, const json& value) {
    auto body = item("finance.test", "finance", "quarterly", 20);
    if (value.is_null()) body.erase(field);
    else body[field] = value;
    return post(items, body, hefeng);
  };
  expect_field(bad("code", "Finance Test"), "code");
  expect_field(bad("code", "1finance"), "code");
  expect_field(bad("code", "finance..x"), "code");
  expect_field(bad("code", nullptr), "code");
  expect_field(bad("title", nullptr), "title");
  expect_field(bad("title", std::string(101, 'x')), "title");
  expect_field(bad("category", "money"), "category");
  expect_field(bad("frequency", "weekly"), "frequency");
  expect_field(bad("due_days", -1), "due_days");
  expect_field(bad("due_days", 367), "due_days");
  expect_field(bad("threshold_fen", 5'000'000), "threshold_fen");  // only immediate items have one
  expect_field(bad("sort", -1), "sort");
  expect_field(patch(items + "/finance.test", {{"frequency", "hourly"}}, hefeng), "frequency");

  auto ok = item("finance.test", "finance", "immediate", 3);
  ok["threshold_fen"] = 5'000'000;
  ASSERT_EQ(post(items, ok, hefeng).status, 201);
  auto dup = post(items, ok, hefeng);
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.error_code(), "duplicate_item");
  EXPECT_EQ(dup.json["error"]["field"], "code");
  expect_field(patch(items + "/finance.test", {{"category", "money"}}, hefeng), "category");
  EXPECT_EQ(patch(items + "/finance.none", {{"title", "x"}}, hefeng).status, 404);
  // A threshold of 0 clears it.
  auto cleared = patch(items + "/finance.test", {{"threshold_fen", 0}}, hefeng);
  ASSERT_EQ(cleared.status, 200) << cleared.raw.body;
  EXPECT_TRUE(cleared.json["threshold_fen"].is_null());

  // An item a disclosure cites stays: 409, and nothing is deleted.
  auto cited = post(items, item("finance.cited", "finance", "quarterly", 20), hefeng);
  ASSERT_EQ(cited.status, 201);
  disclose(kHefeng, cited.json["id"], "2026-Q1", "draft", std::nullopt);
  auto refused = del(items + "/finance.cited", hefeng);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.error_code(), "item_in_use");
  EXPECT_EQ(get("/api/v1/disclosure/catalogs/" + cat["id"].dump(), hefeng).json["items"].size(), 2u);
}

// Hefeng (pinned today: 2026-11-21) has a quarterly, a monthly, a yearly and an immediate item;
// Zhuxi only the quarterly one and has published nothing. Counted by hand below.
TEST_F(DisclosureCatalog, OverdueAndDashboardCountFromRecords) {
  auto hefeng = login("hefeng.secretary");
  auto zhuxi = login("zhuxi.secretary");
  auto h = create({{"region_code", kHefeng}, {"year", 2026}}, hefeng);
  auto z = create({{"region_code", kZhuxi}, {"year", 2026}}, zhuxi);
  const auto hi = items_of(h["id"]), zi = items_of(z["id"]);
  const auto q = post(hi, item("finance.q", "finance", "quarterly", 20), hefeng).json["id"].get<std::int64_t>();
  const auto m = post(hi, item("finance.m", "finance", "monthly", 10), hefeng).json["id"].get<std::int64_t>();
  ASSERT_EQ(post(hi, item("party.y", "party", "yearly", 31), hefeng).status, 201);
  auto now_item = item("affairs.now", "affairs", "immediate", 3);
  ASSERT_EQ(post(hi, now_item, hefeng).status, 201);
  ASSERT_EQ(post(zi, item("finance.q", "finance", "quarterly", 20), zhuxi).status, 201);
  // A catalogue of next year: nothing of it is due yet.
  auto next = create({{"region_code", kHefeng}, {"year", 2027}}, hefeng);
  ASSERT_EQ(post(items_of(next["id"]), item("finance.m", "finance", "monthly", 10), hefeng).status, 201);

  // Q1 on time; Q2 at 23:59:59 Shanghai on its due date 07-20 (on time); Q3 one second later
  // than 10-20 ends in Shanghai (late). January published, then corrected: the first
  // publication counts. February withdrawn and March only a draft: both still overdue.
  disclose(kHefeng, q, "2026-Q1", "published", "2026-04-15T02:00:00Z");
  disclose(kHefeng, q, "2026-Q2", "published", "2026-07-20T15:59:59Z");
  disclose(kHefeng, q, "2026-Q3", "published", "2026-10-20T16:00:00Z");
  disclose(kHefeng, m, "2026-01", "superseded", "2026-02-05T01:00:00Z");
  disclose(kHefeng, m, "2026-01", "published", "2026-03-01T01:00:00Z");
  disclose(kHefeng, m, "2026-02", "withdrawn", "2026-03-05T01:00:00Z");
  disclose(kHefeng, m, "2026-03", "draft", std::nullopt);

  // Overdue today (2026-11-21): Hefeng's months 02..10 (10 is due 11-10; 11 is due 12-10), and
  // Zhuxi's Q1..Q3. Quarter 4, the year and the immediate item are not periodic dues yet.
  auto street = login("street");
  auto all = get("/api/v1/disclosure/overdue?size=200", street);
  ASSERT_EQ(all.status, 200) << all.raw.body;
  EXPECT_EQ(all.json["as_of"], "2026-11-21");
  ASSERT_EQ(all.json["total"], 9 + 3);
  // Most overdue first: Hefeng's February (due 03-10, 256 days) comes before Zhuxi's Q1 (04-20).
  EXPECT_EQ(all.json["items"][0]["region_code"], kHefeng);
  EXPECT_EQ(all.json["items"][0]["period"], "2026-02");
  EXPECT_EQ(all.json["items"][0]["due_date"], "2026-03-10");
  EXPECT_EQ(all.json["items"][0]["days_overdue"], 256);
  EXPECT_EQ(all.json["items"][0]["item_code"], "finance.m");
  EXPECT_EQ(all.json["items"][0]["region_name"], "荷风社区");
  EXPECT_EQ(all.json["items"][1]["period"], "2026-03");
  std::multiset<std::string> seen;
  for (const auto& o : all.json["items"]) seen.insert(o["region_code"].get<std::string>() + " " + o["period"].get<std::string>());
  for (const char* p : {"2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"})
    EXPECT_EQ(seen.count(std::string(kHefeng) + " " + p), 1u) << p;
  for (const char* p : {"2026-Q1", "2026-Q2", "2026-Q3"}) EXPECT_EQ(seen.count(std::string(kZhuxi) + " " + p), 1u) << p;
  auto last = all.json["items"][11];
  EXPECT_EQ(last["period"], "2026-10");
  EXPECT_EQ(last["days_overdue"], 11);

  // Paging and sorting; the community sees its own, the discipline office everything.
  auto page = get("/api/v1/disclosure/overdue?size=5&page=3&sort=due_date", street);
  EXPECT_EQ(page.json["total"], 12);
  EXPECT_EQ(page.json["items"].size(), 2u);
  EXPECT_EQ(page.json["items"][1]["due_date"], "2026-11-10");
  EXPECT_EQ(get("/api/v1/disclosure/overdue", hefeng).json["total"], 9);
  EXPECT_EQ(get("/api/v1/disclosure/overdue", login("hefeng.clerk")).json["total"], 9);
  EXPECT_EQ(get("/api/v1/disclosure/overdue?region=" + std::string(kZhuxi), login("discipline")).json["total"], 3);
  EXPECT_EQ(get("/api/v1/disclosure/overdue", login("discipline")).json["total"], 12);
  EXPECT_EQ(get("/api/v1/disclosure/overdue", login("hefeng.resident")).status, 403);
  // As of an earlier date: on 10-20 Zhuxi's Q3 is due that very day, not yet overdue.
  EXPECT_EQ(get("/api/v1/disclosure/overdue?as_of=2026-10-21", street).json["total"], 8 + 3);
  EXPECT_EQ(get("/api/v1/disclosure/overdue?as_of=2026-10-20", street).json["total"], 8 + 2);
  EXPECT_EQ(get("/api/v1/disclosure/overdue?as_of=2026-01-01", street).json["total"], 0);

  // Dashboard for 2026, counted independently: Hefeng has 4 + 12 + 1 = 17 periods; due before
  // 11-21 are Q1..Q3 and months 01..10 (13); on time Q1, Q2, January (3); late Q3 (1); the
  // rest overdue (9). Zhuxi: 4 periods, 3 due, 3 overdue. Other communities have no catalogue.
  auto dash = get("/api/v1/disclosure/dashboard?year=2026", street);
  ASSERT_EQ(dash.status, 200) << dash.raw.body;
  EXPECT_EQ(dash.json["year"], 2026);
  EXPECT_EQ(dash.json["as_of"], "2026-11-21");
  ASSERT_EQ(dash.json["communities"].size(), 6u);
  const auto row = [&](const json& d, const std::string& code) {
    for (const auto& r : d["communities"])
      if (r["region_code"] == code) return r;
    ADD_FAILURE() << "no row for " << code;
    return json();
  };
  auto hr = row(dash.json, kHefeng), zr = row(dash.json, kZhuxi);
  EXPECT_EQ(hr["catalog_id"], h["id"]);
  EXPECT_EQ(hr["region_name"], "荷风社区");
  EXPECT_EQ(hr["periods"], 17);
  EXPECT_EQ(hr["due"], 13);
  EXPECT_EQ(hr["published_on_time"], 3);
  EXPECT_EQ(hr["published_late"], 1);
  EXPECT_EQ(hr["overdue"], 9);
  EXPECT_EQ(zr["periods"], 4);
  EXPECT_EQ(zr["due"], 3);
  EXPECT_EQ(zr["published_on_time"], 0);
  EXPECT_EQ(zr["published_late"], 0);
  EXPECT_EQ(zr["overdue"], 3);
  auto songtao = row(dash.json, "339902001003");
  EXPECT_TRUE(songtao["catalog_id"].is_null());
  EXPECT_EQ(songtao["periods"], 0);
  EXPECT_EQ(dash.json["totals"],
            (json{{"periods", 21}, {"due", 16}, {"published_on_time", 3}, {"published_late", 1}, {"overdue", 12}}));
  // The overdue list and the dashboard agree.
  EXPECT_EQ(dash.json["totals"]["overdue"], all.json["total"]);

  // The same figures for each viewer, restricted by scope; the year defaults to today's.
  auto own = get("/api/v1/disclosure/dashboard", hefeng);
  ASSERT_EQ(own.status, 200);
  ASSERT_EQ(own.json["communities"].size(), 1u);
  EXPECT_EQ(own.json["year"], 2026);
  EXPECT_EQ(own.json["communities"][0], hr);
  EXPECT_EQ(get("/api/v1/disclosure/dashboard?year=2026", login("discipline")).json, dash.json);
  EXPECT_EQ(get("/api/v1/disclosure/dashboard?year=2026&region=" + std::string(kZhuxi), street)
                .json["totals"]["overdue"],
            3);
  auto y2027 = get("/api/v1/disclosure/dashboard?year=2027", street);
  EXPECT_EQ(y2027.json["totals"]["periods"], 12);
  EXPECT_EQ(y2027.json["totals"]["due"], 0);
  EXPECT_EQ(get("/api/v1/disclosure/dashboard?year=1999", street).status, 400);
}

}  // namespace
}  // namespace ql::test
