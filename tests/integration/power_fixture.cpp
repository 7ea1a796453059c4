// ApiTest::approved_power_case: a completed power case through the real API, for the ledger
// tests whose payment vouchers must cite one (power/approval_ref.hpp).
#include "api_fixture.hpp"

namespace ql::test {

std::string ApiTest::approved_power_case(const std::string& region, const std::string& slug, std::int64_t amount_fen) {
  const auto secretary = login(slug + ".secretary");
  const auto clerk = login(slug + ".clerk");
  const nlohmann::json flow = {
      {"steps",
       {{{"key", "submit"}, {"name_zh", "提出申请"}, {"kind", "submit"}},
        {{"key", "approve"}, {"name_zh", "书记审批"}, {"kind", "approve"}, {"roles", {"secretary"}}}}}};
  auto item = post("/api/v1/power/items",
                   {{"region", region}, {"code", "test.payment"}, {"name_zh", "测试付款审批"}, {"group", "collective"},
                    {"kind", "spending"}, {"flow", flow}},
                   secretary);
  EXPECT_TRUE(item.status == 201 || item.error_code() == "item_exists") << item.raw.body;
  auto started = post("/api/v1/power/cases",
                      {{"item", "test.payment"}, {"region", region}, {"title", "测试付款"}, {"amount_fen", amount_fen}}, clerk);
  EXPECT_EQ(started.status, 201) << started.raw.body;
  auto done = post("/api/v1/power/cases/" + started.json["id"].dump() + "/actions",
                   {{"step", "approve"}, {"action", "approve"}}, secretary);
  EXPECT_EQ(done.status, 200) << done.raw.body;
  EXPECT_EQ(done.json["status"], "completed");
  return started.json.value("number", "");
}

}  // namespace ql::test
