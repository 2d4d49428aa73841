// Surveys that send themselves after an event (docs/design/surveys.md § Triggers).
//
// A survey may carry one trigger, `{"on": kind, "days": n}`:
//   ticket_solved    the ticket's customer, n (0–30) days after it is solved; about the ticket
//   order_fulfilled  the order's customer, n (0–365) days after it is fulfilled; about the order
//   first_purchase   n (0–365) days after a customer's first order
//   no_purchase      when a customer has bought nothing for n (7–730) days since their last order
// SurveyTriggers (the outbox subscriber "feedback.survey_triggers") turns each matching event
// into a scheduler job "survey.trigger" due at the right time, in the dispatcher's round: one job
// per (survey, ticket | order | customer), so a replayed event never asks twice, and for
// no_purchase every new order moves the customer's one job later — the quiet spell is measured
// from the last order without scanning anyone. The job (TriggerJobHandler) checks that the
// survey still has that trigger and is active, that the ticket is still solved or the quiet
// spell unbroken, and that the customer holds no open invitation to the survey, then invites by
// e-mail through SurveyInvitations::InviteInTx (consent, the contact budget and no_email apply
// and are recorded). Invites made this way have no staff access check: an administrator set
// the trigger. Thread-safe as the dispatcher and scheduler use them.
#pragma once

#include <optional>
#include <string>

#include "feedback/survey_invitations.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/scheduler.hpp"

namespace rapport::feedback {

inline constexpr std::string_view kTriggerJobKind = "survey.trigger";

struct SurveyTrigger {
  std::string on;  // ticket_solved | order_fulfilled | first_purchase | no_purchase
  int64_t days = 0;
};

// `value` (null: none) as a trigger; errors name `field` ("trigger.days").
Result<std::optional<SurveyTrigger>> ParseTrigger(const json::value& value,
                                                  const std::string& field = "trigger");
json::value TriggerJson(const std::optional<SurveyTrigger>& trigger);
// A trigger as stored (surveys.send_trigger); nullopt when unreadable.
std::optional<SurveyTrigger> StoredTrigger(const std::string& text);

class SurveyTriggers : public storage::EventSubscriber {
 public:
  std::string_view name() const override { return "feedback.survey_triggers"; }
  Status Apply(storage::Tx& tx, const storage::Event& event) override;
  bool Wants(std::string_view type) const override;
};

// The handler of kTriggerJobKind. `clock`: Unix milliseconds (tests pass their own).
storage::Scheduler::Handler TriggerJobHandler(SurveyInvitations& invitations,
                                              std::function<int64_t()> clock);

}  // namespace rapport::feedback
