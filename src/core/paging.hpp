#pragma once
// A validated page request for list endpoints: 1-based page, bounded size, and a sort field
// that the caller has already checked against its whitelist.
#include <string>

namespace ql {

struct PageRequest {
  int page = 1;
  int size = 20;
  std::string sort;   // a whitelisted column name
  bool desc = false;
  int offset() const { return (page - 1) * size; }
};

}  // namespace ql
