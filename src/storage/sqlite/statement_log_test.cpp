#include "storage/sqlite/statement_log.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::storage {
namespace {

constexpr std::string_view kCountTokens = "SELECT COUNT(*) FROM api_tokens";
constexpr std::string_view kCountUsers = "SELECT COUNT(*) FROM users";

Status RunTwoQueries(Database& db) {
  return db.Read([](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(tx.Query(kCountTokens));
    RAPPORT_RETURN_IF_ERROR(tx.Query(kCountUsers));
    return OkStatus();
  });
}

TEST(StatementLogTest, RecordsEachStatementOfAReadOnThisThreadInOrder) {
  testing::TempDir dir;
  auto db = SqliteDatabase::Open({.path = dir.File("rapport.db")});
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(RunTwoQueries(**db).ok());  // before the log: not recorded
  StatementLog log;
  ASSERT_TRUE(RunTwoQueries(**db).ok());
  EXPECT_EQ(log.statements(),
            (std::vector<std::string>{std::string(kCountTokens), std::string(kCountUsers)}));
  // Another thread's statements are its own.
  std::thread other([&] { EXPECT_TRUE(RunTwoQueries(**db).ok()); });
  other.join();
  EXPECT_EQ(log.count(), 2u);
  log.Clear();
  ASSERT_TRUE(RunTwoQueries(**db).ok());
  EXPECT_EQ(log.count(), 2u);
}

TEST(StatementLogTest, StopsRecordingWhenDestroyed) {
  testing::TempDir dir;
  auto db = SqliteDatabase::Open({.path = dir.File("rapport.db")});
  ASSERT_TRUE(db.ok()) << db.error().message;
  { StatementLog first; }
  StatementLog second;  // a new log may start once the last one is gone
  ASSERT_TRUE(RunTwoQueries(**db).ok());
  EXPECT_EQ(second.count(), 2u);
}

}  // namespace
}  // namespace rapport::storage
