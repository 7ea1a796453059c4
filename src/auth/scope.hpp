#pragma once
// Data scope enforcement: the one place that decides which regions' records a principal may
// see or change. Services call it for every regional read and write; handlers never check
// regions themselves.
//
// A region outside the scope is answered as 403 "forbidden" whether or not it exists, so a
// scoped user learns nothing about other communities. Only an all-scope principal gets 404
// for a region that does not exist.
#include <optional>
#include <string>
#include <string_view>

#include "auth/principal.hpp"
#include "region/region.hpp"
#include "store/database.hpp"

namespace ql::auth {

class Scope {
 public:
  explicit Scope(const Principal& p) : p_(p) {}

  // True when region r lies inside the principal's scope (for `own`, the user's region and below).
  bool covers(const region::Region& r) const;

  // Loads region `code` and checks it lies in scope; throws forbidden / not_found as above.
  // With `field` (the code came from an input field rather than the URL), a region the
  // all-scope principal cannot find is a 400 naming that field instead of a 404.
  region::Region require_region(store::Connection& c, const std::string& code,
                                const std::string& field = {}) const;

  // A SQL condition restricting a list to the scope and, when `requested` is set, to that
  // region and everything below it (after require_region on it). region_column holds each
  // row's region code; owner_column, if not empty, holds the id of the user the row belongs
  // to and is used for the `own` scope. Parameters are appended to params ($n numbering
  // continues from params.size()).
  std::string list_condition(store::Connection& c, const std::optional<std::string>& requested,
                             std::string_view region_column, std::string_view owner_column,
                             store::Params& params) const;

  // The path prefix of everything visible: "" for all, else the user's region path.
  std::string visible_path() const;

 private:
  const Principal& p_;
};

}  // namespace ql::auth
