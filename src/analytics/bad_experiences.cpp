#include "analytics/bad_experiences.hpp"

#include "common/ids.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "customers/customer_service.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::analytics {
namespace {

using storage::Rows;
using storage::Tx;

#define RAPPORT_BX_COLUMNS                                                              \
  "id, customer_id, cause, source, summary, state, outcome, occurred_at, recorded_by, " \
  "resolved_at, resolved_by, version, follow_up_task_id, follow_up_ticket_id"

constexpr std::string_view kInsert =
    "INSERT INTO bad_experiences (id, customer_id, cause, source, summary, occurred_at, "
    "recorded_by) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 "
    "WHERE EXISTS (SELECT 1 FROM customers WHERE id = ?2) "
    "ON CONFLICT (customer_id, cause, source) WHERE source IS NOT NULL DO NOTHING";
constexpr std::string_view kSelect =
    "SELECT " RAPPORT_BX_COLUMNS " FROM bad_experiences WHERE id = ?";
// Open ones first (what needs doing), then the newest; bounded: a page of history, not an export.
constexpr std::string_view kSelectForCustomer =
    "SELECT " RAPPORT_BX_COLUMNS
    " FROM bad_experiences WHERE customer_id = ? "
    "ORDER BY state <> 'open', occurred_at DESC, seq DESC LIMIT 200";
constexpr std::string_view kCountOpen =
    "SELECT count(*) FROM bad_experiences WHERE customer_id = ? AND state = 'open'";
constexpr std::string_view kSetFollowUp =
    "UPDATE bad_experiences SET follow_up_task_id = ? WHERE id = ?";
constexpr std::string_view kSetFollowUpTicket =
    "UPDATE bad_experiences SET follow_up_ticket_id = ? WHERE id = ?";
constexpr std::string_view kSelectByFollowUp = "SELECT " RAPPORT_BX_COLUMNS
                                               " FROM bad_experiences WHERE follow_up_task_id = ? "
                                               "AND state = 'open'";
constexpr std::string_view kResolve =
    "UPDATE bad_experiences SET state = ?, outcome = ?, resolved_at = ?, resolved_by = ?, "
    "version = version + 1 WHERE id = ? AND version = ?";

json::value OptionalValue(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

json::object ToJson(const storage::Row& row) {
  return json::object{{"id", row.Text(0)},
                      {"customer_id", row.Text(1)},
                      {"cause", row.Text(2)},
                      {"source", OptionalValue(row.OptText(3))},
                      {"summary", row.Text(4)},
                      {"state", row.Text(5)},
                      {"outcome", OptionalValue(row.OptText(6))},
                      {"occurred_at", row.Text(7)},
                      {"recorded_by", OptionalValue(row.OptText(8))},
                      {"resolved_at", OptionalValue(row.OptText(9))},
                      {"resolved_by", OptionalValue(row.OptText(10))},
                      {"version", row.Int(11)},
                      {"follow_up_task_id", OptionalValue(row.OptText(12))},
                      {"follow_up_ticket_id", OptionalValue(row.OptText(13))}};
}

// The timeline entry of a new bad experience: internal, so it counts as no contact.
Status OnTimeline(Tx& tx, const storage::WriteContext& context, const std::string& customer_id,
                  const std::string& id, const std::string& cause, const std::string& summary,
                  const std::string& occurred_at) {
  json::object entry{{"channel", "other"},
                     {"direction", "internal"},
                     {"kind", "bad_experience"},
                     {"subject", "Bad experience: " + summary},
                     {"occurred_at", occurred_at},
                     {"metadata", json::object{{"bad_experience_id", id}, {"cause", cause}}}};
  // Recorded by a rule or by a caller already authorised for the customer.
  auto logged =
      interactions::LogInTx(tx, access::Access::Unrestricted(), context, customer_id, entry);
  if (!logged.ok()) return logged.error();
  return OkStatus();
}

Status Announce(Tx& tx, const storage::WriteContext& context, std::string_view type,
                const json::object& experience) {
  // Lean: the summary and outcome are staff text a subscriber reads by id when it needs them.
  json::object lean{{"id", experience.at("id")},
                    {"cause", experience.at("cause")},
                    {"state", experience.at("state")},
                    {"occurred_at", experience.at("occurred_at")}};
  return storage::AppendEvent(tx, context, type, "customer",
                              std::string(experience.at("customer_id").as_string()),
                              json::object{{"bad_experience", std::move(lean)}});
}

Result<json::object> Insert(Tx& tx, const storage::WriteContext& context,
                            const std::string& customer_id, const std::string& cause,
                            const std::optional<std::string>& source, const std::string& summary,
                            const std::string& occurred_at,
                            const std::optional<std::string>& recorded_by, bool* inserted) {
  const std::string id = NewId("bx");
  RAPPORT_ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Exec(kInsert, {id, customer_id, cause, storage::OptionalText(source), summary, occurred_at,
                        storage::OptionalText(recorded_by)}));
  *inserted = changed > 0;
  if (!*inserted) return json::object{};
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelect, {id}));
  json::object experience = ToJson(rows.front());
  RAPPORT_RETURN_IF_ERROR(OnTimeline(tx, context, customer_id, id, cause, summary, occurred_at));
  RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "bad_experience.recorded", experience));
  return experience;
}

Status CheckMayRecord(Tx& tx, const access::Access& access, const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> owner,
                           customers::ReadableCustomerOwner(tx, access, customer_id));
  if (!access.Allows(access::Object::kInteractions, access::Action::kCreate, owner)) {
    return access::NotPermitted(access::Object::kInteractions, access::Action::kCreate);
  }
  return OkStatus();
}

Result<std::string> CleanField(const json::object& input, std::string_view field, size_t limit,
                               bool required) {
  const json::value* value = input.if_contains(field);
  if (value == nullptr || value->is_null()) {
    if (required) return Error::Invalid(std::string(field), "is required");
    return std::string();
  }
  if (!value->is_string()) return Error::Invalid(std::string(field), "must be text");
  CleanedText cleaned = CleanText(value->as_string(), limit, TextKind::kMultiLine);
  if (!cleaned.problem.empty()) return Error::Invalid(std::string(field), cleaned.problem);
  if (required && cleaned.text.empty()) return Error::Invalid(std::string(field), "is required");
  return cleaned.text;
}

}  // namespace

Result<std::optional<std::string>> RecordBadExperienceInTx(Tx& tx,
                                                           const storage::WriteContext& context,
                                                           const BadExperienceFact& fact) {
  bool inserted = false;
  RAPPORT_ASSIGN_OR_RETURN(json::object recorded,
                           Insert(tx, context, fact.customer_id, fact.cause, fact.source,
                                  fact.summary, fact.occurred_at, std::nullopt, &inserted));
  if (!inserted) return std::optional<std::string>();
  return std::optional<std::string>(std::string(recorded.at("id").as_string()));
}

Status SetFollowUpTicketInTx(Tx& tx, const std::string& id, const std::string& ticket_id) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kSetFollowUpTicket, {ticket_id, id}));
  return OkStatus();
}

Status SetFollowUpTaskInTx(Tx& tx, const std::string& id, const std::string& task_id) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kSetFollowUp, {task_id, id}));
  return OkStatus();
}

Result<bool> RecoverByFollowUpInTx(Tx& tx, const storage::WriteContext& context,
                                   const std::string& task_id,
                                   const std::optional<std::string>& outcome,
                                   const std::string& resolved_by) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectByFollowUp, {task_id}));
  if (rows.empty()) return false;
  const json::object before = ToJson(rows.front());
  const std::string id(before.at("id").as_string());
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kResolve, {std::string("recovered"), storage::OptionalText(outcome), NowInstant(),
                         resolved_by.empty() ? storage::Null() : storage::Value(resolved_by), id,
                         before.at("version").as_int64()}));
  RAPPORT_ASSIGN_OR_RETURN(Rows changed, tx.Query(kSelect, {id}));
  const json::object after = ToJson(changed.front());
  RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "bad_experience.resolved", after));
  RAPPORT_RETURN_IF_ERROR(
      storage::AppendAudit(tx, context, "update", "bad_experience", id, before, after));
  return true;
}

Result<int64_t> CountOpenBadExperiences(Tx& tx, const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kCountOpen, {customer_id}));
  return rows.front().Int(0);
}

Result<json::object> BadExperienceService::Record(const access::Access& access,
                                                  const storage::WriteContext& context,
                                                  const std::string& customer_id,
                                                  const json::object& input) {
  for (const auto& [key, value] : input) {
    if (key != "summary" && key != "occurred_at") {
      return Error::Invalid(std::string(key), "is not a field of a bad experience");
    }
  }
  RAPPORT_ASSIGN_OR_RETURN(std::string summary,
                           CleanField(input, "summary", kMaxBadExperienceSummary, true));
  std::string occurred_at = NowInstant();
  if (const json::value* at = input.if_contains("occurred_at"); at && !at->is_null()) {
    std::optional<std::string> instant;
    if (at->is_string()) instant = NormalizeInstant(at->as_string());
    if (!instant) return Error::Invalid("occurred_at", "must be an RFC 3339 time");
    if (*instant > NowInstant()) return Error::Invalid("occurred_at", "must not be in the future");
    occurred_at = *instant;
  }
  json::object recorded;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckMayRecord(tx, access, customer_id));
    bool inserted = false;
    RAPPORT_ASSIGN_OR_RETURN(recorded, Insert(tx, context, customer_id, "staff", std::nullopt,
                                              summary, occurred_at, access.user_id(), &inserted));
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "create", "bad_experience",
                                                 std::string(recorded.at("id").as_string()), {},
                                                 recorded));
    return context.Written(tx, recorded);
  }));
  return recorded;
}

Result<json::object> BadExperienceService::Resolve(const access::Access& access,
                                                   const storage::WriteContext& context,
                                                   const std::string& id, const json::object& input,
                                                   std::optional<int64_t> if_version) {
  for (const auto& [key, value] : input) {
    if (key != "state" && key != "outcome") {
      return Error::Invalid(std::string(key), "is not a field that can be changed here");
    }
  }
  const json::value* state = input.if_contains("state");
  if (state == nullptr || !state->is_string() ||
      (state->as_string() != "recovered" && state->as_string() != "lost" &&
       state->as_string() != "open")) {
    return Error::Invalid("state", "must be one of open, recovered, lost");
  }
  RAPPORT_ASSIGN_OR_RETURN(std::string outcome, CleanField(input, "outcome", kMaxOutcome, false));
  json::object after;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelect, {id}));
    const Error missing = Error::NotFound("No bad experience has the id " + id + ".");
    if (rows.empty()) return missing;
    json::object before = ToJson(rows.front());
    const std::string customer_id(before.at("customer_id").as_string());
    if (!CheckMayRecord(tx, access, customer_id).ok()) {
      // An unreadable customer's experience does not exist for the caller.
      if (!customers::ReadableCustomerOwner(tx, access, customer_id).ok()) return missing;
      return access::NotPermitted(access::Object::kInteractions, access::Action::kCreate);
    }
    const int64_t version = before.at("version").as_int64();
    if (if_version && *if_version != version) {
      return Error::PreconditionFailed("The bad experience changed since version " +
                                       std::to_string(*if_version) + ".");
    }
    const bool reopened = state->as_string() == "open";
    const std::string now = NowInstant();
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kResolve, {std::string(state->as_string()),
                   outcome.empty() ? storage::Null() : storage::Value(outcome),
                   reopened ? storage::Null() : storage::Value(now),
                   reopened ? storage::Null() : storage::Value(access.user_id()), id, version}));
    RAPPORT_ASSIGN_OR_RETURN(Rows changed, tx.Query(kSelect, {id}));
    after = ToJson(changed.front());
    RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "bad_experience.resolved", after));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "bad_experience", id, before, after));
    return context.Written(tx, after);
  }));
  return after;
}

Result<json::array> BadExperienceService::ListForCustomer(const access::Access& access,
                                                          const std::string& customer_id) {
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(customers::ReadableCustomerOwner(tx, access, customer_id));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectForCustomer, {customer_id}));
    for (const auto& row : rows) out.push_back(ToJson(row));
    return OkStatus();
  }));
  return out;
}

}  // namespace rapport::analytics
