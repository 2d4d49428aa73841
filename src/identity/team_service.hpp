// TeamService: teams of staff (create, list, rename, delete). A user's membership lives in the
// user's `teams` array (UserService::Update); deleting a team removes it from every member in the
// same transaction. Every change is audited (object type "team"). Thread-safe; calls block.
#pragma once

#include <optional>
#include <string>

#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::identity {

class TeamService {
 public:
  explicit TeamService(storage::Database& database) : database_(database) {}

  Result<json::object> Create(const storage::WriteContext& context, const json::object& input);
  Result<json::array> List();
  Result<json::object> Get(const std::string& id);
  Result<json::object> Update(const storage::WriteContext& context, const std::string& id,
                              const json::object& patch, std::optional<int64_t> if_version);
  Status Delete(const storage::WriteContext& context, const std::string& id,
                std::optional<int64_t> if_version);

 private:
  storage::Database& database_;
};

// kInvalidArgument naming `field` unless every element of `team_ids` is an existing team id.
Status CheckTeamIds(storage::Tx& tx, const json::array& team_ids, const std::string& field);

}  // namespace rapport::identity
