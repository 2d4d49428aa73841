#include "access/event_redaction.hpp"

#include <array>

namespace rapport::access {
namespace {

constexpr std::string_view kCustomFieldsPrefix = "custom_fields.";

enum class EventRule {
  // A record owned through its customer (or company): readable iff the object's read level
  // reaches the owner; `record_key` names the payload member whose hidden fields go, and an
  // update's `changed` list loses hidden names (the event is dropped when none is left).
  kOwnedRecord,
  // A custom field's definition ({object_type, key}): withheld when that field is hidden.
  kCustomFieldDefinition,
  // The business's catalogue and the desk's configuration: every member of staff may see it.
  kCatalogue,
  // The desk's configuration (queues, canned replies, SLA policies): seen by whoever reads the
  // object, which takes only the levels all and none.
  kConfiguration,
  // A ticket: readable iff its customer is readable and the tickets read level reaches where it
  // sits (EventOwner::ticket_place). Its events carry no message text and nothing hideable.
  kTicket,
  // A chat conversation (docs/design/chat.md): like a ticket when it is joined to a customer;
  // without one, the tickets read level at its place alone decides. No message text in events.
  kChat,
  // A staff task (docs/design/tasks.md): readable iff the tasks read level reaches its assignee
  // (EventOwner::owner) and every record it links is readable (EventOwner::task_links). Its
  // events carry no free text (notes, outcome) and nothing hideable.
  kTask,
  // A survey answer or invitation, a review or review request (aggregate: the customer): for
  // readers of every record of the object (surveys, reviews: levels all and none) who may also
  // read that customer (access.md § Feedback). May carry the customer's comment.
  kSurveyAnswer,
};

struct EventType {
  std::string_view type;
  EventRule rule;
  Object object;                // whose read level and field rules apply (kOwnedRecord)
  std::string_view record_key;  // payload member with the record; empty: nothing hideable
};

// Keep in step with the AppendEvent calls: event_redaction_test.cpp checks it against the code.
// Commerce records take their customer's record access (commerce/customer_scope.hpp) and hold
// no field a role can hide.
constexpr std::array<EventType, 95> kEventTypes{{
    {"customer.created", EventRule::kOwnedRecord, Object::kCustomers, "customer"},
    {"customer.updated", EventRule::kOwnedRecord, Object::kCustomers, "customer"},
    {"customer.deleted", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"company.created", EventRule::kOwnedRecord, Object::kCompanies, "company"},
    {"company.updated", EventRule::kOwnedRecord, Object::kCompanies, "company"},
    {"company.deleted", EventRule::kOwnedRecord, Object::kCompanies, ""},
    {"interaction.logged", EventRule::kOwnedRecord, Object::kInteractions, "interaction"},
    {"interaction.deleted", EventRule::kOwnedRecord, Object::kInteractions, "interaction"},
    {"order.placed", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"order.updated", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"order.refunded", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"order.deleted", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"payment.recorded", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"product.deleted", EventRule::kCatalogue, Object::kCustomers, ""},
    {"custom_field.deleted", EventRule::kCustomFieldDefinition, Object::kCustomers, ""},
    // Tickets are objects of their own (access.md § The service desk).
    {"ticket.opened", EventRule::kTicket, Object::kTickets, ""},
    {"ticket.replied", EventRule::kTicket, Object::kTickets, ""},
    {"ticket.noted", EventRule::kTicket, Object::kTickets, ""},
    {"ticket.updated", EventRule::kTicket, Object::kTickets, ""},
    {"ticket.status_changed", EventRule::kTicket, Object::kTickets, ""},
    {"ticket.solved", EventRule::kTicket, Object::kTickets, ""},
    {"ticket.reopened", EventRule::kTicket, Object::kTickets, ""},
    {"ticket.closed", EventRule::kTicket, Object::kTickets, ""},
    {"ticket.merged", EventRule::kTicket, Object::kTickets, ""},
    {"ticket.split", EventRule::kTicket, Object::kTickets, ""},
    {"ticket.delivery_changed", EventRule::kTicket, Object::kTickets, ""},
    {"ticket.deleted", EventRule::kTicket, Object::kTickets, ""},
    {"ticket.sla_warning", EventRule::kTicket, Object::kTickets, ""},
    {"ticket.sla_breached", EventRule::kTicket, Object::kTickets, ""},
    {"ticket.rated", EventRule::kTicket, Object::kTickets, ""},
    // Queues are the desk's configuration (canned replies and SLA policies join them).
    {"queue.created", EventRule::kConfiguration, Object::kQueues, ""},
    {"queue.updated", EventRule::kConfiguration, Object::kQueues, ""},
    {"queue.deleted", EventRule::kConfiguration, Object::kQueues, ""},
    // Routing rules and who is available steer the queues; calendars are part of the policies.
    // Their names are built from the setting's kind (support/desk_settings.cpp).
    {"routing_rule.created", EventRule::kConfiguration, Object::kQueues, ""},
    {"routing_rule.updated", EventRule::kConfiguration, Object::kQueues, ""},
    {"routing_rule.deleted", EventRule::kConfiguration, Object::kQueues, ""},
    {"agent.availability_changed", EventRule::kConfiguration, Object::kQueues, ""},
    {"calendar.created", EventRule::kConfiguration, Object::kSlaPolicies, ""},
    {"calendar.updated", EventRule::kConfiguration, Object::kSlaPolicies, ""},
    {"calendar.deleted", EventRule::kConfiguration, Object::kSlaPolicies, ""},
    {"sla_policy.created", EventRule::kConfiguration, Object::kSlaPolicies, ""},
    {"sla_policy.updated", EventRule::kConfiguration, Object::kSlaPolicies, ""},
    {"sla_policy.deleted", EventRule::kConfiguration, Object::kSlaPolicies, ""},
    // Personal canned replies are announced by id only, like shared ones: nothing to hide.
    {"canned_reply.created", EventRule::kConfiguration, Object::kCannedReplies, ""},
    {"canned_reply.updated", EventRule::kConfiguration, Object::kCannedReplies, ""},
    {"canned_reply.deleted", EventRule::kConfiguration, Object::kCannedReplies, ""},
    // The help center: announced by id, slug and status only; seen by readers of the knowledge
    // base (drafts included), which takes only the levels all and none.
    {"kb_article.created", EventRule::kConfiguration, Object::kKnowledgeBase, ""},
    {"kb_article.updated", EventRule::kConfiguration, Object::kKnowledgeBase, ""},
    {"kb_article.deleted", EventRule::kConfiguration, Object::kKnowledgeBase, ""},
    {"kb_category.created", EventRule::kConfiguration, Object::kKnowledgeBase, ""},
    {"kb_category.updated", EventRule::kConfiguration, Object::kKnowledgeBase, ""},
    {"kb_category.deleted", EventRule::kConfiguration, Object::kKnowledgeBase, ""},
    {"kb_synonyms.updated", EventRule::kConfiguration, Object::kKnowledgeBase, ""},
    {"kb_settings.updated", EventRule::kConfiguration, Object::kKnowledgeBase, ""},
    // Live chat: the conversation's id, state, queue, assignee and customer; never text.
    {"chat.started", EventRule::kChat, Object::kTickets, ""},
    {"chat.message", EventRule::kChat, Object::kTickets, ""},
    {"chat.claimed", EventRule::kChat, Object::kTickets, ""},
    {"chat.identified", EventRule::kChat, Object::kTickets, ""},
    {"chat.handed_off", EventRule::kChat, Object::kTickets, ""},
    {"chat.accepted", EventRule::kChat, Object::kTickets, ""},
    {"chat.transferred", EventRule::kChat, Object::kTickets, ""},
    {"chat.ended", EventRule::kChat, Object::kTickets, ""},
    {"chat.rated", EventRule::kChat, Object::kTickets, ""},
    {"chat.converted", EventRule::kChat, Object::kTickets, ""},
    // Customer health: a bad experience's id, cause, state and time, never its text.
    {"bad_experience.recorded", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"bad_experience.resolved", EventRule::kOwnedRecord, Object::kCustomers, ""},
    // A customer's churn risk changed band: score, risk and the previous risk, no reasons.
    {"health.risk_changed", EventRule::kOwnedRecord, Object::kCustomers, ""},
    // Staff tasks: id, title, status, priority, due time, assignee and links; never notes.
    {"task.created", EventRule::kTask, Object::kTasks, ""},
    {"task.updated", EventRule::kTask, Object::kTasks, ""},
    {"task.completed", EventRule::kTask, Object::kTasks, ""},
    {"task.deleted", EventRule::kTask, Object::kTasks, ""},
    {"task.reminder", EventRule::kTask, Object::kTasks, ""},
    // Loyalty (docs/design/loyalty.md): a member's movements and expiry warnings carry points,
    // causes and staff reasons, nothing a role hides; they follow their customer's record access
    // like orders. A programme's settings are configuration.
    {"loyalty.points_moved", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"loyalty.expiry_warning", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"loyalty_programme.updated", EventRule::kConfiguration, Object::kLoyaltyProgrammes, ""},
    // Vouchers: an issued one is the customer's (its code only by its last four letters); a
    // batch is programme configuration (never a shared code in full).
    {"loyalty.voucher_issued", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"loyalty.tier_changed", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"loyalty_voucher_batch.created", EventRule::kConfiguration, Object::kLoyaltyProgrammes, ""},
    // Stamp cards: a customer's stamps and a withdrawn voucher (code by its end) are the
    // customer's; a card's settings are configuration.
    {"loyalty.stamps_changed", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"loyalty.voucher_revoked", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"loyalty_stamp_card.updated", EventRule::kConfiguration, Object::kLoyaltyProgrammes, ""},
    // Referrals: the referrer's (the aggregate), naming the referee by id and a refusal's signal.
    {"loyalty.referral_linked", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"loyalty.referral_qualifying", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"loyalty.referral_rewarded", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"loyalty.referral_lapsed", EventRule::kOwnedRecord, Object::kCustomers, ""},
    {"loyalty.referral_refused", EventRule::kOwnedRecord, Object::kCustomers, ""},
    // Surveys (docs/design/surveys.md): definitions are configuration; answers and invitations
    // are the customer's.
    {"survey.created", EventRule::kConfiguration, Object::kSurveys, ""},
    {"survey.updated", EventRule::kConfiguration, Object::kSurveys, ""},
    {"survey.invited", EventRule::kSurveyAnswer, Object::kSurveys, ""},
    {"survey.answered", EventRule::kSurveyAnswer, Object::kSurveys, ""},
    // Reviews (docs/design/reviews.md): the review's id, rating, product, source, verified,
    // language and status, never its words; a request's id, status and links.
    {"review.created", EventRule::kSurveyAnswer, Object::kReviews, ""},
    {"review.published", EventRule::kSurveyAnswer, Object::kReviews, ""},
    {"review.rejected", EventRule::kSurveyAnswer, Object::kReviews, ""},
    {"review.updated", EventRule::kSurveyAnswer, Object::kReviews, ""},
    {"review.requested", EventRule::kSurveyAnswer, Object::kReviews, ""},
}};

const EventType* FindEventType(std::string_view type) {
  for (const auto& entry : kEventTypes) {
    if (entry.type == type) return &entry;
  }
  return nullptr;
}

std::optional<Object> DefinitionObject(const json::object& payload) {
  const json::value* type = payload.if_contains("object_type");
  if (type == nullptr || !type->is_string()) return std::nullopt;
  if (type->as_string() == "customer") return Object::kCustomers;
  if (type->as_string() == "company") return Object::kCompanies;
  return std::nullopt;  // products' fields: the catalogue, never hidden
}

// Drops hidden names from an update's `changed`; false when nothing visible changed.
bool RedactChangedList(const Access& access, Object object, json::object& payload) {
  json::value* changed = payload.if_contains("changed");
  if (changed == nullptr || !changed->is_array()) return true;
  json::array kept;
  for (auto& name : changed->as_array()) {
    if (name.is_string() && access.IsHidden(object, name.as_string())) continue;
    kept.push_back(std::move(name));
  }
  const bool any = !kept.empty();
  *changed = std::move(kept);
  return any;
}

}  // namespace

bool HasEventRule(std::string_view type) { return FindEventType(type) != nullptr; }

std::optional<json::object> VisiblePayload(const Access& access, const storage::Event& event,
                                           const EventOwner& owner) {
  const EventType* type = FindEventType(event.type);
  if (type == nullptr) {
    if (access.is_admin()) return event.payload;
    return std::nullopt;
  }
  switch (type->rule) {
    case EventRule::kCatalogue:
      return event.payload;
    case EventRule::kConfiguration:
      if (access.LevelFor(type->object, Action::kRead) != Level::kAll) return std::nullopt;
      return event.payload;
    case EventRule::kCustomFieldDefinition: {
      const auto object = DefinitionObject(event.payload);
      const json::value* key = event.payload.if_contains("key");
      if (object && key != nullptr && key->is_string() &&
          access.IsHidden(*object, std::string(kCustomFieldsPrefix) + key->as_string().c_str())) {
        return std::nullopt;
      }
      return event.payload;
    }
    case EventRule::kTicket: {
      const bool readable =
          owner.exists ? access.Allows(Object::kCustomers, Action::kRead, owner.owner) &&
                             access.AllowsTicket(Action::kRead, owner.ticket_place)
                       : access.LevelFor(Object::kCustomers, Action::kRead) == Level::kAll &&
                             access.LevelFor(Object::kTickets, Action::kRead) == Level::kAll;
      if (!readable) return std::nullopt;
      return event.payload;
    }
    case EventRule::kChat: {
      bool readable = false;
      if (!owner.exists) {
        readable = access.LevelFor(Object::kCustomers, Action::kRead) == Level::kAll &&
                   access.LevelFor(Object::kTickets, Action::kRead) == Level::kAll;
      } else {
        readable =
            access.AllowsTicket(Action::kRead, owner.ticket_place) &&
            (!owner.has_customer || access.Allows(Object::kCustomers, Action::kRead, owner.owner));
      }
      if (!readable) return std::nullopt;
      return event.payload;
    }
    case EventRule::kTask: {
      // A deleted task's links are unknown: only a reader of every task and every customer.
      const bool readable =
          owner.exists ? access.Allows(Object::kTasks, Action::kRead, owner.owner) &&
                             (!owner.task_links.has_customer ||
                              access.Allows(Object::kCustomers, Action::kRead,
                                            owner.task_links.customer_owner)) &&
                             (!owner.task_links.has_company ||
                              access.Allows(Object::kCompanies, Action::kRead,
                                            owner.task_links.company_owner)) &&
                             (!owner.task_links.has_ticket ||
                              access.AllowsTicket(Action::kRead, owner.ticket_place))
                       : access.LevelFor(Object::kTasks, Action::kRead) == Level::kAll &&
                             access.LevelFor(Object::kCustomers, Action::kRead) == Level::kAll;
      if (!readable) return std::nullopt;
      return event.payload;
    }
    case EventRule::kSurveyAnswer: {
      const bool readable =
          access.LevelFor(type->object, Action::kRead) == Level::kAll &&
          (owner.exists ? access.Allows(Object::kCustomers, Action::kRead, owner.owner)
                        : access.LevelFor(Object::kCustomers, Action::kRead) == Level::kAll);
      if (!readable) return std::nullopt;
      return event.payload;
    }
    case EventRule::kOwnedRecord:
      break;
  }
  const bool readable = owner.exists ? access.Allows(type->object, Action::kRead, owner.owner)
                                     : access.LevelFor(type->object, Action::kRead) == Level::kAll;
  if (!readable) return std::nullopt;
  json::object payload = event.payload;
  if (!type->record_key.empty()) {
    if (json::value* record = payload.if_contains(type->record_key);
        record != nullptr && record->is_object()) {
      access.Redact(type->object, record->as_object());
    }
    if (!RedactChangedList(access, type->object, payload)) return std::nullopt;
  }
  return payload;
}

}  // namespace rapport::access
