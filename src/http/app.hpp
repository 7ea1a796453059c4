#pragma once
// The assembled application: database pool, every route, metrics and the web app's files.
// `qinglian serve` wraps it in a Server; tests call handle() directly without sockets.
#include <memory>
#include <string>

#include "http/api.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "store/pool.hpp"

namespace ql::http {

struct AppOptions {
  std::string db_url = "sqlite:var/qinglian.db";
  std::string web_root = "web/dist";
  std::size_t db_pool_size = 8;
  ApiSettings api;
};

class App {
 public:
  // Opens the pool and brings the database up to date (migrations, seeds) before serving.
  explicit App(AppOptions options);
  ~App();

  // The full request pipeline (routing, auth, errors, metrics).
  Response handle(Request& req);

  Router& router() { return router_; }
  Metrics& metrics() { return metrics_; }
  store::Pool& pool() { return *pool_; }

 private:
  AppOptions options_;
  std::unique_ptr<store::Pool> pool_;
  Router router_;
  Metrics metrics_;
  std::unique_ptr<Api> api_;
};

}  // namespace ql::http
