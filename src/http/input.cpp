#include "http/input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

#include "core/error.hpp"
#include "core/strings.hpp"

namespace ql::http {

namespace {

// Why a value was rejected, in both languages; the caller decides whether it is about a body
// field or a query parameter, so the wording lives in one place.
struct Why {
  std::string zh, en;
};

constexpr int kMaxPageSize = 200;
// Caps page so that PageRequest::offset() ((page - 1) * size, an int) cannot overflow.
constexpr int kMaxPage = 10'000'000;

std::string trim(std::string_view s) {
  constexpr std::string_view ws = " \t\r\n\f\v";
  const auto first = s.find_first_not_of(ws);
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(ws) - first + 1));
}

std::size_t count_code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// C0 controls and DEL, and C1 controls (U+0080..U+009F, encoded C2 80..C2 9F); multiline text
// may also hold \n and \t. Input is valid UTF-8 (nlohmann and parse_target checked it).
bool has_forbidden_control(std::string_view s, TextKind kind) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (kind == TextKind::multiline && (c == '\n' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) return true;
  }
  return false;
}

// Trims value in place and checks it; nullopt when acceptable.
std::optional<Why> text_problem(std::string& value, std::size_t max_len, TextKind kind,
                                bool allow_empty) {
  value = trim(value);
  if (value.empty() && !allow_empty) return Why{"不能为空", "must not be empty"};
  if (count_code_points(value) > max_len) {
    return Why{fmt::format("长度不能超过 {} 个字符", max_len),
               fmt::format("must be at most {} characters long", max_len)};
  }
  if (has_forbidden_control(value, kind)) {
    return Why{"包含不允许的控制字符", "contains control characters"};
  }
  return std::nullopt;
}

Why range_why(std::int64_t min, std::int64_t max) {
  return Why{fmt::format("必须是 {} 到 {} 之间的整数", min, max),
             fmt::format("must be an integer from {} to {}", min, max)};
}

Error field_error(const std::string& name, const Why& why) {
  return invalid_field(name, why.zh, why.en);
}

Error query_error(const std::string& code, const std::string& name, const Why& why) {
  return bad_request(code, "查询参数 " + name + " " + why.zh,
                     "Query parameter '" + name + "' " + why.en, name);
}

Error required_error(const std::string& name) {
  return field_error(name, Why{"为必填项", "is required"});
}

// An integer query parameter; code names the error (invalid_query or invalid_paging).
std::optional<std::int64_t> int_param(const Request& req, const std::string& name,
                                      std::int64_t min, std::int64_t max,
                                      const std::string& code) {
  const auto raw = req.query_param(name);
  if (!raw) return std::nullopt;
  const std::string text = trim(*raw);
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    throw query_error(code, name, range_why(min, max));
  }
  return value;
}

bool is_json_media_type(std::string_view content_type) {
  std::string media = trim(content_type.substr(0, content_type.find(';')));
  std::transform(media.begin(), media.end(), media.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return media == "application/json";
}

}  // namespace

JsonInput::JsonInput(nlohmann::json body) : body_(std::move(body)) {
  if (!body_.is_object()) {
    throw bad_request("invalid_body", "请求体必须是 JSON 对象",
                      "The request body must be a JSON object");
  }
}

JsonInput JsonInput::parse(const Request& req, bool allow_empty) {
  if (const auto type = req.header("Content-Type"); type && !is_json_media_type(*type)) {
    throw Error(ErrorKind::unsupported_media, "unsupported_media_type",
                "请求体必须是 JSON（Content-Type: application/json）",
                "The request body must be JSON (Content-Type: application/json)");
  }
  if (req.body.size() > kMaxJsonBodyBytes) {
    throw Error(ErrorKind::payload_too_large, "body_too_large",
                fmt::format("请求体不能超过 {} 字节", kMaxJsonBodyBytes),
                fmt::format("The request body must not exceed {} bytes", kMaxJsonBodyBytes));
  }
  if (trim(req.body).empty()) {
    if (allow_empty) return JsonInput(nlohmann::json::object());
    throw bad_request("malformed_json", "请求体为空，应为 JSON 对象",
                      "The request body is empty; a JSON object is expected");
  }
  try {
    return JsonInput(nlohmann::json::parse(req.body));
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character; good enough to find it.
    throw bad_request("malformed_json", fmt::format("请求体不是有效的 JSON（第 {} 字节附近）", e.byte),
                      fmt::format("The request body is not valid JSON (near byte {})", e.byte));
  }
}

const nlohmann::json* JsonInput::take(const std::string& name) {
  read_.insert(name);
  const auto it = body_.find(name);
  if (it == body_.end() || it->is_null()) return nullptr;
  return &*it;
}

std::optional<std::string> JsonInput::optional_string(const std::string& name,
                                                      std::size_t max_len, TextKind kind) {
  const auto* v = take(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) throw field_error(name, Why{"必须是字符串", "must be a string"});
  std::string value = v->get<std::string>();
  if (auto why = text_problem(value, max_len, kind, true)) throw field_error(name, *why);
  return value;
}

std::string JsonInput::required_string(const std::string& name, std::size_t max_len,
                                       TextKind kind) {
  auto value = optional_string(name, max_len, kind);
  if (!value) throw required_error(name);
  if (value->empty()) throw field_error(name, Why{"不能为空", "must not be empty"});
  return std::move(*value);
}

std::optional<std::int64_t> JsonInput::optional_int(const std::string& name, std::int64_t min,
                                                    std::int64_t max) {
  const auto* v = take(name);
  if (!v) return std::nullopt;
  std::int64_t value = 0;
  if (v->is_number_unsigned()) {
    // Above INT64_MAX cannot be in range; report the range rather than a type error.
    const auto u = v->get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      throw field_error(name, range_why(min, max));
    }
    value = static_cast<std::int64_t>(u);
  } else if (v->is_number_integer()) {
    value = v->get<std::int64_t>();
  } else {
    throw field_error(name, Why{"必须是整数", "must be an integer"});
  }
  if (value < min || value > max) throw field_error(name, range_why(min, max));
  return value;
}

std::int64_t JsonInput::required_int(const std::string& name, std::int64_t min,
                                     std::int64_t max) {
  const auto value = optional_int(name, min, max);
  if (!value) throw required_error(name);
  return *value;
}

std::optional<bool> JsonInput::optional_bool(const std::string& name) {
  const auto* v = take(name);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) throw field_error(name, Why{"必须是 true 或 false", "must be true or false"});
  return v->get<bool>();
}

bool JsonInput::required_bool(const std::string& name) {
  const auto value = optional_bool(name);
  if (!value) throw required_error(name);
  return *value;
}

std::vector<std::string> JsonInput::string_array(const std::string& name, std::size_t max_items,
                                                 std::size_t max_len) {
  const auto* v = take(name);
  if (!v) throw required_error(name);
  if (!v->is_array()) throw field_error(name, Why{"必须是字符串数组", "must be an array of strings"});
  if (v->size() > max_items) {
    throw field_error(name, Why{fmt::format("最多 {} 项", max_items),
                                fmt::format("must have at most {} items", max_items)});
  }
  std::vector<std::string> out;
  out.reserve(v->size());
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto item_name = fmt::format("{}[{}]", name, i);
    const auto& item = (*v)[i];
    if (!item.is_string()) throw field_error(item_name, Why{"必须是字符串", "must be a string"});
    std::string value = item.get<std::string>();
    if (auto why = text_problem(value, max_len, TextKind::line, false)) {
      throw field_error(item_name, *why);
    }
    out.push_back(std::move(value));
  }
  return out;
}

const nlohmann::json* JsonInput::raw(const std::string& name) { return take(name); }

bool JsonInput::has(const std::string& name) const { return body_.contains(name); }

void JsonInput::finish() const {
  for (const auto& [key, value] : body_.items()) {
    if (!read_.contains(key)) {
      throw bad_request("unknown_field", "未知字段 " + key, "Unknown field '" + key + "'", key);
    }
  }
}

PageRequest parse_paging(const Request& req, const std::vector<std::string>& sortable,
                         const std::string& default_sort) {
  PageRequest page;
  page.page = static_cast<int>(int_param(req, "page", 1, kMaxPage, "invalid_paging").value_or(1));
  page.size =
      static_cast<int>(int_param(req, "size", 1, kMaxPageSize, "invalid_paging").value_or(20));

  std::string sort = trim(req.query_param("sort").value_or(""));
  if (sort.empty()) sort = default_sort;
  page.desc = !sort.empty() && sort.front() == '-';
  page.sort = page.desc ? sort.substr(1) : sort;
  if (!among(sortable, page.sort)) {
    const auto allowed = fmt::format("{}", fmt::join(sortable, ", "));
    throw bad_request("invalid_sort",
                      "排序字段必须是以下之一：" + allowed + "（前加 - 表示降序）",
                      "sort must be one of: " + allowed + " (prefix - for descending)", "sort");
  }
  return page;
}

std::optional<std::string> query_string(const Request& req, const std::string& name,
                                        std::size_t max_len) {
  auto value = req.query_param(name);
  if (!value) return std::nullopt;
  if (auto why = text_problem(*value, max_len, TextKind::line, true)) {
    throw query_error("invalid_query", name, *why);
  }
  if (value->empty()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> query_int(const Request& req, const std::string& name,
                                      std::int64_t min, std::int64_t max) {
  return int_param(req, name, min, max, "invalid_query");
}

std::optional<bool> query_bool(const Request& req, const std::string& name) {
  const auto raw = req.query_param(name);
  if (!raw) return std::nullopt;
  const std::string value = trim(*raw);
  if (value.empty()) return std::nullopt;
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  throw query_error("invalid_query", name, Why{"必须是 true 或 false", "must be true or false"});
}

Response json_response(int status, const nlohmann::json& body) {
  return Response::json(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

nlohmann::json page_json(nlohmann::json items, std::int64_t total, const PageRequest& page) {
  return {{"items", std::move(items)}, {"total", total}, {"page", page.page}, {"size", page.size}};
}

std::int64_t path_id(const Request& req, const std::string& name, std::int64_t min) {
  const auto& s = req.path_param(name);
  std::int64_t id = 0;
  bool ok = !s.empty() && s.size() <= 18;
  for (char ch : s) {
    if (ch < '0' || ch > '9') ok = false;
    else id = id * 10 + (ch - '0');
  }
  if (!ok || id < min)
    throw bad_request("invalid_id", "编号无效: " + s, "Invalid " + name + ": " + s, name);
  return id;
}

}  // namespace ql::http
