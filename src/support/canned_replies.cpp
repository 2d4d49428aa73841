#include "support/canned_replies.hpp"

#include <algorithm>
#include <map>

#include "common/ids.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"
#include "support/ticket_changes.hpp"
#include "support/ticket_rules.hpp"

namespace rapport::support {
namespace {

using storage::Rows;
using storage::Tx;

constexpr size_t kMaxName = 100;
// What a reply may set: the statuses staff move tickets to by hand.
constexpr std::array<std::string_view, 4> kStaffStatuses{"open", "pending", "on_hold", "solved"};
constexpr std::string_view kOpen = "{{";
constexpr std::string_view kClose = "}}";

#define RAPPORT_CANNED_COLUMNS "id, name, owner_id, body, actions, created_at, updated_at, version"
constexpr std::string_view kSelect =
    "SELECT " RAPPORT_CANNED_COLUMNS " FROM canned_replies WHERE id = ?";
constexpr std::string_view kSelectVisible =
    "SELECT " RAPPORT_CANNED_COLUMNS
    " FROM canned_replies WHERE owner_id IS NULL OR owner_id = ? ORDER BY name, id";
constexpr std::string_view kInsert =
    "INSERT INTO canned_replies (id, name, owner_id, body, actions, created_at, updated_at, "
    "version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)";
constexpr std::string_view kUpdate =
    "UPDATE canned_replies SET name = ?, owner_id = ?, body = ?, actions = ?, updated_at = ?, "
    "version = version + 1 WHERE id = ? AND version = ?";
constexpr std::string_view kDelete = "DELETE FROM canned_replies WHERE id = ?";
constexpr std::string_view kCustomerNames =
    "SELECT first_name, last_name, display_name FROM customers WHERE id = ?";
constexpr std::string_view kAgent = "SELECT name, email FROM users WHERE id = ?";

struct Reply {
  std::string id;
  std::string name;
  std::optional<std::string> owner_id;  // none: shared
  std::string body;
  json::object actions;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

Reply FromRow(const storage::Row& row) {
  auto actions = ParseJsonObject(row.Text(4));
  return Reply{.id = row.Text(0),
               .name = row.Text(1),
               .owner_id = row.OptText(2),
               .body = row.Text(3),
               .actions = actions.ok() ? std::move(actions).value() : json::object(),
               .created_at = row.Text(5),
               .updated_at = row.Text(6),
               .version = row.Int(7)};
}

json::object ToJson(const Reply& reply) {
  return json::object{{"id", reply.id},
                      {"name", reply.name},
                      {"shared", !reply.owner_id},
                      {"owner_id", reply.owner_id ? json::value(*reply.owner_id) : nullptr},
                      {"body", reply.body},
                      {"actions", reply.actions},
                      {"created_at", reply.created_at},
                      {"updated_at", reply.updated_at},
                      {"version", reply.version}};
}

// Canned replies are an object of the role model (access.md): its read level lets a caller use
// them at all.
Status CheckCanUse(const access::Access& access) {
  if (access.LevelFor(access::Object::kCannedReplies, access::Action::kRead) ==
      access::Level::kNone) {
    return access::NotPermitted(access::Object::kCannedReplies, access::Action::kRead);
  }
  return OkStatus();
}

// Reading: shared replies, and one's own.
Status CheckCanRead(const access::Access& access, const Reply& reply) {
  RAPPORT_RETURN_IF_ERROR(CheckCanUse(access));
  if (reply.owner_id && *reply.owner_id != access.user_id()) {
    return Error::NotFound("No canned reply has the id " + reply.id + ".");
  }
  return OkStatus();
}

// Writing: shared replies need the canned replies edit level "all" (admins and managers by
// default); one's own need the right to answer tickets (a viewer reads replies, writes none).
Status CheckCanWrite(const access::Access& access, const Reply& reply) {
  RAPPORT_RETURN_IF_ERROR(CheckCanRead(access, reply));
  if (!reply.owner_id && access.LevelFor(access::Object::kCannedReplies, access::Action::kEdit) !=
                             access::Level::kAll) {
    return access::NotPermitted(access::Object::kCannedReplies, access::Action::kEdit);
  }
  if (reply.owner_id &&
      access.LevelFor(access::Object::kTickets, access::Action::kEdit) == access::Level::kNone) {
    return access::NotPermitted(access::Object::kTickets, access::Action::kEdit);
  }
  return OkStatus();
}

// The merge fields of `body` in order; a field error naming `body` for an unknown or unclosed one.
Result<std::vector<std::pair<size_t, size_t>>> MergeSpans(std::string_view body) {
  std::vector<std::pair<size_t, size_t>> spans;  // [start of "{{", end of "}}")
  for (size_t at = body.find(kOpen); at != std::string_view::npos; at = body.find(kOpen, at)) {
    const size_t close = body.find(kClose, at + kOpen.size());
    if (close == std::string_view::npos)
      return Error::Invalid("body", "has a {{ that is not closed");
    std::string_view name = body.substr(at + kOpen.size(), close - at - kOpen.size());
    name = TrimUnicodeWhitespace(name);
    if (!OneOf(kMergeFields, name)) {
      return Error::Invalid("body", "has an unknown merge field {{" + std::string(name) +
                                        "}}; known: " + Listed(kMergeFields));
    }
    spans.emplace_back(at, close + kClose.size());
    at = close + kClose.size();
  }
  return spans;
}

void ReadActions(const json::value& value, json::object& out, std::vector<FieldError>& errors) {
  out.clear();
  if (value.is_null()) return;
  if (!value.is_object()) {
    errors.push_back({"actions", "must be an object"});
    return;
  }
  for (const auto& [key, action] : value.as_object()) {
    const std::string field = "actions." + std::string(key);
    if (key == "status") {
      if (!action.is_string() || !OneOf(kStaffStatuses, action.as_string())) {
        errors.push_back({field, "must be one of " + Listed(kStaffStatuses)});
      }
    } else if (key == "priority") {
      if (!action.is_string() || !OneOf(kPriorities, action.as_string())) {
        errors.push_back({field, "must be one of " + Listed(kPriorities)});
      }
    } else if (key == "add_tags") {
      bool good = action.is_array() && action.as_array().size() <= kMaxTags;
      for (size_t i = 0; good && i < action.as_array().size(); ++i) {
        const json::value& tag = action.as_array()[i];
        good = tag.is_string() && NormalizeTag(tag.as_string()) == tag.as_string();
      }
      if (!good) errors.push_back({field, "must be at most 20 tags of a-z, 0-9, _ and -"});
    } else {
      errors.push_back({field, "is not a known action"});
      continue;
    }
    out[key] = action;
  }
}

Status ReadInput(const access::Access& access, const json::object& input, bool creating,
                 Reply& reply) {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : input) {
    const std::string field(key);
    if (key == "name" || key == "body") {
      const bool name = key == "name";
      CleanedText text = value.is_string()
                             ? CleanText(value.as_string(), name ? kMaxName : kMaxBodyLength,
                                         name ? TextKind::kSingleLine : TextKind::kMultiLine)
                             : CleanedText{.problem = "must be a string"};
      if (text.problem.empty() && text.text.empty()) text.problem = "must not be empty";
      if (!text.problem.empty()) errors.push_back({field, text.problem});
      (name ? reply.name : reply.body) = text.text;
    } else if (key == "shared") {
      if (!value.is_bool()) errors.push_back({field, "must be true or false"});
      if (value.is_bool() && value.as_bool()) reply.owner_id.reset();
      if (value.is_bool() && !value.as_bool()) reply.owner_id = access.user_id();
    } else if (key == "actions") {
      ReadActions(value, reply.actions, errors);
    } else {
      errors.push_back({field, "is not a known field"});
    }
  }
  for (const char* required : {"name", "body"}) {
    if (creating && !input.contains(required)) errors.push_back({required, "is required"});
  }
  if (errors.empty()) {
    auto spans = MergeSpans(reply.body);
    if (!spans.ok()) return std::move(spans).error();
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (reply.owner_id && reply.owner_id->empty()) {
    return Error::Invalid("shared", "a credential without a user can only write shared replies");
  }
  return OkStatus();
}

Result<Reply> Load(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelect, {id}));
  if (rows.empty()) return Error::NotFound("No canned reply has the id " + id + ".");
  return FromRow(rows.front());
}

storage::Value OwnerValue(const Reply& reply) {
  return reply.owner_id ? storage::Value(*reply.owner_id) : storage::Null();
}

// The values of the merge fields for `ticket` answered by the caller.
Result<std::map<std::string, std::string, std::less<>>> MergeValues(Tx& tx,
                                                                    const access::Access& access,
                                                                    const Ticket& ticket) {
  std::map<std::string, std::string, std::less<>> values{
      {"ticket.number", std::to_string(ticket.number)},
      {"ticket.subject", ticket.subject},
      {"ticket.status", ticket.status},
      {"ticket.priority", ticket.priority}};
  RAPPORT_ASSIGN_OR_RETURN(Rows customer, tx.Query(kCustomerNames, {ticket.customer_id}));
  if (!customer.empty()) {
    values["customer.first_name"] = customer.front().OptText(0).value_or("");
    values["customer.last_name"] = customer.front().OptText(1).value_or("");
    values["customer.name"] = customer.front().Text(2);
  }
  RAPPORT_ASSIGN_OR_RETURN(Rows agent, tx.Query(kAgent, {access.user_id()}));
  if (!agent.empty()) {
    values["agent.name"] = agent.front().Text(0);
    values["agent.email"] = agent.front().Text(1);
  }
  return values;
}

}  // namespace

Result<json::object> CannedReplyService::Create(const Access& access,
                                                const storage::WriteContext& context,
                                                const json::object& input) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    Reply reply{.id = NewId("cnr"), .owner_id = access.user_id()};
    RAPPORT_RETURN_IF_ERROR(ReadInput(access, input, /*creating=*/true, reply));
    RAPPORT_RETURN_IF_ERROR(CheckCanWrite(access, reply));
    reply.created_at = reply.updated_at = NowInstant();
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kInsert, {reply.id, reply.name, OwnerValue(reply), reply.body,
                          ToJsonString(reply.actions), reply.created_at, reply.updated_at}));
    served = ToJson(reply);
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendEvent(tx, context, "canned_reply.created", "canned_reply", reply.id,
                             {{"canned_reply", json::object{{"id", reply.id}}}}));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "create", "canned_reply", reply.id, {}, served));
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> CannedReplyService::Get(const Access& access, const std::string& id) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Reply reply, Load(tx, id));
    RAPPORT_RETURN_IF_ERROR(CheckCanRead(access, reply));
    served = ToJson(reply);
    return OkStatus();
  }));
  return served;
}

Result<json::array> CannedReplyService::List(const Access& access) {
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckCanUse(access));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectVisible, {access.user_id()}));
    for (const auto& row : rows) out.push_back(ToJson(FromRow(row)));
    return OkStatus();
  }));
  return out;
}

Result<json::object> CannedReplyService::Update(const Access& access,
                                                const storage::WriteContext& context,
                                                const std::string& id, const json::object& patch,
                                                std::optional<int64_t> if_version) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Reply reply, Load(tx, id));
    RAPPORT_RETURN_IF_ERROR(CheckCanWrite(access, reply));
    const int64_t expected = if_version.value_or(reply.version);
    const json::object before = ToJson(reply);
    RAPPORT_RETURN_IF_ERROR(ReadInput(access, patch, /*creating=*/false, reply));
    RAPPORT_RETURN_IF_ERROR(CheckCanWrite(access, reply));  // making it shared needs an admin
    reply.updated_at = NowInstant();
    RAPPORT_ASSIGN_OR_RETURN(
        int64_t changed,
        tx.Exec(kUpdate, {reply.name, OwnerValue(reply), reply.body, ToJsonString(reply.actions),
                          reply.updated_at, id, expected}));
    if (changed == 0) {
      return Error::PreconditionFailed("The canned reply was changed since you read it.");
    }
    reply.version = expected + 1;
    served = ToJson(reply);
    RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "canned_reply.updated",
                                                 "canned_reply", id,
                                                 {{"canned_reply", json::object{{"id", id}}}}));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "canned_reply", id, before, served));
    return context.Written(tx, served);
  }));
  return served;
}

Status CannedReplyService::Delete(const Access& access, const storage::WriteContext& context,
                                  const std::string& id, std::optional<int64_t> if_version) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Reply reply, Load(tx, id));
    RAPPORT_RETURN_IF_ERROR(CheckCanWrite(access, reply));
    if (if_version && *if_version != reply.version) {
      return Error::PreconditionFailed("The canned reply was changed since you read it.");
    }
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDelete, {id}));
    RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "canned_reply.deleted",
                                                 "canned_reply", id,
                                                 {{"canned_reply", json::object{{"id", id}}}}));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "delete", "canned_reply", id, ToJson(reply), {}));
    return context.Written(tx, json::object{{"id", id}});
  });
}

Result<json::object> CannedReplyService::Render(const Access& access, const std::string& ticket_id,
                                                const std::string& id) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Ticket ticket, ReadableTicket(tx, access, ticket_id));
    RAPPORT_RETURN_IF_ERROR(CheckCanWork(tx, access, ticket));
    RAPPORT_ASSIGN_OR_RETURN(Reply reply, Load(tx, id));
    RAPPORT_RETURN_IF_ERROR(CheckCanRead(access, reply));
    RAPPORT_ASSIGN_OR_RETURN(auto values, MergeValues(tx, access, ticket));
    RAPPORT_ASSIGN_OR_RETURN(auto spans, MergeSpans(reply.body));
    std::string body;
    size_t from = 0;
    for (const auto& [start, end] : spans) {
      body.append(reply.body, from, start - from);
      std::string_view name =
          std::string_view(reply.body)
              .substr(start + kOpen.size(), end - start - kOpen.size() - kClose.size());
      auto value = values.find(TrimUnicodeWhitespace(name));
      if (value != values.end()) body += value->second;
      from = end;
    }
    body.append(reply.body, from);
    served = json::object{{"body", body}, {"actions", reply.actions}};
    return OkStatus();
  }));
  return served;
}

}  // namespace rapport::support
