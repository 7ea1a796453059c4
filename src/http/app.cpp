#include "http/app.hpp"

#include <fmt/format.h>

#include "admin/bootstrap.hpp"
#include "http/input.hpp"
#include "http/openapi.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"

namespace ql::http {

App::App(AppOptions options) : options_(std::move(options)) {
  pool_ = std::make_unique<store::Pool>(options_.db_url, options_.db_pool_size);
  {
    auto lease = pool_->acquire();
    admin::bootstrap_database(*lease);
  }
  log_ = std::make_unique<disclosure::LogIdentity>(
      disclosure::load_or_create_log_key(options_.log_key_file, options_.log_origin));
  api_ = std::make_unique<Api>(router_, *pool_, options_.api);
  register_auth_routes(*api_);
  register_user_routes(*api_);
  register_role_routes(*api_);
  register_region_routes(*api_);
  register_dict_routes(*api_);
  register_log_routes(*api_);
  register_disclosure_catalog_routes(*api_);
  register_disclosure_routes(*api_, *log_);
  register_attachment_routes(*api_);
  register_public_routes(*api_, *log_);
  register_comment_routes(*api_, *log_);
  register_ledger_routes(*api_);
  register_ledger_report_routes(*api_);
  register_asset_routes(*api_);
  register_deal_routes(*api_, *log_);
  register_inventory_routes(*api_);
  register_project_routes(*api_);
  register_ledger_import_routes(*api_);
  register_power_chart_routes(*api_);
  register_power_routes(*api_, *log_);

  router_.add(Method::GET, "/healthz", [this](Request&) {
    auto lease = pool_->acquire();
    lease->scalar("SELECT 1");  // a broken database turns into a 5xx via the error boundary
    return Response::text(200, "ok\n");
  });
  router_.add(Method::GET, "/metrics", [this](Request&) {
    return Response::text(200, metrics_.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  router_.add(Method::GET, "/api/v1/openapi.json", [this](Request&) {
    return json_response(200, openapi_document(router_));
  });
  metrics_.add_collector([this] {
    auto s = pool_->stats();
    return fmt::format(
        "# HELP qinglian_db_pool_connections Database connections opened by the pool.\n"
        "# TYPE qinglian_db_pool_connections gauge\nqinglian_db_pool_connections {}\n"
        "# HELP qinglian_db_pool_in_use Database connections currently lent to requests.\n"
        "# TYPE qinglian_db_pool_in_use gauge\nqinglian_db_pool_in_use {}\n"
        "# HELP qinglian_db_pool_waits_total Acquisitions that had to wait for a free connection.\n"
        "# TYPE qinglian_db_pool_waits_total counter\nqinglian_db_pool_waits_total {}\n"
        "# HELP qinglian_db_pool_acquired_total Connections lent in total.\n"
        "# TYPE qinglian_db_pool_acquired_total counter\nqinglian_db_pool_acquired_total {}\n",
        s.size, s.in_use, s.waits, s.acquired);
  });
  router_.set_fallback(make_static_handler(options_.web_root));
}

App::~App() = default;

Response App::handle(Request& req) { return dispatch(router_, req, &metrics_); }

}  // namespace ql::http
