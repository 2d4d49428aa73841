// IdentityGeneration: a number that tells caches of verified credentials when to verify again.
//
// A backend that implements it (SqliteDatabase) makes it grow after every committed write that
// changed a row of kIdentityTables, that is of access_generation, which triggers move: migration
// 0007's (users' roles, teams and status, roles, custom-field definitions) and 0022's (a token's
// hash, expiry, revocation, owner or scopes changed, or the token deleted; not its last use). It
// moves before that write returns to its caller, so any request made after the write's answer sees
// the new number; comparing it costs no read of those tables. Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace rapport::storage {

inline constexpr std::string_view kIdentityTables[] = {"access_generation"};

class IdentityGeneration {
 public:
  virtual ~IdentityGeneration() = default;
  virtual uint64_t Current() const = 0;
};

}  // namespace rapport::storage
