#include "cli/witness.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "cli/http_client.hpp"
#include "core/error.hpp"
#include "disclosure/tlog_note.hpp"
#include "disclosure/tlog_tree.hpp"

namespace ql::cli {
namespace {

constexpr std::uint64_t kNow = 1'790'000'000;

// A log in memory behind the three URLs the witness reads, and a record of what it posts.
class FakeLog final : public HttpFetcher {
 public:
  explicit FakeLog(std::string origin = "example.gov.cn/test-log")
      : key_(tlog::Signer::generate(origin)), origin_(std::move(origin)) {}

  void append(int n) {
    for (int i = 0; i < n; ++i) tree_.append("entry " + std::to_string(tree_.size()));
  }
  tlog::Checkpoint checkpoint() const { return {origin_, tree_.size(), tlog::tree_hash(tree_.size(), tree_), {}}; }
  void use_key(tlog::Signer k) { key_ = std::move(k); }

  HttpResponse get(const std::string& path) override {
    gets.push_back(path);
    if (path == "/log/key") return {200, "text/plain", key_.vkey() + "\n"};
    if (path == "/log/checkpoint") {
      if (forged) return {200, "text/plain", tlog::sign_checkpoint(*forged, key_)};
      return {200, "text/plain", tlog::sign_checkpoint(checkpoint(), key_)};
    }
    if (path.starts_with("/api/v1/log/proof/consistency?")) {
      const auto from = std::stoull(path.substr(path.find("from=") + 5));
      const auto to = std::stoull(path.substr(path.find("to=") + 3));
      nlohmann::json out = nlohmann::json::array();
      for (const auto& h : tlog::consistency_proof(from, to, tree_)) out.push_back(tlog::hash_base64(h));
      return {200, "application/json", out.dump()};
    }
    return {404, "application/json", "{}"};
  }
  HttpResponse post(const std::string& path, const std::string& body, const std::string&) override {
    posts.emplace_back(path, body);
    return {post_status, "application/json", "{}"};
  }

  std::vector<std::string> gets;
  std::vector<std::pair<std::string, std::string>> posts;
  int post_status = 200;
  std::optional<tlog::Checkpoint> forged;

 private:
  tlog::MemoryHashStore tree_;
  tlog::Signer key_;
  std::string origin_;
};

int exit_code_of(FakeLog& log, WitnessState& state) {
  try {
    run_witness(log, state, "w", kNow);
  } catch (const WitnessError& e) {
    return e.exit_code();
  }
  return 0;
}

TEST(Witness, FirstRunTrustsTheLogKeyAndCosigns) {
  FakeLog log;
  log.append(3);
  WitnessState state;
  WitnessState committed;
  auto r = run_witness(log, state, "district-jiwei", kNow, [&](const WitnessState& s) { committed = s; });
  EXPECT_TRUE(r.log_key_trusted_now);
  EXPECT_TRUE(r.accepted);
  EXPECT_EQ(r.size, 3u);
  EXPECT_FALSE(r.previous_size);
  EXPECT_EQ(state, committed);
  EXPECT_EQ(*state.size, 3u);
  EXPECT_EQ(state.root, tlog::hash_base64(log.checkpoint().root));
  const auto witness = tlog::Signer::from_skey(state.witness_skey);
  EXPECT_EQ(witness.name(), "district-jiwei");
  EXPECT_EQ(witness.type(), tlog::KeyType::cosignature_v1);
  EXPECT_EQ(r.witness_vkey, witness.vkey());
  // The posted note carries the log's signature and the witness's cosignature at `now`.
  ASSERT_EQ(log.posts.size(), 1u);
  EXPECT_EQ(log.posts[0].first, "/api/v1/log/cosignatures");
  const std::vector<tlog::Verifier> known = {witness.verifier()};
  const auto opened = tlog::open_note(log.posts[0].second, known);
  ASSERT_EQ(opened.verified.size(), 1u);
  EXPECT_EQ(tlog::cosignature_timestamp(opened.verified[0]), kNow);
  EXPECT_EQ(tlog::open_checkpoint(log.posts[0].second, tlog::Verifier::from_vkey(state.log_vkey), "example.gov.cn/test-log"),
            log.checkpoint());
  // No consistency proof is needed on the first run.
  for (const auto& g : log.gets) EXPECT_FALSE(g.starts_with("/api/v1/log/proof"));
}

TEST(Witness, ConsistentGrowthIsCheckedAndAccepted) {
  FakeLog log;
  log.append(2);
  WitnessState state;
  run_witness(log, state, "w", kNow);
  const auto key = state.witness_skey;
  log.append(5);
  auto r = run_witness(log, state, "w", kNow + 60);
  EXPECT_EQ(r.previous_size, std::optional<std::uint64_t>(2));
  EXPECT_EQ(r.size, 7u);
  EXPECT_FALSE(r.log_key_trusted_now);
  EXPECT_EQ(state.witness_skey, key);  // the same witness key every run
  EXPECT_NE(std::find(log.gets.begin(), log.gets.end(), "/api/v1/log/proof/consistency?from=2&to=7"), log.gets.end());
  // Same size again: nothing to prove, cosigned again.
  EXPECT_EQ(exit_code_of(log, state), 0);
  EXPECT_EQ(log.posts.size(), 3u);
}

TEST(Witness, RollbackIsAnError) {
  FakeLog log;
  log.append(4);
  WitnessState state;
  run_witness(log, state, "w", kNow);
  const auto before = state;
  auto cp = log.checkpoint();
  cp.size = 2;
  log.forged = cp;
  try {
    run_witness(log, state, "w", kNow);
    FAIL() << "a rollback was accepted";
  } catch (const WitnessError& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_NE(std::string(e.what()).find("ROLLBACK"), std::string::npos) << e.what();
  }
  EXPECT_EQ(state, before);  // the state keeps what the witness saw
}

TEST(Witness, SplitViewIsDetected) {
  FakeLog log;
  log.append(4);
  WitnessState state;
  run_witness(log, state, "w", kNow);
  const auto before = state;
  // Another checkpoint of the same size, properly signed by the log: a fork.
  auto cp = log.checkpoint();
  cp.root = tlog::leaf_hash("another history");
  log.forged = cp;
  try {
    run_witness(log, state, "w", kNow);
    FAIL() << "a split view was accepted";
  } catch (const WitnessError& e) {
    EXPECT_EQ(e.exit_code(), 4);
    const std::string what = e.what();
    EXPECT_NE(what.find("SPLIT VIEW"), std::string::npos) << what;
    EXPECT_NE(what.find(before.root), std::string::npos) << what;
    EXPECT_NE(what.find(tlog::hash_base64(cp.root)), std::string::npos) << what;
  }
  EXPECT_EQ(state, before);
  EXPECT_EQ(log.posts.size(), 1u);  // nothing cosigned
}

TEST(Witness, AGrownCheckpointThatDoesNotExtendTheOldOneIsAnError) {
  FakeLog log;
  log.append(3);
  WitnessState state;
  run_witness(log, state, "w", kNow);
  log.append(3);
  auto cp = log.checkpoint();
  cp.root = tlog::leaf_hash("rewritten");
  log.forged = cp;
  EXPECT_EQ(exit_code_of(log, state), 3);
  EXPECT_EQ(*state.size, 3u);
}

TEST(Witness, ALogKeyChangeIsAnError) {
  FakeLog log;
  log.append(1);
  WitnessState state;
  run_witness(log, state, "w", kNow);
  log.use_key(tlog::Signer::generate("example.gov.cn/test-log"));
  try {
    run_witness(log, state, "w", kNow);
    FAIL() << "a new log key was accepted";
  } catch (const WitnessError& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_NE(std::string(e.what()).find("LOG KEY CHANGED"), std::string::npos) << e.what();
  }
}

TEST(Witness, ARefusedCosignatureStillRemembersTheCheckpoint) {
  FakeLog log;
  log.append(2);
  log.post_status = 400;
  WitnessState state;
  auto r = run_witness(log, state, "w", kNow);
  EXPECT_FALSE(r.accepted);
  EXPECT_NE(r.server_answer.find("400"), std::string::npos);
  EXPECT_EQ(*state.size, 2u);
}

TEST(Witness, StateFileRoundTripsAtomicallyAndPrivately) {
  const auto dir = std::filesystem::temp_directory_path() / ("ql-witness-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  const auto path = (dir / "state.json").string();
  EXPECT_EQ(load_witness_state(path), WitnessState{});  // missing: empty
  FakeLog log;
  log.append(3);
  WitnessState state;
  run_witness(log, state, "w", kNow, [&](const WitnessState& s) { save_witness_state(path, s); });
  EXPECT_EQ(load_witness_state(path), state);
  struct stat st{};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ofstream(path) << "{\"checkpoint\":{\"size\":1,\"root\":\"nope\"}}";
  EXPECT_THROW(load_witness_state(path), Error);
  std::filesystem::remove_all(dir);
}

TEST(HttpClient, ParsesResponsesAndRejectsBadUrls) {
  auto r = parse_http_response("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(r.content_type, "text/plain");
  r = parse_http_response("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "abcde");
  EXPECT_THROW(parse_http_response("garbage"), Error);
  EXPECT_THROW(parse_http_response("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort"), Error);
  HttpClient c("http://127.0.0.1:8080/");
  EXPECT_EQ(c.host(), "127.0.0.1");
  EXPECT_EQ(c.port(), 8080);
  EXPECT_EQ(HttpClient("http://example.org").port(), 80);
  EXPECT_THROW(HttpClient("https://example.org"), Error);
  EXPECT_THROW(HttpClient("ftp://example.org"), Error);
  EXPECT_THROW(HttpClient("http://:80"), Error);
  EXPECT_THROW(HttpClient("http://host:99999"), Error);
}

TEST(HttpClient, ConnectionRefusedIsAClearError) {
  // Port 1 on loopback: nothing listens there in a test environment.
  HttpClient c("http://127.0.0.1:1", std::chrono::seconds(2));
  try {
    c.get("/log/checkpoint");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "http_error");
    EXPECT_NE(e.message_en().find("127.0.0.1:1"), std::string::npos) << e.message_en();
  }
}

}  // namespace
}  // namespace ql::cli
