#include "loyalty/loyalty_earning.hpp"

#include <algorithm>

#include "commerce/past_orders.hpp"
#include "common/money.hpp"
#include "loyalty/birthday.hpp"
#include "loyalty/bonus_vouchers.hpp"
#include "loyalty/order_earning.hpp"
#include "loyalty/programme_store.hpp"
#include "loyalty/referrals.hpp"
#include "loyalty/stamping.hpp"
#include "loyalty/tiers.hpp"

namespace rapport::loyalty {
namespace {

const storage::WriteContext kContext{.actor = "system:loyalty", .via = "system"};

std::string TextAt(const json::object& object, std::string_view key) {
  const json::value* v = object.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

const json::object* ObjectAt(const json::object& object, std::string_view key) {
  const json::value* v = object.if_contains(key);
  return v != nullptr && v->is_object() ? &v->as_object() : nullptr;
}

std::optional<std::string> OptionalTextAt(const json::object& object, std::string_view key) {
  std::string text = TextAt(object, key);
  return text.empty() ? std::nullopt : std::optional(std::move(text));
}

// The figures of order.placed's lean order.
std::optional<OrderFacts> FactsOf(const json::object& order) {
  OrderFacts facts{.currency = TextAt(order, "currency")};
  auto day = DayOf(TextAt(order, "placed_at"));
  const json::value* total = order.if_contains("total");
  auto cents = total != nullptr ? CentsFromJson(*total) : std::nullopt;
  if (!day || !cents) return std::nullopt;
  facts.placed_day = *day;
  facts.total_cents = *cents;
  if (const json::value* lines = order.if_contains("lines"); lines && lines->is_array()) {
    for (const json::value& line : lines->as_array()) {
      if (!line.is_object()) continue;
      const json::value* line_total = line.as_object().if_contains("line_total");
      facts.lines.push_back(
          OrderLine{.product_id = OptionalTextAt(line.as_object(), "product_id"),
                    .sku = OptionalTextAt(line.as_object(), "sku"),
                    .total_cents = line_total ? CentsFromJson(*line_total).value_or(0) : 0});
    }
  }
  return facts;
}

// The lines' categories, which order.placed leaves out, from the order's own lines: what the
// products were when it was placed, whatever they are now.
Status AddCategories(storage::Tx& tx, const json::object& order, OrderFacts& facts) {
  RAPPORT_ASSIGN_OR_RETURN(auto categories, commerce::OrderLineCategories(tx, TextAt(order, "id")));
  // The event lists the lines in their order; a count that differs matches nothing rather
  // than the wrong lines.
  if (categories.size() != facts.lines.size()) return OkStatus();
  for (size_t i = 0; i < categories.size(); ++i) facts.lines[i].category = categories[i];
  return OkStatus();
}

// The customer a feedback or referral event is about: its aggregate when that is a customer,
// else a customer_id in the payload or in its one record.
std::string CustomerOf(const storage::Event& event, std::string_view record_key) {
  if (event.aggregate_type == "customer") return event.aggregate_id;
  if (auto id = OptionalTextAt(event.payload, "customer_id")) return *id;
  if (const json::object* record = ObjectAt(event.payload, record_key)) {
    return TextAt(*record, "customer_id");
  }
  return {};
}

// What a bonus event earns once for: the review's product (one reward per product per customer),
// else the record's id, else the event's.
std::string BonusCause(const storage::Event& event, std::string_view prefix,
                       std::string_view record_key) {
  const json::object* record = ObjectAt(event.payload, record_key);
  if (record == nullptr) record = &event.payload;
  for (std::string_view key : {"product_id", "id"}) {
    if (auto id = OptionalTextAt(*record, key)) return std::string(prefix) + ":" + *id;
  }
  return std::string(prefix) + ":" + event.id;
}

// Upgrades apply at once: the member's tier is reviewed after every earning event.
Status UpgradeOnEarning(storage::Tx& tx, const Programme& programme, const std::string& customer_id,
                        int64_t today) {
  if (customer_id.empty()) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(auto member, FindMember(tx, programme.id, customer_id));
  if (!member) return OkStatus();
  return ReviewTier(tx, kContext, programme, *member, today, TierReview::kOnEarning);
}

}  // namespace

bool LoyaltyEarning::Wants(std::string_view type) const {
  static constexpr std::array<std::string_view, 9> kTypes = {
      "order.placed",     "order.refunded",   "order.updated",
      "order.deleted",    "customer.created", "customer.updated",
      "review.published", "survey.answered",  "referral.succeeded"};
  return std::find(kTypes.begin(), kTypes.end(), type) != kTypes.end();
}

Status LoyaltyEarning::Apply(storage::Tx& tx, const storage::Event& event) {
  if (!Wants(event.type)) return OkStatus();
  // A birthday on file (or changed): the customer's birthday job moves to the next one.
  if (event.type == "customer.created" || event.type == "customer.updated") {
    const json::value* changed = event.payload.if_contains("changed");
    const bool birthday_changed = event.type == "customer.created" ||
                                  (changed != nullptr && changed->is_array() &&
                                   std::find(changed->as_array().begin(), changed->as_array().end(),
                                             json::value("birthday")) != changed->as_array().end());
    if (birthday_changed) {
      RAPPORT_RETURN_IF_ERROR(ScheduleBirthday(tx, event.aggregate_id, DayOfMillis(clock_())));
    }
    if (event.type == "customer.updated") return OkStatus();
  }
  // Stamp cards stand apart from programmes: the same order events, with or without points.
  RAPPORT_RETURN_IF_ERROR(ApplyStampEvent(tx, kContext, event, clock_()));
  // A referee's first order qualifies their referral; returning it first lapses it.
  RAPPORT_RETURN_IF_ERROR(ApplyReferralEvent(tx, kContext, event, clock_()));
  RAPPORT_ASSIGN_OR_RETURN(std::vector<StoredProgramme> programmes, LoadProgrammes(tx));
  if (programmes.empty()) return OkStatus();
  const int64_t today = DayOfMillis(clock_());
  // order.placed's figures, read once for every programme; the lines' categories only when some
  // programme's rules name categories.
  const json::object* placed =
      event.type == "order.placed" ? ObjectAt(event.payload, "order") : nullptr;
  std::optional<OrderFacts> facts = placed != nullptr ? FactsOf(*placed) : std::nullopt;
  if (facts && std::any_of(programmes.begin(), programmes.end(),
                           [](const auto& s) { return NeedsCategories(s.programme); })) {
    RAPPORT_RETURN_IF_ERROR(AddCategories(tx, *placed, *facts));
  }
  for (const StoredProgramme& stored : programmes) {
    const Programme& p = stored.programme;
    if (event.type == "order.placed") {
      if (!facts) continue;
      RAPPORT_RETURN_IF_ERROR(
          EarnForOrder(tx, kContext, p, event.aggregate_id, TextAt(*placed, "id"), *facts, today));
      RAPPORT_RETURN_IF_ERROR(UpgradeOnEarning(tx, p, event.aggregate_id, today));
    } else if (event.type == "order.refunded") {
      const json::object* refund = ObjectAt(event.payload, "refund");
      if (refund == nullptr) continue;
      const json::value* amount = refund->if_contains("amount");
      auto cents = amount != nullptr ? CentsFromJson(*amount) : std::nullopt;
      if (!cents) continue;
      RAPPORT_RETURN_IF_ERROR(ReverseForRefund(tx, kContext, p, TextAt(*refund, "order_id"),
                                               TextAt(*refund, "id"), *cents, today));
    } else if (event.type == "order.updated") {
      const json::object* order = ObjectAt(event.payload, "order");
      if (order == nullptr || TextAt(*order, "status") != "cancelled") continue;
      RAPPORT_RETURN_IF_ERROR(ReverseForCancellation(tx, kContext, p, TextAt(*order, "id"), today));
    } else if (event.type == "order.deleted") {
      RAPPORT_RETURN_IF_ERROR(
          ReverseForCancellation(tx, kContext, p, TextAt(event.payload, "order_id"), today));
    } else if (event.type == "customer.created") {
      RAPPORT_RETURN_IF_ERROR(
          EarnBonus(tx, kContext, p, event.aggregate_id, "bonus:signup", p.earn.signup, today));
      RAPPORT_RETURN_IF_ERROR(UpgradeOnEarning(tx, p, event.aggregate_id, today));
    } else {
      // review.published, survey.answered, referral.succeeded
      const std::string kind(event.type.substr(0, event.type.find('.')));
      const EventBonus& bonus = kind == "review"   ? p.earn.review_published
                                : kind == "survey" ? p.earn.survey_answered
                                                   : p.earn.referral;
      const std::string customer = CustomerOf(event, kind);
      if (customer.empty()) continue;
      if (kind == "review" && p.review_reward.voucher) {
        // A voucher instead of the points, once per product (the points' cause).
        RAPPORT_RETURN_IF_ERROR(IssueBonusVoucher(tx, kContext, p, p.review_reward, customer,
                                                  BonusCause(event, kind, kind), "Review reward",
                                                  "a published review", clock_()));
        continue;
      }
      if (bonus.points == 0) continue;
      RAPPORT_RETURN_IF_ERROR(
          EarnBonus(tx, kContext, p, customer, BonusCause(event, kind, kind), bonus, today));
      RAPPORT_RETURN_IF_ERROR(UpgradeOnEarning(tx, p, customer, today));
    }
  }
  return OkStatus();
}

}  // namespace rapport::loyalty
