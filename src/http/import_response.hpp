#pragma once
// The HTTP side every table import shares (assets, contracts, vouchers, accounts): a template
// download in ?format=xlsx|csv, and a dry-run preview whose problems carry one `message` in
// the caller's language and whose columns come in the file's order. One shape, so the web
// import dialog serves every kind.
#include <string>

#include <nlohmann/json.hpp>

#include "core/import_template.hpp"
#include "http/message.hpp"
#include "ledger/import_preview.hpp"

namespace ql::http {

// The template as an attachment named after it (en_name with Accept-Language: en); 400
// invalid_query naming format unless xlsx (default) or csv.
Response template_download(const Request& req, const import_template::Template& t, const std::string& en_name,
                           bool english);

// The answer of an import call: with dry_run, 200 and the preview with its problems' `message`
// in the caller's language (instead of message_zh/message_en) and `columns`, the rows' columns in
// the file's order as {"key","header","label","kind"[,"values"]} (ledger::preview_columns; label
// and the labels of a code column's values in the caller's language); otherwise 201 and the
// import's result.
Response import_answer(nlohmann::json out, ledger::ImportTable table, bool dry_run, bool english);

// The village of an import or report: ?region=, 400 invalid_query naming region when absent.
std::string required_region_query(const Request& req);

// An import's file is the request body: 400 empty_file naming file when there is none.
void require_file(const Request& req);

}  // namespace ql::http
