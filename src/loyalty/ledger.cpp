#include "loyalty/ledger.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace rapport::loyalty {
namespace {

Status CheckPoints(int64_t points) {
  if (points <= 0 || points > kMaxPoints) {
    return Error::Invalid("points", "must be a whole number from 1 to 1000000000");
  }
  return OkStatus();
}

// Oldest expiry first; lots that never expire last; then the oldest lot.
bool SpendsBefore(const Lot& a, const Lot& b) {
  const int64_t never = std::numeric_limits<int64_t>::max();
  const int64_t ea = a.expires_on.value_or(never);
  const int64_t eb = b.expires_on.value_or(never);
  return ea != eb ? ea < eb : a.id < b.id;
}

constexpr std::array<std::string_view, kAccounts> kAccountNames = {
    "pending", "available", "debt", "issued", "redeemed", "expired", "adjusted"};
constexpr std::array<std::string_view, 6> kKindNames = {"earn",    "release", "redeem",
                                                        "reverse", "expire",  "adjust"};

}  // namespace

std::string_view AccountName(Account account) {
  return kAccountNames[static_cast<size_t>(account)];
}

std::optional<Account> AccountFromName(std::string_view name) {
  for (size_t i = 0; i < kAccountNames.size(); ++i) {
    if (kAccountNames[i] == name) return static_cast<Account>(i);
  }
  return std::nullopt;
}

std::string_view KindName(Kind kind) { return kKindNames[static_cast<size_t>(kind)]; }

std::optional<Kind> KindFromName(std::string_view name) {
  for (size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<Kind>(i);
  }
  return std::nullopt;
}

Ledger Ledger::Restore(std::vector<Lot> lots, std::vector<Transaction> history) {
  Ledger ledger;
  ledger.lots_ = std::move(lots);
  ledger.history_ = std::move(history);
  return ledger;
}

void Ledger::SetOpenLotsExpiry(std::optional<int64_t> expires_on) {
  for (Lot& lot : lots_) {
    if (lot.remaining > 0) {
      lot.expires_on = expires_on;
      lot.warned = false;
    }
  }
}

bool Ledger::MarkWarned(int64_t id) {
  for (Lot& lot : lots_) {
    if (lot.id == id) {
      lot.warned = true;
      return true;
    }
  }
  return false;
}

Transaction& Ledger::Post(Kind kind, std::string cause, int64_t day,
                          const std::vector<Posting>& postings, std::vector<LotUse> uses) {
  // Postings of the same account are merged and zero ones dropped: a transaction reads as the
  // net movement of each account.
  std::vector<Posting> merged;
  for (const Posting& p : postings) {
    auto it = std::find_if(merged.begin(), merged.end(),
                           [&](const Posting& m) { return m.account == p.account; });
    if (it == merged.end()) {
      merged.push_back(p);
    } else {
      it->points += p.points;
    }
  }
  std::erase_if(merged, [](const Posting& p) { return p.points == 0; });
  history_.push_back(Transaction{.id = static_cast<int64_t>(history_.size()) + 1,
                                 .kind = kind,
                                 .cause = std::move(cause),
                                 .day = day,
                                 .postings = std::move(merged),
                                 .lots = std::move(uses)});
  return history_.back();
}

int64_t Ledger::Balance(Account account) const {
  int64_t sum = 0;
  for (const Transaction& t : history_) {
    for (const Posting& p : t.postings) {
      if (p.account == account) sum += p.points;
    }
  }
  return sum;
}

int64_t Ledger::TakeAvailable(int64_t points, std::vector<LotUse>& uses) {
  std::vector<Lot*> order;
  for (Lot& lot : lots_) {
    if (lot.available && lot.remaining > 0) order.push_back(&lot);
  }
  std::sort(order.begin(), order.end(),
            [](const Lot* a, const Lot* b) { return SpendsBefore(*a, *b); });
  int64_t taken = 0;
  for (Lot* lot : order) {
    if (taken == points) break;
    const int64_t take = std::min(lot->remaining, points - taken);
    lot->remaining -= take;
    taken += take;
    uses.push_back({lot->id, take});
  }
  return taken;
}

void Ledger::MakeAvailable(Lot& lot, std::vector<Posting>& postings, std::vector<LotUse>& uses) {
  lot.available = true;
  if (lot.remaining == 0) return;
  postings.push_back({Account::kPending, -lot.remaining});
  postings.push_back({Account::kAvailable, lot.remaining});
  // Debt is settled before the points can be spent: the lot pays it off first.
  int64_t debt = -Balance(Account::kDebt);
  for (const Posting& p : postings) {
    if (p.account == Account::kDebt) debt -= p.points;
  }
  const int64_t settle = std::min(debt, lot.remaining);
  if (settle > 0) {
    lot.remaining -= settle;
    postings.push_back({Account::kAvailable, -settle});
    postings.push_back({Account::kDebt, settle});
    uses.push_back({lot.id, settle});
  }
}

Result<Transaction> Ledger::Earn(const std::string& cause, int64_t points, int64_t day,
                                 int64_t available_on, std::optional<int64_t> expires_on) {
  RAPPORT_RETURN_IF_ERROR(CheckPoints(points));
  if (cause.empty()) return Error::Invalid("cause", "is required");
  for (const Lot& lot : lots_) {
    if (lot.cause == cause)
      return Error::Conflict("Points were already earned for " + cause, "cause");
  }
  lots_.push_back(Lot{.id = static_cast<int64_t>(lots_.size()) + 1,
                      .cause = cause,
                      .points = points,
                      .remaining = points,
                      .earned_on = day,
                      .available_on = std::max(available_on, day),
                      .expires_on = expires_on});
  std::vector<Posting> postings{{Account::kIssued, -points}, {Account::kPending, points}};
  std::vector<LotUse> uses;
  if (lots_.back().available_on <= day) MakeAvailable(lots_.back(), postings, uses);
  return Post(Kind::kEarn, cause, day, postings, std::move(uses));
}

std::optional<Transaction> Ledger::Release(int64_t day) {
  std::vector<Posting> postings;
  std::vector<LotUse> uses;
  bool any = false;
  for (Lot& lot : lots_) {
    if (lot.available || lot.available_on > day) continue;
    MakeAvailable(lot, postings, uses);
    any = true;
  }
  if (!any) return std::nullopt;
  return Post(Kind::kRelease, "release", day, postings, std::move(uses));
}

Result<Transaction> Ledger::Redeem(const std::string& cause, int64_t points, int64_t day) {
  RAPPORT_RETURN_IF_ERROR(CheckPoints(points));
  if (points > Balance(Account::kAvailable)) {
    return Error::Invalid("points", "is more than the available balance");
  }
  std::vector<LotUse> uses;
  TakeAvailable(points, uses);
  return Post(Kind::kRedeem, cause, day,
              {{Account::kAvailable, -points}, {Account::kRedeemed, points}}, std::move(uses));
}

int64_t Ledger::ReversedSoFar(const std::string& cause) const {
  int64_t reversed = 0;
  for (const Transaction& t : history_) {
    if (t.kind != Kind::kReverse || t.cause != cause) continue;
    for (const Posting& p : t.postings) {
      if (p.account == Account::kIssued) reversed += p.points;
    }
  }
  return reversed;
}

Result<Transaction> Ledger::Reverse(const std::string& cause, int64_t points, int64_t day) {
  RAPPORT_RETURN_IF_ERROR(CheckPoints(points));
  auto earned =
      std::find_if(lots_.begin(), lots_.end(), [&](const Lot& l) { return l.cause == cause; });
  if (earned == lots_.end()) return Error::NotFound("No points were earned for " + cause);
  // Never more than the cause earned, whatever a refund's arithmetic says.
  const int64_t left = earned->points - ReversedSoFar(cause);
  if (left <= 0)
    return Error::Conflict("The points of " + cause + " were taken back already", "points");
  points = std::min(points, left);
  std::vector<Posting> postings{{Account::kIssued, points}};
  std::vector<LotUse> uses;
  // First from the cause's own lot, pending or available.
  const int64_t own = std::min(earned->remaining, points);
  if (own > 0) {
    earned->remaining -= own;
    postings.push_back({earned->available ? Account::kAvailable : Account::kPending, -own});
    uses.push_back({earned->id, own});
  }
  // Then from what else is available, and the rest becomes debt.
  const int64_t other = TakeAvailable(points - own, uses);
  if (other > 0) postings.push_back({Account::kAvailable, -other});
  const int64_t debt = points - own - other;
  if (debt > 0) postings.push_back({Account::kDebt, -debt});
  return Post(Kind::kReverse, cause, day, postings, std::move(uses));
}

Result<Transaction> Ledger::Adjust(const std::string& reason, int64_t points, int64_t day,
                                   std::optional<int64_t> expires_on) {
  if (reason.empty()) return Error::Invalid("reason", "is required");
  RAPPORT_RETURN_IF_ERROR(CheckPoints(points < 0 ? -points : points));
  if (points > 0) {
    lots_.push_back(Lot{.id = static_cast<int64_t>(lots_.size()) + 1,
                        .cause = "adjust:" + std::to_string(history_.size() + 1),
                        .points = points,
                        .remaining = points,
                        .earned_on = day,
                        .available_on = day,
                        .expires_on = expires_on});
    std::vector<Posting> postings{{Account::kAdjusted, -points}, {Account::kPending, points}};
    std::vector<LotUse> uses;
    MakeAvailable(lots_.back(), postings, uses);
    return Post(Kind::kAdjust, reason, day, postings, std::move(uses));
  }
  if (-points > Balance(Account::kAvailable)) {
    return Error::Invalid("points", "takes more than the available balance");
  }
  std::vector<LotUse> uses;
  TakeAvailable(-points, uses);
  return Post(Kind::kAdjust, reason, day,
              {{Account::kAvailable, points}, {Account::kAdjusted, -points}}, std::move(uses));
}

std::optional<Transaction> Ledger::Expire(int64_t day) {
  std::vector<Posting> postings;
  std::vector<LotUse> uses;
  for (Lot& lot : lots_) {
    // Only what is still there expires: spent points were taken from the lot when spent.
    if (!lot.available || lot.remaining == 0 || !lot.expires_on || *lot.expires_on > day) continue;
    postings.push_back({Account::kAvailable, -lot.remaining});
    postings.push_back({Account::kExpired, lot.remaining});
    uses.push_back({lot.id, lot.remaining});
    lot.remaining = 0;
  }
  if (uses.empty()) return std::nullopt;
  return Post(Kind::kExpire, "expiry", day, postings, std::move(uses));
}

}  // namespace rapport::loyalty
