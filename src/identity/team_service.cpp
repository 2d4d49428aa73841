#include "identity/team_service.hpp"

#include "common/ids.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "storage/audit.hpp"

namespace rapport::identity {
namespace {

using storage::Rows;
using storage::Tx;

constexpr size_t kMaxNameLength = 100;

constexpr std::string_view kInsertTeam =
    "INSERT INTO teams (id, name, name_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kSelectTeams =
    "SELECT id, name, created_at, updated_at, version, "
    "(SELECT COUNT(*) FROM users u, json_each(u.teams) m WHERE m.value = teams.id) "
    "FROM teams ORDER BY name_key";
constexpr std::string_view kSelectTeam =
    "SELECT id, name, created_at, updated_at, version, "
    "(SELECT COUNT(*) FROM users u, json_each(u.teams) m WHERE m.value = teams.id) "
    "FROM teams WHERE id = ?";
constexpr std::string_view kNameTaken = "SELECT id FROM teams WHERE name_key = ?";
constexpr std::string_view kRenameTeam =
    "UPDATE teams SET name = ?, name_key = ?, updated_at = ?, version = version + 1 WHERE id = ?";
constexpr std::string_view kDeleteTeam = "DELETE FROM teams WHERE id = ?";
// Removes the team from every member's list, keeping the order of the rest.
constexpr std::string_view kDropMembership =
    "UPDATE users SET teams = (SELECT json_group_array(value) FROM json_each(users.teams) "
    "WHERE value != ?1), version = version + 1, updated_at = ?2 "
    "WHERE EXISTS (SELECT 1 FROM json_each(users.teams) WHERE value = ?1)";
constexpr std::string_view kTeamExists = "SELECT 1 FROM teams WHERE id = ?";

json::object FromRow(const storage::Row& row) {
  return json::object{{"id", row.Text(0)},         {"name", row.Text(1)},
                      {"created_at", row.Text(2)}, {"updated_at", row.Text(3)},
                      {"version", row.Int(4)},     {"member_count", row.Int(5)}};
}

Result<std::string> ValidName(const json::object& input, bool required) {
  const json::value* name = input.if_contains("name");
  for (const auto& [key, unused] : input) {
    if (key != "name") return Error::Invalid(std::string(key), "is not a known field");
  }
  if (name == nullptr && !required) return std::string();
  const std::string_view trimmed =
      name && name->is_string() ? TrimWhitespace(name->as_string()) : std::string_view();
  if (trimmed.empty() || trimmed.size() > kMaxNameLength) {
    return Error::Invalid("name", "must be 1 to 100 characters");
  }
  return std::string(trimmed);
}

Result<json::object> Load(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectTeam, {id}));
  if (rows.empty()) return Error::NotFound("No team has the id " + id + ".");
  return FromRow(rows[0]);
}

Status CheckNameFree(Tx& tx, const std::string& name, const std::string& own_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kNameTaken, {ToLowerAscii(name)}));
  if (!rows.empty() && rows[0].Text(0) != own_id) {
    return Error::Conflict("a team with this name already exists", "name");
  }
  return OkStatus();
}

}  // namespace

Status CheckTeamIds(Tx& tx, const json::array& team_ids, const std::string& field) {
  for (const auto& id : team_ids) {
    if (!id.is_string()) return Error::Invalid(field, "must be an array of team ids");
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kTeamExists, {std::string(id.as_string())}));
    if (rows.empty())
      return Error::Invalid(field, "no team has the id " + std::string(id.as_string()));
  }
  return OkStatus();
}

Result<json::object> TeamService::Create(const storage::WriteContext& context,
                                         const json::object& input) {
  RAPPORT_ASSIGN_OR_RETURN(std::string name, ValidName(input, true));
  json::object team;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckNameFree(tx, name, ""));
    const std::string id = NewId("team");
    const std::string now = NowInstant();
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertTeam, {id, name, ToLowerAscii(name), now, now}));
    RAPPORT_ASSIGN_OR_RETURN(team, Load(tx, id));
    return storage::AppendAudit(tx, context, "create", "team", id, {}, team);
  }));
  return team;
}

Result<json::array> TeamService::List() {
  json::array teams;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectTeams));
    for (const auto& row : rows) teams.push_back(FromRow(row));
    return OkStatus();
  }));
  return teams;
}

Result<json::object> TeamService::Get(const std::string& id) {
  json::object team;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(team, Load(tx, id));
    return OkStatus();
  }));
  return team;
}

Result<json::object> TeamService::Update(const storage::WriteContext& context,
                                         const std::string& id, const json::object& patch,
                                         std::optional<int64_t> if_version) {
  RAPPORT_ASSIGN_OR_RETURN(std::string name, ValidName(patch, false));
  json::object team;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(json::object before, Load(tx, id));
    if (if_version && *if_version != before.at("version").as_int64()) {
      return Error::PreconditionFailed("The team was changed since you read it.");
    }
    if (name.empty() || name == before.at("name").as_string()) {
      team = before;
      return OkStatus();
    }
    RAPPORT_RETURN_IF_ERROR(CheckNameFree(tx, name, id));
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kRenameTeam, {name, ToLowerAscii(name), NowInstant(), id}));
    RAPPORT_ASSIGN_OR_RETURN(team, Load(tx, id));
    return storage::AppendAudit(tx, context, "update", "team", id, before, team);
  }));
  return team;
}

Status TeamService::Delete(const storage::WriteContext& context, const std::string& id,
                           std::optional<int64_t> if_version) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(json::object before, Load(tx, id));
    if (if_version && *if_version != before.at("version").as_int64()) {
      return Error::PreconditionFailed("The team was changed since you read it.");
    }
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDropMembership, {id, NowInstant()}));
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteTeam, {id}));
    return storage::AppendAudit(tx, context, "delete", "team", id, before, {});
  });
}

}  // namespace rapport::identity
