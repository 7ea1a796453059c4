#include "disclosure/comment.hpp"

#include <charconv>

#include "audit/operation_log.hpp"
#include "auth/scope.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "store/exclusive_lock.hpp"
#include "store/page_query.hpp"

namespace ql::disclosure {
namespace {

constexpr const char* kModerate = "disclosure:comment:moderate";
constexpr const char* kAnswer = "disclosure:comment:answer";

std::string raw_sha256(std::string_view data) {
  const auto h = crypto::sha256(data);
  return std::string(reinterpret_cast<const char*>(h.data()), h.size());
}

// RFC 2104 with SHA-256 (block size 64); keys here are always 32 bytes.
std::string hmac_sha256(std::string_view key, std::string_view message) {
  std::string k(key.size() > 64 ? raw_sha256(key) : std::string(key));
  k.resize(64, '\0');
  std::string inner(64, '\0'), outer(64, '\0');
  for (std::size_t i = 0; i < 64; ++i) {
    inner[i] = static_cast<char>(k[i] ^ 0x36);
    outer[i] = static_cast<char>(k[i] ^ 0x5c);
  }
  return raw_sha256(outer + raw_sha256(inner + std::string(message)));
}

std::int64_t unix_seconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// Plain text from a form: valid UTF-8 (PostgreSQL refuses anything else), no control
// characters except newline and tab in multi-line fields, CRLF folded to LF, trimmed.
std::string clean_text(const std::string& field, std::string value, std::size_t min_chars, std::size_t max_chars,
                       bool multiline) {
  if (text::clean_utf8(value, value.size()) != value)
    throw invalid_field(field, "含有无效字符", "contains invalid characters");
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto ch = static_cast<unsigned char>(value[i]);
    if (ch == '\r') {
      if (i + 1 < value.size() && value[i + 1] == '\n') continue;
      out += multiline ? '\n' : ' ';
      continue;
    }
    if ((ch == '\n' || ch == '\t') && multiline) {
      out += static_cast<char>(ch);
      continue;
    }
    if (ch < 0x20 || ch == 0x7F) throw invalid_field(field, "含有不允许的控制字符", "contains control characters");
    out += static_cast<char>(ch);
  }
  const auto first = out.find_first_not_of(" \t\n");
  out = first == std::string::npos ? std::string() : out.substr(first, out.find_last_not_of(" \t\n") - first + 1);
  text::require_length(field, out, min_chars, max_chars);
  return out;
}

void check_kind(const std::string& kind) {
  if (kind != "question" && kind != "comment")
    throw invalid_field("kind", "须为 question(提问)或 comment(留言)", "must be question or comment");
}

void check_status(const std::string& status) {
  if (status != "pending" && status != "approved" && status != "rejected")
    throw invalid_field("status", "须为 pending、approved 或 rejected", "must be pending, approved or rejected");
}

template <typename T>
nlohmann::json or_null(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

constexpr const char* kColumns =
    "m.id, m.disclosure_id, d.title AS disclosure_title, d.status AS disclosure_status, d.region_code, "
    "g.name AS region_name, m.kind, m.body, m.author, m.status, m.reject_reason, mu.username AS moderated_by, "
    "m.moderated_at, m.answer, au.username AS answered_by, m.answered_at, m.created_at, m.updated_at";
constexpr const char* kFrom =
    "disclosure_comment m JOIN disclosure d ON d.id = m.disclosure_id JOIN region g ON g.code = d.region_code "
    "LEFT JOIN app_user mu ON mu.id = m.moderated_by LEFT JOIN app_user au ON au.id = m.answered_by";

nlohmann::json comment_json(const store::Row& r) {
  return {{"id", r.get<std::int64_t>("id")},
          {"disclosure_id", r.get<std::int64_t>("disclosure_id")},
          {"disclosure_title", r.get<std::string>("disclosure_title")},
          {"disclosure_status", r.get<std::string>("disclosure_status")},
          {"region_code", r.get<std::string>("region_code")},
          {"region_name", r.get<std::string>("region_name")},
          {"kind", r.get<std::string>("kind")},
          {"body", r.get<std::string>("body")},
          {"author", r.get<std::string>("author")},
          {"status", r.get<std::string>("status")},
          {"reject_reason", or_null(r.opt<std::string>("reject_reason"))},
          {"moderated_by", or_null(r.opt<std::string>("moderated_by"))},
          {"moderated_at", or_null(r.opt<std::string>("moderated_at"))},
          {"answer", or_null(r.opt<std::string>("answer"))},
          {"answered_by", or_null(r.opt<std::string>("answered_by"))},
          {"answered_at", or_null(r.opt<std::string>("answered_at"))},
          {"created_at", r.get<std::string>("created_at")},
          {"updated_at", or_null(r.opt<std::string>("updated_at"))}};
}

std::optional<nlohmann::json> load(store::Connection& c, std::int64_t id) {
  auto rs = c.query(std::string("SELECT ") + kColumns + " FROM " + kFrom + " WHERE m.id = $1", {id});
  if (rs.empty()) return std::nullopt;
  return comment_json(rs.front());
}

// A comment the actor may act on: 403 outside the scope, and for a missing one unless the
// actor sees everything (a scoped user learns nothing about other communities).
nlohmann::json load_in_scope(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  auto m = load(c, id);
  if (!m) {
    if (actor.data_scope == auth::DataScope::all) throw not_found("留言", "Comment");
    throw forbidden();
  }
  auth::Scope(actor).require_region(c, (*m)["region_code"].get<std::string>());
  return *m;
}

Error state_error(const char* zh, const char* en) { return Error(ErrorKind::conflict, "comment_state", zh, en); }

Error rate_limited(const std::string& zh, const std::string& en) {
  return Error(ErrorKind::too_many_requests, "comment_rate_limited", zh, en);
}

std::optional<std::int64_t> user_of(const auth::Principal& actor) {
  return actor.user_id ? std::optional<std::int64_t>(actor.user_id) : std::nullopt;
}

}  // namespace

CommentKeys::CommentKeys(std::string_view secret)
    : form_key_(raw_sha256("qinglian/comment-form/v1\n" + std::string(secret))),
      salt_(raw_sha256("qinglian/comment-client/v1\n" + std::string(secret))) {}

CommentKeys CommentKeys::from_log(const LogIdentity& log) { return CommentKeys(log.signer.skey()); }

std::string CommentKeys::form_token(std::int64_t disclosure_id, TimePoint at) const {
  const auto ts = std::to_string(unix_seconds(at));
  return ts + "." + crypto::base64url(hmac_sha256(form_key_, "form|" + std::to_string(disclosure_id) + "|" + ts));
}

bool CommentKeys::form_token_valid(std::string_view token, std::int64_t disclosure_id, TimePoint at,
                                   std::chrono::seconds max_age) const {
  const auto dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 12) return false;
  std::int64_t issued = 0;
  const auto digits = token.substr(0, dot);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), issued);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return false;
  const auto expected = form_token(disclosure_id, TimePoint(std::chrono::seconds(issued)));
  if (!crypto::constant_time_equal(expected, token)) return false;
  const auto age = unix_seconds(at) - issued;
  return age >= -60 && age <= max_age.count();  // a minute of clock skew between servers
}

std::string CommentKeys::client_hash(std::string_view client_address) const {
  return crypto::sha256_hex(salt_ + "|" + std::string(client_address));
}

std::optional<nlohmann::json> public_disclosure(store::Connection& c, const std::string& region_code,
                                                std::int64_t id) {
  auto rs = c.query(
      "SELECT d.id, d.region_code, d.category, d.stage, d.title, d.body, d.period, d.status, d.log_index, "
      "d.published_at, d.withdrawn_reason, d.withdrawn_at, n.id AS corrected_by FROM disclosure d "
      "LEFT JOIN disclosure n ON n.supersedes_id = d.id AND n.status <> 'draft' "
      "WHERE d.id = $1 AND d.region_code = $2 AND d.status IN ('published', 'superseded', 'withdrawn')",
      {id, region_code});
  if (rs.empty()) return std::nullopt;
  const auto& r = rs.front();
  return nlohmann::json{{"id", r.get<std::int64_t>("id")},
                        {"region_code", r.get<std::string>("region_code")},
                        {"category", r.get<std::string>("category")},
                        {"stage", r.get<std::string>("stage")},
                        {"title", r.get<std::string>("title")},
                        {"body", r.get<std::string>("body")},
                        {"period", or_null(r.opt<std::string>("period"))},
                        {"status", r.get<std::string>("status")},
                        {"log_index", or_null(r.opt<std::int64_t>("log_index"))},
                        {"published_at", or_null(r.opt<std::string>("published_at"))},
                        {"withdrawn_reason", or_null(r.opt<std::string>("withdrawn_reason"))},
                        {"withdrawn_at", or_null(r.opt<std::string>("withdrawn_at"))},
                        {"corrected_by", or_null(r.opt<std::int64_t>("corrected_by"))}};
}

nlohmann::json public_comments(store::Connection& c, std::int64_t disclosure_id) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : c.query("SELECT id, kind, body, author, created_at, answer, answered_at FROM disclosure_comment "
                               "WHERE disclosure_id = $1 AND status = 'approved' ORDER BY created_at, id",
                               {disclosure_id}))
    out.push_back({{"id", r.get<std::int64_t>("id")},
                   {"kind", r.get<std::string>("kind")},
                   {"body", r.get<std::string>("body")},
                   {"author", r.get<std::string>("author")},
                   {"created_at", r.get<std::string>("created_at")},
                   {"answer", or_null(r.opt<std::string>("answer"))},
                   {"answered_at", or_null(r.opt<std::string>("answered_at"))}});
  return out;
}

nlohmann::json submit_comment(store::Connection& c, const CommentKeys& keys, const std::string& region_code,
                              std::int64_t disclosure_id, const Submission& s, const std::string& client_address,
                              const CommentLimits& limits) {
  const auto at = now();
  // The publication first: a form for a page that does not exist is simply not found.
  const auto d = public_disclosure(c, region_code, disclosure_id);
  if (!d) throw not_found("公开事项", "Disclosure");
  if ((*d)["status"] != "published")
    throw Error(ErrorKind::conflict, "comment_closed", "该公开事项已更正或撤回,不再接受留言",
                "This disclosure was corrected or withdrawn and takes no more comments");
  if (!keys.form_token_valid(s.form_token, disclosure_id, at, limits.form_max_age))
    throw Error(ErrorKind::forbidden, "form_expired", "页面已过期,请重新提交", "The form has expired; please submit again",
                "form_token");
  check_kind(s.kind);
  const auto body = clean_text("body", s.body, kCommentMinChars, kCommentMaxChars, true);
  const auto author = clean_text("name", s.author, 0, kAuthorMaxChars, false);
  const auto client = keys.client_hash(client_address);

  return store::with_transaction(c, [&](store::Connection& tx) {
    // Counting and inserting must not interleave with another submission, or a burst of
    // parallel posts would all see the same count.
    store::lock_exclusively(tx, "disclosure_comment:submit");
    const auto count = [&](const char* sql, const store::Param& key, std::chrono::seconds span) {
      return tx.query(sql, {key, to_iso(at - span)}).front().get<std::int64_t>(0);
    };
    constexpr const char* kByClient =
        "SELECT COUNT(*) FROM disclosure_comment WHERE client_hash = $1 AND created_at > $2";
    constexpr const char* kByDisclosure =
        "SELECT COUNT(*) FROM disclosure_comment WHERE disclosure_id = $1 AND created_at > $2";
    const std::chrono::seconds day{24 * 60 * 60};
    const auto minutes = std::to_string(limits.window.count() / 60);
    if (count(kByClient, client, limits.window) >= limits.per_client_window)
      throw rate_limited("提交太频繁:" + minutes + " 分钟内最多 " + std::to_string(limits.per_client_window) +
                             " 条,请稍后再试",
                         "Too many submissions: at most " + std::to_string(limits.per_client_window) + " in " +
                             minutes + " minutes; please try again later");
    if (count(kByClient, client, day) >= limits.per_client_day)
      throw rate_limited("今天的留言已达上限(每天 " + std::to_string(limits.per_client_day) + " 条),请明天再试",
                         "Daily limit reached (" + std::to_string(limits.per_client_day) +
                             " per day); please try again tomorrow");
    if (count(kByDisclosure, disclosure_id, day) >= limits.per_publication_day)
      throw rate_limited("这条公开内容今天收到的留言已达上限,请明天再试",
                         "This disclosure has received its maximum of comments for today; please try again tomorrow");
    const auto iso = to_iso(at);
    const auto id = tx.query("INSERT INTO disclosure_comment (disclosure_id, kind, body, author, status, client_hash, "
                             "created_at, updated_at) VALUES ($1, $2, $3, $4, 'pending', $5, $6, $6) RETURNING id",
                             {disclosure_id, s.kind, body, author, client, iso})
                        .front()
                        .get<std::int64_t>(0);
    return nlohmann::json{{"id", id}, {"status", "pending"}};
  });
}

nlohmann::json list_comments(store::Connection& c, const auth::Principal& actor, const CommentFilter& f,
                             const PageRequest& page) {
  if (!actor.can(kModerate) && !actor.can(kAnswer)) actor.require(kModerate);
  if (f.status) check_status(*f.status);
  if (f.kind) check_kind(*f.kind);
  store::Params params;
  std::string where = auth::Scope(actor).list_condition(c, f.region, "d.region_code", "", params);
  const auto eq = [&](const char* column, store::Param v) {
    params.push_back(std::move(v));
    where += std::string(" AND ") + column + " = $" + std::to_string(params.size());
  };
  if (f.status) eq("m.status", *f.status);
  if (f.kind) eq("m.kind", *f.kind);
  if (f.disclosure_id) eq("m.disclosure_id", *f.disclosure_id);
  if (f.answered) where += *f.answered ? " AND m.answer IS NOT NULL" : " AND m.answer IS NULL";
  auto rows = store::query_page(c, kColumns, kFrom, where, std::move(params),
                                PageRequest{page.page, page.size, "m." + page.sort, page.desc}, "m.id DESC");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows.rows) items.push_back(comment_json(r));
  return {{"items", std::move(items)}, {"total", rows.total}};
}

nlohmann::json approve_comment(store::Connection& c, const auth::Principal& actor, std::int64_t id) {
  actor.require(kModerate);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto before = load_in_scope(tx, actor, id);
    if (before["status"] == "approved") throw state_error("该留言已公开", "This comment is already approved");
    const auto at = now_iso();
    tx.query("UPDATE disclosure_comment SET status = 'approved', reject_reason = NULL, moderated_by = $2, "
             "moderated_at = $3, updated_at = $3 WHERE id = $1",
             {id, store::to_param(user_of(actor)), at});
    auto after = *load(tx, id);
    audit::record(tx, actor, "approve", "disclosure_comment", std::to_string(id),
                  before["region_code"].get<std::string>(), audit::diff(before, after));
    return after;
  });
}

nlohmann::json reject_comment(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                              const std::string& reason) {
  actor.require(kModerate);
  const auto why = clean_text("reason", reason, 2, kReasonMaxChars, false);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto before = load_in_scope(tx, actor, id);
    if (before["status"] == "rejected") throw state_error("该留言已不予公开", "This comment is already rejected");
    const auto at = now_iso();
    tx.query("UPDATE disclosure_comment SET status = 'rejected', reject_reason = $2, moderated_by = $3, "
             "moderated_at = $4, updated_at = $4 WHERE id = $1",
             {id, why, store::to_param(user_of(actor)), at});
    auto after = *load(tx, id);
    audit::record(tx, actor, "reject", "disclosure_comment", std::to_string(id),
                  before["region_code"].get<std::string>(), audit::diff(before, after));
    return after;
  });
}

nlohmann::json answer_comment(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                              const std::string& answer) {
  actor.require(kAnswer);
  const auto text = clean_text("answer", answer, 2, kAnswerMaxChars, true);
  return store::with_transaction(c, [&](store::Connection& tx) {
    const auto before = load_in_scope(tx, actor, id);
    // Answers are public; answering a comment nobody may see yet would publish half a thread.
    if (before["status"] != "approved")
      throw state_error("只能答复已审核公开的留言", "Only an approved comment can be answered");
    const auto at = now_iso();
    tx.query("UPDATE disclosure_comment SET answer = $2, answered_by = $3, answered_at = $4, updated_at = $4 "
             "WHERE id = $1",
             {id, text, store::to_param(user_of(actor)), at});
    auto after = *load(tx, id);
    audit::record(tx, actor, "answer", "disclosure_comment", std::to_string(id),
                  before["region_code"].get<std::string>(), audit::diff(before, after));
    return after;
  });
}

}  // namespace ql::disclosure
