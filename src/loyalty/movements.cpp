#include "loyalty/movements.hpp"

#include <fmt/format.h>

#include "access/access.hpp"
#include "common/time.hpp"
#include "interactions/interaction_service.hpp"
#include "loyalty/programme_store.hpp"
#include "loyalty/tiers.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::loyalty {
namespace {

int64_t Posted(const Transaction& t, Account account) {
  int64_t sum = 0;
  for (const Posting& p : t.postings) {
    if (p.account == account) sum += p.points;
  }
  return sum;
}

// The timeline's words for one transaction: what moved, in the programme's points name.
std::string Summary(const Programme& programme, const Transaction& t, const Ledger& ledger) {
  const std::string& unit = programme.points_name;
  switch (t.kind) {
    case Kind::kEarn: {
      std::string text =
          fmt::format("Earned {} {} ({})", -Posted(t, Account::kIssued), unit, t.cause);
      for (const Lot& lot : ledger.lots()) {
        if (lot.cause == t.cause && !lot.available) {
          text += ", pending until " + DateOfDay(lot.available_on);
        }
      }
      return text;
    }
    case Kind::kRelease:
      return fmt::format("{} {} became available", -Posted(t, Account::kPending), unit);
    case Kind::kRedeem:
      return fmt::format("Redeemed {} {} ({})", Posted(t, Account::kRedeemed), unit, t.cause);
    case Kind::kReverse: {
      std::string text =
          fmt::format("{} {} taken back ({})", Posted(t, Account::kIssued), unit, t.cause);
      if (const int64_t debt = -Posted(t, Account::kDebt); debt > 0) {
        text += fmt::format(", {} of them as debt", debt);
      }
      return text;
    }
    case Kind::kExpire:
      return fmt::format("{} {} expired", Posted(t, Account::kExpired), unit);
    case Kind::kAdjust:
      return fmt::format("Adjusted by {:+} {} ({})", -Posted(t, Account::kAdjusted), unit, t.cause);
  }
  return t.cause;
}

bool IsActivity(Kind kind) {
  return kind == Kind::kEarn || kind == Kind::kRedeem || kind == Kind::kAdjust;
}

Status Reschedule(storage::Tx& tx, const Programme& programme, const Member& member,
                  const Ledger& ledger) {
  auto due = NextDue(programme, ledger);
  RAPPORT_ASSIGN_OR_RETURN(std::optional<int64_t> review, TierReviewDay(tx, member));
  if (review) due = due ? std::min(*due, *review) : *review;
  if (due) {
    return storage::ScheduleJob(tx, kMemberJobKind, member.id, *due * kMillisPerDay,
                                json::object{{"programme_id", programme.id}});
  }
  return storage::CancelJob(tx, kMemberJobKind, member.id);
}

}  // namespace

Status RescheduleMember(storage::Tx& tx, const Programme& programme, const Member& member) {
  RAPPORT_ASSIGN_OR_RETURN(Ledger ledger, LoadLedger(tx, member.id));
  return Reschedule(tx, programme, member, ledger);
}

Result<Moved> Move(storage::Tx& tx, const storage::WriteContext& context,
                   const Programme& programme, const Member& member, int64_t today,
                   const LedgerOperation& operation) {
  RAPPORT_ASSIGN_OR_RETURN(Ledger before, LoadLedger(tx, member.id));
  Ledger after = before;
  RAPPORT_RETURN_IF_ERROR(operation(after));
  const size_t first_new = before.history().size();
  bool active = false;
  for (size_t i = first_new; i < after.history().size(); ++i) {
    active = active || IsActivity(after.history()[i].kind);
  }
  // Inactivity expiry: every open lot now expires the set months after this movement.
  if (active && programme.expiry == ExpiryMode::kInactivity) {
    after.SetOpenLotsExpiry(AddMonths(today, programme.expiry_months));
  }
  const std::string now = NowInstant();
  RAPPORT_RETURN_IF_ERROR(SaveLedger(tx, member.id, before, after, context.actor, now));
  Moved moved{.balances = {.pending = after.Balance(Account::kPending),
                           .available = after.Balance(Account::kAvailable),
                           .debt = after.Balance(Account::kDebt)}};
  const json::object balance{{"pending", moved.balances.pending},
                             {"available", moved.balances.available},
                             {"debt", moved.balances.debt}};
  for (size_t i = first_new; i < after.history().size(); ++i) {
    const Transaction& t = after.history()[i];
    moved.added.push_back(t);
    json::object entry{
        {"channel", "other"},
        {"direction", "internal"},
        {"kind", "loyalty"},
        {"subject", Summary(programme, t, after)},
        {"occurred_at", now},
        {"metadata",
         json::object{{"programme_id", programme.id}, {"member_id", member.id}, {"seq", t.id}}}};
    // The caller was authorised for the movement (or it is the system's); its timeline entry is
    // part of that same change.
    auto logged = interactions::LogInTx(tx, access::Access::Unrestricted(), context,
                                        member.customer_id, entry);
    if (!logged.ok()) return std::move(logged).error();
    json::object record = TransactionToJson(t);
    record["programme_id"] = programme.id;
    record["member_id"] = member.id;
    record["customer_id"] = member.customer_id;
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendEvent(tx, context, "loyalty.points_moved", "customer", member.customer_id,
                             json::object{{"transaction", record}, {"balance", balance}}));
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "create", "loyalty_transaction",
                                                 member.id + ":" + std::to_string(t.id), {},
                                                 record));
  }
  RAPPORT_RETURN_IF_ERROR(Reschedule(tx, programme, member, after));
  return moved;
}

std::optional<int64_t> NextDue(const Programme& programme, const Ledger& ledger) {
  std::optional<int64_t> due;
  auto consider = [&](int64_t day) { due = due ? std::min(*due, day) : day; };
  for (const Lot& lot : ledger.lots()) {
    if (!lot.available) {
      consider(lot.available_on);
      continue;
    }
    if (lot.remaining == 0 || !lot.expires_on) continue;
    consider(*lot.expires_on);
    if (!lot.warned && programme.warning_days > 0)
      consider(*lot.expires_on - programme.warning_days);
  }
  return due;
}

storage::Scheduler::Handler MemberJobHandler(std::function<int64_t()> clock) {
  return [clock = std::move(clock)](storage::Tx& tx, const storage::ScheduledJob& job) -> Status {
    const storage::WriteContext context{.actor = "system:loyalty", .via = "system"};
    RAPPORT_ASSIGN_OR_RETURN(auto member, MemberById(tx, job.key));
    if (!member) return OkStatus();  // the customer was erased since
    RAPPORT_ASSIGN_OR_RETURN(auto stored, LoadProgramme(tx, member->programme_id));
    if (!stored) return OkStatus();
    const Programme& programme = stored->programme;
    const int64_t today = DayOfMillis(clock());
    std::vector<Lot> warn;
    auto moved = Move(tx, context, programme, *member, today, [&](Ledger& ledger) -> Status {
      ledger.Release(today);
      ledger.Expire(today);
      for (const Lot& lot : ledger.lots()) {
        if (lot.available && lot.remaining > 0 && lot.expires_on && !lot.warned &&
            programme.warning_days > 0 && *lot.expires_on - programme.warning_days <= today) {
          warn.push_back(lot);
        }
      }
      for (const Lot& lot : warn) ledger.MarkWarned(lot.id);
      return OkStatus();
    });
    if (!moved.ok()) return std::move(moved).error();
    for (const Lot& lot : warn) {
      RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(
          tx, context, "loyalty.expiry_warning", "customer", member->customer_id,
          json::object{{"programme_id", programme.id},
                       {"member_id", member->id},
                       {"customer_id", member->customer_id},
                       {"lot", lot.id},
                       {"points", lot.remaining},
                       {"expires_on", DateOfDay(*lot.expires_on)}}));
    }
    // A downgrade waits for the end of the qualification period and its grace.
    return ReviewTier(tx, context, programme, *member, today, TierReview::kAtPeriodEnd);
  };
}

}  // namespace rapport::loyalty
