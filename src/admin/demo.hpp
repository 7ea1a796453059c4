#pragma once
// The fictional demo street for `qinglian init --demo` and `make run`: 青莲街道 with six
// communities/villages, their grids, and one user of every role per community.
#include <string>
#include <vector>

#include "disclosure/publication_log.hpp"
#include "store/database.hpp"

namespace ql::admin {

struct DemoCredential {
  std::string username, password, role, region_code;
};

struct DemoOptions {
  // The villages' books, assets, resources and contracts (demo_ledger, demo_assets) besides the
  // regions and users. Tests that do not read them leave them out: they are most of the time.
  bool books = true;
  // The publication log the demo power cases publish through; required with books.
  const disclosure::LogIdentity* log = nullptr;
};

// Creates the demo regions and users with random passwords, returned once to the caller, and
// (options.books) the demo books and assets. Throws conflict("demo_exists") if the database
// already has users.
std::vector<DemoCredential> create_demo(store::Connection& c, const DemoOptions& options = {});

}  // namespace ql::admin
