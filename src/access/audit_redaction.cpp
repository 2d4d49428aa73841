#include "access/audit_redaction.hpp"

#include <array>

namespace rapport::access {
namespace {

constexpr std::string_view kCustomFieldsPrefix = "custom_fields.";
constexpr std::string_view kPaymentMethodsField = "payment_methods";

// Keep in step with the AppendAudit calls: audit_redaction_test.cpp checks it against the code.
constexpr std::array<AuditedType, 49> kAuditedTypes{{
    {"customer", AuditRule::kRecordFields, Object::kCustomers},
    {"company", AuditRule::kRecordFields, Object::kCompanies},
    {"interaction", AuditRule::kRecordFields, Object::kInteractions},
    {"custom_field", AuditRule::kCustomFieldDefinition, std::nullopt},
    {"payment_method", AuditRule::kPaymentMethod, Object::kCustomers},
    {"saved_view", AuditRule::kViewDefinition, std::nullopt},
    {"user", AuditRule::kNothingHideable, std::nullopt},
    {"team", AuditRule::kNothingHideable, std::nullopt},
    {"role", AuditRule::kNothingHideable, std::nullopt},
    {"api_token", AuditRule::kNothingHideable, std::nullopt},
    {"route", AuditRule::kNothingHideable, std::nullopt},
    {"product", AuditRule::kNothingHideable, std::nullopt},
    {"order", AuditRule::kNothingHideable, std::nullopt},
    {"refund", AuditRule::kNothingHideable, std::nullopt},
    {"payment", AuditRule::kNothingHideable, std::nullopt},
    // A ticket's and its messages' entries (internal notes included) only for readers of every
    // ticket: entries outlive the ticket's place, so nothing narrower can be decided for them.
    {"ticket", AuditRule::kEveryRecordReader, Object::kTickets},
    {"ticket_message", AuditRule::kEveryRecordReader, Object::kTickets},
    // A rating's comment and an attachment's name are the customer's words: ticket readers only.
    {"ticket_rating", AuditRule::kEveryRecordReader, Object::kTickets},
    {"ticket_attachment", AuditRule::kEveryRecordReader, Object::kTickets},
    {"queue", AuditRule::kNothingHideable, std::nullopt},
    {"canned_reply", AuditRule::kNothingHideable, std::nullopt},
    {"agent_availability", AuditRule::kNothingHideable, std::nullopt},
    {"calendar", AuditRule::kNothingHideable, std::nullopt},
    {"sla_policy", AuditRule::kNothingHideable, std::nullopt},
    {"routing_rule", AuditRule::kNothingHideable, std::nullopt},
    // The help center: articles (drafts too) and their categories, settings, synonyms.
    {"kb_article", AuditRule::kNothingHideable, std::nullopt},
    {"kb_category", AuditRule::kNothingHideable, std::nullopt},
    {"kb_settings", AuditRule::kNothingHideable, std::nullopt},
    {"kb_synonyms", AuditRule::kNothingHideable, std::nullopt},
    // A chat's entries hold the visitor's claimed name and email and the rating comment: the
    // visitor's words, like a ticket's, for readers of every ticket only.
    {"chat_conversation", AuditRule::kEveryRecordReader, Object::kTickets},
    // Origins, the default queue and the limit; the identity secret never enters an entry.
    {"chat_settings", AuditRule::kNothingHideable, std::nullopt},
    // The bot's guided flows and human-only topics: the business's own words.
    {"chat_bot_settings", AuditRule::kNothingHideable, std::nullopt},
    // Customer health: a bad experience's summary and outcome are staff notes on the customer's
    // timeline; the rules and weights are the business's own.
    {"bad_experience", AuditRule::kNothingHideable, std::nullopt},
    {"health_settings", AuditRule::kNothingHideable, std::nullopt},
    // A task's notes and outcome may say anything about its customer, and an entry outlives the
    // task's assignee and links: readers of every task only.
    {"task", AuditRule::kEveryRecordReader, Object::kTasks},
    // Loyalty: a ledger transaction (points, cause, a staff reason) and a programme's settings.
    {"loyalty_transaction", AuditRule::kNothingHideable, std::nullopt},
    {"loyalty_programme", AuditRule::kNothingHideable, std::nullopt},
    // Vouchers: rules and uses, codes only by their last four letters.
    {"loyalty_voucher", AuditRule::kNothingHideable, std::nullopt},
    {"loyalty_voucher_batch", AuditRule::kNothingHideable, std::nullopt},
    {"loyalty_reward", AuditRule::kNothingHideable, std::nullopt},
    {"loyalty_tiers", AuditRule::kNothingHideable, std::nullopt},
    // Stamp cards: a card's settings and a customer's stamps from an order (counts, ids).
    {"loyalty_stamp_card", AuditRule::kNothingHideable, std::nullopt},
    {"loyalty_stamps", AuditRule::kNothingHideable, std::nullopt},
    // A referral: two customer ids, its state and a refusal's signal (never an address).
    {"loyalty_referral", AuditRule::kNothingHideable, std::nullopt},
    // A replay of past orders: the programme, since, counts and the starter's user id.
    {"loyalty_replay", AuditRule::kNothingHideable, std::nullopt},
    // A survey's definition: the business's own questions; answers are not audited here (each is
    // an event and a timeline entry of its customer).
    {"survey", AuditRule::kNothingHideable, std::nullopt},
    // A feedback theme: a name, keywords and what the business did; no customer's words.
    {"feedback_theme", AuditRule::kNothingHideable, std::nullopt},
    // A review's title, text, moderation reason and reply: the customer's words and staff notes
    // about them; an entry outlives the customer's owner: readers of every review only (the
    // object takes only the levels all and none).
    {"review", AuditRule::kEveryRecordReader, Object::kReviews},
    // When reviews are asked for by themselves: the business's own settings.
    {"review_settings", AuditRule::kNothingHideable, std::nullopt},
}};

// The field a view names in a string: "birthday", "-birthday" (a descending sort).
bool NamesHiddenField(const Access& access, Object object, std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  return !text.empty() && access.IsHidden(object, text);
}

bool IsFieldKey(std::string_view key) {
  return key == "field" || key == "sort" || key == "sort_by" || key == "order_by" ||
         key == "column";
}

// Redacts `value` in place; true when `value` itself must go (a condition on a hidden field).
bool RedactNode(const Access& access, Object object, json::value& value, bool& removed) {
  if (value.is_array()) {
    json::array kept;
    for (auto& element : value.as_array()) {
      const bool hidden_name =
          element.is_string() && NamesHiddenField(access, object, element.as_string());
      if (hidden_name || RedactNode(access, object, element, removed)) {
        removed = true;
        continue;
      }
      kept.push_back(std::move(element));
    }
    value.as_array() = std::move(kept);
    return false;
  }
  if (!value.is_object()) return false;
  json::object& node = value.as_object();
  if (const json::value* field = node.if_contains("field");
      field != nullptr && field->is_string() &&
      NamesHiddenField(access, object, field->as_string())) {
    return true;
  }
  json::object kept;
  for (auto& [key, child] : node) {
    const bool hidden_key = NamesHiddenField(access, object, key);
    const bool hidden_value =
        IsFieldKey(key) && child.is_string() && NamesHiddenField(access, object, child.as_string());
    if (hidden_key || hidden_value || RedactNode(access, object, child, removed)) {
      removed = true;
      continue;
    }
    kept[key] = std::move(child);
  }
  node = std::move(kept);
  return false;
}

// A saved view may be over customers or companies, and its audit entries name the view's object
// only on create: both objects' rules apply to every definition in the trail.
void RedactViewChanges(const Access& access, json::array& changes) {
  for (auto& change : changes) {
    if (!change.is_object()) continue;
    json::object& entry = change.as_object();
    if (entry.if_contains("field") == nullptr || entry.at("field") != "definition") continue;
    for (const char* side : {"old", "new"}) {
      if (json::value* definition = entry.if_contains(side)) {
        RedactViewDefinition(access, Object::kCustomers, *definition);
        RedactViewDefinition(access, Object::kCompanies, *definition);
      }
    }
  }
}

// "customer.vip_code" -> whether the field it defines is hidden from `access`.
bool DefinitionHidden(const Access& access, std::string_view object_id) {
  const size_t dot = object_id.find('.');
  if (dot == std::string_view::npos) return true;  // not one of ours: withhold
  const std::string_view type = object_id.substr(0, dot);
  const std::string path =
      std::string(kCustomFieldsPrefix) + std::string(object_id.substr(dot + 1));
  if (type == "customer") return access.IsHidden(Object::kCustomers, path);
  if (type == "company") return access.IsHidden(Object::kCompanies, path);
  return false;  // products: the business's catalogue, never hidden
}

}  // namespace

std::span<const AuditedType> AuditedTypes() { return kAuditedTypes; }

const AuditedType* FindAuditedType(std::string_view object_type) {
  for (const auto& type : kAuditedTypes) {
    if (type.object_type == object_type) return &type;
  }
  return nullptr;
}

bool RedactAuditEntry(const Access& access, json::object& entry) {
  const json::value* type_value = entry.if_contains("object_type");
  if (type_value == nullptr || !type_value->is_string()) return false;
  const AuditedType* type = FindAuditedType(type_value->as_string());
  if (type == nullptr) return false;
  json::value* changes = entry.if_contains("changes");
  switch (type->rule) {
    case AuditRule::kRecordFields:
      if (changes != nullptr && changes->is_array()) {
        access.RedactChanges(*type->object, changes->as_array());
      }
      return true;
    case AuditRule::kCustomFieldDefinition: {
      const json::value* id = entry.if_contains("object_id");
      return id != nullptr && id->is_string() && !DefinitionHidden(access, id->as_string());
    }
    case AuditRule::kPaymentMethod:
      return !access.IsHidden(Object::kCustomers, kPaymentMethodsField);
    case AuditRule::kViewDefinition:
      if (changes != nullptr && changes->is_array()) RedactViewChanges(access, changes->as_array());
      return true;
    case AuditRule::kNothingHideable:
      return true;
    case AuditRule::kEveryRecordReader:
      return access.LevelFor(*type->object, Action::kRead) == Level::kAll;
  }
  return false;
}

bool RedactViewDefinition(const Access& access, Object object, json::value& definition) {
  bool removed = false;
  if (RedactNode(access, object, definition, removed)) {
    definition = json::object();
    removed = true;
  }
  return removed;
}

}  // namespace rapport::access
