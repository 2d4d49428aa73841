#include "storage/audit.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::storage {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  }
  void Append(std::string_view action, const json::object& before, const json::object& after) {
    ASSERT_TRUE(db_->Write([&](Tx& tx) {
                     return AppendAudit(tx, context_, action, "customer", "cus_1", before, after);
                   })
                    .ok());
  }
  testing::TempDir dir_;
  std::unique_ptr<SqliteDatabase> db_;
  WriteContext context_{.actor = "token:tok_1", .request_id = "req_9", .via = "api"};
};

TEST_F(AuditTest, RecordsEachChangedFieldWithOldAndNewValues) {
  Append("create", {}, Obj(R"({"id":"cus_1","first_name":"Ann","version":1})"));
  Append("update", Obj(R"({"id":"cus_1","first_name":"Ann","tags":["a"],"version":1})"),
         Obj(R"({"id":"cus_1","first_name":"Anna","tags":["a"],"version":2})"));
  Append("update", Obj(R"({"first_name":"Anna","version":2})"),
         Obj(R"({"first_name":"Anna","version":3})"));  // nothing a person changed
  Append("delete", Obj(R"({"id":"cus_1","first_name":"Anna"})"), {});
  auto page = QueryAudit(*db_, {.object_type = "customer", .object_id = "cus_1"});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->data.size(), 3u);  // newest first
  EXPECT_EQ(page->data[0].at("action"), "delete");
  const json::value& update = page->data[1];
  EXPECT_EQ(update.at("changes"),
            ParseJson(R"([{"field":"first_name","old":"Ann","new":"Anna"}])").value());
  EXPECT_EQ(update.at("actor"), "token:tok_1");
  EXPECT_EQ(update.at("request_id"), "req_9");
  EXPECT_EQ(page->data[2].at("action"), "create");
}

// Creates and deletes store their one side once, without nulls or bookkeeping, and are served in
// the same [{field, old, new}] shape as updates.
TEST_F(AuditTest, CreatesAndDeletesStoreOneSnapshotAndServeFieldChanges) {
  Append("create", {}, Obj(R"({"id":"cus_1","first_name":"Ann","birthday":null,"version":1})"));
  Append("delete", Obj(R"({"id":"cus_1","first_name":"Ann","tags":[],"birthday":null})"), {});
  auto stored = db_->Read([&](Tx& tx) -> Status {
    // Packed since migration 0026: the text column is empty, the blob unpacks to the text.
    auto rows = tx.Query(
        "SELECT unpack_json(changes_z), changes, length(changes_z) FROM audit_log ORDER BY seq");
    EXPECT_TRUE(rows.ok());
    EXPECT_EQ((*rows)[0].Text(0), R"({"new":{"id":"cus_1","first_name":"Ann"}})");
    EXPECT_EQ((*rows)[1].Text(0), R"({"old":{"id":"cus_1","first_name":"Ann","tags":[]}})");
    EXPECT_EQ((*rows)[0].Text(1), "");
    EXPECT_GT((*rows)[0].Int(2), 0);
    return OkStatus();
  });
  ASSERT_TRUE(stored.ok());
  auto page = QueryAudit(*db_, {.object_type = "customer", .object_id = "cus_1"});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->data.size(), 2u);
  EXPECT_EQ(page->data[0].at("changes"),
            ParseJson(R"([{"field":"id","old":"cus_1","new":null},)"
                      R"({"field":"first_name","old":"Ann","new":null},)"
                      R"({"field":"tags","old":[],"new":null}])")
                .value());
  EXPECT_EQ(page->data[1].at("changes"),
            ParseJson(R"([{"field":"id","old":null,"new":"cus_1"},)"
                      R"({"field":"first_name","old":null,"new":"Ann"}])")
                .value());
}

// Entries written before the snapshot shape (a create listing every field with "old": null) read
// exactly as they were written.
TEST_F(AuditTest, EntriesInTheEarlierShapeReadAsWritten) {
  constexpr std::string_view kEarlier =
      R"([{"field":"id","old":null,"new":"cus_1"},{"field":"birthday","old":null,"new":null}])";
  ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(tx.Exec(
                       "INSERT INTO audit_log (occurred_at, actor, via, action, object_type, "
                       "object_id, changes) VALUES ('2026-01-01T00:00:00.000Z', 'cli:demo', "
                       "'cli', 'create', 'customer', 'cus_1', ?)",
                       {std::string(kEarlier)}));
                   return OkStatus();
                 })
                  .ok());
  auto page = QueryAudit(*db_, {.object_id = "cus_1"});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->data.size(), 1u);
  EXPECT_EQ(page->data[0].at("changes"), ParseJson(kEarlier).value());
}

// A packed value that does not unpack (a damaged page, a foreign writer) leaves the entry listed
// without its field changes; `rapport check`'s reading of it is NULL, never an error that would
// fail a query over the whole trail.
TEST_F(AuditTest, ADamagedPackedEntryIsListedWithoutItsChanges) {
  ASSERT_TRUE(db_->Write([&](Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(tx.Exec(
                       "INSERT INTO audit_log (occurred_at, actor, via, action, object_type, "
                       "object_id, changes, changes_z) VALUES ('2026-01-01T00:00:00.000Z', "
                       "'cli:demo', 'cli', 'create', 'customer', 'cus_1', '', x'01ffee')"));
                   return OkStatus();
                 })
                  .ok());
  Append("create", {}, Obj(R"({"id":"cus_1","first_name":"Ann"})"));
  auto page = QueryAudit(*db_, {.object_id = "cus_1"});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->data.size(), 2u);
  EXPECT_EQ(page->data[0].at("changes").as_array().size(), 2u);
  EXPECT_TRUE(page->data[1].at("changes").as_array().empty());
  EXPECT_EQ(page->data[1].at("actor"), "cli:demo");
  ASSERT_TRUE(db_->Read([&](Tx& tx) -> Status {
                   auto rows = tx.Query(
                       "SELECT unpack_json(changes_z) FROM audit_log "
                       "ORDER BY seq");
                   EXPECT_TRUE(rows.ok());
                   EXPECT_TRUE((*rows)[0].IsNull(0));
                   EXPECT_FALSE((*rows)[1].IsNull(0));
                   return OkStatus();
                 })
                  .ok());
}

TEST_F(AuditTest, TheDatabaseRefusesToAlterTheTrail) {
  Append("create", {}, Obj(R"({"id":"cus_1"})"));
  for (const char* sql : {"UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"}) {
    Status status = db_->Write([&](Tx& tx) -> Status {
      RAPPORT_RETURN_IF_ERROR(tx.Exec(sql));
      return OkStatus();
    });
    EXPECT_FALSE(status.ok()) << sql;
  }
  auto page = QueryAudit(*db_, {});
  ASSERT_EQ(page->data.size(), 1u);
  EXPECT_EQ(page->data[0].at("actor"), "token:tok_1");
}

TEST_F(AuditTest, PagesAndFilters) {
  for (int i = 0; i < 5; ++i) Append("create", {}, Obj(R"({"n":1})"));
  auto first = QueryAudit(*db_, {.limit = 2});
  ASSERT_TRUE(first->next_cursor.has_value());
  auto second = QueryAudit(*db_, {.limit = 10, .cursor = first->next_cursor});
  EXPECT_EQ(second->data.size(), 3u);
  EXPECT_TRUE(QueryAudit(*db_, {.actor = "nobody"})->data.empty());
  EXPECT_EQ(QueryAudit(*db_, {.since = "yesterday"}).error().field_errors.at(0).field, "since");
}

}  // namespace
}  // namespace rapport::storage
