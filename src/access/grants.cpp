#include "access/grants.hpp"

#include <algorithm>

namespace rapport::access {
namespace {

// One letter each, so a role's table reads as a row of the design note's table.
constexpr Level kN = Level::kNone;
constexpr Level kO = Level::kOwn;
constexpr Level kT = Level::kTeam;
constexpr Level kA = Level::kAll;

using Row = std::array<Level, kActionCount>;  // read, create, edit, delete, export, import

constexpr Row kEverything{kA, kA, kA, kA, kA, kA};
constexpr Row kReadOnlyAll{kA, kN, kN, kN, kN, kN};
constexpr Row kNothing{kN, kN, kN, kN, kN, kN};

RoleDefinition BuiltIn(std::string name, std::string description, LevelTable levels,
                       FieldTable fields = {}) {
  return RoleDefinition{.name = std::move(name),
                        .description = std::move(description),
                        .built_in = true,
                        .levels = levels,
                        .fields = std::move(fields)};
}

FieldTable SensitiveHidden() {
  FieldTable fields;
  for (Object object :
       {Object::kCustomers, Object::kCompanies, Object::kInteractions, Object::kAudit}) {
    fields[static_cast<size_t>(object)][std::string(kSensitiveGroup)] = FieldRule::kHidden;
  }
  return fields;
}

constexpr Row kConfigure{kA, kA, kA, kA, kN, kN};

// The knowledge base (docs/design/helpcenter.md § Access): read = staff read drafts, revisions and
// search them; create = write drafts (new ones, and edit drafts); edit = publish, archive, change
// published articles and categories; delete = delete them. Every role reads; support writes
// drafts; admins and managers publish.
constexpr Row kKbWriteDrafts{kA, kA, kN, kN, kN, kN};

// One role's table: the four record objects, then the desk's tickets and its configuration
// (queues, canned replies, SLA policies), which every role but the administrators' reads, then
// the knowledge base.
LevelTable Levels(Row customers, Row companies, Row interactions, Row audit, Row tickets,
                  Row configuration = kReadOnlyAll, Row knowledge_base = kReadOnlyAll) {
  return {customers,     companies,     interactions,  audit,          tickets,
          configuration, configuration, configuration, knowledge_base, kNothing,
          kNothing,      kNothing,      kNothing,      kNothing};
}

// Feedback, tasks and loyalty (docs/design/access.md § Feedback, tasks and loyalty), set per role
// after its table: tasks follow their assignee; a loyalty `create` grants goodwill points and
// issues vouchers, `edit` adjusts a balance (a permission of its own), `import` opens balances.
struct Engagement {
  Row tasks, surveys, reviews, loyalty, programmes;
};

LevelTable With(LevelTable levels, const Engagement& rows) {
  auto set = [&](Object object, const Row& row) { levels[static_cast<size_t>(object)] = row; };
  set(Object::kTasks, rows.tasks);
  set(Object::kSurveys, rows.surveys);
  set(Object::kReviews, rows.reviews);
  set(Object::kLoyalty, rows.loyalty);
  set(Object::kLoyaltyProgrammes, rows.programmes);
  return levels;
}

std::vector<RoleDefinition> MakeBuiltInRoles() {
  // Interactions take their owner from their customer, so "team" there means the timelines of
  // the team's customers. Tickets have no owner: "team" reaches the tickets of the queues of the
  // user's teams, of no team, and those assigned to the user; a ticket also needs its customer
  // readable, so read "all" is "the tickets of every customer one reads" (access.md).
  std::vector<RoleDefinition> roles;
  roles.push_back(BuiltIn("admin", "Everything, including users, teams, roles and settings",
                          With(Levels(kEverything, kEverything, kEverything, kReadOnlyAll,
                                      kEverything, kConfigure, kConfigure),
                               {kEverything, kEverything, kEverything, kEverything, kConfigure})));
  roles.push_back(BuiltIn("manager", "Every record; deletes within the team; reads the audit trail",
                          With(Levels(Row{kA, kA, kA, kT, kA, kA}, Row{kA, kA, kA, kT, kA, kA},
                                      Row{kA, kA, kA, kT, kA, kA}, kReadOnlyAll,
                                      Row{kA, kA, kA, kT, kA, kA}, kConfigure, kConfigure),
                               {Row{kA, kA, kA, kT, kA, kA}, Row{kA, kA, kA, kA, kA, kN},
                                kEverything, kEverything, kConfigure})));
  roles.push_back(BuiltIn("sales",
                          "The team's customers and their timelines; changes their own; reads "
                          "their customers' tickets",
                          With(Levels(Row{kT, kO, kO, kO, kO, kN}, Row{kA, kA, kT, kN, kN, kN},
                                      Row{kT, kT, kO, kO, kN, kN}, kNothing, kReadOnlyAll),
                               {Row{kT, kA, kO, kO, kN, kN}, kReadOnlyAll, kReadOnlyAll,
                                Row{kA, kA, kN, kN, kN, kN}, kReadOnlyAll})));
  roles.push_back(
      BuiltIn("support",
              "Every customer and timeline, to answer and log contacts; works the "
              "tickets of the team's queues and its own; sensitive fields hidden",
              With(Levels(Row{kA, kA, kA, kN, kN, kN}, kReadOnlyAll, Row{kA, kA, kO, kN, kN, kN},
                          kNothing, Row{kT, kT, kT, kN, kN, kN}, kReadOnlyAll, kKbWriteDrafts),
                   {Row{kT, kA, kO, kO, kN, kN}, kReadOnlyAll, Row{kA, kA, kA, kN, kN, kN},
                    Row{kA, kA, kN, kN, kN, kN}, kReadOnlyAll}),
              SensitiveHidden()));
  roles.push_back(
      BuiltIn("marketing",
              "Every customer for segments and campaigns, with export and import; "
              "sensitive fields hidden",
              With(Levels(Row{kA, kA, kA, kN, kA, kA}, Row{kA, kN, kN, kN, kA, kN},
                          Row{kA, kA, kN, kN, kA, kN}, kNothing, kReadOnlyAll),
                   {Row{kO, kA, kO, kO, kN, kN}, Row{kA, kA, kA, kA, kA, kN},
                    Row{kA, kA, kA, kN, kA, kA}, Row{kA, kN, kN, kN, kA, kA}, kConfigure}),
              SensitiveHidden()));
  roles.push_back(BuiltIn(
      "viewer",
      "Reads customers, companies, timelines and tickets; sensitive fields "
      "hidden",
      With(Levels(kReadOnlyAll, kReadOnlyAll, kReadOnlyAll, kNothing, kReadOnlyAll),
           {Row{kO, kN, kN, kN, kN, kN}, kReadOnlyAll, kReadOnlyAll, kReadOnlyAll, kReadOnlyAll}),
      SensitiveHidden()));
  return roles;
}

template <size_t N>
std::optional<size_t> IndexOf(const std::array<std::string_view, N>& names, std::string_view name) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<size_t>(it - names.begin());
}

bool OneOf(std::initializer_list<std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

constexpr std::string_view kNotAnObject =
    "is not an object type (customers, companies, interactions, audit, tickets, queues, "
    "canned_replies, sla_policies, knowledge_base, tasks, surveys, reviews, loyalty, "
    "loyalty_programmes)";

constexpr size_t kMaxRoleName = 64;
constexpr size_t kMaxDescription = 500;

bool ValidRoleName(std::string_view name) {
  if (name.empty() || name.size() > kMaxRoleName) return false;
  if (!std::islower(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

void ParseGrants(const json::value& value, LevelTable& levels, std::vector<FieldError>& errors) {
  if (!value.is_object()) {
    errors.push_back({"grants", "must be an object of object types"});
    return;
  }
  for (const auto& [object_name, actions] : value.as_object()) {
    const std::string path = "grants." + std::string(object_name);
    auto object = IndexOf(kObjectNames, object_name);
    if (!object) {
      errors.push_back({path, std::string(kNotAnObject)});
      continue;
    }
    if (!actions.is_object()) {
      errors.push_back({path, "must be an object of actions"});
      continue;
    }
    for (const auto& [action_name, level_value] : actions.as_object()) {
      const std::string action_path = path + "." + std::string(action_name);
      auto action = IndexOf(kActionNames, action_name);
      if (!action) {
        errors.push_back(
            {action_path, "is not an action (read, create, edit, delete, export, import)"});
        continue;
      }
      auto level =
          level_value.is_string() ? IndexOf(kLevelNames, level_value.as_string()) : std::nullopt;
      if (!level) {
        errors.push_back({action_path, "must be one of all, team, own, none"});
        continue;
      }
      // The audit trail and the desk's configuration have no owners: all or nothing.
      const Object target = static_cast<Object>(*object);
      if (!TakesOwnerLevels(target) && *level != 0 && *level != 3) {
        errors.push_back(
            {action_path, target == Object::kAudit
                              ? "must be all or none for the audit trail"
                              : "must be all or none for " + std::string(kObjectNames[*object])});
        continue;
      }
      levels[*object][*action] = static_cast<Level>(*level);
    }
  }
}

void ParseFields(const json::value& value, FieldTable& fields, std::vector<FieldError>& errors) {
  if (!value.is_object()) {
    errors.push_back({"fields", "must be an object of object types"});
    return;
  }
  for (const auto& [object_name, rules] : value.as_object()) {
    const std::string path = "fields." + std::string(object_name);
    auto object = IndexOf(kObjectNames, object_name);
    if (!object) {
      errors.push_back({path, std::string(kNotAnObject)});
      continue;
    }
    if (!rules.is_object()) {
      errors.push_back({path, "must be an object of field rules"});
      continue;
    }
    for (const auto& [field, rule_value] : rules.as_object()) {
      const std::string field_path = path + "." + std::string(field);
      // Both arms as views: `as_string() : ""` would build a temporary json::string for the
      // view to dangle into (ASan at -O1 reports it).
      const std::string_view rule =
          rule_value.is_string() ? std::string_view(rule_value.as_string()) : std::string_view();
      if (rule != "hidden" && rule != "read_only" && rule != "visible") {
        errors.push_back({field_path, "must be hidden, read_only or visible"});
      } else if (rule == "hidden" && !IsHideable(static_cast<Object>(*object), field)) {
        errors.push_back({field_path, "cannot be hidden"});
      } else if (rule == "read_only" && !CanBeReadOnly(static_cast<Object>(*object), field)) {
        errors.push_back({field_path, "cannot be made read-only"});
      } else if (rule != "visible") {
        fields[*object][std::string(field)] =
            rule == "hidden" ? FieldRule::kHidden : FieldRule::kReadOnly;
      }
    }
  }
}

}  // namespace

std::string_view Name(Object object) { return kObjectNames[static_cast<size_t>(object)]; }
std::string_view Name(Action action) { return kActionNames[static_cast<size_t>(action)]; }
std::string_view Name(Level level) { return kLevelNames[static_cast<size_t>(level)]; }

std::optional<Object> ParseObject(std::string_view name) {
  auto index = IndexOf(kObjectNames, name);
  if (!index) return std::nullopt;
  return static_cast<Object>(*index);
}

std::optional<Action> ParseAction(std::string_view name) {
  auto index = IndexOf(kActionNames, name);
  if (!index) return std::nullopt;
  return static_cast<Action>(*index);
}

const std::vector<RoleDefinition>& BuiltInRoles() {
  static const std::vector<RoleDefinition> kRoles = MakeBuiltInRoles();
  return kRoles;
}

const RoleDefinition* FindBuiltInRole(std::string_view name) {
  for (const auto& role : BuiltInRoles()) {
    if (role.name == name) return &role;
  }
  return nullptr;
}

bool TakesOwnerLevels(Object object) {
  return object == Object::kCustomers || object == Object::kCompanies ||
         object == Object::kInteractions || object == Object::kTickets || object == Object::kTasks;
}

bool IsHideable(Object object, std::string_view field) {
  if (field == kSensitiveGroup) {
    return object == Object::kCustomers || object == Object::kCompanies ||
           object == Object::kInteractions;
  }
  if (field.starts_with("custom_fields.") && field.size() > 14) {
    return object == Object::kCustomers || object == Object::kCompanies;
  }
  switch (object) {
    case Object::kCustomers:
      return OneOf({"birthday", "addresses", "language", "time_zone", "external_id",
                    "relationship_type", "preferred_channel", "payment_methods"},
                   field);
    case Object::kCompanies:
      return OneOf({"address", "industry", "size"}, field);
    case Object::kInteractions:
      return OneOf({"body", "metadata"}, field);
    default:  // the audit trail, tickets and the desk's configuration: nothing hideable yet
      return false;
  }
}

bool CanBeReadOnly(Object object, std::string_view field) {
  if (IsHideable(object, field)) return true;
  switch (object) {
    case Object::kCustomers:
      return OneOf({"first_name", "last_name", "display_name", "emails", "phones", "company_id",
                    "owner_id", "lifecycle_stage", "tags", "consent"},
                   field);
    case Object::kCompanies:
      return OneOf({"name", "domain", "owner_id", "tags"}, field);
    default:
      return false;
  }
}

Result<RoleDefinition> ParseRole(const json::object& input, bool require_name) {
  RoleDefinition role;
  std::vector<FieldError> errors;
  for (const auto& [key, value] : input) {
    if (key == "name") {
      if (!value.is_string() || !ValidRoleName(value.as_string())) {
        errors.push_back({"name",
                          "must be 1-64 characters: lower-case letters, digits, '_' or '-', "
                          "starting with a letter"});
      } else {
        role.name = value.as_string();
      }
    } else if (key == "description") {
      if (!value.is_string() || value.as_string().size() > kMaxDescription) {
        errors.push_back({"description", "must be text of at most 500 characters"});
      } else {
        role.description = value.as_string();
      }
    } else if (key == "grants") {
      ParseGrants(value, role.levels, errors);
    } else if (key == "fields") {
      ParseFields(value, role.fields, errors);
    } else {
      errors.push_back({std::string(key), "is not a known field"});
    }
  }
  if (require_name && !input.contains("name")) errors.push_back({"name", "is required"});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return role;
}

json::object GrantsToJson(const LevelTable& levels) {
  json::object grants;
  for (size_t o = 0; o < kObjectCount; ++o) {
    json::object actions;
    for (size_t a = 0; a < kActionCount; ++a) {
      actions[kActionNames[a]] = kLevelNames[static_cast<size_t>(levels[o][a])];
    }
    grants[kObjectNames[o]] = std::move(actions);
  }
  return grants;
}

json::object FieldsToJson(const FieldTable& fields) {
  json::object out;
  for (size_t o = 0; o < kObjectCount; ++o) {
    if (fields[o].empty()) continue;
    json::object rules;
    for (const auto& [field, rule] : fields[o]) {
      rules[field] = rule == FieldRule::kHidden ? "hidden" : "read_only";
    }
    out[kObjectNames[o]] = std::move(rules);
  }
  return out;
}

json::object RoleToJson(const RoleDefinition& role) {
  json::object out{{"name", role.name},
                   {"description", role.description},
                   {"built_in", role.built_in},
                   {"grants", GrantsToJson(role.levels)},
                   {"fields", FieldsToJson(role.fields)}};
  if (!role.built_in) {
    out["created_at"] = role.created_at;
    out["updated_at"] = role.updated_at;
    out["version"] = role.version;
  }
  return out;
}

bool IsValidScope(std::string_view scope) {
  const size_t colon = scope.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view object = scope.substr(0, colon);
  const std::string_view action = scope.substr(colon + 1);
  return (object == "*" || ParseObject(object)) && (action == "*" || ParseAction(action));
}

bool ScopeCovers(std::string_view scope, Object object, Action action) {
  const size_t colon = scope.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view object_part = scope.substr(0, colon);
  const std::string_view action_part = scope.substr(colon + 1);
  return (object_part == "*" || object_part == Name(object)) &&
         (action_part == "*" || action_part == Name(action));
}

}  // namespace rapport::access
