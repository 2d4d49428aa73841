// The replay job against a real SQLite database: who may start one and what a bad request names,
// a page and its position committing together (a page rolled back leaves neither), one running
// replay per programme, and a job, the CLI's replay and live earning never awarding an order
// twice.
#include "loyalty/replay_jobs.hpp"

#include <gtest/gtest.h>

#include "commerce/order_service.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "loyalty/ledger_store.hpp"
#include "loyalty/loyalty_earning.hpp"
#include "loyalty/loyalty_service.hpp"
#include "loyalty/programme_store.hpp"
#include "loyalty/replay.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::loyalty {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }

class ReplayJobsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    customers::CustomerService customers(*db_);
    customer_id_ = std::string(customers.Create(All(), context_, Obj(R"({"first_name":"Ida"})"))
                                   .value()
                                   .at("id")
                                   .as_string());
    now_ = NowMillis();
  }
  void PlaceOrders() {
    commerce::OrderService orders(*db_);
    for (std::string_view total : {"10.00", "20.00", "30.00", "40.00", "50.00"}) {
      auto order =
          orders.Place(All(), context_, customer_id_,
                       Obj(R"({"currency":"EUR","channel":"web","lines":[{"description":"Beans",
                 "quantity":1,"unit_price":")" +
                           std::string(total) + R"("}]})"));
      ASSERT_TRUE(order.ok()) << order.error().message;
    }
    Deliver();  // before the programme: live earning has nothing to earn in
  }
  void MakeProgramme() {
    bool created = false;
    LoyaltyService service(*db_, [this] { return now_; });
    auto put = service.PutProgramme(All(), context_, "beans",
                                    Obj(R"({"name":"Beans","currency":"EUR","pending_days":0,
                "earn":{"spend":{"points":1},"first_order":5}})"),
                                    std::nullopt, created);
    ASSERT_TRUE(put.ok()) << put.error().message;
  }
  void Deliver() {
    storage::EventDispatcher dispatcher(*db_);
    dispatcher.Subscribe(earning_);
    ASSERT_TRUE(dispatcher.DrainAll().ok());
  }
  int64_t Available() {
    int64_t available = 0;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(auto member, FindMember(tx, "beans", customer_id_));
                     if (!member) return OkStatus();
                     RAPPORT_ASSIGN_OR_RETURN(auto balances, ReadBalances(tx, member->id));
                     available = balances.available;
                     return OkStatus();
                   })
                    .ok());
    return available;
  }
  // One run of the job, as the scheduler makes it; `crash` rolls the transaction back after it.
  void RunPage(ReplayJobs& jobs, const std::string& id, bool crash = false) {
    const storage::ScheduledJob job{.kind = std::string(kReplayJobKind), .key = id};
    auto ran = db_->Write([&](storage::Tx& tx) -> Status {
      RAPPORT_RETURN_IF_ERROR(jobs.JobHandler()(tx, job));
      if (crash) return Error::Internal("killed");
      return OkStatus();
    });
    EXPECT_EQ(ran.ok(), !crash);
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test"};
  std::string customer_id_;
  int64_t now_ = 0;
  LoyaltyEarning earning_{[this] { return now_; }};
};

TEST_F(ReplayJobsTest, OnlyProgrammeEditorsStartOneAndBadFieldsAreNamed) {
  MakeProgramme();
  ReplayJobs jobs(*db_, [this] { return now_; });
  access::LevelTable levels{};
  for (auto& row : levels) row.fill(access::Level::kAll);
  levels[static_cast<size_t>(access::Object::kLoyaltyProgrammes)]
        [static_cast<size_t>(access::Action::kEdit)] = access::Level::kNone;
  const access::Access reader("usr_reader", {}, levels, {}, false);
  auto refused = jobs.Start(reader, context_, "beans", {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  for (auto [body, field] :
       {std::pair{R"({"since":"yesterday"})", "since"}, std::pair{R"({"since":7})", "since"},
        std::pair{R"({"batch_size":0})", "batch_size"},
        std::pair{R"({"batch_size":1001})", "batch_size"},
        std::pair{R"({"batch_size":"9"})", "batch_size"},
        std::pair{R"({"speed":"fast"})", "speed"}}) {
    auto bad = jobs.Start(All(), context_, "beans", Obj(body));
    ASSERT_FALSE(bad.ok()) << body;
    EXPECT_EQ(bad.error().field_errors.at(0).field, field) << body;
  }
  auto missing = jobs.Start(All(), context_, "nope", {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  // Nothing was stored by the refusals; a reader still sees the (empty) list.
  EXPECT_TRUE(jobs.List(reader, "beans").value().empty());
}

TEST_F(ReplayJobsTest, APageAndItsPositionCommitTogetherAndNoOrderEarnsTwice) {
  PlaceOrders();
  MakeProgramme();
  ReplayJobs jobs(*db_, [this] { return now_; });
  auto started = jobs.Start(All(), context_, "beans", Obj(R"({"batch_size":2})"));
  ASSERT_TRUE(started.ok()) << started.error().message;
  const std::string id(started->at("id").as_string());
  EXPECT_EQ(started->at("total").as_int64(), 5);
  EXPECT_EQ(started->at("progress").as_int64(), 0);

  RunPage(jobs, id);
  auto after_one = jobs.Get(All(), "beans", id).value();
  EXPECT_EQ(after_one.at("done").as_int64(), 2);
  EXPECT_EQ(after_one.at("progress").as_int64(), 40);
  EXPECT_EQ(after_one.at("status").as_string(), "running");
  EXPECT_EQ(Available(), 10 + 5 + 20);
  // A second replay of the programme waits for the first.
  auto second = jobs.Start(All(), context_, "beans", {});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);

  // Killed mid-page: neither the earnings nor the position were committed.
  RunPage(jobs, id, /*crash=*/true);
  EXPECT_EQ(jobs.Get(All(), "beans", id)->at("done").as_int64(), 2);
  EXPECT_EQ(Available(), 35);

  // The scheduler resumes at the committed page and runs it to the end.
  storage::Scheduler scheduler(*db_, [this] { return now_; });
  scheduler.Register(std::string(kReplayJobKind), jobs.JobHandler());
  ASSERT_TRUE(scheduler.RunDue().ok());
  auto finished = jobs.Get(All(), "beans", id).value();
  EXPECT_EQ(finished.at("status").as_string(), "done");
  EXPECT_EQ(finished.at("done").as_int64(), 5);
  EXPECT_EQ(finished.at("progress").as_int64(), 100);
  EXPECT_FALSE(finished.at("finished_at").is_null());
  EXPECT_EQ(Available(), 150 + 5);

  // The CLI's replay and a second job change nothing: every order has earned.
  const ReplayOptions options{.programme_id = "beans", .clock = [this] { return now_; }};
  auto progress = StartReplay(*db_, options);
  ASSERT_TRUE(progress.ok());
  while (ReplayPage(*db_, options, *progress).value()) {
  }
  auto again = jobs.Start(All(), context_, "beans", {});
  ASSERT_TRUE(again.ok()) << again.error().message;
  ASSERT_TRUE(scheduler.RunDue().ok());
  auto second_done = jobs.Get(All(), "beans", std::string(again->at("id").as_string()));
  EXPECT_EQ(second_done->at("status").as_string(), "done");
  EXPECT_EQ(Available(), 155);
  EXPECT_EQ(jobs.List(All(), "beans")->size(), 2u);
}

// A refund live earning already took back is not taken back again by a replay: the replay counts
// only what the order's refunds add to what the earning has counted.
TEST_F(ReplayJobsTest, AReplayAfterALiveRefundTakesNothingMoreBack) {
  MakeProgramme();
  commerce::OrderService orders(*db_);
  auto order =
      orders.Place(All(), context_, customer_id_, Obj(R"({"currency":"EUR","channel":"web","lines":[
                              {"description":"Beans","quantity":1,"unit_price":"40.00"}]})"));
  ASSERT_TRUE(order.ok()) << order.error().message;
  const std::string order_id(order->at("id").as_string());
  ASSERT_TRUE(orders.Refund(All(), context_, order_id, Obj(R"({"amount":"20.00"})")).ok());
  Deliver();
  EXPECT_EQ(Available(), 40 + 5 - 20);
  ReplayJobs jobs(*db_, [this] { return now_; });
  storage::Scheduler scheduler(*db_, [this] { return now_; });
  scheduler.Register(std::string(kReplayJobKind), jobs.JobHandler());
  ASSERT_TRUE(jobs.Start(All(), context_, "beans", {}).ok());
  ASSERT_TRUE(scheduler.RunDue().ok());
  EXPECT_EQ(Available(), 25);
  // A second refund while no one listened: the next replay takes back just its share.
  ASSERT_TRUE(orders.Refund(All(), context_, order_id, Obj(R"({"amount":"10.00"})")).ok());
  ASSERT_TRUE(jobs.Start(All(), context_, "beans", {}).ok());
  ASSERT_TRUE(scheduler.RunDue().ok());
  EXPECT_EQ(Available(), 15);
  Deliver();  // the live event arrives after all: that refund is counted once
  EXPECT_EQ(Available(), 15);
}

}  // namespace
}  // namespace rapport::loyalty
