// Assets, resources and contracts end to end, on whichever backend QL_TEST_BACKEND names:
// validation naming the field, disposal only through an asset deal, data scope, schedules and
// arrears computed against a pinned date, every warning rule with its evidence and the
// region's thresholds, imports (all or nothing, UTF-8 and GB18030 CSV, xlsx template), exports.
#include <gtest/gtest.h>
#include <iconv.h>

#include "api_fixture.hpp"
#include "attachment_samples.hpp"
#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "core/table_reader.hpp"
#include "ledger/asset.hpp"

namespace ql::test {
namespace {

using http::Method;
using nlohmann::json;

constexpr const char* kHefeng = "339902001001";
constexpr const char* kZhuxi = "339902001002";
constexpr const char* kStreet = "339902001000";

std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string in = utf8, out(utf8.size() * 2 + 16, '\0');
  char* src = in.data();
  char* dst = out.data();
  std::size_t left = in.size(), room = out.size();
  const auto rc = iconv(cd, &src, &left, &dst, &room);
  iconv_close(cd);
  EXPECT_NE(rc, static_cast<std::size_t>(-1));
  out.resize(out.size() - room);
  return out;
}

class Assets : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    const auto pinned = *parse_iso("2026-11-21T08:00:00Z");  // business date 2026-11-21
    set_clock_for_testing([pinned] { return pinned; });
    clerk_ = login("hefeng.clerk");
  }
  void TearDown() override {
    set_clock_for_testing(nullptr);
    ApiTest::TearDown();
  }

  json asset(json extra = json::object()) {
    json a = {{"region_code", kHefeng}, {"code", "T-001"},          {"name", "村民活动中心"},
              {"category", "房屋建筑物"}, {"original_value_fen", 52'000'000}, {"acquired_date", "2020-05-01"}};
    for (auto& [k, v] : extra.items()) a[k] = v;
    return a;
  }

  std::int64_t land(const std::string& code, bool arable = true) {
    auto r = post("/api/v1/ledger/resources",
                  json{{"region_code", kHefeng}, {"code", code}, {"name", "测试地块" + code}, {"kind", "land"},
                       {"arable", arable}, {"area_milli", 10'000}, {"area_unit", "mu"}},
                  clerk_);
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return r.json.value("id", std::int64_t{0});
  }

  json contract(std::int64_t subject, const std::string& number, const std::string& start, const std::string& end,
                std::int64_t total, json extra = json::object()) {
    json k = {{"region_code", kHefeng}, {"number", number},    {"kind", "contracting"}, {"subject_type", "resource"},
              {"subject_id", subject},  {"counterparty", "张三"}, {"start_date", start},     {"end_date", end},
              {"area_milli", 10'000},   {"unit_price_fen", 80'000}, {"total_fen", total}};
    for (auto& [k2, v] : extra.items()) k[k2] = v;
    return k;
  }

  static std::vector<std::string> warnings(const json& c) {
    std::vector<std::string> out;
    for (const auto& w : c["warnings"]) out.push_back(w["type"].get<std::string>() + "/" + w["level"].get<std::string>());
    return out;
  }

  std::string clerk_;
};

TEST_F(Assets, RegisterValidateAndDisposeOnlyByDeal) {
  auto r = post("/api/v1/ledger/assets", asset(), clerk_);
  ASSERT_EQ(r.status, 201) << r.raw.body;
  EXPECT_EQ(r.json["category"], "building");  // the dictionary's value for the label
  EXPECT_EQ(r.json["status"], "in_use");
  const auto url = "/api/v1/ledger/assets/" + r.json["id"].dump();

  const auto field_of = [&](json body) {
    auto x = post("/api/v1/ledger/assets", body, clerk_);
    EXPECT_EQ(x.status, 400) << x.raw.body;
    return x.json["error"].value("field", "");
  };
  EXPECT_EQ(field_of(asset({{"code", "T-002"}, {"category", "飞船"}})), "category");
  EXPECT_EQ(field_of(asset({{"code", "T-002"}, {"acquired_date", "2026-11-22"}})), "acquired_date");
  EXPECT_EQ(field_of(asset({{"code", "T-002"}, {"acquired_date", "2026-02-30"}})), "acquired_date");
  EXPECT_EQ(field_of(asset({{"code", "T-002"}, {"original_value_fen", 1.5}})), "original_value_fen");
  // Books are per village: the street office naming the street itself is told so.
  auto street = post("/api/v1/ledger/assets", asset({{"code", "T-002"}, {"region_code", kStreet}}), login("street"));
  EXPECT_EQ(street.status, 400);
  EXPECT_EQ(street.json["error"].value("field", ""), "region_code");
  EXPECT_EQ(post("/api/v1/ledger/assets", asset(), clerk_).error_code(), "duplicate_asset_code");
  EXPECT_EQ(post("/api/v1/ledger/assets", asset({{"code", "T-003"}, {"region_code", kZhuxi}}), clerk_).status, 403);
  EXPECT_EQ(get(url, login("zhuxi.clerk")).status, 403);

  // Disposal is refused as an edit and at registration, with the rule named.
  auto d = patch(url, json{{"status", "disposed"}}, clerk_);
  EXPECT_EQ(d.status, 409);
  EXPECT_EQ(d.error_code(), "disposal_requires_deal");
  EXPECT_EQ(post("/api/v1/ledger/assets", asset({{"code", "T-004"}, {"status", "disposed"}}), clerk_).error_code(),
            "disposal_requires_deal");

  // A status change is audited with from/to.
  ASSERT_EQ(patch(url, json{{"status", "idle"}, {"custodian", "李四"}}, clerk_).status, 200);
  auto c = connect();
  const auto changes = json::parse(*c->scalar(
      "SELECT changes FROM op_log WHERE object_type = 'asset' AND action = 'update' ORDER BY id DESC LIMIT 1"));
  EXPECT_EQ(changes["status"]["from"], "in_use");
  EXPECT_EQ(changes["status"]["to"], "idle");

  // The asset-deal module's path disposes; afterwards the asset is fixed.
  const auto id = r.json["id"].get<std::int64_t>();
  auto disposed = ledger::dispose_asset_by_deal(*c, auth::system_principal("deal"), id, "JY-2026-007");
  EXPECT_EQ(disposed["status"], "disposed");
  EXPECT_EQ(disposed["disposal_ref"], "JY-2026-007");
  EXPECT_EQ(patch(url, json{{"name", "x"}}, clerk_).error_code(), "asset_disposed");

  auto list = get("/api/v1/ledger/assets?region=" + std::string(kHefeng) + "&status=disposed", clerk_);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json["total"], 1);
  EXPECT_EQ(get("/api/v1/ledger/assets?region=" + std::string(kHefeng), login("zhuxi.clerk")).status, 403);
}

TEST_F(Assets, PhotosAreCheckedStoredAndLimited) {
  auto r = post("/api/v1/ledger/assets", asset(), clerk_);
  ASSERT_EQ(r.status, 201) << r.raw.body;
  const auto url = "/api/v1/ledger/assets/" + r.json["id"].dump();
  const http::Headers png = {{"Content-Type", "image/png"}};
  auto up = call(Method::POST, url + "/photos?filename=C:%5Cscan%5Cfront", kPngFile, clerk_, png);
  ASSERT_EQ(up.status, 201) << up.raw.body;
  EXPECT_EQ(up.json["filename"], "front.png");  // path dropped, extension from the sniffed type
  EXPECT_EQ(up.json["content_type"], "image/png");
  auto got = get(url + "/photos/" + up.json["id"].dump(), login("hefeng.supervisor"));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.raw.body, kPngFile);
  EXPECT_EQ(got.raw.headers.at("X-Content-Type-Options"), "nosniff");
  auto detail = get(url, clerk_);
  EXPECT_EQ(detail.json["photo_count"], 1);
  EXPECT_EQ(detail.json["photos"][0]["sha256"], up.json["sha256"]);
  EXPECT_EQ(call(Method::POST, url + "/photos?filename=a.txt", "plain text", clerk_, {{"Content-Type", "text/plain"}}).status, 415);
  EXPECT_EQ(get(url + "/photos/" + up.json["id"].dump(), login("zhuxi.clerk")).status, 403);
  for (int i = 2; i <= ledger::kMaxAssetPhotos; ++i)
    ASSERT_EQ(call(Method::POST, url + "/photos?filename=p.png", kPngFile, clerk_, png).status, 201);
  EXPECT_EQ(call(Method::POST, url + "/photos?filename=p.png", kPngFile, clerk_, png).error_code(), "too_many_photos");
  auto c = connect();
  ledger::dispose_asset_by_deal(*c, auth::system_principal("deal"), r.json["id"].get<std::int64_t>(), "JY-1");
  EXPECT_EQ(get(url, clerk_).json["photo_count"], ledger::kMaxAssetPhotos);
  EXPECT_EQ(call(Method::POST, url + "/photos?filename=p.png", kPngFile, clerk_, png).error_code(), "asset_disposed");
}

TEST_F(Assets, ScheduleArrearsAndWarningsAgainstThePinnedDate) {
  const auto field = land("T-ZY-1");
  // Five yearly instalments of 1,000 yuan from 2025-01-01; the first paid, the second
  // (2026-01-01) 324 days overdue on 2026-11-21: red.
  auto r = post("/api/v1/ledger/contracts",
                contract(field, "T-HT-1", "2025-01-01", "2029-12-31", 500'000,
                         {{"counterparty_id_no", "330102199001011234"}}),
                clerk_);
  ASSERT_EQ(r.status, 201) << r.raw.body;
  EXPECT_EQ(r.json["counterparty_id_no"], "330***********1234");
  ASSERT_EQ(r.json["instalments"].size(), 5u);
  EXPECT_EQ(r.json["instalments"][1]["due_date"], "2026-01-01");
  const auto url = "/api/v1/ledger/contracts/" + r.json["id"].dump();
  auto paid = post(url + "/payments", json{{"amount_fen", 100'000}, {"paid_date", "2025-01-05"}}, clerk_);
  ASSERT_EQ(paid.status, 201) << paid.raw.body;
  EXPECT_EQ(paid.json["arrears_fen"], 100'000);
  EXPECT_EQ(paid.json["days_overdue"], 324);
  EXPECT_EQ(paid.json["instalments"][1]["arrears_fen"], 100'000);
  EXPECT_EQ(warnings(paid.json), std::vector<std::string>{"payment_overdue/red"});
  EXPECT_EQ(paid.json["warnings"][0]["evidence"]["due_date"], "2026-01-01");

  // Paying half leaves the rest overdue; paying it clears the warning.
  auto half = post(url + "/payments", json{{"amount_fen", 50'000}, {"paid_date", "2026-11-20"}, {"voucher_ref", "2026-11 第3号"}}, clerk_);
  EXPECT_EQ(half.json["instalments"][1]["arrears_fen"], 50'000);
  auto full = post(url + "/payments", json{{"amount_fen", 50'000}, {"paid_date", "2026-11-21"}}, clerk_);
  EXPECT_EQ(full.json["arrears_fen"], 0);
  EXPECT_TRUE(full.json["warnings"].empty());
  EXPECT_EQ(full.json["next_due_date"], "2027-01-01");
  EXPECT_EQ(post(url + "/payments", json{{"amount_fen", 1}, {"paid_date", "2026-11-22"}}, clerk_).json["error"]["field"],
            "paid_date");
  EXPECT_EQ(post(url + "/payments", json{{"amount_fen", 300'001}, {"paid_date", "2026-11-21"}}, clerk_).error_code(),
            "payment_exceeds_total");

  // Overdue by less than two months is yellow (due 2026-10-01, red only after 2026-12-01).
  auto y = post("/api/v1/ledger/contracts",
                contract(land("T-ZY-2"), "T-HT-2", "2026-10-01", "2027-09-30", 120'000,
                         {{"schedule", json::array({{{"due_date", "2026-10-01"}, {"amount_fen", 60'000}},
                                                    {{"due_date", "2027-04-01"}, {"amount_fen", 60'000}}})}}),
                clerk_);
  ASSERT_EQ(y.status, 201) << y.raw.body;
  EXPECT_EQ(warnings(y.json), std::vector<std::string>{"payment_overdue/yellow"});
  EXPECT_EQ(y.json["warnings"][0]["evidence"]["days_overdue"], 51);

  // A schedule must sum to the total; dates and subjects are checked, each naming its field.
  const auto field_of = [&](json body) {
    auto x = post("/api/v1/ledger/contracts", body, clerk_);
    EXPECT_EQ(x.status, 400) << x.raw.body;
    return x.json["error"].value("field", "");
  };
  EXPECT_EQ(field_of(contract(field, "T-HT-3", "2026-01-01", "2026-12-31", 1000,
                              {{"schedule", json::array({{{"due_date", "2026-01-01"}, {"amount_fen", 999}}})}})),
            "schedule");
  EXPECT_EQ(field_of(contract(field, "T-HT-3", "2026-01-01", "2025-12-31", 1000)), "end_date");
  EXPECT_EQ(field_of(contract(field, "T-HT-3", "2026-01-01", "2026-12-31", 1000, {{"counterparty_id_no", "12345"}})),
            "counterparty_id_no");
  EXPECT_EQ(field_of(contract(field, "T-HT-3", "2026-01-01", "2026-12-31", 1000,
                              {{"schedule", json::array({{{"due_date", "2026-13-01"}, {"amount_fen", 1000}}})}})),
            "schedule[0].due_date");
  auto zhuxi_land = post("/api/v1/ledger/resources",
                         json{{"region_code", kZhuxi}, {"code", "Z-1"}, {"name", "竹溪地块"}, {"kind", "land"}},
                         login("zhuxi.clerk"));
  ASSERT_EQ(zhuxi_land.status, 201);
  EXPECT_EQ(field_of(contract(zhuxi_land.json["id"].get<std::int64_t>(), "T-HT-3", "2026-01-01", "2026-12-31", 1000)),
            "subject_id");
  EXPECT_EQ(post("/api/v1/ledger/contracts", contract(field, "T-HT-1", "2026-01-01", "2026-12-31", 1000), clerk_)
                .error_code(),
            "duplicate_contract_number");
}

TEST_F(Assets, TermAndPriceLimitsComeFromTheRegion) {
  const auto arable = land("T-ZY-A"), plain = land("T-ZY-B", false);
  const auto term = [&](std::int64_t subject, const std::string& number, const std::string& end) {
    auto r = post("/api/v1/ledger/contracts", contract(subject, number, "2026-12-01", end, 2'500'000), clerk_);
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return r.json;
  };
  // Arable land: 30 years is the limit; other land 20. (Starting next month: nothing is due yet.)
  EXPECT_TRUE(warnings(term(arable, "T-A-30", "2056-11-30")).empty());
  const auto long_arable = term(arable, "T-A-31", "2056-12-01");
  EXPECT_EQ(warnings(long_arable), std::vector<std::string>{"term_too_long/red"});
  EXPECT_EQ(long_arable["warnings"][0]["evidence"]["limit_years"], 30);
  EXPECT_EQ(warnings(term(plain, "T-B-25", "2051-11-30")), std::vector<std::string>{"term_too_long/red"});

  // The street relaxes the plain limit to 25 years and sets a reference price for arable land.
  const auto street = login("street");
  auto put = call(Method::PUT, "/api/v1/ledger/asset-settings",
                  json{{"region_code", kStreet}, {"max_term_years", 25}, {"max_term_years_arable", 30},
                       {"min_price_percent", 60},
                       {"reference_prices", json::array({{{"kind", "arable"}, {"area_unit", "mu"}, {"price_fen", 150'000}}})}}
                      .dump(),
                  street);
  ASSERT_EQ(put.status, 200) << put.raw.body;
  EXPECT_EQ(call(Method::PUT, "/api/v1/ledger/asset-settings", put.raw.body, clerk_).status, 403);  // no permission
  auto inherited = get("/api/v1/ledger/asset-settings?region=" + std::string(kHefeng), clerk_);
  EXPECT_EQ(inherited.json["inherited_from"], kStreet);
  EXPECT_EQ(inherited.json["max_term_years"], 25);

  auto after = get("/api/v1/ledger/contract-warnings?region=" + std::string(kHefeng) + "&size=200", clerk_);
  ASSERT_EQ(after.status, 200) << after.raw.body;
  std::map<std::string, std::vector<std::string>> by_contract;
  for (const auto& w : after.json["items"])
    by_contract[w["number"].get<std::string>()].push_back(w["type"].get<std::string>() + "/" + w["level"].get<std::string>());
  EXPECT_FALSE(by_contract.contains("T-B-25"));  // within 25 years now
  // 800 yuan/亩 is 53% of the 1,500 reference, below the street's 60 %.
  EXPECT_EQ(by_contract["T-A-30"], std::vector<std::string>{"price_below_reference/red"});
  for (const auto& w : after.json["items"])
    if (w["number"] == "T-A-30") {
      EXPECT_EQ(w["evidence"]["reference_price_fen"], 150'000);
      EXPECT_EQ(w["evidence"]["percent_of_reference"], 53);
    }
  auto red = get("/api/v1/ledger/contract-warnings?region=" + std::string(kHefeng) + "&level=red&type=term_too_long",
                 clerk_);
  EXPECT_EQ(red.json["total"], 1);  // T-A-31

  EXPECT_EQ(get("/api/v1/ledger/contract-warnings?region=" + std::string(kHefeng), login("zhuxi.clerk")).status, 403);
  auto summary = get("/api/v1/ledger/asset-summary?region=" + std::string(kHefeng), clerk_);
  ASSERT_EQ(summary.status, 200);
  EXPECT_EQ(summary.json["contracts"]["active"], 3);
  EXPECT_EQ(summary.json["warnings"]["by_type"]["price_below_reference"], 2);  // T-A-30 and T-A-31
  EXPECT_EQ(summary.json["resources"]["by_kind"]["land"], 2);
}

TEST_F(Assets, ImportsAreAllOrNothingWithEveryProblem) {
  const std::string header = "资产编号,资产名称,资产类别,原值(元),取得日期,存放地点,保管人,状态\n";
  const std::string bad = header +
                          "I-1,水泵,机器设备,\"1,200.50\",2024-03-01,泵房,王五,在用\n"
                          "I-2,电脑,办公设备,12.345,2024-13-01,,,\n"
                          "I-1,重复,飞船,100,2024-01-01,,,已处置\n";
  const auto target = "/api/v1/ledger/assets/import?region=" + std::string(kHefeng);
  auto preview = call(Method::POST, target + "&dry_run=true", to_gb18030(bad), clerk_);
  ASSERT_EQ(preview.status, 200) << preview.raw.body;
  EXPECT_FALSE(preview.json["valid"].get<bool>());
  EXPECT_EQ(preview.json["rows"][0]["original_value_fen"], 120'050);
  EXPECT_EQ(preview.json["rows"][0]["name"], "水泵");  // decoded from GB18030
  std::set<std::pair<int, std::string>> where;
  for (const auto& p : preview.json["problems"]) where.insert({p["row"].get<int>(), p["column"].get<std::string>()});
  EXPECT_EQ(where, (std::set<std::pair<int, std::string>>{
                       {3, "原值(元)"}, {3, "取得日期"}, {4, "资产类别"}, {4, "状态"}, {4, "资产编号"}}));
  const auto before = count("asset");
  auto rejected = call(Method::POST, target, bad, clerk_);
  EXPECT_EQ(rejected.status, 400);
  EXPECT_EQ(rejected.error_code(), "import_rejected");
  EXPECT_EQ(rejected.json["error"]["problems"].size(), 5u);
  EXPECT_EQ(count("asset"), before);

  auto ok = call(Method::POST, target, header + "I-1,水泵,机器设备,1200.50,2024-03-01,泵房,王五,闲置\n", clerk_);
  ASSERT_EQ(ok.status, 201) << ok.raw.body;
  EXPECT_EQ(ok.json["created"], 1);
  EXPECT_EQ(count("asset"), before + 1);

  // The downloadable xlsx templates import as they are (the contract one needs its resource).
  auto tpl = get("/api/v1/ledger/assets/template?format=xlsx", clerk_);
  ASSERT_EQ(tpl.status, 200);
  EXPECT_EQ(call(Method::POST, target, tpl.raw.body, clerk_).status, 201);
  land("ZY-001");
  auto ctpl = get("/api/v1/ledger/contracts/template", clerk_);
  auto imported = call(Method::POST, "/api/v1/ledger/contracts/import?region=" + std::string(kHefeng), ctpl.raw.body, clerk_);
  ASSERT_EQ(imported.status, 201) << imported.raw.body;
  auto list = get("/api/v1/ledger/contracts?region=" + std::string(kHefeng) + "&q=HT-2026-001", clerk_);
  ASSERT_EQ(list.json["total"], 1);
  EXPECT_EQ(list.json["items"][0]["area_milli"], 12'500);
  EXPECT_EQ(list.json["items"][0]["total_fen"], 5'000'000);

  // Another village's clerk cannot import into Hefeng.
  EXPECT_EQ(call(Method::POST, target, tpl.raw.body, login("zhuxi.clerk")).status, 403);

  // The contracts list downloads with the same rows.
  auto csv = get("/api/v1/ledger/contracts?region=" + std::string(kHefeng) + "&format=csv", clerk_);
  ASSERT_EQ(csv.status, 200);
  std::vector<std::string> numbers;
  table::read(csv.raw.body, {{"合同编号"}, {"总价(元)"}}, [&](const table::Row& r) { numbers.emplace_back(r[0]); });
  EXPECT_EQ(numbers, std::vector<std::string>{"HT-2026-001"});
}

}  // namespace
}  // namespace ql::test
