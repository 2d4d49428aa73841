// Grants: the vocabulary of record access — object types, actions, levels, field rules — and the
// role definitions built from them (docs/design/access.md).
//
// A role grants, per object type and action, a level: all records, the team's (owned by anyone in
// one of the user's teams), the user's own (owner_id = the user), or none. It can also mark
// fields of an object hidden (absent from every read, filter and write) or read-only. The six
// built-in roles are defined here in code and cannot be changed; admins define more
// (RoleService). Pure values and functions; thread-safe.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"

namespace rapport::access {

// Tickets, queues, canned replies and SLA policies are the service desk's (docs/design/access.md
// § The service desk); the knowledge base is the help center's articles, categories and search
// (docs/design/helpcenter.md § Access). Staff tasks take their owner from the assignee; surveys
// (their definitions, sending and results) and loyalty programmes are configuration; reviews and
// loyalty members' ledgers also need their customer readable, and a loyalty `edit` is the
// adjustment permission of its own (docs/design/access.md § Feedback, tasks and loyalty). Appended,
// never reordered: stored roles name objects, not positions.
enum class Object {
  kCustomers,
  kCompanies,
  kInteractions,
  kAudit,
  kTickets,
  kQueues,
  kCannedReplies,
  kSlaPolicies,
  kKnowledgeBase,
  kTasks,
  kSurveys,
  kReviews,
  kLoyalty,
  kLoyaltyProgrammes
};
enum class Action { kRead, kCreate, kEdit, kDelete, kExport, kImport };
// Ordered from least to most permissive: merging roles takes the maximum.
enum class Level { kNone, kOwn, kTeam, kAll };
// Ordered from least to most restrictive: merging roles takes the minimum.
enum class FieldRule { kVisible, kReadOnly, kHidden };

inline constexpr std::array<std::string_view, 14> kObjectNames{
    "customers",      "companies",         "interactions",   "audit", "tickets", "queues",
    "canned_replies", "sla_policies",      "knowledge_base", "tasks", "surveys", "reviews",
    "loyalty",        "loyalty_programmes"};
inline constexpr std::array<std::string_view, 6> kActionNames{"read",   "create", "edit",
                                                              "delete", "export", "import"};
inline constexpr std::array<std::string_view, 4> kLevelNames{"none", "own", "team", "all"};
inline constexpr size_t kObjectCount = kObjectNames.size();
inline constexpr size_t kActionCount = kActionNames.size();

// Whether a level other than all and none means anything for `object`, which takes owners: the
// audit trail, the desk's configuration (queues, canned replies, SLA policies) and the knowledge
// base have none.
bool TakesOwnerLevels(Object object);

// The field group that stands for every sensitive field of an object: birthday, saved payment
// methods and custom fields marked sensitive for customers, sensitive custom fields for companies.
// Expanded per request by AccessDirectory, so a newly sensitive field is covered at once.
inline constexpr std::string_view kSensitiveGroup = "sensitive";

using LevelTable = std::array<std::array<Level, kActionCount>, kObjectCount>;
// Field path ("birthday", "custom_fields.<key>", "sensitive") -> rule, per object.
using FieldTable = std::array<std::map<std::string, FieldRule>, kObjectCount>;

struct RoleDefinition {
  std::string name;
  std::string description;
  bool built_in = false;
  LevelTable levels{};  // value-initialised: kNone everywhere
  FieldTable fields;
  std::string created_at;  // custom roles only
  std::string updated_at;
  int64_t version = 1;
};

std::string_view Name(Object object);
std::string_view Name(Action action);
std::string_view Name(Level level);
std::optional<Object> ParseObject(std::string_view name);
std::optional<Action> ParseAction(std::string_view name);

const std::vector<RoleDefinition>& BuiltInRoles();
const RoleDefinition* FindBuiltInRole(std::string_view name);

// Fields an object lets a role hide (besides "custom_fields.<key>" and the sensitive group), and
// the fields it lets a role make read-only (hideable ones included). Names, e-mail addresses,
// phones, tags and ownership are never hideable: they drive full-text search, sorting and access
// itself, so hiding them could not be made complete.
bool IsHideable(Object object, std::string_view field);
bool CanBeReadOnly(Object object, std::string_view field);

// Reads {name, description, grants: {object: {action: level}}, fields: {object: {field: rule}}}.
// `require_name` is false for patches, which keep the stored name. Field errors name the exact
// path ("grants.customers.read").
Result<RoleDefinition> ParseRole(const json::object& input, bool require_name);
json::object RoleToJson(const RoleDefinition& role);
json::object GrantsToJson(const LevelTable& levels);
json::object FieldsToJson(const FieldTable& fields);

// A token scope: "<object>:<action>" where either side may be "*" ("customers:read",
// "interactions:*", "*:read"). Scopes only narrow the owner's grants, never widen them.
bool IsValidScope(std::string_view scope);
bool ScopeCovers(std::string_view scope, Object object, Action action);

}  // namespace rapport::access
