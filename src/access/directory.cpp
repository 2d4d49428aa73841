#include "access/directory.hpp"

#include <algorithm>
#include <set>

namespace rapport::access {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kGeneration = "SELECT value FROM access_generation WHERE id = 1";
constexpr std::string_view kUsers = "SELECT id, roles, teams, status FROM users";
constexpr std::string_view kCustomRoles =
    "SELECT name, description, grants, fields FROM roles ORDER BY name";
constexpr std::string_view kSensitiveCustomFields =
    "SELECT object_type, key FROM custom_field_definitions WHERE sensitive = 1";

std::vector<std::string> StringArray(const std::string& text) {
  std::vector<std::string> out;
  auto parsed = ParseJson(text);
  if (!parsed.ok() || !parsed->is_array()) return out;
  for (const auto& element : parsed->as_array()) {
    if (element.is_string()) out.emplace_back(element.as_string());
  }
  return out;
}

bool Intersect(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::any_of(a.begin(), a.end(), [&](const std::string& x) {
    return std::find(b.begin(), b.end(), x) != b.end();
  });
}

// One role's rules with the sensitive group expanded into concrete fields; a field named both
// directly and through the group takes the stricter rule.
std::map<std::string, FieldRule> Expand(const std::map<std::string, FieldRule>& rules,
                                        const std::vector<std::string>& sensitive) {
  std::map<std::string, FieldRule> out;
  auto apply = [&](const std::string& field, FieldRule rule) {
    auto [it, inserted] = out.emplace(field, rule);
    if (!inserted) it->second = std::max(it->second, rule);
  };
  for (const auto& [field, rule] : rules) {
    if (field == kSensitiveGroup) {
      for (const auto& concrete : sensitive) apply(concrete, rule);
    } else {
      apply(field, rule);
    }
  }
  return out;
}

}  // namespace

Result<RoleDefinition> RoleFromStored(std::string name, std::string description,
                                      const std::string& grants, const std::string& fields) {
  RAPPORT_ASSIGN_OR_RETURN(json::value grants_json, ParseJson(grants));
  RAPPORT_ASSIGN_OR_RETURN(json::value fields_json, ParseJson(fields));
  RAPPORT_ASSIGN_OR_RETURN(RoleDefinition role,
                           ParseRole(json::object{{"grants", std::move(grants_json)},
                                                  {"fields", std::move(fields_json)}},
                                     false));
  role.name = std::move(name);
  role.description = std::move(description);
  return role;
}

Result<std::shared_ptr<AccessDirectory::Snapshot>> AccessDirectory::Current() {
  std::shared_ptr<Snapshot> fresh;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows generation, tx.Query(kGeneration));
    const int64_t value = generation.empty() ? 0 : generation[0].Int(0);
    {
      std::lock_guard lock(mutex_);
      if (snapshot_ && snapshot_->generation == value) {
        fresh = snapshot_;
        return OkStatus();
      }
    }
    // Loaded in the same read transaction as the generation, so the snapshot matches it.
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->generation = value;
    RAPPORT_ASSIGN_OR_RETURN(Rows users, tx.Query(kUsers));
    for (const auto& row : users) {
      snapshot->users[row.Text(0)] = UserEntry{.roles = StringArray(row.Text(1)),
                                               .teams = StringArray(row.Text(2)),
                                               .active = row.Text(3) == "active"};
    }
    RAPPORT_ASSIGN_OR_RETURN(Rows roles, tx.Query(kCustomRoles));
    for (const auto& row : roles) {
      RAPPORT_ASSIGN_OR_RETURN(RoleDefinition role,
                               RoleFromStored(row.Text(0), row.Text(1), row.Text(2), row.Text(3)));
      snapshot->custom_roles[role.name] = std::move(role);
    }
    // Built-in sensitive fields; custom fields marked sensitive join them below.
    snapshot->sensitive_fields[static_cast<size_t>(Object::kCustomers)] = {"birthday",
                                                                           "payment_methods"};
    RAPPORT_ASSIGN_OR_RETURN(Rows sensitive, tx.Query(kSensitiveCustomFields));
    for (const auto& row : sensitive) {
      const Object object = row.Text(0) == "company" ? Object::kCompanies : Object::kCustomers;
      snapshot->sensitive_fields[static_cast<size_t>(object)].push_back("custom_fields." +
                                                                        row.Text(1));
    }
    std::lock_guard lock(mutex_);
    if (!snapshot_ || snapshot_->generation < value) snapshot_ = snapshot;
    fresh = snapshot_;
    return OkStatus();
  }));
  return fresh;
}

std::shared_ptr<const Access> AccessDirectory::Build(const Snapshot& snapshot,
                                                     const std::string& user_id,
                                                     const std::vector<std::string>& scopes) {
  const UserEntry& user = snapshot.users.at(user_id);
  std::vector<const RoleDefinition*> roles;
  for (const auto& name : user.roles) {
    if (const RoleDefinition* built_in = FindBuiltInRole(name)) {
      roles.push_back(built_in);
    } else if (auto it = snapshot.custom_roles.find(name); it != snapshot.custom_roles.end()) {
      roles.push_back(&it->second);
    }
  }
  LevelTable levels{};
  for (const RoleDefinition* role : roles) {
    for (size_t o = 0; o < kObjectCount; ++o) {
      for (size_t a = 0; a < kActionCount; ++a) {
        levels[o][a] = std::max(levels[o][a], role->levels[o][a]);
      }
    }
  }
  // Field rules merge to the most permissive among the roles that can read the object at all:
  // a role without read access to customers must not hide fields another role shows.
  FieldTable fields;
  for (size_t o = 0; o < kObjectCount; ++o) {
    std::vector<std::map<std::string, FieldRule>> contributing;
    for (const RoleDefinition* role : roles) {
      if (role->levels[o][static_cast<size_t>(Action::kRead)] == Level::kNone) continue;
      contributing.push_back(Expand(role->fields[o], snapshot.sensitive_fields[o]));
    }
    if (contributing.empty()) continue;
    std::set<std::string> named;
    for (const auto& rules : contributing) {
      for (const auto& [field, unused] : rules) named.insert(field);
    }
    for (const auto& field : named) {
      FieldRule merged = FieldRule::kHidden;
      for (const auto& rules : contributing) {
        auto it = rules.find(field);
        merged = std::min(merged, it == rules.end() ? FieldRule::kVisible : it->second);
      }
      if (merged != FieldRule::kVisible) fields[o][field] = merged;
    }
  }
  bool admin = std::find(user.roles.begin(), user.roles.end(), "admin") != user.roles.end();
  if (!scopes.empty()) {
    admin = false;  // a scoped token is for one integration, never for administration
    for (size_t o = 0; o < kObjectCount; ++o) {
      for (size_t a = 0; a < kActionCount; ++a) {
        const bool covered = std::any_of(scopes.begin(), scopes.end(), [&](const auto& scope) {
          return ScopeCovers(scope, static_cast<Object>(o), static_cast<Action>(a));
        });
        if (!covered) levels[o][a] = Level::kNone;
      }
    }
  }
  std::vector<std::string> team_user_ids;
  if (!user.teams.empty()) {
    for (const auto& [other_id, other] : snapshot.users) {
      if (Intersect(user.teams, other.teams)) team_user_ids.push_back(other_id);
    }
  }
  return std::make_shared<const Access>(user_id, std::move(team_user_ids), levels,
                                        std::move(fields), admin, !scopes.empty(), user.teams);
}

Result<std::shared_ptr<const Access>> AccessDirectory::For(const std::string& user_id,
                                                           const std::vector<std::string>& scopes) {
  if (user_id.empty()) {
    return std::shared_ptr<const Access>(std::shared_ptr<const Access>{}, &Access::Unrestricted());
  }
  RAPPORT_ASSIGN_OR_RETURN(std::shared_ptr<Snapshot> snapshot, Current());
  std::string key = user_id;
  for (const auto& scope : scopes) key.append("\n").append(scope);
  std::lock_guard lock(mutex_);
  if (auto it = snapshot->built.find(key); it != snapshot->built.end()) return it->second;
  auto user = snapshot->users.find(user_id);
  if (user == snapshot->users.end() || !user->second.active) {
    return Error::Unauthenticated("The account is disabled or no longer exists.");
  }
  auto access = Build(*snapshot, user_id, scopes);
  snapshot->built.emplace(std::move(key), access);
  return access;
}

Result<std::vector<RoleDefinition>> AccessDirectory::Roles() {
  RAPPORT_ASSIGN_OR_RETURN(std::shared_ptr<Snapshot> snapshot, Current());
  std::vector<RoleDefinition> roles = BuiltInRoles();
  std::lock_guard lock(mutex_);
  for (const auto& [name, role] : snapshot->custom_roles) roles.push_back(role);
  return roles;
}

}  // namespace rapport::access
