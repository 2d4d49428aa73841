#include "storage/sqlite/text_functions.hpp"

#include <gtest/gtest.h>

#include "common/collation.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::storage {
namespace {

constexpr int kUnicodeKeysMigration = 12;

TEST(TextFunctionsTest, EveryConnectionCanCallThem) {
  testing::TempDir dir;
  auto connection = SqliteConnection::Open(dir.File("x.db"), OpenMode::kReadWrite);
  ASSERT_TRUE(connection.ok());
  auto rows =
      (*connection)
          ->Query(
              "SELECT search_fold('M\u00dcLLER Stra\u00dfe'), email_key('\u00c4RGER@x.de'), "
              "collation_key('Anna') = ?, collation_key(NULL) IS NULL, "
              "search_fold(NULL) IS NULL",
              {CollationKey("Anna")});
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  EXPECT_EQ(rows->at(0).Text(0), "muller strasse");
  EXPECT_EQ(rows->at(0).Text(1), "\u00e4rger@x.de");
  EXPECT_EQ(rows->at(0).Int(2), 1);
  EXPECT_EQ(rows->at(0).Int(3), 1);
  EXPECT_EQ(rows->at(0).Int(4), 1);
}

TEST(TextFunctionsTest, TheUnicodeMigrationReKeysStoredEmailKeysOnce) {
  testing::TempDir dir;
  auto connection = SqliteConnection::Open(dir.File("x.db"), OpenMode::kReadWrite);
  ASSERT_TRUE(connection.ok());
  SqliteConnection& db = **connection;
  for (const Migration& migration : Migrations()) {
    if (migration.version >= kUnicodeKeysMigration) break;
    ASSERT_TRUE(db.ExecScript(std::string(migration.sql) +
                              "\nPRAGMA user_version = " + std::to_string(migration.version) + ";")
                    .ok());
  }
  // Keys as the old code made them: ASCII lower-casing left Ä as it was.
  ASSERT_TRUE(db.Exec("INSERT INTO users (id, email, email_key, name, password_hash, status, "
                      "roles, teams, created_at, updated_at) VALUES ('usr_1', '\u00c4RGER@x.de', "
                      "'\u00c4rger@x.de', 'A', 'h', 'active', '[]', '[]', '', '')")
                  .ok());
  ASSERT_TRUE(ApplyMigrations(db).ok());
  auto rows = db.Query("SELECT email_key FROM users WHERE id = 'usr_1'");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->at(0).Text(0), "\u00e4rger@x.de");
}

}  // namespace
}  // namespace rapport::storage
