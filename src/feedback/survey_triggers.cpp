#include "feedback/survey_triggers.hpp"

#include "common/time.hpp"
#include "feedback/invitation_rows.hpp"

namespace rapport::feedback {
namespace {

using storage::Rows;
using storage::Tx;

constexpr int64_t kMillisPerDay = int64_t{24} * 60 * 60 * 1000;

struct TriggerKind {
  std::string_view on;
  int64_t min_days;
  int64_t max_days;
};
constexpr TriggerKind kKinds[] = {{"ticket_solved", 0, 30},
                                  {"order_fulfilled", 0, 365},
                                  {"first_purchase", 0, 365},
                                  {"no_purchase", 7, 730}};

constexpr std::string_view kTriggered =
    "SELECT id, send_trigger FROM surveys WHERE status = 'active' AND send_trigger IS NOT NULL";
constexpr std::string_view kSurveyTrigger =
    "SELECT send_trigger FROM surveys WHERE id = ? AND status = 'active'";
constexpr std::string_view kOrderCount = "SELECT COUNT(*) FROM orders WHERE customer_id = ?";
constexpr std::string_view kLastOrder = "SELECT max(placed_at) FROM orders WHERE customer_id = ?";
constexpr std::string_view kTicketState = "SELECT status, customer_id FROM tickets WHERE id = ?";
constexpr std::string_view kCustomerExists = "SELECT 1 FROM customers WHERE id = ?";

// An event this old has passed its moment (an import or a replay of history): no ask follows.
constexpr int64_t kStaleMillis = kMillisPerDay;

std::string TextAt(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
}

const json::object* ObjectAt(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_object() ? &value->as_object() : nullptr;
}

}  // namespace

Result<std::optional<SurveyTrigger>> ParseTrigger(const json::value& value,
                                                  const std::string& field) {
  if (value.is_null()) return std::optional<SurveyTrigger>();
  if (!value.is_object()) return Error::Invalid(field, "must be an object {on, days} or null");
  SurveyTrigger trigger;
  const TriggerKind* kind = nullptr;
  for (const auto& [key, given] : value.as_object()) {
    if (key == "on") {
      for (const auto& known : kKinds) {
        if (given.is_string() && given.as_string() == known.on) kind = &known;
      }
      if (kind == nullptr) {
        return Error::Invalid(
            field + ".on",
            "must be one of ticket_solved, order_fulfilled, first_purchase, no_purchase");
      }
      trigger.on = std::string(kind->on);
    } else if (key != "days") {
      return Error::Invalid(field + "." + std::string(key), "is not a known field");
    }
  }
  if (kind == nullptr) return Error::Invalid(field + ".on", "is required");
  const json::value* days = value.as_object().if_contains("days");
  if (days == nullptr && kind->min_days > 0) return Error::Invalid(field + ".days", "is required");
  if (days != nullptr) {
    if (!days->is_int64() || days->as_int64() < kind->min_days ||
        days->as_int64() > kind->max_days) {
      return Error::Invalid(field + ".days", "must be a whole number from " +
                                                 std::to_string(kind->min_days) + " to " +
                                                 std::to_string(kind->max_days));
    }
    trigger.days = days->as_int64();
  }
  return std::optional<SurveyTrigger>(trigger);
}

std::optional<SurveyTrigger> StoredTrigger(const std::string& text) {
  auto parsed = ParseJson(text);
  if (!parsed.ok()) return std::nullopt;
  auto trigger = ParseTrigger(*parsed);
  return trigger.ok() ? *trigger : std::nullopt;
}

json::value TriggerJson(const std::optional<SurveyTrigger>& trigger) {
  if (!trigger) return nullptr;
  return json::object{{"on", trigger->on}, {"days", trigger->days}};
}

bool SurveyTriggers::Wants(std::string_view type) const {
  return type == "ticket.solved" || type == "order.updated" || type == "order.placed";
}

Status SurveyTriggers::Apply(Tx& tx, const storage::Event& event) {
  std::string_view on;
  std::string customer_id, about_key, about_id;
  int64_t at = ParseInstant(event.occurred_at).value_or(0);
  if (event.type == "ticket.solved") {
    const json::object* ticket = ObjectAt(event.payload, "ticket");
    if (ticket == nullptr) return OkStatus();
    on = "ticket_solved";
    customer_id = TextAt(*ticket, "customer_id");
    about_key = "ticket_id";
    about_id = TextAt(*ticket, "id");
  } else if (event.type == "order.updated") {
    const json::object* order = ObjectAt(event.payload, "order");
    if (order == nullptr || TextAt(*order, "status") != "fulfilled") return OkStatus();
    on = "order_fulfilled";
    customer_id = event.aggregate_id;
    about_key = "order_id";
    about_id = TextAt(*order, "id");
  } else if (event.type == "order.placed") {
    customer_id = event.aggregate_id;  // first_purchase and no_purchase, below
  } else {
    return OkStatus();
  }
  if (customer_id.empty()) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(Rows surveys, tx.Query(kTriggered));
  if (surveys.empty()) return OkStatus();
  const int64_t now = NowMillis();
  for (const auto& row : surveys) {
    const std::string survey_id = row.Text(0);
    auto trigger = StoredTrigger(row.Text(1));
    if (!trigger) continue;
    std::string key;
    if (event.type == "order.placed") {
      if (trigger->on == "first_purchase") {
        RAPPORT_ASSIGN_OR_RETURN(Rows count, tx.Query(kOrderCount, {customer_id}));
        if (count.front().Int(0) != 1) continue;
      } else if (trigger->on != "no_purchase") {
        continue;
      }
      key = survey_id + ":" + customer_id;
    } else {
      if (trigger->on != on || about_id.empty()) continue;
      key = survey_id + ":" + about_id;
    }
    const int64_t due = at + trigger->days * kMillisPerDay;
    if (due < now - kStaleMillis) continue;
    json::object payload{
        {"survey_id", survey_id}, {"customer_id", customer_id}, {"on", trigger->on}};
    if (!about_key.empty()) payload[about_key] = about_id;
    RAPPORT_RETURN_IF_ERROR(storage::ScheduleJob(tx, kTriggerJobKind, key, due, payload));
  }
  return OkStatus();
}

storage::Scheduler::Handler TriggerJobHandler(SurveyInvitations& invitations,
                                              std::function<int64_t()> clock) {
  return
      [&invitations, clock = std::move(clock)](Tx& tx, const storage::ScheduledJob& job) -> Status {
        const std::string survey_id = TextAt(job.payload, "survey_id");
        const std::string customer_id = TextAt(job.payload, "customer_id");
        const std::string on = TextAt(job.payload, "on");
        // The survey must still be active and carry this trigger: staff may have changed it since.
        RAPPORT_ASSIGN_OR_RETURN(Rows current, tx.Query(kSurveyTrigger, {survey_id}));
        if (current.empty() || current.front().IsNull(0)) return OkStatus();
        auto trigger = StoredTrigger(current.front().Text(0));
        if (!trigger || trigger->on != on) return OkStatus();
        RAPPORT_ASSIGN_OR_RETURN(Rows exists, tx.Query(kCustomerExists, {customer_id}));
        if (exists.empty()) return OkStatus();
        const int64_t now = clock();
        InviteOptions options{.delivery = "email", .send_id = "trigger:" + on};
        if (on == "ticket_solved") {
          options.about_ticket_id = TextAt(job.payload, "ticket_id");
          RAPPORT_ASSIGN_OR_RETURN(Rows ticket, tx.Query(kTicketState, {*options.about_ticket_id}));
          // Reopened since, or moved to another customer: nothing to ask about.
          if (ticket.empty() || ticket.front().IsNull(1) || ticket.front().Text(1) != customer_id ||
              (ticket.front().Text(0) != "solved" && ticket.front().Text(0) != "closed")) {
            return OkStatus();
          }
        } else if (on == "order_fulfilled") {
          options.about_order_id = TextAt(job.payload, "order_id");
        } else if (on == "no_purchase") {
          RAPPORT_ASSIGN_OR_RETURN(Rows last, tx.Query(kLastOrder, {customer_id}));
          if (!last.front().IsNull(0)) {
            const int64_t placed = ParseInstant(last.front().Text(0)).value_or(0);
            if (placed + trigger->days * kMillisPerDay > now + kStaleMillis) return OkStatus();
          }
        }
        RAPPORT_ASSIGN_OR_RETURN(bool open,
                                 HasOpenInvitation(tx, customer_id, survey_id, FormatInstant(now)));
        if (open) return OkStatus();
        RAPPORT_ASSIGN_OR_RETURN(SurveyVersion survey, LoadSurveyVersion(tx, survey_id));
        const storage::WriteContext context{.actor = "system:survey.trigger", .via = "system"};
        auto invited = invitations.InviteInTx(tx, context, survey, customer_id, options, now);
        if (!invited.ok()) return invited.error();
        return OkStatus();
      };
}

}  // namespace rapport::feedback
