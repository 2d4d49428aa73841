#include "access/access.hpp"

#include <algorithm>

namespace rapport::access {
namespace {

constexpr std::string_view kCustomFieldsPrefix = "custom_fields.";

std::string_view Singular(Object object) {
  switch (object) {
    case Object::kCustomers:
      return "customer";
    case Object::kCompanies:
      return "company";
    case Object::kInteractions:
      return "interaction";
    case Object::kAudit:
      return "audit entry";
    case Object::kTickets:
      return "ticket";
    case Object::kQueues:
      return "queue";
    case Object::kCannedReplies:
      return "canned reply";
    case Object::kSlaPolicies:
      return "SLA policy";
    case Object::kKnowledgeBase:
      return "knowledge base article";
    case Object::kTasks:
      return "task";
    case Object::kSurveys:
      return "survey";
    case Object::kReviews:
      return "review";
    case Object::kLoyalty:
      return "loyalty account";
    case Object::kLoyaltyProgrammes:
      return "loyalty programme";
  }
  return "record";
}

LevelTable AllLevels() {
  LevelTable levels;
  for (auto& row : levels) row.fill(Level::kAll);
  return levels;
}

}  // namespace

Error NotPermitted(Object object, Action action) {
  return Error::PermissionDenied("Your role does not allow you to " + std::string(Name(action)) +
                                 " this " + std::string(Singular(object)) + ".");
}

std::optional<std::string> OwnerOf(const json::object& record) {
  const json::value* owner = record.if_contains("owner_id");
  if (owner == nullptr || !owner->is_string()) return std::nullopt;
  return std::string(owner->as_string());
}

const Access& Access::Unrestricted() {
  static const Access kUnrestricted({}, {}, AllLevels(), {}, true);
  return kUnrestricted;
}

Access::Access(std::string user_id, std::vector<std::string> team_user_ids, LevelTable levels,
               FieldTable fields, bool admin, bool scoped, std::vector<std::string> team_ids)
    : user_id_(std::move(user_id)),
      team_user_ids_(std::move(team_user_ids)),
      team_ids_(std::move(team_ids)),
      levels_(levels),
      fields_(std::move(fields)),
      admin_(admin),
      scoped_(scoped) {
  if (!user_id_.empty()) team_user_ids_.push_back(user_id_);
  std::sort(team_user_ids_.begin(), team_user_ids_.end());
  team_user_ids_.erase(std::unique(team_user_ids_.begin(), team_user_ids_.end()),
                       team_user_ids_.end());
  std::sort(team_ids_.begin(), team_ids_.end());
}

json::object Access::ToJson() const {
  return json::object{
      {"admin", admin_}, {"grants", GrantsToJson(levels_)}, {"fields", FieldsToJson(fields_)}};
}

Level Access::LevelFor(Object object, Action action) const {
  return levels_[static_cast<size_t>(object)][static_cast<size_t>(action)];
}

bool Access::Allows(Object object, Action action, const std::optional<std::string>& owner) const {
  switch (LevelFor(object, action)) {
    case Level::kAll:
      return true;
    case Level::kTeam:
      return owner && std::binary_search(team_user_ids_.begin(), team_user_ids_.end(), *owner);
    case Level::kOwn:
      return owner && !user_id_.empty() && *owner == user_id_;
    case Level::kNone:
      return false;
  }
  return false;
}

ScopeCondition Access::Scope(Object object, Action action,
                             std::string_view owner_expression) const {
  const std::string owner(owner_expression);
  switch (LevelFor(object, action)) {
    case Level::kAll:
      return {"1", {}};
    case Level::kTeam: {
      if (team_user_ids_.empty()) return {"0", {}};
      ScopeCondition condition{owner + " IN (", {}};
      for (size_t i = 0; i < team_user_ids_.size(); ++i) {
        condition.sql += i == 0 ? "?" : ", ?";
        condition.params.emplace_back(team_user_ids_[i]);
      }
      condition.sql += ")";
      return condition;
    }
    case Level::kOwn:
      if (user_id_.empty()) return {"0", {}};
      return {owner + " = ?", {storage::Value(user_id_)}};
    case Level::kNone:
      return {"0", {}};
  }
  return {"0", {}};
}

bool Access::AllowsTicket(Action action, const TicketPlace& place) const {
  const bool assigned = place.assignee_id && !user_id_.empty() && *place.assignee_id == user_id_;
  switch (LevelFor(Object::kTickets, action)) {
    case Level::kAll:
      return true;
    case Level::kTeam:
      return assigned || !place.team_id ||
             std::binary_search(team_ids_.begin(), team_ids_.end(), *place.team_id);
    case Level::kOwn:
      return assigned;
    case Level::kNone:
      return false;
  }
  return false;
}

ScopeCondition Access::TicketScope(Action action, std::string_view team_expression,
                                   std::string_view assignee_expression) const {
  const Level level = LevelFor(Object::kTickets, action);
  if (level == Level::kAll) return {"1", {}};
  if (level == Level::kNone || (level == Level::kOwn && user_id_.empty())) return {"0", {}};
  ScopeCondition condition;
  if (!user_id_.empty()) {
    condition.sql = std::string(assignee_expression) + " = ?";
    condition.params.emplace_back(user_id_);
  }
  if (level == Level::kTeam) {
    if (!condition.sql.empty()) condition.sql += " OR ";
    condition.sql += std::string(team_expression) + " IS NULL";
    if (!team_ids_.empty()) {
      condition.sql += " OR " + std::string(team_expression) + " IN (";
      for (size_t i = 0; i < team_ids_.size(); ++i) {
        condition.sql += i == 0 ? "?" : ", ?";
        condition.params.emplace_back(team_ids_[i]);
      }
      condition.sql += ")";
    }
  }
  return condition;
}

FieldRule Access::Rule(Object object, std::string_view field) const {
  const auto& rules = fields_[static_cast<size_t>(object)];
  if (rules.empty()) return FieldRule::kVisible;
  auto it = rules.find(std::string(field));
  return it == rules.end() ? FieldRule::kVisible : it->second;
}

bool Access::HidesFields(Object object) const {
  const auto& rules = fields_[static_cast<size_t>(object)];
  return std::any_of(rules.begin(), rules.end(),
                     [](const auto& rule) { return rule.second == FieldRule::kHidden; });
}

void Access::Redact(Object object, json::object& record) const {
  const auto& rules = fields_[static_cast<size_t>(object)];
  for (const auto& [field, rule] : rules) {
    if (rule != FieldRule::kHidden) continue;
    if (std::string_view(field).starts_with(kCustomFieldsPrefix)) {
      if (json::value* values = record.if_contains("custom_fields");
          values && values->is_object()) {
        values->as_object().erase(std::string_view(field).substr(kCustomFieldsPrefix.size()));
      }
    } else {
      record.erase(field);
    }
  }
}

void Access::RedactChanges(Object object, json::array& changes) const {
  if (fields_[static_cast<size_t>(object)].empty()) return;
  json::array kept;
  for (auto& change : changes) {
    if (!change.is_object()) continue;
    json::object& entry = change.as_object();
    const json::value* field = entry.if_contains("field");
    if (field == nullptr || !field->is_string()) continue;
    if (IsHidden(object, field->as_string())) continue;
    if (field->as_string() == "custom_fields") {
      for (const char* side : {"old", "new"}) {
        json::object wrapper{{"custom_fields", entry[side]}};
        Redact(object, wrapper);
        entry[side] = wrapper["custom_fields"];
      }
    }
    kept.push_back(std::move(change));
  }
  changes = std::move(kept);
}

Result<json::object> Access::PrepareInput(Object object, const json::object& input,
                                          const json::object& current_custom_fields,
                                          std::vector<FieldError>& hidden) const {
  const auto& rules = fields_[static_cast<size_t>(object)];
  if (rules.empty()) return input;
  json::object prepared;
  std::vector<FieldError> frozen;
  auto writable = [&](const std::string& field) {
    const FieldRule rule = Rule(object, field);
    if (rule == FieldRule::kReadOnly) frozen.push_back({field, "is read-only for your role"});
    return rule == FieldRule::kVisible;
  };
  for (const auto& [key, value] : input) {
    const std::string field(key);
    if (field == "custom_fields" && (value.is_object() || value.is_null())) {
      json::object values;
      if (value.is_object()) {
        for (const auto& [custom_key, custom_value] : value.as_object()) {
          const std::string path = std::string(kCustomFieldsPrefix) + std::string(custom_key);
          if (IsHidden(object, path)) {
            hidden.push_back({path, "is not a defined custom field"});
          } else if (writable(path)) {
            values[custom_key] = custom_value;
          }
        }
      } else {
        // Clearing every custom field clears only those the caller may see and change.
        for (const auto& [custom_key, unused] : current_custom_fields) {
          if (Rule(object, std::string(kCustomFieldsPrefix) + std::string(custom_key)) ==
              FieldRule::kVisible) {
            values[custom_key] = nullptr;
          }
        }
      }
      prepared["custom_fields"] = std::move(values);
    } else if (IsHidden(object, field)) {
      hidden.push_back({field, "is not a known field"});
    } else if (writable(field)) {
      prepared[key] = value;
    }
  }
  if (!frozen.empty()) {
    Error error = Error::PermissionDenied(
        frozen.size() == 1 ? "The field " + frozen.front().field + " is read-only for your role."
                           : "Some fields are read-only for your role.");
    error.field_errors = std::move(frozen);
    return error;
  }
  return prepared;
}

Status WithHiddenFields(Status validated, std::vector<FieldError> hidden) {
  if (hidden.empty()) return validated;
  if (validated.ok()) return Error::Invalid(std::move(hidden));
  if (validated.error().code != ErrorCode::kInvalidArgument) return validated;
  // The order a missing field would have: validators report unknown top-level keys first and
  // custom-field keys where they read custom_fields, after the standard fields.
  std::vector<FieldError> ordered;
  for (auto& field_error : hidden) {
    if (!field_error.field.starts_with(kCustomFieldsPrefix)) ordered.push_back(field_error);
  }
  for (auto& field_error : std::move(validated).error().field_errors) {
    ordered.push_back(std::move(field_error));
  }
  for (auto& field_error : hidden) {
    if (field_error.field.starts_with(kCustomFieldsPrefix)) ordered.push_back(field_error);
  }
  return Error::Invalid(std::move(ordered));
}

Status Access::AuthorizeCreate(Object object, json::object& input) const {
  if (LevelFor(object, Action::kCreate) == Level::kNone) {
    return NotPermitted(object, Action::kCreate);
  }
  const json::value* owner_value = input.if_contains("owner_id");
  const Level level = LevelFor(object, Action::kCreate);
  if ((owner_value == nullptr || owner_value->is_null()) && level != Level::kAll &&
      !user_id_.empty()) {
    input["owner_id"] = user_id_;
    owner_value = input.if_contains("owner_id");
  }
  std::optional<std::string> owner;
  if (owner_value != nullptr && owner_value->is_string()) owner = owner_value->as_string();
  if (!Allows(object, Action::kCreate, owner)) {
    Error error = NotPermitted(object, Action::kCreate);
    error.message = "Your role may only create " + std::string(Name(object)) +
                    (level == Level::kOwn ? " that you own." : " owned by your team.");
    error.field_errors.push_back({"owner_id", error.message});
    return error;
  }
  return OkStatus();
}

Status Access::AuthorizeEdit(Object object, const std::optional<std::string>& owner,
                             const json::object& patch) const {
  if (!Allows(object, Action::kEdit, owner)) return NotPermitted(object, Action::kEdit);
  if (const json::value* new_owner = patch.if_contains("owner_id")) {
    std::optional<std::string> target;
    if (new_owner->is_string()) target = new_owner->as_string();
    if (target != owner && !Allows(object, Action::kEdit, target)) {
      Error error = NotPermitted(object, Action::kEdit);
      error.message =
          "Your role may not hand this " + std::string(Singular(object)) + " to that owner.";
      error.field_errors.push_back({"owner_id", error.message});
      return error;
    }
  }
  return OkStatus();
}

Status Access::AuthorizeDelete(Object object, const std::optional<std::string>& owner) const {
  if (!Allows(object, Action::kDelete, owner)) return NotPermitted(object, Action::kDelete);
  return OkStatus();
}

}  // namespace rapport::access
