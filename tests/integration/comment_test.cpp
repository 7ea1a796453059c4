// Residents' questions and comments end to end, on whichever backend QL_TEST_BACKEND names: the
// no-JavaScript form on a publication's page, its rate limits, moderation by the community's
// supervisor, public answers by the clerk, and data scope.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "api_fixture.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "disclosure/comment.hpp"

namespace ql::test {
namespace {

using http::Method;
using nlohmann::json;
constexpr const char* kHefeng = "339902001001";
constexpr const char* kZhuxi = "339902001002";

bool has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// application/x-www-form-urlencoded, as a browser encodes a form.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    for (const auto* s : {&k, &v}) {
      for (unsigned char ch : *s) {
        if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') out += static_cast<char>(ch);
        else if (ch == ' ') out += '+';
        else {
          out += '%';
          out += hex[ch >> 4];
          out += hex[ch & 15];
        }
      }
      if (s == &k) out += '=';
    }
  }
  return out;
}

class Comments : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    set_clock_for_testing([this] { return clock_; });
    clerk_ = login("hefeng.clerk");
    auto r = post("/api/v1/disclosures",
                  {{"region", kHefeng}, {"category", "finance"}, {"stage", "after"}, {"title", "2026年第三季度财务收支"},
                   {"body", "租金收入 12,000.00 元"}},
                  clerk_);
    ASSERT_EQ(r.status, 201) << r.raw.body;
    id_ = std::to_string(r.json["id"].get<std::int64_t>());
    ASSERT_EQ(call(Method::POST, "/api/v1/disclosures/" + id_ + "/publish", "", clerk_).status, 200);
    page_ = std::string("/p/") + kHefeng + "/d/" + id_;
  }

  // A request from client address ip, as the server would hand it to the router.
  http::Response send(Method m, const std::string& target, const std::string& body, const std::string& ip,
                      http::Headers headers = {}) {
    http::Request req;
    req.method = m;
    req.target = target;
    EXPECT_TRUE(http::parse_target(target, req.path, req.query)) << target;
    req.headers = std::move(headers);
    if (!body.empty() && !req.headers.count("Content-Type"))
      req.headers["Content-Type"] = "application/x-www-form-urlencoded";
    req.body = body;
    req.remote_ip = ip;
    auto r = app_->handle(req);
    if (r.shared_body) r.body = std::string(r.content());  // the bytes a client receives
    return r;
  }

  std::string token_of(const std::string& html) {
    std::smatch m;
    EXPECT_TRUE(std::regex_search(html, m, std::regex("name=\"form_token\" value=\"([^\"]+)\""))) << html;
    return m.size() > 1 ? m[1].str() : "";
  }

  // Loads the page (as a browser would) and posts its form.
  http::Response submit(const std::string& body, const std::string& ip = "203.0.113.10",
                        const std::string& kind = "question", const std::string& name = "王大爷",
                        std::vector<std::pair<std::string, std::string>> extra = {}, http::Headers headers = {}) {
    const auto page = send(Method::GET, page_, "", ip);
    EXPECT_EQ(page.status, 200) << page.body;
    std::vector<std::pair<std::string, std::string>> fields = {
        {"form_token", token_of(page.body)}, {"kind", kind}, {"body", body}, {"name", name}};
    for (auto& f : extra) fields.push_back(std::move(f));
    return send(Method::POST, page_ + "/comments", form_encode(fields), ip, std::move(headers));
  }

  std::int64_t last_comment_id() {
    auto c = connect();
    return std::stoll(*c->scalar("SELECT MAX(id) FROM disclosure_comment"));
  }

  TimePoint clock_ = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  std::string clerk_, id_, page_;
};

TEST_F(Comments, PublicPageLinksEachPublicationToItsOwnPage) {
  const auto r = send(Method::GET, std::string("/p/") + kHefeng, "", "203.0.113.1");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(has(r.body, "href=\"" + page_ + "\"")) << r.body;
  const auto d = send(Method::GET, page_, "", "203.0.113.1");
  ASSERT_EQ(d.status, 200);
  EXPECT_TRUE(has(d.body, "2026年第三季度财务收支"));
  EXPECT_TRUE(has(d.body, "<form method=\"post\" action=\"" + page_ + "/comments\""));
  EXPECT_TRUE(has(d.headers.at("Content-Security-Policy"), "form-action 'self'"));
  EXPECT_FALSE(has(d.body, "<script"));
  // Large text and English keep their mode in the form and in the links.
  const auto large = send(Method::GET, page_ + "?large=1&lang=en", "", "203.0.113.1");
  EXPECT_TRUE(has(large.body, "<html lang=\"en\" class=\"large\""));
  EXPECT_TRUE(has(large.body, "name=\"large\" value=\"1\""));
  EXPECT_TRUE(has(large.body, "Ask a question or leave a comment"));
  // Drafts, other communities' ids and nonsense are a 404 page.
  auto draft = post("/api/v1/disclosures",
                    {{"region", kHefeng}, {"category", "party"}, {"stage", "before"}, {"title", "草稿"}, {"body", "草稿"}},
                    clerk_);
  EXPECT_EQ(send(Method::GET, std::string("/p/") + kHefeng + "/d/" + draft.json["id"].dump(), "", "x").status, 404);
  EXPECT_EQ(send(Method::GET, std::string("/p/") + kZhuxi + "/d/" + id_, "", "x").status, 404);
  EXPECT_EQ(send(Method::GET, std::string("/p/") + kHefeng + "/d/abc", "", "x").status, 404);
}

TEST_F(Comments, SubmitRedirectsAndStaysHiddenUntilApproved) {
  const auto r = submit("垃圾清运费为什么比去年多?\r\n请说明明细。");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.headers.at("Location"), page_ + "?sent=1");
  EXPECT_TRUE(r.body.empty());
  const auto confirmation = send(Method::GET, r.headers.at("Location"), "", "203.0.113.10");
  EXPECT_TRUE(has(confirmation.body, "已提交，审核后公开"));
  EXPECT_FALSE(has(confirmation.body, "垃圾清运费")) << "pending comments are never shown";

  auto c = connect();
  const auto row = c->query("SELECT kind, body, author, status, client_hash FROM disclosure_comment").front();
  EXPECT_EQ(row.get<std::string>(0), "question");
  EXPECT_EQ(row.get<std::string>(1), "垃圾清运费为什么比去年多?\n请说明明细。");  // CRLF from the form folded to LF
  EXPECT_EQ(row.get<std::string>(2), "王大爷");
  EXPECT_EQ(row.get<std::string>(3), "pending");
  const auto hash = row.get<std::string>(4);
  EXPECT_TRUE(std::regex_match(hash, std::regex("[0-9a-f]{64}")));
  EXPECT_NE(hash, crypto::sha256_hex("203.0.113.10")) << "salted, not a bare hash of the address";

  // Anonymous drops the name even when one was typed.
  ASSERT_EQ(submit("第二个问题", "203.0.113.11", "comment", "李四", {{"anonymous", "1"}}).status, 303);
  EXPECT_EQ(*c->scalar("SELECT author FROM disclosure_comment WHERE id = $1", {last_comment_id()}), "");
}

TEST_F(Comments, InvalidInputReRendersTheFormWithTheMessage) {
  auto r = submit("短", "203.0.113.20", "question", "张三");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(has(r.headers.at("Content-Type"), "text/html"));
  EXPECT_TRUE(has(r.body, "role=\"alert\"")) << r.body;
  EXPECT_TRUE(has(r.body, "内容长度须为 2 到 500 个字符")) << "the form's label, not the field name";
  EXPECT_TRUE(has(r.body, "value=\"张三\"")) << "what the resident typed is kept";
  r = submit("种类不对的留言", "203.0.113.20", "praise");
  EXPECT_EQ(r.status, 400);
  r = submit(std::string(501, 'x'), "203.0.113.20");
  EXPECT_EQ(r.status, 400);
  r = submit("名字太长的留言", "203.0.113.20", "comment", std::string(21, 'n'));
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(has(r.body, "name=\"name\" class=\" invalid\"")) << r.body;
  // English through the form's lang field.
  r = submit("x", "203.0.113.20", "question", "", {{"lang", "en"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(has(r.body, "The text must be 2 to 500 characters long")) << r.body;
  EXPECT_EQ(count("disclosure_comment"), 0);

  // HTML in the text is shown as text, newlines kept (approved below through the API).
  ASSERT_EQ(submit("<script>alert(1)</script>\n第二行", "203.0.113.21").status, 303);
  const auto sup = login("hefeng.supervisor");
  ASSERT_EQ(call(Method::POST, "/api/v1/disclosure/comments/" + std::to_string(last_comment_id()) + "/approve", "", sup)
                .status,
            200);
  const auto page = send(Method::GET, page_, "", "203.0.113.21").body;
  EXPECT_TRUE(has(page, "&lt;script&gt;alert(1)&lt;/script&gt;\n第二行")) << page;
  EXPECT_FALSE(has(page, "<script>"));
}

TEST_F(Comments, FormTokenAndOriginAreChecked) {
  const auto page = send(Method::GET, page_, "", "203.0.113.30");
  const auto token = token_of(page.body);
  const auto post_with = [&](const std::string& t, http::Headers h = {}) {
    return send(Method::POST, page_ + "/comments", form_encode({{"form_token", t}, {"kind", "comment"}, {"body", "你好你好"}}),
                "203.0.113.30", std::move(h));
  };
  EXPECT_EQ(post_with("").status, 403);
  EXPECT_EQ(post_with(token + "x").status, 403);
  EXPECT_EQ(post_with("123." + token.substr(token.find('.') + 1)).status, 403);
  EXPECT_EQ(post_with(token, {{"Origin", "https://evil.example"}, {"Host", "qinglian.example"}}).status, 403);
  // Another publication's token does not fit this one.
  disclosure::CommentKeys keys = disclosure::CommentKeys::from_log(app_->log_identity());
  EXPECT_EQ(post_with(keys.form_token(std::stoll(id_) + 1, now())).status, 403);
  // Twelve hours later the page must be loaded again.
  clock_ += std::chrono::hours(13);
  EXPECT_EQ(post_with(token).status, 403);
  clock_ -= std::chrono::hours(13);
  EXPECT_EQ(post_with(token, {{"Origin", "http://qinglian.example"}, {"Host", "qinglian.example"}}).status, 303);
  EXPECT_EQ(post_with(token).status, 303);
  // Not a form post at all.
  EXPECT_EQ(send(Method::POST, page_ + "/comments", "{}", "203.0.113.30", {{"Content-Type", "application/json"}}).status,
            415);
  EXPECT_EQ(count("disclosure_comment"), 2);
}

TEST_F(Comments, RateLimitedPerClientAndPerPublication) {
  for (int i = 0; i < 5; ++i) ASSERT_EQ(submit("第 " + std::to_string(i) + " 条留言", "198.51.100.7").status, 303) << i;
  auto r = submit("第六条留言", "198.51.100.7");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.headers.at("Retry-After"), "600");
  EXPECT_TRUE(has(r.body, "10 分钟内最多 5 条")) << r.body;
  EXPECT_TRUE(has(r.body, "第六条留言")) << "the text is kept for a later try";
  // Another client is not affected; the first may go on after the window.
  EXPECT_EQ(submit("另一位居民的留言", "198.51.100.8").status, 303);
  for (int round = 1; round < 4; ++round) {
    clock_ += std::chrono::minutes(11);
    for (int i = 0; i < 5; ++i) ASSERT_EQ(submit("又一条留言 " + std::to_string(i), "198.51.100.7").status, 303);
  }
  clock_ += std::chrono::minutes(11);
  r = submit("一天第二十一条", "198.51.100.7");
  EXPECT_EQ(r.status, 429);
  EXPECT_TRUE(has(r.body, "每天 20 条")) << r.body;
  clock_ += std::chrono::hours(24);
  EXPECT_EQ(submit("第二天的留言", "198.51.100.7").status, 303);

  // All clients together: at most 100 a day for one publication.
  clock_ += std::chrono::hours(25);
  for (int i = 0; i < 100; ++i)
    ASSERT_EQ(submit("很多人的留言", "192.0.2." + std::to_string(i)).status, 303) << i;
  r = submit("第一百零一条", "192.0.2.200");
  EXPECT_EQ(r.status, 429);
  EXPECT_TRUE(has(r.body, "这条公开内容今天收到的留言已达上限")) << r.body;
}

TEST_F(Comments, ForwardedForCountsOnlyBehindATrustedProxy) {
  // Untrusted peer: X-Forwarded-For is ignored, so every post counts for the peer.
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(submit("代理前的留言", "10.0.0.1", "comment", "", {}, {{"X-Forwarded-For", "198.51.100." + std::to_string(i)}})
                  .status,
              303);
  EXPECT_EQ(submit("代理前的留言", "10.0.0.1", "comment", "", {}, {{"X-Forwarded-For", "198.51.100.99"}}).status, 429);
  // The same requests through a configured proxy are separate residents.
  auto opts = test_app_options(*db_);
  opts.api.trusted_proxies = {"10.0.0.1"};
  app_ = std::make_unique<http::App>(opts);
  EXPECT_EQ(submit("代理后的留言", "10.0.0.1", "comment", "", {}, {{"X-Forwarded-For", "198.51.100.99"}}).status, 303);
  EXPECT_EQ(submit("代理后的留言", "10.0.0.1", "comment", "", {}, {{"X-Forwarded-For", "1.2.3.4, 198.51.100.98"}}).status,
            303);
}

TEST_F(Comments, ModeratedByTheCommunitysSupervisorAndAnsweredPublicly) {
  ASSERT_EQ(submit("健身器材什么时候修?").status, 303);
  const auto question = std::to_string(last_comment_id());
  ASSERT_EQ(submit("希望多公开维修记录", "203.0.113.41", "comment").status, 303);
  const auto comment = std::to_string(last_comment_id());
  ASSERT_EQ(submit("广告广告广告", "203.0.113.42", "comment").status, 303);
  const auto spam = std::to_string(last_comment_id());

  const auto sup = login("hefeng.supervisor"), other = login("zhuxi.supervisor");
  auto list = get("/api/v1/disclosure/comments?status=pending&region=" + std::string(kHefeng), sup);
  ASSERT_EQ(list.status, 200) << list.raw.body;
  EXPECT_EQ(list.json["total"], 3);
  EXPECT_FALSE(list.json["items"][0].contains("client_hash"));
  // Another community's supervisor sees none of it and may touch none of it.
  EXPECT_EQ(get("/api/v1/disclosure/comments", other).json["total"], 0);
  EXPECT_EQ(get("/api/v1/disclosure/comments?region=" + std::string(kHefeng), other).status, 403);
  EXPECT_EQ(call(Method::POST, "/api/v1/disclosure/comments/" + question + "/approve", "", other).status, 403);
  EXPECT_EQ(post("/api/v1/disclosure/comments/" + question + "/reject", {{"reason", "无关内容"}}, other).status, 403);
  // Roles: the clerk answers but does not moderate; the supervisor moderates but does not answer;
  // a resident does neither and lists nothing.
  EXPECT_EQ(call(Method::POST, "/api/v1/disclosure/comments/" + question + "/approve", "", clerk_).status, 403);
  EXPECT_EQ(get("/api/v1/disclosure/comments", login("hefeng.resident")).status, 403);
  EXPECT_EQ(get("/api/v1/disclosure/comments", clerk_).json["total"], 3);
  // Nothing is answered before it is approved.
  EXPECT_EQ(post("/api/v1/disclosure/comments/" + question + "/answer", {{"answer", "下周一维修"}}, clerk_).status, 409);

  auto r = call(Method::POST, "/api/v1/disclosure/comments/" + question + "/approve", "", sup);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  EXPECT_EQ(r.json["status"], "approved");
  EXPECT_EQ(r.json["moderated_by"], "hefeng.supervisor");
  EXPECT_EQ(call(Method::POST, "/api/v1/disclosure/comments/" + question + "/approve", "", sup).status, 409);
  ASSERT_EQ(call(Method::POST, "/api/v1/disclosure/comments/" + comment + "/approve", "", sup).status, 200);
  r = post("/api/v1/disclosure/comments/" + spam + "/reject", {{"reason", "广告"}}, sup);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  EXPECT_EQ(r.json["reject_reason"], "广告");
  EXPECT_EQ(post("/api/v1/disclosure/comments/" + question + "/answer", {{"answer", "已安排"}}, sup).status, 403);
  r = post("/api/v1/disclosure/comments/" + question + "/answer", {{"answer", "已报修,\n下周一维修完成。"}}, clerk_);
  ASSERT_EQ(r.status, 200) << r.raw.body;
  EXPECT_EQ(r.json["answered_by"], "hefeng.clerk");

  const auto page = send(Method::GET, page_, "", "203.0.113.40").body;
  EXPECT_TRUE(has(page, "健身器材什么时候修?"));
  EXPECT_TRUE(has(page, "已报修,\n下周一维修完成。"));
  EXPECT_TRUE(has(page, "希望多公开维修记录"));
  EXPECT_FALSE(has(page, "广告广告广告")) << "rejected comments never show";

  // Filters and the operation log (written in the same transaction as each change).
  EXPECT_EQ(get("/api/v1/disclosure/comments?answered=true", sup).json["total"], 1);
  EXPECT_EQ(get("/api/v1/disclosure/comments?status=rejected&disclosure_id=" + id_, sup).json["total"], 1);
  EXPECT_EQ(get("/api/v1/disclosure/comments?kind=question&sort=status", clerk_).json["total"], 1);
  auto c = connect();
  EXPECT_EQ(*c->scalar("SELECT COUNT(*) FROM op_log WHERE object_type = 'disclosure_comment'"), "4");
  EXPECT_EQ(*c->scalar("SELECT COUNT(*) FROM op_log WHERE object_type = 'disclosure_comment' AND "
                       "action = 'answer' AND object_id = $1 AND region_code = $2",
                       {question, std::string(kHefeng)}),
            "1");
  // Taking an approved comment down hides it again.
  ASSERT_EQ(post("/api/v1/disclosure/comments/" + comment + "/reject", {{"reason", "含个人信息"}}, sup).status, 200);
  EXPECT_FALSE(has(send(Method::GET, page_, "", "203.0.113.40").body, "希望多公开维修记录"));
}

TEST_F(Comments, CorrectedAndWithdrawnPublicationsTakeNoComments) {
  const auto page = send(Method::GET, page_, "", "203.0.113.50");
  const auto token = token_of(page.body);
  auto r = post("/api/v1/disclosures/" + id_ + "/correct",
                {{"category", "finance"}, {"stage", "after"}, {"title", "更正后的财务收支"}, {"body", "租金 12,500.00 元"}},
                clerk_);
  ASSERT_EQ(r.status, 201) << r.raw.body;
  const auto corrected = std::to_string(r.json["disclosure"]["id"].get<std::int64_t>());
  const auto old = send(Method::GET, page_, "", "203.0.113.50");
  EXPECT_EQ(old.status, 200);
  EXPECT_TRUE(has(old.body, "href=\"/p/" + std::string(kHefeng) + "/d/" + corrected + "\"")) << old.body;
  EXPECT_FALSE(has(old.body, "<form"));
  auto sent = send(Method::POST, page_ + "/comments", form_encode({{"form_token", token}, {"kind", "comment"}, {"body", "旧的"}}),
                   "203.0.113.50");
  EXPECT_EQ(sent.status, 409);
  ASSERT_EQ(post("/api/v1/disclosures/" + corrected + "/withdraw", {{"reason", "重复发布"}}, clerk_).status, 200);
  const auto withdrawn = send(Method::GET, std::string("/p/") + kHefeng + "/d/" + corrected, "", "203.0.113.50");
  EXPECT_TRUE(has(withdrawn.body, "重复发布"));
  EXPECT_FALSE(has(withdrawn.body, "<form"));
  EXPECT_EQ(count("disclosure_comment"), 0);
}

}  // namespace
}  // namespace ql::test
