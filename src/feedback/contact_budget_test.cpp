#include "feedback/contact_budget.hpp"

#include <gtest/gtest.h>

#include "common/time.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::feedback {
namespace {

constexpr int64_t kDay = int64_t{24} * 60 * 60 * 1000;
constexpr int64_t kStart = int64_t{1'790'000'000'000};

class ContactBudgetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(
                         tx.Exec("INSERT INTO customers (id, display_name, created_at, "
                                 "updated_at) VALUES ('cus_1', 'Ada', '2026-01-01T00:00:00.000Z', "
                                 "'2026-01-01T00:00:00.000Z')"));
                     return OkStatus();
                   })
                    .ok());
  }
  AskOutcome Ask(std::string_view kind, int64_t at, const ContactBudgetPolicy& policy = {}) {
    AskOutcome outcome = AskOutcome::kThrottled;
    EXPECT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(outcome, TryAsk(tx, "cus_1", kind, policy, at));
                     return OkStatus();
                   })
                    .ok());
    return outcome;
  }
  std::string NextAllowed(int64_t at) {
    std::string next;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(next, NextAskAllowedAt(tx, "cus_1", {}, at));
                     return OkStatus();
                   })
                    .ok());
    return next;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_ =
      std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
};

TEST_F(ContactBudgetTest, OneAskPerFourteenDaysAcrossEveryKind) {
  EXPECT_EQ(Ask(kAskSurvey, kStart), AskOutcome::kAllowed);
  // Another kind of ask counts against the same budget.
  EXPECT_EQ(Ask(kAskReviewRequest, kStart + kDay), AskOutcome::kThrottled);
  EXPECT_EQ(Ask(kAskSurvey, kStart + 13 * kDay), AskOutcome::kThrottled);
  EXPECT_EQ(NextAllowed(kStart + kDay), FormatInstant(kStart + 14 * kDay));
  EXPECT_EQ(Ask(kAskSurvey, kStart + 14 * kDay + 1), AskOutcome::kAllowed);
}

TEST_F(ContactBudgetTest, TicketRatingsAreExemptButAnotherPolicyCanCountThem) {
  EXPECT_EQ(Ask(kAskTicketRating, kStart), AskOutcome::kAllowed);
  EXPECT_EQ(Ask(kAskTicketRating, kStart + 1), AskOutcome::kAllowed);
  EXPECT_EQ(Ask(kAskSurvey, kStart + 2), AskOutcome::kAllowed);  // ratings did not count
  const ContactBudgetPolicy strict{.max_asks = 2, .per_days = 30, .exempt = {}};
  EXPECT_EQ(Ask(kAskTicketRating, kStart + 3, strict), AskOutcome::kThrottled);
  const ContactBudgetPolicy loose{.max_asks = 10, .per_days = 1, .exempt = {}};
  EXPECT_EQ(Ask(kAskSurvey, kStart + 4, loose), AskOutcome::kAllowed);
}

TEST_F(ContactBudgetTest, AKindMustBeAWord) {
  EXPECT_FALSE(db_->Write([](storage::Tx& tx) -> Status {
                    RAPPORT_RETURN_IF_ERROR(TryAsk(tx, "cus_1", "Drop Table"));
                    return OkStatus();
                  })
                   .ok());
}

}  // namespace
}  // namespace rapport::feedback
