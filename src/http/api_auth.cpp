// Routes: /api/v1/auth/* (login, logout, current user, own password).
#include "auth/session.hpp"
#include "core/error.hpp"
#include "http/api.hpp"
#include "http/input.hpp"

namespace ql::http {
namespace {

std::string session_cookie(const std::string& value, int max_age, bool secure) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age) + (secure ? "; Secure" : "");
}

nlohmann::json me_json(const auth::Principal& p, const std::string& csrf, bool english,
                       store::Connection& db) {
  auto u = auth::load_user(db, p.user_id);
  return {{"user", auth::to_json(*u, english)}, {"permissions", p.permissions}, {"csrf_token", csrf}};
}

}  // namespace

void register_auth_routes(Api& api) {
  api.route(Method::POST, "/api/v1/auth/login", Api::kPublic, [&api](Call& call) {
    auto in = JsonInput::parse(call.req);
    auto username = in.required_string("username", 64);
    auto password = in.required_string("password", 128);
    in.finish();
    auto result = auth::login(call.db, username, password,
                              {call.req.remote_ip, call.req.header("User-Agent").value_or("")},
                              api.settings().session);
    auto res = json_response(200, {{"token", result.token},
                                   {"csrf_token", result.csrf_token},
                                   {"expires_at", result.expires_at},
                                   {"user", auth::to_json(result.user, call.english)}});
    res.headers["Set-Cookie"] = session_cookie(result.token, api.settings().session.session_hours * 3600,
                                               api.settings().secure_cookies);
    return res;
  });

  api.route(Method::POST, "/api/v1/auth/logout", Api::kLoggedIn, [&api](Call& call) {
    auth::logout(call.db, call.token);
    auto res = Response::no_content();
    res.headers["Set-Cookie"] = session_cookie("", 0, api.settings().secure_cookies);
    return res;
  });

  api.route(Method::GET, "/api/v1/auth/me", Api::kLoggedIn, [](Call& call) {
    return json_response(200, me_json(call.actor(), call.csrf_token, call.english, call.db));
  });

  api.route(Method::POST, "/api/v1/auth/password", Api::kLoggedIn, [](Call& call) {
    auto in = JsonInput::parse(call.req);
    auto old_password = in.required_string("old_password", 128);
    auto new_password = in.required_string("new_password", 128);
    in.finish();
    auth::change_own_password(call.db, call.actor(), call.token, old_password, new_password);
    return Response::no_content();
  });
}

}  // namespace ql::http
