#pragma once
// `qinglian log witness`: a second party (e.g. the district 纪委) follows the publication log
// as a C2SP tlog witness. Each run fetches the log's checkpoint, opens it with the log key it
// trusted on first use, checks that it extends the checkpoint it saw last (consistency proof),
// cosigns it (cosignature/v1) and posts the cosigned note back to the server. A checkpoint of
// the same size with another root is a split view: the log showed two different histories.
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "cli/http_client.hpp"

namespace ql::cli {

// The witness's memory, kept in a JSON file (0600): its own secret key, the log's key and the
// last checkpoint it verified.
struct WitnessState {
  std::string witness_skey;  // "PRIVATE+KEY+<name>+<id>+<base64(0x04 || seed)>"
  std::string log_vkey;      // trusted on first use
  std::optional<std::uint64_t> size;
  std::string root;          // base64, with size
  bool operator==(const WitnessState&) const = default;
};

// Reads the state file; a missing file is an empty state. Throws ql::Error bad_request
// (witness_state_invalid) naming the file when it is not a valid state.
WitnessState load_witness_state(const std::string& path);
// Writes the state atomically (temporary file in the same directory, fsync, rename), 0600.
void save_witness_state(const std::string& path, const WitnessState& state);

// A failed check; exit_code is what `qinglian log witness` exits with (3: verification
// failed: rollback, no consistency, changed log key, bad signature; 4: SPLIT VIEW; 5: the server did not
// accept the cosignature).
class WitnessError : public std::runtime_error {
 public:
  WitnessError(int exit_code, const std::string& what) : std::runtime_error(what), exit_code_(exit_code) {}
  int exit_code() const noexcept { return exit_code_; }

 private:
  int exit_code_;
};

struct WitnessResult {
  std::string witness_vkey;          // register it once: POST /api/v1/log/witnesses
  std::uint64_t size = 0;            // the checkpoint cosigned
  std::string root;                  // base64
  std::optional<std::uint64_t> previous_size;
  bool log_key_trusted_now = false;  // first run: the log key was taken on trust
  bool accepted = false;             // the server stored the cosignature
  std::string server_answer;         // its body when it did not
};

// One witness run against `http`. `name` names a newly generated witness key (first run).
// `now` is the cosignature's timestamp (Unix seconds). `commit` is called with the updated
// state once the checkpoint has been verified, before the cosignature is sent, so the witness
// remembers what it saw even if the server refuses the cosignature. Throws WitnessError for a
// failed check (the state is left as it was) and ql::Error for transport problems.
WitnessResult run_witness(HttpFetcher& http, WitnessState& state, const std::string& name, std::uint64_t now,
                          const std::function<void(const WitnessState&)>& commit = {});

}  // namespace ql::cli
