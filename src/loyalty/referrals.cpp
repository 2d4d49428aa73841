#include "loyalty/referrals.hpp"

#include <set>

#include "commerce/payment_fingerprints.hpp"
#include "common/ids.hpp"
#include "common/money.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "loyalty/days.hpp"
#include "loyalty/order_earning.hpp"
#include "loyalty/programme_store.hpp"
#include "loyalty/referral_signals.hpp"
#include "loyalty/referral_store.hpp"
#include "loyalty/tiers.hpp"
#include "loyalty/voucher_code.hpp"
#include "loyalty/voucher_service.hpp"

namespace rapport::loyalty {
namespace {

using storage::Tx;

struct Signal {
  std::string_view name;
  std::string detail;
};

std::string TextAt(const json::object& object, std::string_view key) {
  const json::value* v = object.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

// Everything a customer's contact points and saved payment methods say, in normal form.
struct Marks {
  std::set<std::string> emails, phones, addresses, payments;
};

Result<Marks> MarksOf(Tx& tx, const std::string& customer_id) {
  Marks marks;
  RAPPORT_ASSIGN_OR_RETURN(
      auto served, customers::LoadServedCustomer(tx, access::Access::Unrestricted(), customer_id));
  if (served) {
    for (const auto& e : served->customer.emails) {
      marks.emails.insert(NormalizeEmailForReferral(e.address));
    }
    for (const auto& p : served->customer.phones) marks.phones.insert(p.number);
    for (const auto& a : served->customer.addresses) {
      if (!a.is_object()) continue;
      if (std::string key = AddressKey(a.as_object()); !key.empty()) marks.addresses.insert(key);
    }
  }
  RAPPORT_ASSIGN_OR_RETURN(std::vector<std::string> payments,
                           commerce::PaymentFingerprints(tx, customer_id));
  marks.payments.insert(payments.begin(), payments.end());
  return marks;
}

bool Shares(const std::set<std::string>& a, const std::set<std::string>& b) {
  for (const auto& item : a) {
    if (b.contains(item)) return true;
  }
  return false;
}

// The contact-point signals: the same mailbox, phone, address or saved payment method.
Result<std::optional<Signal>> ContactSignal(Tx& tx, const std::string& referrer,
                                            const std::string& referee) {
  RAPPORT_ASSIGN_OR_RETURN(Marks a, MarksOf(tx, referrer));
  RAPPORT_ASSIGN_OR_RETURN(Marks b, MarksOf(tx, referee));
  if (Shares(a.emails, b.emails)) {
    return std::optional<Signal>(
        Signal{kSignalSameEmail, "an email address is the referrer's after normalisation"});
  }
  if (Shares(a.phones, b.phones)) {
    return std::optional<Signal>(Signal{kSignalSamePhone, "a phone number is the referrer's"});
  }
  if (Shares(a.addresses, b.addresses)) {
    return std::optional<Signal>(Signal{kSignalSameAddress, "a postal address is the referrer's"});
  }
  if (Shares(a.payments, b.payments)) {
    return std::optional<Signal>(
        Signal{kSignalSamePaymentMethod, "a saved payment method is the referrer's"});
  }
  return std::optional<Signal>();
}

Result<std::optional<Signal>> ArrivalSignal(Tx& tx, const std::string& referrer,
                                            const customers::ReferralArrival& arrival,
                                            const std::optional<std::string>& network_key,
                                            int64_t now_millis) {
  if (referrer == arrival.customer_id) {
    return std::optional<Signal>(Signal{kSignalSelf, "the customer's own code"});
  }
  RAPPORT_ASSIGN_OR_RETURN(auto standing, StandingReferralOf(tx, arrival.customer_id));
  if (standing) {
    return std::optional<Signal>(
        Signal{kSignalAlreadyReferred, "already referred by " + standing->referrer_id});
  }
  if (arrival.order_id && arrival.prior_orders > 0) {
    return std::optional<Signal>(
        Signal{kSignalNotFirstOrder, std::to_string(arrival.prior_orders) + " earlier orders"});
  }
  RAPPORT_ASSIGN_OR_RETURN(auto contact, ContactSignal(tx, referrer, arrival.customer_id));
  if (contact) return contact;
  // Every programme's limits apply (referrals belong to none); without a programme, the defaults.
  RAPPORT_ASSIGN_OR_RETURN(std::vector<StoredProgramme> programmes, LoadProgrammes(tx));
  std::vector<ReferralLimits> limits;
  for (const auto& stored : programmes) limits.push_back(stored.programme.referral_limits);
  if (limits.empty()) limits.emplace_back();
  if (network_key) {
    RAPPORT_ASSIGN_OR_RETURN(
        int64_t recent,
        CountFromNetwork(tx, *network_key, FormatInstant(now_millis - 7 * kMillisPerDay)));
    for (const ReferralLimits& limit : limits) {
      if (recent >= limit.network_per_week) {
        return std::optional<Signal>(
            Signal{kSignalNetworkBurst,
                   std::to_string(recent) + " referrals from this network in the last 7 days"});
      }
    }
  }
  for (const ReferralLimits& limit : limits) {
    RAPPORT_ASSIGN_OR_RETURN(
        int64_t brought,
        CountByReferrer(tx, referrer,
                        FormatInstant(now_millis - limit.referrer_cap_days * kMillisPerDay)));
    if (brought >= limit.referrer_cap) {
      return std::optional<Signal>(Signal{
          kSignalReferrerCap, "the referrer brought " + std::to_string(brought) + " in the last " +
                                  std::to_string(limit.referrer_cap_days) + " days"});
    }
  }
  return std::optional<Signal>();
}

// The longest return window of the programmes: the first order must be past it.
Result<int64_t> ReturnWindowDays(Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(std::vector<StoredProgramme> programmes, LoadProgrammes(tx));
  int64_t days = 0;
  for (const auto& p : programmes) days = std::max(days, p.programme.pending_days);
  return days;
}

Status Lapse(Tx& tx, const storage::WriteContext& context, Referral referral, int64_t now_millis) {
  referral.state = "lapsed";
  referral.updated_at = FormatInstant(now_millis);
  RAPPORT_RETURN_IF_ERROR(storage::CancelJob(tx, kReferralJobKind, referral.id));
  return SaveReferral(tx, context, referral, false);
}

Status Reward(Tx& tx, const storage::WriteContext& context, Referral referral, int64_t now_millis) {
  const int64_t today = DayOfMillis(now_millis);
  RAPPORT_ASSIGN_OR_RETURN(std::vector<StoredProgramme> programmes, LoadProgrammes(tx));
  for (const auto& stored : programmes) {
    const Programme& p = stored.programme;
    for (const auto& [customer, side] :
         {std::pair(referral.referrer_id, "referrer"), std::pair(referral.referee_id, "referee")}) {
      // A voucher instead of points, issued in this same transaction: the referral becomes
      // rewarded with it, so it is issued once.
      const PointsOrVoucher& reward =
          side == std::string_view("referrer") ? p.referrer_reward : p.referee_reward;
      if (reward.voucher) {
        VoucherRules rules = reward.rules;
        if (reward.expires_in_days > 0) {
          rules.expires_at = FormatInstant(now_millis + reward.expires_in_days * kMillisPerDay);
        }
        auto issued = IssueVoucherInTx(
            tx, context, customer, "reward", "Referral reward: " + p.name, rules,
            std::string("referral reward (") + side + ")", FormatInstant(now_millis));
        if (!issued.ok()) return std::move(issued).error();
        continue;
      }
      if (p.earn.referral.points <= 0) continue;
      RAPPORT_RETURN_IF_ERROR(EarnBonus(tx, context, p, customer,
                                        "referral:" + referral.id + ":" + side, p.earn.referral,
                                        today));
      RAPPORT_ASSIGN_OR_RETURN(auto member, FindMember(tx, p.id, customer));
      if (member) {
        RAPPORT_RETURN_IF_ERROR(ReviewTier(tx, context, p, *member, today, TierReview::kOnEarning));
      }
    }
  }
  referral.state = "rewarded";
  referral.updated_at = FormatInstant(now_millis);
  return SaveReferral(tx, context, referral, false);
}

}  // namespace

Status ReferralArrivals::Arrive(Tx& tx, const storage::WriteContext& context,
                                const customers::ReferralArrival& arrival) {
  const Error unknown = Error::Invalid("referral_code", "no customer has this referral code");
  auto code = NormalizeVoucherCode(arrival.code);
  if (!code) return unknown;
  RAPPORT_ASSIGN_OR_RETURN(auto referrer, ReferrerOfCode(tx, *code));
  if (!referrer) return unknown;
  // The same code again (at signup, then on the first order): already linked, nothing new.
  RAPPORT_ASSIGN_OR_RETURN(auto standing, StandingReferralOf(tx, arrival.customer_id));
  if (standing && standing->referrer_id == *referrer) return OkStatus();
  std::optional<std::string> network_key;
  if (arrival.network) {
    network_key = NetworkKey(*arrival.network);
    if (!network_key) return Error::Invalid("referral_network", "must be an IPv4 or IPv6 address");
  }
  const int64_t now_millis = clock_();
  const std::string now = FormatInstant(now_millis);
  Referral referral{.id = NewId("ref"),
                    .referrer_id = *referrer,
                    .referee_id = arrival.customer_id,
                    .state = "linked",
                    .via = arrival.order_id ? "order" : "signup",
                    .network_key = network_key,
                    .created_at = now,
                    .updated_at = now};
  RAPPORT_ASSIGN_OR_RETURN(auto signal,
                           ArrivalSignal(tx, *referrer, arrival, referral.network_key, now_millis));
  if (signal) {
    referral.state = "refused";
    referral.signal = std::string(signal->name);
    referral.detail = signal->detail;
  } else if (arrival.order_id) {
    // Arriving with the first order: that order is the one that qualifies (order.placed below).
    referral.order_id = arrival.order_id;
  }
  return SaveReferral(tx, context, referral, true);
}

Status ApplyReferralEvent(Tx& tx, const storage::WriteContext& context, const storage::Event& event,
                          int64_t now_millis) {
  if (event.type == "order.placed") {
    const json::value* order = event.payload.if_contains("order");
    if (order == nullptr || !order->is_object()) return OkStatus();
    const std::string order_id = TextAt(order->as_object(), "id");
    RAPPORT_ASSIGN_OR_RETURN(auto referral, StandingReferralOf(tx, event.aggregate_id));
    // Only a linked referral qualifies, on its first order (the one it arrived with, if any).
    if (!referral || referral->state != "linked") return OkStatus();
    if (referral->order_id && *referral->order_id != order_id) return OkStatus();
    if (TextAt(order->as_object(), "placed_by") == referral->referrer_id) {
      // The referrer bought the referee's first order: the reward would pay them for their own
      // purchase. Refused like any other signal, on the order that shows it.
      referral->state = "refused";
      referral->signal = std::string(kSignalReferrerPlacedOrder);
      referral->detail = "the first order " + order_id + " was placed by the referrer";
      referral->order_id = order_id;
      referral->updated_at = FormatInstant(now_millis);
      return SaveReferral(tx, context, *referral, false);
    }
    const json::value* total = order->as_object().if_contains("total");
    RAPPORT_ASSIGN_OR_RETURN(int64_t window, ReturnWindowDays(tx));
    const int64_t placed_day =
        DayOf(TextAt(order->as_object(), "placed_at")).value_or(DayOfMillis(now_millis));
    referral->state = "qualifying";
    referral->order_id = order_id;
    referral->order_cents = total != nullptr ? CentsFromJson(*total).value_or(0) : 0;
    referral->qualifies_on = std::max(placed_day + window, DayOfMillis(now_millis));
    referral->updated_at = FormatInstant(now_millis);
    RAPPORT_RETURN_IF_ERROR(storage::ScheduleJob(tx, kReferralJobKind, referral->id,
                                                 *referral->qualifies_on * kMillisPerDay));
    return SaveReferral(tx, context, *referral, false);
  }
  std::string order_id;
  std::optional<int64_t> refund_cents;
  if (event.type == "order.refunded") {
    const json::value* refund = event.payload.if_contains("refund");
    if (refund == nullptr || !refund->is_object()) return OkStatus();
    order_id = TextAt(refund->as_object(), "order_id");
    const json::value* amount = refund->as_object().if_contains("amount");
    refund_cents = amount != nullptr ? CentsFromJson(*amount).value_or(0) : 0;
  } else if (event.type == "order.updated") {
    const json::value* order = event.payload.if_contains("order");
    if (order == nullptr || !order->is_object() ||
        TextAt(order->as_object(), "status") != "cancelled") {
      return OkStatus();
    }
    order_id = TextAt(order->as_object(), "id");
  } else if (event.type == "order.deleted") {
    order_id = TextAt(event.payload, "order_id");
  } else {
    return OkStatus();
  }
  if (order_id.empty()) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(std::vector<Referral> referrals, ReferralsForOrder(tx, order_id));
  for (Referral& referral : referrals) {
    if (referral.state != "qualifying") continue;  // rewarded already stays rewarded
    if (refund_cents) {
      referral.refunded_cents += *refund_cents;
      if (referral.refunded_cents < referral.order_cents.value_or(0)) {
        referral.updated_at = FormatInstant(now_millis);
        RAPPORT_RETURN_IF_ERROR(SaveReferral(tx, context, referral, false));
        continue;  // a partial refund keeps the order qualifying
      }
    }
    RAPPORT_RETURN_IF_ERROR(Lapse(tx, context, referral, now_millis));
  }
  return OkStatus();
}

storage::Scheduler::Handler ReferralJobHandler(std::function<int64_t()> clock) {
  return [clock = std::move(clock)](Tx& tx, const storage::ScheduledJob& job) -> Status {
    const storage::WriteContext context{.actor = "system:loyalty", .via = "system"};
    RAPPORT_ASSIGN_OR_RETURN(auto referral, LoadReferral(tx, job.key));
    if (!referral || referral->state != "qualifying") return OkStatus();  // gone or settled
    const int64_t now_millis = clock();
    RAPPORT_ASSIGN_OR_RETURN(auto signal,
                             ContactSignal(tx, referral->referrer_id, referral->referee_id));
    if (signal) {
      referral->state = "refused";
      referral->signal = std::string(signal->name);
      referral->detail = signal->detail + " (found when it would have been rewarded)";
      referral->updated_at = FormatInstant(now_millis);
      return SaveReferral(tx, context, *referral, false);
    }
    return Reward(tx, context, *referral, now_millis);
  };
}

}  // namespace rapport::loyalty
