// Staff passwords: the policy a new password must meet, and argon2id hashing through libsodium.
//
// Policy (NIST SP 800-63B): at least 12 characters, at most 1024 bytes, no composition rules,
// and not one of the common passwords shipped in common_passwords.cpp, nor the account's own email
// or name. Hashes are argon2id with 64 MiB and 2 passes (kMemLimit, kOpsLimit); NeedsRehash tells
// sign-in when stored hashes used other parameters, so they are upgraded as people sign in.
//
// Hashing costs 64 MiB and tens of milliseconds, so PasswordHasher bounds how many run at once;
// call it from worker threads, never from an I/O thread. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace rapport::identity {

inline constexpr size_t kMinPasswordLength = 12;
inline constexpr size_t kMaxPasswordBytes = 1024;  // bounds hashing work an attacker can ask for
inline constexpr unsigned long long kOpsLimit = 2;
inline constexpr size_t kMemLimit = size_t{64} * 1024 * 1024;

// kInvalidArgument on field "password" when the password breaks the policy.
Status CheckPasswordPolicy(std::string_view password, std::string_view email,
                           std::string_view name);
bool IsCommonPassword(std::string_view password);

class PasswordHasher {
 public:
  // At most `max_concurrent` hashes (each kMemLimit of memory) run at the same time.
  explicit PasswordHasher(int max_concurrent = 2) : available_(max_concurrent) {}

  Result<std::string> Hash(std::string_view password);
  // Constant-time comparison inside libsodium; false for a malformed hash.
  bool Verify(std::string_view hash, std::string_view password);
  static bool NeedsRehash(std::string_view hash);

 private:
  void Acquire();
  void Release();

  std::mutex mutex_;
  std::condition_variable cv_;
  int available_;  // GUARDED_BY(mutex_)
};

// A random password that meets the policy (20 characters from a 56-symbol alphabet without
// look-alikes: about 116 bits), for accounts created without one.
std::string GeneratePassword();

}  // namespace rapport::identity
