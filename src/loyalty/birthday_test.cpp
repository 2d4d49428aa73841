// Birthday bonuses: the next occurrence (29 February in other years), and against a real SQLite
// database the job paying each programme's birthday points once per year — rerun, a birthday moved
// within the year, a restart mid-sweep — and following the birthday as it changes.
#include "loyalty/birthday.hpp"

#include <gtest/gtest.h>

#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "loyalty/days.hpp"
#include "loyalty/loyalty_earning.hpp"
#include "loyalty/loyalty_service.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::loyalty {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }

TEST(BirthdayTest, NextOccurrenceOnOrAfterADay) {
  const int64_t jan1 = *DayOf("2027-01-01");
  EXPECT_EQ(DateOfDay(NextBirthday("1990-03-14", jan1)->day), "2027-03-14");
  EXPECT_EQ(NextBirthday("1990-03-14", jan1)->year, 2027);
  EXPECT_EQ(DateOfDay(NextBirthday("1990-03-14", *DayOf("2027-03-14"))->day), "2027-03-14");
  EXPECT_EQ(DateOfDay(NextBirthday("1990-03-14", *DayOf("2027-03-15"))->day), "2028-03-14");
  EXPECT_EQ(DateOfDay(NextBirthday("2000-02-29", jan1)->day), "2027-02-28");
  EXPECT_EQ(DateOfDay(NextBirthday("2000-02-29", *DayOf("2027-03-01"))->day), "2028-02-29");
  EXPECT_EQ(NextBirthday("not a date", jan1), std::nullopt);
}

class BirthdayStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    now_ = *DayOf("2027-03-01") * kMillisPerDay + 3600'000;
  }
  void Programme(int birthday_points) {
    bool created = false;
    ASSERT_TRUE(LoyaltyService(*db_, [this] { return now_; })
                    .PutProgramme(All(), context_, "club",
                                  Obj(R"({"name":"Club","currency":"EUR","earn":{"birthday":)" +
                                      std::to_string(birthday_points) + "}}"),
                                  std::nullopt, created)
                    .ok());
  }
  std::string Customer(std::string_view birthday) {
    auto created = customers::CustomerService(*db_).Create(
        All(), context_,
        Obj(R"({"first_name":"Ida","birthday":")" + std::string(birthday) + "\"}"));
    EXPECT_TRUE(created.ok()) << created.error().message;
    return std::string(created->at("id").as_string());
  }
  void Deliver() {
    storage::EventDispatcher dispatcher(*db_);
    dispatcher.Subscribe(earning_);
    ASSERT_TRUE(dispatcher.DrainAll().ok());
  }
  int64_t RunJobs() {
    storage::Scheduler scheduler(*db_, [this] { return now_; });
    scheduler.Register(std::string(kBirthdayJobKind), BirthdayJobHandler([this] { return now_; }));
    scheduler.Register(std::string(kBirthdaySweepKind),
                       BirthdaySweepHandler([this] { return now_; }));
    return scheduler.RunDue().value();
  }
  int64_t Available(const std::string& customer) {
    return LoyaltyService(*db_, [this] { return now_; })
        .GetMember(All(), customer, std::nullopt, 10, std::nullopt)
        ->at("balance")
        .at("available")
        .as_int64();
  }
  std::optional<std::string> DueOn(const std::string& customer) {
    std::optional<std::string> out;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(auto job,
                                              storage::FindJob(tx, kBirthdayJobKind, customer));
                     if (job) out = DateOfDay(DayOfMillis(job->due_at));
                     return OkStatus();
                   })
                    .ok());
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test"};
  int64_t now_ = 0;
  LoyaltyEarning earning_{[this] { return now_; }};
};

TEST_F(BirthdayStoreTest, PaysOncePerYearOnTheBirthdayAndFollowsItsChanges) {
  Programme(30);
  const std::string ida = Customer("1990-03-14");
  Deliver();
  EXPECT_EQ(DueOn(ida), "2027-03-14");
  EXPECT_EQ(RunJobs(), 1);  // the sweep the new programme started: Ida's job stays put
  EXPECT_EQ(DueOn(ida), "2027-03-14");
  EXPECT_EQ(RunJobs(), 0);
  now_ += 13 * kMillisPerDay;  // 14 March
  EXPECT_EQ(RunJobs(), 1);
  EXPECT_EQ(Available(ida), 30);
  EXPECT_EQ(DueOn(ida), "2028-03-14");
  // Moved to later this year: the job moves, but 2027 was paid — it pays nothing more.
  ASSERT_TRUE(customers::CustomerService(*db_)
                  .Update(All(), context_, ida, Obj(R"({"birthday":"1990-06-01"})"), std::nullopt)
                  .ok());
  Deliver();
  EXPECT_EQ(DueOn(ida), "2027-06-01");
  now_ = *DayOf("2027-06-01") * kMillisPerDay;
  EXPECT_EQ(RunJobs(), 1);
  EXPECT_EQ(Available(ida), 30);
  EXPECT_EQ(DueOn(ida), "2028-06-01");
  now_ = *DayOf("2028-06-01") * kMillisPerDay;
  EXPECT_EQ(RunJobs(), 1);
  EXPECT_EQ(Available(ida), 60);
  // The birthday removed: no job.
  ASSERT_TRUE(customers::CustomerService(*db_)
                  .Update(All(), context_, ida, Obj(R"({"birthday":null})"), std::nullopt)
                  .ok());
  Deliver();
  EXPECT_EQ(DueOn(ida), std::nullopt);
}

TEST_F(BirthdayStoreTest, AProgrammeThatStartsPayingSchedulesCustomersAlreadyOnFile) {
  Programme(0);
  const std::string ida = Customer("1985-03-02");
  const std::string bo = Customer("1970-12-24");
  Deliver();
  EXPECT_EQ(DueOn(ida), std::nullopt);  // no programme pays birthdays: no jobs
  Programme(15);                        // the sweep starts
  EXPECT_EQ(RunJobs(), 1);
  EXPECT_EQ(DueOn(ida), "2027-03-02");
  EXPECT_EQ(DueOn(bo), "2027-12-24");
  now_ += kMillisPerDay;
  EXPECT_EQ(RunJobs(), 1);
  EXPECT_EQ(Available(ida), 15);
}

}  // namespace
}  // namespace rapport::loyalty
