// The ledger's rules by example, then the property test issue 16 asks for: random sequences of
// orders, refunds, redemptions, adjustments, expiries and replays, with every invariant checked
// after each step.
#include "loyalty/ledger.hpp"

#include <gtest/gtest.h>

#include <map>

#include "testing/fuzz.hpp"

namespace rapport::loyalty {
namespace {

constexpr std::optional<int64_t> kNever = std::nullopt;

int64_t Sum(const Transaction& t) {
  int64_t sum = 0;
  for (const Posting& p : t.postings) sum += p.points;
  return sum;
}

TEST(LedgerTest, OrderPointsArePendingUntilTheReturnWindowPasses) {
  Ledger ledger;
  ASSERT_TRUE(ledger.Earn("order:1", 100, /*day=*/10, /*available_on=*/24, kNever).ok());
  EXPECT_EQ(ledger.Balance(Account::kPending), 100);
  EXPECT_EQ(ledger.Balance(Account::kAvailable), 0);
  EXPECT_FALSE(ledger.Release(23));
  ASSERT_TRUE(ledger.Release(24));
  EXPECT_EQ(ledger.Balance(Account::kPending), 0);
  EXPECT_EQ(ledger.Balance(Account::kAvailable), 100);
  EXPECT_EQ(ledger.Balance(Account::kIssued), -100);
  // The same order never earns twice.
  EXPECT_EQ(ledger.Earn("order:1", 100, 30, 30, kNever).error().code, ErrorCode::kConflict);
  EXPECT_EQ(ledger.Balance(Account::kAvailable), 100);
}

TEST(LedgerTest, AnExpiringLotNeverTakesPointsAlreadySpent) {
  Ledger ledger;
  ASSERT_TRUE(ledger.Earn("order:old", 100, 0, 0, /*expires_on=*/50).ok());
  ASSERT_TRUE(ledger.Earn("order:new", 100, 1, 1, /*expires_on=*/400).ok());
  // Spending takes the lot that expires first.
  auto spent = ledger.Redeem("reward:mug", 80, 2);
  ASSERT_TRUE(spent.ok());
  ASSERT_EQ(spent->lots.size(), 1u);
  EXPECT_EQ(spent->lots[0].lot_id, 1);
  auto expired = ledger.Expire(50);
  ASSERT_TRUE(expired);
  EXPECT_EQ(ledger.Balance(Account::kExpired), 20);  // only what was left of it
  EXPECT_EQ(ledger.Balance(Account::kAvailable), 100);
  EXPECT_FALSE(ledger.Expire(60));  // never the same lot twice
}

TEST(LedgerTest, ARefundAfterSpendingLeavesADebtThatEarningSettles) {
  Ledger ledger;
  ASSERT_TRUE(ledger.Earn("order:1", 100, 0, 0, kNever).ok());
  ASSERT_TRUE(ledger.Redeem("reward:voucher", 90, 1).ok());
  ASSERT_TRUE(ledger.Reverse("order:1", 100, 2).ok());
  EXPECT_EQ(ledger.Balance(Account::kAvailable), 0);
  EXPECT_EQ(ledger.Balance(Account::kDebt), -90);
  // Later earning pays the debt first.
  ASSERT_TRUE(ledger.Earn("order:2", 120, 3, 3, kNever).ok());
  EXPECT_EQ(ledger.Balance(Account::kDebt), 0);
  EXPECT_EQ(ledger.Balance(Account::kAvailable), 30);
  // Never more than the order earned, however often it is refunded.
  EXPECT_EQ(ledger.Reverse("order:1", 5, 4).error().code, ErrorCode::kConflict);
}

TEST(LedgerTest, BadAmountsAreRefusedAndChangeNothing) {
  Ledger ledger;
  EXPECT_EQ(ledger.Earn("order:1", 0, 0, 0, kNever).error().field_errors[0].field, "points");
  EXPECT_EQ(ledger.Earn("order:1", -5, 0, 0, kNever).error().field_errors[0].field, "points");
  EXPECT_EQ(ledger.Earn("order:1", kMaxPoints + 1, 0, 0, kNever).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(ledger.Redeem("reward:x", 1, 0).error().field_errors[0].field, "points");
  EXPECT_EQ(ledger.Adjust("goodwill", -1, 0, kNever).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(ledger.Adjust("", 10, 0, kNever).error().field_errors[0].field, "reason");
  EXPECT_EQ(ledger.Reverse("order:unknown", 1, 0).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(ledger.history().empty());
}

// Every invariant of the ledger, after any step.
void CheckInvariants(const Ledger& ledger, const std::string& where) {
  int64_t total = 0;
  for (int a = 0; a < kAccounts; ++a) total += ledger.Balance(static_cast<Account>(a));
  ASSERT_EQ(total, 0) << where << ": the accounts do not balance";
  for (const Transaction& t : ledger.history()) ASSERT_EQ(Sum(t), 0) << where << ": #" << t.id;
  const int64_t pending = ledger.Balance(Account::kPending);
  const int64_t available = ledger.Balance(Account::kAvailable);
  const int64_t debt = ledger.Balance(Account::kDebt);
  ASSERT_GE(pending, 0) << where;
  ASSERT_GE(available, 0) << where;
  ASSERT_LE(debt, 0) << where;
  ASSERT_TRUE(debt == 0 || available == 0) << where << ": a debt beside spendable points";
  int64_t in_pending = 0;
  int64_t in_available = 0;
  std::map<int64_t, int64_t> used;
  for (const Lot& lot : ledger.lots()) {
    ASSERT_GE(lot.remaining, 0) << where;
    ASSERT_LE(lot.remaining, lot.points) << where;
    (lot.available ? in_available : in_pending) += lot.remaining;
  }
  // The wallets are exactly what the lots hold.
  ASSERT_EQ(pending, in_pending) << where;
  ASSERT_EQ(available, in_available) << where;
  // And every lot's history adds up: what it held = what remains + every use of it.
  for (const Transaction& t : ledger.history()) {
    for (const LotUse& use : t.lots) used[use.lot_id] += use.points;
  }
  for (const Lot& lot : ledger.lots()) {
    ASSERT_EQ(lot.points, lot.remaining + used[lot.id]) << where << ": lot " << lot.id;
  }
}

TEST(LedgerPropertyTest, RandomHistoriesKeepEveryInvariant) {
  testing::FuzzRun run(/*iterations=*/300, /*seconds=*/5);
  while (run.Next()) {
    Ledger ledger;
    std::vector<std::string> orders;
    int64_t day = 0;
    for (int step = 0; step < 60; ++step) {
      day += run.Between(0, 5);
      const std::string where = "case " + std::to_string(run.case_seed()) + ", step " +
                                std::to_string(step) + ", day " + std::to_string(day);
      switch (run.Below(7)) {
        case 0: {  // an order earns, pending for a return window, maybe expiring
          orders.push_back("order:" + std::to_string(step));
          const auto expires =
              run.Chance(0.5) ? std::optional<int64_t>(day + run.Between(10, 60)) : std::nullopt;
          ASSERT_TRUE(
              ledger
                  .Earn(orders.back(), run.Between(1, 500), day, day + run.Between(0, 14), expires)
                  .ok())
              << where;
          break;
        }
        case 1:  // a replay of an order's event: nothing changes
          if (!orders.empty()) {
            const auto before = ledger.history().size();
            EXPECT_FALSE(ledger.Earn(orders[run.Below(orders.size())], 10, day, day, kNever).ok());
            ASSERT_EQ(ledger.history().size(), before) << where;
          }
          break;
        case 2:  // a refund, whole or partial
          if (!orders.empty()) {
            (void)ledger.Reverse(orders[run.Below(orders.size())], run.Between(1, 500), day);
          }
          break;
        case 3: {  // a redemption within or beyond the balance
          const int64_t available = ledger.Balance(Account::kAvailable);
          auto redeemed = ledger.Redeem("reward:" + std::to_string(step), run.Between(1, 600), day);
          if (!redeemed.ok()) ASSERT_EQ(ledger.Balance(Account::kAvailable), available) << where;
          break;
        }
        case 4:  // staff adjustments both ways
          (void)ledger.Adjust("goodwill",
                              run.Chance(0.5) ? run.Between(1, 200) : -run.Between(1, 200), day,
                              run.Chance(0.3) ? std::optional<int64_t>(day + 30) : std::nullopt);
          break;
        case 5:
          ledger.Release(day);
          break;
        default:
          ledger.Expire(day);
          break;
      }
      CheckInvariants(ledger, where);
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

}  // namespace
}  // namespace rapport::loyalty
