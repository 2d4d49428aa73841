#include "storage/migrations.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::storage {
namespace {

TEST(MigrationsTest, VersionsAreContiguousFromOne) {
  int expected = 1;
  for (const Migration& migration : Migrations()) EXPECT_EQ(migration.version, expected++);
  EXPECT_GE(LatestSchemaVersion(), 1);
}

TEST(MigrationsTest, ApplyingTwiceIsANoOp) {
  testing::TempDir dir;
  auto connection = SqliteConnection::Open(dir.File("x.db"), OpenMode::kReadWrite);
  ASSERT_TRUE(connection.ok());
  EXPECT_EQ(ApplyMigrations(**connection).value(), LatestSchemaVersion());
  EXPECT_EQ(ApplyMigrations(**connection).value(), LatestSchemaVersion());
}

TEST(MigrationsTest, RefusesASchemaNewerThanTheBinary) {
  testing::TempDir dir;
  {
    auto connection = SqliteConnection::Open(dir.File("x.db"), OpenMode::kReadWrite);
    ASSERT_TRUE(connection.ok());
    ASSERT_TRUE(
        (*connection)
            ->ExecScript("PRAGMA user_version = " + std::to_string(LatestSchemaVersion() + 1))
            .ok());
  }
  auto db = SqliteDatabase::Open({.path = dir.File("x.db")});
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.error().message.find("newer than this binary"), std::string::npos);
}

}  // namespace
}  // namespace rapport::storage
