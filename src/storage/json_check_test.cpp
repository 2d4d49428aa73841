#include "storage/json_check.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::storage {
namespace {

constexpr std::string_view kInsertCustomer =
    "INSERT INTO customers (id, display_name, custom_fields, created_at, updated_at) "
    "VALUES (?, ?, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')";

constexpr std::string_view kInsertEvent =
    "INSERT INTO events (id, type, aggregate_type, aggregate_id, occurred_at, payload) "
    "VALUES ('evt_1', 'customer.updated', 'customer', 'cus_inf', '2026-01-01T00:00:00.000Z', ?)";

class JsonCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  }
  void Insert(const std::string& id, const std::string& custom_fields) {
    ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertCustomer, {id, id, custom_fields}));
                     return OkStatus();
                   })
                    .ok());
  }
  std::vector<BadJsonRow> Find(bool deep, bool at_start = false) {
    std::vector<BadJsonRow> bad;
    EXPECT_TRUE(db_->Read([&](Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(bad, FindBadJsonRows(tx, deep, 100, at_start));
                     return OkStatus();
                   })
                    .ok());
    return bad;
  }
  testing::TempDir dir_;
  std::unique_ptr<SqliteDatabase> db_;
};

// The trail is checked through its packed form (migration 0026): a sound entry passes, one that
// does not unpack is reported, and so is an old text entry that is not JSON.
TEST_F(JsonCheckTest, ChecksPackedAuditEntries) {
  constexpr std::string_view kInsertAudit =
      "INSERT INTO audit_log (occurred_at, actor, via, action, object_type, object_id, changes, "
      "changes_z) VALUES ('2026-01-01T00:00:00.000Z', 'cli:demo', 'cli', 'create', 'customer', "
      "'cus_1', ?, ?)";
  ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(tx.Exec(
                       "INSERT INTO audit_log (occurred_at, actor, via, action, object_type, "
                       "object_id, changes, changes_z) VALUES ('2026-01-01T00:00:00.000Z', "
                       "'cli:demo', 'cli', 'create', 'customer', 'cus_1', '', "
                       "audit_pack('{\"new\":{}}'))"));
                   RAPPORT_RETURN_IF_ERROR(tx.Exec(
                       "INSERT INTO audit_log (occurred_at, actor, via, action, object_type, "
                       "object_id, changes, changes_z) VALUES ('2026-01-01T00:00:00.000Z', "
                       "'cli:demo', 'cli', 'create', 'customer', 'cus_1', '', x'01ffee')"));
                   RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertAudit, {std::string("{nope"), Null()}));
                   return OkStatus();
                 })
                  .ok());
  std::vector<BadJsonRow> bad = Find(false);
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_EQ(bad[0].table, "audit_log");
  EXPECT_EQ(bad[0].key, "2");
  EXPECT_EQ(bad[0].problem, "not valid JSON");
  EXPECT_EQ(bad[1].key, "3");
  EXPECT_TRUE(Find(false, /*at_start=*/true).empty());  // the trail is not checked at start
}

// Events are checked through their packed form (migration 0046), as the trail is.
TEST_F(JsonCheckTest, ChecksPackedEventPayloads) {
  constexpr std::string_view kInsertPacked =
      "INSERT INTO events (id, type, aggregate_type, aggregate_id, occurred_at, payload, "
      "payload_z) VALUES (?, 'customer.updated', 'customer', 'cus_1', "
      "'2026-01-01T00:00:00.000Z', '', event_pack(?))";
  ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(
                       tx.Exec(kInsertPacked, {std::string("evt_a"), std::string("{}")}));
                   RAPPORT_RETURN_IF_ERROR(
                       tx.Exec(kInsertPacked, {std::string("evt_b"), std::string("{nope")}));
                   RAPPORT_RETURN_IF_ERROR(tx.Exec(
                       "INSERT INTO events (id, type, aggregate_type, aggregate_id, occurred_at, "
                       "payload, payload_z) VALUES ('evt_c', 'customer.updated', 'customer', "
                       "'cus_1', '2026-01-01T00:00:00.000Z', '', x'02ffee')"));
                   return OkStatus();
                 })
                  .ok());
  std::vector<BadJsonRow> bad = Find(false);
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_EQ(bad[0].table, "events");
  EXPECT_EQ(bad[0].key, "evt_b");
  EXPECT_EQ(bad[1].key, "evt_c");
  EXPECT_EQ(bad[1].problem, "not valid JSON");
}

TEST_F(JsonCheckTest, FindsWhatBoostWroteForNonFiniteNumbersAndOutOfRangeNumbers) {
  Insert("cus_fine", R"({"score": 1.5})");
  Insert("cus_inf", R"({"score": Infinity})");  // how Boost.JSON serialises 1e400
  Insert("cus_nan", R"({"score": NaN})");
  Insert("cus_huge", R"({"score": 1e999})");  // valid JSON, but no double holds it
  std::vector<BadJsonRow> shallow = Find(false);
  ASSERT_EQ(shallow.size(), 2u);
  EXPECT_EQ(shallow[0].table, "customers");
  EXPECT_EQ(shallow[0].column, "custom_fields");
  EXPECT_EQ(shallow[0].key, "cus_inf");
  EXPECT_EQ(shallow[0].problem, "not valid JSON");
  EXPECT_EQ(shallow[1].key, "cus_nan");
  std::vector<BadJsonRow> deep = Find(true);
  ASSERT_EQ(deep.size(), 3u);
  EXPECT_EQ(deep[2].key, "cus_huge");
  EXPECT_EQ(deep[2].problem, "holds a non-finite number");
}

TEST_F(JsonCheckTest, TheStartUpCheckLeavesTheAppendOnlyLogsToRapportCheck) {
  Insert("cus_inf", R"({"score": Infinity})");
  ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertEvent, {R"({"n": NaN})"}));
                   return OkStatus();
                 })
                  .ok());
  std::vector<BadJsonRow> all = Find(false);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].table, "events");
  std::vector<BadJsonRow> at_start = Find(false, /*at_start=*/true);
  ASSERT_EQ(at_start.size(), 1u);
  EXPECT_EQ(at_start[0].key, "cus_inf");
}

TEST_F(JsonCheckTest, ACleanDatabaseHasNothingToReport) {
  Insert("cus_fine", R"({"score": -1e15, "tags": [1, 2.5]})");
  EXPECT_TRUE(Find(true).empty());
}

}  // namespace
}  // namespace rapport::storage
