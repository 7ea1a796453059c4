#pragma once
// Publications (公开事项): drafts that clerks edit, frozen once published. Publishing,
// correcting (a new publication that supersedes the old) and withdrawing each append one entry
// to the publication log in the same transaction; nothing published is ever edited or deleted.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/paging.hpp"
#include "disclosure/publication_log.hpp"
#include "store/database.hpp"

namespace ql::disclosure {

struct Content {
  std::string category;  // party, affairs, finance, service
  std::string stage;     // before, during, after
  std::string title;
  std::string body;      // Markdown
  std::optional<std::int64_t> catalog_item_id;
  std::optional<std::string> period;
  nlohmann::json links = nlohmann::json::array();  // [{"type":"voucher","id":"123"}, ...]
};

struct DraftPatch {
  std::optional<std::string> category, stage, title, body, period;
  std::optional<std::int64_t> catalog_item_id;
  std::optional<nlohmann::json> links;
};

struct ListFilter {
  std::optional<std::string> region, status, category, stage, q;
};

// Throws invalid_field naming the field for a bad category, stage, title, body or period.
void check_content(const Content& c);

// Drafts need disclosure:publication:write and a region in scope.
nlohmann::json create_draft(store::Connection& c, const auth::Principal& actor,
                            const std::string& region_code, const Content& content);
// 409 "disclosure_frozen" unless the disclosure is still a draft.
nlohmann::json update_draft(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                            const DraftPatch& patch);
void delete_draft(store::Connection& c, const auth::Principal& actor, std::int64_t id);

// The disclosure with its "attachments" (see disclosure/attachment.hpp).
nlohmann::json get_disclosure(store::Connection& c, const auth::Principal& actor, std::int64_t id);
// Disclosure `id` as a JSON row when the actor's data scope covers its region: 403 outside it
// (and for a missing id unless the actor sees everything, so nothing leaks), else 404. Checks
// no permission: callers require their own.
nlohmann::json disclosure_in_scope(store::Connection& c, const auth::Principal& actor, std::int64_t id);
// {"items","total"}; sort fields: created_at, published_at, title.
nlohmann::json list_disclosures(store::Connection& c, const auth::Principal& actor,
                                const ListFilter& f, const PageRequest& page);

// Publishing needs disclosure:publication:publish. Each returns the disclosure with its
// log_index.
nlohmann::json publish(store::Connection& c, const auth::Principal& actor, const LogIdentity& log,
                       std::int64_t id);
// Publishes `content` as a new disclosure that supersedes published disclosure `id`; the
// correction keeps the attachments of the publication it replaces.
nlohmann::json correct(store::Connection& c, const auth::Principal& actor, const LogIdentity& log,
                       std::int64_t id, const Content& content);
// Publishes draft `draft_id` (same region, prepared with its own text and attachments) as the
// correction that supersedes published disclosure `id`. invalid_field("draft_id") when it is
// not a draft of that region.
nlohmann::json correct_with_draft(store::Connection& c, const auth::Principal& actor, const LogIdentity& log,
                                  std::int64_t id, std::int64_t draft_id);
nlohmann::json withdraw(store::Connection& c, const auth::Principal& actor, const LogIdentity& log,
                        std::int64_t id, const std::string& reason);

// Publishes `content` at once in `region_code` on behalf of another module's step (an asset
// deal's stage, a power case's resolution and result): the disclosure is created and published
// in the caller's transaction (a savepoint), so the step and its disclosure commit together or
// not at all. The actor needs no disclosure permission, because the step's own permission
// authorises the publication, but the region must be in the actor's scope. `content.links`
// should name the source record (e.g. [{"type":"asset_deal","id":"12"}]). Returns the
// disclosure with its log_index.
nlohmann::json publish_for_step(store::Connection& c, const auth::Principal& actor, const LogIdentity& log,
                                const std::string& region_code, const Content& content);

// The log entry a published disclosure row must match, rebuilt from the database (used when
// publishing and by `qinglian log verify`).
nlohmann::json publication_entry(store::Connection& c, std::int64_t id, std::string_view kind);

}  // namespace ql::disclosure
