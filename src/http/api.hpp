#pragma once
// Registration of JSON API routes with authentication done once, before any handler runs:
// the bearer token or session cookie is resolved to a Principal, cookie-authenticated writes
// must carry the CSRF header, and a route's declared permission is checked. Handlers get a
// Call with a pooled database connection and never touch tokens or cookies themselves.
#include <functional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "auth/session.hpp"
#include "disclosure/publication_log.hpp"
#include "http/router.hpp"
#include "store/pool.hpp"

namespace ql::http {

inline constexpr const char* kSessionCookie = "ql_session";

struct Call {
  Request& req;
  store::Connection& db;
  const auth::Principal* principal = nullptr;  // set unless the route is public
  std::string token;                           // the session's token, when authenticated
  std::string csrf_token;
  bool english = false;

  // The authenticated principal (routes declared public have none: calling this there is a bug).
  const auth::Principal& actor() const;
};

using ApiHandler = std::function<Response(Call&)>;

struct ApiSettings {
  auth::SessionSettings session;
  bool secure_cookies = false;  // add the Secure attribute (when served over HTTPS)
  // Where the resident pages live, for their QR codes when a request carries no usable Host.
  std::string public_base_url = "http://127.0.0.1:8080";
  // Reverse proxies whose X-Forwarded-For is believed (exact addresses; see client_address.hpp).
  std::vector<std::string> trusted_proxies;
};

class Api {
 public:
  Api(Router& router, store::Pool& pool, ApiSettings settings)
      : router_(router), pool_(pool), settings_(std::move(settings)) {}

  // Access: kPublic (no login), kLoggedIn (any user), or a permission string.
  static constexpr const char* kPublic = "public";
  static constexpr const char* kLoggedIn = "";

  void route(Method method, std::string pattern, std::string access, ApiHandler handler);
  // A public route with a fast path (see QuickHandler): quick answers from memory on the I/O
  // thread when it can; otherwise handler runs as for route().
  void public_route(Method method, std::string pattern, ApiHandler handler, QuickHandler quick);

  store::Pool& pool() { return pool_; }
  const ApiSettings& settings() const { return settings_; }

 private:
  void add_route(Method method, std::string pattern, std::string access, ApiHandler handler, QuickHandler quick);

  Router& router_;
  store::Pool& pool_;
  ApiSettings settings_;
};

// Route groups, one file each (api_*.cpp).
void register_auth_routes(Api& api);
void register_user_routes(Api& api);
void register_role_routes(Api& api);
void register_region_routes(Api& api);
void register_dict_routes(Api& api);
void register_log_routes(Api& api);
void register_disclosure_catalog_routes(Api& api);
void register_disclosure_routes(Api& api, const disclosure::LogIdentity& log);
void register_attachment_routes(Api& api);
void register_public_routes(Api& api, const disclosure::LogIdentity& log);
void register_comment_routes(Api& api, const disclosure::LogIdentity& log);
void register_ledger_routes(Api& api);         // api_ledger.cpp
void register_ledger_report_routes(Api& api);  // api_ledger_reports.cpp
void register_asset_routes(Api& api);          // api_assets.cpp
void register_deal_routes(Api& api, const disclosure::LogIdentity& log);  // api_deals.cpp
void register_inventory_routes(Api& api);      // api_deals.cpp
void register_project_routes(Api& api);        // api_projects.cpp
void register_ledger_import_routes(Api& api);  // api_ledger_import.cpp: voucher and account imports
void register_power_chart_routes(Api& api);    // api_power_charts.cpp: the 三图三表
void register_power_routes(Api& api, const disclosure::LogIdentity& log);  // api_power.cpp: items, rules, cases, seal uses

}  // namespace ql::http
