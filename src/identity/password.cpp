#include "identity/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "common/text.hpp"

namespace rapport::identity {
namespace {

// Letters and digits people can read back without confusing 0/O, 1/l/I.
constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
constexpr size_t kGeneratedLength = 20;

// Length in characters, counting each UTF-8 sequence once.
size_t CharacterCount(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

Status CheckPasswordPolicy(std::string_view password, std::string_view email,
                           std::string_view name) {
  if (CharacterCount(password) < kMinPasswordLength) {
    return Error::Invalid("password", "must be at least 12 characters long");
  }
  if (password.size() > kMaxPasswordBytes) {
    return Error::Invalid("password", "must be at most 1024 bytes long");
  }
  if (IsCommonPassword(password)) {
    return Error::Invalid("password", "is one of the most common passwords; choose another");
  }
  const std::string lower = ToLowerAscii(password);
  const std::string local_part = ToLowerAscii(email.substr(0, email.find('@')));
  if ((!email.empty() && lower == ToLowerAscii(email)) ||
      (local_part.size() >= 4 && lower.find(local_part) != std::string::npos) ||
      (!name.empty() && lower == ToLowerAscii(name))) {
    return Error::Invalid("password", "must not be based on the account's email or name");
  }
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password[0]; })) {
    return Error::Invalid("password", "must not repeat one character");
  }
  return OkStatus();
}

void PasswordHasher::Acquire() {
  std::unique_lock lock(mutex_);
  cv_.wait(lock, [this] { return available_ > 0; });
  --available_;
}

void PasswordHasher::Release() {
  {
    std::lock_guard lock(mutex_);
    ++available_;
  }
  cv_.notify_one();
}

Result<std::string> PasswordHasher::Hash(std::string_view password) {
  if (password.size() > kMaxPasswordBytes) {
    return Error::Invalid("password", "must be at most 1024 bytes long");
  }
  char out[crypto_pwhash_STRBYTES];
  Acquire();
  const int rc = crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                                       crypto_pwhash_ALG_ARGON2ID13);
  Release();
  if (rc != 0) return Error::Unavailable("not enough memory to hash the password; try again");
  return std::string(out);
}

bool PasswordHasher::Verify(std::string_view hash, std::string_view password) {
  if (password.size() > kMaxPasswordBytes) return false;
  const std::string terminated(hash);  // libsodium wants a NUL-terminated string
  Acquire();
  const bool ok =
      crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
  Release();
  return ok;
}

bool PasswordHasher::NeedsRehash(std::string_view hash) {
  const std::string terminated(hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), kOpsLimit, kMemLimit) != 0;
}

std::string GeneratePassword() {
  std::string password;
  password.reserve(kGeneratedLength);
  for (size_t i = 0; i < kGeneratedLength; ++i) {
    password.push_back(kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))]);
  }
  return password;
}

}  // namespace rapport::identity
