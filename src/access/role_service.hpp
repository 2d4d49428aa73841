// RoleService: the roles an admin defines beside the built-in six (create, list, get, change,
// delete). Built-in roles are listed with them but cannot be changed or deleted; a role still
// held by a user cannot be deleted. Every change is audited (object type "role") and bumps the
// access generation (by trigger), so it applies to the next request. Thread-safe; calls block.
#pragma once

#include <optional>
#include <string>

#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::access {

class RoleService {
 public:
  explicit RoleService(storage::Database& database) : database_(database) {}

  Result<json::object> Create(const storage::WriteContext& context, const json::object& input);
  Result<json::array> List();
  Result<json::object> Get(const std::string& name);
  // Given keys replace their part whole: "grants" replaces every grant (missing ones are none).
  Result<json::object> Update(const storage::WriteContext& context, const std::string& name,
                              const json::object& patch, std::optional<int64_t> if_version);
  Status Delete(const storage::WriteContext& context, const std::string& name,
                std::optional<int64_t> if_version);

 private:
  storage::Database& database_;
};

// kInvalidArgument naming `field` unless every element of `roles` names a built-in or defined
// role. REQUIRES: inside a transaction.
Status CheckRoleNames(storage::Tx& tx, const json::array& roles, const std::string& field);

}  // namespace rapport::access
