#pragma once
// The operation log (操作日志): every write records who, when, which object and what changed,
// in the same transaction as the write, so a rolled-back write leaves no entry and a committed
// one always has its entry.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/paging.hpp"
#include "store/database.hpp"

namespace ql::audit {

// Appends one entry. Call inside the transaction of the write it describes.
// changes: for a create {"after":{...}}, an update diff(before, after), a delete {"before":{...}}.
void record(store::Connection& c, const auth::Principal& actor, std::string_view action,
            std::string_view object_type, const std::string& object_id,
            const std::optional<std::string>& region_code, const nlohmann::json& changes);

// {"field": {"from": old, "to": new}} for every top-level field that differs.
nlohmann::json diff(const nlohmann::json& before, const nlohmann::json& after);

struct OpLogFilter {
  std::optional<std::string> region;       // this region and below
  std::optional<std::string> username;
  std::optional<std::string> action;
  std::optional<std::string> object_type;
  std::optional<std::string> object_id;
  std::optional<std::string> from, to;     // ISO times or dates, inclusive range on `at`
};

// A page of entries within the actor's data scope: {"items":[...],"total":N}. Entries about no
// region are visible to all-scope principals only.
nlohmann::json list(store::Connection& c, const auth::Principal& actor, const OpLogFilter& f,
                    const PageRequest& page);

}  // namespace ql::audit
