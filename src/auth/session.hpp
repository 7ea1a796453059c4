#pragma once
// Logging in and out. A login issues a random bearer token (stored only as its SHA-256) with an
// expiry and a CSRF token for cookie-based browser use. Failed logins count towards a lock;
// every attempt goes to the login log.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "auth/user.hpp"
#include "core/paging.hpp"
#include "store/database.hpp"

namespace ql::auth {

struct SessionSettings {
  int session_hours = 12;
  int max_failed_logins = 5;
  int lock_minutes = 15;
};

struct LoginResult {
  std::string token;       // give to the client once; never stored
  std::string csrf_token;
  std::string expires_at;
  User user;
};

struct ClientInfo {
  std::string ip;
  std::string user_agent;
};

// Checks the password and opens a session. Throws 401 invalid_credentials (unknown user or
// wrong password, indistinguishable), 423 account_locked, 403 account_disabled. Attempts and
// lock counters are committed even when the login fails.
LoginResult login(store::Connection& c, const std::string& username, const std::string& password,
                  const ClientInfo& client, const SessionSettings& settings);

struct Session {
  Principal principal;
  std::string csrf_token;
  std::string expires_at;
};

// The live session for a bearer token, or nullopt when unknown, expired, revoked, or its user
// is disabled.
std::optional<Session> authenticate(store::Connection& c, const std::string& token,
                                    const std::string& ip);

// Revokes the session of token (no-op if unknown).
void logout(store::Connection& c, const std::string& token);

// The user changes their own password; other sessions of theirs are revoked.
void change_own_password(store::Connection& c, const Principal& actor, const std::string& token,
                         const std::string& old_password, const std::string& new_password);

struct LoginLogFilter {
  std::optional<std::string> username;
  std::optional<bool> success;
  std::optional<std::string> from, to;
};
// {"items":[...],"total":N}, scoped by the region of the user who tried (unknown usernames are
// visible to all-scope principals only). Requires system:loginlog:read.
nlohmann::json list_login_log(store::Connection& c, const Principal& actor, const LoginLogFilter& f,
                              const PageRequest& page);

}  // namespace ql::auth
