#include "schema_check.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

namespace ql::test {
namespace {

using nlohmann::json;

const std::set<std::string_view> kAnnotations = {"description", "default", "title", "example"};
const std::set<std::string_view> kKeywords = {
    "$ref",      "type",     "nullable", "properties", "required", "additionalProperties",
    "items",     "maxItems", "enum",     "minimum",    "maximum",  "minLength",
    "maxLength", "format"};
const std::set<std::string_view> kTypes = {"object", "array", "string", "integer", "number", "boolean"};
constexpr std::string_view kRefPrefix = "#/components/schemas/";

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// "YYYY-MM-DDTHH:MM:SSZ", the one time format the API emits.
bool is_date_time(const std::string& s) {
  constexpr std::string_view shape = "dddd-dd-ddTdd:dd:ddZ";
  if (s.size() != shape.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool ok = shape[i] == 'd' ? std::isdigit(static_cast<unsigned char>(s[i])) != 0 : s[i] == shape[i];
    if (!ok) return false;
  }
  return true;
}

bool has_type(const json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  return false;
}

std::string pointer(const std::string& where) { return where.empty() ? "/" : where; }

class Checker {
 public:
  explicit Checker(const json& document) : document_(document) {}

  void check(const json& value, const json& schema, const std::string& where) {
    if (!schema.is_object()) return fail(where, "schema is not an object");
    if (schema.contains("$ref")) {
      const auto* target = resolve_ref(schema["$ref"].get<std::string>(), document_);
      if (!target) return fail(where, "unresolvable $ref " + schema["$ref"].dump());
      return check(value, *target, where);
    }
    for (const auto& [key, _] : schema.items())
      if (!kKeywords.contains(key) && !kAnnotations.contains(key))
        fail(where, "schema uses unsupported keyword '" + key + "'");

    if (value.is_null()) {
      if (schema.contains("type") && !schema.value("nullable", false)) fail(where, "is null");
      return;
    }
    if (schema.contains("type")) {
      const auto type = schema["type"].get<std::string>();
      if (!has_type(value, type))
        return fail(where, "is " + std::string(value.type_name()) + ", not " + type);
    }
    if (schema.contains("enum")) {
      const auto& allowed = schema["enum"];
      if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
        fail(where, value.dump() + " is not one of " + allowed.dump());
    }
    if (value.is_string()) check_string(value.get<std::string>(), schema, where);
    if (value.is_number()) check_number(value, schema, where);
    if (value.is_array()) check_array(value, schema, where);
    if (value.is_object()) check_object(value, schema, where);
  }

  std::vector<std::string> problems;

 private:
  void fail(const std::string& where, const std::string& what) {
    problems.push_back(pointer(where) + ": " + what);
  }

  void check_string(const std::string& s, const json& schema, const std::string& where) {
    const auto length = code_points(s);
    if (schema.contains("maxLength") && length > schema["maxLength"].get<std::size_t>())
      fail(where,
           "is " + std::to_string(length) + " characters, over maxLength " + schema["maxLength"].dump());
    if (schema.contains("minLength") && length < schema["minLength"].get<std::size_t>())
      fail(where,
           "is " + std::to_string(length) + " characters, under minLength " + schema["minLength"].dump());
    if (schema.contains("format")) {
      if (schema["format"] != "date-time")
        fail(where, "unsupported format " + schema["format"].dump());
      else if (!is_date_time(s))
        fail(where, "\"" + s + "\" is not YYYY-MM-DDTHH:MM:SSZ");
    }
  }

  void check_number(const json& value, const json& schema, const std::string& where) {
    const auto v = value.get<double>();
    if (schema.contains("minimum") && v < schema["minimum"].get<double>())
      fail(where, value.dump() + " is below minimum " + schema["minimum"].dump());
    if (schema.contains("maximum") && v > schema["maximum"].get<double>())
      fail(where, value.dump() + " is above maximum " + schema["maximum"].dump());
  }

  void check_array(const json& value, const json& schema, const std::string& where) {
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<std::size_t>())
      fail(where, std::to_string(value.size()) + " items, over maxItems " + schema["maxItems"].dump());
    if (!schema.contains("items")) return;
    for (std::size_t i = 0; i < value.size(); ++i)
      check(value[i], schema["items"], where + "/" + std::to_string(i));
  }

  void check_object(const json& value, const json& schema, const std::string& where) {
    for (const auto& name : schema.value("required", json::array()))
      if (!value.contains(name.get<std::string>())) fail(where, "lacks required property " + name.dump());
    const auto& props = schema.contains("properties") ? schema["properties"] : json::object();
    const bool closed = schema.value("additionalProperties", true) == false;
    for (const auto& [key, item] : value.items()) {
      if (props.contains(key))
        check(item, props[key], where + "/" + key);
      else if (closed)
        fail(where, "has undocumented property \"" + key + "\"");
    }
  }

  const json& document_;
};

void lint(const json& schema, const json& document, const std::string& where,
          std::vector<std::string>& problems) {
  const auto fail = [&](const std::string& what) { problems.push_back(pointer(where) + ": " + what); };
  if (!schema.is_object()) return fail("schema is not an object");
  if (schema.contains("$ref")) {
    if (!schema["$ref"].is_string() || !resolve_ref(schema["$ref"].get<std::string>(), document))
      fail("unresolvable $ref " + schema["$ref"].dump());
    if (schema.size() > 1) fail("$ref has siblings, which OpenAPI 3.0 ignores");
    return;
  }
  for (const auto& [key, value] : schema.items()) {
    if (kAnnotations.contains(key)) continue;
    if (!kKeywords.contains(key)) fail("unsupported keyword '" + key + "'");
  }
  if (schema.contains("type") &&
      !(schema["type"].is_string() && kTypes.contains(schema["type"].get<std::string>())))
    fail("unsupported type " + schema["type"].dump());
  if (schema.contains("nullable") && !schema.contains("type")) fail("nullable without a type");
  if (schema.contains("format") && schema["format"] != "date-time")
    fail("unsupported format " + schema["format"].dump());
  if (schema.contains("additionalProperties") && !schema["additionalProperties"].is_boolean())
    fail("additionalProperties must be true or false here");
  if (schema.contains("enum") && (!schema["enum"].is_array() || schema["enum"].empty())) fail("empty enum");
  if (schema.contains("required")) {
    for (const auto& name : schema["required"])
      if (!schema.contains("properties") || !schema["properties"].contains(name.get<std::string>()))
        fail("required property " + name.dump() + " is not among the properties");
  }
  if (schema.contains("properties"))
    for (const auto& [key, sub] : schema["properties"].items())
      lint(sub, document, where + "/properties/" + key, problems);
  if (schema.contains("items")) lint(schema["items"], document, where + "/items", problems);
}

}  // namespace

std::vector<std::string> check_schema(const nlohmann::json& value, const nlohmann::json& schema,
                                      const nlohmann::json& document) {
  Checker checker(document);
  checker.check(value, schema, "");
  return std::move(checker.problems);
}

std::vector<std::string> lint_schema(const nlohmann::json& schema, const nlohmann::json& document) {
  std::vector<std::string> problems;
  lint(schema, document, "", problems);
  return problems;
}

const nlohmann::json* resolve_ref(const std::string& ref, const nlohmann::json& document) {
  if (!ref.starts_with(kRefPrefix)) return nullptr;
  const auto name = ref.substr(kRefPrefix.size());
  const auto components = document.find("components");
  if (components == document.end() || !components->contains("schemas")) return nullptr;
  const auto& schemas = (*components)["schemas"];
  const auto it = schemas.find(name);
  return it == schemas.end() ? nullptr : &*it;
}

const nlohmann::json* resolve(const nlohmann::json& schema, const nlohmann::json& document) {
  if (schema.is_object() && schema.contains("$ref") && schema["$ref"].is_string())
    return resolve_ref(schema["$ref"].get<std::string>(), document);
  return &schema;
}

}  // namespace ql::test
