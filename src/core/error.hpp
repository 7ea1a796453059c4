#pragma once
// The one typed exception family of Qinglian. Domain code throws these; the HTTP boundary
// maps them once to a status and {"error":{"code","message"}} in zh-CN or English, and the
// CLI to an exit code. Anything else that escapes is an internal error (500).
#include <stdexcept>
#include <string>
#include <vector>

namespace ql {

enum class ErrorKind {
  bad_request,        // 400: malformed or invalid input
  unauthorized,       // 401: no or bad credentials
  forbidden,          // 403: authenticated, but outside permissions or data scope
  not_found,          // 404
  conflict,           // 409: duplicate, stale state, database newer than binary
  payload_too_large,  // 413
  unsupported_media,  // 415
  locked,             // 423: account locked
  too_many_requests,  // 429
  unavailable,        // 503
  internal,           // 500
};

// One problem in a multi-row input (an import file): row is 1-based as a user counts lines
// (the header is row 1), column names the header.
struct RowProblem {
  int row = 0;
  std::string column;
  std::string message_zh, message_en;
  // Stable snake_case reason (e.g. "amount_too_many_decimals"), when the importer gives one.
  std::string code = {};
};

class Error : public std::runtime_error {
 public:
  // code: stable machine-readable identifier (snake_case); message_zh/message_en: for people.
  // field: the input field, column or row the problem is about, when there is one.
  Error(ErrorKind kind, std::string code, std::string message_zh, std::string message_en,
        std::string field = {});

  ErrorKind kind() const noexcept { return kind_; }
  const std::string& code() const noexcept { return code_; }
  const std::string& message_zh() const noexcept { return message_zh_; }
  const std::string& message_en() const noexcept { return message_en_; }
  const std::string& field() const noexcept { return field_; }
  // english=true picks message_en.
  const std::string& message(bool english) const noexcept {
    return english ? message_en_ : message_zh_;
  }
  int http_status() const noexcept;

  // Every problem found, for imports that report all bad rows at once.
  const std::vector<RowProblem>& problems() const noexcept { return problems_; }
  Error& with_problems(std::vector<RowProblem> p) {
    problems_ = std::move(p);
    return *this;
  }

 private:
  ErrorKind kind_;
  std::string code_, message_zh_, message_en_, field_;
  std::vector<RowProblem> problems_;
};

// Shorthands for the common kinds.
Error bad_request(std::string code, std::string zh, std::string en, std::string field = {});
Error forbidden(std::string zh = "无权访问该数据", std::string en = "Access to this data is not allowed");
Error not_found(std::string what_zh, std::string what_en);
Error conflict(std::string code, std::string zh, std::string en);
Error unauthorized(std::string code = "unauthorized", std::string zh = "请先登录",
                   std::string en = "Login required");

// A field failed validation: code "invalid_field", message names the field.
Error invalid_field(const std::string& field, const std::string& why_zh, const std::string& why_en);

}  // namespace ql
