#include "storage/collation_sync.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/collation.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::storage {
namespace {

std::vector<std::string> NamesInIndexOrder(Database& db) {
  std::vector<std::string> names;
  EXPECT_TRUE(
      db.Read([&](Tx& tx) -> Status {
          RAPPORT_ASSIGN_OR_RETURN(
              Rows rows,
              tx.Query(
                  // INDEXED BY: the answer must come from the index, which stale keys break.
                  "SELECT name FROM companies INDEXED BY companies_name_key "
                  "WHERE collation_key(name) >= '' ORDER BY collation_key(name), id"));
          for (const auto& row : rows) names.push_back(row.Text(0));
          return OkStatus();
        }).ok());
  return names;
}

std::string StoredLocale(Database& db) {
  std::string locale;
  EXPECT_TRUE(
      db.Read([&](Tx& tx) -> Status {
          RAPPORT_ASSIGN_OR_RETURN(
              Rows rows,
              tx.Query("SELECT value FROM instance_settings WHERE name = 'collation_locale'"));
          locale = rows.at(0).Text(0);
          return OkStatus();
        }).ok());
  return locale;
}

Status InsertZanderAndOberg(Tx& tx) {
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec("INSERT INTO companies (id, name, created_at, updated_at) "
              "VALUES ('c1', 'Zander', '', ''), ('c2', ?, '', '')",
              {"\u00d6berg"}));
  return OkStatus();
}

TEST(CollationSyncTest, ANewDatabaseIsKeyedForTheRootLocale) {
  testing::TempDir dir;
  auto db = SqliteDatabase::Open({.path = dir.File("x.db")});
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(StoredLocale(**db), "und");
  EXPECT_EQ(CollationLocale(), "und");
}

TEST(CollationSyncTest, AChangedLocaleReKeysTheIndexesAndIsRemembered) {
  testing::TempDir dir;
  {
    auto db = SqliteDatabase::Open({.path = dir.File("x.db"), .collation_locale = "und"});
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Write(InsertZanderAndOberg).ok());
    EXPECT_EQ(NamesInIndexOrder(**db), (std::vector<std::string>{"\u00d6berg", "Zander"}));
  }
  {
    // Swedish sorts Ö after Z: the index is rebuilt with Swedish keys.
    auto db = SqliteDatabase::Open({.path = dir.File("x.db"), .collation_locale = "sv"});
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(StoredLocale(**db), "sv");
    EXPECT_EQ(NamesInIndexOrder(**db), (std::vector<std::string>{"Zander", "\u00d6berg"}));
  }
  {
    // Without a setting (the CLI), the stored locale is kept, keys and all.
    ASSERT_TRUE(SetCollationLocale("und").ok());
    auto db = SqliteDatabase::Open({.path = dir.File("x.db")});
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(CollationLocale(), "sv");
    EXPECT_EQ(StoredLocale(**db), "sv");
  }
  ASSERT_TRUE(SetCollationLocale("und").ok());
  auto reader = SqliteDatabase::OpenReadOnly({.path = dir.File("x.db")});
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(CollationLocale(), "sv");
  EXPECT_EQ(NamesInIndexOrder(**reader), (std::vector<std::string>{"Zander", "\u00d6berg"}));
  ASSERT_TRUE(SetCollationLocale("und").ok());
}

TEST(CollationSyncTest, AnUnknownLocaleStopsTheOpen) {
  testing::TempDir dir;
  auto db = SqliteDatabase::Open({.path = dir.File("x.db"), .collation_locale = "not a locale!"});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().field_errors.at(0).field, "collation_locale");
}

}  // namespace
}  // namespace rapport::storage
