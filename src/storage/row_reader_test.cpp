// ForEachRow against Tx::Query: the in-place SQLite rows and the fallback for any other Tx read
// every column kind as Row does, in order, and stop at the row function's first error.
#include "storage/row_reader.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/statement_log.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::storage {
namespace {

// Integer, real, text, NULL, a number kept as text, an empty text, UTF-8.
constexpr std::string_view kKinds =
    "SELECT 7, 2.5, 'text', NULL, '42', '', 'Zoë' "
    "UNION ALL SELECT -1, 0.0, 'b', NULL, '0', 'c', 'd'";
constexpr size_t kKindColumns = 7;

// A Tx that is not a SqliteConnection, so ForEachRow takes its fallback through Query.
class ForwardingTx final : public Tx {
 public:
  explicit ForwardingTx(Tx& inner) : inner_(inner) {}
  Result<Rows> Query(std::string_view sql, std::span<const Value> params) override {
    return inner_.Query(sql, params);
  }
  Result<int64_t> Exec(std::string_view sql, std::span<const Value> params) override {
    return inner_.Exec(sql, params);
  }

 private:
  Tx& inner_;
};

class RowReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  }

  // Runs `check(tx)` in a read, on the connection itself and through ForwardingTx.
  void OnBothPaths(const std::function<void(Tx&)>& check) {
    ASSERT_TRUE(db_->Read([&](Tx& tx) -> Status {
                     SCOPED_TRACE("sqlite");
                     check(tx);
                     ForwardingTx forwarding(tx);
                     SCOPED_TRACE("fallback");
                     check(forwarding);
                     return OkStatus();
                   })
                    .ok());
  }

  testing::TempDir dir_;
  std::unique_ptr<SqliteDatabase> db_;
};

TEST_F(RowReaderTest, ReadsEveryColumnAsRowDoes) {
  OnBothPaths([](Tx& tx) {
    auto rows = tx.Query(kKinds);
    ASSERT_TRUE(rows.ok());
    size_t seen = 0;
    const Status status = ForEachRow(tx, kKinds, {}, [&](const RowView& view) -> Status {
      const Row& row = (*rows)[seen++];
      for (size_t i = 0; i < kKindColumns; ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(view.IsNull(i), row.IsNull(i));
        EXPECT_EQ(view.View(i), row.View(i));
        EXPECT_EQ(view.Text(i), row.Text(i));
        EXPECT_EQ(view.OptText(i), row.OptText(i));
        if (i != 2 && i != 5 && i != 6) EXPECT_EQ(view.Int(i), row.Int(i));  // not numbers
      }
      return OkStatus();
    });
    EXPECT_TRUE(status.ok());
    EXPECT_EQ(seen, rows->size());
  });
}

TEST_F(RowReaderTest, BindsParametersAndStopsAtTheRowFunctionsError) {
  OnBothPaths([](Tx& tx) {
    constexpr std::string_view kNumbers = "SELECT value FROM json_each(?)";
    std::vector<int64_t> seen;
    const Status stopped =
        ForEachRow(tx, kNumbers, {std::string("[3,1,2]")}, [&](const RowView& row) -> Status {
          seen.push_back(row.Int(0));
          if (seen.size() == 2) return Error::Conflict("enough");
          return OkStatus();
        });
    ASSERT_FALSE(stopped.ok());
    EXPECT_EQ(stopped.error().message, "enough");
    EXPECT_EQ(seen, (std::vector<int64_t>{3, 1}));
    // The statement was reset: it runs again from its first row.
    seen.clear();
    EXPECT_TRUE(ForEachRow(tx, kNumbers, {std::string("[5]")}, [&](const RowView& row) -> Status {
                  seen.push_back(row.Int(0));
                  return OkStatus();
                }).ok());
    EXPECT_EQ(seen, (std::vector<int64_t>{5}));
    EXPECT_FALSE(ForEachRow(tx, "SELECT nonsense FROM nowhere", {}, [](const RowView&) {
                   return OkStatus();
                 }).ok());
  });
}

TEST_F(RowReaderTest, CountsAsOneStatement) {
  ASSERT_TRUE(db_->Read([](Tx& tx) -> Status {
                   StatementLog log;
                   RAPPORT_RETURN_IF_ERROR(
                       ForEachRow(tx, kKinds, {}, [](const RowView&) { return OkStatus(); }));
                   EXPECT_EQ(log.count(), 1u);
                   return OkStatus();
                 })
                  .ok());
}

}  // namespace
}  // namespace rapport::storage
