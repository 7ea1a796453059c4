// qinglian: the one program a street or county runs. Subcommands: serve, init, log, user, region.
#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "admin/bootstrap.hpp"
#include "admin/demo.hpp"
#include "admin/region_admin.hpp"
#include "auth/principal.hpp"
#include "auth/user.hpp"
#include "cli/config.hpp"
#include "cli/http_client.hpp"
#include "cli/import_command.hpp"
#include "cli/witness.hpp"
#include "core/error.hpp"
#include "disclosure/log_verify.hpp"
#include "disclosure/publication_log.hpp"
#include "http/app.hpp"
#include "http/server.hpp"
#include "store/database.hpp"

namespace {

using namespace ql;

bool english_locale() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"})
    if (const char* v = std::getenv(var); v && *v) return std::string_view(v).starts_with("en");
  return false;
}

int report(const Error& e) {
  const bool en = english_locale();
  std::cerr << "qinglian: " << e.message(en) << "\n";
  // The operator at the console is the one who must fix an internal error: show the detail
  // (driver message, SQL) that an HTTP client never sees.
  if (e.kind() == ErrorKind::internal || e.kind() == ErrorKind::unavailable)
    std::cerr << "  " << e.message_en() << "\n";
  for (const auto& p : e.problems())
    std::cerr << "  " << (en ? "row " : "第 ") << p.row << (en ? ", " : " 行, ") << p.column << ": "
              << (en ? p.message_en : p.message_zh) << "\n";
  return e.kind() == ErrorKind::internal || e.kind() == ErrorKind::unavailable ? 1 : 2;
}

// Default web root: web/dist in the working directory, else next to the build directory.
std::string find_web_root(const std::string& configured) {
  if (!configured.empty()) return configured;
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  for (auto candidate : {std::filesystem::path("web/dist"), exe.parent_path().parent_path() / "web/dist"})
    if (std::filesystem::exists(candidate / "index.html", ec)) return candidate.string();
  return "web/dist";
}

// Writes the demo logins once, readable only by the owner (0600), refusing to overwrite.
void write_credentials(const std::string& path, const std::vector<admin::DemoCredential>& creds) {
  if (auto parent = std::filesystem::path(path).parent_path(); !parent.empty())
    std::filesystem::create_directories(parent);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    throw Error(ErrorKind::conflict, "credentials_exist", "凭据文件 " + path + " 已存在或无法创建",
                "Credentials file " + path + " exists or cannot be created");
  std::ostringstream out;
  out << "# Qinglian demo logins (演示账号). username password role region_code\n";
  for (const auto& c : creds) out << c.username << ' ' << c.password << ' ' << c.role << ' ' << c.region_code << '\n';
  const auto text = out.str();
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw Error(ErrorKind::internal, "io_error", "写入凭据文件失败", "Failed to write credentials file");
}

// `qinglian log witness`: exit 0 when the checkpoint was verified and the cosignature stored;
// 3 for a failed check, 4 for a split view, 5 when the server refused the cosignature.
int run_log_witness(const std::string& url, const std::string& state_file, const std::string& name) {
  cli::HttpClient client(url);
  auto state = cli::load_witness_state(state_file);
  const auto now = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  try {
    auto r = cli::run_witness(client, state, name, now,
                              [&](const cli::WitnessState& s) { cli::save_witness_state(state_file, s); });
    if (r.log_key_trusted_now) std::cout << "Trusting the log key (首次信任日志公钥): " << state.log_vkey << "\n";
    std::cout << "Checkpoint verified (检查点已验证): size " << r.size << ", root " << r.root;
    if (r.previous_size) std::cout << " (consistent with size " << *r.previous_size << ")";
    std::cout << "\nWitness key (见证公钥): " << r.witness_vkey << "\n";
    if (r.size == 0) {
      std::cout << r.server_answer << "\n";
      return 0;
    }
    if (!r.accepted) {
      std::cerr << "qinglian log witness: the server did not accept the cosignature: " << r.server_answer
                << "\n  (register the witness key above once: POST /api/v1/log/witnesses {\"vkey\": ...})\n";
      return 5;
    }
    std::cout << "Cosignature stored (见证签名已提交).\n";
    return 0;
  } catch (const cli::WitnessError& e) {
    std::cerr << "qinglian log witness: " << e.what() << "\n";
    return e.exit_code();
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Qinglian 清廉: clean village & community supervision platform\n"
               "清廉村居·清廉社区 数字监督平台", "qinglian"};
  app.set_version_flag("--version", std::string("qinglian ") + QL_VERSION);
  app.require_subcommand(1);

  cli::Settings settings;
  std::string config_path;

  auto* serve = app.add_subcommand("serve", "Serve the web app and JSON API (启动服务)");
  serve->add_option("--config", config_path, "TOML config file; flags given here win")->check(CLI::ExistingFile);
  auto* db_opt = serve->add_option("--db", settings.db, "Database URL: sqlite:PATH or postgresql://...");
  auto* listen_opt = serve->add_option("--listen", settings.listen, "Address to listen on, host:port");
  auto* web_opt = serve->add_option("--web-root", settings.web_root, "Directory of the built web app (web/dist)");
  auto* threads_opt = serve->add_option("--threads", settings.threads, "Handler threads; as many I/O threads, at most one per CPU")->check(CLI::Range(1, 256));
  auto* log_opt = serve->add_option("--log-level", settings.log_level, "trace, debug, info, warn, error");
  auto* key_opt = serve->add_option("--log-key", settings.log_key_file, "Publication log signing key file");

  std::string db = settings.db;
  bool demo = false;
  std::string credentials = "var/demo-credentials.txt";
  auto* init = app.add_subcommand("init", "Create or upgrade the database (建库/升级); --demo adds demo data");
  init->add_option("--db", db, "Database URL: sqlite:PATH or postgresql://...");
  init->add_flag("--demo", demo, "Create the demo street, communities and users");
  init->add_option("--credentials", credentials, "Where to write the demo logins (created 0600)");
  init->add_option("--log-key", settings.log_key_file, "Publication log signing key file (created 0600)");
  init->add_option("--log-origin", settings.log_origin, "Origin line of the log's checkpoints");

  auto* log_cmd = app.add_subcommand("log", "The publication log (公开日志)");
  log_cmd->require_subcommand(1);
  auto* log_verify = log_cmd->add_subcommand(
      "verify", "Recompute the log from the database and check it against the signed checkpoints");
  log_verify->add_option("--db", db, "Database URL");
  log_verify->add_option("--log-key", settings.log_key_file, "The log's signing key file (its public half is used)");

  std::string witness_url, witness_state, witness_name = "witness";
  auto* log_witness = log_cmd->add_subcommand(
      "witness", "Witness the log (见证): check the checkpoint extends the last one seen, cosign it, send it back");
  log_witness->add_option("--url", witness_url, "The server, http://HOST:PORT")->required();
  log_witness->add_option("--state", witness_state, "Witness state file (JSON, created 0600; holds the witness key)")
      ->required();
  log_witness->add_option("--name", witness_name, "Name of the witness key generated on the first run");

  auto* user = app.add_subcommand("user", "Manage users (用户)");
  user->require_subcommand(1);
  auth::NewUser nu;
  bool password_stdin = false;
  auto* user_add = user->add_subcommand("add", "Add a user; the password is read from standard input");
  user_add->add_option("--db", db, "Database URL");
  user_add->add_option("--username", nu.username, "Login name")->required();
  user_add->add_option("--display-name", nu.display_name, "Name shown in the app (default: username)");
  user_add->add_option("--role", nu.role_code, "Role code, e.g. admin, clerk, secretary")->required();
  user_add->add_option("--region", nu.region_code, "Region code the user belongs to")->required();
  user_add->add_flag("--password-stdin", password_stdin, "Read the password from standard input")->required();

  auto* region = app.add_subcommand("region", "Manage regions (行政区划)");
  region->require_subcommand(1);
  std::string csv_path;
  auto* region_import = region->add_subcommand("import", "Import regions from CSV: code,name,level,parent_code");
  region_import->add_option("file", csv_path, "CSV file (UTF-8)")->required()->check(CLI::ExistingFile);
  region_import->add_option("--db", db, "Database URL");

  cli::ImportCommand import_cmd;
  cli::add_import_command(app, import_cmd, db);

  CLI11_PARSE(app, argc, argv);

  try {
    if (*serve) {
      // Flags win over the file: remember them, load the file, put them back.
      cli::Settings flags = settings;
      if (!config_path.empty()) cli::load_toml(config_path, settings);
      if (db_opt->count()) settings.db = flags.db;
      if (listen_opt->count()) settings.listen = flags.listen;
      if (web_opt->count()) settings.web_root = flags.web_root;
      if (threads_opt->count()) settings.threads = flags.threads;
      if (log_opt->count()) settings.log_level = flags.log_level;
      if (key_opt->count()) settings.log_key_file = flags.log_key_file;
      spdlog::set_level(spdlog::level::from_str(settings.log_level));
      auto [host, port] = cli::parse_listen(settings.listen);

      http::AppOptions opts;
      opts.db_url = settings.db;
      opts.web_root = find_web_root(settings.web_root);
      opts.db_pool_size = std::max(settings.db_pool, settings.threads);
      opts.api.session.session_hours = settings.session_hours;
      opts.api.secure_cookies = settings.secure_cookies;
      opts.api.public_base_url = settings.public_base_url;
      opts.api.trusted_proxies = settings.trusted_proxies;
      opts.log_key_file = settings.log_key_file;
      opts.log_origin = settings.log_origin;
      http::App application(opts);

      http::ServerOptions sopts;
      sopts.address = host;
      sopts.port = port;
      sopts.threads = settings.threads;
      http::Server server(sopts, application.router(), application.metrics());
      server.start();
      spdlog::info("qinglian {} serving on http://{}:{} (web root {})", QL_VERSION, host, server.port(),
                   opts.web_root);
      server.run_until_signal();
      return 0;
    }

    if (*log_witness) return run_log_witness(witness_url, witness_state, witness_name);

    auto conn = store::connect(db);
    admin::bootstrap_database(*conn);
    if (*log_verify) {
      auto log = disclosure::load_log_key(settings.log_key_file);
      auto report = disclosure::verify_log(*conn, log.signer.verifier());
      if (!report.ok) {
        std::cerr << "qinglian log verify: MISMATCH: " << report.first_mismatch << "\n";
        return 3;
      }
      std::cout << "Log verified (公开日志校验通过): " << report.entries << " entries, " << report.checkpoints
                << " checkpoints, " << report.disclosures << " disclosures.\n";
      return 0;
    }
    if (*init) {
      const auto log = disclosure::load_or_create_log_key(settings.log_key_file, settings.log_origin);
      if (demo) {
        auto creds = admin::create_demo(*conn, {.books = true, .log = &log});
        write_credentials(credentials, creds);
        std::cout << "Demo data created. Logins (演示账号) written to " << credentials << "\n";
      } else {
        std::cout << "Database ready (数据库已就绪): " << db << "\n";
      }
      return 0;
    }
    if (*user_add) {
      std::string password;
      std::getline(std::cin, password);
      nu.password = password;
      if (nu.display_name.empty()) nu.display_name = nu.username;
      auto u = auth::create_user(*conn, auth::system_principal("cli"), nu);
      std::cout << "User " << u.username << " (id " << u.id << ") created.\n";
      return 0;
    }
    if (import_cmd.selected()) return cli::run_import(*conn, import_cmd);
    if (*region_import) {
      std::ifstream in(csv_path, std::ios::binary);
      std::stringstream buf;
      buf << in.rdbuf();
      auto summary = admin::import_regions_csv(*conn, auth::system_principal("cli"), buf.str());
      std::cout << "Imported regions: " << summary.inserted << " added, " << summary.updated << " updated.\n";
      return 0;
    }
  } catch (const Error& e) {
    return report(e);
  } catch (const std::exception& e) {
    std::cerr << "qinglian: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
