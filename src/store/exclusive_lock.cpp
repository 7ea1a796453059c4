#include "store/exclusive_lock.hpp"

#include <cstring>

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace ql::store {

void lock_exclusively(Connection& c, std::string_view name) {
  if (!c.in_transaction())
    throw Error(ErrorKind::internal, "internal", "服务器内部错误", "lock_exclusively outside a transaction");
  if (c.backend() != Backend::postgresql) return;
  const auto digest = crypto::sha256(name);
  std::int64_t key = 0;
  std::memcpy(&key, digest.data(), sizeof key);
  c.query("SELECT pg_advisory_xact_lock($1)", {key});
}

}  // namespace ql::store
