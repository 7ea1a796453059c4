#include "core/error.hpp"

namespace ql {

Error::Error(ErrorKind kind, std::string code, std::string message_zh, std::string message_en,
             std::string field)
    : std::runtime_error(message_en),
      kind_(kind),
      code_(std::move(code)),
      message_zh_(std::move(message_zh)),
      message_en_(std::move(message_en)),
      field_(std::move(field)) {}

int Error::http_status() const noexcept {
  switch (kind_) {
    case ErrorKind::bad_request: return 400;
    case ErrorKind::unauthorized: return 401;
    case ErrorKind::forbidden: return 403;
    case ErrorKind::not_found: return 404;
    case ErrorKind::conflict: return 409;
    case ErrorKind::payload_too_large: return 413;
    case ErrorKind::unsupported_media: return 415;
    case ErrorKind::locked: return 423;
    case ErrorKind::too_many_requests: return 429;
    case ErrorKind::unavailable: return 503;
    case ErrorKind::internal: return 500;
  }
  return 500;
}

Error bad_request(std::string code, std::string zh, std::string en, std::string field) {
  return Error(ErrorKind::bad_request, std::move(code), std::move(zh), std::move(en),
               std::move(field));
}

Error forbidden(std::string zh, std::string en) {
  return Error(ErrorKind::forbidden, "forbidden", std::move(zh), std::move(en));
}

Error not_found(std::string what_zh, std::string what_en) {
  return Error(ErrorKind::not_found, "not_found", what_zh + "不存在", what_en + " not found");
}

Error conflict(std::string code, std::string zh, std::string en) {
  return Error(ErrorKind::conflict, std::move(code), std::move(zh), std::move(en));
}

Error unauthorized(std::string code, std::string zh, std::string en) {
  return Error(ErrorKind::unauthorized, std::move(code), std::move(zh), std::move(en));
}

Error invalid_field(const std::string& field, const std::string& why_zh,
                    const std::string& why_en) {
  return Error(ErrorKind::bad_request, "invalid_field", "字段 " + field + " " + why_zh,
               "Field '" + field + "' " + why_en, field);
}

}  // namespace ql
