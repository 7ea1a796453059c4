#pragma once
// Password hashing with Argon2id (libsodium crypto_pwhash_str). The encoded hash carries its
// own parameters, so a hash made at any strength verifies later.
#include <string>
#include <string_view>
#include <vector>

namespace ql::auth {

enum class HashStrength {
  interactive,  // production default: libsodium's INTERACTIVE limits (64 MiB, 2 passes)
  minimal,      // tests and benchmarks only: libsodium's MIN limits
};

// Process-wide strength for new hashes (default interactive).
void set_password_hash_strength(HashStrength s);

// Returns the encoded "$argon2id$..." hash of password.
std::string hash_password(std::string_view password);
// hash_password of each password, in order, computed on up to hardware_concurrency threads:
// for creating many users at once (the demo's 33), where the hashes dominate the time.
std::vector<std::string> hash_passwords(const std::vector<std::string>& passwords);
// True when password matches the encoded hash; false for a wrong password or a malformed hash.
bool verify_password(std::string_view password, const std::string& encoded_hash);

// Throws invalid_field(field) unless 8..128 characters with at least a letter and a digit.
void check_password_policy(std::string_view password, const std::string& field = "password");

}  // namespace ql::auth
