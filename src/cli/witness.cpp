#include "cli/witness.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "disclosure/tlog_note.hpp"
#include "disclosure/tlog_tree.hpp"

namespace ql::cli {
namespace {

Error state_error(const std::string& path, const std::string& why) {
  return bad_request("witness_state_invalid", "见证状态文件 " + path + " 无效: " + why,
                     "Witness state file " + path + " is invalid: " + why);
}

std::string trim_newlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string shorten(const std::string& body) { return body.size() > 300 ? body.substr(0, 300) + "..." : body; }

HttpResponse expect_ok(HttpResponse r, const std::string& what) {
  if (r.status != 200)
    throw WitnessError(3, what + ": HTTP " + std::to_string(r.status) + " " + shorten(r.body));
  return r;
}

}  // namespace

WitnessState load_witness_state(const std::string& path) {
  WitnessState s;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (std::filesystem::exists(path)) throw state_error(path, "unreadable");
    return s;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  const auto j = nlohmann::json::parse(buf.str(), nullptr, false);
  if (!j.is_object()) throw state_error(path, "not a JSON object");
  try {
    s.witness_skey = j.value("witness_skey", "");
    s.log_vkey = j.value("log_vkey", "");
    if (j.contains("checkpoint") && !j["checkpoint"].is_null()) {
      s.size = j["checkpoint"].at("size").get<std::uint64_t>();
      s.root = j["checkpoint"].at("root").get<std::string>();
      if (!tlog::parse_hash_base64(s.root)) throw state_error(path, "checkpoint.root is not a base64 hash");
    }
    if (!s.witness_skey.empty()) (void)tlog::Signer::from_skey(s.witness_skey);
    if (!s.log_vkey.empty()) (void)tlog::Verifier::from_vkey(s.log_vkey);
  } catch (const Error& e) {
    if (e.code() == "witness_state_invalid") throw;
    throw state_error(path, e.message_en());
  } catch (const nlohmann::json::exception& e) {
    throw state_error(path, e.what());
  }
  return s;
}

void save_witness_state(const std::string& path, const WitnessState& state) {
  nlohmann::json j = {{"witness_skey", state.witness_skey}, {"log_vkey", state.log_vkey}, {"checkpoint", nullptr}};
  if (state.size) j["checkpoint"] = {{"size", *state.size}, {"root", state.root}};
  const auto text = j.dump(2) + "\n";
  const auto target = std::filesystem::path(path);
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
  const auto tmp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw state_error(path, "cannot create " + tmp);
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    throw state_error(path, "write failed");
  }
}

WitnessResult run_witness(HttpFetcher& http, WitnessState& state, const std::string& name, std::uint64_t now,
                          const std::function<void(const WitnessState&)>& commit) {
  WitnessState next = state;
  if (next.witness_skey.empty())
    next.witness_skey = tlog::Signer::generate(name, tlog::KeyType::cosignature_v1).skey();
  const auto witness = tlog::Signer::from_skey(next.witness_skey);
  if (witness.type() != tlog::KeyType::cosignature_v1)
    throw WitnessError(3, "the witness key is not a cosignature/v1 key");

  WitnessResult result;
  result.witness_vkey = witness.vkey();

  // The log's key: trusted on first use, and never silently replaced afterwards.
  const auto served_key = trim_newlines(expect_ok(http.get("/log/key"), "GET /log/key").body);
  if (next.log_vkey.empty()) {
    try {
      (void)tlog::Verifier::from_vkey(served_key);
    } catch (const Error& e) {
      throw WitnessError(3, "the log's key is invalid: " + e.message_en());
    }
    next.log_vkey = served_key;
    result.log_key_trusted_now = true;
  } else if (served_key != next.log_vkey) {
    throw WitnessError(3, "LOG KEY CHANGED: the log now serves " + served_key + ", but the witness trusts " +
                              next.log_vkey + " (a new key needs a new state file, after checking why)");
  }
  const auto log_key = tlog::Verifier::from_vkey(next.log_vkey);

  const auto note = expect_ok(http.get("/log/checkpoint"), "GET /log/checkpoint").body;
  tlog::Checkpoint cp;
  try {
    cp = tlog::open_checkpoint(note, log_key, log_key.name());
  } catch (const Error& e) {
    throw WitnessError(3, "the checkpoint does not verify with the log key: " + e.message_en());
  }
  const auto root = tlog::hash_base64(cp.root);
  result.size = cp.size;
  result.root = root;
  result.previous_size = state.size;

  if (state.size) {
    const auto old_size = *state.size;
    if (cp.size < old_size)
      throw WitnessError(3, "ROLLBACK: the log's checkpoint has size " + std::to_string(cp.size) +
                                ", smaller than the size " + std::to_string(old_size) + " the witness saw");
    if (cp.size == old_size && root != state.root)
      throw WitnessError(4, "SPLIT VIEW: size " + std::to_string(cp.size) + " has root " + root +
                                " now, but root " + state.root + " before: the log showed two different histories");
    if (cp.size > old_size) {
      const auto target = "/api/v1/log/proof/consistency?from=" + std::to_string(old_size) + "&to=" +
                          std::to_string(cp.size);
      const auto body = expect_ok(http.get(target), "GET " + target).body;
      tlog::Proof proof;
      const auto j = nlohmann::json::parse(body, nullptr, false);
      bool ok = j.is_array();
      if (ok) {
        for (const auto& h : j) {
          const auto hash = h.is_string() ? tlog::parse_hash_base64(h.get<std::string>()) : std::nullopt;
          if (!hash) {
            ok = false;
            break;
          }
          proof.push_back(*hash);
        }
      }
      const auto old_root = tlog::parse_hash_base64(state.root);
      if (!ok || !old_root || !tlog::verify_consistency(old_size, cp.size, proof, *old_root, cp.root))
        throw WitnessError(3, "NOT CONSISTENT: the checkpoint of size " + std::to_string(cp.size) + " (root " +
                                  root + ") does not extend size " + std::to_string(old_size) + " (root " +
                                  state.root + ") the witness saw");
    }
  }

  next.size = cp.size;
  next.root = root;
  if (commit) commit(next);
  state = next;

  if (cp.size == 0) {
    result.server_answer = "the log is empty: nothing to cosign";
    return result;
  }
  const auto cosigned = tlog::add_cosignature(note, witness, now);
  const auto answer = http.post("/api/v1/log/cosignatures", cosigned, "text/plain; charset=utf-8");
  result.accepted = answer.status == 200;
  if (!result.accepted)
    result.server_answer = "HTTP " + std::to_string(answer.status) + " " + shorten(answer.body);
  return result;
}

}  // namespace ql::cli
