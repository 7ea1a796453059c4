#pragma once
// The HTTP side every table import shares (assets, contracts, vouchers, accounts): a template
// download in ?format=xlsx|csv, and a dry-run preview whose problems carry one `message` in
// the caller's language. One shape, so the web import dialog serves every kind.
#include <string>

#include <nlohmann/json.hpp>

#include "core/import_template.hpp"
#include "http/message.hpp"

namespace ql::http {

// The template as an attachment named after it (en_name with Accept-Language: en); 400
// invalid_query naming format unless xlsx (default) or csv.
Response template_download(const Request& req, const import_template::Template& t, const std::string& en_name,
                           bool english);

// A preview's problems with message_zh/message_en replaced by `message` in the caller's language.
nlohmann::json localized_preview(nlohmann::json preview, bool english);

// The village of an import or report: ?region=, 400 invalid_query naming region when absent.
std::string required_region_query(const Request& req);

}  // namespace ql::http
