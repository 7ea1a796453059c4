#include "audit/operation_log.hpp"

#include "auth/scope.hpp"
#include "audit/time_range.hpp"
#include "core/clock.hpp"
#include "store/page_query.hpp"

namespace ql::audit {

void record(store::Connection& c, const auth::Principal& actor, std::string_view action,
            std::string_view object_type, const std::string& object_id,
            const std::optional<std::string>& region_code, const nlohmann::json& changes) {
  c.query(
      "INSERT INTO op_log (at, user_id, username, action, object_type, object_id, region_code, "
      "changes, ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      {now_iso(), actor.user_id ? store::Param(actor.user_id) : store::Param(), actor.username,
       std::string(action), std::string(object_type), object_id, store::to_param(region_code),
       changes.dump(), actor.ip});
}

nlohmann::json diff(const nlohmann::json& before, const nlohmann::json& after) {
  nlohmann::json out = nlohmann::json::object();
  for (auto it = after.begin(); it != after.end(); ++it) {
    auto old = before.find(it.key());
    nlohmann::json from = old == before.end() ? nlohmann::json() : *old;
    if (from != it.value()) out[it.key()] = {{"from", from}, {"to", it.value()}};
  }
  return out;
}

nlohmann::json list(store::Connection& c, const auth::Principal& actor, const OpLogFilter& f,
                    const PageRequest& page) {
  store::Params params;
  std::string where = auth::Scope(actor).list_condition(c, f.region, "region_code", "user_id", params);
  auto eq = [&](const char* column, const std::optional<std::string>& v) {
    if (!v) return;
    params.emplace_back(*v);
    where += std::string(" AND ") + column + " = $" + std::to_string(params.size());
  };
  eq("username", f.username);
  eq("action", f.action);
  eq("object_type", f.object_type);
  eq("object_id", f.object_id);
  where += time_range_condition("at", f.from, f.to, params);

  auto page_rows = store::query_page(
      c, "id, at, user_id, username, action, object_type, object_id, region_code, changes, ip",
      "op_log", where, std::move(params), page, "id DESC");
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : page_rows.rows) {
    items.push_back({{"id", r.get<std::int64_t>("id")},
                     {"at", r.get<std::string>("at")},
                     {"user_id", r.opt<std::int64_t>("user_id") ? nlohmann::json(*r.opt<std::int64_t>("user_id")) : nlohmann::json()},
                     {"username", r.get<std::string>("username")},
                     {"action", r.get<std::string>("action")},
                     {"object_type", r.get<std::string>("object_type")},
                     {"object_id", r.get<std::string>("object_id")},
                     {"region_code", r.opt<std::string>("region_code").value_or("")},
                     {"changes", nlohmann::json::parse(r.get<std::string>("changes"))},
                     {"ip", r.opt<std::string>("ip").value_or("")}});
  }
  return {{"items", std::move(items)}, {"total", page_rows.total}};
}

}  // namespace ql::audit
