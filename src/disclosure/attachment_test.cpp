#include "disclosure/attachment.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace ql::disclosure {
namespace {

TEST(AttachmentSniff, KnowsDocumentsAndImagesByTheirBytesOnly) {
  EXPECT_EQ(sniff_content_type("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(sniff_content_type(std::string("\x89PNG\r\n\x1a\n\0\0", 10)), "image/png");
  EXPECT_EQ(sniff_content_type("\xff\xd8\xff\xe0JFIF"), "image/jpeg");
  EXPECT_EQ(sniff_content_type("GIF89a..."), "image/gif");
  EXPECT_EQ(sniff_content_type("RIFF\x10\0\0\0WEBPVP8 "), std::nullopt);  // cut at the NUL: too short
  EXPECT_EQ(sniff_content_type(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(sniff_content_type(std::string("RIFF\x10\0\0\0WAVEfmt ", 16)), std::nullopt);
  EXPECT_EQ(sniff_content_type("<html>%PDF-"), std::nullopt);
  EXPECT_EQ(sniff_content_type(" %PDF-1.4"), std::nullopt);
  EXPECT_EQ(sniff_content_type("\x89PNG"), std::nullopt);
  EXPECT_EQ(sniff_content_type(""), std::nullopt);
}

TEST(AttachmentFilename, DropsPathsAndUnsafeCharactersAndAddsTheExtension) {
  EXPECT_EQ(clean_filename("财务公开.pdf", "application/pdf"), "财务公开.pdf");
  EXPECT_EQ(clean_filename("scan", "application/pdf"), "scan.pdf");
  EXPECT_EQ(clean_filename("photo.JPEG", "image/jpeg"), "photo.JPEG");
  EXPECT_EQ(clean_filename("photo.png", "image/jpeg"), "photo.png.jpg");
  EXPECT_EQ(clean_filename("../../etc/passwd", "application/pdf"), "passwd.pdf");
  EXPECT_EQ(clean_filename("C:\\Users\\村委\\账目.pdf", "application/pdf"), "账目.pdf");
  EXPECT_EQ(clean_filename(".hidden.png", "image/png"), "hidden.png");
  EXPECT_EQ(clean_filename("a<b>:c|d?.png", "image/png"), "a_b__c_d_.png");
  for (const char* bad : {"", "..", "dir/", "...", "  "}) {
    try {
      clean_filename(bad, "image/png");
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const Error& e) {
      EXPECT_EQ(e.field(), "filename");
    }
  }
  EXPECT_THROW(clean_filename(std::string(kMaxFilenameChars, 'a'), "image/png"), Error);  // + ".png"
}

TEST(AttachmentUpload, ChecksSizeTypeAndDeclaredType) {
  const auto field_of = [](const Upload& u) {
    try {
      check_upload(u);
    } catch (const Error& e) {
      return e.code() + "/" + e.field();
    }
    return std::string("ok");
  };
  EXPECT_EQ(field_of({"a.pdf", std::nullopt, "%PDF-1.4"}), "ok");
  EXPECT_EQ(field_of({"a.pdf", "application/octet-stream", "%PDF-1.4"}), "ok");
  EXPECT_EQ(field_of({"a.jpg", "image/JPG; q=1", "\xff\xd8\xff\xe0"}), "ok");
  EXPECT_EQ(field_of({"a.pdf", "image/png", "%PDF-1.4"}), "attachment_type_mismatch/Content-Type");
  EXPECT_EQ(field_of({"a.pdf", std::nullopt, "MZ"}), "unsupported_attachment_type/file");
  EXPECT_EQ(field_of({"a.pdf", std::nullopt, ""}), "invalid_field/file");
  EXPECT_EQ(field_of({"a.pdf", std::nullopt, "%PDF-" + std::string(kMaxAttachmentBytes, ' ')}),
            "attachment_too_large/file");
}

TEST(AttachmentDisposition, GivesAnAsciiFallbackAndTheUtf8Name) {
  EXPECT_EQ(content_disposition("inline", "report.pdf"), "inline; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
  EXPECT_EQ(content_disposition("attachment", "账目 \"1\".pdf"),
            "attachment; filename=\"__ _1_.pdf\"; filename*=UTF-8''%E8%B4%A6%E7%9B%AE%20%221%22.pdf");
}

}  // namespace
}  // namespace ql::disclosure
