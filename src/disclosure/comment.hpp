#pragma once
// Residents' questions and comments on a publication (居民留言). Anyone with the QR code may
// submit one without logging in; it stays invisible until a supervisor of the community
// (三方监督, disclosure:comment:moderate) approves it, and the community's secretary or clerk
// (disclosure:comment:answer) answers it publicly. Submissions are rate-limited per client and
// per publication; the client is known only by a salted hash of its address.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "core/paging.hpp"
#include "disclosure/publication_log.hpp"
#include "store/database.hpp"

namespace ql::disclosure {

// Defaults from the issue; a deployment may tune them (they are not part of the data).
struct CommentLimits {
  int per_client_window = 5;              // submissions of one client within `window`
  std::chrono::seconds window{10 * 60};
  int per_client_day = 20;                // within 24 hours
  int per_publication_day = 100;          // all clients together, per publication, 24 hours
  std::chrono::seconds form_max_age{12 * 60 * 60};  // an elderly resident may type slowly
};

// Length limits of the form fields, in characters; the page and the API document them.
inline constexpr std::size_t kCommentMinChars = 2;
inline constexpr std::size_t kCommentMaxChars = 500;
inline constexpr std::size_t kAuthorMaxChars = 20;
inline constexpr std::size_t kAnswerMaxChars = 2000;
inline constexpr std::size_t kReasonMaxChars = 200;

// The server's secrets for residents' forms, derived from the publication log's signing key so
// that no new key file has to be managed: a form-token key (HMAC-SHA256) and the salt of client
// hashes. Neither is stored in the database, so a database dump does not reveal addresses.
class CommentKeys {
 public:
  explicit CommentKeys(std::string_view secret);
  static CommentKeys from_log(const LogIdentity& log);

  // A token for the comment form of disclosure `id`, issued at `at`: "<unix seconds>.<mac>".
  // It proves the form came from our page (an anonymous form has no session to bind to).
  std::string form_token(std::int64_t disclosure_id, TimePoint at) const;
  // True when token was issued by form_token for disclosure_id, not in the future and not older
  // than max_age.
  bool form_token_valid(std::string_view token, std::int64_t disclosure_id, TimePoint at,
                        std::chrono::seconds max_age) const;
  // Hex SHA-256 of the salt and the client's address: stored for rate limiting only.
  std::string client_hash(std::string_view client_address) const;

 private:
  std::string form_key_, salt_;
};

// A publication as the resident page shows it: published, superseded (with the id of the
// current correction) or withdrawn. nullopt for a draft, a missing id or another region's.
std::optional<nlohmann::json> public_disclosure(store::Connection& c, const std::string& region_code,
                                                std::int64_t id);

// Approved comments of a publication, oldest first, as the page shows them:
// [{"id","kind","body","author","created_at","answer","answered_at"}].
nlohmann::json public_comments(store::Connection& c, std::int64_t disclosure_id);

struct Submission {
  std::string kind;    // question or comment
  std::string body;    // plain text; newlines kept
  std::string author;  // empty: anonymous
  std::string form_token;
};

// Validates and stores a resident's submission as pending. Errors, each a ql::Error: 404 for a
// publication that is not on the region's page; 409 comment_closed when it is superseded or
// withdrawn; 403 form_expired for a missing, forged or stale form token; 400 invalid_field naming kind, body or name; 429 comment_rate_limited past a limit.
// Returns {"id","status":"pending"}.
nlohmann::json submit_comment(store::Connection& c, const CommentKeys& keys, const std::string& region_code,
                              std::int64_t disclosure_id, const Submission& s, const std::string& client_address,
                              const CommentLimits& limits = {});

struct CommentFilter {
  std::optional<std::string> region, status, kind;
  std::optional<std::int64_t> disclosure_id;
  std::optional<bool> answered;
};

// Staff list, within the actor's data scope (the publication's region); needs
// disclosure:comment:moderate or disclosure:comment:answer. Sort: created_at, status.
// {"items","total"}; items as comment_json (client hashes are never shown).
nlohmann::json list_comments(store::Connection& c, const auth::Principal& actor, const CommentFilter& f,
                             const PageRequest& page);

// Moderation (disclosure:comment:moderate): pending or rejected → approved, pending or approved
// → rejected (with a reason); 409 comment_state otherwise. Audited in the same transaction.
nlohmann::json approve_comment(store::Connection& c, const auth::Principal& actor, std::int64_t id);
nlohmann::json reject_comment(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                              const std::string& reason);
// Sets or replaces the public answer of an approved comment (disclosure:comment:answer);
// 409 comment_state unless approved. Audited with the before/after answer.
nlohmann::json answer_comment(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                              const std::string& answer);

}  // namespace ql::disclosure
