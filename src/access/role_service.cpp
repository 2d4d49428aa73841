#include "access/role_service.hpp"

#include "access/directory.hpp"
#include "access/grants.hpp"
#include "common/time.hpp"
#include "storage/audit.hpp"

namespace rapport::access {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kInsertRole =
    "INSERT INTO roles (name, description, grants, fields, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectRoles =
    "SELECT name, description, grants, fields, created_at, updated_at, version FROM roles "
    "ORDER BY name";
constexpr std::string_view kSelectRole =
    "SELECT name, description, grants, fields, created_at, updated_at, version FROM roles "
    "WHERE name = ?";
constexpr std::string_view kUpdateRole =
    "UPDATE roles SET description = ?, grants = ?, fields = ?, updated_at = ?, "
    "version = version + 1 WHERE name = ?";
constexpr std::string_view kDeleteRole = "DELETE FROM roles WHERE name = ?";
constexpr std::string_view kHolders =
    "SELECT COUNT(*) FROM users u, json_each(u.roles) r WHERE r.value = ?";

Result<RoleDefinition> FromRow(const storage::Row& row) {
  RAPPORT_ASSIGN_OR_RETURN(RoleDefinition role,
                           RoleFromStored(row.Text(0), row.Text(1), row.Text(2), row.Text(3)));
  role.created_at = row.Text(4);
  role.updated_at = row.Text(5);
  role.version = row.Int(6);
  return role;
}

Result<std::optional<RoleDefinition>> LoadRole(Tx& tx, const std::string& name) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectRole, {name}));
  if (rows.empty()) return std::optional<RoleDefinition>();
  RAPPORT_ASSIGN_OR_RETURN(RoleDefinition role, FromRow(rows[0]));
  return std::optional<RoleDefinition>(std::move(role));
}

Error BuiltInIsFixed(const std::string& name) {
  return Error::Conflict("The built-in role " + name +
                         " cannot be changed or deleted; define a new role instead.");
}

Error NoSuchRole(const std::string& name) {
  return Error::NotFound("No role is named " + name + ".");
}

}  // namespace

Status CheckRoleNames(Tx& tx, const json::array& roles, const std::string& field) {
  for (const auto& role : roles) {
    if (!role.is_string()) return Error::Invalid(field, "must be an array of role names");
    const std::string name(role.as_string());
    if (FindBuiltInRole(name)) continue;
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectRole, {name}));
    if (rows.empty()) {
      return Error::Invalid(field, "unknown role " + name +
                                       " (built-in: admin, manager, sales, support, marketing, "
                                       "viewer; or one defined under /api/v1/roles)");
    }
  }
  return OkStatus();
}

Result<json::object> RoleService::Create(const storage::WriteContext& context,
                                         const json::object& input) {
  RAPPORT_ASSIGN_OR_RETURN(RoleDefinition role, ParseRole(input, true));
  if (FindBuiltInRole(role.name)) {
    return Error::Conflict("a built-in role has this name", "name");
  }
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto existing, LoadRole(tx, role.name));
    if (existing) return Error::Conflict("a role with this name already exists", "name");
    role.created_at = role.updated_at = NowInstant();
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertRole, {role.name, role.description, ToJsonString(GrantsToJson(role.levels)),
                      ToJsonString(FieldsToJson(role.fields)), role.created_at, role.updated_at}));
    served = RoleToJson(role);
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "create", "role", role.name, {}, served));
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::array> RoleService::List() {
  json::array roles;
  for (const auto& role : BuiltInRoles()) roles.push_back(RoleToJson(role));
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectRoles));
    for (const auto& row : rows) {
      RAPPORT_ASSIGN_OR_RETURN(RoleDefinition role, FromRow(row));
      roles.push_back(RoleToJson(role));
    }
    return OkStatus();
  }));
  return roles;
}

Result<json::object> RoleService::Get(const std::string& name) {
  if (const RoleDefinition* built_in = FindBuiltInRole(name)) return RoleToJson(*built_in);
  std::optional<RoleDefinition> role;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(role, LoadRole(tx, name));
    return OkStatus();
  }));
  if (!role) return NoSuchRole(name);
  return RoleToJson(*role);
}

Result<json::object> RoleService::Update(const storage::WriteContext& context,
                                         const std::string& name, const json::object& patch,
                                         std::optional<int64_t> if_version) {
  if (FindBuiltInRole(name)) return BuiltInIsFixed(name);
  if (patch.contains("name")) return Error::Invalid("name", "cannot be changed; define a new role");
  RAPPORT_ASSIGN_OR_RETURN(RoleDefinition changes, ParseRole(patch, false));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto existing, LoadRole(tx, name));
    if (!existing) return NoSuchRole(name);
    if (if_version && *if_version != existing->version) {
      return Error::PreconditionFailed("The role was changed since you read it.");
    }
    const json::object before = RoleToJson(*existing);
    RoleDefinition role = *existing;
    if (patch.contains("description")) role.description = changes.description;
    if (patch.contains("grants")) role.levels = changes.levels;
    if (patch.contains("fields")) role.fields = changes.fields;
    role.updated_at = NowInstant();
    role.version = existing->version + 1;
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kUpdateRole, {role.description, ToJsonString(GrantsToJson(role.levels)),
                              ToJsonString(FieldsToJson(role.fields)), role.updated_at, name}));
    served = RoleToJson(role);
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "role", name, before, served));
    return context.Written(tx, served);
  }));
  return served;
}

Status RoleService::Delete(const storage::WriteContext& context, const std::string& name,
                           std::optional<int64_t> if_version) {
  if (FindBuiltInRole(name)) return BuiltInIsFixed(name);
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto existing, LoadRole(tx, name));
    if (!existing) return NoSuchRole(name);
    if (if_version && *if_version != existing->version) {
      return Error::PreconditionFailed("The role was changed since you read it.");
    }
    RAPPORT_ASSIGN_OR_RETURN(Rows holders, tx.Query(kHolders, {name}));
    if (holders[0].Int(0) > 0) {
      return Error::Conflict("The role is still given to " + holders[0].Text(0) +
                             " user(s); take it from them first.");
    }
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteRole, {name}));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "delete", "role", name, RoleToJson(*existing), {}));
    return context.Written(tx, json::object{{"name", name}});
  });
}

}  // namespace rapport::access
