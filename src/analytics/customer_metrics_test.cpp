// CustomerMetrics against a real SQLite database: entries logged and deleted through the
// interactions area, delivered by the EventDispatcher, read back from the projection's tables.
#include "analytics/customer_metrics.hpp"

#include <gtest/gtest.h>

#include <map>

#include "customers/customer_service.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::analytics {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }

struct Figures {
  int64_t total = 0;
  std::optional<std::string> last_contact_at;
  std::map<std::string, int64_t> per_channel;
  bool operator==(const Figures&) const = default;
};

class CustomerMetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    customer_id_ = std::string(customers::CustomerService(*db_)
                                   .Create(All(), context_, Obj(R"({"first_name":"Ida"})"))
                                   ->at("id")
                                   .as_string());
  }
  std::string Log(std::string_view channel, std::string_view at) {
    auto logged = interactions::InteractionService(*db_).Log(
        All(), context_, customer_id_,
        Obj(R"({"direction":"inbound","kind":"message","channel":")" + std::string(channel) +
            R"(","occurred_at":")" + std::string(at) + R"("})"));
    EXPECT_TRUE(logged.ok());
    return std::string(logged->at("id").as_string());
  }
  void Delete(const std::string& id) {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) {
                     return interactions::DeleteInteractionInTx(tx, All(), context_, id);
                   })
                    .ok());
  }
  void Drain() {
    storage::EventDispatcher dispatcher(*db_);
    dispatcher.Subscribe(metrics_);
    ASSERT_TRUE(dispatcher.DrainAll().ok());
  }
  Figures Read() {
    Figures figures;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(
                         storage::Rows totals,
                         tx.Query("SELECT interaction_count, last_contact_at FROM customer_metrics "
                                  "WHERE customer_id = ?",
                                  {customer_id_}));
                     if (!totals.empty()) {
                       figures.total = totals[0].Int(0);
                       figures.last_contact_at = totals[0].OptText(1);
                     }
                     RAPPORT_ASSIGN_OR_RETURN(
                         storage::Rows channels,
                         tx.Query("SELECT channel, interaction_count FROM customer_channel_stats "
                                  "WHERE customer_id = ?",
                                  {customer_id_}));
                     for (const auto& row : channels) figures.per_channel[row.Text(0)] = row.Int(1);
                     return OkStatus();
                   })
                    .ok());
    return figures;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test"};
  CustomerMetrics metrics_;
  std::string customer_id_;
};

TEST_F(CustomerMetricsTest, DeletedEntriesComeOffTheCountsAndTheLastContact) {
  Log("email", "2026-01-02T10:00:00Z");
  const std::string chat = Log("chat", "2026-01-05T10:00:00Z");
  const std::string latest_email = Log("email", "2026-01-04T10:00:00Z");
  Drain();
  EXPECT_EQ(Read(), (Figures{3, "2026-01-05T10:00:00.000Z", {{"chat", 1}, {"email", 2}}}));
  Delete(chat);
  Drain();
  EXPECT_EQ(Read(), (Figures{2, "2026-01-04T10:00:00.000Z", {{"email", 2}}}));
  Delete(latest_email);
  Drain();
  EXPECT_EQ(Read(), (Figures{1, "2026-01-02T10:00:00.000Z", {{"email", 1}}}));
}

TEST_F(CustomerMetricsTest, NothingLeftMeansNoLastContact) {
  const std::string only = Log("sms", "2026-01-02T10:00:00Z");
  Drain();
  Delete(only);
  Drain();
  EXPECT_EQ(Read(), (Figures{0, std::nullopt, {}}));
}

// Entries logged after a delete but not yet applied are counted once, by their own event: the
// delete steps the count down instead of recounting the table.
TEST_F(CustomerMetricsTest, EntriesNotYetAppliedAreNotCountedTwice) {
  const std::string first = Log("email", "2026-01-02T10:00:00Z");
  Drain();
  Delete(first);
  Log("email", "2026-01-03T10:00:00Z");
  Log("phone", "2026-01-01T10:00:00Z");
  Drain();
  EXPECT_EQ(Read(), (Figures{2, "2026-01-03T10:00:00.000Z", {{"email", 1}, {"phone", 1}}}));
}

// A projection rebuilt from the whole history (a new subscriber, or a reset position) ends where
// the live one did, though the table it reads times from is already the final one.
TEST_F(CustomerMetricsTest, ReplayingTheHistoryGivesTheSameFigures) {
  const std::string a = Log("email", "2026-01-02T10:00:00Z");
  const std::string b = Log("email", "2026-01-06T10:00:00Z");
  Log("chat", "2026-01-03T10:00:00Z");
  Delete(b);
  Delete(a);
  Log("email", "2026-01-04T10:00:00Z");
  Drain();
  const Figures live = Read();
  EXPECT_EQ(live, (Figures{2, "2026-01-04T10:00:00.000Z", {{"chat", 1}, {"email", 1}}}));
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(tx.Exec("DELETE FROM customer_metrics"));
                   RAPPORT_RETURN_IF_ERROR(tx.Exec("DELETE FROM customer_channel_stats"));
                   RAPPORT_RETURN_IF_ERROR(tx.Exec("DELETE FROM event_consumers"));
                   return OkStatus();
                 })
                  .ok());
  Drain();
  EXPECT_EQ(Read(), live);
}

}  // namespace
}  // namespace rapport::analytics
