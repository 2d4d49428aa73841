// UserService: staff accounts — create, list, disable, reset a password.
//
// Passwords are checked against the policy and hashed (argon2id, PasswordHasher) before the write
// is queued, so the single writer never waits on a 64 MiB hash. Every change is audited (object
// type "user"); the hash never leaves this file's SQL. Thread-safe; calls block (storage and
// hashing): call from worker threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "identity/password.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::identity {

struct NewUser {
  std::string email;
  std::string name;
  std::vector<std::string> roles;
  std::string password;
};

class UserService {
 public:
  UserService(storage::Database& database, PasswordHasher& hasher)
      : database_(database), hasher_(hasher) {}

  // The user as served (never the hash). kConflict on a taken email.
  Result<json::object> Create(const storage::WriteContext& context, const NewUser& user);
  Result<std::vector<json::object>> List();
  // `who` is a user id or email; kNotFound when there is none.
  Result<json::object> Find(const std::string& who);
  // The oldest active administrator, if any.
  Result<std::optional<json::object>> FirstActiveAdmin();
  // `who` is a user id or email.
  Result<json::object> Disable(const storage::WriteContext& context, const std::string& who);
  Status ResetPassword(const storage::WriteContext& context, const std::string& who,
                       const std::string& password);
  // Merge patch of name, roles, teams (existing team ids) and status ("active" | "disabled");
  // If-Match via `if_version`.
  Result<json::object> Update(const storage::WriteContext& context, const std::string& who,
                              const json::object& patch, std::optional<int64_t> if_version);

 private:
  storage::Database& database_;
  PasswordHasher& hasher_;
};

}  // namespace rapport::identity
