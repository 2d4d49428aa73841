// UpcomingDates against a real SQLite database with a chosen "today": the 29 February rule, the
// window's edges, the owner and the renewal custom field.
#include "customers/upcoming_dates.hpp"

#include <gtest/gtest.h>

#include "access/grants.hpp"
#include "common/time.hpp"
#include "customers/custom_fields.hpp"
#include "customers/customer_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::customers {
namespace {

int64_t Day(std::string_view date) {
  return *ParseInstant(std::string(date) + "T00:00:00Z") / 86'400'000;
}

class UpcomingDatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("u.db")})).value();
    ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(
                         tx.Exec("INSERT INTO users (id, email, email_key, name, password_hash, "
                                 "created_at, updated_at) VALUES ('usr_me', 'me@x.example', "
                                 "'me@x.example', 'Me', '-', '2026-01-01T00:00:00.000Z', "
                                 "'2026-01-01T00:00:00.000Z')"));
                     return OkStatus();
                   })
                    .ok());
    ASSERT_TRUE(DefineCustomField(*db_, context_,
                                  ParseJsonObject(R"({"object_type":"customer","key":"renewal_date",
                                      "label":"Renewal","type":"date"})")
                                      .value())
                    .ok());
  }
  void Make(std::string_view body) {
    auto made = CustomerService(*db_).Create(access::Access::Unrestricted(), context_,
                                             ParseJsonObject(body).value());
    ASSERT_TRUE(made.ok()) << made.error().message;
  }
  json::array Mine(std::string_view today, int days) {
    const access::Access me("usr_me", {"usr_me"}, access::FindBuiltInRole("sales")->levels, {},
                            false);
    auto found = UpcomingDates(*db_).Mine(me, Day(today), days);
    EXPECT_TRUE(found.ok()) << found.error().message;
    return found.ok() ? found->at("data").as_array() : json::array();
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Database> db_;
  storage::WriteContext context_{.actor = "test"};
};

TEST_F(UpcomingDatesTest, ALeapDayBirthdayFallsOnThe28thInOtherYears) {
  Make(R"({"first_name":"Leap","owner_id":"usr_me","birthday":"2000-02-29"})");
  Make(R"({"first_name":"March","owner_id":"usr_me","birthday":"1990-03-01"})");
  Make(
      R"({"first_name":"Renew","owner_id":"usr_me","custom_fields":{"renewal_date":"2027-03-02"}})");
  Make(R"({"first_name":"Other","birthday":"2000-02-28"})");  // nobody's: not mine
  const json::array plain = Mine("2027-02-27", 4);  // 27 Feb to 2 Mar 2027: no 29 February
  ASSERT_EQ(plain.size(), 3u) << ToJsonString(plain);
  EXPECT_EQ(plain[0].at("display_name"), "Leap");
  EXPECT_EQ(plain[0].at("date"), "2027-02-28");
  EXPECT_EQ(plain[0].at("in_days"), 1);
  EXPECT_EQ(plain[1].at("date"), "2027-03-01");
  EXPECT_EQ(plain[2].at("kind"), "renewal");
  EXPECT_EQ(plain[2].at("date"), "2027-03-02");
  const json::array leap = Mine("2028-02-28", 2);  // 2028 has a 29 February
  ASSERT_EQ(leap.size(), 1u) << ToJsonString(leap);
  EXPECT_EQ(leap[0].at("date"), "2028-02-29");
  // The window's last day counts; the day after does not.
  EXPECT_EQ(Mine("2027-02-28", 1).size(), 1u);
  EXPECT_EQ(Mine("2027-03-02", 14).size(), 1u);  // only the renewal, that day
  EXPECT_FALSE(UpcomingDates(*db_).Mine(access::Access::Unrestricted(), Day("2027-01-01"), 0).ok());
}

}  // namespace
}  // namespace rapport::customers
