#pragma once
// The collective asset register (三资·资产台账) of a village: code unique per village,
// category from the asset_category dictionary, original value in fen, acquisition date,
// location, custodian and status. Status changes are audited like every write. Disposal is
// not an edit: the law requires an asset deal (三资交易) for it, so set status 'disposed' only
// through dispose_asset_by_deal, which the asset-deal module calls once its deal concludes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/principal.hpp"
#include "core/paging.hpp"
#include "core/stored_file.hpp"
#include "store/database.hpp"

namespace ql::ledger {

// One pair of permissions for assets, resources and contracts (三资 other than funds).
inline constexpr const char* kAssetReadPermission = "ledger:asset:read";
inline constexpr const char* kAssetWritePermission = "ledger:asset:write";

inline constexpr std::int64_t kMaxValueFen = 99'999'999'999'999;  // money::kMaxFen
inline const std::vector<std::string> kAssetStatuses = {"in_use", "idle", "leased", "disposed"};

struct AssetInput {
  std::string region_code;  // a village in the actor's scope
  std::string code, name, category;
  std::int64_t original_value_fen = 0;
  std::string acquired_date;  // YYYY-MM-DD
  std::string location, custodian, note;
  std::string status = "in_use";  // in_use, idle, leased (never disposed)
  int row = 0;                    // import file row, for problems
};

// Creates an asset (ledger:asset:write). 400 invalid_field naming the field (category not in
// the dictionary, a future acquisition date, status disposed is 409 disposal_requires_deal),
// 409 duplicate_asset_code. Returns the asset.
nlohmann::json create_asset(store::Connection& c, const auth::Principal& actor, const AssetInput& in);

// One asset with its "photos" list (ledger:asset:read); 403 outside the scope (also for a
// missing id when scoped).
nlohmann::json get_asset(store::Connection& c, const auth::Principal& actor, std::int64_t id);

struct AssetPatch {
  std::optional<std::string> code, name, category, acquired_date, location, custodian, note, status;
  std::optional<std::int64_t> original_value_fen;
};
// Edits an asset (ledger:asset:write). status 'disposed' is 409 disposal_requires_deal, and a
// disposed asset is 409 asset_disposed. The operation log records every changed field.
nlohmann::json update_asset(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                            const AssetPatch& p);

struct AssetFilter {
  std::optional<std::string> region, category, status, q;
};
// {"items","total"}; sort code, name, acquired_date, original_value_fen, created_at.
nlohmann::json list_assets(store::Connection& c, const auth::Principal& actor, const AssetFilter& f,
                           const PageRequest& page);

// For the asset-deal module: marks the asset disposed, citing the deal (deal_ref, e.g. its
// number), in the caller's transaction when one is open (a savepoint), with an operation-log
// entry. Needs ledger:asset:write; 409 asset_disposed when it already is.
nlohmann::json dispose_asset_by_deal(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                                     const std::string& deal_ref);

// Checks every asset and creates them all in one transaction, or none: 400 import_rejected
// listing every problem with its row and column (the import headers, see asset_import.hpp).
// Returns {"created"}.
nlohmann::json create_assets(store::Connection& c, const auth::Principal& actor, const std::string& region_code,
                             const std::vector<AssetInput>& assets);

// Photos (资产照片): images or PDFs checked as publication attachments are
// (disclosure::check_upload: type sniffed from the bytes, size limit, filename cleaned).
inline constexpr int kMaxAssetPhotos = 20;
// Stores a photo of asset `id` (ledger:asset:write): 409 asset_disposed, too_many_photos
// (kMaxAssetPhotos); 413/415 from check_upload. Returns {"id","asset_id","filename",
// "content_type","size_bytes","sha256","created_at"}.
nlohmann::json add_asset_photo(store::Connection& c, const auth::Principal& actor, std::int64_t id,
                               const std::string& filename, const std::optional<std::string>& declared_type,
                               std::string bytes);
// The photo's bytes (ledger:asset:read); 404 when the asset has no such photo.
StoredFile get_asset_photo(store::Connection& c, const auth::Principal& actor, std::int64_t id, std::int64_t photo_id);

// The dictionary value for a category given as value or as zh/en label; nullopt if unknown.
std::optional<std::string> asset_category(store::Connection& c, const std::string& text);

}  // namespace ql::ledger
