// GET /api/v1/openapi.json against the real API, on whichever backend QL_TEST_BACKEND names:
// every route is documented, every schema is one the validator can check, and every documented
// operation is driven through the in-process App (successes and failures alike) with each
// response checked against the schema documented for its status. An undocumented status, a
// response that breaks its schema, a documented constraint the handler does not enforce and a
// documented status no request could produce all fail.
#include "http/openapi.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "admin/demo_power.hpp"
#include "api_fixture.hpp"
#include "attachment_samples.hpp"
#include "auth/permission.hpp"
#include "core/crypto.hpp"
#include "disclosure/attachment.hpp"
#include "disclosure/tlog_note.hpp"
#include "http/input.hpp"
#include "http/openapi_spec.hpp"
#include "ledger/deal_template.hpp"
#include "schema_check.hpp"

namespace ql::test {
namespace {

using http::Method;
using nlohmann::json;

constexpr const char* kHefeng = "339902001001";
constexpr const char* kZhuxi = "339902001002";
constexpr const char* kStreet = "339902001000";
constexpr const char* kNoRegion = "999999999999";
constexpr const char* kNoUser = "99999999";
constexpr const char* kPassword = "Passw0rd123";

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string lines(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& p : problems) out += "\n  " + p;
  return out;
}

std::string repeat(std::string_view s, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += s;
  return out;
}

bool is_unsafe(Method m) {
  return m == Method::POST || m == Method::PUT || m == Method::PATCH || m == Method::DELETE;
}

// One request aimed at a documented operation, and the answer it must get.
struct Exchange {
  std::string op;            // operationId
  std::string target;        // path and query
  std::string body = {};     // sent verbatim (as JSON unless headers say otherwise)
  std::string as = "admin";  // demo user whose bearer token is sent; "" sends none
  http::Headers headers = {};
  int status = 0;
  std::string code = {};             // expected error.code, when it matters
  std::string field = {};            // expected error.field, when it matters
  std::string says = {};             // text the (English) error message must contain
  std::set<std::string> lists = {};  // values the (English) error message must offer
};

// A value a schema rejects, for probing that the handler rejects it too (400 naming the
// field). When the handler's English message states the limit it applied, `says` is what it
// must state, so a documented limit looser than the handler's is caught as well as a tighter
// one; for an enum, `lists` is the set of values the message must offer.
struct Probe {
  json value;
  std::string says = {};
  std::set<std::string> lists = {};
};

// Probes for each constraint of schema. Only constraints a handler checks before touching
// anything are probed.
std::vector<Probe> invalid_values(const json& schema, bool in_query) {
  std::vector<Probe> out;
  const auto type = schema.value("type", "");
  if (type == "string") {
    if (!in_query) out.push_back({12345});
    if (schema.contains("enum")) {
      std::set<std::string> values;  // a sort field's "-x" is offered as "x"
      for (const auto& v : schema["enum"]) {
        const auto value = v.get<std::string>();
        values.insert(value.substr(value.starts_with('-') ? 1 : 0));
      }
      out.push_back({"zz_not_allowed", {}, values});
    }
    if (schema.contains("maxLength")) {
      const auto max = schema["maxLength"].get<std::size_t>();
      out.push_back({std::string(max + 1, 'x'), "at most " + std::to_string(max) + " characters"});
    }
    if (schema.contains("minLength")) {
      out.push_back({std::string(schema["minLength"].get<std::size_t>() - 1, 'x')});
    }
  } else if (type == "integer") {
    out.push_back({in_query ? json("abc") : json("1")});
    const auto range =
        "from " + schema.value("minimum", json()).dump() + " to " + schema.value("maximum", json()).dump();
    if (schema.contains("minimum")) out.push_back({schema["minimum"].get<std::int64_t>() - 1, range});
    if (schema.contains("maximum")) out.push_back({schema["maximum"].get<std::int64_t>() + 1, range});
  } else if (type == "boolean") {
    out.push_back({in_query ? "maybe" : "yes"});
  } else if (type == "array") {
    out.push_back({"x"});
    const auto& items = schema["items"];
    if (items.contains("enum")) out.push_back({json::array({"zz:not:allowed"})});
    if (schema.contains("maxItems")) {
      const json item = items.contains("enum") ? items["enum"][0] : json("x");
      const auto max = schema["maxItems"].get<std::size_t>();
      out.push_back({json(std::vector<json>(max + 1, item)), "at most " + std::to_string(max) + " items"});
    }
  }
  return out;
}

// The values an English validation message offers: "... must be one of: a, b, c (...)" or
// "... must be a, b or c".
std::set<std::string> listed_values(const std::string& message) {
  std::string list;
  for (const std::string_view lead : {"one of: ", "must be "}) {
    if (const auto at = message.find(lead); at != std::string::npos) {
      list = message.substr(at + lead.size());
      break;
    }
  }
  list = list.substr(0, list.find(" ("));
  std::set<std::string> out;
  for (std::size_t start = 0;;) {
    const auto comma = list.find(", ", start), last = list.find(" or ", start);
    const auto end = std::min(comma, last);
    out.insert(list.substr(start, end - start));
    if (end == std::string::npos) return out;
    start = end + (end == comma ? 2 : 4);
  }
}

// Query values are sent as text.
std::string as_query_value(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

class OpenApi : public ApiTest {
 protected:
  bool demo_books() const override { return true; }  // reads the demo books and assets
  void SetUp() override {
    ApiTest::SetUp();
    auto c = connect();
    // A completed 20,000 元 spending case in Hefeng that the sample payment voucher cites.
    approved_case_ = admin::demo_completed_case(*c, app_->log_identity(), kHefeng, "hefeng",
                                                {"collective.spending", "村道硬化工程进度款", 2'000'000});
    disclosure_base_ = std::stoll(*c->scalar("SELECT COALESCE(MAX(id), 0) FROM disclosure"));
    attachment_base_ = std::stoll(*c->scalar("SELECT COALESCE(MAX(id), 0) FROM disclosure_attachment"));
    log_base_ = std::stoll(*c->scalar("SELECT COUNT(*) FROM tlog_entry"));
    auto r = call(Method::GET, "/api/v1/openapi.json");
    ASSERT_EQ(r.status, 200) << r.raw.body;
    doc_ = r.json;
    for (const auto& [path, item] : doc_["paths"].items())
      for (const auto& [method, op] : item.items())
        where_[op["operationId"].get<std::string>()] = {path, method};
  }

  // The demo's completed 四议两公开 cases have published before the samples run, so the
  // samples' disclosures, attachments and log entries are numbered after what it left.
  std::string disclosure_id(int n) const { return std::to_string(disclosure_base_ + n); }
  std::string disclosure_url(int n) const { return "/api/v1/disclosures/" + disclosure_id(n); }
  std::string attachment_id(int n) const { return std::to_string(attachment_base_ + n); }
  std::string log_size(int n) const { return std::to_string(log_base_ + n); }

  const json& operation(const std::string& id) {
    static const json none = json::object();
    const auto it = where_.find(id);
    if (it == where_.end()) {
      ADD_FAILURE() << "no documented operation " << id;
      return none;
    }
    return doc_["paths"][it->second.first][it->second.second];
  }
  Method method_of(const std::string& id) { return http::parse_method(upper(where_[id].second)); }

  // Sends x, checks that it reached the route of x.op, got x.status (and code/field), and that
  // the status is documented for x.op with a body matching its schema.
  ApiResult run(const Exchange& x) {
    SCOPED_TRACE(x.op + " " + x.target.substr(0, 120) + " as " + (x.as.empty() ? "nobody" : x.as));
    const auto& op = operation(x.op);
    if (op.empty()) return {};
    const auto method = method_of(x.op);
    expect_route(method, x.target, where_[x.op].first);
    if (x.status / 100 == 2) expect_valid_request(op, x);
    auto r = call(method, x.target, x.body, x.as.empty() ? "" : token(x.as), x.headers);
    EXPECT_EQ(r.status, x.status) << r.raw.body.substr(0, 500);
    if (!x.code.empty()) {
      EXPECT_EQ(r.error_code(), x.code) << r.raw.body.substr(0, 500);
    }
    if (!x.field.empty()) {
      const bool has = r.json.is_object() && r.json.contains("error") && r.json["error"].contains("field");
      EXPECT_EQ(has ? r.json["error"]["field"].get<std::string>() : "", x.field) << r.raw.body.substr(0, 500);
    }
    const bool error = r.json.is_object() && r.json.contains("error");
    const auto message = error ? r.json["error"].value("message", "") : "";
    if (!x.says.empty()) {
      EXPECT_NE(message.find(x.says), std::string::npos)
          << "the handler's limit differs from the document's \"" << x.says << "\": " << message;
    }
    if (!x.lists.empty()) {
      EXPECT_EQ(listed_values(message), x.lists)
          << "the handler allows other values than the document: " << message;
    }
    seen_[x.op].insert(r.status);
    expect_documented(op, r);
    return r;
  }

  // The bearer token of a demo (or test-made) user, logging in through the documented login.
  std::string token(const std::string& user) {
    if (auto it = tokens_.find(user); it != tokens_.end()) return it->second;
    auto r = run({.op = "login",
                  .target = "/api/v1/auth/login",
                  .body = json{{"username", user}, {"password", passwords_.at(user)}}.dump(),
                  .as = "",
                  .status = 200});
    return tokens_[user] = r.json.is_object() ? r.json.value("token", "") : "";
  }

  void expect_route(Method method, const std::string& target, const std::string& pattern) {
    http::Request req;
    req.method = method;
    ASSERT_TRUE(http::parse_target(target, req.path, req.query)) << target;
    const auto m = app_->router().match(req);
    EXPECT_TRUE(m.handler && m.pattern && *m.pattern == pattern) << target << " does not reach " << pattern;
  }

  // A request expected to succeed must be valid by the documented request schema, or the
  // document would reject what the API accepts.
  void expect_valid_request(const json& op, const Exchange& x) {
    if (!op.contains("requestBody")) {
      EXPECT_TRUE(x.body.empty()) << "the operation documents no request body";
      return;
    }
    const auto& content = op["requestBody"]["content"];
    if (!content.contains("application/json")) return;
    const auto problems =
        check_schema(json::parse(x.body, nullptr, false), content["application/json"]["schema"], doc_);
    EXPECT_TRUE(problems.empty()) << "a request the API accepts breaks the documented request schema:"
                                  << lines(problems);
  }

  void expect_documented(const json& op, const ApiResult& r) {
    const auto key = std::to_string(r.status);
    if (!op["responses"].contains(key)) {
      ADD_FAILURE() << "status " << key << " is not documented; body: " << r.raw.body.substr(0, 500);
      return;
    }
    const auto& response = op["responses"][key];
    if (!response.contains("content")) {
      EXPECT_TRUE(r.raw.body.empty()) << "documented without a body, got: " << r.raw.body.substr(0, 200);
      return;
    }
    // A file download documents each type it may send; anything else names the first.
    const auto type = r.raw.headers.count("Content-Type") ? r.raw.headers.at("Content-Type") : "";
    const auto sent = type.substr(0, type.find(';'));
    auto first = response["content"].begin();
    if (response["content"].contains(sent)) first = response["content"].find(sent);
    const std::string media = first.key();
    const json& content = first.value();
    EXPECT_EQ(sent, media) << "status " << key;
    if (media == "application/json") {
      const auto problems = check_schema(r.json, content["schema"], doc_);
      EXPECT_TRUE(problems.empty()) << "status " << key << " breaks its documented schema:" << lines(problems)
                                    << "\nbody: " << r.raw.body.substr(0, 1500);
    } else {
      EXPECT_FALSE(r.raw.body.empty());
    }
  }

  // For each permission the document names, a user whose role has every other permission, so
  // that a 403 proves the route requires exactly the documented one.
  void create_users_lacking_permissions() {
    const auto all = run({.op = "listPermissions", .target = "/api/v1/permissions", .status = 200}).json;
    std::set<std::string> documented;
    for (const auto& [id, where] : where_)
      if (const auto& op = operation(id); op.contains("x-permission"))
        documented.insert(op["x-permission"].get<std::string>());
    int n = 0;
    for (const auto& permission : documented) {
      EXPECT_TRUE(auth::is_known_permission(permission)) << permission;
      json granted = json::array();
      for (const auto& p : all)
        if (p["code"] != permission) granted.push_back(p["code"]);
      // Numbered, since permission strings outgrow the 32-character role and user names.
      const std::string role = "lacks_" + std::to_string(++n), user = "lacks." + std::to_string(n);
      run({.op = "createRole",
           .target = "/api/v1/roles",
           .body = json{{"code", role},
                        {"name_zh", "缺少权限"},
                        {"name_en", "Lacks " + permission},
                        {"data_scope", "all"},
                        {"permissions", granted}}
                       .dump(),
           .status = 201});
      run({.op = "createUser",
           .target = "/api/v1/users",
           .body = json{{"username", user},
                        {"display_name", "缺少权限"},
                        {"password", kPassword},
                        {"role", role},
                        {"region_code", kStreet}}
                       .dump(),
           .status = 201});
      passwords_[user] = kPassword;
      lacking_[permission] = user;
    }
  }

  // 401 without or with a bad token, 403 for a cookie write without the CSRF header, 403 for
  // a user lacking exactly the documented permission.
  void probe_access(const Exchange& sample) {
    const auto& op = operation(sample.op);
    const auto refused = [&](std::string as, http::Headers extra, int status, std::string code) {
      Exchange x = sample;
      x.as = std::move(as);
      for (auto& [k, v] : extra) x.headers[k] = v;
      x.status = status;
      x.code = std::move(code);
      run(x);
    };
    if (!op["security"].empty()) {
      refused("", {}, 401, "unauthorized");
      refused("", {{"Authorization", "Bearer forged-token"}}, 401, "session_expired");
      if (is_unsafe(method_of(sample.op)))
        refused("", {{"Cookie", std::string(http::kSessionCookie) + "=" + token("admin")}}, 403,
                "csrf_failed");
    }
    if (op.contains("x-permission"))
      refused(lacking_[op["x-permission"].get<std::string>()], {}, 403, "permission_denied");
  }

  // Every constraint of the documented JSON body, broken one at a time from a valid sample.
  void probe_body(const Exchange& sample) {
    const auto& op = operation(sample.op);
    if (!op.contains("requestBody") || !op["requestBody"]["content"].contains("application/json")) return;
    const auto& schema = *resolve(op["requestBody"]["content"]["application/json"]["schema"], doc_);
    const auto valid = json::parse(sample.body);
    const auto send = [&](std::string body, int status, std::string code, std::string field = {},
                          http::Headers headers = {}, const Probe& probe = {}) {
      Exchange x = sample;
      x.body = std::move(body);
      x.headers = std::move(headers);
      x.headers["Accept-Language"] = "en";
      x.status = status;
      x.code = std::move(code);
      x.field = std::move(field);
      x.says = probe.says;
      x.lists = probe.lists;
      run(x);
    };
    send("{\"a\":", 400, "malformed_json");
    send("[1]", 400, "invalid_body");
    send(sample.body, 415, "unsupported_media_type", {}, {{"Content-Type", "text/plain"}});
    send("{\"a\":\"" + std::string(http::kMaxJsonBodyBytes, 'x') + "\"}", 413, "body_too_large");
    EXPECT_EQ(schema.value("additionalProperties", true), false) << sample.op << ": bodies are closed";
    auto extra = valid;
    extra["zz_unknown"] = 1;
    send(extra.dump(), 400, "unknown_field", "zz_unknown");
    for (const auto& name : schema.value("required", json::array())) {
      auto missing = valid;
      missing.erase(name.get<std::string>());
      send(missing.dump(), 400, "invalid_field", name.get<std::string>());
    }
    for (const auto& [name, property] : schema["properties"].items()) {
      for (const auto& probe : invalid_values(*resolve(property, doc_), false)) {
        auto body = valid;
        body[name] = probe.value;
        send(body.dump(), 400, "invalid_field", name, {}, probe);
      }
    }
  }

  // Every documented query parameter: each value its schema rejects is a 400 naming it, and
  // each value of an enum (sort fields, levels) is accepted.
  void probe_query(const Exchange& sample) {
    const auto& op = operation(sample.op);
    const auto path = sample.target.substr(0, sample.target.find('?'));
    for (const auto& param : op.value("parameters", json::array())) {
      if (param["in"] != "query") continue;
      const auto name = param["name"].get<std::string>();
      const auto& schema = *resolve(param["schema"], doc_);
      const auto send = [&](const std::string& value, int status, std::string field,
                            const Probe& probe = {}) {
        Exchange x = sample;
        x.target = path + "?" + name + "=" + value;
        x.headers["Accept-Language"] = "en";
        x.status = status;
        x.field = std::move(field);
        x.says = probe.says;
        x.lists = probe.lists;
        run(x);
      };
      for (const auto& probe : invalid_values(schema, true))
        send(as_query_value(probe.value), 400, name, probe);
      for (const auto& good : schema.value("enum", json::array())) {
        // A GET keeps the sample's other parameters (a report needs its region); a write
        // must not succeed here, so it gets the parameter alone as before.
        if (method_of(sample.op) == Method::GET && sample.target.find('?') != std::string::npos) {
          Exchange x = sample;
          x.target = path + "?" + name + "=" + good.get<std::string>();
          std::string rest = sample.target.substr(sample.target.find('?') + 1);
          for (std::size_t at = 0; at <= rest.size();) {
            const auto end = std::min(rest.find('&', at), rest.size());
            const auto pair = rest.substr(at, end - at);
            if (!pair.empty() && pair.substr(0, pair.find('=')) != name) x.target += "&" + pair;
            at = end + 1;
          }
          x.headers["Accept-Language"] = "en";
          run(x);
        } else {
          send(good.get<std::string>(), sample.status, {});
        }
      }
    }
  }

  // Each documented status of each operation must have been produced by some request above.
  void expect_every_documented_status_seen() {
    for (const auto& [id, where] : where_) {
      for (const auto& [status, _] : operation(id)["responses"].items()) {
        const bool numeric = !status.empty() && std::all_of(status.begin(), status.end(),
                                                            [](char c) { return c >= '0' && c <= '9'; });
        EXPECT_TRUE(numeric && seen_[id].contains(std::stoi(status)))
            << id << " (" << upper(where.second) << " " << where.first << ") documents " << status
            << " but no request produced it; seen: " << json(seen_[id]).dump();
      }
    }
  }

  json doc_;
  std::map<std::string, std::pair<std::string, std::string>> where_;  // operationId -> path, method
  long long disclosure_base_ = 0, attachment_base_ = 0, log_base_ = 0;
  std::string approved_case_;  // number of a completed Hefeng case
  std::map<std::string, std::set<int>> seen_;                         // operationId -> statuses
  std::map<std::string, std::string> tokens_;                         // username -> bearer token
  std::map<std::string, std::string> lacking_;                        // permission -> username
};

TEST_F(OpenApi, EveryRouteIsDocumented) {
  const auto& paths = doc_["paths"];
  std::set<std::string> ids;
  for (const auto& route : app_->router().routes()) {
    const auto method = lower(to_string(route.method));
    SCOPED_TRACE(upper(method) + " " + route.pattern);
    ASSERT_TRUE(paths.contains(route.pattern) && paths[route.pattern].contains(method));
    const auto& op = paths[route.pattern][method];
    EXPECT_FALSE(op.value("x-undocumented", false)) << "document it in src/http/openapi_spec.cpp";
    EXPECT_TRUE(ids.insert(op.value("operationId", "")).second) << "operationId repeats";
    EXPECT_FALSE(op.value("summary", "").empty());
    EXPECT_TRUE(op.contains("tags") && op.contains("security"));
    bool success = false;
    for (const auto& [status, response] : op["responses"].items()) {
      // A form post's success is a redirect (Post/Redirect/Get), documented without a body.
      if (status.size() != 3 || (status[0] != '2' && status[0] != '3') || status == "304") continue;
      success = success || status == "204" || status[0] == '3' ||
                (response.contains("content") && response["content"].begin()->contains("schema"));
    }
    EXPECT_TRUE(success) << "no success response with a schema";
    if (op.contains("x-permission")) {
      EXPECT_TRUE(auth::is_known_permission(op["x-permission"].get<std::string>()));
    }
    for (const auto& segment : route.segments) {
      if (segment.front() != '{') continue;
      const auto name = segment.substr(1, segment.size() - 2);
      const auto params = op.value("parameters", json::array());
      EXPECT_TRUE(std::any_of(params.begin(), params.end(),
                              [&](const json& p) { return p["in"] == "path" && p["name"] == name; }))
          << "no path parameter " << name;
    }
  }
  // Documentation of a route that is gone (renamed, removed) is stale.
  for (const auto& op : http::openapi::api_spec().operations()) {
    const auto& routes = app_->router().routes();
    EXPECT_TRUE(std::any_of(routes.begin(), routes.end(),
                            [&](const auto& r) { return r.method == op.method() && r.pattern == op.path(); }))
        << op.id() << " documents " << to_string(op.method()) << " " << op.path() << ", which is not routed";
  }
}

TEST_F(OpenApi, AnUndocumentedRouteIsFlaggedNotHidden) {
  app_->router().add(Method::GET, "/api/v1/not-yet-documented/{id}",
                     [](http::Request&) { return http::Response::no_content(); });
  const auto doc = http::openapi_document(app_->router());
  const auto& op = doc["paths"]["/api/v1/not-yet-documented/{id}"]["get"];
  EXPECT_TRUE(op.value("x-undocumented", false));
  EXPECT_EQ(op["parameters"][0]["name"], "id");
  EXPECT_FALSE(doc["paths"]["/api/v1/users"]["get"].contains("x-undocumented"));
}

TEST_F(OpenApi, EverySchemaIsCheckable) {
  std::vector<std::string> problems;
  const auto lint = [&](const json& schema, const std::string& where) {
    for (const auto& p : lint_schema(schema, doc_)) problems.push_back(where + p);
  };
  for (const auto& [name, schema] : doc_["components"]["schemas"].items()) lint(schema, "components/" + name);
  for (const auto& [path, item] : doc_["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      const auto where = method + " " + path + " ";
      for (const auto& p : op.value("parameters", json::array()))
        lint(p["schema"], where + p["name"].get<std::string>());
      if (op.contains("requestBody"))
        for (const auto& [media, c] : op["requestBody"]["content"].items())
          lint(c["schema"], where + "body ");
      for (const auto& [status, r] : op["responses"].items()) {
        const auto content = r.value("content", json::object());
        for (const auto& [media, c] : content.items()) lint(c["schema"], where + status + " ");
      }
    }
  }
  EXPECT_TRUE(problems.empty()) << lines(problems);
}

TEST_F(OpenApi, RealResponsesMatchTheDocument) {
  create_users_lacking_permissions();
  const auto id = [this](const std::string& user) { return std::to_string(user_id(user)); };
  const std::string hefeng_clerk = id("hefeng.clerk");
  // Disclosure catalogues the samples work on: the street's 2026 template, adopted by Zhuxi.
  const auto street_template =
      post("/api/v1/disclosure/catalogs",
           json{{"region_code", kStreet}, {"year", 2026}, {"is_template", true}, {"from_default", true}}, token("street"));
  ASSERT_EQ(street_template.status, 201) << street_template.raw.body;
  const auto zhuxi_catalog =
      post("/api/v1/disclosure/catalogs/adopt", json{{"region_code", kZhuxi}, {"year", 2026}}, token("zhuxi.secretary"));
  ASSERT_EQ(zhuxi_catalog.status, 201) << zhuxi_catalog.raw.body;
  const std::string zhuxi_catalog_url = "/api/v1/disclosure/catalogs/" + zhuxi_catalog.json["id"].dump();
  const std::string zhuxi_items = zhuxi_catalog_url + "/items";
  const auto catalog_item = [](const std::string& code, const std::string& frequency) {
    return json{{"code", code}, {"title", "事项 " + code}, {"category", "finance"}, {"frequency", frequency},
                {"due_days", frequency == "immediate" ? 3 : 20}};
  };

  // The sample attachment: its name (percent-encoded 财务公开.png) and hash.
  const std::string kPngName = "%E8%B4%A2%E5%8A%A1%E5%85%AC%E5%BC%80.png";
  const std::string png_sha = crypto::sha256_hex(kPngFile);

  // The funds ledger the samples work on (Hefeng): voucher A (edited, scanned, reversed), voucher
  // B (voided), sub-accounts 112.01 (renamed) and 112.02 (deleted), and a scan of A.
  const auto ledger_voucher = [&](const std::string& date, std::int64_t fen) {
    auto r = post("/api/v1/ledger/vouchers",
                  json{{"region_code", kHefeng}, {"date", date}, {"summary", "收取土地承包费"},
                       {"lines", json::array({json{{"account_code", "102"}, {"debit_fen", fen}},
                                              json{{"account_code", "511.01"}, {"credit_fen", fen}}})}},
                  token("hefeng.clerk"));
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return "/api/v1/ledger/vouchers/" + r.json.value("id", json(0)).dump();
  };
  const std::string voucher_a = ledger_voucher("2026-03-05", 500000), voucher_b = ledger_voucher("2026-03-06", 700);
  const auto ledger_sub = [&](const std::string& name) {
    auto r = post("/api/v1/ledger/accounts", json{{"region_code", kHefeng}, {"parent_code", "112"}, {"name", name}},
                  token("hefeng.clerk"));
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return "/api/v1/ledger/accounts/" + r.json.value("id", json(0)).dump();
  };
  const std::string ledger_sub1 = ledger_sub("应收张三"), ledger_sub2 = ledger_sub("应收备用");
  std::string ledger_cash_account;
  const auto hefeng_chart = get("/api/v1/ledger/accounts?region=" + std::string(kHefeng), token("hefeng.clerk"));
  for (const auto& a : hefeng_chart.json["accounts"])
    if (a["code"] == "101") ledger_cash_account = "/api/v1/ledger/accounts/" + a["id"].dump();
  ASSERT_FALSE(ledger_cash_account.empty()) << hefeng_chart.raw.body;
  const auto ledger_scan = call(Method::POST, voucher_a + "/scans?filename=scan.pdf", kPdfFile, token("hefeng.clerk"),
                                {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(ledger_scan.status, 201) << ledger_scan.raw.body;
  const std::string ledger_scan_url = voucher_a + "/scans/" + ledger_scan.json["id"].dump();
  const auto ledger_line = [](const std::string& account, std::int64_t debit, std::int64_t credit) {
    return json{{"account_code", account}, {"summary", "分录摘要"}, {"debit_fen", debit}, {"credit_fen", credit},
                {"counterparty", "清河市路桥建设有限公司"}};
  };
  const std::string hefeng_books = "region=" + std::string(kHefeng) + "&from=2026-01-01&to=2026-12-31";
  const std::string ledger_put =
      json{{"date", "2026-03-05"}, {"summary", "再改"},
           {"lines", json::array({ledger_line("102", 1, 0), ledger_line("511.01", 0, 1)})}}.dump();

  // Assets, resources and contracts the samples work on (Hefeng): asset OA-0, resource OR-0
  // (arable land) and contract OC-0 on it, ending next year.
  const auto asset_item = [&](const std::string& path, const json& body) {
    auto r = post(path, body, token("hefeng.clerk"));
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return path + "/" + r.json.value("id", json(0)).dump();
  };
  const std::string asset_url =
      asset_item("/api/v1/ledger/assets", json{{"region_code", kHefeng}, {"code", "OA-0"}, {"name", "村民活动中心"},
                                               {"category", "building"}, {"original_value_fen", 52000000},
                                               {"acquired_date", "2020-05-01"}});
  const auto photo = call(Method::POST, asset_url + "/photos?filename=front.png", kPngFile, token("hefeng.clerk"),
                          {{"Content-Type", "image/png"}});
  EXPECT_EQ(photo.status, 201) << photo.raw.body;
  const std::string photo_url = asset_url + "/photos/" + photo.json.value("id", json(0)).dump();
  // A disposed asset (the asset-deal module's path, written directly here) takes no photo.
  const std::string disposed_url =
      asset_item("/api/v1/ledger/assets", json{{"region_code", kHefeng}, {"code", "OA-D"}, {"name", "旧抽水机"},
                                               {"category", "machinery"}, {"original_value_fen", 100000},
                                               {"acquired_date", "2010-05-01"}});
  connect()->query("UPDATE asset SET status = 'disposed', disposal_ref = 'JY-1' WHERE code = 'OA-D'");
  const std::string resource_url =
      asset_item("/api/v1/ledger/resources", json{{"region_code", kHefeng}, {"code", "OR-0"}, {"name", "东畈耕地"},
                                                  {"kind", "land"}, {"arable", true}, {"area_milli", 20000}});
  const auto resource_id = std::stoll(resource_url.substr(resource_url.rfind('/') + 1));
  const auto contract_body = [&](const std::string& number) {
    return json{{"region_code", kHefeng}, {"number", number}, {"kind", "contracting"}, {"subject_type", "resource"},
                {"subject_id", resource_id}, {"counterparty", "张建国"}, {"start_date", "2025-01-01"},
                {"end_date", "2029-12-31"}, {"total_fen", 500000}};
  };
  const std::string contract_url = asset_item("/api/v1/ledger/contracts", contract_body("OC-0"));
  const std::string asset_csv = "资产编号,资产名称,资产类别,原值(元),取得日期\nOA-9,水泵,机器设备,1200.50,2024-03-01\n";
  const std::string contract_csv =
      "合同编号,合同类型,标的类型,标的编号,承包方,开始日期,结束日期,总价(元)\nOC-9,发包,资源,OR-0,李四,2026-01-01,2026-12-31,800\n";
  const http::Headers csv_type = {{"Content-Type", "text/csv"}};
  // Voucher and account imports (Hefeng): one voucher in June 2026; a sub-account with an opening balance.
  const std::string voucher_csv = "日期,凭证号,摘要,科目编码,科目名称,借方金额,贷方金额\n"
                                  "2026-06-02,1,收到租金,102,银行存款,\"1,000.00\",\n2026-06-02,1,收到租金,511.01,,,1000\n";
  const std::string account_csv = "科目编码,科目名称,年初余额\n202.02,借款,100\n301,资本,-100\n";

  // An asset deal and a stock-take the samples work on (Hefeng): deal_url leases OA-0 and waits
  // at step 1; stock-take inv_url (2025) has every line counted, inv_line is one of them.
  const auto asset_id = std::stoll(asset_url.substr(asset_url.rfind('/') + 1));
  const auto deal =
      post("/api/v1/ledger/deals",
           json{{"region_code", kHefeng}, {"title", "村民活动中心出租"}, {"kind", "lease"}, {"subject_type", "asset"},
                {"subject_id", asset_id}, {"reserve_price_fen", 1000000}, {"method", "auction"}},
           token("hefeng.clerk"));
  ASSERT_EQ(deal.status, 201) << deal.raw.body;
  const std::string deal_url = "/api/v1/ledger/deals/" + deal.json["id"].dump();
  json default_steps = json::array();
  for (const auto& step : ledger::default_deal_steps()) default_steps.push_back(ledger::to_json(step));
  const auto inventory = post("/api/v1/ledger/inventories", json{{"region_code", kHefeng}, {"year", 2025}}, token("hefeng.clerk"));
  ASSERT_EQ(inventory.status, 201) << inventory.raw.body;
  const std::string inv_url = "/api/v1/ledger/inventories/" + inventory.json["id"].dump();
  std::string inv_line;
  const auto inv_items = get(inv_url + "/items?size=200", token("hefeng.clerk"));
  ASSERT_EQ(inv_items.status, 200) << inv_items.raw.body;
  for (const auto& it : inv_items.json["items"]) {
    inv_line = inv_url + "/items/" + it["id"].dump();
    ASSERT_EQ(call(Method::PUT, inv_line, json{{"result", "found"}}.dump(), token("hefeng.clerk")).status, 200);
  }
  ASSERT_FALSE(inv_line.empty());

  // Petty power: an item of Hefeng's own with a two-step flow and a case started under it
  // (the samples approve it, then stamp a seal for it).
  const json power_flow = {{"steps",
                            {{{"key", "submit"}, {"name_zh", "提出申请"}, {"kind", "submit"}},
                             {{"key", "approve"}, {"name_zh", "书记审批"}, {"kind", "approve"}, {"roles", {"secretary"}},
                              {"time_limit_days", 3}, {"attachments", {"采购单"}}}}}};
  const auto power_item = call(Method::POST, "/api/v1/power/items",
                               json{{"region", kHefeng}, {"code", "sample.spending"}, {"name_zh", "零星支出"},
                                    {"group", "collective"}, {"kind", "spending"}, {"flow", power_flow}}
                                   .dump(),
                               token("hefeng.secretary"));
  ASSERT_EQ(power_item.status, 201) << power_item.raw.body;
  const std::string power_item_url = "/api/v1/power/items/" + power_item.json["id"].dump();
  const auto power_case = call(Method::POST, "/api/v1/power/cases",
                               json{{"item", "sample.spending"}, {"region", kHefeng}, {"title", "购买打印纸"},
                                    {"amount_fen", 50000}}
                                   .dump(),
                               token("hefeng.clerk"));
  ASSERT_EQ(power_case.status, 201) << power_case.raw.body;
  const std::string power_case_url = "/api/v1/power/cases/" + power_case.json["id"].dump();
  // Its documents: the purchase order on the approval step (downloaded by the samples, then
  // frozen once approved) and a photo on the submit step (deleted by the samples).
  const auto power_doc = call(Method::POST, power_case_url + "/documents?step=approve&document=%E9%87%87%E8%B4%AD%E5%8D%95&filename=order.pdf",
                              kPdfFile, token("hefeng.clerk"), {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(power_doc.status, 201) << power_doc.raw.body;
  const std::string power_doc_url = power_case_url + "/documents/" + power_doc.json["id"].dump();
  const auto power_doc2 = call(Method::POST, power_case_url + "/documents?step=submit&filename=photo.png", kPngFile,
                               token("hefeng.clerk"), {{"Content-Type", "image/png"}});
  ASSERT_EQ(power_doc2.status, 201) << power_doc2.raw.body;

  // A witness of the publication log (its cosignature is posted once the log has entries).
  const auto witness = tlog::Signer::generate("sample-witness", tlog::KeyType::cosignature_v1);

  // One valid request per documented operation, in an order where each finds what it needs.
  // Works projects the samples work on (Hefeng): project_url with payment vouchers pay_1 (linked
  // and unlinked by the samples) and pay_2 (linked in the cases), project_del_url (deleted).
  const auto project_pay = [&](const std::string& date) {
    auto r = post("/api/v1/ledger/vouchers",
                  json{{"region_code", kHefeng}, {"date", date}, {"summary", "工程款"},
                       {"unapproved_exception", {{"reason", "事后补批"}}},
                       {"lines", json::array({json{{"account_code", "541.03"}, {"debit_fen", 30000}},
                                              json{{"account_code", "102"}, {"credit_fen", 30000}}})}},
                  token("hefeng.clerk"));
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return r.json.value("id", json(0)).dump();
  };
  const auto project_body = [](bool with_region) {
    json b{{"name", "村道硬化工程"}, {"year", 2026}, {"category", "works"}, {"contract_amount_fen", 8000000},
           {"contractor", "清河市路桥建设有限公司"}, {"procurement_method", "公开招标"}, {"start_date", "2026-03-01"},
           {"finish_date", "2026-05-01"}, {"acceptance_date", "2026-05-10"}, {"acceptance_result", "passed"},
           {"audit_date", "2026-06-01"}, {"audited_amount_fen", 7900000}, {"settlement_amount_fen", 7900000},
           {"power_case_id", 1}, {"note", "一事一议"}};
    if (with_region) b["region_code"] = kHefeng;
    return b;
  };
  const std::string project_url = asset_item("/api/v1/ledger/projects", project_body(true));
  const std::string project_del_url = asset_item("/api/v1/ledger/projects", project_body(true));
  const std::string pay_1 = project_pay("2026-05-20"), pay_2 = project_pay("2026-05-21");
  const std::string hefeng_term = "region=" + std::string(kHefeng) + "&user=" + hefeng_clerk + "&from=2026-01-01&to=2026-10-31";
  const std::vector<Exchange> samples = {
      // The 三图三表 (Zhuxi shows the template catalogue).
      {.op = "getPowerResponsibilityChart", .target = "/api/v1/power/charts/responsibility?region=" + std::string(kZhuxi),
       .as = "zhuxi.secretary", .status = 200},
      {.op = "getPowerApprovalChart", .target = "/api/v1/power/charts/approval?band=large&format=svg&region=" +
       std::string(kZhuxi), .as = "zhuxi.clerk", .status = 200},
      {.op = "getPowerTradingChart", .target = "/api/v1/power/charts/trading?kind=purchase&band=medium&format=svg&region=" +
       std::string(kZhuxi), .as = "zhuxi.clerk", .status = 200},
      {.op = "getPowerFlowChart", .target = "/api/v1/power/charts/flow?item=" + power_item.json["id"].dump() +
       "&version=1&band=small&format=svg", .as = "hefeng.clerk", .status = 200},
      {.op = "getPowerRiskTable", .target = "/api/v1/power/charts/risks?format=json&region=" + std::string(kZhuxi),
       .as = "zhuxi.clerk", .status = 200},
      {.op = "getPowerAuditChecklist", .target = "/api/v1/power/charts/audit?format=json&from=2026-01-01&to=2026-12-31&region=" +
       std::string(kHefeng), .as = "discipline", .status = 200},
      {.op = "health", .target = "/healthz", .as = "", .status = 200},
      {.op = "metrics", .target = "/metrics", .as = "", .status = 200},
      {.op = "openapi", .target = "/api/v1/openapi.json", .as = "", .status = 200},
      {.op = "login",
       .target = "/api/v1/auth/login",
       .body = json{{"username", "hefeng.supervisor"}, {"password", passwords_["hefeng.supervisor"]}}.dump(),
       .as = "",
       .status = 200},
      {.op = "getMe", .target = "/api/v1/auth/me", .status = 200},
      {.op = "listPermissions", .target = "/api/v1/permissions", .as = "hefeng.resident", .status = 200},
      {.op = "listRoles", .target = "/api/v1/roles", .status = 200},
      {.op = "createRole",
       .target = "/api/v1/roles",
       .body = json{{"code", "sample_role"},
                    {"name_zh", "示例角色"},
                    {"name_en", "Sample role"},
                    {"data_scope", "region_and_below"},
                    {"permissions", json::array({"system:user:read", "system:region:*"})}}
                   .dump(),
       .status = 201},
      {.op = "updateRole",
       .target = "/api/v1/roles/sample_role",
       .body = json{{"name_en", "Sample role 2"},
                    {"data_scope", "region"},
                    {"permissions", json::array({"system:user:read"})}}
                   .dump(),
       .status = 200},
      {.op = "listUsers",
       .target = "/api/v1/users?region=" + std::string(kHefeng) +
                 "&q=hefeng&role=clerk&enabled=true&sort=-created_at&page=1&size=5",
       .status = 200},
      {.op = "createUser",
       .target = "/api/v1/users",
       .body = json{{"username", "sample.user"},
                    {"display_name", "示例用户"},
                    {"password", kPassword},
                    {"role", "clerk"},
                    {"region_code", kHefeng},
                    {"phone", "138 0000 0000"}}
                   .dump(),
       .status = 201},
      {.op = "getUser", .target = "/api/v1/users/" + hefeng_clerk, .status = 200},
      {.op = "updateUser",
       .target = "/api/v1/users/" + hefeng_clerk,
       .body = json{{"display_name", "荷风文书甲"}, {"phone", ""}, {"enabled", true}}.dump(),
       .status = 200},
      {.op = "resetUserPassword",
       .target = "/api/v1/users/" + id("taoyuan.clerk") + "/password",
       .body = json{{"password", "Passw0rd456"}}.dump(),
       .status = 204},
      {.op = "unlockUser", .target = "/api/v1/users/" + id("zhuxi.clerk") + "/unlock", .status = 204},
      {.op = "getRegionTree", .target = "/api/v1/regions/tree", .as = "hefeng.secretary", .status = 200},
      {.op = "listRegions",
       .target = "/api/v1/regions?region=" + std::string(kStreet) + "&level=community&q=%E7%A4%BE&sort=-name",
       .status = 200},
      {.op = "getRegion", .target = "/api/v1/regions/" + std::string(kHefeng), .status = 200},
      {.op = "createRegion",
       .target = "/api/v1/regions",
       .body = json{{"code", "339902001001004"},
                    {"name", "荷风社区第4网格"},
                    {"level", "grid"},
                    {"parent_code", kHefeng},
                    {"sort", 4}}
                   .dump(),
       .status = 201},
      {.op = "updateRegion",
       .target = "/api/v1/regions/339902001001004",
       .body = json{{"name", "荷风社区四组"}, {"sort", 5}}.dump(),
       .status = 200},
      {.op = "importRegions",
       .target = "/api/v1/regions/import",
       .body = "code,name,level,parent_code\n339902001001005,荷风社区第5网格,grid,339902001001\n",
       .headers = {{"Content-Type", "text/csv; charset=utf-8"}},
       .status = 200},
      {.op = "deleteRegion", .target = "/api/v1/regions/339902001001005", .status = 204},
      {.op = "listDicts", .target = "/api/v1/dicts", .status = 200},
      {.op = "createDict",
       .target = "/api/v1/dicts",
       .body = json{{"code", "sample_dict"}, {"name_zh", "示例字典"}, {"name_en", "Sample"}}.dump(),
       .status = 201},
      {.op = "addDictItem",
       .target = "/api/v1/dicts/sample_dict/items",
       .body =
           json{{"value", "a"}, {"label_zh", "甲"}, {"label_en", "A"}, {"sort", 1}, {"enabled", true}}.dump(),
       .status = 201},
      {.op = "updateDictItem",
       .target = "/api/v1/dicts/sample_dict/items/a",
       .body = json{{"label_en", "Alpha"}, {"enabled", false}}.dump(),
       .status = 200},
      {.op = "listOpLog",
       .target = "/api/v1/oplog?region=" + std::string(kStreet) +
                 "&action=update&object_type=user&from=2000-01-01&to=2999-12-31",
       .status = 200},
      {.op = "listLoginLog",
       .target = "/api/v1/loginlog?username=hefeng.supervisor&success=true&from=2000-01-01",
       .status = 200},
      {.op = "changeOwnPassword",
       .target = "/api/v1/auth/password",
       .body =
           json{{"old_password", passwords_["songtao.secretary"]}, {"new_password", "NewPassw0rd1"}}.dump(),
       .as = "songtao.secretary",
       .status = 204},
      // Publications: disclosure 1 is drafted, edited, published (entry 0), corrected by 3
      // (entry 1), and 3 withdrawn (entry 2); disclosure 2 is a draft deleted last (deleting it
      // earlier would let SQLite hand its id to the correction).
      {.op = "createDisclosure",
       .target = "/api/v1/disclosures",
       .body = json{{"region", kHefeng},
                    {"category", "finance"},
                    {"stage", "after"},
                    {"title", "2026年第三季度财务收支公开"},
                    {"body", "## 收入\n\n- 租金 12,000.00 元"},
                    {"period", "2026-Q3"},
                    {"links", json::array({json{{"type", "voucher"}, {"id", "2026-07-001"}}})}}
                   .dump(),
       .as = "hefeng.clerk",
       .status = 201},
      {.op = "updateDisclosure",
       .target = disclosure_url(1),
       .body = json{{"title", "2026年第三季度财务收支明细"}, {"stage", "after"}}.dump(),
       .as = "hefeng.clerk",
       .status = 200},
      {.op = "createDisclosure",
       .target = "/api/v1/disclosures",
       .body = json{{"region", kHefeng}, {"category", "party"}, {"stage", "before"}, {"title", "草稿"}, {"body", "草稿"}}
                   .dump(),
       .as = "hefeng.clerk",
       .status = 201},
      // Attachments: a PNG on 1 (attachment 1, kept through publishing and the correction's
      // copy, attachment 3), a PDF on 2 (attachment 2) removed again.
      {.op = "addDisclosureAttachment",
       .target = disclosure_url(1) + "/attachments?filename=" + kPngName,
       .body = kPngFile,
       .as = "hefeng.clerk",
       .headers = {{"Content-Type", "image/png"}},
       .status = 201},
      {.op = "addDisclosureAttachment",
       .target = disclosure_url(2) + "/attachments?filename=scan",
       .body = kPdfFile,
       .as = "hefeng.clerk",
       .headers = {{"Content-Type", "application/octet-stream"}},
       .status = 201},
      {.op = "getDisclosureAttachment", .target = disclosure_url(2) + "/attachments/" + attachment_id(2), .as = "hefeng.supervisor",
       .status = 200},
      {.op = "deleteDisclosureAttachment", .target = disclosure_url(2) + "/attachments/" + attachment_id(2), .as = "hefeng.clerk",
       .status = 204},
      {.op = "getDisclosure", .target = disclosure_url(1), .as = "hefeng.supervisor", .status = 200},
      {.op = "publishDisclosure", .target = disclosure_url(1) + "/publish", .as = "hefeng.clerk", .status = 200},
      {.op = "correctDisclosure",
       .target = disclosure_url(1) + "/correct",
       .body = json{{"category", "finance"}, {"stage", "after"}, {"title", "更正"}, {"body", "更正后的数字"}}.dump(),
       .as = "hefeng.secretary",
       .status = 201},
      {.op = "publicAttachment", .target = "/p/" + std::string(kHefeng) + "/a/" + png_sha, .as = "", .status = 200},
      {.op = "withdrawDisclosure",
       .target = disclosure_url(3) + "/withdraw",
       .body = json{{"reason", "数据有误"}}.dump(),
       .as = "hefeng.clerk",
       .status = 200},
      {.op = "deleteDisclosure", .target = disclosure_url(2), .as = "hefeng.clerk", .status = 204},
      {.op = "listDisclosures",
       .target = "/api/v1/disclosures?region=" + std::string(kHefeng) +
                 "&status=withdrawn&category=finance&stage=after&q=%E6%9B%B4&sort=-published_at",
       .as = "discipline",
       .status = 200},
      {.op = "logCheckpoint", .target = "/log/checkpoint", .as = "", .status = 200},
      {.op = "logKey", .target = "/log/key", .as = "", .status = 200},
      {.op = "logEntry", .target = "/log/entries/2", .as = "", .status = 200},
      // tlog-tiles: the samples have added 3 entries to the demo's, all in one partial tile.
      {.op = "logTile", .target = "/log/tile/0/000.p/" + log_size(3), .as = "", .status = 200},
      {.op = "logTile", .target = "/log/tile/0/000.p/" + log_size(4), .as = "", .status = 404, .code = "not_found"},
      {.op = "logTile", .target = "/log/tile/0/000", .as = "", .status = 404, .code = "not_found"},
      {.op = "logTile", .target = "/log/tile/0/x000/000.p/1", .as = "", .status = 400,
       .code = "tlog_malformed_tile_path"},
      {.op = "logEntryBundle", .target = "/log/tile/entries/000.p/1", .as = "", .status = 200},
      {.op = "logEntryBundle", .target = "/log/tile/entries/x001/000", .as = "", .status = 404, .code = "not_found"},
      {.op = "logEntryBundle", .target = "/log/tile/entries/000.p/0", .as = "", .status = 400,
       .code = "tlog_malformed_tile_path"},
      {.op = "logInclusionProof", .target = "/api/v1/log/proof/inclusion?index=0&size=3", .as = "", .status = 200},
      {.op = "logConsistencyProof", .target = "/api/v1/log/proof/consistency?from=1&to=3", .as = "", .status = 200},
      {.op = "addLogWitness",
       .target = "/api/v1/log/witnesses",
       .body = json{{"vkey", witness.vkey()}}.dump(),
       .status = 201},
      {.op = "listLogWitnesses", .target = "/api/v1/log/witnesses", .as = "hefeng.clerk", .status = 200},
      {.op = "postLogCosignatures",
       .target = "/api/v1/log/cosignatures",
       .body = "not a checkpoint note",
       .as = "",
       .headers = {{"Content-Type", "text/plain"}},
       .status = 400,
       .code = "tlog_malformed_note"},
      {.op = "getLogStatus", .target = "/api/v1/log/status", .as = "discipline", .status = 200},
      {.op = "verifyLog", .target = "/api/v1/log/verify", .as = "discipline", .status = 200},
      {.op = "publicPage", .target = "/p/" + std::string(kHefeng) + "?large=1", .as = "", .status = 200},
      {.op = "publicPageQr",
       .target = "/p/" + std::string(kHefeng) + "/qr.svg",
       .as = "",
       .headers = {{"Host", "qinglian.example:8080"}},
       .status = 200},
      {.op = "publicPoster", .target = "/p/" + std::string(kHefeng) + "/poster", .as = "", .status = 200},
      // Residents' comments: the samples ask for what does not exist (probes run before anything
      // is published); the successes follow below with the ids they create.
      {.op = "publicDisclosurePage", .target = "/p/" + std::string(kHefeng) + "/d/" + kNoUser, .as = "", .status = 404},
      {.op = "submitDisclosureComment",
       .target = "/p/" + std::string(kHefeng) + "/d/" + kNoUser + "/comments",
       .body = "kind=question&body=abc",
       .as = "",
       .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
       .status = 404},
      {.op = "listDisclosureComments",
       .target = "/api/v1/disclosure/comments?region=" + std::string(kHefeng) +
                 "&status=pending&kind=question&disclosure_id=" + disclosure_id(1) + "&answered=false&sort=-created_at&page=1&size=5",
       .as = "hefeng.supervisor",
       .status = 200},
      {.op = "approveDisclosureComment",
       .target = std::string("/api/v1/disclosure/comments/") + kNoUser + "/approve",
       .status = 404},
      {.op = "rejectDisclosureComment",
       .target = std::string("/api/v1/disclosure/comments/") + kNoUser + "/reject",
       .body = json{{"reason", "广告"}}.dump(),
       .status = 404},
      {.op = "answerDisclosureComment",
       .target = std::string("/api/v1/disclosure/comments/") + kNoUser + "/answer",
       .body = json{{"answer", "已安排维修"}}.dump(),
       .status = 404},
      {.op = "getDefaultCatalog", .target = "/api/v1/disclosure/default-catalog", .as = "hefeng.clerk", .status = 200},
      {.op = "listCatalogs",
       .target = "/api/v1/disclosure/catalogs?region=" + std::string(kStreet) +
                 "&year=2026&is_template=false&sort=-region_code&page=1&size=5",
       .as = "street",
       .status = 200},
      {.op = "createCatalog",
       .target = "/api/v1/disclosure/catalogs",
       .body = json{{"region_code", kStreet},
                    {"year", 2027},
                    {"name", "青莲街道2027年公开目录模板"},
                    {"is_template", true},
                    {"from_default", true}}
                   .dump(),
       .as = "street",
       .status = 201},
      {.op = "adoptCatalog",
       .target = "/api/v1/disclosure/catalogs/adopt",
       .body = json{{"region_code", kHefeng}, {"year", 2026}, {"name", "荷风社区2026年公开目录"}}.dump(),
       .as = "hefeng.secretary",
       .status = 201},
      {.op = "getCatalog", .target = zhuxi_catalog_url, .as = "zhuxi.supervisor", .status = 200},
      {.op = "addCatalogItem",
       .target = zhuxi_items,
       .body = json{{"code", "affairs.property_fees"},
                    {"title", "物业专项维修资金使用情况"},
                    {"category", "affairs"},
                    {"frequency", "quarterly"},
                    {"due_days", 20},
                    {"description", "按季公开\n收支明细"},
                    {"sort", 500}}
                   .dump(),
       .as = "zhuxi.secretary",
       .status = 201},
      {.op = "updateCatalogItem",
       .target = zhuxi_items + "/affairs.property_fees",
       .body = json{{"title", "物业专项维修资金收支"}, {"frequency", "monthly"}, {"due_days", 10}}.dump(),
       .as = "zhuxi.secretary",
       .status = 200},
      {.op = "deleteCatalogItem", .target = zhuxi_items + "/affairs.property_fees", .as = "zhuxi.secretary",
       .status = 204},
      {.op = "listOverdueDisclosures",
       .target = "/api/v1/disclosure/overdue?region=" + std::string(kStreet) +
                 "&as_of=2026-12-31&sort=due_date&page=1&size=50",
       .as = "discipline",
       .status = 200},
      {.op = "getDisclosureDashboard",
       .target = "/api/v1/disclosure/dashboard?region=" + std::string(kStreet) + "&year=2026",
       .as = "street",
       .status = 200},
      {.op = "listLedgerAccounts",
       .target = "/api/v1/ledger/accounts?region=" + std::string(kHefeng) + "&include_inactive=true",
       .as = "hefeng.supervisor",
       .status = 200},
      {.op = "initLedgerChart",
       .target = "/api/v1/ledger/accounts/init",
       .body = json{{"region_code", kZhuxi}}.dump(),
       .as = "zhuxi.clerk",
       .status = 201},
      {.op = "addLedgerAccount",
       .target = "/api/v1/ledger/accounts",
       .body = json{{"region_code", kHefeng}, {"parent_code", "112"}, {"code", "112.03"}, {"name", "应收李四"},
                    {"is_cash", false}, {"is_bank", false}}
                   .dump(),
       .as = "hefeng.clerk",
       .status = 201},
      {.op = "updateLedgerAccount",
       .target = ledger_sub1,
       .body = json{{"name", "应收王五"}, {"active", true}}.dump(),
       .as = "hefeng.clerk",
       .status = 200},
      {.op = "deleteLedgerAccount", .target = ledger_sub2, .as = "hefeng.clerk", .status = 204},
      {.op = "createLedgerVoucher",
       .target = "/api/v1/ledger/vouchers",
       .body = json{{"region_code", kHefeng},
                    {"date", "2026-03-10"},
                    {"number", 10},
                    {"summary", "支付村道硬化工程进度款"},
                    {"settlement", "bank_transfer"},
                    {"counterparty", "清河市路桥建设有限公司"},
                    {"attachment_count", 3},
                    {"approval_ref", approved_case_},
                    {"lines", json::array({ledger_line("154", 1200000, 0), ledger_line("102", 0, 1200000)})}}
                   .dump(),
       .as = "hefeng.clerk",
       .status = 201},
      {.op = "getLedgerVoucher", .target = voucher_a, .as = "hefeng.supervisor", .status = 200},
      {.op = "updateLedgerVoucher",
       .target = voucher_a,
       .body = json{{"date", "2026-03-05"},
                    {"summary", "收取上半年土地承包费"},
                    {"settlement", "bank_transfer"},
                    {"lines", json::array({ledger_line("102", 600000, 0), ledger_line("511.01", 0, 600000)})}}
                   .dump(),
       .as = "hefeng.clerk",
       .status = 200},
      {.op = "addLedgerScan",
       .target = voucher_a + "/scans?filename=" + kPngName,
       .body = kPngFile,
       .as = "hefeng.clerk",
       .headers = {{"Content-Type", "image/png"}},
       .status = 201},
      {.op = "getLedgerScan", .target = ledger_scan_url, .as = "hefeng.supervisor", .status = 200},
      {.op = "reverseLedgerVoucher",
       .target = voucher_a + "/reverse",
       .body = json{{"date", "2026-04-02"}, {"number", 5}, {"summary", "冲销:金额录错"}}.dump(),
       .as = "hefeng.clerk",
       .status = 201},
      {.op = "voidLedgerVoucher",
       .target = voucher_b + "/void",
       .body = json{{"reason", "重复录入"}}.dump(),
       .as = "hefeng.clerk",
       .status = 200},
      {.op = "listLedgerVouchers",
       .target = "/api/v1/ledger/vouchers?region=" + std::string(kStreet) +
                 "&period=2026-03&from=2026-03-01&to=2026-03-31&status=posted&account=102&is_payment=false"
                 "&unapproved=false&q=%E5%9C%9F%E5%9C%B0&sort=-date&page=1&size=5",
       .as = "street",
       .status = 200},
      {.op = "listLedgerPeriods",
       .target = "/api/v1/ledger/periods?region=" + std::string(kHefeng) + "&year=2026",
       .as = "hefeng.secretary",
       .status = 200},
      {.op = "closeLedgerPeriod",
       .target = "/api/v1/ledger/periods/close",
       .body = json{{"region_code", kHefeng}, {"period", "2026-01"}}.dump(),
       .as = "hefeng.secretary",
       .status = 200},
      {.op = "getLedgerBalances",
       .target = "/api/v1/ledger/balances?" + hefeng_books + "&date=2026-06-30",
       .as = "hefeng.supervisor",
       .status = 200},
      {.op = "getLedgerJournal", .target = "/api/v1/ledger/journal/bank?" + hefeng_books, .as = "hefeng.supervisor",
       .status = 200},
      {.op = "getLedgerDetail", .target = "/api/v1/ledger/detail?" + hefeng_books + "&account=102",
       .as = "hefeng.supervisor", .status = 200},
      {.op = "getLedgerGeneral", .target = "/api/v1/ledger/general?" + hefeng_books + "&account=102",
       .as = "hefeng.supervisor", .status = 200},
      {.op = "getLedgerIncome", .target = "/api/v1/ledger/income?" + hefeng_books, .as = "discipline", .status = 200},
      {.op = "getLedgerBalanceSheet",
       .target = "/api/v1/ledger/balance-sheet?region=" + std::string(kHefeng) + "&date=2026-06-30",
       .as = "street",
       .status = 200},
      {.op = "getLedgerComparison",
       .target = "/api/v1/ledger/comparison?region=339902001201&year=2026&base_year=2025",
       .as = "street",
       .status = 200},
      {.op = "listAssets",
       .target = "/api/v1/ledger/assets?region=" + std::string(kStreet) +
                 "&category=%E6%88%BF%E5%B1%8B%E5%BB%BA%E7%AD%91%E7%89%A9&status=in_use&q=OA&sort=-code&page=1&size=5",
       .as = "street",
       .status = 200},
      {.op = "createAsset",
       .target = "/api/v1/ledger/assets",
       .body = json{{"region_code", kHefeng}, {"code", "OA-1"}, {"name", "农用拖拉机"}, {"category", "机器设备"},
                    {"original_value_fen", 8500000}, {"acquired_date", "2021-03-15"}, {"location", "农机棚"},
                    {"custodian", "村主任"}, {"status", "idle"}, {"note", "东方红 LX904"}}
                   .dump(),
       .as = "hefeng.clerk",
       .status = 201},
      {.op = "getAsset", .target = asset_url, .as = "discipline", .status = 200},
      {.op = "updateAsset",
       .target = asset_url,
       .body = json{{"custodian", "王五"}, {"status", "leased"}}.dump(),
       .as = "hefeng.clerk",
       .status = 200},
      {.op = "addAssetPhoto",
       .target = asset_url + "/photos?filename=" + kPngName,
       .body = kPngFile,
       .as = "hefeng.clerk",
       .headers = {{"Content-Type", "image/png"}},
       .status = 201},
      {.op = "getAssetPhoto", .target = photo_url, .as = "hefeng.supervisor", .status = 200},
      {.op = "importAssets",
       .target = "/api/v1/ledger/assets/import?region=" + std::string(kHefeng) + "&dry_run=true",
       .body = asset_csv,
       .as = "hefeng.clerk",
       .headers = csv_type,
       .status = 200},
      {.op = "getAssetsTemplate", .target = "/api/v1/ledger/assets/template?format=csv", .as = "hefeng.clerk",
       .status = 200},
      {.op = "importLedgerVouchers",
       .target = "/api/v1/ledger/vouchers/import?region=" + std::string(kHefeng) + "&dry_run=true&unapproved_reason=" +
                 "%E8%A1%A5%E5%BD%95",
       .body = voucher_csv,
       .as = "hefeng.clerk",
       .headers = csv_type,
       .status = 200},
      {.op = "getLedgerVouchersTemplate", .target = "/api/v1/ledger/vouchers/template?format=xlsx", .as = "hefeng.clerk",
       .status = 200},
      {.op = "importLedgerAccounts",
       .target = "/api/v1/ledger/accounts/import?region=" + std::string(kHefeng) + "&dry_run=true&opening_date=2024-12-31",
       .body = account_csv,
       .as = "hefeng.clerk",
       .headers = csv_type,
       .status = 200},
      {.op = "getLedgerAccountsTemplate", .target = "/api/v1/ledger/accounts/template?format=csv", .as = "hefeng.clerk",
       .status = 200},
      {.op = "listResources",
       .target = "/api/v1/ledger/resources?region=" + std::string(kHefeng) + "&kind=arable&status=available&q=OR"
                 "&sort=area_milli&page=1&size=5",
       .as = "hefeng.supervisor",
       .status = 200},
      {.op = "createResource",
       .target = "/api/v1/ledger/resources",
       .body = json{{"region_code", kHefeng}, {"code", "OR-1"}, {"name", "北塘鱼塘"}, {"kind", "water"},
                    {"arable", false}, {"location", "北塘"}, {"area_milli", 15000}, {"area_unit", "mu"},
                    {"ownership", "村集体所有"}, {"status", "leased"}, {"note", "养殖"}}
                   .dump(),
       .as = "hefeng.clerk",
       .status = 201},
      {.op = "getResource", .target = resource_url, .as = "hefeng.supervisor", .status = 200},
      {.op = "updateResource",
       .target = resource_url,
       .body = json{{"status", "contracted"}, {"note", "已发包"}}.dump(),
       .as = "hefeng.clerk",
       .status = 200},
      {.op = "listContracts",
       .target = "/api/v1/ledger/contracts?region=" + std::string(kStreet) +
                 "&kind=contracting&status=active&q=OC&expiring=false&sort=-end_date&page=1&size=5",
       .as = "street",
       .status = 200},
      {.op = "createContract",
       .target = "/api/v1/ledger/contracts",
       .body = [&] {
         auto b = contract_body("OC-1");
         b["counterparty_id_no"] = "330102199001011234";
         b["counterparty_phone"] = "13800000000";
         b["area_milli"] = 20000;
         b["area_unit"] = "mu";
         b["unit_price_fen"] = 50000;
         b["total_fen"] = 200000;
         b["end_date"] = "2026-12-31";
         b["schedule"] = json::array({{{"due_date", "2025-01-01"}, {"amount_fen", 100000}},
                                      {{"due_date", "2026-01-01"}, {"amount_fen", 100000}}});
         b["note"] = "两年期";
         return b.dump();
       }(),
       .as = "hefeng.clerk",
       .status = 201},
      {.op = "getContract", .target = contract_url, .as = "hefeng.supervisor", .status = 200},
      {.op = "updateContract",
       .target = contract_url,
       .body = json{{"status", "active"}, {"note", "续签中"}, {"counterparty_phone", "13900000000"}}.dump(),
       .as = "hefeng.clerk",
       .status = 200},
      {.op = "recordContractPayment",
       .target = contract_url + "/payments",
       .body = json{{"amount_fen", 100000}, {"paid_date", "2025-01-05"}, {"voucher_ref", "2025-01 第3号"},
                    {"note", "首期"}}
                   .dump(),
       .as = "hefeng.clerk",
       .status = 201},
      {.op = "importContracts",
       .target = "/api/v1/ledger/contracts/import?region=" + std::string(kHefeng) + "&dry_run=true",
       .body = contract_csv,
       .as = "hefeng.clerk",
       .headers = csv_type,
       .status = 200},
      {.op = "getContractsTemplate", .target = "/api/v1/ledger/contracts/template?format=xlsx", .as = "hefeng.clerk",
       .status = 200},
      {.op = "listContractWarnings",
       .target = "/api/v1/ledger/contract-warnings?region=" + std::string(kStreet) +
                 "&level=red&type=payment_overdue&sort=level&page=1&size=5",
       .as = "discipline",
       .status = 200},
      {.op = "getAssetSummary", .target = "/api/v1/ledger/asset-summary?region=" + std::string(kStreet),
       .as = "discipline", .status = 200},
      {.op = "getAssetSettings", .target = "/api/v1/ledger/asset-settings?region=" + std::string(kHefeng),
       .as = "hefeng.clerk", .status = 200},
      {.op = "putAssetSettings",
       .target = "/api/v1/ledger/asset-settings",
       .body = json{{"region_code", kStreet}, {"max_term_years", 20}, {"max_term_years_arable", 30},
                    {"min_price_percent", 50},
                    {"reference_prices", json::array({{{"kind", "arable"}, {"area_unit", "mu"}, {"price_fen", 80000}}})}}
                   .dump(),
       .as = "street",
       .status = 200},
      {.op = "listDeals",
       .target = "/api/v1/ledger/deals?region=" + std::string(kStreet) +
                 "&status=in_progress&kind=lease&q=JY&sort=-created_at&page=1&size=5",
       .as = "street",
       .status = 200},
      {.op = "createDeal",
       .target = "/api/v1/ledger/deals",
       .body = json{{"region_code", kHefeng}, {"title", "东畈耕地发包"}, {"kind", "contracting"},
                    {"subject_type", "resource"}, {"subject_id", resource_id}, {"reserve_price_fen", 400000},
                    {"method", "tender"}, {"description", "五年期"}}
                   .dump(),
       .as = "hefeng.clerk",
       .status = 201},
      {.op = "getDeal", .target = deal_url, .as = "hefeng.supervisor", .status = 200},
      {.op = "actDealStep",
       .target = deal_url + "/steps/1",
       .body = json{{"action", "complete"}, {"note", "申请已提交"}, {"attachments", 2}}.dump(),
       .as = "hefeng.clerk",
       .status = 200},
      {.op = "getDealTemplate", .target = "/api/v1/ledger/deal-template?region=" + std::string(kHefeng),
       .as = "hefeng.clerk", .status = 200},
      {.op = "putDealTemplate",
       .target = "/api/v1/ledger/deal-template",
       .body = json{{"region_code", kZhuxi}, {"steps", default_steps}}.dump(),
       .as = "street",
       .status = 200},
      {.op = "listInventories",
       .target = "/api/v1/ledger/inventories?region=" + std::string(kStreet) + "&status=open&year=2025&sort=-year&page=1&size=5",
       .as = "street",
       .status = 200},
      {.op = "createInventory",
       .target = "/api/v1/ledger/inventories",
       .body = json{{"region_code", kHefeng}, {"year", 2026}, {"note", "年底清查"}}.dump(),
       .as = "hefeng.clerk",
       .status = 201},
      {.op = "getInventory", .target = inv_url, .as = "hefeng.supervisor", .status = 200},
      {.op = "listInventoryItems",
       .target = inv_url + "/items?result=found&item_type=asset&q=OA&sort=-code&page=1&size=5",
       .as = "hefeng.supervisor",
       .status = 200},
      {.op = "countInventoryItem",
       .target = inv_line,
       .body = json{{"result", "changed"}, {"new_location", "新址"}, {"note", "搬迁"}}.dump(),
       .as = "hefeng.clerk",
       .status = 200},
      {.op = "addInventorySurplus",
       .target = inv_url + "/surplus",
       .body = json{{"kind", "asset"}, {"code", "OA-S1"}, {"name", "旧打谷机"}, {"category", "machinery"},
                    {"value_fen", 30000}, {"acquired_date", "2015-06-01"}, {"location", "仓库"}, {"custodian", "村文书"},
                    {"area_milli", 0}, {"area_unit", "mu"}, {"note", "盘盈"}, {"add_to_register", true}}
                   .dump(),
       .as = "hefeng.clerk",
       .status = 201},
      {.op = "closeInventory", .target = inv_url + "/close", .as = "hefeng.clerk", .status = 200},
      {.op = "getInventoryReport", .target = inv_url + "/report", .as = "hefeng.supervisor", .status = 200},
      {.op = "listPowerItems", .target = "/api/v1/power/items?enabled=true&region=" + std::string(kHefeng),
       .as = "hefeng.clerk", .status = 200},
      {.op = "initPowerItems", .target = "/api/v1/power/items/init?region=339902001003", .as = "songtao.secretary",
       .status = 201},
      {.op = "createPowerItem",
       .target = "/api/v1/power/items",
       .body = json{{"region", kHefeng}, {"code", "sample.other"}, {"name_zh", "其他事项"}, {"name_en", "Other"},
                    {"group", "service"}, {"kind", "other"}, {"legal_basis", "《村民委员会组织法》"},
                    {"description", "示例"}, {"sort", 5}, {"flow", power_flow}}
                   .dump(),
       .as = "hefeng.secretary",
       .status = 201},
      {.op = "getPowerItem", .target = power_item_url + "?version=1", .as = "hefeng.supervisor", .status = 200},
      {.op = "updatePowerItem",
       .target = power_item_url,
       .body = json{{"legal_basis", "《农村集体经济组织财务制度》"}, {"enabled", true}}.dump(),
       .as = "hefeng.secretary",
       .status = 200},
      {.op = "putPowerItemFlow", .target = power_item_url + "/flow", .body = json{{"flow", power_flow}}.dump(),
       .as = "hefeng.secretary", .status = 200},
      {.op = "listPowerItemVersions", .target = power_item_url + "/versions", .as = "hefeng.clerk", .status = 200},
      {.op = "getPowerRules", .target = "/api/v1/power/rules?region=" + std::string(kHefeng), .as = "hefeng.clerk",
       .status = 200},
      {.op = "putPowerRules",
       .target = "/api/v1/power/rules?region=" + std::string(kStreet),
       .body = json{{"rules", {{{"kind", "works"}, {"medium_from_fen", 200000}, {"large_from_fen", 5000000},
                                {"township_from_fen", 50000000}, {"county_from_fen", 400000000}}}}}
                   .dump(),
       .as = "street",
       .status = 200},
      {.op = "previewPowerRoute",
       .target = "/api/v1/power/route?item=sample.spending&amount_fen=50000&region=" + std::string(kHefeng),
       .as = "hefeng.clerk",
       .status = 200},
      {.op = "listPowerCases",
       .target = "/api/v1/power/cases?region=" + std::string(kHefeng) +
                 "&status=in_progress&item=sample.spending&band=small&q=QL&overdue=false&mine=false&todo=true&sort=-number",
       .as = "hefeng.secretary",
       .status = 200},
      {.op = "startPowerCase",
       .target = "/api/v1/power/cases",
       .body = json{{"item", "sample.spending"}, {"region", kHefeng}, {"title", "购买墨盒"}, {"description", "办公用"},
                    {"amount_fen", 30000}, {"counterparty", "青莲文具店"}}
                   .dump(),
       .as = "hefeng.clerk",
       .status = 201},
      {.op = "getPowerCase", .target = power_case_url, .as = "hefeng.supervisor", .status = 200},
      {.op = "updatePowerCase", .target = power_case_url,
       .body = json{{"title", "购买打印纸(A4)"}, {"amount_fen", 48000}}.dump(), .as = "hefeng.clerk", .status = 200},
      {.op = "addPowerCaseDocument",
       .target = power_case_url + "/documents?step=approve&document=%E9%87%87%E8%B4%AD%E5%8D%95&filename=" + kPngName,
       .body = kPngFile,
       .as = "hefeng.secretary",
       .headers = {{"Content-Type", "image/png"}},
       .status = 201},
      {.op = "listPowerCaseDocuments", .target = power_case_url + "/documents?step=approve", .as = "hefeng.supervisor",
       .status = 200},
      {.op = "getPowerCaseDocument", .target = power_doc_url, .as = "hefeng.supervisor", .status = 200},
      {.op = "deletePowerCaseDocument", .target = power_case_url + "/documents/" + power_doc2.json["id"].dump(),
       .as = "hefeng.clerk", .status = 204},
      {.op = "actOnPowerCase", .target = power_case_url + "/actions",
       .body = json{{"step", "approve"}, {"action", "approve"}, {"comment", "同意"}}.dump(), .as = "hefeng.secretary",
       .status = 200},
      {.op = "listPowerOverdue", .target = "/api/v1/power/overdue?region=" + std::string(kStreet), .as = "discipline",
       .status = 200},
      {.op = "recordPowerSealUse",
       .target = "/api/v1/power/seal-uses",
       .body = json{{"case_id", power_case.json["id"]}, {"seal_name", "荷风社区居民委员会印章"}, {"document", "采购单"},
                    {"copies", 1}, {"stamped_by", "荷风社区文书"}, {"stamped_at", "2026-11-20T02:00:00Z"}, {"note", ""}}
                   .dump(),
       .as = "hefeng.clerk",
       .status = 201},
      {.op = "listPowerSealUses",
       .target = "/api/v1/power/seal-uses?region=" + std::string(kHefeng) + "&case_id=" + power_case.json["id"].dump() +
                 "&sort=-stamped_at",
       .as = "hefeng.secretary",
       .status = 200},
      {.op = "listProjects",
       .target = "/api/v1/ledger/projects?region=" + std::string(kStreet) +
                 "&year=2026&category=works&procurement_method=public_tender&q=%E6%9D%91&sort=-contract_amount_fen&page=1&size=5",
       .as = "street",
       .status = 200},
      {.op = "createProject", .target = "/api/v1/ledger/projects", .body = project_body(true).dump(), .as = "hefeng.clerk",
       .status = 201},
      {.op = "getProject", .target = project_url, .as = "hefeng.supervisor", .status = 200},
      {.op = "updateProject", .target = project_url, .body = project_body(false).dump(), .as = "hefeng.clerk", .status = 200},
      {.op = "linkProjectPayment", .target = project_url + "/payments", .body = json{{"voucher_id", std::stoll(pay_1)}}.dump(),
       .as = "hefeng.clerk", .status = 201},
      {.op = "unlinkProjectPayment", .target = project_url + "/payments/" + pay_1, .as = "hefeng.clerk", .status = 200},
      {.op = "deleteProject", .target = project_del_url, .as = "hefeng.clerk", .status = 204},
      {.op = "getProjectCheck", .target = "/api/v1/ledger/project-check?region=" + std::string(kHefeng) + "&year=2026",
       .as = "discipline", .status = 200},
      {.op = "listTermAuditCadres", .target = "/api/v1/ledger/term-audit/cadres?region=" + std::string(kHefeng),
       .as = "discipline", .status = 200},
      {.op = "getTermAudit", .target = "/api/v1/ledger/term-audit?" + hefeng_term, .as = "discipline", .status = 200},
      {.op = "logout", .target = "/api/v1/auth/logout", .as = "street", .status = 204},
  };
  for (const auto& [op, where] : where_) {
    EXPECT_TRUE(std::any_of(samples.begin(), samples.end(), [&](const Exchange& x) { return x.op == op; }))
        << "no sample request for " << op << ": add one above";
  }

  // Probes first: every one must be refused, so the samples still find the state they expect.
  for (const auto& sample : samples) {
    probe_access(sample);
    probe_body(sample);
    probe_query(sample);
  }
  for (const auto& sample : samples) run(sample);
  tokens_.erase("street");  // logged out
  passwords_["songtao.secretary"] = "NewPassw0rd1";

  // Failures particular to an operation, and successes worth checking against their schema
  // with other data (a locked user, log entries of every kind, English, cookie sessions).
  const auto locked = id("hefeng.resident");
  for (int i = 1; i <= 4; ++i)
    run({.op = "login",
         .target = "/api/v1/auth/login",
         .body = json{{"username", "hefeng.resident"}, {"password", "bad-pass-" + std::to_string(i)}}.dump(),
         .as = "",
         .status = 401,
         .code = "invalid_credentials"});
  const std::vector<Exchange> cases = {
      {.op = "login",
       .target = "/api/v1/auth/login",
       .body = json{{"username", "hefeng.resident"}, {"password", "bad-pass-5"}}.dump(),
       .as = "",
       .status = 423,
       .code = "account_locked"},
      // The longest username the document allows, in Chinese, as typed into the login form.
      {.op = "login",
       .target = "/api/v1/auth/login",
       .body = json{{"username", repeat("荷", 64)}, {"password", "whatever-1"}}.dump(),
       .as = "",
       .status = 401,
       .code = "invalid_credentials"},
      {.op = "getUser",
       .target = "/api/v1/users/" + locked,
       .headers = {{"Accept-Language", "en"}},
       .status = 200},
      {.op = "unlockUser", .target = "/api/v1/users/" + locked + "/unlock", .status = 204},
      {.op = "updateUser",
       .target = "/api/v1/users/" + id("meiling.resident"),
       .body = json{{"enabled", false}}.dump(),
       .status = 200},
      {.op = "login",
       .target = "/api/v1/auth/login",
       .body = json{{"username", "meiling.resident"}, {"password", passwords_["meiling.resident"]}}.dump(),
       .as = "",
       .status = 403,
       .code = "account_disabled"},
      {.op = "getMe",
       .target = "/api/v1/auth/me",
       .as = "",
       .headers = {{"Authorization", "Basic eDp5"}},
       .status = 401,
       .code = "invalid_authorization"},
      {.op = "changeOwnPassword",
       .target = "/api/v1/auth/password",
       .body = json{{"old_password", "wrong-pass-1"}, {"new_password", "NewPassw0rd2"}}.dump(),
       .as = "songtao.secretary",
       .status = 400,
       .code = "wrong_password",
       .field = "old_password"},

      {.op = "listUsers",
       .target = "/api/v1/users?region=" + std::string(kNoRegion),
       .status = 404,
       .code = "not_found"},
      {.op = "listUsers",
       .target = "/api/v1/users?region=" + std::string(kZhuxi),
       .as = "hefeng.secretary",
       .status = 403,
       .code = "forbidden"},
      {.op = "listUsers", .target = "/api/v1/users?size=200&sort=display_name", .status = 200},
      {.op = "createUser",
       .target = "/api/v1/users",
       .body = json{{"username", "admin"},
                    {"display_name", "重名"},
                    {"password", kPassword},
                    {"role", "clerk"},
                    {"region_code", kHefeng}}
                   .dump(),
       .status = 409,
       .code = "duplicate_username",
       .field = "username"},
      {.op = "createUser",
       .target = "/api/v1/users",
       .body = json{{"username", "nowhere.user"},
                    {"display_name", "无区划"},
                    {"password", kPassword},
                    {"role", "clerk"},
                    {"region_code", kNoRegion}}
                   .dump(),
       .status = 400,
       .code = "invalid_field",
       .field = "region_code"},
      {.op = "getUser", .target = "/api/v1/users/abc", .status = 400, .code = "invalid_id", .field = "id"},
      {.op = "getUser",
       .target = std::string("/api/v1/users/") + kNoUser,
       .status = 404,
       .code = "not_found"},
      {.op = "getUser",
       .target = "/api/v1/users/" + id("zhuxi.clerk"),
       .as = "hefeng.secretary",
       .status = 403,
       .code = "forbidden"},
      {.op = "updateUser",
       .target = std::string("/api/v1/users/") + kNoUser,
       .body = json{{"display_name", "无"}}.dump(),
       .status = 404,
       .code = "not_found"},
      {.op = "updateUser",
       .target = "/api/v1/users/" + id("admin"),
       .body = json{{"enabled", false}}.dump(),
       .status = 409,
       .code = "cannot_change_self"},
      {.op = "resetUserPassword",
       .target = std::string("/api/v1/users/") + kNoUser + "/password",
       .body = json{{"password", kPassword}}.dump(),
       .status = 404,
       .code = "not_found"},
      {.op = "unlockUser", .target = std::string("/api/v1/users/") + kNoUser + "/unlock", .status = 404},
      {.op = "unlockUser", .target = "/api/v1/users/x1/unlock", .status = 400, .code = "invalid_id"},

      {.op = "createRole",
       .target = "/api/v1/roles",
       .body = json{{"code", "sample_role"},
                    {"name_zh", "重复"},
                    {"name_en", "Again"},
                    {"data_scope", "own"},
                    {"permissions", json::array()}}
                   .dump(),
       .status = 409,
       .code = "duplicate_role",
       .field = "code"},
      {.op = "updateRole",
       .target = "/api/v1/roles/no_such_role",
       .body = json{{"name_en", "X"}}.dump(),
       .status = 404,
       .code = "not_found"},
      {.op = "updateRole",
       .target = "/api/v1/roles/admin",
       .body = json{{"permissions", json::array({"system:user:read"})}}.dump(),
       .status = 409,
       .code = "cannot_change_self"},

      {.op = "listRegions", .target = "/api/v1/regions?region=" + std::string(kNoRegion), .status = 404},
      {.op = "listRegions", .target = "/api/v1/regions?size=200", .status = 200},
      {.op = "getRegion",
       .target = "/api/v1/regions/" + std::string(kNoRegion),
       .status = 404,
       .code = "not_found"},
      {.op = "getRegion",
       .target = "/api/v1/regions/" + std::string(kZhuxi),
       .as = "hefeng.secretary",
       .status = 403,
       .code = "forbidden"},
      {.op = "getRegion",
       .target = "/api/v1/regions/339900000000",
       .status = 200},  // a root: parent_code null
      {.op = "createRegion",
       .target = "/api/v1/regions",
       .body =
           json{{"code", "339902001001004"}, {"name", "重复"}, {"level", "grid"}, {"parent_code", kHefeng}}
               .dump(),
       .status = 409,
       .code = "duplicate_region"},
      {.op = "createRegion",
       .target = "/api/v1/regions",
       .body = json{{"code", "339902001099"},
                    {"name", "无上级"},
                    {"level", "community"},
                    {"parent_code", kNoRegion}}
                   .dump(),
       .status = 400,
       .code = "invalid_field",
       .field = "parent_code"},
      {.op = "updateRegion",
       .target = "/api/v1/regions/" + std::string(kNoRegion),
       .body = json{{"sort", 1}}.dump(),
       .status = 404},
      {.op = "importRegions",
       .target = "/api/v1/regions/import",
       .body = "code,name,level,parent_code\n339902001001006,,grid,339902001001\n",
       .headers = {{"Content-Type", "text/csv"}},
       .status = 400,
       .code = "import_rejected"},
      {.op = "importRegions",
       .target = "/api/v1/regions/import",
       .body = "{}",
       .status = 415,
       .code = "unsupported_media_type"},
      {.op = "deleteRegion",
       .target = "/api/v1/regions/" + std::string(kHefeng),
       .status = 409,
       .code = "region_in_use"},
      {.op = "deleteRegion", .target = "/api/v1/regions/" + std::string(kNoRegion), .status = 404},
      {.op = "getRegionTree", .target = "/api/v1/regions/tree", .status = 200},

      {.op = "createDict",
       .target = "/api/v1/dicts",
       .body = json{{"code", "sample_dict"}, {"name_zh", "重复"}, {"name_en", "Again"}}.dump(),
       .status = 409,
       .code = "duplicate_dict"},
      {.op = "addDictItem",
       .target = "/api/v1/dicts/sample_dict/items",
       .body = json{{"value", "a"}, {"label_zh", "重复"}, {"label_en", "Again"}}.dump(),
       .status = 409,
       .code = "duplicate_dict_item"},
      {.op = "addDictItem",
       .target = "/api/v1/dicts/no_such_dict/items",
       .body = json{{"value", "a"}, {"label_zh", "甲"}, {"label_en", "A"}}.dump(),
       .status = 404},
      {.op = "updateDictItem",
       .target = "/api/v1/dicts/sample_dict/items/zz",
       .body = json{{"sort", 2}}.dump(),
       .status = 404},
      {.op = "listDicts", .target = "/api/v1/dicts", .status = 200},

      {.op = "listOpLog", .target = "/api/v1/oplog?from=yesterday", .status = 400, .field = "from"},
      {.op = "listOpLog", .target = "/api/v1/oplog?region=" + std::string(kNoRegion), .status = 404},
      {.op = "listOpLog",
       .target = "/api/v1/oplog?region=" + std::string(kZhuxi),
       .as = "hefeng.supervisor",
       .status = 403,
       .code = "forbidden"},
      {.op = "listOpLog", .target = "/api/v1/oplog?size=200", .status = 200},
      {.op = "listLoginLog", .target = "/api/v1/loginlog?to=2026-13-99", .status = 400, .field = "to"},
      {.op = "listLoginLog", .target = "/api/v1/loginlog?size=200", .status = 200},
      // Disclosure catalogues: scope, missing ones, duplicates, levels.
      {.op = "listCatalogs",
       .target = "/api/v1/disclosure/catalogs?region=" + std::string(kZhuxi),
       .as = "hefeng.secretary",
       .status = 403,
       .code = "forbidden"},
      {.op = "listCatalogs", .target = "/api/v1/disclosure/catalogs?region=" + std::string(kNoRegion), .status = 404},
      {.op = "listCatalogs", .target = "/api/v1/disclosure/catalogs?size=200&is_template=true", .status = 200},
      {.op = "createCatalog",
       .target = "/api/v1/disclosure/catalogs",
       .body = json{{"region_code", kZhuxi}, {"year", 2028}}.dump(),
       .as = "hefeng.secretary",
       .status = 403,
       .code = "forbidden"},
      {.op = "createCatalog",
       .target = "/api/v1/disclosure/catalogs",
       .body = json{{"region_code", kStreet}, {"year", 2027}, {"is_template", true}}.dump(),
       .as = "street",
       .status = 409,
       .code = "duplicate_catalog",
       .field = "year"},
      {.op = "createCatalog",
       .target = "/api/v1/disclosure/catalogs",
       .body = json{{"region_code", kHefeng}, {"year", 2027}, {"is_template", true}}.dump(),
       .as = "hefeng.secretary",
       .status = 400,
       .field = "region_code"},
      {.op = "adoptCatalog",
       .target = "/api/v1/disclosure/catalogs/adopt",
       .body = json{{"region_code", kZhuxi}, {"year", 2027}}.dump(),
       .as = "hefeng.secretary",
       .status = 403},
      {.op = "adoptCatalog",
       .target = "/api/v1/disclosure/catalogs/adopt",
       .body = json{{"region_code", kHefeng}, {"year", 2030}}.dump(),
       .as = "hefeng.secretary",
       .status = 404,
       .code = "no_template"},
      {.op = "adoptCatalog",
       .target = "/api/v1/disclosure/catalogs/adopt",
       .body = json{{"region_code", kHefeng}, {"year", 2026}}.dump(),
       .as = "hefeng.secretary",
       .status = 409,
       .code = "duplicate_catalog"},
      {.op = "getCatalog", .target = "/api/v1/disclosure/catalogs/abc", .status = 400, .code = "invalid_id", .field = "id"},
      {.op = "getCatalog", .target = zhuxi_catalog_url, .as = "hefeng.secretary", .status = 403, .code = "forbidden"},
      {.op = "getCatalog", .target = std::string("/api/v1/disclosure/catalogs/") + kNoUser, .status = 404},
      {.op = "getCatalog",
       .target = "/api/v1/disclosure/catalogs/" + street_template.json["id"].dump(),
       .as = "discipline",
       .status = 200},
      {.op = "addCatalogItem",
       .target = "/api/v1/disclosure/catalogs/abc/items",
       .body = catalog_item("finance.x", "quarterly").dump(),
       .status = 400,
       .code = "invalid_id"},
      {.op = "addCatalogItem",
       .target = zhuxi_items,
       .body = catalog_item("finance.x", "quarterly").dump(),
       .as = "hefeng.secretary",
       .status = 403},
      {.op = "addCatalogItem",
       .target = std::string("/api/v1/disclosure/catalogs/") + kNoUser + "/items",
       .body = catalog_item("finance.x", "quarterly").dump(),
       .status = 404},
      {.op = "addCatalogItem",
       .target = zhuxi_items,
       .body = catalog_item("finance.large_expense", "immediate").dump(),
       .as = "zhuxi.secretary",
       .status = 409,
       .code = "duplicate_item",
       .field = "code"},
      {.op = "addCatalogItem",
       .target = zhuxi_items,
       .body = [&] {
         auto big = catalog_item("finance.big_purchase", "immediate");
         big["threshold_fen"] = 10'000'000;
         return big.dump();
       }(),
       .as = "zhuxi.secretary",
       .status = 201},
      {.op = "addCatalogItem",
       .target = zhuxi_items,
       .body = [&] {
         auto bad = catalog_item("finance.quarterly_big", "quarterly");
         bad["threshold_fen"] = 10'000'000;  // only immediate items have a threshold
         return bad.dump();
       }(),
       .as = "zhuxi.secretary",
       .status = 400,
       .field = "threshold_fen"},
      {.op = "updateCatalogItem", .target = "/api/v1/disclosure/catalogs/abc/items/party.dues", .body = "{}", .status = 400},
      {.op = "updateCatalogItem",
       .target = zhuxi_items + "/party.dues",
       .body = json{{"title", "越权"}}.dump(),
       .as = "hefeng.secretary",
       .status = 403},
      {.op = "updateCatalogItem", .target = zhuxi_items + "/no.such_item", .body = json{{"title", "无"}}.dump(), .status = 404},
      {.op = "deleteCatalogItem", .target = "/api/v1/disclosure/catalogs/abc/items/party.dues", .status = 400},
      {.op = "deleteCatalogItem", .target = zhuxi_items + "/party.dues", .as = "hefeng.secretary", .status = 403},
      {.op = "deleteCatalogItem", .target = zhuxi_items + "/no.such_item", .status = 404},
      {.op = "listOverdueDisclosures",
       .target = "/api/v1/disclosure/overdue?region=" + std::string(kZhuxi),
       .as = "hefeng.secretary",
       .status = 403},
      {.op = "listOverdueDisclosures", .target = "/api/v1/disclosure/overdue?region=" + std::string(kNoRegion), .status = 404},
      {.op = "listOverdueDisclosures", .target = "/api/v1/disclosure/overdue?as_of=2026-13-01", .status = 400, .field = "as_of"},
      {.op = "getDisclosureDashboard",
       .target = "/api/v1/disclosure/dashboard?region=" + std::string(kZhuxi),
       .as = "hefeng.secretary",
       .status = 403},
      {.op = "getDisclosureDashboard", .target = "/api/v1/disclosure/dashboard?region=" + std::string(kNoRegion), .status = 404},
      // Publications: scope, missing ids, and the frozen states.
      {.op = "listDisclosures", .target = "/api/v1/disclosures?region=" + std::string(kZhuxi), .as = "hefeng.clerk",
       .status = 403, .code = "forbidden"},
      {.op = "listDisclosures", .target = "/api/v1/disclosures?region=" + std::string(kNoRegion), .status = 404},
      {.op = "createDisclosure",
       .target = "/api/v1/disclosures",
       .body = json{{"region", kHefeng}, {"category", "party"}, {"stage", "before"}, {"title", "越权"}, {"body", "越权"}}
                   .dump(),
       .as = "zhuxi.clerk",
       .status = 403},
      {.op = "getDisclosure", .target = "/api/v1/disclosures/abc", .status = 400, .code = "invalid_id"},
      {.op = "getDisclosure", .target = disclosure_url(1), .as = "zhuxi.clerk", .status = 403},
      {.op = "getDisclosure", .target = std::string("/api/v1/disclosures/") + kNoUser, .status = 404},
      {.op = "updateDisclosure", .target = "/api/v1/disclosures/abc", .body = "{}", .status = 400},
      {.op = "updateDisclosure", .target = disclosure_url(1), .body = "{}", .as = "zhuxi.clerk", .status = 403},
      {.op = "updateDisclosure", .target = std::string("/api/v1/disclosures/") + kNoUser, .body = "{}", .status = 404},
      {.op = "updateDisclosure",
       .target = disclosure_url(1),
       .body = json{{"title", "悄悄改"}}.dump(),
       .status = 409,
       .code = "disclosure_frozen"},
      {.op = "deleteDisclosure", .target = "/api/v1/disclosures/abc", .status = 400},
      {.op = "deleteDisclosure", .target = disclosure_url(1), .as = "zhuxi.clerk", .status = 403},
      {.op = "deleteDisclosure", .target = std::string("/api/v1/disclosures/") + kNoUser, .status = 404},
      {.op = "deleteDisclosure", .target = disclosure_url(1), .status = 409},
      {.op = "publishDisclosure", .target = "/api/v1/disclosures/abc/publish", .status = 400},
      {.op = "publishDisclosure", .target = disclosure_url(1) + "/publish", .as = "zhuxi.clerk", .status = 403},
      {.op = "publishDisclosure", .target = std::string("/api/v1/disclosures/") + kNoUser + "/publish", .status = 404},
      {.op = "publishDisclosure", .target = disclosure_url(1) + "/publish", .status = 409},
      {.op = "correctDisclosure",
       .target = "/api/v1/disclosures/abc/correct",
       .body = json{{"category", "finance"}, {"stage", "after"}, {"title", "x"}, {"body", "y"}}.dump(),
       .status = 400},
      {.op = "correctDisclosure",
       .target = disclosure_url(1) + "/correct",
       .body = json{{"category", "finance"}, {"stage", "after"}, {"title", "x"}, {"body", "y"}}.dump(),
       .as = "zhuxi.clerk",
       .status = 403},
      {.op = "correctDisclosure",
       .target = std::string("/api/v1/disclosures/") + kNoUser + "/correct",
       .body = json{{"category", "finance"}, {"stage", "after"}, {"title", "x"}, {"body", "y"}}.dump(),
       .status = 404},
      {.op = "correctDisclosure",
       .target = disclosure_url(1) + "/correct",
       .body = json{{"category", "finance"}, {"stage", "after"}, {"title", "x"}, {"body", "y"}}.dump(),
       .status = 409},
      {.op = "withdrawDisclosure", .target = "/api/v1/disclosures/abc/withdraw", .body = json{{"reason", "重复"}}.dump(),
       .status = 400},
      {.op = "withdrawDisclosure", .target = disclosure_url(1) + "/withdraw", .body = json{{"reason", "重复"}}.dump(),
       .as = "zhuxi.clerk", .status = 403},
      {.op = "withdrawDisclosure", .target = std::string("/api/v1/disclosures/") + kNoUser + "/withdraw",
       .body = json{{"reason", "重复"}}.dump(), .status = 404},
      {.op = "withdrawDisclosure", .target = disclosure_url(3) + "/withdraw", .body = json{{"reason", "重复"}}.dump(),
       .status = 409},
      // Attachments: validation before anything is loaded, scope, missing ids, frozen.
      {.op = "addDisclosureAttachment", .target = "/api/v1/disclosures/abc/attachments?filename=a.png",
       .body = kPngFile, .status = 400, .code = "invalid_id"},
      {.op = "addDisclosureAttachment", .target = disclosure_url(1) + "/attachments?filename=a.png", .body = "",
       .status = 400, .field = "file"},
      {.op = "addDisclosureAttachment", .target = disclosure_url(1) + "/attachments?filename=..%2F..", .body = kPngFile,
       .headers = {{"Content-Type", "image/png"}}, .status = 400, .field = "filename"},
      {.op = "addDisclosureAttachment", .target = disclosure_url(1) + "/attachments?filename=a.exe",
       .body = "MZ\x90\x00 not a document", .status = 415, .code = "unsupported_attachment_type", .field = "file"},
      {.op = "addDisclosureAttachment", .target = disclosure_url(1) + "/attachments?filename=a.pdf", .body = kPngFile,
       .headers = {{"Content-Type", "application/pdf"}}, .status = 415, .code = "attachment_type_mismatch",
       .field = "Content-Type"},
      {.op = "addDisclosureAttachment", .target = disclosure_url(1) + "/attachments?filename=big.pdf",
       .body = "%PDF-" + std::string(static_cast<std::size_t>(disclosure::kMaxAttachmentBytes), 'x'), .status = 413,
       .code = "attachment_too_large", .field = "file"},
      {.op = "addDisclosureAttachment", .target = disclosure_url(1) + "/attachments?filename=a.png", .body = kPngFile,
       .as = "zhuxi.clerk", .headers = {{"Content-Type", "image/png"}}, .status = 403},
      {.op = "addDisclosureAttachment", .target = std::string("/api/v1/disclosures/") + kNoUser + "/attachments?filename=a.png",
       .body = kPngFile, .headers = {{"Content-Type", "image/png"}}, .status = 404},
      {.op = "addDisclosureAttachment", .target = disclosure_url(1) + "/attachments?filename=a.png", .body = kPngFile,
       .headers = {{"Content-Type", "image/png"}}, .status = 409, .code = "disclosure_frozen"},
      {.op = "getDisclosureAttachment", .target = disclosure_url(1) + "/attachments/abc", .status = 400},
      {.op = "getDisclosureAttachment", .target = disclosure_url(1) + "/attachments/" + attachment_id(1), .as = "zhuxi.clerk", .status = 403},
      {.op = "getDisclosureAttachment", .target = disclosure_url(1) + "/attachments/" + attachment_id(2), .status = 404},
      {.op = "getDisclosureAttachment", .target = disclosure_url(1) + "/attachments/" + attachment_id(1), .status = 200},
      {.op = "deleteDisclosureAttachment", .target = "/api/v1/disclosures/abc/attachments/1", .status = 400},
      {.op = "deleteDisclosureAttachment", .target = disclosure_url(1) + "/attachments/" + attachment_id(1), .as = "zhuxi.clerk",
       .status = 403},
      {.op = "deleteDisclosureAttachment", .target = disclosure_url(1) + "/attachments/99", .status = 404},
      {.op = "deleteDisclosureAttachment", .target = disclosure_url(1) + "/attachments/" + attachment_id(1), .status = 409,
       .code = "disclosure_frozen"},
      // 1 is superseded and 3 withdrawn: neither's files are public any more.
      {.op = "publicAttachment", .target = "/p/" + std::string(kHefeng) + "/a/" + png_sha, .as = "", .status = 410},
      {.op = "publicAttachment", .target = "/p/" + std::string(kHefeng) + "/a/not-a-hash", .as = "", .status = 404},
      {.op = "publicAttachment", .target = "/p/" + std::string(kHefeng) + "/a/" + crypto::sha256_hex("never uploaded"),
       .as = "", .status = 404},
      {.op = "logEntry", .target = "/log/entries/abc", .as = "", .status = 400},
      {.op = "logEntry", .target = "/log/entries/99", .as = "", .status = 404},
      {.op = "addLogWitness",
       .target = "/api/v1/log/witnesses",
       .body = json{{"vkey", witness.vkey()}}.dump(),
       .status = 409,
       .code = "witness_exists"},
      {.op = "addLogWitness",
       .target = "/api/v1/log/witnesses",
       .body = json{{"vkey", "sample+00000000+AAAA"}}.dump(),
       .status = 400,
       .field = "vkey"},
      {.op = "publicPage", .target = std::string("/p/") + kNoRegion, .as = "", .status = 404},
      {.op = "publicPageQr", .target = std::string("/p/") + kNoRegion + "/qr.svg", .as = "", .status = 404},
      {.op = "publicPoster", .target = std::string("/p/") + kNoRegion + "/poster", .as = "", .status = 404},
      // The funds ledger: scope, missing ids, closed months, reversed and void vouchers.
      {.op = "listLedgerAccounts", .target = "/api/v1/ledger/accounts?region=" + std::string(kHefeng), .as = "zhuxi.clerk",
       .status = 403},
      {.op = "initLedgerChart", .target = "/api/v1/ledger/accounts/init", .body = json{{"region_code", kHefeng}}.dump(),
       .status = 409, .code = "chart_exists"},
      {.op = "initLedgerChart", .target = "/api/v1/ledger/accounts/init", .body = json{{"region_code", kHefeng}}.dump(),
       .as = "zhuxi.clerk", .status = 403},
      {.op = "addLedgerAccount", .target = "/api/v1/ledger/accounts",
       .body = json{{"region_code", kHefeng}, {"parent_code", "112"}, {"code", "112.03"}, {"name", "重复"}}.dump(),
       .status = 409, .code = "duplicate_account"},
      {.op = "addLedgerAccount", .target = "/api/v1/ledger/accounts",
       .body = json{{"region_code", kHefeng}, {"parent_code", "112"}, {"name", "越权"}}.dump(), .as = "zhuxi.clerk",
       .status = 403},
      {.op = "updateLedgerAccount", .target = "/api/v1/ledger/accounts/abc", .body = "{}", .status = 400},
      {.op = "updateLedgerAccount", .target = ledger_sub1, .body = "{}", .as = "zhuxi.clerk", .status = 403},
      {.op = "updateLedgerAccount", .target = std::string("/api/v1/ledger/accounts/") + kNoUser, .body = "{}",
       .status = 404},
      {.op = "updateLedgerAccount", .target = ledger_cash_account, .body = json{{"name", "库存现金"}}.dump(),
       .status = 409, .code = "builtin_account"},
      {.op = "deleteLedgerAccount", .target = "/api/v1/ledger/accounts/abc", .status = 400},
      {.op = "deleteLedgerAccount", .target = ledger_sub1, .as = "zhuxi.clerk", .status = 403},
      {.op = "deleteLedgerAccount", .target = std::string("/api/v1/ledger/accounts/") + kNoUser, .status = 404},
      {.op = "deleteLedgerAccount", .target = ledger_cash_account, .status = 409, .code = "builtin_account"},
      {.op = "createLedgerVoucher", .target = "/api/v1/ledger/vouchers",
       .body = json{{"region_code", kHefeng}, {"date", "2026-03-11"}, {"number", 10}, {"summary", "重号"},
                    {"lines", json::array({ledger_line("101", 100, 0), ledger_line("102", 0, 100)})}}.dump(),
       .as = "hefeng.clerk", .status = 409, .code = "duplicate_number"},
      {.op = "createLedgerVoucher", .target = "/api/v1/ledger/vouchers",
       .body = json{{"region_code", kHefeng}, {"date", "2026-01-20"}, {"summary", "已结账月份"},
                    {"lines", json::array({ledger_line("101", 100, 0), ledger_line("102", 0, 100)})}}.dump(),
       .as = "hefeng.clerk", .status = 409, .code = "period_closed"},
      {.op = "createLedgerVoucher", .target = "/api/v1/ledger/vouchers",
       .body = json{{"region_code", kHefeng}, {"date", "2026-03-12"}, {"summary", "未经审批的付款"},
                    {"lines", json::array({ledger_line("154", 100, 0), ledger_line("102", 0, 100)})}}.dump(),
       .as = "hefeng.clerk", .status = 400, .field = "approval_ref"},
      {.op = "createLedgerVoucher", .target = "/api/v1/ledger/vouchers",
       .body = json{{"region_code", kHefeng}, {"date", "2026-03-12"}, {"summary", "例外付款"},
                    {"unapproved_exception", {{"reason", "抢险急需,事后补审批"}}},
                    {"lines", json::array({ledger_line("154", 100, 0), ledger_line("102", 0, 100)})}}.dump(),
       .as = "hefeng.clerk", .status = 201},
      {.op = "createLedgerVoucher", .target = "/api/v1/ledger/vouchers",
       .body = json{{"region_code", kHefeng}, {"date", "2026-03-12"}, {"summary", "不平"},
                    {"lines", json::array({ledger_line("102", 101, 0), ledger_line("511.01", 0, 100)})}}.dump(),
       .as = "hefeng.clerk", .status = 400, .field = "lines"},
      {.op = "createLedgerVoucher", .target = "/api/v1/ledger/vouchers",
       .body = json{{"region_code", kHefeng}, {"date", "2026-03-12"}, {"summary", "越权"},
                    {"lines", json::array({ledger_line("102", 100, 0), ledger_line("511.01", 0, 100)})}}.dump(),
       .as = "zhuxi.clerk", .status = 403},
      {.op = "getLedgerVoucher", .target = "/api/v1/ledger/vouchers/abc", .status = 400},
      {.op = "getLedgerVoucher", .target = voucher_a, .as = "zhuxi.clerk", .status = 403},
      {.op = "getLedgerVoucher", .target = std::string("/api/v1/ledger/vouchers/") + kNoUser, .status = 404},
      {.op = "updateLedgerVoucher", .target = "/api/v1/ledger/vouchers/abc", .body = "{}", .status = 400},
      {.op = "updateLedgerVoucher", .target = voucher_a, .body = ledger_put, .as = "zhuxi.clerk", .status = 403},
      {.op = "updateLedgerVoucher", .target = std::string("/api/v1/ledger/vouchers/") + kNoUser, .body = ledger_put,
       .status = 404},
      {.op = "updateLedgerVoucher", .target = voucher_a, .body = ledger_put, .status = 409, .code = "voucher_reversed"},
      {.op = "voidLedgerVoucher", .target = "/api/v1/ledger/vouchers/abc/void", .body = json{{"reason", "x"}}.dump(),
       .status = 400},
      {.op = "voidLedgerVoucher", .target = voucher_b + "/void", .body = json{{"reason", "x"}}.dump(),
       .as = "zhuxi.clerk", .status = 403},
      {.op = "voidLedgerVoucher", .target = std::string("/api/v1/ledger/vouchers/") + kNoUser + "/void",
       .body = json{{"reason", "x"}}.dump(), .status = 404},
      {.op = "voidLedgerVoucher", .target = voucher_b + "/void", .body = json{{"reason", "x"}}.dump(), .status = 409,
       .code = "voucher_void"},
      {.op = "reverseLedgerVoucher", .target = "/api/v1/ledger/vouchers/abc/reverse",
       .body = json{{"date", "2026-04-02"}}.dump(), .status = 400},
      {.op = "reverseLedgerVoucher", .target = voucher_a + "/reverse", .body = json{{"date", "2026-04-02"}}.dump(),
       .as = "zhuxi.clerk", .status = 403},
      {.op = "reverseLedgerVoucher", .target = std::string("/api/v1/ledger/vouchers/") + kNoUser + "/reverse",
       .body = json{{"date", "2026-04-02"}}.dump(), .status = 404},
      {.op = "reverseLedgerVoucher", .target = voucher_a + "/reverse", .body = json{{"date", "2026-04-02"}}.dump(),
       .status = 409, .code = "already_reversed"},
      {.op = "addLedgerScan", .target = "/api/v1/ledger/vouchers/abc/scans?filename=a.png", .body = kPngFile,
       .status = 400, .code = "invalid_id"},
      {.op = "addLedgerScan", .target = voucher_a + "/scans?filename=a.png", .body = "", .status = 400, .field = "file"},
      {.op = "addLedgerScan", .target = voucher_a + "/scans?filename=a.png", .body = kPngFile, .as = "zhuxi.clerk",
       .headers = {{"Content-Type", "image/png"}}, .status = 403},
      {.op = "addLedgerScan", .target = std::string("/api/v1/ledger/vouchers/") + kNoUser + "/scans?filename=a.png",
       .body = kPngFile, .headers = {{"Content-Type", "image/png"}}, .status = 404},
      {.op = "addLedgerScan", .target = voucher_b + "/scans?filename=a.png", .body = kPngFile,
       .headers = {{"Content-Type", "image/png"}}, .status = 409, .code = "voucher_void"},
      {.op = "addLedgerScan", .target = voucher_a + "/scans?filename=big.pdf",
       .body = "%PDF-" + std::string(static_cast<std::size_t>(disclosure::kMaxAttachmentBytes), 'x'), .status = 413,
       .code = "attachment_too_large"},
      {.op = "addLedgerScan", .target = voucher_a + "/scans?filename=a.exe", .body = "MZ\x90\x00 not a document",
       .status = 415, .code = "unsupported_attachment_type"},
      {.op = "getLedgerScan", .target = voucher_a + "/scans/abc", .status = 400},
      {.op = "getLedgerScan", .target = ledger_scan_url, .as = "zhuxi.clerk", .status = 403},
      {.op = "getLedgerScan", .target = voucher_a + "/scans/" + kNoUser, .status = 404},
      {.op = "listLedgerPeriods", .target = "/api/v1/ledger/periods?region=" + std::string(kHefeng), .as = "zhuxi.clerk",
       .status = 403},
      {.op = "closeLedgerPeriod", .target = "/api/v1/ledger/periods/close",
       .body = json{{"region_code", kHefeng}, {"period", "2026-01"}}.dump(), .as = "hefeng.secretary", .status = 409,
       .code = "period_closed"},
      {.op = "closeLedgerPeriod", .target = "/api/v1/ledger/periods/close",
       .body = json{{"region_code", kHefeng}, {"period", "2026-02"}}.dump(), .as = "zhuxi.secretary", .status = 403},
      {.op = "getLedgerBalances", .target = "/api/v1/ledger/balances?" + hefeng_books, .as = "zhuxi.clerk", .status = 403},
      {.op = "getLedgerBalances", .target = "/api/v1/ledger/balances?from=2026-01-01", .status = 400, .field = "region"},
      {.op = "getLedgerJournal", .target = "/api/v1/ledger/journal/cash?" + hefeng_books, .as = "zhuxi.clerk",
       .status = 403},
      {.op = "getLedgerJournal", .target = "/api/v1/ledger/journal/petty?" + hefeng_books, .status = 400},
      {.op = "getLedgerJournal", .target = "/api/v1/ledger/journal/cash?" + hefeng_books, .status = 200},
      {.op = "getLedgerDetail", .target = "/api/v1/ledger/detail?" + hefeng_books + "&account=102",
       .as = "zhuxi.clerk", .status = 403},
      {.op = "getLedgerDetail", .target = "/api/v1/ledger/detail?" + hefeng_books + "&account=999", .status = 400,
       .field = "account"},
      {.op = "getLedgerGeneral", .target = "/api/v1/ledger/general?" + hefeng_books + "&account=102",
       .as = "zhuxi.clerk", .status = 403},
      {.op = "getLedgerIncome", .target = "/api/v1/ledger/income?" + hefeng_books, .as = "zhuxi.clerk", .status = 403},
      {.op = "getLedgerBalanceSheet", .target = "/api/v1/ledger/balance-sheet?region=" + std::string(kHefeng),
       .as = "zhuxi.clerk", .status = 403},
      {.op = "getLedgerComparison", .target = "/api/v1/ledger/comparison?region=" + std::string(kHefeng),
       .as = "zhuxi.clerk", .status = 403},
  };
  for (const auto& x : cases) run(x);
  // Assets, resources and contracts: scope, missing ids, the disposal rule, duplicates, imports.
  const std::string no_such = std::string("/") + kNoUser;
  const std::vector<Exchange> asset_cases = {
      {.op = "listAssets", .target = "/api/v1/ledger/assets?region=" + std::string(kHefeng), .as = "zhuxi.clerk",
       .status = 403},
      {.op = "createAsset",
       .target = "/api/v1/ledger/assets",
       .body = json{{"region_code", kHefeng}, {"code", "OA-2"}, {"name", "x"}, {"category", "other"},
                    {"original_value_fen", 1}, {"acquired_date", "2020-01-01"}}
                   .dump(),
       .as = "zhuxi.clerk",
       .status = 403},
      {.op = "createAsset",
       .target = "/api/v1/ledger/assets",
       .body = json{{"region_code", kHefeng}, {"code", "OA-0"}, {"name", "x"}, {"category", "other"},
                    {"original_value_fen", 1}, {"acquired_date", "2020-01-01"}}
                   .dump(),
       .as = "hefeng.clerk",
       .status = 409,
       .code = "duplicate_asset_code"},
      {.op = "getAsset", .target = "/api/v1/ledger/assets/abc", .status = 400},
      {.op = "getAsset", .target = asset_url, .as = "zhuxi.clerk", .status = 403},
      {.op = "getAsset", .target = "/api/v1/ledger/assets" + no_such, .status = 404},
      {.op = "updateAsset", .target = "/api/v1/ledger/assets/abc", .body = "{}", .status = 400},
      {.op = "updateAsset", .target = asset_url, .body = "{}", .as = "zhuxi.clerk", .status = 403},
      {.op = "updateAsset", .target = "/api/v1/ledger/assets" + no_such, .body = "{}", .status = 404},
      {.op = "updateAsset", .target = asset_url, .body = json{{"status", "disposed"}}.dump(), .as = "hefeng.clerk",
       .status = 409, .code = "disposal_requires_deal"},
      {.op = "addAssetPhoto", .target = "/api/v1/ledger/assets/abc/photos?filename=a.png", .body = kPngFile,
       .status = 400, .code = "invalid_id"},
      {.op = "addAssetPhoto", .target = asset_url + "/photos?filename=a.png", .body = "", .status = 400, .field = "file"},
      {.op = "addAssetPhoto", .target = asset_url + "/photos?filename=a.png", .body = kPngFile, .as = "zhuxi.clerk",
       .headers = {{"Content-Type", "image/png"}}, .status = 403},
      {.op = "addAssetPhoto", .target = "/api/v1/ledger/assets" + no_such + "/photos?filename=a.png", .body = kPngFile,
       .headers = {{"Content-Type", "image/png"}}, .status = 404},
      {.op = "addAssetPhoto", .target = disposed_url + "/photos?filename=a.png", .body = kPngFile,
       .headers = {{"Content-Type", "image/png"}}, .status = 409, .code = "asset_disposed"},
      {.op = "addAssetPhoto", .target = asset_url + "/photos?filename=big.pdf",
       .body = "%PDF-" + std::string(static_cast<std::size_t>(disclosure::kMaxAttachmentBytes), 'x'), .status = 413,
       .code = "attachment_too_large"},
      {.op = "addAssetPhoto", .target = asset_url + "/photos?filename=a.exe", .body = "MZ\x90\x00 not a document",
       .status = 415, .code = "unsupported_attachment_type"},
      {.op = "getAssetPhoto", .target = asset_url + "/photos/abc", .status = 400},
      {.op = "getAssetPhoto", .target = photo_url, .as = "zhuxi.clerk", .status = 403},
      {.op = "getAssetPhoto", .target = asset_url + "/photos/" + kNoUser, .status = 404},
      {.op = "importAssets", .target = "/api/v1/ledger/assets/import?region=" + std::string(kHefeng),
       .body = asset_csv, .as = "hefeng.clerk", .headers = csv_type, .status = 201},
      {.op = "importAssets", .target = "/api/v1/ledger/assets/import?region=" + std::string(kHefeng),
       .body = asset_csv, .as = "hefeng.clerk", .headers = csv_type, .status = 400, .code = "import_rejected"},
      {.op = "importAssets", .target = "/api/v1/ledger/assets/import?region=" + std::string(kHefeng),
       .body = asset_csv, .as = "zhuxi.clerk", .headers = csv_type, .status = 403},
      {.op = "importLedgerVouchers", .target = "/api/v1/ledger/vouchers/import?region=" + std::string(kHefeng),
       .body = voucher_csv, .as = "hefeng.clerk", .headers = csv_type, .status = 201},
      {.op = "importLedgerVouchers", .target = "/api/v1/ledger/vouchers/import?region=" + std::string(kHefeng),
       .body = voucher_csv, .as = "hefeng.clerk", .headers = csv_type, .status = 400, .code = "import_rejected"},
      {.op = "importLedgerVouchers", .target = "/api/v1/ledger/vouchers/import?region=" + std::string(kHefeng) +
                                               "&unapproved_reason=x",
       .body = voucher_csv, .as = "hefeng.clerk", .headers = csv_type, .status = 400, .field = "unapproved_reason"},
      {.op = "importLedgerVouchers", .target = "/api/v1/ledger/vouchers/import?region=" + std::string(kHefeng),
       .body = voucher_csv, .as = "zhuxi.clerk", .headers = csv_type, .status = 403},
      {.op = "getLedgerVouchersTemplate", .target = "/api/v1/ledger/vouchers/template?format=pdf", .status = 400,
       .field = "format"},
      {.op = "importLedgerAccounts", .target = "/api/v1/ledger/accounts/import?region=" + std::string(kHefeng),
       .body = "科目编码,科目名称\n202.01,工程款\n", .as = "hefeng.clerk", .headers = csv_type, .status = 201},
      {.op = "importLedgerAccounts", .target = "/api/v1/ledger/accounts/import?region=" + std::string(kHefeng),
       .body = account_csv, .as = "hefeng.clerk", .headers = csv_type, .status = 400, .code = "import_rejected"},
      {.op = "importLedgerAccounts", .target = "/api/v1/ledger/accounts/import?region=" + std::string(kHefeng),
       .body = account_csv, .as = "zhuxi.clerk", .headers = csv_type, .status = 403},
      {.op = "getLedgerAccountsTemplate", .target = "/api/v1/ledger/accounts/template?format=doc", .status = 400,
       .field = "format"},
      {.op = "listResources", .target = "/api/v1/ledger/resources?region=" + std::string(kHefeng), .as = "zhuxi.clerk",
       .status = 403},
      {.op = "createResource",
       .target = "/api/v1/ledger/resources",
       .body = json{{"region_code", kHefeng}, {"code", "OR-0"}, {"name", "x"}, {"kind", "land"}}.dump(),
       .as = "zhuxi.clerk",
       .status = 403},
      {.op = "createResource",
       .target = "/api/v1/ledger/resources",
       .body = json{{"region_code", kHefeng}, {"code", "OR-0"}, {"name", "x"}, {"kind", "land"}}.dump(),
       .as = "hefeng.clerk",
       .status = 409,
       .code = "duplicate_resource_code"},
      {.op = "getResource", .target = "/api/v1/ledger/resources/abc", .status = 400},
      {.op = "getResource", .target = resource_url, .as = "zhuxi.clerk", .status = 403},
      {.op = "getResource", .target = "/api/v1/ledger/resources" + no_such, .status = 404},
      {.op = "updateResource", .target = "/api/v1/ledger/resources/abc", .body = "{}", .status = 400},
      {.op = "updateResource", .target = resource_url, .body = "{}", .as = "zhuxi.clerk", .status = 403},
      {.op = "updateResource", .target = "/api/v1/ledger/resources" + no_such, .body = "{}", .status = 404},
      {.op = "updateResource", .target = resource_url, .body = json{{"code", "OR-1"}}.dump(), .as = "hefeng.clerk",
       .status = 409, .code = "duplicate_resource_code"},
      {.op = "listContracts", .target = "/api/v1/ledger/contracts?region=" + std::string(kHefeng), .as = "zhuxi.clerk",
       .status = 403},
      {.op = "createContract", .target = "/api/v1/ledger/contracts", .body = contract_body("OC-2").dump(),
       .as = "zhuxi.clerk", .status = 403},
      {.op = "createContract", .target = "/api/v1/ledger/contracts", .body = contract_body("OC-0").dump(),
       .as = "hefeng.clerk", .status = 409, .code = "duplicate_contract_number"},
      {.op = "getContract", .target = "/api/v1/ledger/contracts/abc", .status = 400},
      {.op = "getContract", .target = contract_url, .as = "zhuxi.clerk", .status = 403},
      {.op = "getContract", .target = "/api/v1/ledger/contracts" + no_such, .status = 404},
      {.op = "updateContract", .target = "/api/v1/ledger/contracts/abc", .body = "{}", .status = 400},
      {.op = "updateContract", .target = contract_url, .body = "{}", .as = "zhuxi.clerk", .status = 403},
      {.op = "updateContract", .target = "/api/v1/ledger/contracts" + no_such, .body = "{}", .status = 404},
      {.op = "recordContractPayment", .target = "/api/v1/ledger/contracts/abc/payments",
       .body = json{{"amount_fen", 1}, {"paid_date", "2025-01-05"}}.dump(), .status = 400},
      {.op = "recordContractPayment", .target = contract_url + "/payments",
       .body = json{{"amount_fen", 1}, {"paid_date", "2025-01-05"}}.dump(), .as = "zhuxi.clerk", .status = 403},
      {.op = "recordContractPayment", .target = "/api/v1/ledger/contracts" + no_such + "/payments",
       .body = json{{"amount_fen", 1}, {"paid_date", "2025-01-05"}}.dump(), .status = 404},
      {.op = "recordContractPayment", .target = contract_url + "/payments",
       .body = json{{"amount_fen", 400001}, {"paid_date", "2025-01-05"}}.dump(), .as = "hefeng.clerk",
       .status = 409, .code = "payment_exceeds_total"},
      {.op = "importContracts", .target = "/api/v1/ledger/contracts/import?region=" + std::string(kHefeng),
       .body = contract_csv, .as = "hefeng.clerk", .headers = csv_type, .status = 201},
      {.op = "importContracts", .target = "/api/v1/ledger/contracts/import?region=" + std::string(kHefeng),
       .body = contract_csv, .as = "hefeng.clerk", .headers = csv_type, .status = 400, .code = "import_rejected"},
      {.op = "importContracts", .target = "/api/v1/ledger/contracts/import?region=" + std::string(kHefeng),
       .body = contract_csv, .as = "zhuxi.clerk", .headers = csv_type, .status = 403},
      {.op = "listContractWarnings", .target = "/api/v1/ledger/contract-warnings?region=" + std::string(kHefeng),
       .as = "zhuxi.clerk", .status = 403},
      {.op = "getAssetSummary", .target = "/api/v1/ledger/asset-summary?region=" + std::string(kHefeng),
       .as = "zhuxi.clerk", .status = 403},
      {.op = "getAssetSettings", .target = "/api/v1/ledger/asset-settings", .status = 400, .field = "region"},
      {.op = "getAssetSettings", .target = "/api/v1/ledger/asset-settings?region=" + std::string(kHefeng),
       .as = "zhuxi.clerk", .status = 403},
      {.op = "putAssetSettings",
       .target = "/api/v1/ledger/asset-settings",
       .body = json{{"region_code", "339902000000"}, {"max_term_years", 20}, {"max_term_years_arable", 30},
                    {"min_price_percent", 50}}
                   .dump(),
       .as = "street",
       .status = 403},
  };
  for (const auto& x : asset_cases) run(x);
  {
    // Works projects and the seed reports: scope, missing ids, duplicate links, formats.
    const std::string no_project = "/api/v1/ledger/projects" + no_such;
    const std::vector<Exchange> project_cases = {
        {.op = "listProjects", .target = "/api/v1/ledger/projects?region=" + std::string(kHefeng), .as = "zhuxi.clerk",
         .status = 403},
        {.op = "listProjects", .target = "/api/v1/ledger/projects?format=xlsx&region=" + std::string(kHefeng),
         .as = "hefeng.clerk", .status = 200},
        {.op = "createProject", .target = "/api/v1/ledger/projects", .body = project_body(true).dump(), .as = "zhuxi.clerk",
         .status = 403},
        {.op = "getProject", .target = "/api/v1/ledger/projects/abc", .status = 400},
        {.op = "getProject", .target = project_url, .as = "zhuxi.clerk", .status = 403},
        {.op = "getProject", .target = no_project, .status = 404},
        {.op = "updateProject", .target = "/api/v1/ledger/projects/abc", .body = project_body(false).dump(), .status = 400},
        {.op = "updateProject", .target = project_url, .body = project_body(false).dump(), .as = "zhuxi.clerk", .status = 403},
        {.op = "updateProject", .target = no_project, .body = project_body(false).dump(), .status = 404},
        {.op = "deleteProject", .target = "/api/v1/ledger/projects/abc", .status = 400},
        {.op = "deleteProject", .target = project_url, .as = "zhuxi.clerk", .status = 403},
        {.op = "deleteProject", .target = no_project, .status = 404},
        {.op = "linkProjectPayment", .target = project_url + "/payments", .body = json{{"voucher_id", std::stoll(pay_2)}}.dump(),
         .as = "hefeng.clerk", .status = 201},
        {.op = "linkProjectPayment", .target = project_url + "/payments", .body = json{{"voucher_id", std::stoll(pay_2)}}.dump(),
         .as = "hefeng.clerk", .status = 409, .code = "voucher_already_linked"},
        {.op = "linkProjectPayment", .target = "/api/v1/ledger/projects/abc/payments", .body = json{{"voucher_id", 1}}.dump(),
         .status = 400},
        {.op = "linkProjectPayment", .target = project_url + "/payments", .body = json{{"voucher_id", std::stoll(pay_1)}}.dump(),
         .as = "zhuxi.clerk", .status = 403},
        {.op = "linkProjectPayment", .target = no_project + "/payments", .body = json{{"voucher_id", 1}}.dump(), .status = 404},
        {.op = "unlinkProjectPayment", .target = project_url + "/payments/abc", .status = 400},
        {.op = "unlinkProjectPayment", .target = project_url + "/payments/" + pay_2, .as = "zhuxi.clerk", .status = 403},
        {.op = "unlinkProjectPayment", .target = project_url + "/payments/" + pay_1, .status = 404},
        {.op = "getProjectCheck", .target = "/api/v1/ledger/project-check?format=xlsx&region=" + std::string(kHefeng),
         .as = "hefeng.clerk", .status = 200},
        {.op = "getProjectCheck", .target = "/api/v1/ledger/project-check", .status = 400, .field = "region"},
        {.op = "getProjectCheck", .target = "/api/v1/ledger/project-check?region=" + std::string(kHefeng),
         .as = "zhuxi.clerk", .status = 403},
        {.op = "listTermAuditCadres", .target = "/api/v1/ledger/term-audit/cadres", .status = 400, .field = "region"},
        {.op = "listTermAuditCadres", .target = "/api/v1/ledger/term-audit/cadres?region=" + std::string(kHefeng),
         .as = "zhuxi.clerk", .status = 403},
        {.op = "getTermAudit", .target = "/api/v1/ledger/term-audit?format=xlsx&" + hefeng_term, .as = "street",
         .status = 200},
        {.op = "getTermAudit",
         .target = "/api/v1/ledger/term-audit?region=" + std::string(kHefeng) + "&cadre_name=%E5%BC%A0&from=2026-01-01&to=2026-10-31",
         .as = "street", .status = 200},
        {.op = "getTermAudit", .target = "/api/v1/ledger/term-audit?region=" + std::string(kHefeng) + "&from=2026-01-01&to=2026-10-31",
         .status = 400, .field = "user"},
        {.op = "getTermAudit", .target = "/api/v1/ledger/term-audit?" + hefeng_term, .as = "zhuxi.clerk", .status = 403},
    };
    for (const auto& x : project_cases) run(x);
  }
  {
    // Asset deals and stock-takes: scope, order, roles, missing ids, closed and incomplete sessions.
    const auto complete = json{{"action", "complete"}}.dump();
    const auto open_inv = "/api/v1/ledger/inventories/" + *connect()->scalar("SELECT id FROM inventory WHERE year = 2026");
    const std::string no_inv = "/api/v1/ledger/inventories" + no_such;
    const std::vector<Exchange> deal_cases = {
        {.op = "listDeals", .target = "/api/v1/ledger/deals?region=" + std::string(kHefeng), .as = "zhuxi.clerk",
         .status = 403},
        {.op = "createDeal",
         .target = "/api/v1/ledger/deals",
         .body = json{{"region_code", kHefeng}, {"title", "重复"}, {"kind", "contracting"}, {"subject_type", "resource"},
                      {"subject_id", resource_id}, {"reserve_price_fen", 1}, {"method", "tender"}}
                     .dump(),
         .as = "hefeng.clerk",
         .status = 409,
         .code = "deal_in_progress"},
        {.op = "createDeal",
         .target = "/api/v1/ledger/deals",
         .body = json{{"region_code", kHefeng}, {"title", "越权"}, {"kind", "lease"}, {"subject_type", "asset"},
                      {"subject_id", asset_id}, {"reserve_price_fen", 1}, {"method", "tender"}}
                     .dump(),
         .as = "zhuxi.clerk",
         .status = 403},
        {.op = "getDeal", .target = "/api/v1/ledger/deals/abc", .status = 400},
        {.op = "getDeal", .target = deal_url, .as = "zhuxi.clerk", .status = 403},
        {.op = "getDeal", .target = "/api/v1/ledger/deals" + no_such, .status = 404},
        {.op = "actDealStep", .target = "/api/v1/ledger/deals/abc/steps/1", .body = complete, .status = 400},
        {.op = "actDealStep", .target = deal_url + "/steps/31", .body = complete, .status = 400, .code = "invalid_id"},
        {.op = "actDealStep", .target = deal_url + "/steps/3", .body = complete, .as = "street", .status = 409,
         .code = "step_out_of_order"},
        {.op = "actDealStep", .target = deal_url + "/steps/2", .body = complete, .as = "hefeng.clerk", .status = 403,
         .code = "wrong_role"},
        {.op = "actDealStep", .target = "/api/v1/ledger/deals" + no_such + "/steps/1", .body = complete, .status = 404},
        {.op = "getDealTemplate", .target = "/api/v1/ledger/deal-template", .status = 400, .field = "region"},
        {.op = "getDealTemplate", .target = "/api/v1/ledger/deal-template?region=" + std::string(kHefeng),
         .as = "zhuxi.clerk", .status = 403},
        {.op = "putDealTemplate",
         .target = "/api/v1/ledger/deal-template",
         .body = json{{"region_code", "339902000000"}, {"steps", default_steps}}.dump(),
         .as = "street",
         .status = 403},
        {.op = "listInventories", .target = "/api/v1/ledger/inventories?region=" + std::string(kHefeng),
         .as = "zhuxi.clerk", .status = 403},
        {.op = "createInventory", .target = "/api/v1/ledger/inventories",
         .body = json{{"region_code", kHefeng}, {"year", 2026}}.dump(), .as = "hefeng.clerk", .status = 409,
         .code = "duplicate_inventory"},
        {.op = "createInventory", .target = "/api/v1/ledger/inventories",
         .body = json{{"region_code", kHefeng}, {"year", 2024}}.dump(), .as = "zhuxi.clerk", .status = 403},
        {.op = "getInventory", .target = "/api/v1/ledger/inventories/abc", .status = 400},
        {.op = "getInventory", .target = inv_url, .as = "zhuxi.clerk", .status = 403},
        {.op = "getInventory", .target = no_inv, .status = 404},
        {.op = "listInventoryItems", .target = "/api/v1/ledger/inventories/abc/items", .status = 400},
        {.op = "listInventoryItems", .target = inv_url + "/items", .as = "zhuxi.clerk", .status = 403},
        {.op = "listInventoryItems", .target = no_inv + "/items", .status = 404},
        {.op = "countInventoryItem", .target = "/api/v1/ledger/inventories/abc/items/1",
         .body = json{{"result", "found"}}.dump(), .status = 400},
        {.op = "countInventoryItem", .target = inv_line, .body = json{{"result", "found"}}.dump(), .as = "zhuxi.clerk",
         .status = 403},
        {.op = "countInventoryItem", .target = no_inv + "/items/1", .body = json{{"result", "found"}}.dump(),
         .status = 404},
        {.op = "countInventoryItem", .target = inv_line, .body = json{{"result", "missing"}}.dump(),
         .as = "hefeng.clerk", .status = 409, .code = "inventory_closed"},
        {.op = "addInventorySurplus", .target = "/api/v1/ledger/inventories/abc/surplus",
         .body = json{{"kind", "resource"}, {"code", "X"}, {"name", "x"}, {"category", "land"}}.dump(), .status = 400},
        {.op = "addInventorySurplus", .target = inv_url + "/surplus",
         .body = json{{"kind", "resource"}, {"code", "X"}, {"name", "x"}, {"category", "land"}}.dump(),
         .as = "zhuxi.clerk", .status = 403},
        {.op = "addInventorySurplus", .target = no_inv + "/surplus",
         .body = json{{"kind", "resource"}, {"code", "X"}, {"name", "x"}, {"category", "land"}}.dump(), .status = 404},
        {.op = "addInventorySurplus", .target = inv_url + "/surplus",
         .body = json{{"kind", "resource"}, {"code", "X"}, {"name", "x"}, {"category", "land"}}.dump(),
         .as = "hefeng.clerk", .status = 409, .code = "inventory_closed"},
        {.op = "closeInventory", .target = "/api/v1/ledger/inventories/abc/close", .status = 400},
        {.op = "closeInventory", .target = inv_url + "/close", .as = "zhuxi.clerk", .status = 403},
        {.op = "closeInventory", .target = no_inv + "/close", .status = 404},
        {.op = "closeInventory", .target = inv_url + "/close", .as = "hefeng.clerk", .status = 409,
         .code = "inventory_closed"},
        {.op = "closeInventory", .target = open_inv + "/close", .as = "hefeng.clerk", .status = 409,
         .code = "inventory_incomplete"},
        {.op = "getInventoryReport", .target = "/api/v1/ledger/inventories/abc/report", .status = 400},
        {.op = "getInventoryReport", .target = inv_url + "/report", .as = "zhuxi.clerk", .status = 403},
        {.op = "getInventoryReport", .target = no_inv + "/report", .status = 404},
        {.op = "getInventoryReport", .target = inv_url + "/report?format=xlsx", .as = "hefeng.clerk", .status = 200},
    };
    for (const auto& x : deal_cases) run(x);
  }
  {
    // The 三图三表: Hefeng shows the template catalogue (or its street's); a Zhuxi grid has items
    // of its own, written as the catalogue service stores them, whose codes hide any inherited
    // spending and works items, so it has neither an approval nor a works trading chart.
    const std::string grid = std::string(kZhuxi) + "001";
    const json flow = {{"steps",
                        {{{"key", "submit"}, {"name_zh", "提出申请"}, {"kind", "submit"}},
                         {{"key", "head"}, {"name_zh", "书记审批"}, {"kind", "approve"}, {"roles", {"secretary"}},
                          {"risks", {{{"text", "拆分采购"}, {"level", "high"}, {"control", "累计计算"}}}}}}}};
    std::string item;
    {
      auto c = connect();
      for (const char* code : {"collective.spending", "collective.works", "collective.works_change"}) {
        const auto id = c->query("INSERT INTO power_item (region_code, code, name_zh, name_en, item_group, kind, "
                                 "flow_version, created_at, updated_at) VALUES ($1, $2, '物资采购', 'Purchases', "
                                 "'collective', 'purchase', 1, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z') "
                                 "RETURNING id",
                                 {grid, std::string(code)})
                            .front()
                            .get<std::string>(0);
        c->query("INSERT INTO power_item_flow (item_id, version, flow, created_at) VALUES ($1, 1, $2, "
                 "'2026-11-01T00:00:00Z')",
                 {std::stoll(id), flow.dump()});
        if (item.empty()) item = id;
      }
    }
    const std::string hefeng = "region=" + std::string(kHefeng);
    const std::vector<Exchange> chart_cases = {
        {.op = "getPowerResponsibilityChart", .target = "/api/v1/power/charts/responsibility?" + hefeng,
         .as = "hefeng.secretary", .status = 200},
        {.op = "getPowerResponsibilityChart", .target = "/api/v1/power/charts/responsibility?format=html&" + hefeng,
         .as = "discipline", .status = 200},
        {.op = "getPowerResponsibilityChart", .target = "/api/v1/power/charts/responsibility", .status = 400,
         .field = "region"},
        {.op = "getPowerResponsibilityChart", .target = "/api/v1/power/charts/responsibility?" + hefeng,
         .as = "zhuxi.clerk", .status = 403},
        {.op = "getPowerApprovalChart", .target = "/api/v1/power/charts/approval?band=large&" + hefeng,
         .as = "hefeng.clerk", .status = 200},
        {.op = "getPowerApprovalChart", .target = "/api/v1/power/charts/approval", .status = 400, .field = "region"},
        {.op = "getPowerApprovalChart", .target = "/api/v1/power/charts/approval?" + hefeng, .as = "zhuxi.clerk",
         .status = 403},
        {.op = "getPowerApprovalChart", .target = "/api/v1/power/charts/approval?region=" + grid, .status = 404},
        {.op = "getPowerTradingChart",
         .target = "/api/v1/power/charts/trading?kind=service&format=html&region=" + std::string(kZhuxi),
         .as = "street", .status = 200},
        {.op = "getPowerTradingChart", .target = "/api/v1/power/charts/trading?kind=purchase", .status = 400,
         .field = "region"},
        {.op = "getPowerTradingChart", .target = "/api/v1/power/charts/trading?" + hefeng, .as = "zhuxi.clerk",
         .status = 403},
        {.op = "getPowerTradingChart", .target = "/api/v1/power/charts/trading?kind=works&region=" + grid,
         .status = 404},
        {.op = "getPowerFlowChart", .target = "/api/v1/power/charts/flow?version=1&item=" + item, .as = "zhuxi.clerk",
         .status = 200},
        {.op = "getPowerFlowChart", .target = "/api/v1/power/charts/flow", .status = 400, .field = "item"},
        {.op = "getPowerFlowChart", .target = "/api/v1/power/charts/flow?item=" + item, .as = "hefeng.clerk",
         .status = 403},
        {.op = "getPowerFlowChart", .target = "/api/v1/power/charts/flow?version=2&item=" + item, .status = 404},
        {.op = "getPowerRiskTable", .target = "/api/v1/power/charts/risks?" + hefeng, .as = "hefeng.supervisor",
         .status = 200},
        {.op = "getPowerRiskTable", .target = "/api/v1/power/charts/risks?format=xlsx&region=" + grid,
         .as = "zhuxi.clerk", .status = 200},
        {.op = "getPowerRiskTable", .target = "/api/v1/power/charts/risks", .status = 400, .field = "region"},
        {.op = "getPowerRiskTable", .target = "/api/v1/power/charts/risks?" + hefeng, .as = "zhuxi.clerk",
         .status = 403},
        {.op = "getPowerAuditChecklist", .target = "/api/v1/power/charts/audit?from=2026-01-01&to=2026-12-31&" + hefeng,
         .as = "discipline", .status = 200},
        {.op = "getPowerAuditChecklist", .target = "/api/v1/power/charts/audit?format=csv&" + hefeng, .as = "street",
         .status = 200},
        {.op = "getPowerAuditChecklist", .target = "/api/v1/power/charts/audit?from=2026-13-01&" + hefeng,
         .status = 400, .field = "from"},
        {.op = "getPowerAuditChecklist", .target = "/api/v1/power/charts/audit?" + hefeng, .as = "zhuxi.clerk",
         .status = 403},
    };
    for (const auto& x : chart_cases) run(x);
  }
  {
    // Petty power: the refusals each documented status stands for.
    const std::string missing_case = "/api/v1/power/cases/999999", missing_item = "/api/v1/power/items/999999";
    const auto other = call(Method::POST, "/api/v1/power/cases",
                            json{{"item", "sample.spending"}, {"region", kHefeng}, {"title", "购买茶叶"}, {"amount_fen", 100}}
                                .dump(),
                            token("hefeng.clerk"));
    ASSERT_EQ(other.status, 201) << other.raw.body;
    const std::string other_url = "/api/v1/power/cases/" + other.json["id"].dump();
    const auto other_doc = call(Method::POST, other_url + "/documents?step=approve&filename=a.pdf", kPdfFile,
                                token("hefeng.clerk"), {{"Content-Type", "application/pdf"}});
    ASSERT_EQ(other_doc.status, 201) << other_doc.raw.body;
    const std::string other_doc_url = other_url + "/documents/" + other_doc.json["id"].dump();
    const std::string docs = "/documents?step=approve&filename=a.pdf";
    const std::vector<Exchange> power_cases = {
        {.op = "listPowerItems", .target = "/api/v1/power/items", .status = 400, .field = "region"},
        {.op = "listPowerItems", .target = "/api/v1/power/items?region=" + std::string(kHefeng), .as = "zhuxi.clerk",
         .status = 403},
        {.op = "initPowerItems", .target = "/api/v1/power/items/init", .status = 400, .field = "region"},
        {.op = "initPowerItems", .target = "/api/v1/power/items/init?region=" + std::string(kHefeng),
         .as = "zhuxi.secretary", .status = 403},
        {.op = "initPowerItems", .target = "/api/v1/power/items/init?region=" + std::string(kHefeng),
         .as = "hefeng.secretary", .status = 409, .code = "catalogue_exists"},
        {.op = "createPowerItem", .target = "/api/v1/power/items",
         .body = json{{"region", kHefeng}, {"code", "sample.spending"}, {"name_zh", "重复"}, {"group", "collective"},
                      {"kind", "spending"}, {"flow", power_flow}}.dump(),
         .as = "hefeng.secretary", .status = 409, .code = "item_exists"},
        {.op = "createPowerItem", .target = "/api/v1/power/items",
         .body = json{{"region", kHefeng}, {"code", "sample.bad"}, {"name_zh", "坏流程"}, {"group", "collective"},
                      {"kind", "spending"}, {"flow", {{"steps", {{{"key", "a"}, {"name_zh", "审批"}, {"kind", "approve"},
                                                                  {"roles", {"secretary"}}}}}}}}.dump(),
         .as = "hefeng.secretary", .status = 400, .field = "steps[0].kind"},
        {.op = "createPowerItem", .target = "/api/v1/power/items",
         .body = json{{"region", kHefeng}, {"code", "sample.x"}, {"name_zh", "x"}, {"group", "collective"},
                      {"kind", "spending"}, {"flow", power_flow}}.dump(),
         .as = "zhuxi.secretary", .status = 403},
        {.op = "getPowerItem", .target = missing_item, .status = 404},
        {.op = "getPowerItem", .target = "/api/v1/power/items/abc", .status = 400},
        {.op = "getPowerItem", .target = power_item_url, .as = "zhuxi.clerk", .status = 403},
        {.op = "updatePowerItem", .target = missing_item, .body = json{{"sort", 1}}.dump(), .status = 404},
        {.op = "updatePowerItem", .target = "/api/v1/power/items/abc", .body = json{{"sort", 1}}.dump(), .status = 400},
        {.op = "updatePowerItem", .target = power_item_url, .body = json{{"sort", 1}}.dump(), .as = "zhuxi.secretary",
         .status = 403},
        {.op = "putPowerItemFlow", .target = missing_item + "/flow", .body = json{{"flow", power_flow}}.dump(),
         .status = 404},
        {.op = "putPowerItemFlow", .target = "/api/v1/power/items/abc/flow", .body = json{{"flow", power_flow}}.dump(),
         .status = 400},
        {.op = "putPowerItemFlow", .target = power_item_url + "/flow", .body = json{{"flow", power_flow}}.dump(),
         .as = "zhuxi.secretary", .status = 403},
        {.op = "listPowerItemVersions", .target = missing_item + "/versions", .status = 404},
        {.op = "listPowerItemVersions", .target = "/api/v1/power/items/abc/versions", .status = 400},
        {.op = "listPowerItemVersions", .target = power_item_url + "/versions", .as = "zhuxi.clerk", .status = 403},
        {.op = "getPowerRules", .target = "/api/v1/power/rules", .status = 400, .field = "region"},
        {.op = "getPowerRules", .target = "/api/v1/power/rules?region=" + std::string(kHefeng), .as = "zhuxi.clerk",
         .status = 403},
        {.op = "putPowerRules", .target = "/api/v1/power/rules?region=" + std::string(kHefeng),
         .body = json{{"rules", {{{"kind", "works"}, {"medium_from_fen", 1}, {"large_from_fen", 2}}}}}.dump(),
         .as = "zhuxi.secretary", .status = 403},
        {.op = "previewPowerRoute", .target = "/api/v1/power/route?item=sample.spending", .status = 400,
         .field = "region"},
        {.op = "previewPowerRoute", .target = "/api/v1/power/route?item=sample.spending&region=" + std::string(kHefeng),
         .as = "zhuxi.clerk", .status = 403},
        {.op = "listPowerCases", .target = "/api/v1/power/cases?region=" + std::string(kHefeng), .as = "zhuxi.clerk",
         .status = 403},
        {.op = "listPowerCases", .target = "/api/v1/power/cases?format=xlsx&region=" + std::string(kHefeng),
         .as = "hefeng.secretary", .status = 200},
        {.op = "startPowerCase", .target = "/api/v1/power/cases",
         .body = json{{"item", "sample.spending"}, {"region", kHefeng}, {"title", "x"}}.dump(), .as = "zhuxi.clerk",
         .status = 403},
        {.op = "getPowerCase", .target = missing_case, .status = 404},
        {.op = "getPowerCase", .target = "/api/v1/power/cases/abc", .status = 400},
        {.op = "getPowerCase", .target = power_case_url, .as = "zhuxi.clerk", .status = 403},
        {.op = "updatePowerCase", .target = missing_case, .body = json{{"title", "x"}}.dump(), .status = 404},
        {.op = "updatePowerCase", .target = "/api/v1/power/cases/abc", .body = json{{"title", "x"}}.dump(),
         .as = "hefeng.clerk", .status = 400},
        {.op = "updatePowerCase", .target = other_url, .body = json{{"title", "x"}}.dump(), .as = "zhuxi.clerk",
         .status = 403},
        {.op = "actOnPowerCase", .target = missing_case + "/actions",
         .body = json{{"step", "approve"}, {"action", "approve"}}.dump(), .status = 404},
        {.op = "actOnPowerCase", .target = "/api/v1/power/cases/abc/actions",
         .body = json{{"step", "approve"}, {"action", "approve"}}.dump(), .as = "hefeng.secretary", .status = 400},
        {.op = "actOnPowerCase", .target = other_url + "/actions",
         .body = json{{"step", "approve"}, {"action", "approve"}}.dump(), .as = "hefeng.supervisor", .status = 403,
         .code = "wrong_role"},
        {.op = "actOnPowerCase", .target = power_case_url + "/actions",
         .body = json{{"step", "approve"}, {"action", "approve"}}.dump(), .as = "hefeng.secretary", .status = 409,
         .code = "case_completed"},
        {.op = "addPowerCaseDocument", .target = other_url + "/documents?filename=a.pdf", .body = kPdfFile,
         .as = "hefeng.clerk", .headers = {{"Content-Type", "application/pdf"}}, .status = 400, .field = "step"},
        {.op = "addPowerCaseDocument", .target = other_url + "/documents?step=nosuch&filename=a.pdf", .body = kPngFile,
         .as = "hefeng.clerk", .headers = {{"Content-Type", "image/png"}}, .status = 400, .field = "step"},
        {.op = "addPowerCaseDocument", .target = other_url + docs + "&document=%E5%8F%91%E7%A5%A8", .body = kPngFile,
         .as = "hefeng.clerk", .headers = {{"Content-Type", "image/png"}}, .status = 400, .field = "document"},
        {.op = "addPowerCaseDocument", .target = other_url + docs, .body = "", .as = "hefeng.clerk", .status = 400,
         .field = "file"},
        {.op = "addPowerCaseDocument", .target = "/api/v1/power/cases/abc" + docs, .body = kPngFile, .headers = {{"Content-Type", "image/png"}}, .status = 400,
         .code = "invalid_id"},
        {.op = "addPowerCaseDocument", .target = other_url + docs, .body = kPngFile, .as = "zhuxi.clerk", .headers = {{"Content-Type", "image/png"}}, .status = 403},
        {.op = "addPowerCaseDocument", .target = other_url + docs, .body = kPngFile, .as = "hefeng.supervisor",
         .headers = {{"Content-Type", "image/png"}}, .status = 403, .code = "not_step_actor"},
        {.op = "addPowerCaseDocument", .target = missing_case + docs, .body = kPngFile, .headers = {{"Content-Type", "image/png"}}, .status = 404},
        {.op = "addPowerCaseDocument", .target = other_url + docs, .body = kPdfFile, .as = "hefeng.secretary",
         .headers = {{"Content-Type", "application/pdf"}}, .status = 409, .code = "document_exists"},
        {.op = "addPowerCaseDocument", .target = power_case_url + docs, .body = std::string("%PDF-1.4\nclosed step\n"), .as = "hefeng.clerk",
         .headers = {{"Content-Type", "application/pdf"}}, .status = 409, .code = "step_closed"},
        {.op = "addPowerCaseDocument", .target = other_url + docs,
         .body = "%PDF-" + std::string(static_cast<std::size_t>(disclosure::kMaxAttachmentBytes), 'x'),
         .as = "hefeng.clerk", .headers = {{"Content-Type", "application/pdf"}}, .status = 413, .code = "attachment_too_large"},
        {.op = "addPowerCaseDocument", .target = other_url + docs, .body = "MZ\x90\x00 not a document",
         .as = "hefeng.clerk", .status = 415, .code = "unsupported_attachment_type"},
        {.op = "listPowerCaseDocuments", .target = "/api/v1/power/cases/abc/documents", .status = 400},
        {.op = "listPowerCaseDocuments", .target = other_url + "/documents?step=nosuch", .status = 400, .field = "step"},
        {.op = "listPowerCaseDocuments", .target = other_url + "/documents", .as = "zhuxi.clerk", .status = 403},
        {.op = "listPowerCaseDocuments", .target = missing_case + "/documents", .status = 404},
        {.op = "getPowerCaseDocument", .target = other_url + "/documents/abc", .status = 400},
        {.op = "getPowerCaseDocument", .target = other_doc_url, .as = "zhuxi.clerk", .status = 403},
        {.op = "getPowerCaseDocument", .target = other_url + "/documents/" + kNoUser, .status = 404},
        {.op = "getPowerCaseDocument", .target = missing_case + "/documents/1", .status = 404},
        {.op = "deletePowerCaseDocument", .target = other_url + "/documents/abc", .status = 400},
        {.op = "deletePowerCaseDocument", .target = other_doc_url, .as = "hefeng.secretary", .status = 403,
         .code = "not_uploader"},
        {.op = "deletePowerCaseDocument", .target = other_url + "/documents/" + kNoUser, .status = 404},
        {.op = "deletePowerCaseDocument", .target = power_doc_url, .as = "hefeng.clerk", .status = 409,
         .code = "step_closed"},
        {.op = "listPowerOverdue", .target = "/api/v1/power/overdue", .status = 400, .field = "region"},
        {.op = "listPowerOverdue", .target = "/api/v1/power/overdue?region=" + std::string(kHefeng), .as = "zhuxi.clerk",
         .status = 403},
        {.op = "listPowerSealUses", .target = "/api/v1/power/seal-uses?region=" + std::string(kHefeng),
         .as = "zhuxi.clerk", .status = 403},
        {.op = "recordPowerSealUse", .target = "/api/v1/power/seal-uses",
         .body = json{{"case_id", other.json["id"]}, {"seal_name", "印章"}, {"document", "单据"}, {"stamped_by", "文书"}}.dump(),
         .as = "zhuxi.clerk", .status = 403},
    };
    for (const auto& x : power_cases) run(x);
    // A closed case is not edited (an open, approved one refuses a higher amount: power_test).
    run({.op = "updatePowerCase", .target = power_case_url, .body = json{{"amount_fen", 48001}}.dump(),
         .as = "hefeng.clerk", .status = 409, .code = "case_closed"});
  }
  {
    // The witness cosigns the latest checkpoint; the server stores and serves the cosignature.
    const auto checkpoint = run({.op = "logCheckpoint", .target = "/log/checkpoint", .as = "", .status = 200});
    const auto cosigned = tlog::add_cosignature(checkpoint.raw.body, witness, 1'790'000'000);
    run({.op = "postLogCosignatures",
         .target = "/api/v1/log/cosignatures",
         .body = cosigned,
         .as = "",
         .headers = {{"Content-Type", "text/plain"}},
         .status = 200});
    run({.op = "postLogCosignatures",
         .target = "/api/v1/log/cosignatures",
         .body = checkpoint.raw.body,
         .as = "",
         .headers = {{"Content-Type", "text/plain"}},
         .status = 400,
         .code = "cosignature_unverified"});
    const auto status = run({.op = "getLogStatus", .target = "/api/v1/log/status", .as = "discipline", .status = 200});
    EXPECT_EQ(status.json.value("checkpoint", ""), cosigned);
  }
  {
    // A repeat visit that still holds the page's ETag is answered without the page.
    const auto page = run({.op = "publicPage", .target = "/p/" + std::string(kHefeng), .as = "", .status = 200});
    const auto etag = page.raw.headers.count("ETag") ? page.raw.headers.at("ETag") : "";
    run({.op = "publicPage",
         .target = "/p/" + std::string(kHefeng),
         .as = "",
         .headers = {{"If-None-Match", etag}},
         .status = 304});
  }

  // A catalogue item a disclosure cites is not deleted. The draft is written directly, after the
  // publication samples, so their disclosure ids are unaffected.
  {
    auto c = connect();
    const auto cited = *c->scalar("SELECT id FROM disclosure_catalog_item WHERE catalog_id = $1 AND code = 'party.dues'",
                                  {zhuxi_catalog.json["id"].get<std::int64_t>()});
    c->query("INSERT INTO disclosure (region_code, catalog_item_id, period, category, stage, title, body, status, "
             "created_at, updated_at) VALUES ($1, $2, '2026-Q1', 'party', 'after', '党费', '草稿', 'draft', $3, $3)",
             {std::string(kZhuxi), std::stoll(cited), std::string("2026-04-01T00:00:00Z")});
  }
  run({.op = "deleteCatalogItem",
       .target = zhuxi_items + "/party.dues",
       .as = "zhuxi.secretary",
       .status = 409,
       .code = "item_in_use"});

  // The cookie session: reads need nothing more, writes the CSRF token from /auth/me.
  const http::Headers cookie = {{"Cookie", std::string(http::kSessionCookie) + "=" + token("admin")}};
  const auto me =
      run({.op = "getMe", .target = "/api/v1/auth/me", .as = "", .headers = cookie, .status = 200});
  auto with_csrf = cookie;
  with_csrf["X-CSRF-Token"] = me.json.is_object() ? me.json.value("csrf_token", "") : "";
  run({.op = "addDictItem",
       .target = "/api/v1/dicts/sample_dict/items",
       .body = json{{"value", "b"}, {"label_zh", "乙"}, {"label_en", "B"}}.dump(),
       .as = "",
       .headers = with_csrf,
       .status = 201});

  // Attachments of a current publication are public (and revalidate by ETag); a correction may
  // be a draft prepared with its own attachments. Last, since it adds log entries.
  {
    const auto clerk = token("hefeng.clerk");
    const auto draft = [&](const std::string& title) {
      const auto r = post("/api/v1/disclosures",
                          json{{"region", kHefeng}, {"category", "affairs"}, {"stage", "after"}, {"title", title},
                               {"body", "见附件"}},
                          clerk);
      EXPECT_EQ(r.status, 201) << r.raw.body;
      return r.json.is_object() ? r.json["id"].dump() : "0";
    };
    const auto d = draft("工程验收");
    run({.op = "addDisclosureAttachment", .target = "/api/v1/disclosures/" + d + "/attachments?filename=a.png",
         .body = kPngFile, .as = "hefeng.clerk", .headers = {{"Content-Type", "image/png"}}, .status = 201});
    run({.op = "addDisclosureAttachment", .target = "/api/v1/disclosures/" + d + "/attachments?filename=b.png",
         .body = kPngFile, .as = "hefeng.clerk", .headers = {{"Content-Type", "image/png"}}, .status = 409,
         .code = "attachment_exists"});
    run({.op = "publishDisclosure", .target = "/api/v1/disclosures/" + d + "/publish", .as = "hefeng.clerk",
         .status = 200});
    const auto file = run({.op = "publicAttachment", .target = "/p/" + std::string(kHefeng) + "/a/" + png_sha,
                           .as = "", .status = 200});
    EXPECT_EQ(file.raw.body, kPngFile);
    run({.op = "publicAttachment",
         .target = "/p/" + std::string(kHefeng) + "/a/" + png_sha,
         .as = "",
         .headers = {{"If-None-Match", "\"" + png_sha + "\""}},
         .status = 304});
    const auto e = draft("工程验收(更正)");
    run({.op = "addDisclosureAttachment", .target = "/api/v1/disclosures/" + e + "/attachments?filename=b.pdf",
         .body = kPdfFile, .as = "hefeng.clerk", .headers = {{"Content-Type", "application/pdf"}}, .status = 201});
    run({.op = "correctDisclosure", .target = "/api/v1/disclosures/" + d + "/correct",
         .body = json{{"draft_id", std::stoll(d)}}.dump(), .as = "hefeng.clerk", .status = 400, .field = "draft_id"});
    run({.op = "correctDisclosure", .target = "/api/v1/disclosures/" + d + "/correct",
         .body = json{{"draft_id", std::stoll(e)}}.dump(), .as = "hefeng.clerk", .status = 201});
  }

  {
    // Residents' comments on a publication of its own (ids from the answers, not assumed).
    const auto draft = post("/api/v1/disclosures",
                            json{{"region", kHefeng}, {"category", "service"}, {"stage", "during"},
                                 {"title", "健身器材维修"}, {"body", "本月维修广场健身器材"}},
                            token("hefeng.clerk"));
    ASSERT_EQ(draft.status, 201) << draft.raw.body;
    const auto did = draft.json["id"].dump();
    ASSERT_EQ(call(Method::POST, "/api/v1/disclosures/" + did + "/publish", "", token("hefeng.clerk")).status, 200);
    const auto page_url = "/p/" + std::string(kHefeng) + "/d/" + did;
    const auto page = run({.op = "publicDisclosurePage", .target = page_url, .as = "", .status = 200});
    run({.op = "publicDisclosurePage", .target = page_url + "?large=1&lang=en&sent=1", .as = "", .status = 200});
    const auto at = page.raw.body.find("name=\"form_token\" value=\"");
    ASSERT_NE(at, std::string::npos) << page.raw.body;
    const auto start = at + std::string("name=\"form_token\" value=\"").size();
    const auto form_token = page.raw.body.substr(start, page.raw.body.find('"', start) - start);
    const http::Headers form = {{"Content-Type", "application/x-www-form-urlencoded"}};
    const auto submit = [&](const std::string& body, int status, const std::string& target = {},
                            http::Headers headers = {}) {
      auto h = form;
      for (auto& [k, v] : headers) h[k] = v;
      return run({.op = "submitDisclosureComment",
                  .target = (target.empty() ? page_url : target) + "/comments",
                  .body = body,
                  .as = "",
                  .headers = h,
                  .status = status});
    };
    const auto good = "form_token=" + form_token + "&kind=question&name=%E7%8E%8B&body=%E4%BD%95%E6%97%B6%E4%BF%AE";
    submit("form_token=" + form_token + "&kind=question&body=x", 400);
    submit("form_token=forged&kind=question&body=%E4%BD%95%E6%97%B6%E4%BF%AE", 403);
    submit(good, 403, {}, {{"Origin", "https://evil.example"}, {"Host", "qinglian.example"}});
    submit(good + "&pad=" + std::string(17 * 1024, 'x'), 413);
    submit("{}", 415, {}, {{"Content-Type", "application/json"}});
    submit("form_token=x&kind=comment&body=abc", 409, "/p/" + std::string(kHefeng) + "/d/" + disclosure_id(1));  // superseded
    for (int i = 0; i < 5; ++i) submit(good, 303);
    submit(good, 429);

    auto c = connect();
    const auto first = std::stoll(*c->scalar("SELECT MIN(id) FROM disclosure_comment"));
    const auto comment_url = [](std::int64_t id, const std::string& action) {
      return "/api/v1/disclosure/comments/" + std::to_string(id) + "/" + action;
    };
    run({.op = "listDisclosureComments", .target = "/api/v1/disclosure/comments", .as = "hefeng.resident", .status = 403,
         .code = "permission_denied"});
    run({.op = "listDisclosureComments", .target = "/api/v1/disclosure/comments?region=" + std::string(kHefeng),
         .as = "zhuxi.supervisor", .status = 403});
    run({.op = "listDisclosureComments", .target = "/api/v1/disclosure/comments?region=" + std::string(kNoRegion),
         .status = 404});
    run({.op = "approveDisclosureComment", .target = "/api/v1/disclosure/comments/abc/approve", .status = 400});
    run({.op = "approveDisclosureComment", .target = comment_url(first, "approve"), .as = "zhuxi.supervisor",
         .status = 403});
    run({.op = "approveDisclosureComment", .target = comment_url(first, "approve"), .as = "hefeng.supervisor",
         .status = 200});
    run({.op = "approveDisclosureComment", .target = comment_url(first, "approve"), .as = "hefeng.supervisor",
         .status = 409, .code = "comment_state"});
    const auto reason = json{{"reason", "重复提问"}}.dump();
    run({.op = "rejectDisclosureComment", .target = "/api/v1/disclosure/comments/abc/reject", .body = reason,
         .status = 400});
    run({.op = "rejectDisclosureComment", .target = comment_url(first + 1, "reject"), .body = reason,
         .as = "zhuxi.supervisor", .status = 403});
    run({.op = "rejectDisclosureComment", .target = comment_url(first + 1, "reject"), .body = reason,
         .as = "hefeng.supervisor", .status = 200});
    run({.op = "rejectDisclosureComment", .target = comment_url(first + 1, "reject"), .body = reason,
         .as = "hefeng.supervisor", .status = 409, .code = "comment_state"});
    const auto answer = json{{"answer", "已报修,\n下周一完成。"}}.dump();
    run({.op = "answerDisclosureComment", .target = "/api/v1/disclosure/comments/abc/answer", .body = answer,
         .status = 400});
    run({.op = "answerDisclosureComment", .target = comment_url(first, "answer"), .body = answer,
         .as = "zhuxi.clerk", .status = 403});
    run({.op = "answerDisclosureComment", .target = comment_url(first + 1, "answer"), .body = answer,
         .as = "hefeng.clerk", .status = 409, .code = "comment_state"});
    run({.op = "answerDisclosureComment", .target = comment_url(first, "answer"), .body = answer,
         .as = "hefeng.clerk", .status = 200});
    run({.op = "listDisclosureComments", .target = "/api/v1/disclosure/comments?answered=true",
         .as = "hefeng.secretary", .status = 200});
  }

  expect_every_documented_status_seen();
}

// The validator must reject what it claims to, or every check above would pass vacuously.
TEST(OpenApiSchemaCheck, RejectsWhatTheSchemaForbids) {
  const json doc = {{"components",
                     {{"schemas",
                       {{"Node",
                         {{"type", "object"},
                          {"required", {"name"}},
                          {"additionalProperties", false},
                          {"properties",
                           {{"name", {{"type", "string"}, {"maxLength", 2}, {"minLength", 1}}},
                            {"at", {{"type", "string"}, {"format", "date-time"}}},
                            {"n", {{"type", "integer"}, {"minimum", 1}, {"maximum", 3}, {"nullable", true}}},
                            {"kind", {{"type", "string"}, {"enum", json::array({"a", "b"})}}},
                            {"children",
                             {{"type", "array"},
                              {"maxItems", 1},
                              {"items", {{"$ref", "#/components/schemas/Node"}}}}}}}}}}}}}};
  const json node = {{"$ref", "#/components/schemas/Node"}};
  const auto ok = [&](const json& v) { return check_schema(v, node, doc).empty(); };
  EXPECT_TRUE(ok({{"name", "荷风"},
                  {"at", "2026-11-21T08:00:00Z"},
                  {"n", nullptr},
                  {"kind", "a"},
                  {"children", {{{"name", "x"}}}}}));
  EXPECT_FALSE(ok(json::array()));
  EXPECT_FALSE(ok(json::object()));                               // required
  EXPECT_FALSE(ok({{"name", "abc"}}));                            // maxLength, in characters
  EXPECT_FALSE(ok({{"name", ""}}));                               // minLength
  EXPECT_FALSE(ok({{"name", nullptr}}));                          // not nullable
  EXPECT_FALSE(ok({{"name", "x"}, {"extra", 1}}));                // additionalProperties
  EXPECT_FALSE(ok({{"name", "x"}, {"at", "2026-11-21 08:00"}}));  // format
  EXPECT_FALSE(ok({{"name", "x"}, {"n", 4}}));                    // maximum
  EXPECT_FALSE(ok({{"name", "x"}, {"n", 0}}));                    // minimum
  EXPECT_FALSE(ok({{"name", "x"}, {"n", 1.5}}));                  // integer
  EXPECT_FALSE(ok({{"name", "x"}, {"kind", "c"}}));               // enum
  EXPECT_FALSE(ok({{"name", "x"}, {"children", {{{"name", "x"}}, {{"name", "y"}}}}}));  // maxItems
  EXPECT_FALSE(ok({{"name", "x"}, {"children", {{{"name", 1}}}}}));                     // $ref, recursively
  EXPECT_FALSE(check_schema(1, {{"$ref", "#/components/schemas/Missing"}}, doc).empty());
  EXPECT_FALSE(check_schema("x", {{"type", "string"}, {"pattern", "x"}}, doc).empty());  // unchecked keyword
  EXPECT_FALSE(lint_schema({{"type", "string"}, {"pattern", "x"}}, doc).empty());
  EXPECT_FALSE(lint_schema({{"$ref", "#/components/schemas/Node"}, {"nullable", true}}, doc).empty());
  EXPECT_TRUE(lint_schema(doc["components"]["schemas"]["Node"], doc).empty());
}

}  // namespace
}  // namespace ql::test
