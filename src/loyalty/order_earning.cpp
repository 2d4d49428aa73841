#include "loyalty/order_earning.hpp"

#include <algorithm>

#include "customers/customer_service.hpp"
#include "loyalty/movements.hpp"
#include "loyalty/tiers.hpp"

namespace rapport::loyalty {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kEarning =
    "SELECT member_id, total_cents, points, refunded_cents, reversed_points, cancelled "
    "FROM loyalty_order_earnings WHERE programme_id = ? AND order_id = ?";
constexpr std::string_view kInsertEarning =
    "INSERT INTO loyalty_order_earnings (programme_id, order_id, member_id, total_cents, points, "
    "spend_points, bonus_points, earned_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateEarning =
    "UPDATE loyalty_order_earnings SET refunded_cents = ?, reversed_points = ?, cancelled = ? "
    "WHERE programme_id = ? AND order_id = ?";
constexpr std::string_view kMemberHasEarned =
    "SELECT 1 FROM loyalty_order_earnings WHERE member_id = ? LIMIT 1";
constexpr std::string_view kRecordRefund =
    "INSERT INTO loyalty_order_refunds (programme_id, refund_id, order_id, amount_cents) "
    "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kRefundCounted =
    "SELECT 1 FROM loyalty_order_refunds WHERE programme_id = ? AND refund_id = ?";
// Spend and per-order points already earned in a cap's period: what was earned, refunds or not.
constexpr std::string_view kEarnedSince =
    "SELECT COALESCE(SUM(spend_points), 0), COALESCE(SUM(bonus_points), 0) "
    "FROM loyalty_order_earnings WHERE member_id = ? AND earned_on >= ?";

// A recurring bonus's points already earned in its cap's period: the member's lots of that kind.
constexpr std::string_view kBonusEarnedSince =
    "SELECT COALESCE(SUM(points), 0) FROM loyalty_lots "
    "WHERE member_id = ? AND cause >= ? AND cause < ? AND earned_on >= ?";

struct Earning {
  std::string member_id;
  int64_t total_cents = 0;
  int64_t points = 0;
  int64_t refunded_cents = 0;
  int64_t reversed = 0;
  bool cancelled = false;
};

Result<std::optional<Earning>> FindEarning(Tx& tx, const std::string& programme_id,
                                           const std::string& order_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kEarning, {programme_id, order_id}));
  if (rows.empty()) return std::optional<Earning>();
  return std::optional<Earning>(Earning{.member_id = rows[0].Text(0),
                                        .total_cents = rows[0].Int(1),
                                        .points = rows[0].Int(2),
                                        .refunded_cents = rows[0].Int(3),
                                        .reversed = rows[0].Int(4),
                                        .cancelled = rows[0].Int(5) != 0});
}

// Takes `points` of the order's back and records the new state of its earning.
Status TakeBack(Tx& tx, const storage::WriteContext& context, const Programme& programme,
                const std::string& order_id, Earning earning, int64_t points, int64_t today) {
  if (points > 0) {
    RAPPORT_ASSIGN_OR_RETURN(auto member, MemberById(tx, earning.member_id));
    if (!member) return OkStatus();
    auto moved = Move(tx, context, programme, *member, today, [&](Ledger& ledger) -> Status {
      auto reversed = ledger.Reverse("order:" + order_id, points, today);
      return reversed.ok() ? OkStatus() : Status(std::move(reversed).error());
    });
    if (!moved.ok()) return std::move(moved).error();
    earning.reversed += points;
  }
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kUpdateEarning, {earning.refunded_cents, earning.reversed,
                               int64_t{earning.cancelled ? 1 : 0}, programme.id, order_id}));
  return OkStatus();
}

// The member, joining them now; nullopt when the customer is gone (erased before the event was
// delivered: there is no one to earn, and a failing round would retry forever).
Result<std::optional<Member>> JoinedMember(Tx& tx, const std::string& programme_id,
                                           const std::string& customer_id) {
  auto owner = customers::ReadableCustomerOwner(tx, access::Access::Unrestricted(), customer_id);
  if (!owner.ok()) {
    if (owner.error().code == ErrorCode::kNotFound) return std::optional<Member>();
    return std::move(owner).error();
  }
  RAPPORT_ASSIGN_OR_RETURN(Member member, EnsureMember(tx, programme_id, customer_id));
  return std::optional<Member>(std::move(member));
}

}  // namespace

Status EarnForOrder(Tx& tx, const storage::WriteContext& context, const Programme& programme,
                    const std::string& customer_id, const std::string& order_id,
                    const OrderFacts& order, int64_t today) {
  RAPPORT_ASSIGN_OR_RETURN(auto earned, FindEarning(tx, programme.id, order_id));
  if (earned) return OkStatus();  // a replayed event, or the replay met live earning
  if (order.currency != programme.currency || !Runs(programme, order.placed_day)) {
    return OkStatus();
  }
  const auto [spend_rule_points, bonus_rule_points] = PointsOf(programme, order);
  const EarnRules& rules = programme.earn;
  // Nothing any order rule could give: the customer does not join for it.
  if (spend_rule_points == 0 && bonus_rule_points == 0 && rules.first_order.points == 0) {
    return OkStatus();
  }
  RAPPORT_ASSIGN_OR_RETURN(auto joined, JoinedMember(tx, programme.id, customer_id));
  if (!joined) return OkStatus();
  const Member& member = *joined;
  // The tier's earn multiplier on the rules that take it, rounded down, then each rule's cap.
  RAPPORT_ASSIGN_OR_RETURN(int64_t percent, TierMultiplierPercent(tx, programme.id, member.id));
  auto multiplied = [percent](int64_t points, bool applies) {
    return applies ? points * percent / 100 : points;
  };
  int64_t spend = multiplied(spend_rule_points, rules.spend.tier_multiplier);
  int64_t bonus = multiplied(bonus_rule_points, rules.per_order.tier_multiplier);
  auto capped = [&](const std::optional<PeriodCap>& cap, int64_t points,
                    int column) -> Result<int64_t> {
    if (!cap || points == 0) return points;
    RAPPORT_ASSIGN_OR_RETURN(Rows sum,
                             tx.Query(kEarnedSince, {member.id, PeriodStart(today, cap->period)}));
    return CapRest(cap, points, sum[0].Int(column));
  };
  RAPPORT_ASSIGN_OR_RETURN(spend, capped(rules.spend.cap, spend, 0));
  RAPPORT_ASSIGN_OR_RETURN(bonus, capped(rules.per_order.cap, bonus, 1));
  const int64_t points = spend + bonus;
  // The member's first order is the first the programme records for them, earning or not.
  RAPPORT_ASSIGN_OR_RETURN(Rows first, tx.Query(kMemberHasEarned, {member.id}));
  const int64_t first_order = first.empty() ? multiplied(BonusPoints(rules.first_order, order),
                                                         rules.first_order.tier_multiplier)
                                            : 0;
  const int64_t available_on = order.placed_day + programme.pending_days;
  const auto expires_on = ExpiryFor(programme, order.placed_day);
  if (points > 0 || first_order > 0) {
    auto moved = Move(tx, context, programme, member, today, [&](Ledger& ledger) -> Status {
      if (points > 0) {
        auto lot = ledger.Earn("order:" + order_id, points, today, available_on, expires_on);
        if (!lot.ok()) return std::move(lot).error();
      }
      if (first_order > 0) {
        // Its own cause: a member's first order earns the bonus once, whatever happens later.
        auto lot = ledger.Earn("bonus:first_order", first_order, today, available_on, expires_on);
        if (!lot.ok() && lot.error().code != ErrorCode::kConflict) return std::move(lot).error();
      }
      return OkStatus();
    });
    if (!moved.ok()) return std::move(moved).error();
  }
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kInsertEarning,
              {programme.id, order_id, member.id, order.total_cents, points, spend, bonus, today}));
  return OkStatus();
}

Status ReverseForRefund(Tx& tx, const storage::WriteContext& context, const Programme& programme,
                        const std::string& order_id, const std::string& refund_id,
                        int64_t amount_cents, int64_t today) {
  RAPPORT_ASSIGN_OR_RETURN(auto earning, FindEarning(tx, programme.id, order_id));
  if (!earning || earning->cancelled || earning->points == 0) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(
      int64_t recorded, tx.Exec(kRecordRefund, {programme.id, refund_id, order_id, amount_cents}));
  if (recorded == 0) return OkStatus();  // this refund was applied already
  earning->refunded_cents = std::min(earning->total_cents, earning->refunded_cents + amount_cents);
  // Points kept: floor(points × unrefunded / total), so a whole refund takes everything back.
  // 128-bit: points (≤ 10⁹) × cents (≤ 10¹³) overflows 64 bits.
  const __int128 kept_wide = static_cast<__int128>(earning->points) *
                             (earning->total_cents - earning->refunded_cents) /
                             std::max<int64_t>(earning->total_cents, 1);
  const int64_t take = earning->points - static_cast<int64_t>(kept_wide) - earning->reversed;
  return TakeBack(tx, context, programme, order_id, *earning, std::max<int64_t>(take, 0), today);
}

Status CatchUpRefunds(Tx& tx, const storage::WriteContext& context, const Programme& programme,
                      const std::string& order_id, const std::vector<RefundFacts>& refunds,
                      int64_t today) {
  RAPPORT_ASSIGN_OR_RETURN(auto earning, FindEarning(tx, programme.id, order_id));
  if (!earning || earning->cancelled || earning->points == 0) return OkStatus();
  int64_t missing = -earning->refunded_cents;
  for (const auto& refund : refunds) missing += refund.cents;
  for (auto it = refunds.rbegin(); it != refunds.rend() && missing > 0; ++it) {
    RAPPORT_ASSIGN_OR_RETURN(Rows counted, tx.Query(kRefundCounted, {programme.id, it->id}));
    if (!counted.empty()) continue;  // live earning met it: already in refunded_cents
    const int64_t amount = std::min(it->cents, missing);
    RAPPORT_RETURN_IF_ERROR(
        ReverseForRefund(tx, context, programme, order_id, it->id, amount, today));
    missing -= amount;
  }
  return OkStatus();
}

Status ReverseForCancellation(Tx& tx, const storage::WriteContext& context,
                              const Programme& programme, const std::string& order_id,
                              int64_t today) {
  RAPPORT_ASSIGN_OR_RETURN(auto earning, FindEarning(tx, programme.id, order_id));
  if (!earning || earning->cancelled) return OkStatus();
  earning->cancelled = true;
  const int64_t take = earning->points - earning->reversed;
  return TakeBack(tx, context, programme, order_id, *earning, take, today);
}

Status EarnBonus(Tx& tx, const storage::WriteContext& context, const Programme& programme,
                 const std::string& customer_id, const std::string& cause, const EventBonus& bonus,
                 int64_t today) {
  if (bonus.points <= 0 || !Runs(programme, today)) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(auto member, JoinedMember(tx, programme.id, customer_id));
  if (!member) return OkStatus();
  int64_t points = bonus.points;
  if (bonus.tier_multiplier) {
    RAPPORT_ASSIGN_OR_RETURN(int64_t percent, TierMultiplierPercent(tx, programme.id, member->id));
    points = points * percent / 100;
  }
  if (bonus.cap) {
    // The kind's causes run from "review:" up to, not including, "review;" (':' + 1).
    std::string from = cause.substr(0, cause.find(':') + 1);
    std::string to = from;
    if (!to.empty()) ++to.back();
    RAPPORT_ASSIGN_OR_RETURN(
        Rows sum,
        tx.Query(kBonusEarnedSince, {member->id, from, to, PeriodStart(today, bonus.cap->period)}));
    points = CapRest(bonus.cap, points, sum[0].Int(0));
  }
  if (points <= 0) return OkStatus();
  auto moved = Move(tx, context, programme, *member, today, [&](Ledger& ledger) -> Status {
    auto earned = ledger.Earn(cause, points, today, today, ExpiryFor(programme, today));
    // Once per cause: a replayed event finds it earned and changes nothing.
    if (!earned.ok() && earned.error().code != ErrorCode::kConflict) {
      return std::move(earned).error();
    }
    return OkStatus();
  });
  return moved.ok() ? OkStatus() : Status(std::move(moved).error());
}

}  // namespace rapport::loyalty
