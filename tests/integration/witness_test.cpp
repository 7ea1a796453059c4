// Witness cosigning end to end, on whichever backend QL_TEST_BACKEND names: the App served by a
// real http::Server on a free port, `qinglian log witness`'s logic (cli::run_witness) talking
// to it over the real HTTP client.
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "cli/http_client.hpp"
#include "cli/witness.hpp"
#include "disclosure/tlog_note.hpp"
#include "http/server.hpp"

namespace ql::test {
namespace {

using http::Method;
constexpr const char* kHefeng = "339902001001";
constexpr std::uint64_t kNow = 1'790'000'000;

class WitnessApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    http::ServerOptions opts;
    opts.port = 0;
    opts.threads = 2;
    server_ = std::make_unique<http::Server>(opts, app_->router(), app_->metrics());
    server_->start();
    url_ = "http://127.0.0.1:" + std::to_string(server_->port());
  }
  void TearDown() override {
    server_.reset();
    ApiTest::TearDown();
  }

  void publish(const std::string& clerk, const std::string& title) {
    auto d = post("/api/v1/disclosures",
                  {{"region", kHefeng}, {"category", "finance"}, {"stage", "after"}, {"title", title}, {"body", "明细"}},
                  clerk);
    ASSERT_EQ(d.status, 201) << d.raw.body;
    auto id = std::to_string(d.json["id"].get<std::int64_t>());
    ASSERT_EQ(call(Method::POST, "/api/v1/disclosures/" + id + "/publish", "", clerk).status, 200);
  }

  tlog::Verifier log_key() { return app_->log_identity().signer.verifier(); }
  std::string origin() { return app_->log_identity().origin; }

  std::unique_ptr<http::Server> server_;
  std::string url_;
};

TEST_F(WitnessApi, WitnessCosignsOverHttpAndDetectsASplitView) {
  const auto admin = login("admin");
  const auto clerk = login("hefeng.clerk");
  publish(clerk, "第一条公开");
  publish(clerk, "第二条公开");

  // The witness key is generated on the first run; the server does not know it yet.
  cli::HttpClient http(url_);
  cli::WitnessState state;
  auto first = cli::run_witness(http, state, "district-jiwei", kNow);
  EXPECT_TRUE(first.log_key_trusted_now);
  EXPECT_EQ(state.log_vkey, log_key().vkey());
  EXPECT_EQ(first.size, 2u);
  EXPECT_FALSE(first.accepted);
  EXPECT_NE(first.server_answer.find("cosignature_unverified"), std::string::npos) << first.server_answer;

  // The admin registers it (once); a repeat is a conflict, a malformed or log-type key a 400.
  auto reg = post("/api/v1/log/witnesses", {{"vkey", first.witness_vkey}}, admin);
  ASSERT_EQ(reg.status, 201) << reg.raw.body;
  EXPECT_EQ(reg.json["name"], "district-jiwei");
  EXPECT_EQ(post("/api/v1/log/witnesses", {{"vkey", first.witness_vkey}}, admin).error_code(), "witness_exists");
  auto bad = post("/api/v1/log/witnesses", {{"vkey", "nope"}}, admin);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json["error"]["field"], "vkey");
  EXPECT_EQ(post("/api/v1/log/witnesses", {{"vkey", log_key().vkey()}}, admin).json["error"]["field"], "vkey");
  EXPECT_EQ(post("/api/v1/log/witnesses", {{"vkey", first.witness_vkey}}, clerk).status, 403);
  auto listed = get("/api/v1/log/witnesses", clerk);
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.json.size(), 1u);
  EXPECT_EQ(listed.json[0]["vkey"], first.witness_vkey);

  auto second = cli::run_witness(http, state, "ignored", kNow + 1);
  EXPECT_TRUE(second.accepted) << second.server_answer;
  EXPECT_EQ(second.previous_size, std::optional<std::uint64_t>(2));

  // The checkpoint now carries the cosignature, and still opens with the log key alone.
  const auto witness = tlog::Verifier::from_vkey(first.witness_vkey);
  auto served = call(Method::GET, "/log/checkpoint");
  ASSERT_EQ(served.status, 200);
  EXPECT_EQ(tlog::open_checkpoint(served.raw.body, log_key(), origin()).size, 2u);
  const std::vector<tlog::Verifier> witnesses = {witness};
  auto opened = tlog::open_note(served.raw.body, witnesses);
  ASSERT_EQ(opened.verified.size(), 1u);
  EXPECT_EQ(tlog::cosignature_timestamp(opened.verified[0]), kNow + 1);
  // Posting the same cosigned note again changes nothing.
  EXPECT_EQ(call(Method::POST, "/api/v1/log/cosignatures", served.raw.body).status, 200);
  EXPECT_EQ(count("tlog_cosignature"), 1);
  {
    auto c = connect();
    EXPECT_EQ(c->scalar("SELECT username FROM op_log WHERE action = 'cosign'").value_or(""), "witness:district-jiwei");
    EXPECT_FALSE(c->scalar("SELECT user_id FROM op_log WHERE action = 'cosign'").has_value());
  }
  auto status = get("/api/v1/log/status", clerk);
  ASSERT_EQ(status.status, 200) << status.raw.body;
  EXPECT_EQ(status.json["size"], 2);
  EXPECT_EQ(status.json["checkpoint"], served.raw.body);
  ASSERT_EQ(status.json["cosignatures"].size(), 1u);
  EXPECT_EQ(status.json["cosignatures"][0]["witness"], "district-jiwei");
  EXPECT_TRUE(status.json["verified"].is_null());

  // The log grows; the next run checks consistency and cosigns the new size.
  publish(clerk, "第三条公开");
  publish(clerk, "第四条公开");
  publish(clerk, "第五条公开");
  auto third = cli::run_witness(http, state, "ignored", kNow + 2);
  EXPECT_TRUE(third.accepted) << third.server_answer;
  EXPECT_EQ(third.size, 5u);
  EXPECT_EQ(*state.size, 5u);
  served = call(Method::GET, "/log/checkpoint");
  EXPECT_EQ(tlog::open_checkpoint(served.raw.body, log_key(), origin()).size, 5u);
  EXPECT_EQ(tlog::open_note(served.raw.body, witnesses).verified.size(), 1u);

  // Cosignatures of checkpoints the log never signed, or by nobody registered, are refused.
  auto forged_cp = tlog::open_checkpoint(served.raw.body, log_key(), origin());
  forged_cp.root = tlog::leaf_hash("another history");
  const auto forged_note = tlog::sign_checkpoint(forged_cp, app_->log_identity().signer);
  auto stranger = tlog::Signer::generate("stranger", tlog::KeyType::cosignature_v1);
  EXPECT_EQ(call(Method::POST, "/api/v1/log/cosignatures", tlog::add_cosignature(forged_note, stranger, kNow)).error_code(),
            "tlog_unknown_checkpoint");
  const auto plain = tlog::sign_checkpoint(tlog::open_checkpoint(served.raw.body, log_key(), origin()),
                                          app_->log_identity().signer);
  EXPECT_EQ(call(Method::POST, "/api/v1/log/cosignatures", tlog::add_cosignature(plain, stranger, kNow)).error_code(),
            "cosignature_unverified");
  // Next to a registered witness's line, a stranger's is ignored, not stored.
  EXPECT_EQ(call(Method::POST, "/api/v1/log/cosignatures", tlog::add_cosignature(served.raw.body, stranger, kNow))
                .status,
            200);
  EXPECT_EQ(count("tlog_cosignature"), 2);
  EXPECT_EQ(call(Method::POST, "/api/v1/log/cosignatures", "not a note").status, 400);

  // A split view: a witness that was shown another checkpoint of the same size.
  cli::WitnessState other = state;
  other.root = tlog::hash_base64(forged_cp.root);
  try {
    cli::run_witness(http, other, "ignored", kNow + 3);
    FAIL() << "the split view went unnoticed";
  } catch (const cli::WitnessError& e) {
    EXPECT_EQ(e.exit_code(), 4);
    EXPECT_NE(std::string(e.what()).find("SPLIT VIEW"), std::string::npos) << e.what();
  }
  // And one that was shown a smaller tree that this log does not extend.
  cli::WitnessState older = state;
  older.size = 3;
  older.root = tlog::hash_base64(tlog::leaf_hash("not the log's tree of size 3"));
  try {
    cli::run_witness(http, older, "ignored", kNow + 3);
    FAIL() << "an inconsistent history went unnoticed";
  } catch (const cli::WitnessError& e) {
    EXPECT_EQ(e.exit_code(), 3);
  }
}

}  // namespace
}  // namespace ql::test
