// AccessDirectory: builds each caller's Access from users, teams, roles and custom-field
// sensitivity, from a cached snapshot of those tables.
//
// The snapshot is reloaded when `access_generation` moves; triggers on users, roles and
// custom_field_definitions bump it in the same transaction as any change (migration 0007), so no
// write path can forget to invalidate it and a change applies to the very next request. Checking
// the generation is one primary-key read per request. Built Access values are cached per
// (user, scopes) until the next change. Thread-safe: the snapshot and cache sit behind a mutex and
// are handed out as shared_ptr<const>.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "access/grants.hpp"
#include "storage/database.hpp"

namespace rapport::access {

class AccessDirectory {
 public:
  explicit AccessDirectory(storage::Database& database) : database_(database) {}

  // The access of an active user, narrowed by `scopes` when not empty. An empty user id (a
  // token from before staff accounts, which has neither owner nor scopes) keeps the full access
  // it always had. kUnauthenticated when
  // the user is unknown or disabled.
  Result<std::shared_ptr<const Access>> For(const std::string& user_id,
                                            const std::vector<std::string>& scopes);
  // Every role a user may be given: built-in ones first, then custom ones by name.
  Result<std::vector<RoleDefinition>> Roles();

 private:
  struct UserEntry {
    std::vector<std::string> roles;
    std::vector<std::string> teams;
    bool active = false;
  };
  struct Snapshot {
    int64_t generation = -1;
    std::map<std::string, UserEntry> users;
    std::map<std::string, RoleDefinition> custom_roles;
    std::array<std::vector<std::string>, kObjectCount> sensitive_fields;
    std::map<std::string, std::shared_ptr<const Access>> built;  // by user + scopes
  };

  Result<std::shared_ptr<Snapshot>> Current();
  static std::shared_ptr<const Access> Build(const Snapshot& snapshot, const std::string& user_id,
                                             const std::vector<std::string>& scopes);

  storage::Database& database_;
  std::mutex mutex_;
  std::shared_ptr<Snapshot> snapshot_;  // guarded by mutex_, as is its `built` cache
};

// A stored custom role from its row values (JSON text of grants and fields).
Result<RoleDefinition> RoleFromStored(std::string name, std::string description,
                                      const std::string& grants, const std::string& fields);

}  // namespace rapport::access
