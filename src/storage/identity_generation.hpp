// IdentityGeneration: a number that tells caches of verified credentials when to verify again.
//
// A backend that implements it (SqliteDatabase) makes it grow after every committed write that
// changed a row of kIdentityTables: API tokens, or what migration 0007's triggers fold into
// access_generation (users' roles, teams and status, roles, custom-field definitions). It moves
// before that write returns to its caller, so any request made after the write's answer sees the
// new number; comparing it costs no read of those tables. Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace rapport::storage {

inline constexpr std::string_view kIdentityTables[] = {"access_generation", "api_tokens"};

class IdentityGeneration {
 public:
  virtual ~IdentityGeneration() = default;
  virtual uint64_t Current() const = 0;
};

}  // namespace rapport::storage
