// Access: what one caller may do — the merged grants of their roles, narrowed by a token's
// scopes, with the user ids their "team" level reaches and the fields their roles hide or freeze.
//
// This is the single place where record access is decided. Services take an Access on every
// read and write path and use it two ways that always agree: `Scope` compiles a level into a SQL
// condition over a record's owner column, ANDed into list, search and join queries; `Allows`
// answers the same question for one loaded record. A record the caller may not read is reported
// as not found by the services, so existence never leaks. Built by AccessDirectory; immutable
// once built, so one instance is shared by concurrent requests without locking.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/grants.hpp"
#include "common/json.hpp"
#include "storage/value.hpp"

namespace rapport::access {

// A SQL boolean over a record's owner column, with its bound parameters.
struct ScopeCondition {
  std::string sql;
  std::vector<storage::Value> params;
};

// Where a ticket sits, which decides the tickets levels (tickets have no owner): the team of its
// queue (none for a ticket in no queue or in a queue without a team) and its assignee.
struct TicketPlace {
  std::optional<std::string> team_id;
  std::optional<std::string> assignee_id;
};

class Access {
 public:
  // Full access with nothing hidden: the CLI, demo data and legacy tokens without an owner.
  static const Access& Unrestricted();

  // `team_ids`: the teams the user belongs to (the tickets "team" level reaches their queues).
  Access(std::string user_id, std::vector<std::string> team_user_ids, LevelTable levels,
         FieldTable fields, bool admin, bool scoped = false,
         std::vector<std::string> team_ids = {});

  const std::string& user_id() const { return user_id_; }
  // Holds the admin role (and is not narrowed by token scopes): may use the admin API.
  bool is_admin() const { return admin_; }
  // Narrowed by a token's scopes: such a credential may not mint others (no escalation).
  bool is_scoped() const { return scoped_; }
  Level LevelFor(Object object, Action action) const;
  // {admin, grants: {object: {action: level}}, fields: {object: {field: rule}}}: what clients
  // (the web app) use to show only what the caller may do. The server enforces regardless.
  json::object ToJson() const;
  // Whether `action` reaches a record owned by `owner` (nullopt: no owner; only "all" reaches).
  bool Allows(Object object, Action action, const std::optional<std::string>& owner) const;
  // The same rule as Allows, as SQL over `owner_expression` (e.g. "c.owner_id").
  ScopeCondition Scope(Object object, Action action, std::string_view owner_expression) const;

  // Tickets: "all" reaches every ticket; "team" the tickets of the queues of the caller's teams,
  // of queues without a team and of no queue, and those assigned to the caller; "own" those
  // assigned to the caller. Services also require the ticket's customer to be readable.
  bool AllowsTicket(Action action, const TicketPlace& place) const;
  // The same rule as SQL over a ticket's queue team and assignee expressions.
  ScopeCondition TicketScope(Action action, std::string_view team_expression,
                             std::string_view assignee_expression) const;

  FieldRule Rule(Object object, std::string_view field) const;
  bool IsHidden(Object object, std::string_view field) const {
    return Rule(object, field) == FieldRule::kHidden;
  }
  // Whether any field of `object` (custom fields included) is hidden from the caller: records
  // rendered for everyone (customers' served records) may be served only when none is.
  bool HidesFields(Object object) const;
  // Removes hidden fields (top level and custom_fields.<key>) from one served record.
  void Redact(Object object, json::object& record) const;
  // Removes hidden fields from an audit entry's changes ([{field, old, new}]), including hidden
  // keys inside a custom_fields change.
  void RedactChanges(Object object, json::array& changes) const;
  // Prepares a create or patch body for the caller, before the area validates it:
  // - a hidden field is taken out and reported in `hidden` with the words an absent field gets,
  //   for the area to report beside its own errors (WithHiddenFields), so nothing tells a hidden
  //   field from one that does not exist;
  // - `custom_fields: null` ("clear them all") is narrowed to the keys of `current_custom_fields`
  //   the caller may see and change, so it cannot erase what the caller cannot see;
  // - a read-only field answers kPermissionDenied naming it.
  Result<json::object> PrepareInput(Object object, const json::object& input,
                                    const json::object& current_custom_fields,
                                    std::vector<FieldError>& hidden) const;
  // Create: checks the level; when the caller's level is own or team and no owner is given,
  // the new record is the caller's. Call after PrepareInput (the owner it adds is not input).
  Status AuthorizeCreate(Object object, json::object& input) const;
  // Edit of a record the caller can read: the level must reach its current owner, and any new
  // owner in the patch. Fields are PrepareInput's.
  Status AuthorizeEdit(Object object, const std::optional<std::string>& owner,
                       const json::object& patch) const;
  Status AuthorizeDelete(Object object, const std::optional<std::string>& owner) const;

 private:
  std::string user_id_;
  std::vector<std::string> team_user_ids_;  // sorted; includes user_id_
  std::vector<std::string> team_ids_;       // sorted
  LevelTable levels_;
  FieldTable fields_;  // concrete fields only (groups expanded by the directory)
  bool admin_ = false;
  bool scoped_ = false;
};

Error NotPermitted(Object object, Action action);
// The area's validation result with the hidden fields PrepareInput took out reported first, as
// one kInvalidArgument — the same answer the fields would get if they did not exist.
Status WithHiddenFields(Status validated, std::vector<FieldError> hidden);
// The "owner_id" of a served record, if it has one.
std::optional<std::string> OwnerOf(const json::object& record);

}  // namespace rapport::access
