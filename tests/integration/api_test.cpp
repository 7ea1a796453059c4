// The foundation's JSON API end to end, on whichever backend QL_TEST_BACKEND names.
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "core/clock.hpp"

namespace ql::test {
namespace {

using http::Method;
constexpr const char* kHefeng = "339902001001";
constexpr const char* kZhuxi = "339902001002";
constexpr const char* kStreet = "339902001000";

class AuthApi : public ApiTest {};
class ScopeApi : public ApiTest {};
class InputApi : public ApiTest {};
class AdminApi : public ApiTest {};
class ServiceApi : public ApiTest {};

TEST_F(AuthApi, LoginMeLogout) {
  auto token = login("admin");
  ASSERT_FALSE(token.empty());
  auto me = get("/api/v1/auth/me", token);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json["user"]["username"], "admin");
  EXPECT_EQ(me.json["permissions"], nlohmann::json::array({"*"}));
  EXPECT_FALSE(me.json["csrf_token"].get<std::string>().empty());
  EXPECT_EQ(call(Method::POST, "/api/v1/auth/logout", "", token).status, 204);
  EXPECT_EQ(get("/api/v1/auth/me", token).status, 401);
  EXPECT_EQ(get("/api/v1/auth/me", "").status, 401);
  EXPECT_EQ(get("/api/v1/auth/me", "forged-token").error_code(), "session_expired");
  // The token is stored only as a hash.
  auto c = connect();
  EXPECT_EQ(*c->scalar("SELECT COUNT(*) FROM user_session WHERE token_hash = $1", {token}), "0");
}

TEST_F(AuthApi, HostileHeadersAndNamesAreLoggedNotFatal) {
  // A non-UTF-8 User-Agent and a long Chinese username must not break the login log.
  auto r = call(Method::POST, "/api/v1/auth/login",
                nlohmann::json({{"username", std::string(60, 'x') + "清廉村居"}, {"password", "whatever-1"}}).dump(), "",
                {{"User-Agent", "bad \xe8\xff agent"}});
  EXPECT_EQ(r.status, 401) << r.raw.body;
  auto admin = login("admin");
  auto log = get("/api/v1/loginlog?success=false", admin);
  ASSERT_EQ(log.json["total"], 1);
  EXPECT_EQ(log.json["items"][0]["user_agent"], "bad \xEF\xBF\xBD\xEF\xBF\xBD agent");
}

TEST_F(AuthApi, WrongPasswordAndUnknownUserLookAlike) {
  auto bad = post("/api/v1/auth/login", {{"username", "admin"}, {"password", "wrong-pass-1"}}, "");
  auto unknown = post("/api/v1/auth/login", {{"username", "nobody"}, {"password", "wrong-pass-1"}}, "");
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(bad.json, unknown.json);
  EXPECT_EQ(bad.json["error"]["message"], "用户名或密码错误");
}

TEST_F(AuthApi, FiveFailuresLockForFifteenMinutes) {
  auto start = now();
  set_clock_for_testing([start] { return start; });
  for (int i = 1; i <= 4; ++i)
    EXPECT_EQ(post("/api/v1/auth/login", {{"username", "hefeng.clerk"}, {"password", "bad-pass-" + std::to_string(i)}}, "").status, 401);
  auto fifth = post("/api/v1/auth/login", {{"username", "hefeng.clerk"}, {"password", "bad-pass-5"}}, "");
  EXPECT_EQ(fifth.status, 423);
  EXPECT_EQ(fifth.error_code(), "account_locked");
  // Even the right password is refused while locked.
  auto right = post("/api/v1/auth/login", {{"username", "hefeng.clerk"}, {"password", passwords_["hefeng.clerk"]}}, "");
  EXPECT_EQ(right.status, 423);
  set_clock_for_testing([start] { return start + std::chrono::minutes(14); });
  EXPECT_EQ(post("/api/v1/auth/login", {{"username", "hefeng.clerk"}, {"password", passwords_["hefeng.clerk"]}}, "").status, 423);
  set_clock_for_testing([start] { return start + std::chrono::minutes(16); });
  EXPECT_EQ(post("/api/v1/auth/login", {{"username", "hefeng.clerk"}, {"password", passwords_["hefeng.clerk"]}}, "").status, 200);

  // Every attempt is in the login log, visible to the discipline role of the street.
  auto discipline = login("discipline");
  auto log = get("/api/v1/loginlog?username=hefeng.clerk&size=50", discipline);
  ASSERT_EQ(log.status, 200);
  EXPECT_EQ(log.json["total"], 8);
  auto failures = get("/api/v1/loginlog?username=hefeng.clerk&success=false", discipline);
  EXPECT_EQ(failures.json["total"], 7);
  EXPECT_EQ(failures.json["items"][0]["reason"], "locked");
}

TEST_F(AuthApi, AdminCanUnlock) {
  for (int i = 0; i < 5; ++i)
    post("/api/v1/auth/login", {{"username", "zhuxi.clerk"}, {"password", "bad-pass-" + std::to_string(i)}}, "");
  auto admin = login("admin");
  auto id = user_id("zhuxi.clerk");
  EXPECT_FALSE(get("/api/v1/users/" + std::to_string(id), admin).json["locked_until"].is_null());
  EXPECT_EQ(call(Method::POST, "/api/v1/users/" + std::to_string(id) + "/unlock", "", admin).status, 204);
  EXPECT_EQ(login("zhuxi.clerk").empty(), false);
}

TEST_F(AuthApi, CookieWritesNeedCsrfHeader) {
  auto r = post("/api/v1/auth/login", {{"username", "admin"}, {"password", passwords_["admin"]}}, "");
  ASSERT_EQ(r.status, 200);
  auto cookie = r.raw.headers["Set-Cookie"];
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  const std::string session = "ql_session=" + r.json["token"].get<std::string>();
  const std::string csrf = r.json["csrf_token"];
  nlohmann::json item = {{"value", "x1"}, {"label_zh", "测试"}, {"label_en", "Test"}};
  // Reads work with the cookie alone.
  EXPECT_EQ(call(Method::GET, "/api/v1/auth/me", "", "", {{"Cookie", session}}).status, 200);
  auto no_csrf = call(Method::POST, "/api/v1/dicts/risk_level/items", item.dump(), "", {{"Cookie", session}});
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(no_csrf.error_code(), "csrf_failed");
  auto wrong = call(Method::POST, "/api/v1/dicts/risk_level/items", item.dump(), "",
                    {{"Cookie", session}, {"X-CSRF-Token", "nope"}});
  EXPECT_EQ(wrong.status, 403);
  auto ok = call(Method::POST, "/api/v1/dicts/risk_level/items", item.dump(), "",
                 {{"Cookie", session}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(ok.status, 201) << ok.raw.body;
}

TEST_F(AuthApi, ChangeOwnPasswordRevokesOtherSessions) {
  auto first = login("songtao.secretary");
  auto second = login("songtao.secretary");
  auto bad = post("/api/v1/auth/password", {{"old_password", "wrong-one-1"}, {"new_password", "NewPassw0rd"}}, first);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json["error"]["field"], "old_password");
  auto weak = post("/api/v1/auth/password", {{"old_password", passwords_["songtao.secretary"]}, {"new_password", "short"}}, first);
  EXPECT_EQ(weak.json["error"]["field"], "new_password");
  EXPECT_EQ(post("/api/v1/auth/password", {{"old_password", passwords_["songtao.secretary"]}, {"new_password", "NewPassw0rd"}}, first).status, 204);
  EXPECT_EQ(get("/api/v1/auth/me", first).status, 200);
  EXPECT_EQ(get("/api/v1/auth/me", second).status, 401);
  EXPECT_EQ(post("/api/v1/auth/login", {{"username", "songtao.secretary"}, {"password", "NewPassw0rd"}}, "").status, 200);
}

TEST_F(AuthApi, DisabledUserCannotLoginAndLosesSessions) {
  auto admin = login("admin");
  auto clerk = login("meiling.clerk");
  auto id = std::to_string(user_id("meiling.clerk"));
  EXPECT_EQ(patch("/api/v1/users/" + id, {{"enabled", false}}, admin).status, 200);
  EXPECT_EQ(get("/api/v1/auth/me", clerk).status, 401);
  auto r = post("/api/v1/auth/login", {{"username", "meiling.clerk"}, {"password", passwords_["meiling.clerk"]}}, "");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code(), "account_disabled");
}

TEST_F(ScopeApi, CommunitySecretarySeesOnlyTheirCommunity) {
  auto t = login("hefeng.secretary");
  auto tree = get("/api/v1/regions/tree", t);
  ASSERT_EQ(tree.status, 200);
  ASSERT_EQ(tree.json.size(), 1u);
  EXPECT_EQ(tree.json[0]["code"], kHefeng);
  EXPECT_EQ(tree.json[0]["children"].size(), 3u);  // its grids
  auto users = get("/api/v1/users?size=200", t);
  ASSERT_EQ(users.status, 200);
  EXPECT_EQ(users.json["total"], 5);  // secretary, clerk, bookkeeper, supervisor, resident
  for (const auto& u : users.json["items"]) EXPECT_TRUE(u["username"].get<std::string>().starts_with("hefeng."));
  auto regions = get("/api/v1/regions?size=200", t);
  EXPECT_EQ(regions.json["total"], 4);  // community + 3 grids
}

TEST_F(ScopeApi, AnotherCommunityIs403OnEveryEndpoint) {
  // A community-scoped role that may also write, so scope (not permission) is what refuses.
  auto admin = login("admin");
  ASSERT_EQ(post("/api/v1/roles", {{"code", "community_admin"}, {"name_zh", "社区管理员"}, {"name_en", "Community admin"},
                                   {"data_scope", "region_and_below"},
                                   {"permissions", {"system:user:read", "system:user:write", "system:region:read",
                                                    "system:region:write", "system:oplog:read", "system:loginlog:read"}}},
                 admin).status, 201);
  ASSERT_EQ(patch("/api/v1/users/" + std::to_string(user_id("hefeng.secretary")), {{"role", "community_admin"}}, admin).status, 200);
  auto t = login("hefeng.secretary");
  const auto other_user = std::to_string(user_id("zhuxi.clerk"));
  const auto street_user = std::to_string(user_id("street"));
  const std::string other = kZhuxi;
  struct Probe {
    Method m;
    std::string target;
    nlohmann::json body;
  };
  const std::vector<Probe> probes = {
      {Method::GET, "/api/v1/users?region=" + other, nullptr},
      {Method::GET, "/api/v1/users?region=" + std::string(kStreet), nullptr},
      {Method::GET, "/api/v1/users/" + other_user, nullptr},
      {Method::GET, "/api/v1/users/" + street_user, nullptr},
      {Method::PATCH, "/api/v1/users/" + other_user, {{"display_name", "x"}}},
      {Method::POST, "/api/v1/users/" + other_user + "/password", {{"password", "Passw0rd123"}}},
      {Method::POST, "/api/v1/users/" + other_user + "/unlock", nullptr},
      {Method::POST, "/api/v1/users", {{"username", "intruder"}, {"display_name", "x"}, {"password", "Passw0rd123"},
                                       {"role", "clerk"}, {"region_code", other}}},
      {Method::PATCH, "/api/v1/users/" + std::to_string(user_id("hefeng.clerk")), {{"region_code", other}}},
      {Method::GET, "/api/v1/regions?region=" + other, nullptr},
      {Method::GET, "/api/v1/regions/" + other, nullptr},
      {Method::GET, "/api/v1/regions/" + other + "001", nullptr},
      {Method::GET, "/api/v1/regions/999999999999", nullptr},  // nonexistent: same answer
      {Method::PATCH, "/api/v1/regions/" + other, {{"name", "x"}}},
      {Method::DELETE, "/api/v1/regions/" + other + "002", nullptr},
      {Method::POST, "/api/v1/regions", {{"code", "339902001002009"}, {"name", "x"}, {"level", "grid"}, {"parent_code", other}}},
      {Method::GET, "/api/v1/oplog?region=" + other, nullptr},
  };
  const auto oplog_before = count("op_log");
  for (const auto& p : probes) {
    auto r = call(p.m, p.target, p.body.is_null() ? "" : p.body.dump(), t);
    EXPECT_EQ(r.status, 403) << to_string(p.m) << " " << p.target << " -> " << r.raw.body;
    EXPECT_EQ(r.raw.body.find("竹溪"), std::string::npos) << "leaks data: " << p.target;
  }
  EXPECT_EQ(count("op_log"), oplog_before);
  // Own community still works.
  EXPECT_EQ(patch("/api/v1/users/" + std::to_string(user_id("hefeng.clerk")), {{"display_name", "荷风文书甲"}}, t).status, 200);
}

TEST_F(ScopeApi, NobodyGrantsMoreThanTheyHold) {
  auto admin = login("admin");
  ASSERT_EQ(post("/api/v1/roles", {{"code", "user_manager"}, {"name_zh", "用户管理员"}, {"name_en", "User manager"},
                                   {"data_scope", "region_and_below"},
                                   {"permissions", {"system:user:read", "system:user:write"}}},
                 admin).status, 201);
  ASSERT_EQ(patch("/api/v1/users/" + std::to_string(user_id("street")), {{"role", "user_manager"}}, admin).status, 200);
  auto t = login("street");
  auto r = post("/api/v1/users", {{"username", "newadmin"}, {"display_name", "x"}, {"password", "Passw0rd123"},
                                  {"role", "admin"}, {"region_code", kStreet}}, t);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code(), "role_too_wide");
  auto ok = post("/api/v1/users", {{"username", "newclerk"}, {"display_name", "新文书"}, {"password", "Passw0rd123"},
                                   {"role", "resident"}, {"region_code", kZhuxi}}, t);
  EXPECT_EQ(ok.status, 201) << ok.raw.body;
  // Resetting the admin's password would take over the admin account.
  EXPECT_EQ(post("/api/v1/users/" + std::to_string(user_id("admin")) + "/password", {{"password", "Passw0rd123"}}, t).status, 403);
}

TEST_F(ScopeApi, PermissionsGateRoutes) {
  auto resident = login("hefeng.resident");
  EXPECT_EQ(get("/api/v1/users", resident).status, 403);
  EXPECT_EQ(get("/api/v1/regions/tree", resident).status, 403);
  EXPECT_EQ(get("/api/v1/oplog", resident).status, 403);
  EXPECT_EQ(get("/api/v1/auth/me", resident).status, 200);
  auto clerk = login("hefeng.clerk");
  EXPECT_EQ(get("/api/v1/loginlog", clerk).error_code(), "permission_denied");
}

TEST_F(InputApi, BadInputIs4xxAndWritesNothing) {
  auto admin = login("admin");
  const auto users = count("app_user"), oplog = count("op_log");
  nlohmann::json good = {{"username", "wang.wu"}, {"display_name", "王五"}, {"password", "Passw0rd123"},
                         {"role", "clerk"}, {"region_code", kHefeng}};
  auto expect_error = [&](const std::string& body, int status, const std::string& code, const std::string& field) {
    auto r = call(Method::POST, "/api/v1/users", body, admin);
    EXPECT_EQ(r.status, status) << body << " -> " << r.raw.body;
    EXPECT_EQ(r.error_code(), code) << body;
    if (!field.empty()) {
      EXPECT_EQ(r.json["error"].value("field", ""), field) << body;
    }
  };
  expect_error("{\"username\": ", 400, "malformed_json", "");
  expect_error("[1,2]", 400, "invalid_body", "");
  auto with = [&](const char* k, nlohmann::json v) { auto b = good; b[k] = v; return b.dump(); };
  expect_error(with("extra", 1), 400, "unknown_field", "extra");
  expect_error(with("username", 42), 400, "invalid_field", "username");
  expect_error(with("username", "Bad Name"), 400, "invalid_field", "username");
  expect_error(with("password", "short"), 400, "invalid_field", "password");
  expect_error(with("role", "emperor"), 400, "invalid_field", "role");
  expect_error(with("phone", "call me"), 400, "invalid_field", "phone");
  expect_error(with("region_code", "123"), 400, "invalid_field", "region_code");
  auto dup = good;
  dup["username"] = "admin";
  expect_error(dup.dump(), 409, "duplicate_username", "username");
  auto r = call(Method::POST, "/api/v1/users", good.dump(), admin, {{"Content-Type", "text/plain"}});
  EXPECT_EQ(r.status, 415);
  std::string huge = "{\"username\":\"" + std::string(2 * 1024 * 1024, 'a') + "\"}";
  EXPECT_EQ(call(Method::POST, "/api/v1/users", huge, admin).status, 413);
  EXPECT_EQ(count("app_user"), users);
  EXPECT_EQ(count("op_log"), oplog);
  EXPECT_EQ(post("/api/v1/users", good, admin).status, 201);
  EXPECT_EQ(count("app_user"), users + 1);
}

TEST_F(InputApi, LimitsCountCharactersAndRegionFieldsAreNamed) {
  auto admin = login("admin");
  auto make = [](std::string name, std::string region) {
    return nlohmann::json{{"username", "zhao.liu"}, {"display_name", std::move(name)}, {"password", "清廉村居2026"},
                          {"role", "clerk"}, {"region_code", std::move(region)}};
  };
  std::string thirty, thirty_one;
  for (int i = 0; i < 30; ++i) thirty += "荷";
  thirty_one = thirty + "荷";
  auto too_long = post("/api/v1/users", make(thirty_one, kHefeng), admin);
  EXPECT_EQ(too_long.status, 400);
  EXPECT_EQ(too_long.json["error"]["field"], "display_name");
  auto unknown_region = post("/api/v1/users", make("赵六", "339902001099"), admin);
  EXPECT_EQ(unknown_region.status, 400);
  EXPECT_EQ(unknown_region.json["error"]["field"], "region_code");
  auto ok = post("/api/v1/users", make(thirty, kHefeng), admin);
  EXPECT_EQ(ok.status, 201) << ok.raw.body;
  auto id = std::to_string(ok.json["id"].get<std::int64_t>());
  EXPECT_EQ(patch("/api/v1/users/" + id, {{"region_code", ""}}, admin).json["error"]["field"], "region_code");
  EXPECT_EQ(post("/api/v1/regions", {{"code", "339902001001009"}, {"name", "x"}, {"level", "grid"},
                                     {"parent_code", "339902001099"}}, admin).json["error"]["field"], "parent_code");
}

TEST_F(InputApi, SearchIsLiteralAndCaseInsensitive) {
  auto admin = login("admin");
  EXPECT_EQ(get("/api/v1/users?q=HEFENG", admin).json["total"], 5);
  EXPECT_EQ(get("/api/v1/users?q=_", admin).json["total"], 0);
  EXPECT_EQ(get("/api/v1/users?q=%25", admin).json["total"], 0);
  EXPECT_EQ(get("/api/v1/users?q=荷风", admin).json["total"], 5);
  EXPECT_EQ(get("/api/v1/regions?q=第1网格", admin).json["total"], 6);
  auto by_level = get("/api/v1/regions?sort=level&size=3", admin);
  EXPECT_EQ(by_level.json["items"][0]["level"], "city");
  EXPECT_EQ(by_level.json["items"][2]["level"], "street");
  EXPECT_EQ(get("/api/v1/regions?sort=-level&size=1", admin).json["items"][0]["level"], "grid");
}

TEST_F(InputApi, PagingAndSortingAreValidated) {
  auto admin = login("admin");
  EXPECT_EQ(get("/api/v1/users?page=0", admin).error_code(), "invalid_paging");
  EXPECT_EQ(get("/api/v1/users?size=1000", admin).error_code(), "invalid_paging");
  EXPECT_EQ(get("/api/v1/users?page=abc", admin).error_code(), "invalid_paging");
  auto bad_sort = get("/api/v1/users?sort=password_hash", admin);
  EXPECT_EQ(bad_sort.status, 400);
  EXPECT_EQ(bad_sort.error_code(), "invalid_sort");
  EXPECT_EQ(get("/api/v1/users?enabled=maybe", admin).error_code(), "invalid_query");
  EXPECT_EQ(get("/api/v1/oplog?from=yesterday", admin).status, 400);
  EXPECT_EQ(get("/api/v1/users/abc", admin).status, 400);

  auto page1 = get("/api/v1/users?size=5&page=1&sort=-username", admin);
  ASSERT_EQ(page1.status, 200);
  EXPECT_EQ(page1.json["total"], 33);
  EXPECT_EQ(page1.json["size"], 5);
  EXPECT_EQ(page1.json["items"].size(), 5u);
  EXPECT_EQ(page1.json["items"][0]["username"], "zhuxi.supervisor");
  auto page6 = get("/api/v1/users?size=5&page=6&sort=-username", admin);
  auto page7 = get("/api/v1/users?size=5&page=7&sort=-username", admin);
  EXPECT_EQ(page6.json["items"].size(), 5u);
  EXPECT_EQ(page7.json["items"].size(), 3u);
}

TEST_F(InputApi, ErrorsSpeakChineseOrEnglish) {
  auto zh = call(Method::GET, "/api/v1/users", "", "");
  EXPECT_EQ(zh.status, 401);
  EXPECT_EQ(zh.json["error"]["message"], "请先登录");
  auto en = call(Method::GET, "/api/v1/users", "", "", {{"Accept-Language", "en-US,en;q=0.9"}});
  EXPECT_EQ(en.json["error"]["message"], "Login required");
  auto nf = call(Method::GET, "/api/v1/nothing-here", "", "");
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(nf.error_code(), "not_found");
  EXPECT_EQ(call(Method::DELETE, "/api/v1/auth/me", "", "").status, 405);
}

TEST_F(AdminApi, UserChangesAreInTheOperationLog) {
  auto admin = login("admin");
  auto created = post("/api/v1/users", {{"username", "li.si"}, {"display_name", "李四"}, {"password", "Passw0rd123"},
                                        {"role", "clerk"}, {"region_code", kHefeng}, {"phone", "13800000000"}}, admin);
  ASSERT_EQ(created.status, 201);
  auto id = std::to_string(created.json["id"].get<std::int64_t>());
  EXPECT_EQ(created.json["role_name"], "村(社区)文书");
  ASSERT_EQ(patch("/api/v1/users/" + id, {{"display_name", "李四四"}, {"role", "supervisor"}}, admin).status, 200);
  auto log = get("/api/v1/oplog?object_type=user&object_id=" + id, admin);
  ASSERT_EQ(log.status, 200);
  ASSERT_EQ(log.json["total"], 2);
  auto update = log.json["items"][0];
  EXPECT_EQ(update["action"], "update");
  EXPECT_EQ(update["username"], "admin");
  EXPECT_EQ(update["region_code"], kHefeng);
  EXPECT_EQ(update["changes"]["display_name"]["from"], "李四");
  EXPECT_EQ(update["changes"]["display_name"]["to"], "李四四");
  EXPECT_EQ(update["changes"]["role"]["to"], "supervisor");
  EXPECT_FALSE(update["changes"].contains("phone"));
  EXPECT_EQ(log.json["items"][1]["changes"]["after"]["username"], "li.si");
  // The community's supervisor sees it; another community's does not.
  EXPECT_EQ(get("/api/v1/oplog?object_id=" + id, login("hefeng.supervisor")).json["total"], 2);
  EXPECT_EQ(get("/api/v1/oplog?object_id=" + id, login("zhuxi.supervisor")).json["total"], 0);
}

TEST_F(AdminApi, RegionsCreateRenameDelete) {
  auto admin = login("admin");
  auto r = post("/api/v1/regions", {{"code", "339902001201004"}, {"name", "桃源村第4网格"}, {"level", "grid"},
                                    {"parent_code", "339902001201"}}, admin);
  ASSERT_EQ(r.status, 201) << r.raw.body;
  EXPECT_EQ(r.json["path"], "/339900000000/339902000000/339902001000/339902001201/339902001201004/");
  EXPECT_EQ(post("/api/v1/regions", {{"code", "339902001202001"}, {"name", "x"}, {"level", "grid"},
                                     {"parent_code", "339902001201"}}, admin).json["error"]["field"], "code");
  EXPECT_EQ(post("/api/v1/regions", {{"code", "339902001299"}, {"name", "x"}, {"level", "street"},
                                     {"parent_code", "339902001201"}}, admin).json["error"]["field"], "parent_code");
  EXPECT_EQ(patch("/api/v1/regions/339902001201004", {{"name", "桃源村四组"}}, admin).json["name"], "桃源村四组");
  EXPECT_EQ(call(Method::DELETE, "/api/v1/regions/339902001201", "", admin).status, 409);
  EXPECT_EQ(call(Method::DELETE, "/api/v1/regions/339902001201004", "", admin).status, 204);
  EXPECT_EQ(get("/api/v1/regions/339902001201004", admin).status, 404);
  auto filtered = get("/api/v1/regions?level=community&q=村", admin);
  EXPECT_EQ(filtered.json["total"], 3);
}

TEST_F(AdminApi, RegionCsvUploadIsAllOrNothing) {
  auto admin = login("admin");
  const auto before = count("region");
  auto bad = call(Method::POST, "/api/v1/regions/import",
                  "code,name,level,parent_code\n339902001001004,荷风社区第4网格,grid,339902001001\n"
                  "339902001001005,,grid,339902001001\n",
                  admin, {{"Content-Type", "text/csv; charset=utf-8"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_code(), "import_rejected");
  ASSERT_EQ(bad.json["error"]["problems"].size(), 1u);
  EXPECT_EQ(bad.json["error"]["problems"][0]["row"], 3);
  EXPECT_EQ(bad.json["error"]["problems"][0]["column"], "name");
  EXPECT_EQ(count("region"), before);
  auto good = call(Method::POST, "/api/v1/regions/import",
                   "code,name,level,parent_code\n339902001001004,荷风社区第4网格,grid,339902001001\n", admin,
                   {{"Content-Type", "text/csv"}});
  EXPECT_EQ(good.status, 200) << good.raw.body;
  EXPECT_EQ(good.json["inserted"], 1);
  EXPECT_EQ(call(Method::POST, "/api/v1/regions/import", "{}", admin).status, 415);
  // A community secretary-like scope cannot import into another community.
  EXPECT_EQ(call(Method::POST, "/api/v1/regions/import", "code,name,level,parent_code\n", login("hefeng.secretary"),
                 {{"Content-Type", "text/csv"}}).status, 403);
}

TEST_F(AdminApi, RolesAndPermissions) {
  auto admin = login("admin");
  auto perms = get("/api/v1/permissions", admin);
  ASSERT_EQ(perms.status, 200);
  EXPECT_GE(perms.json.size(), 10u);
  auto roles = get("/api/v1/roles", admin);
  EXPECT_EQ(roles.json.size(), 7u);
  EXPECT_EQ(post("/api/v1/roles", {{"code", "auditor"}, {"name_zh", "审计"}, {"name_en", "Auditor"},
                                   {"data_scope", "everything"}, {"permissions", nlohmann::json::array()}}, admin)
                .json["error"]["field"], "data_scope");
  EXPECT_EQ(post("/api/v1/roles", {{"code", "auditor"}, {"name_zh", "审计"}, {"name_en", "Auditor"},
                                   {"data_scope", "all"}, {"permissions", {"system:fly"}}}, admin)
                .json["error"]["field"], "permissions");
  ASSERT_EQ(post("/api/v1/roles", {{"code", "auditor"}, {"name_zh", "审计"}, {"name_en", "Auditor"},
                                   {"data_scope", "all"}, {"permissions", {"system:oplog:read"}}}, admin).status, 201);
  auto patched = patch("/api/v1/roles/auditor", {{"permissions", {"system:oplog:read", "system:loginlog:read"}}}, admin);
  EXPECT_EQ(patched.json["permissions"].size(), 2u);
  EXPECT_EQ(patch("/api/v1/roles/admin", {{"permissions", {"system:user:read"}}}, admin).error_code(), "cannot_change_self");
}

TEST_F(AdminApi, Dictionaries) {
  auto admin = login("admin");
  auto all = get("/api/v1/dicts", admin);
  ASSERT_EQ(all.status, 200);
  EXPECT_GE(all.json.size(), 5u);
  ASSERT_EQ(post("/api/v1/dicts", {{"code", "settlement"}, {"name_zh", "结算方式"}, {"name_en", "Settlement"}}, admin).status, 201);
  EXPECT_EQ(post("/api/v1/dicts", {{"code", "settlement"}, {"name_zh", "结算方式"}, {"name_en", "Settlement"}}, admin).status, 409);
  ASSERT_EQ(post("/api/v1/dicts/settlement/items", {{"value", "cash"}, {"label_zh", "现金"}, {"label_en", "Cash"}}, admin).status, 201);
  auto p = patch("/api/v1/dicts/settlement/items/cash", {{"enabled", false}, {"sort", 3}}, admin);
  EXPECT_EQ(p.json["enabled"], false);
  EXPECT_EQ(post("/api/v1/dicts/nothing/items", {{"value", "a"}, {"label_zh", "甲"}, {"label_en", "A"}}, admin).status, 404);
  EXPECT_EQ(get("/api/v1/oplog?object_type=dict_item", admin).json["total"], 2);
}

TEST_F(ServiceApi, HealthMetricsOpenApi) {
  auto h = call(Method::GET, "/healthz");
  EXPECT_EQ(h.status, 200);
  login("admin");
  auto m = call(Method::GET, "/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.raw.body.find("qinglian_http_requests_total"), std::string::npos);
  EXPECT_NE(m.raw.body.find("route=\"/api/v1/auth/login\""), std::string::npos);
  EXPECT_NE(m.raw.body.find("qinglian_db_pool_connections"), std::string::npos);
  auto doc = call(Method::GET, "/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(doc.json["openapi"].get<std::string>().substr(0, 2), "3.");
  for (const auto& route : app_->router().routes()) {
    std::string method(to_string(route.method));
    for (auto& ch : method) ch = static_cast<char>(std::tolower(ch));
    EXPECT_TRUE(doc.json["paths"].contains(route.pattern) && doc.json["paths"][route.pattern].contains(method))
        << route.pattern << " " << method;
  }
}

TEST(Migrations, DatabaseNewerThanBinaryIsRefused) {
  auto db = make_test_database();
  { http::App app(test_app_options(*db)); }
  auto c = db->connect();
  c->query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', '2030-01-01T00:00:00Z')");
  try {
    http::App app(test_app_options(*db));
    FAIL() << "a newer database must be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "database_too_new");
    EXPECT_NE(e.message_en().find("9999"), std::string::npos);
  }
}

}  // namespace
}  // namespace ql::test
