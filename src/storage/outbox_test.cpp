#include "storage/outbox.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::storage {
namespace {

// An event as written before payloads were packed (migration 0046): text, no packed form.
constexpr std::string_view kInsertTextEvent =
    "INSERT INTO events (id, type, aggregate_type, aggregate_id, occurred_at, payload) "
    "VALUES (?, 'customer.updated', 'customer', 'cus_1', '2026-01-01T00:00:00.000Z', ?)";
// A packed payload whose frame is damaged: the event dictionary's version byte, then noise.
constexpr std::string_view kInsertDamagedEvent =
    "INSERT INTO events (id, type, aggregate_type, aggregate_id, occurred_at, payload, "
    "payload_z) VALUES ('evt_bad', 'customer.updated', 'customer', 'cus_1', "
    "'2026-01-01T00:00:00.000Z', '', x'02ffee00')";

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  }
  void Write(const std::function<Status(Tx&)>& work) { ASSERT_TRUE(db_->Write(work).ok()); }
  std::vector<Event> Read(const std::function<bool(std::string_view)>& parse =
                              [](std::string_view) { return true; }) {
    std::vector<Event> events;
    EXPECT_TRUE(db_->Read([&](Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(events, ReadEvents(tx, 0, 100, parse));
                     return OkStatus();
                   })
                    .ok());
    return events;
  }
  Row Stored(int64_t seq) {
    std::optional<Row> row;
    EXPECT_TRUE(db_->Read([&](Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(
                         Rows rows, tx.Query("SELECT payload, payload_z, length(payload_z), "
                                             "typeof(payload_z) FROM events WHERE seq = ?",
                                             {seq}));
                     row = rows.at(0);
                     return OkStatus();
                   })
                    .ok());
    return *row;
  }

  testing::TempDir dir_;
  std::unique_ptr<SqliteDatabase> db_;
};

const json::object kCustomerPayload = {
    {"customer",
     json::object{{"id", "cus_01JFQ3M5YB8W2K9T4R7N6P1XZC"},
                  {"first_name", "Lena"},
                  {"last_name", "Hoffmann"},
                  {"display_name", "Lena Hoffmann"},
                  {"emails", json::array{json::object{{"address", "lena.hoffmann@example.de"},
                                                      {"label", "work"},
                                                      {"primary", true}}}},
                  {"lifecycle_stage", "customer"},
                  {"version", 1},
                  {"created_at", "2026-11-30T09:17:11.576Z"}}}};

TEST_F(OutboxTest, AnAppendedPayloadIsStoredPackedAndReadsBackWhole) {
  Write([&](Tx& tx) {
    return AppendEvent(tx, {.actor = "token:t1", .request_id = "req-1"}, "customer.created",
                       "customer", "cus_01JFQ3M5YB8W2K9T4R7N6P1XZC", kCustomerPayload);
  });
  const Row stored = Stored(1);
  EXPECT_EQ(stored.Text(0), "");  // no text copy beside the packed form
  EXPECT_EQ(stored.Text(3), "blob");
  EXPECT_LT(stored.Int(2) * 2, static_cast<int64_t>(ToJsonString(kCustomerPayload).size()));

  const std::vector<Event> events = Read();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, "customer.created");
  EXPECT_EQ(events[0].actor, "token:t1");
  EXPECT_EQ(events[0].request_id, "req-1");
  EXPECT_EQ(events[0].payload, kCustomerPayload);
  EXPECT_EQ(EventToJson(events[0]).at("payload"), kCustomerPayload);
}

TEST_F(OutboxTest, EventsWrittenBeforePackingReadAsBefore) {
  Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kInsertTextEvent, {std::string("evt_old"), ToJsonString(kCustomerPayload)}));
    return AppendEvent(tx, {.actor = "cli"}, "customer.created", "customer", "cus_2",
                       json::object{{"customer", json::object{{"id", "cus_2"}}}});
  });
  const std::vector<Event> events = Read();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].id, "evt_old");
  EXPECT_EQ(events[0].payload, kCustomerPayload);
  EXPECT_EQ(events[1].payload.at("customer").at("id"), "cus_2");
}

// One damaged row must not stop the subscribers behind it: it reads with an empty payload, and
// the events after it read whole. `rapport check` reports it (json_check_test).
TEST_F(OutboxTest, ADamagedPackedPayloadReadsEmptyAndTheNextEventsStillRead) {
  Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertDamagedEvent));
    return AppendEvent(tx, {.actor = "cli"}, "customer.created", "customer", "cus_3",
                       json::object{{"customer", json::object{{"id", "cus_3"}}}});
  });
  const std::vector<Event> events = Read();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].id, "evt_bad");
  EXPECT_TRUE(events[0].payload.empty());
  EXPECT_EQ(events[1].payload.at("customer").at("id"), "cus_3");
}

TEST_F(OutboxTest, OnlyTheWantedTypesAreUnpacked) {
  Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(AppendEvent(tx, {.actor = "cli"}, "customer.created", "customer",
                                        "cus_4", kCustomerPayload));
    return AppendEvent(tx, {.actor = "cli"}, "interaction.logged", "customer", "cus_4",
                       json::object{{"interaction", json::object{{"channel", "email"}}}});
  });
  const std::vector<Event> events =
      Read([](std::string_view type) { return type == "interaction.logged"; });
  ASSERT_EQ(events.size(), 2u);
  EXPECT_TRUE(events[0].payload.empty());
  EXPECT_EQ(events[1].payload.at("interaction").at("channel"), "email");
}

}  // namespace
}  // namespace rapport::storage
