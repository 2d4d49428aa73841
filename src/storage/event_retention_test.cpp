#include "storage/event_retention.hpp"

#include <gtest/gtest.h>

#include "common/time.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::storage {
namespace {

constexpr int64_t kHourMillis = 3600 * 1000;

class OutboxRetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                     for (int i = 0; i < 5; ++i) {
                       RAPPORT_RETURN_IF_ERROR(AppendEvent(tx, {}, "customer.created", "customer",
                                                           "cus_1", json::object{}));
                     }
                     return OkStatus();
                   })
                    .ok());
  }
  void SetPosition(const std::string& name, int64_t position) {
    ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(
                         tx.Exec("INSERT OR REPLACE INTO event_consumers VALUES (?, ?, 'now')",
                                 {name, position}));
                     return OkStatus();
                   })
                    .ok());
  }
  Result<std::vector<Event>> Feed(int64_t after) {
    std::vector<Event> events;
    RAPPORT_RETURN_IF_ERROR(db_->Read([&](Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(events, ReadFeed(tx, after, 100));
      return OkStatus();
    }));
    return events;
  }
  testing::TempDir dir_;
  std::unique_ptr<SqliteDatabase> db_;
  const std::vector<std::string> subscribers_{"metrics", "webhooks"};
};

TEST_F(OutboxRetentionTest, KeepsEventsASubscriberHasNotPassed) {
  SetPosition("metrics", 3);  // "webhooks" has no position yet: it has passed nothing
  EXPECT_EQ(PruneEvents(*db_, subscribers_, NowMillis() + kHourMillis).value(), 0);
  EXPECT_EQ(Feed(0)->size(), 5u);
}

TEST_F(OutboxRetentionTest, KeepsEventsYoungerThanTheWindow) {
  SetPosition("metrics", 5);
  SetPosition("webhooks", 5);
  EXPECT_EQ(PruneEvents(*db_, subscribers_, NowMillis() - kHourMillis).value(), 0);
  EXPECT_EQ(Feed(0)->size(), 5u);
}

TEST_F(OutboxRetentionTest, PrunesWhatEveryonePassedInBatchesAndTheFeedRefusesOlderCursors) {
  SetPosition("metrics", 3);
  SetPosition("webhooks", 4);
  EXPECT_EQ(PruneEvents(*db_, subscribers_, NowMillis() + kHourMillis, 2).value(), 3);
  auto gone = Feed(2);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(gone.error().message.find("after=3"), std::string::npos) << gone.error().message;
  auto rest = Feed(3);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->size(), 2u);
  EXPECT_EQ(rest->front().seq, 4);
  // Nothing more has been passed by everyone: a second sweep removes nothing.
  EXPECT_EQ(PruneEvents(*db_, subscribers_, NowMillis() + kHourMillis, 2).value(), 0);
}

}  // namespace
}  // namespace rapport::storage
