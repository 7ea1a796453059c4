#include "auth/session.hpp"

#include "audit/operation_log.hpp"
#include "audit/time_range.hpp"
#include "auth/password.hpp"
#include "auth/scope.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "store/page_query.hpp"

namespace ql::auth {
namespace {

void log_attempt(store::Connection& c, const std::string& username, const std::optional<User>& u,
                 bool success, const std::string& reason, const ClientInfo& client) {
  c.query(
      "INSERT INTO login_log (at, username, user_id, region_code, success, reason, ip, user_agent) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {now_iso(), text::clean_utf8(username, 100), u ? store::Param(u->id) : store::Param(),
       u ? store::Param(u->region_code) : store::Param(), std::int64_t{success ? 1 : 0}, reason,
       text::clean_utf8(client.ip, 64), text::clean_utf8(client.user_agent, 300)});
}

Error invalid_credentials() {
  return unauthorized("invalid_credentials", "用户名或密码错误", "Wrong username or password");
}

Error locked_error(const std::string& until) {
  return Error(ErrorKind::locked, "account_locked",
               "连续登录失败次数过多,账号已锁定至 " + until + "(UTC)",
               "Too many failed logins; the account is locked until " + until + " UTC");
}

// Verifying against a fixed hash for unknown users keeps their response time like a real
// user's, so timing does not reveal which usernames exist.
const std::string& dummy_hash() {
  static const std::string h = hash_password("not-a-real-password-0");
  return h;
}

}  // namespace

LoginResult login(store::Connection& c, const std::string& username, const std::string& password,
                  const ClientInfo& client, const SessionSettings& settings) {
  auto user = load_user_by_name(c, username);
  if (!user) {
    verify_password(password, dummy_hash());
    store::with_transaction(c, [&](store::Connection& tx) {
      log_attempt(tx, username, user, false, "unknown_user", client);
    });
    throw invalid_credentials();
  }
  const auto at = now_iso();
  if (user->locked_until && *user->locked_until > at) {
    store::with_transaction(c, [&](store::Connection& tx) {
      log_attempt(tx, username, user, false, "locked", client);
    });
    throw locked_error(*user->locked_until);
  }
  auto hash = c.query("SELECT password_hash FROM app_user WHERE id = $1", {user->id})
                  .front()
                  .get<std::string>(0);
  if (!verify_password(password, hash)) {
    std::optional<std::string> locked_until;
    store::with_transaction(c, [&](store::Connection& tx) {
      // Incremented in SQL so concurrent attempts all count.
      auto failures = tx.query(
                            "UPDATE app_user SET failed_logins = failed_logins + 1 WHERE id = $1 "
                            "RETURNING failed_logins",
                            {user->id})
                          .front()
                          .get<std::int64_t>(0);
      if (failures >= settings.max_failed_logins) {
        locked_until = to_iso(now() + std::chrono::minutes(settings.lock_minutes));
        tx.query("UPDATE app_user SET failed_logins = 0, locked_until = $2 WHERE id = $1",
                 {user->id, *locked_until});
      }
      log_attempt(tx, username, user, false, locked_until ? "bad_password_locked" : "bad_password",
                  client);
    });
    if (locked_until) throw locked_error(*locked_until);
    throw invalid_credentials();
  }
  if (!user->enabled) {
    store::with_transaction(c, [&](store::Connection& tx) {
      log_attempt(tx, username, user, false, "disabled", client);
    });
    throw Error(ErrorKind::forbidden, "account_disabled", "账号已停用,请联系管理员",
                "This account is disabled; contact your administrator");
  }
  LoginResult out;
  out.token = crypto::random_token(32);
  out.csrf_token = crypto::random_token(24);
  out.expires_at = to_iso(now() + std::chrono::hours(settings.session_hours));
  out.user = *user;
  store::with_transaction(c, [&](store::Connection& tx) {
    tx.query("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1", {user->id});
    tx.query(
        "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, expires_at, ip, "
        "user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {crypto::sha256_hex(out.token), user->id, out.csrf_token, at, out.expires_at,
         text::clean_utf8(client.ip, 64), text::clean_utf8(client.user_agent, 300)});
    log_attempt(tx, username, user, true, "ok", client);
  });
  return out;
}

std::optional<Session> authenticate(store::Connection& c, const std::string& token,
                                    const std::string& ip) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  auto found = load_session_user(c, crypto::sha256_hex(token), now_iso());
  if (!found) return std::nullopt;
  return Session{principal_of(found->user, ip), std::move(found->csrf_token), std::move(found->expires_at)};
}

void logout(store::Connection& c, const std::string& token) {
  c.query("UPDATE user_session SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL",
          {crypto::sha256_hex(token), now_iso()});
}

void change_own_password(store::Connection& c, const Principal& actor, const std::string& token,
                         const std::string& old_password, const std::string& new_password) {
  auto hash = c.query("SELECT password_hash FROM app_user WHERE id = $1", {actor.user_id})
                  .front()
                  .get<std::string>(0);
  if (!verify_password(old_password, hash))
    throw Error(ErrorKind::bad_request, "wrong_password", "原密码不正确",
                "The current password is wrong", "old_password");
  check_password_policy(new_password, "new_password");
  if (new_password == old_password)
    throw invalid_field("new_password", "不能与原密码相同", "must differ from the current password");
  auto new_hash = hash_password(new_password);
  store::with_transaction(c, [&](store::Connection& tx) {
    const auto at = now_iso();
    tx.query("UPDATE app_user SET password_hash = $2, updated_at = $3 WHERE id = $1",
             {actor.user_id, new_hash, at});
    tx.query(
        "UPDATE user_session SET revoked_at = $3 WHERE user_id = $1 AND token_hash <> $2 AND revoked_at "
        "IS NULL",
        {actor.user_id, crypto::sha256_hex(token), at});
    audit::record(tx, actor, "change_password", "user", std::to_string(actor.user_id),
                  actor.region_code, nlohmann::json::object());
  });
}

nlohmann::json list_login_log(store::Connection& c, const Principal& actor, const LoginLogFilter& f,
                              const PageRequest& page) {
  actor.require("system:loginlog:read");
  store::Params params;
  std::string where = Scope(actor).list_condition(c, std::nullopt, "region_code", "user_id", params);
  if (f.username) {
    params.emplace_back(*f.username);
    where += " AND username = $" + std::to_string(params.size());
  }
  if (f.success) {
    params.emplace_back(std::int64_t{*f.success ? 1 : 0});
    where += " AND success = $" + std::to_string(params.size());
  }
  where += audit::time_range_condition("at", f.from, f.to, params);
  auto page_rows = store::query_page(
      c, "id, at, username, user_id, region_code, success, reason, ip, user_agent", "login_log",
      where, std::move(params), page, "id DESC");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : page_rows.rows) {
    auto uid = r.opt<std::int64_t>("user_id");
    items.push_back({{"id", r.get<std::int64_t>("id")},
                     {"at", r.get<std::string>("at")},
                     {"username", r.get<std::string>("username")},
                     {"user_id", uid ? nlohmann::json(*uid) : nlohmann::json()},
                     {"region_code", r.opt<std::string>("region_code").value_or("")},
                     {"success", r.get<bool>("success")},
                     {"reason", r.get<std::string>("reason")},
                     {"ip", r.opt<std::string>("ip").value_or("")},
                     {"user_agent", r.opt<std::string>("user_agent").value_or("")}});
  }
  return {{"items", std::move(items)}, {"total", page_rows.total}};
}

}  // namespace ql::auth
