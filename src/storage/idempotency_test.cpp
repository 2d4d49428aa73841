#include "storage/idempotency.hpp"

#include <gtest/gtest.h>

#include "common/time.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::storage {
namespace {

constexpr int64_t kHour = 3600 * 1000;

class IdempotencySweepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  }
  // A record as if saved at `created_millis`.
  void SaveAt(const std::string& key, int64_t created_millis) {
    ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(
                         SaveIdempotentResponse(tx, "tok_1", key, {"hash", 201, "{}", "/x"}));
                     RAPPORT_RETURN_IF_ERROR(
                         tx.Exec("UPDATE idempotency_keys SET created_at = ? WHERE key = ?",
                                 {FormatInstant(created_millis), key}));
                     return OkStatus();
                   })
                    .ok());
  }
  bool Kept(const std::string& key) {
    return FindIdempotentResponse(*db_, "tok_1", key)->has_value();
  }

  testing::TempDir dir_;
  std::unique_ptr<SqliteDatabase> db_;
};

TEST_F(IdempotencySweepTest, DeletesOnlyRecordsOlderThanTheCutoff) {
  const int64_t now = 1'800'000'000'000;
  SaveAt("old", now - 25 * kHour);
  SaveAt("edge", now - 24 * kHour);  // exactly the lifetime: still guaranteed
  SaveAt("fresh", now - kHour);
  auto removed = SweepIdempotencyRecords(*db_, now - 24 * kHour);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 1);
  EXPECT_FALSE(Kept("old"));
  EXPECT_TRUE(Kept("edge"));
  EXPECT_TRUE(Kept("fresh"));
  // A swept key is free again: the same key saves a new first response.
  SaveAt("old", now);
  EXPECT_TRUE(Kept("old"));
}

}  // namespace
}  // namespace rapport::storage
