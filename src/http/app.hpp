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
  // The publication log's signing key (created on first start) and its origin line.
  std::string log_key_file = "var/keys/publication-log.key";
  std::string log_origin = "qinglian.example/log";
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
  const disclosure::LogIdentity& log_identity() const { return *log_; }

 private:
  AppOptions options_;
  std::unique_ptr<store::Pool> pool_;
  Router router_;
  Metrics metrics_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<disclosure::LogIdentity> log_;
};

}  // namespace ql::http
