#include "auth/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "core/error.hpp"
#include "core/text.hpp"

namespace ql::auth {
namespace {
std::atomic<HashStrength> strength{HashStrength::interactive};
}

void set_password_hash_strength(HashStrength s) { strength = s; }

std::string hash_password(std::string_view password) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium initialisation failed");
  const bool min = strength.load() == HashStrength::minimal;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            min ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            min ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw Error(ErrorKind::unavailable, "out_of_memory", "服务器繁忙,请稍后再试",
                "Server is busy, please retry");
  return out;
}

std::vector<std::string> hash_passwords(const std::vector<std::string>& passwords) {
  std::vector<std::string> out(passwords.size());
  std::atomic<std::size_t> next{0};
  std::exception_ptr failed;
  std::mutex failed_mutex;
  const auto work = [&] {
    for (std::size_t i; (i = next++) < passwords.size();) try {
        out[i] = hash_password(passwords[i]);
      } catch (...) {
        std::lock_guard lock(failed_mutex);
        if (!failed) failed = std::current_exception();
      }
  };
  // Each hash takes its own 64 MiB (interactive), so more threads than cores would only add
  // memory.
  const auto threads = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), passwords.size());
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (failed) std::rethrow_exception(failed);
  return out;
}

bool verify_password(std::string_view password, const std::string& encoded_hash) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium initialisation failed");
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

void check_password_policy(std::string_view password, const std::string& field) {
  text::require_length(field, password, 8, 128);
  // The API trims text fields; a password that starts or ends with a space could be set
  // through one door (the CLI) and never typed through another.
  if (std::isspace(static_cast<unsigned char>(password.front())) ||
      std::isspace(static_cast<unsigned char>(password.back())))
    throw invalid_field(field, "首尾不能是空格", "must not start or end with a space");
  const bool letter = std::any_of(password.begin(), password.end(),
                                  [](unsigned char c) { return std::isalpha(c) || c >= 0x80; });
  const bool digit =
      std::any_of(password.begin(), password.end(), [](unsigned char c) { return std::isdigit(c); });
  if (!letter || !digit)
    throw invalid_field(field, "须同时包含字母和数字", "must contain both letters and digits");
}

}  // namespace ql::auth
