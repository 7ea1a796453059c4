#pragma once
// The fictional demo street for `qinglian init --demo` and `make run`: 青莲街道 with six
// communities/villages, their grids, and one user of every role per community.
#include <string>
#include <vector>

#include "store/database.hpp"

namespace ql::admin {

struct DemoCredential {
  std::string username, password, role, region_code;
};

// Creates the demo regions and users with random passwords, returned once to the caller.
// Throws conflict("demo_exists") if the database already has users.
std::vector<DemoCredential> create_demo(store::Connection& c);

}  // namespace ql::admin
