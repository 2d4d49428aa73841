// The points ledger of one member of one loyalty programme (docs/design/loyalty.md § Ledger): a
// double-entry journal and the earned lots it moves. Issue 16's rules in one place, without
// storage: the stored ledger replays and appends the same transactions.
//
// - Every transaction is balanced by construction: its postings sum to zero across the member's
//   wallets (pending, available, debt) and the programme's accounts (issued, redeemed, expired,
//   adjusted). A balance is the sum of the postings to it: there is no counter that can drift.
// - Points are earned in lots (one per cause: an order, a bonus), pending until the return
//   window passes. Redemptions and expiries are linked to the lots they consume, oldest expiry
//   first, so an expiring lot never takes points that were already spent.
// - A reversal (a refund) takes the points back from its cause's lots, then from what else is
//   available, and records the rest as debt (a negative wallet) that later earning settles first.
//   Wallets never go below zero otherwise.
//
// Points are whole numbers; days are day numbers (days since 1970-01-01, UTC). Plain value type;
// thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace rapport::loyalty {

// The member's wallets, then the programme's accounts.
enum class Account { kPending, kAvailable, kDebt, kIssued, kRedeemed, kExpired, kAdjusted };
inline constexpr int kAccounts = 7;

struct Posting {
  Account account;
  int64_t points;  // + credit to the account, − debit
};

// Points earned for one cause, spent or expired piece by piece.
struct Lot {
  int64_t id = 0;
  std::string cause;  // "order:ord_…", "bonus:signup", "adjust:<reason>"
  int64_t points = 0;
  int64_t remaining = 0;
  int64_t earned_on = 0;
  int64_t available_on = 0;           // pending until this day
  std::optional<int64_t> expires_on;  // none: never expires
  bool available = false;
  bool warned = false;  // its expiry warning was announced
};

// How much of which lot a transaction took.
struct LotUse {
  int64_t lot_id = 0;
  int64_t points = 0;
};

enum class Kind { kEarn, kRelease, kRedeem, kReverse, kExpire, kAdjust };

struct Transaction {
  int64_t id = 0;
  Kind kind = Kind::kEarn;
  std::string cause;
  int64_t day = 0;
  std::vector<Posting> postings;
  std::vector<LotUse> lots;
};

// The most points one movement may carry: far above any real order, far below overflow.
inline constexpr int64_t kMaxPoints = 1'000'000'000;

// Stored names ("pending", "earn"); the parse functions answer nullopt for a name not listed.
std::string_view AccountName(Account account);
std::optional<Account> AccountFromName(std::string_view name);
std::string_view KindName(Kind kind);
std::optional<Kind> KindFromName(std::string_view name);

class Ledger {
 public:
  Ledger() = default;
  // A ledger read back from storage: its lots and its whole history, as earlier operations left
  // them. REQUIRES: the history's ids run 1..n and the lots' ids 1..m (as this class numbers
  // them), so new transactions and lots continue the numbering.
  static Ledger Restore(std::vector<Lot> lots, std::vector<Transaction> history);

  // Points earned for `cause`: a new lot, pending until `available_on` (available at once when
  // that day has come), settling any debt first. The same cause never earns twice: kConflict.
  Result<Transaction> Earn(const std::string& cause, int64_t points, int64_t day,
                           int64_t available_on, std::optional<int64_t> expires_on);
  // Pending lots whose day has come become available (settling debt first); none: nullopt.
  std::optional<Transaction> Release(int64_t day);
  // Spends `points` of the available balance, oldest expiry first; kInvalidArgument (field
  // "points") when the balance is short.
  Result<Transaction> Redeem(const std::string& cause, int64_t points, int64_t day);
  // Takes back up to `points` earned for `cause` (a refund, pro rata by the caller): from that
  // cause's lots first, then from other available points, the rest as debt. Never more than the
  // cause earned less what was already taken back.
  Result<Transaction> Reverse(const std::string& cause, int64_t points, int64_t day);
  // A staff adjustment: + grants an available lot, − takes from the available balance (never
  // into debt: kInvalidArgument when short).
  Result<Transaction> Adjust(const std::string& reason, int64_t points, int64_t day,
                             std::optional<int64_t> expires_on);
  // Lots whose expiry day has come lose what remains, once; none: nullopt.
  std::optional<Transaction> Expire(int64_t day);

  // Every lot that still holds points and may expire gets `expires_on` (the programme's
  // inactivity expiry moved by a new activity). Not a transaction: no points move.
  void SetOpenLotsExpiry(std::optional<int64_t> expires_on);
  // Marks lot `id` as announced for expiry; false when no such lot.
  bool MarkWarned(int64_t id);

  // The sum of every posting to `account`.
  int64_t Balance(Account account) const;
  const std::vector<Lot>& lots() const { return lots_; }
  const std::vector<Transaction>& history() const { return history_; }

 private:
  Transaction& Post(Kind kind, std::string cause, int64_t day, const std::vector<Posting>& postings,
                    std::vector<LotUse> uses);
  // Takes up to `points` from available lots, oldest expiry first (lots that never expire
  // last), recording each use; returns what it took.
  int64_t TakeAvailable(int64_t points, std::vector<LotUse>& uses);
  // Moves `lot` to available inside a transaction being built: its points first settle debt.
  void MakeAvailable(Lot& lot, std::vector<Posting>& postings, std::vector<LotUse>& uses);
  int64_t ReversedSoFar(const std::string& cause) const;

  std::vector<Lot> lots_;
  std::vector<Transaction> history_;
};

}  // namespace rapport::loyalty
