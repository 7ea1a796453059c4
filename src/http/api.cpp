#include "http/api.hpp"

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace ql::http {
namespace {

bool is_unsafe(Method m) {
  return m == Method::POST || m == Method::PUT || m == Method::PATCH || m == Method::DELETE;
}

// The token from "Authorization: Bearer X", else from the session cookie.
std::pair<std::string, bool> find_token(const Request& req) {
  if (auto h = req.header("Authorization")) {
    constexpr std::string_view prefix = "Bearer ";
    if (h->size() > prefix.size() && std::string_view(*h).substr(0, prefix.size()) == prefix)
      return {h->substr(prefix.size()), false};
    throw unauthorized("invalid_authorization", "Authorization 头格式应为 Bearer TOKEN",
                       "The Authorization header must be 'Bearer TOKEN'");
  }
  if (auto c = req.cookie(kSessionCookie)) return {*c, true};
  return {{}, false};
}

}  // namespace

const auth::Principal& Call::actor() const {
  if (!principal) throw Error(ErrorKind::internal, "internal", "服务器内部错误", "route has no principal");
  return *principal;
}

void Api::public_route(Method method, std::string pattern, ApiHandler handler, QuickHandler quick) {
  add_route(method, std::move(pattern), kPublic, std::move(handler), std::move(quick));
}

void Api::route(Method method, std::string pattern, std::string access, ApiHandler handler) {
  add_route(method, std::move(pattern), std::move(access), std::move(handler), {});
}

void Api::add_route(Method method, std::string pattern, std::string access, ApiHandler handler,
                    QuickHandler quick) {
  router_.add(method, std::move(pattern),
              [this, access = std::move(access), handler = std::move(handler)](Request& req) {
                auto lease = pool_.acquire();
                Call call{req, *lease, nullptr, {}, {}, req.prefers_english()};
                std::optional<auth::Session> session;
                if (access != kPublic) {
                  auto [token, from_cookie] = find_token(req);
                  if (!token.empty()) session = auth::authenticate(*lease, token, req.remote_ip);
                  if (!session)
                    throw token.empty() ? unauthorized()
                                        : unauthorized("session_expired", "登录已失效,请重新登录",
                                                       "Your session has expired; please log in again");
                  // A cookie is sent by the browser on its own, so a cookie-authenticated write
                  // must prove it came from our page: the CSRF token only our page can read.
                  if (from_cookie && is_unsafe(req.method)) {
                    auto sent = req.header("X-CSRF-Token");
                    if (!sent || !crypto::constant_time_equal(*sent, session->csrf_token))
                      throw Error(ErrorKind::forbidden, "csrf_failed", "请求校验失败,请刷新页面后重试",
                                  "CSRF check failed; reload the page and retry");
                  }
                  call.principal = &session->principal;
                  call.token = token;
                  call.csrf_token = session->csrf_token;
                  if (!access.empty()) session->principal.require(access);
                }
                return handler(call);
              },
              std::move(quick));
}

}  // namespace ql::http
