#include "http/message.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ql::http {
namespace {

Request with_header(const std::string& name, const std::string& value) {
  Request r;
  r.headers[name] = value;
  return r;
}

TEST(Message, MethodRoundTrip) {
  for (Method m : {Method::GET, Method::HEAD, Method::POST, Method::PUT, Method::PATCH,
                   Method::DELETE, Method::OPTIONS}) {
    EXPECT_EQ(parse_method(to_string(m)), m);
  }
  EXPECT_EQ(parse_method("get"), Method::OTHER);  // method tokens are case-sensitive
  EXPECT_EQ(parse_method("PROPFIND"), Method::OTHER);
  EXPECT_EQ(to_string(Method::OTHER), "OTHER");
}

TEST(Message, ReasonPhrases) {
  EXPECT_EQ(reason_phrase(200), "OK");
  EXPECT_EQ(reason_phrase(413), "Content Too Large");
  EXPECT_EQ(reason_phrase(423), "Locked");
  EXPECT_EQ(reason_phrase(599), "Unknown");
}

TEST(Message, HeadersAreCaseInsensitive) {
  Request r;
  r.headers["Content-Type"] = "application/json";
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("CONTENT-TYPE"), "application/json");
  EXPECT_FALSE(r.header("Content-Length"));
  r.headers["content-type"] = "text/plain";  // same key
  EXPECT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.header("Content-Type"), "text/plain");
}

TEST(Message, QueryParamReturnsFirstValue) {
  Request r;
  r.query = {{"a", "1"}, {"b", ""}, {"a", "2"}};
  EXPECT_EQ(r.query_param("a"), "1");
  EXPECT_EQ(r.query_param("b"), "");
  EXPECT_FALSE(r.query_param("c"));
}

TEST(Message, Cookies) {
  const auto r = with_header("Cookie", "theme=dark; ql_session=abc.def ;  x=\"quoted\"; flag");
  EXPECT_EQ(r.cookie("ql_session"), "abc.def");
  EXPECT_EQ(r.cookie("theme"), "dark");
  EXPECT_EQ(r.cookie("x"), "quoted");
  EXPECT_FALSE(r.cookie("flag"));
  EXPECT_FALSE(r.cookie("ql"));
  EXPECT_FALSE(Request{}.cookie("ql_session"));
}

TEST(Message, PrefersEnglish) {
  EXPECT_FALSE(Request{}.prefers_english());
  EXPECT_TRUE(with_header("Accept-Language", "en").prefers_english());
  EXPECT_TRUE(with_header("Accept-Language", "en-US,en;q=0.9").prefers_english());
  EXPECT_TRUE(with_header("Accept-Language", "EN-gb").prefers_english());
  EXPECT_FALSE(with_header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8").prefers_english());
  EXPECT_TRUE(with_header("Accept-Language", "zh-CN;q=0.5, en;q=0.8").prefers_english());
  // Equal q: the earlier entry wins.
  EXPECT_FALSE(with_header("Accept-Language", "zh, en").prefers_english());
  EXPECT_TRUE(with_header("Accept-Language", "en, zh").prefers_english());
  // q=0 means "not acceptable"; malformed q never wins.
  EXPECT_FALSE(with_header("Accept-Language", "en;q=0, zh;q=0.1").prefers_english());
  EXPECT_FALSE(with_header("Accept-Language", "en;q=abc, zh;q=0.1").prefers_english());
  EXPECT_FALSE(with_header("Accept-Language", "eo, en;q=0.5").prefers_english());
  EXPECT_FALSE(with_header("Accept-Language", "*").prefers_english());
  EXPECT_FALSE(with_header("Accept-Language", "").prefers_english());
}

TEST(Message, AcceptsGzip) {
  EXPECT_FALSE(Request{}.accepts_gzip());
  EXPECT_TRUE(with_header("Accept-Encoding", "gzip, deflate, br").accepts_gzip());  // WeChat, Chrome
  EXPECT_TRUE(with_header("Accept-Encoding", "GZIP").accepts_gzip());
  EXPECT_TRUE(with_header("Accept-Encoding", "x-gzip;q=0.5").accepts_gzip());
  EXPECT_TRUE(with_header("Accept-Encoding", "*").accepts_gzip());
  EXPECT_FALSE(with_header("Accept-Encoding", "gzip;q=0").accepts_gzip());
  EXPECT_FALSE(with_header("Accept-Encoding", "gzip;q=0, *").accepts_gzip());  // explicit wins over *
  EXPECT_FALSE(with_header("Accept-Encoding", "identity").accepts_gzip());
  EXPECT_FALSE(with_header("Accept-Encoding", "br, deflate").accepts_gzip());
  EXPECT_FALSE(with_header("Accept-Encoding", "gzip;q=x").accepts_gzip());  // malformed weight
  EXPECT_FALSE(with_header("Accept-Encoding", "").accepts_gzip());
}

TEST(Message, PathParamThrowsInternalWhenAbsent) {
  Request r;
  r.path_params["id"] = "42";
  EXPECT_EQ(r.path_param("id"), "42");
  try {
    r.path_param("code");
    FAIL() << "expected ql::Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::internal);
  }
}

TEST(Message, ResponseBuilders) {
  const auto j = Response::json(201, "{}");
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.headers.at("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(j.body, "{}");
  const auto t = Response::text(200, "ok");
  EXPECT_EQ(t.headers.at("Content-Type"), "text/plain; charset=utf-8");
  const auto n = Response::no_content();
  EXPECT_EQ(n.status, 204);
  EXPECT_TRUE(n.body.empty());
}

TEST(Message, PercentDecode) {
  bool ok = false;
  EXPECT_EQ(percent_decode("a%20b+c", false, ok), "a b+c");
  EXPECT_TRUE(ok);
  EXPECT_EQ(percent_decode("a%20b+c", true, ok), "a b c");
  EXPECT_TRUE(ok);
  EXPECT_EQ(percent_decode("%E4%B8%AD%e6%96%87", false, ok), "中文");
  EXPECT_TRUE(ok);
  for (const char* bad : {"%", "%4", "%zz", "a%g0", "%00", "x%0"}) {
    percent_decode(bad, false, ok);
    EXPECT_FALSE(ok) << bad;
  }
  percent_decode(std::string_view("a\0b", 3), false, ok);
  EXPECT_FALSE(ok);
}

TEST(Message, ParseTarget) {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  ASSERT_TRUE(parse_target("/api/v1/users?page=2&q=%E5%BC%A0+san&flag&&empty=#frag", path, query));
  EXPECT_EQ(path, "/api/v1/users");
  using Q = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(query, (Q{{"page", "2"}, {"q", "张 san"}, {"flag", ""}, {"empty", ""}}));

  ASSERT_TRUE(parse_target("/a%20b/c+d", path, query));
  EXPECT_EQ(path, "/a b/c+d");  // '+' is literal in a path
  EXPECT_TRUE(query.empty());

  ASSERT_TRUE(parse_target("/", path, query));
  EXPECT_EQ(path, "/");
}

TEST(Message, ParseTargetRejectsMalformed) {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  for (const char* bad : {"", "*", "http://example.com/", "api/v1", "/a%zz", "/a%00b",
                          "/a%0Ab", "/a%FFb", "/a%C0%AF", "/ok?x=%ZZ", "/ok?x=%00", "/ok?%FF=1"}) {
    EXPECT_FALSE(parse_target(bad, path, query)) << bad;
  }
  // A control character is fine in a query value (e.g. multi-line search) but not NUL.
  EXPECT_TRUE(parse_target("/ok?x=a%0Ab", path, query));
}

}  // namespace
}  // namespace ql::http
