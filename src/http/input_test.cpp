#include "http/input.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "core/error.hpp"

namespace ql::http {
namespace {

Request body_request(std::string body, std::string content_type = "application/json") {
  Request r;
  r.method = Method::POST;
  if (!content_type.empty()) r.headers["Content-Type"] = content_type;
  r.body = std::move(body);
  return r;
}

Request query_request(std::vector<std::pair<std::string, std::string>> query) {
  Request r;
  r.query = std::move(query);
  return r;
}

// Runs fn, expecting a ql::Error; returns it for inspection.
Error error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected ql::Error";
  return Error(ErrorKind::internal, "none", "", "");
}

TEST(Input, ParseChecksContentTypeSizeAndSyntax) {
  EXPECT_NO_THROW(JsonInput::parse(body_request("{}")));
  EXPECT_NO_THROW(JsonInput::parse(body_request("{}", "Application/JSON; charset=UTF-8")));
  EXPECT_NO_THROW(JsonInput::parse(body_request("{}", "")));  // no Content-Type is fine

  auto e = error_of([] { JsonInput::parse(body_request("{}", "text/plain")); });
  EXPECT_EQ(e.http_status(), 415);
  EXPECT_EQ(e.code(), "unsupported_media_type");

  e = error_of([] { JsonInput::parse(body_request("")); });
  EXPECT_EQ(e.code(), "malformed_json");
  EXPECT_NO_THROW(JsonInput::parse(body_request("  "), /*allow_empty=*/true).finish());

  e = error_of([] { JsonInput::parse(body_request(R"({"a": 1,})")); });
  EXPECT_EQ(e.http_status(), 400);
  EXPECT_EQ(e.code(), "malformed_json");
  EXPECT_NE(e.message_en().find("byte 9"), std::string::npos) << e.message_en();
  EXPECT_NE(e.message_zh().find("9"), std::string::npos);

  e = error_of([] { JsonInput::parse(body_request("\"\xff\"")); });  // invalid UTF-8
  EXPECT_EQ(e.code(), "malformed_json");

  e = error_of([] { JsonInput::parse(body_request("[1,2]")); });
  EXPECT_EQ(e.code(), "invalid_body");

  e = error_of([] {
    JsonInput::parse(body_request("{\"a\":\"" + std::string(kMaxJsonBodyBytes, 'x') + "\"}"));
  });
  EXPECT_EQ(e.http_status(), 413);
}

TEST(Input, Strings) {
  auto in = JsonInput::parse(body_request(
      R"({"name":"  张三  ","empty":"  ","long":"一二三四五","ctl":"a\u0001b","nl":"a\nb\tc",)"
      R"("c1":"a\u0085b","num":5,"nul":null})"));
  EXPECT_EQ(in.required_string("name", 2), "张三");  // 2 characters, 6 bytes
  EXPECT_EQ(in.optional_string("empty"), "");
  EXPECT_FALSE(in.optional_string("missing"));
  EXPECT_FALSE(in.optional_string("nul"));
  EXPECT_EQ(in.required_string("nl", 10, TextKind::multiline), "a\nb\tc");

  auto e = error_of([&] { in.required_string("empty"); });
  EXPECT_EQ(e.code(), "invalid_field");
  EXPECT_EQ(e.field(), "empty");
  e = error_of([&] { in.required_string("missing"); });
  EXPECT_EQ(e.field(), "missing");
  EXPECT_NE(e.message_en().find("required"), std::string::npos);
  e = error_of([&] { in.required_string("nul"); });
  EXPECT_EQ(e.field(), "nul");
  e = error_of([&] { in.required_string("long", 4); });
  EXPECT_EQ(e.field(), "long");
  EXPECT_NE(e.message_zh().find("4"), std::string::npos);
  EXPECT_EQ(in.required_string("long", 5), "一二三四五");
  e = error_of([&] { in.required_string("ctl", 10, TextKind::multiline); });
  EXPECT_EQ(e.field(), "ctl");
  e = error_of([&] { in.required_string("nl"); });  // newline in a single-line field
  EXPECT_EQ(e.field(), "nl");
  e = error_of([&] { in.required_string("c1"); });
  EXPECT_EQ(e.field(), "c1");
  e = error_of([&] { in.required_string("num"); });
  EXPECT_EQ(e.field(), "num");
  EXPECT_NE(e.message_en().find("string"), std::string::npos);
}

TEST(Input, Integers) {
  auto in = JsonInput::parse(body_request(
      R"({"a":5,"neg":-3,"big":18446744073709551615,"float":1.0,"str":"1"})"));
  EXPECT_EQ(in.required_int("a", 0, 10), 5);
  EXPECT_EQ(in.optional_int("neg", -5, 0), -3);
  EXPECT_FALSE(in.optional_int("missing", 0, 1));
  EXPECT_EQ(error_of([&] { in.required_int("a", 6, 10); }).field(), "a");
  EXPECT_EQ(error_of([&] { in.required_int("big", 0, 10); }).field(), "big");
  EXPECT_EQ(error_of([&] { in.required_int("float", 0, 10); }).field(), "float");
  EXPECT_EQ(error_of([&] { in.required_int("str", 0, 10); }).field(), "str");
  EXPECT_EQ(error_of([&] { in.required_int("missing", 0, 10); }).field(), "missing");
}

TEST(Input, Booleans) {
  auto in = JsonInput::parse(body_request(R"({"t":true,"f":false,"s":"true","n":1})"));
  EXPECT_TRUE(in.required_bool("t"));
  EXPECT_EQ(in.optional_bool("f"), false);
  EXPECT_FALSE(in.optional_bool("missing"));
  EXPECT_EQ(error_of([&] { in.optional_bool("s"); }).field(), "s");
  EXPECT_EQ(error_of([&] { in.optional_bool("n"); }).field(), "n");
  EXPECT_EQ(error_of([&] { in.required_bool("missing"); }).field(), "missing");
}

TEST(Input, StringArrays) {
  auto in = JsonInput::parse(body_request(
      R"({"p":[" a ","b"],"bad":["a",2],"blank":["a",""],"many":["a","b","c"],"obj":{}})"));
  EXPECT_EQ(in.string_array("p", 5), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(error_of([&] { in.string_array("bad", 5); }).field(), "bad[1]");
  EXPECT_EQ(error_of([&] { in.string_array("blank", 5); }).field(), "blank[1]");
  EXPECT_EQ(error_of([&] { in.string_array("many", 2); }).field(), "many");
  EXPECT_EQ(error_of([&] { in.string_array("obj", 2); }).field(), "obj");
  EXPECT_EQ(error_of([&] { in.string_array("missing", 2); }).field(), "missing");
}

TEST(Input, FinishRejectsUnreadFields) {
  auto in = JsonInput::parse(body_request(R"({"name":"x","extra":1,"nested":{"a":1}})"));
  EXPECT_TRUE(in.has("extra"));
  EXPECT_FALSE(in.has("nope"));
  in.required_string("name");
  auto e = error_of([&] { in.finish(); });
  EXPECT_EQ(e.code(), "unknown_field");
  EXPECT_EQ(e.field(), "extra");  // has() does not count as reading
  in.optional_int("extra", 0, 5);
  EXPECT_EQ(error_of([&] { in.finish(); }).field(), "nested");
  const auto* nested = in.raw("nested");
  ASSERT_TRUE(nested);
  EXPECT_EQ((*nested)["a"], 1);
  EXPECT_NO_THROW(in.finish());
}

TEST(Input, Paging) {
  auto p = parse_paging(query_request({}), {"name", "created_at"}, "-created_at");
  EXPECT_EQ(p.page, 1);
  EXPECT_EQ(p.size, 20);
  EXPECT_EQ(p.sort, "created_at");
  EXPECT_TRUE(p.desc);
  EXPECT_EQ(p.offset(), 0);

  p = parse_paging(query_request({{"page", "3"}, {"size", "50"}, {"sort", "name"}}),
                   {"name", "created_at"}, "-created_at");
  EXPECT_EQ(p.page, 3);
  EXPECT_EQ(p.size, 50);
  EXPECT_EQ(p.sort, "name");
  EXPECT_FALSE(p.desc);
  EXPECT_EQ(p.offset(), 100);

  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"page", "0"}, {"page", "x"}, {"page", "2.5"}, {"page", "99999999999"},
           {"size", "0"}, {"size", "201"}, {"size", "-1"}}) {
    const auto e = error_of([&] { parse_paging(query_request({{key, value}}), {"name"}, "name"); });
    EXPECT_EQ(e.code(), "invalid_paging") << key << "=" << value;
    EXPECT_EQ(e.field(), key);
  }
  const auto e = error_of(
      [] { parse_paging(query_request({{"sort", "-password"}}), {"name", "code"}, "name"); });
  EXPECT_EQ(e.code(), "invalid_sort");
  EXPECT_EQ(e.field(), "sort");
  EXPECT_NE(e.message_en().find("name, code"), std::string::npos);
  EXPECT_NE(e.message_zh().find("name, code"), std::string::npos);
}

TEST(Input, QueryHelpers) {
  const auto req = query_request({{"q", "  张 "}, {"empty", ""}, {"n", "42"}, {"bad", "4x"},
                                  {"t", "true"}, {"z", "0"}, {"b", "yes"}, {"ctl", "a\nb"}});
  EXPECT_EQ(query_string(req, "q"), "张");
  EXPECT_FALSE(query_string(req, "empty"));
  EXPECT_FALSE(query_string(req, "missing"));
  EXPECT_EQ(error_of([&] { query_string(req, "ctl"); }).code(), "invalid_query");
  EXPECT_EQ(error_of([&] { query_string(req, "n", 1); }).field(), "n");
  EXPECT_EQ(query_int(req, "n", 0, 100), 42);
  EXPECT_FALSE(query_int(req, "empty", 0, 100));
  auto e = error_of([&] { query_int(req, "bad", 0, 100); });
  EXPECT_EQ(e.code(), "invalid_query");
  EXPECT_EQ(e.field(), "bad");
  EXPECT_EQ(error_of([&] { query_int(req, "n", 0, 10); }).field(), "n");
  EXPECT_EQ(query_bool(req, "t"), true);
  EXPECT_EQ(query_bool(req, "z"), false);
  EXPECT_FALSE(query_bool(req, "missing"));
  EXPECT_EQ(error_of([&] { query_bool(req, "b"); }).field(), "b");
}

TEST(Input, JsonResponses) {
  const auto r = json_response(201, {{"a", 1}, {"bad", "x\xff"}});
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.headers.at("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(r.body, "{\"a\":1,\"bad\":\"x\xEF\xBF\xBD\"}");  // replaced, not thrown

  PageRequest page;
  page.page = 2;
  page.size = 10;
  EXPECT_EQ(page_json(nlohmann::json::array({1, 2}), 12, page),
            (nlohmann::json{{"items", {1, 2}}, {"total", 12}, {"page", 2}, {"size", 10}}));
}

}  // namespace
}  // namespace ql::http
