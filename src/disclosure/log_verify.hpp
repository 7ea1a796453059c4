#pragma once
// `qinglian log verify`: recomputes the publication log from the database and checks that it
// still says what was signed, so that a row changed by hand (in any table involved) shows.
#include <cstdint>
#include <string>

#include "disclosure/tlog_note.hpp"
#include "store/database.hpp"

namespace ql::disclosure {

struct VerifyReport {
  bool ok = true;
  std::string first_mismatch;  // empty when ok
  std::uint64_t entries = 0, checkpoints = 0, disclosures = 0;
};

// Checks, stopping at the first mismatch:
// 1. every entry is the canonical entry rebuilt from its disclosure row as it is now;
// 2. every stored hash equals the hash recomputed from the entries;
// 3. every stored checkpoint's signature verifies with `key`, and its root is the recomputed
//    root at its size (so consecutive checkpoints are consistent; a consistency proof between
//    each pair is also checked);
// 4. every disclosure that is not a draft is in the log with its status explained by it, and
//    no draft is;
// 5. every attachment of a logged disclosure still has content with its logged SHA-256 and size.
VerifyReport verify_log(store::Connection& c, const tlog::Verifier& key);

}  // namespace ql::disclosure
