#include "admin/demo.hpp"

#include "admin/demo_assets.hpp"
#include "admin/demo_ledger.hpp"
#include "admin/demo_power.hpp"
#include "admin/demo_projects.hpp"
#include "auth/password.hpp"
#include "auth/principal.hpp"
#include "auth/user.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "region/region.hpp"

namespace ql::admin {
namespace {

struct DemoCommunity {
  const char* slug;
  const char* code;
  const char* name;
  int grids;
};

constexpr DemoCommunity kCommunities[] = {
    {"hefeng", "339902001001", "荷风社区", 3}, {"zhuxi", "339902001002", "竹溪社区", 2},
    {"songtao", "339902001003", "松涛社区", 2}, {"taoyuan", "339902001201", "桃源村", 3},
    {"meiling", "339902001202", "梅岭村", 2},  {"liuwan", "339902001203", "柳湾村", 2},
};

constexpr const char* kStreet = "339902001000";

}  // namespace

std::vector<DemoCredential> create_demo(store::Connection& c, const DemoOptions& options) {
  if (c.scalar("SELECT COUNT(*) FROM app_user") != "0")
    throw conflict("demo_exists", "数据库中已有用户,不能再创建演示数据",
                   "The database already has users; demo data was not created");
  auto actor = auth::system_principal("demo");
  // The users first, as data: their Argon2id hashes (interactive strength, as for any user) are
  // most of the demo's CPU time, so they are computed at once on every core, before the
  // transaction opens.
  std::vector<auth::NewUser> users;
  auto add = [&](std::string username, std::string display, std::string role, std::string region) {
    users.push_back({std::move(username), std::move(display), crypto::random_password(14), std::move(role),
                     std::move(region), std::nullopt, {}});
  };
  add("admin", "系统管理员", "admin", kStreet);
  add("street", "青莲街道三资中心", "street_office", kStreet);
  add("discipline", "青莲街道纪工委", "discipline", kStreet);
  for (const auto& com : kCommunities) {
    const std::string slug = com.slug, name = com.name;
    add(slug + ".secretary", name + "书记", "secretary", com.code);
    add(slug + ".clerk", name + "文书", "clerk", com.code);
    // 报账员: a second clerk, so a case the 文书 starts is reviewed by someone else.
    add(slug + ".bookkeeper", name + "报账员", "clerk", com.code);
    add(slug + ".supervisor", name + "监委会成员", "supervisor", com.code);
    add(slug + ".resident", name + "居民", "resident", com.code);
  }
  {
    std::vector<std::string> passwords;
    for (const auto& u : users) passwords.push_back(u.password);
    auto hashes = auth::hash_passwords(passwords);
    for (std::size_t i = 0; i < users.size(); ++i) users[i].password_hash = std::move(hashes[i]);
  }

  // One transaction for all of it: a failure leaves no half-made demo behind.
  store::Transaction all(c);
  region::insert(c, "339900000000", "清河市", region::Level::city, std::nullopt);
  region::insert(c, "339902000000", "明湖区", region::Level::district, "339900000000");
  region::insert(c, kStreet, "青莲街道", region::Level::street, "339902000000");
  for (const auto& com : kCommunities) {
    region::insert(c, com.code, com.name, region::Level::community, std::string(kStreet));
    for (int g = 1; g <= com.grids; ++g) {
      char code[16];
      std::snprintf(code, sizeof code, "%s%03d", com.code, g);
      region::insert(c, code, std::string(com.name) + "第" + std::to_string(g) + "网格",
                     region::Level::grid, std::string(com.code));
    }
  }

  std::vector<DemoCredential> out;
  for (const auto& u : users) {
    auth::create_user(c, actor, u);
    out.push_back({u.username, u.password, u.role_code, u.region_code});
  }
  if (options.books) {
    if (!options.log)
      throw Error(ErrorKind::internal, "demo_needs_log", "演示数据需要公开日志密钥", "The demo data needs the publication log key");
    create_demo_books(c, *options.log);
    create_demo_assets(c);
    create_demo_power(c, *options.log);
    create_demo_projects(c, *options.log);
  }
  all.commit();
  return out;
}

}  // namespace ql::admin
