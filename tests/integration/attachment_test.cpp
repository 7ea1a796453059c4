// Publication attachments end to end on whichever backend QL_TEST_BACKEND names: blobs through
// the store layer, upload validation, dedupe, freezing, the log entry, public download, the
// resident page, corrections and tamper detection by `log verify`.
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "attachment_samples.hpp"
#include "core/crypto.hpp"
#include "disclosure/attachment.hpp"
#include "disclosure/log_verify.hpp"

namespace ql::test {
namespace {

using http::Method;
constexpr const char* kHefeng = "339902001001";
constexpr const char* kZhuxi = "339902001002";

class AttachmentApi : public ApiTest {
 protected:
  std::string draft(const std::string& token, const std::string& region = kHefeng) {
    auto r = post("/api/v1/disclosures",
                  {{"region", region}, {"category", "finance"}, {"stage", "after"}, {"title", "工程款支付"},
                   {"body", "见附件"}},
                  token);
    EXPECT_EQ(r.status, 201) << r.raw.body;
    return r.json["id"].dump();
  }
  ApiResult upload(const std::string& id, const std::string& filename, const std::string& content,
                   const std::string& token, const std::string& type = "") {
    http::Headers h;
    if (!type.empty()) h["Content-Type"] = type;
    else h["Content-Type"] = "application/octet-stream";
    return call(Method::POST, "/api/v1/disclosures/" + id + "/attachments?filename=" + filename, content, token, h);
  }
  disclosure::VerifyReport verify() {
    auto c = connect();
    return disclosure::verify_log(*c, app_->log_identity().signer.verifier());
  }
};

TEST_F(AttachmentApi, BlobsRoundTripEveryByteOnBothBackends) {
  std::string every;
  for (int i = 0; i < 256; ++i) every += static_cast<char>(i);
  every += every;  // NULs in the middle, invalid UTF-8 everywhere
  auto c = connect();
  c->query("INSERT INTO attachment_blob (sha256, size, content, created_at) VALUES ($1, $2, $3, $4)",
           {std::string("a"), std::int64_t{512}, store::Blob{every}, std::string("2026-11-21T00:00:00Z")});
  EXPECT_EQ(c->query("SELECT content FROM attachment_blob WHERE sha256 = 'a'").front().get<std::string>(0), every);
  // Bound as a blob, compared by the database: the bytes arrived unchanged, not as text.
  EXPECT_EQ(*c->scalar("SELECT COUNT(*) FROM attachment_blob WHERE content = $1", {store::Blob{every}}), "1");
  EXPECT_EQ(*c->scalar("SELECT LENGTH(content) FROM attachment_blob WHERE sha256 = 'a'"), "512");
  // The bulk path (COPY on PostgreSQL) carries blobs too.
  store::with_transaction(*c, [&](store::Connection& tx) {
    auto w = tx.bulk_writer("attachment_blob", {"sha256", "size", "content", "created_at"});
    w->add_row({std::string("b"), std::int64_t{512}, store::Blob{every}, std::string("2026-11-21T00:00:00Z")});
    w->add_row({std::string("c"), std::int64_t{0}, store::Blob{""}, std::string("2026-11-21T00:00:00Z")});
    EXPECT_EQ(w->finish(), 2);
  });
  EXPECT_EQ(c->query("SELECT content FROM attachment_blob WHERE sha256 = 'b'").front().get<std::string>(0), every);
  EXPECT_EQ(c->query("SELECT content FROM attachment_blob WHERE sha256 = 'c'").front().get<std::string>(0), "");
}

TEST_F(AttachmentApi, UploadValidatesByContentAndScope) {
  auto clerk = login("hefeng.clerk");
  auto id = draft(clerk);
  // Content decides; a declared type must agree (octet-stream and none are fine).
  auto bad = upload(id, "x.png", "<html><script>alert(1)</script>", clerk, "image/png");
  EXPECT_EQ(bad.status, 415);
  EXPECT_EQ(bad.error_code(), "unsupported_attachment_type");
  EXPECT_EQ(bad.json["error"]["field"], "file");
  auto mismatch = upload(id, "x.pdf", kPngFile, clerk, "application/pdf");
  EXPECT_EQ(mismatch.status, 415);
  EXPECT_EQ(mismatch.json["error"]["field"], "Content-Type");
  EXPECT_EQ(upload(id, "x", std::string(), clerk).json["error"]["field"], "file");
  auto big = upload(id, "big.pdf", "%PDF-" + std::string(disclosure::kMaxAttachmentBytes, ' '), clerk);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(big.error_code(), "attachment_too_large");
  EXPECT_EQ(upload(id, "", kPngFile, clerk).json["error"]["field"], "filename");
  EXPECT_EQ(upload(id, std::string(101, 'a'), kPngFile, clerk).json["error"]["field"], "filename");
  // Out of scope: Zhuxi's clerk cannot attach to (or read) Hefeng's draft.
  auto zhuxi = login("zhuxi.clerk");
  EXPECT_EQ(upload(id, "x.png", kPngFile, zhuxi).status, 403);
  EXPECT_EQ(count("attachment_blob"), 0);
  EXPECT_EQ(count("disclosure_attachment"), 0);

  // A good upload: the name loses its path and gains the extension of the sniffed type.
  auto ok = upload(id, "C%3A%5Cscans%5C%E9%AA%8C%E6%94%B6%E5%8D%95", kPdfFile, clerk, "application/pdf");
  ASSERT_EQ(ok.status, 201) << ok.raw.body;
  EXPECT_EQ(ok.json["filename"], "验收单.pdf");
  EXPECT_EQ(ok.json["content_type"], "application/pdf");
  EXPECT_EQ(ok.json["size"], kPdfFile.size());
  EXPECT_EQ(ok.json["sha256"], crypto::sha256_hex(kPdfFile));
  auto detail = get("/api/v1/disclosures/" + id, clerk);
  ASSERT_EQ(detail.json["attachments"].size(), 1u);
  EXPECT_EQ(detail.json["attachments"][0]["filename"], "验收单.pdf");
  auto aid = ok.json["id"].dump();
  EXPECT_EQ(get("/api/v1/disclosures/" + id + "/attachments/" + aid, zhuxi).status, 403);
  auto file = get("/api/v1/disclosures/" + id + "/attachments/" + aid, clerk);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.raw.body, kPdfFile);
  EXPECT_EQ(file.raw.headers["Content-Type"], "application/pdf");
  EXPECT_EQ(file.raw.headers["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(file.raw.headers["Content-Disposition"],
            "inline; filename=\"___.pdf\"; filename*=UTF-8''%E9%AA%8C%E6%94%B6%E5%8D%95.pdf");
  // A draft's file is not public, even knowing its hash.
  EXPECT_EQ(call(Method::GET, "/p/" + std::string(kHefeng) + "/a/" + crypto::sha256_hex(kPdfFile)).status, 404);
}

TEST_F(AttachmentApi, IdenticalContentIsStoredOnceAndRemovedWithItsLastCitation) {
  auto clerk = login("hefeng.clerk");
  auto a = draft(clerk), b = draft(clerk);
  auto first = upload(a, "a.png", kPngFile, clerk, "image/png");
  auto second = upload(b, "b.png", kPngFile, clerk);
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(second.status, 201);
  EXPECT_EQ(upload(a, "again.png", kPngFile, clerk).error_code(), "attachment_exists");
  EXPECT_EQ(count("attachment_blob"), 1);
  EXPECT_EQ(count("disclosure_attachment"), 2);
  EXPECT_EQ(call(Method::DELETE, "/api/v1/disclosures/" + a + "/attachments/" + first.json["id"].dump(), "", clerk).status,
            204);
  EXPECT_EQ(count("attachment_blob"), 1);  // b still cites it
  // Another disclosure's attachment id is not reachable through this one.
  EXPECT_EQ(call(Method::DELETE, "/api/v1/disclosures/" + a + "/attachments/" + second.json["id"].dump(), "", clerk).status,
            404);
  // Deleting the draft takes its attachments and the now unused blob along.
  EXPECT_EQ(call(Method::DELETE, "/api/v1/disclosures/" + b, "", clerk).status, 204);
  EXPECT_EQ(count("disclosure_attachment"), 0);
  EXPECT_EQ(count("attachment_blob"), 0);

  // At most kMaxAttachmentsPerDisclosure per publication.
  for (int i = 0; i < disclosure::kMaxAttachmentsPerDisclosure; ++i)
    ASSERT_EQ(upload(a, "p" + std::to_string(i) + ".png", kPngFile + std::to_string(i), clerk).status, 201);
  EXPECT_EQ(upload(a, "one-more.png", kPngFile + "x", clerk).error_code(), "too_many_attachments");
}

TEST_F(AttachmentApi, PublishedAttachmentsAreLoggedFrozenPublicAndVerified) {
  auto clerk = login("hefeng.clerk");
  auto id = draft(clerk);
  ASSERT_EQ(upload(id, "%E7%8E%B0%E5%9C%BA.png", kPngFile, clerk).status, 201);
  auto pdf = upload(id, "invoice.pdf", kPdfFile, clerk);
  ASSERT_EQ(pdf.status, 201);
  ASSERT_EQ(call(Method::POST, "/api/v1/disclosures/" + id + "/publish", "", clerk).status, 200);
  // Frozen: no adding, no removing.
  EXPECT_EQ(upload(id, "late.png", kPngFile + "late", clerk).error_code(), "disclosure_frozen");
  EXPECT_EQ(call(Method::DELETE, "/api/v1/disclosures/" + id + "/attachments/" + pdf.json["id"].dump(), "", clerk)
                .error_code(),
            "disclosure_frozen");

  // The entry names every file by hash, sorted by hash.
  auto entry = call(Method::GET, "/log/entries/0");
  ASSERT_EQ(entry.status, 200);
  const auto& files = entry.json["attachments"];
  ASSERT_EQ(files.size(), 2u);
  auto png_sha = crypto::sha256_hex(kPngFile), pdf_sha = crypto::sha256_hex(kPdfFile);
  EXPECT_EQ(files[0]["sha256"], std::min(png_sha, pdf_sha));
  EXPECT_EQ(files[1]["sha256"], std::max(png_sha, pdf_sha));
  for (const auto& f : files) {
    EXPECT_EQ(f.size(), 4u);
    EXPECT_EQ(f["size"], f["sha256"] == png_sha ? kPngFile.size() : kPdfFile.size());
  }

  // Public without login and content-addressed; cached briefly (a withdrawal must reach caches).
  const auto url = "/p/" + std::string(kHefeng) + "/a/" + png_sha;
  auto pub = call(Method::GET, url);
  ASSERT_EQ(pub.status, 200);
  EXPECT_EQ(pub.raw.body, kPngFile);
  EXPECT_EQ(pub.raw.headers["Content-Type"], "image/png");
  EXPECT_EQ(pub.raw.headers["ETag"], "\"" + png_sha + "\"");
  EXPECT_EQ(pub.raw.headers["Cache-Control"], "public, max-age=300");
  EXPECT_EQ(pub.raw.headers["X-Content-Type-Options"], "nosniff");
  EXPECT_NE(pub.raw.headers["Content-Disposition"].find("filename*=UTF-8''%E7%8E%B0%E5%9C%BA.png"), std::string::npos);
  EXPECT_EQ(call(Method::GET, url, "", "", {{"If-None-Match", "\"" + png_sha + "\""}}).status, 304);
  // Only under its own community.
  EXPECT_EQ(call(Method::GET, "/p/" + std::string(kZhuxi) + "/a/" + png_sha).status, 404);
  // The resident page links each file with its type and size.
  auto page = call(Method::GET, "/p/" + std::string(kHefeng));
  EXPECT_NE(page.raw.body.find("<a href=\"" + url + "\">现场.png</a>"), std::string::npos) << page.raw.body;
  EXPECT_NE(page.raw.body.find("PDF · " + std::to_string(kPdfFile.size()) + " B"), std::string::npos);
  EXPECT_TRUE(verify().ok) << verify().first_mismatch;

  // A correction keeps the files; the old publication's no longer show publicly under it alone.
  auto corrected = post("/api/v1/disclosures/" + id + "/correct",
                        {{"category", "finance"}, {"stage", "after"}, {"title", "工程款支付(更正)"}, {"body", "见附件"}},
                        clerk);
  ASSERT_EQ(corrected.status, 201) << corrected.raw.body;
  auto new_id = corrected.json["disclosure"]["id"].dump();
  EXPECT_EQ(get("/api/v1/disclosures/" + new_id, clerk).json["attachments"].size(), 2u);
  EXPECT_EQ(call(Method::GET, "/log/entries/1").json["attachments"], files);
  EXPECT_EQ(call(Method::GET, url).status, 200);
  EXPECT_TRUE(verify().ok) << verify().first_mismatch;

  // Tampering: a renamed attachment row changes the rebuilt entry; replaced content changes
  // its hash. Each is caught, and undoing it verifies again.
  auto c = connect();
  c->query("UPDATE disclosure_attachment SET filename = 'renamed.pdf' WHERE disclosure_id = " + id +
           " AND sha256 = $1",
           {pdf_sha});
  auto r = verify();
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.first_mismatch.find("entry 0"), std::string::npos) << r.first_mismatch;
  c->query("UPDATE disclosure_attachment SET filename = 'invoice.pdf' WHERE disclosure_id = " + id +
           " AND sha256 = $1",
           {pdf_sha});
  EXPECT_TRUE(verify().ok) << verify().first_mismatch;
  auto forged = kPdfFile;
  forged[10] = '9';
  c->query("UPDATE attachment_blob SET content = $1 WHERE sha256 = $2", {store::Blob{forged}, pdf_sha});
  r = verify();
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.first_mismatch.find("no longer has SHA-256 " + pdf_sha), std::string::npos) << r.first_mismatch;
  c->query("UPDATE attachment_blob SET content = $1 WHERE sha256 = $2", {store::Blob{kPdfFile}, pdf_sha});
  EXPECT_TRUE(verify().ok) << verify().first_mismatch;
}

TEST_F(AttachmentApi, ACorrectionFromADraftCarriesItsOwnAttachments) {
  auto clerk = login("hefeng.clerk");
  auto id = draft(clerk);
  ASSERT_EQ(upload(id, "old.png", kPngFile, clerk).status, 201);
  ASSERT_EQ(call(Method::POST, "/api/v1/disclosures/" + id + "/publish", "", clerk).status, 200);
  auto fix = draft(clerk);
  ASSERT_EQ(upload(fix, "new.pdf", kPdfFile, clerk).status, 201);
  // Not a draft of the same region: refused, naming draft_id.
  auto zhuxi_draft = draft(login("zhuxi.clerk"), kZhuxi);
  auto refused = post("/api/v1/disclosures/" + id + "/correct", {{"draft_id", std::stoll(zhuxi_draft)}}, clerk);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.json["error"]["field"], "draft_id");
  // draft_id stands alone.
  EXPECT_EQ(post("/api/v1/disclosures/" + id + "/correct", {{"draft_id", std::stoll(fix)}, {"title", "x"}}, clerk)
                .error_code(),
            "unknown_field");
  auto r = post("/api/v1/disclosures/" + id + "/correct", {{"draft_id", std::stoll(fix)}}, clerk);
  ASSERT_EQ(r.status, 201) << r.raw.body;
  EXPECT_EQ(r.json["disclosure"]["id"].dump(), fix);
  EXPECT_EQ(r.json["disclosure"]["supersedes_id"].dump(), id);
  EXPECT_EQ(get("/api/v1/disclosures/" + id, clerk).json["status"], "superseded");
  auto entry = call(Method::GET, "/log/entries/1");
  EXPECT_EQ(entry.json["kind"], "correct");
  ASSERT_EQ(entry.json["attachments"].size(), 1u);
  EXPECT_EQ(entry.json["attachments"][0]["filename"], "new.pdf");
  // The superseded publication's file is no longer public (410 Gone); the correction's is.
  EXPECT_EQ(call(Method::GET, "/p/" + std::string(kHefeng) + "/a/" + crypto::sha256_hex(kPngFile)).status, 410);
  EXPECT_EQ(call(Method::GET, "/p/" + std::string(kHefeng) + "/a/" + crypto::sha256_hex(kPdfFile)).status, 200);
  EXPECT_TRUE(verify().ok) << verify().first_mismatch;
}

TEST_F(AttachmentApi, AWithdrawnPublicationsFileIsGoneNotCachedForGood) {
  auto clerk = login("hefeng.clerk");
  auto id = draft(clerk);
  ASSERT_EQ(upload(id, "notice.pdf", kPdfFile, clerk).status, 201);
  const auto url = "/p/" + std::string(kHefeng) + "/a/" + crypto::sha256_hex(kPdfFile);
  // A draft's file is unknown to the public, exactly like a hash nobody uploaded.
  EXPECT_EQ(call(Method::GET, url).status, 404);
  ASSERT_EQ(call(Method::POST, "/api/v1/disclosures/" + id + "/publish", "", clerk).status, 200);
  auto pub = call(Method::GET, url);
  ASSERT_EQ(pub.status, 200);
  // No "immutable": a cache keeps it 5 minutes at most, then revalidates.
  EXPECT_EQ(pub.raw.headers["Cache-Control"], "public, max-age=300");
  EXPECT_EQ(pub.raw.headers["Cache-Control"].find("immutable"), std::string::npos);

  ASSERT_EQ(post("/api/v1/disclosures/" + id + "/withdraw", {{"reason", "数据有误"}}, clerk).status, 200);
  auto gone = call(Method::GET, url);
  EXPECT_EQ(gone.status, 410);
  EXPECT_EQ(gone.raw.headers["Content-Type"], "text/html; charset=utf-8");
  EXPECT_EQ(gone.raw.headers["Cache-Control"], "no-cache");
  EXPECT_NE(gone.raw.body.find("已撤回"), std::string::npos) << gone.raw.body;
  EXPECT_NE(gone.raw.body.find("href=\"/p/" + std::string(kHefeng) + "\""), std::string::npos);
  EXPECT_EQ(gone.raw.body.find("%PDF"), std::string::npos);
  // A revalidation with the old ETag is no 304: the cached copy must go.
  EXPECT_EQ(call(Method::GET, url, "", "", {{"If-None-Match", pub.raw.headers["ETag"]}}).status, 410);
  // Another community never saw it: 404 there, not 410.
  EXPECT_EQ(call(Method::GET, "/p/" + std::string(kZhuxi) + "/a/" + crypto::sha256_hex(kPdfFile)).status, 404);
}

}  // namespace
}  // namespace ql::test
