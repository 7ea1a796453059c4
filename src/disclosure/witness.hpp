#pragma once
// Witnesses of the publication log (c2sp.org/tlog-witness, c2sp.org/tlog-cosignature): a
// second party (e.g. the district 纪委) checks that each new checkpoint is consistent with the
// last one it saw and cosigns it. The server keeps the witness keys it accepts, stores the
// cosignatures of checkpoints it signed, and serves them as extra signature lines of the
// checkpoint note, so that a client trusting a witness sees that the witness saw the same log.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "disclosure/publication_log.hpp"
#include "store/database.hpp"

namespace ql::disclosure {

// Registers a witness's cosignature/v1 key (type 0x04). Throws invalid_field("vkey") when the
// vkey is malformed or of another type, conflict (witness_exists) when a witness of that name
// exists. Returns {"name","vkey","created_at"}.
nlohmann::json add_witness(store::Connection& c, const auth::Principal& actor, std::string_view vkey);

// Every registered witness, by name: [{"name","vkey","created_at"}].
nlohmann::json list_witnesses(store::Connection& c);

// Accepts a checkpoint note carrying witness cosignature lines (text/plain as a witness posts
// it). The checkpoint must be exactly one this log signed (same origin, size and root as the
// stored checkpoint of that size, no extension lines) and at least one line must verify with
// a registered witness key; every verified line is stored (once per witness and size, a newer
// line replacing an older) and recorded in the operation log as "witness:<name>". Throws
// bad_request: tlog_malformed_note / tlog_malformed_checkpoint, tlog_unknown_checkpoint,
// tlog_note_bad_signature (a registered witness's line fails), cosignature_unverified.
// Returns {"checkpoint_size", "witnesses":[names]}.
nlohmann::json accept_cosignatures(store::Connection& c, const LogIdentity& log, std::string_view note,
                                   const std::string& ip);

// The latest checkpoint note with the stored cosignature lines of its size appended.
std::string cosigned_checkpoint(store::Connection& c, const LogIdentity& log);

// {"size","root","checkpoint","cosignatures":[{"witness","checkpoint_size","created_at"}]}
// for the latest checkpoint.
nlohmann::json log_status(store::Connection& c, const LogIdentity& log);

}  // namespace ql::disclosure
