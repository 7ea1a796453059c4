#pragma once
// Request-input helpers for every API handler: a JSON-body reader whose typed accessors name
// the offending field, query-string and paging parsers, and the JSON response builders.
// Generic on purpose (no domain knowledge). Every failure is a ql::Error 4xx carrying a
// zh-CN and an English message and, where one input is at fault, its name as `field`.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/paging.hpp"
#include "http/message.hpp"

namespace ql::http {

// Largest JSON body JsonInput accepts (API.md: 1 MiB), below the server's overall body limit.
inline constexpr std::size_t kMaxJsonBodyBytes = 1024 * 1024;

// What a string may contain besides printable text: `line` no control characters at all,
// `multiline` also newline and tab (descriptions, notes).
enum class TextKind { line, multiline };

class JsonInput {
 public:
  // Reads the body as a JSON object. Content-Type, if sent, must be application/json (else 415
  // unsupported_media_type); over kMaxJsonBodyBytes is 413 body_too_large; an empty body is {}
  // only when allow_empty, else 400 malformed_json, as is unparsable JSON (the message gives
  // the byte position); a non-object is 400 invalid_body.
  static JsonInput parse(const Request& req, bool allow_empty = false);
  // Wraps an already parsed value; throws 400 invalid_body unless it is an object.
  explicit JsonInput(nlohmann::json body);

  // Lengths count Unicode characters (code points), not bytes, so a limit means the same for
  // Chinese and Latin text. Strings are trimmed of surrounding ASCII whitespace first.
  // A present field of the wrong type is always an error; JSON null counts as absent.

  // Trimmed, non-empty string of at most max_len characters.
  std::string required_string(const std::string& name, std::size_t max_len = 200,
                              TextKind kind = TextKind::line);
  // As required_string, but absent/null gives nullopt and an empty string is returned as ""
  // (so a PATCH can clear an optional text field).
  std::optional<std::string> optional_string(const std::string& name, std::size_t max_len = 200,
                                             TextKind kind = TextKind::line);
  // A JSON integer (not 1.0, not "1") within [min, max].
  std::int64_t required_int(const std::string& name, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> optional_int(const std::string& name, std::int64_t min,
                                           std::int64_t max);
  bool required_bool(const std::string& name);
  std::optional<bool> optional_bool(const std::string& name);
  // A required array of at most max_items trimmed, non-empty single-line strings of at most
  // max_len characters each; an item's error names it as name[i].
  std::vector<std::string> string_array(const std::string& name, std::size_t max_items,
                                        std::size_t max_len = 200);
  // Escape hatch for nested values a handler validates itself; nullptr when absent or null.
  // Marks the field as read.
  const nlohmann::json* raw(const std::string& name);
  // Whether the field is present (null included). Does not mark it as read.
  bool has(const std::string& name) const;
  // Call after the accessors: throws 400 unknown_field naming the first field (in key order)
  // that no accessor read, so typos and stale client fields are rejected, not ignored.
  void finish() const;

 private:
  // Marks name as read; the value, or nullptr when absent or null.
  const nlohmann::json* take(const std::string& name);

  nlohmann::json body_;
  std::set<std::string> read_;
};

// Page, size and sort from the query: page >= 1 (default 1), size 1..200 (default 20), a bad
// value is 400 invalid_paging naming the parameter. sort is "field" or "-field" (descending)
// with field in `sortable`, else 400 invalid_sort listing the allowed fields; absent means
// default_sort, which uses the same syntax.
PageRequest parse_paging(const Request& req, const std::vector<std::string>& sortable,
                         const std::string& default_sort);

// A numeric path parameter such as /users/{id}: decimal digits only, at least `min`; anything
// else is 400 invalid_id naming the parameter.
std::int64_t path_id(const Request& req, const std::string& name, std::int64_t min = 1);

// Query parameters: absent or empty gives nullopt; a bad value is 400 invalid_query naming
// the parameter. Strings are trimmed, single-line, at most max_len characters.
std::optional<std::string> query_string(const Request& req, const std::string& name,
                                        std::size_t max_len = 200);
std::optional<std::int64_t> query_int(const Request& req, const std::string& name,
                                      std::int64_t min, std::int64_t max);
// Accepts true/false/1/0.
std::optional<bool> query_bool(const Request& req, const std::string& name);

// A JSON response; invalid UTF-8 in the data is replaced (U+FFFD) rather than failing, since a
// stored byte string must not turn every list containing it into a 500.
Response json_response(int status, const nlohmann::json& body);
// The list shape of API.md: {"items","total","page","size"}.
nlohmann::json page_json(nlohmann::json items, std::int64_t total, const PageRequest& page);

// Runs fn, which reads a nested object or array item with a JsonInput of its own, so that a 400
// naming a field names it under its path: field "lines[2].debit_fen", message "lines[2]: …".
template <typename Fn>
auto nested(const std::string& prefix, Fn&& fn) {
  try {
    return fn();
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::bad_request || e.field().empty()) throw;
    throw Error(e.kind(), e.code(), prefix + ": " + e.message_zh(), prefix + ": " + e.message_en(),
                prefix + "." + e.field());
  }
}

}  // namespace ql::http
