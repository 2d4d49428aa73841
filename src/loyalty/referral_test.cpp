// Referrals: the normal forms behind the fraud signals (pure), and against a real SQLite database
// a customer arriving with a code at signup and on a first order — linked, qualifying on the first
// order, rewarded on both sides once the return window passed (the job), lapsed when that order
// is cancelled first, refused with each signal named and nothing rewarded, an unknown code
// refused with nothing written.
#include <gtest/gtest.h>

#include "commerce/order_service.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "loyalty/days.hpp"
#include "loyalty/loyalty_earning.hpp"
#include "loyalty/loyalty_service.hpp"
#include "loyalty/referral_service.hpp"
#include "loyalty/referral_signals.hpp"
#include "loyalty/referrals.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/scheduler.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::loyalty {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }

TEST(ReferralSignalsTest, EmailsAddressesAndNetworksInNormalForm) {
  EXPECT_EQ(NormalizeEmailForReferral("A.Da+promo@GoogleMail.com"), "ada@gmail.com");
  EXPECT_EQ(NormalizeEmailForReferral("a.da+x@example.com"), "a.da@example.com");  // dots kept
  EXPECT_EQ(NormalizeEmailForReferral("Ada@Example.com"), "ada@example.com");
  EXPECT_EQ(AddressKey(Obj(R"({"line1":"1 Main St.","postal_code":"62701","country":"US"})")),
            AddressKey(Obj(R"({"line1":"1 main st","postal_code":"62 701","country":"us",
                               "city":"Springfield"})")));
  EXPECT_EQ(AddressKey(Obj(R"({"city":"Springfield"})")), "");
  EXPECT_EQ(NetworkKey("203.0.113.7"), NetworkKey("203.0.113.200"));  // one /24
  EXPECT_NE(NetworkKey("203.0.113.7"), NetworkKey("203.0.114.7"));
  EXPECT_EQ(NetworkKey("2001:db8:1::1"), NetworkKey("2001:db8:1:ffff::2"));  // one /48
  EXPECT_EQ(NetworkKey("not an address"), std::nullopt);
  EXPECT_EQ(NetworkKey("203.0.113.7")->find("203"), std::string::npos);  // never the address
}

class ReferralStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    customers::SetReferralHook(&arrivals_);
    now_ = NowMillis();
    bool created = false;
    ASSERT_TRUE(LoyaltyService(*db_, [this] { return now_; })
                    .PutProgramme(All(), context_, "club",
                                  Obj(R"({"name":"Club","currency":"EUR","pending_days":14,
                                      "earn":{"referral":50}})"),
                                  std::nullopt, created)
                    .ok());
    referrer_ = Create(R"({"first_name":"Ada","emails":[{"address":"ada@gmail.com"}]})");
    code_ = std::string(Referrals().ForCustomer(All(), referrer_)->at("code").as_string());
  }
  void TearDown() override { customers::SetReferralHook(nullptr); }
  ReferralService Referrals() {
    return ReferralService(
        *db_, [this] { return now_; }, "https://shop.example");
  }
  std::string Create(const std::string& body) {
    auto created = customers::CustomerService(*db_).Create(All(), context_, Obj(body));
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? std::string(created->at("id").as_string()) : "";
  }
  std::string Referred(std::string_view extra = "") {
    return Create(R"({"first_name":"Ben","referral_code":")" + code_ + "\"" + std::string(extra) +
                  "}");
  }
  Result<json::object> Order(const std::string& customer, std::string_view extra = "") {
    return commerce::OrderService(*db_).Place(
        All(), context_, customer,
        Obj(R"({"currency":"EUR","channel":"web","lines":[{"description":"Tea","quantity":1,
                "unit_price":"20.00"}])" +
            std::string(extra) + "}"));
  }
  void Deliver() {
    storage::EventDispatcher dispatcher(*db_);
    dispatcher.Subscribe(earning_);
    ASSERT_TRUE(dispatcher.DrainAll().ok());
  }
  int64_t RunJobs() {
    storage::Scheduler scheduler(*db_, [this] { return now_; });
    scheduler.Register(std::string(kReferralJobKind), ReferralJobHandler([this] { return now_; }));
    return scheduler.RunDue().value();
  }
  json::object Mine(const std::string& customer) {
    return Referrals().ForCustomer(All(), customer).value();
  }
  int64_t Available(const std::string& customer) {
    return LoyaltyService(*db_, [this] { return now_; })
        .GetMember(All(), customer, std::nullopt, 10, std::nullopt)
        ->at("balance")
        .at("available")
        .as_int64();
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test"};
  int64_t now_ = 0;
  ReferralArrivals arrivals_{[this] { return now_; }};
  LoyaltyEarning earning_{[this] { return now_; }};
  std::string referrer_;
  std::string code_;
};

TEST_F(ReferralStoreTest, BothAreRewardedOnceTheFirstOrderIsPastTheReturnWindow) {
  const json::object mine = Mine(referrer_);
  EXPECT_EQ(mine.at("link"), json::value("https://shop.example/?ref=" + code_));
  EXPECT_EQ(Mine(referrer_).at("code"), mine.at("code"));  // made once
  const std::string ben = Referred();
  json::object referral = Mine(referrer_).at("referrals").at(0).as_object();
  EXPECT_EQ(referral.at("state"), "linked");
  EXPECT_EQ(referral.at("referee_name"), "Ben");
  ASSERT_TRUE(Order(ben).ok());
  Deliver();
  EXPECT_EQ(Mine(referrer_).at("referrals").at(0).at("state"), "qualifying");
  EXPECT_EQ(RunJobs(), 0);  // not before the window
  now_ += 14 * kMillisPerDay;
  EXPECT_EQ(RunJobs(), 1);
  EXPECT_EQ(Mine(referrer_).at("referrals").at(0).at("state"), "rewarded");
  EXPECT_EQ(Mine(ben).at("referred_by").at("referrer_id"), json::value(referrer_));
  EXPECT_EQ(Available(referrer_), 50);
  EXPECT_EQ(Available(ben), 50);
  // Replayed events and a second order change nothing.
  ASSERT_TRUE(Order(ben).ok());
  Deliver();
  EXPECT_EQ(RunJobs(), 0);
  EXPECT_EQ(Available(referrer_), 50);
  auto stats = Referrals().Stats(All());
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->at("by_state").at("rewarded"), 1);
}

TEST_F(ReferralStoreTest, AFirstOrderCancelledBeforeTheWindowLapsesTheReferral) {
  const std::string ben = Referred();
  auto order = Order(ben);
  ASSERT_TRUE(order.ok());
  Deliver();
  ASSERT_TRUE(commerce::OrderService(*db_)
                  .Update(All(), context_, std::string(order->at("id").as_string()),
                          Obj(R"({"status":"cancelled"})"), std::nullopt)
                  .ok());
  Deliver();
  now_ += 15 * kMillisPerDay;
  EXPECT_EQ(RunJobs(), 0);  // the job went with it
  EXPECT_EQ(Mine(referrer_).at("referrals").at(0).at("state"), "lapsed");
  EXPECT_EQ(Available(referrer_), 0);
}

// The referrer buying the referee's first order (the shop says who placed it: `placed_by`): the
// referral is refused on that order, nobody is rewarded, and the order itself goes through.
TEST_F(ReferralStoreTest, AFirstOrderPlacedByTheReferrerIsRefused) {
  const std::string ben = Referred();
  auto order = Order(ben, R"(,"placed_by":")" + referrer_ + "\"");
  ASSERT_TRUE(order.ok()) << order.error().message;
  EXPECT_EQ(order->at("placed_by"), json::value(referrer_));
  Deliver();
  const json::object referral = Mine(referrer_).at("referrals").at(0).as_object();
  EXPECT_EQ(referral.at("state"), "refused");
  EXPECT_EQ(referral.at("signal"), "referrer_placed_order");
  now_ += 15 * kMillisPerDay;
  EXPECT_EQ(RunJobs(), 0);
  EXPECT_EQ(Available(referrer_), 0);
  // Placed by the customer themselves reads as no placer; an unknown placer is refused by name.
  auto own = Order(referrer_, R"(,"placed_by":")" + referrer_ + "\"");
  ASSERT_TRUE(own.ok());
  EXPECT_TRUE(own->at("placed_by").is_null());
  auto unknown = Order(ben, R"(,"placed_by":"cus_nobody")");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field_errors.at(0).field, "placed_by");
}

TEST_F(ReferralStoreTest, FraudSignalsAreRefusedRecordedAndNamed) {
  auto signal_of = [&](const std::string& referee) {
    auto list = Referrals().List(All(), std::string("refused"), 100).value();
    for (const auto& r : list) {
      if (r.at("referee_id") == json::value(referee))
        return std::string(r.at("signal").as_string());
    }
    return std::string("none");
  };
  // Near-identical email: the referrer's gmail address with dots and a tag.
  EXPECT_EQ(signal_of(Referred(R"(,"emails":[{"address":"A.D.A+new@googlemail.com"}])")),
            "same_email");
  // Self-referral: the referrer's own code on their own (first) order.
  ASSERT_TRUE(Order(referrer_, R"(,"referral_code":")" + code_ + "\"").ok());
  auto self = Referrals().List(All(), std::string("refused"), 100).value();
  EXPECT_EQ(self.at(0).at("signal"), "self_referral");
  // Not the first order.
  const std::string cy = Create(R"({"first_name":"Cy"})");
  ASSERT_TRUE(Order(cy).ok());
  ASSERT_TRUE(Order(cy, R"(,"referral_code":")" + code_ + "\"").ok());
  EXPECT_EQ(signal_of(cy), "not_first_order");
  // Many from one network neighbourhood in a week: the fourth is refused.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(
        signal_of(Referred(R"(,"referral_network":"198.51.100.)" + std::to_string(i + 1) + "\"")),
        "none");
  }
  EXPECT_EQ(signal_of(Referred(R"(,"referral_network":"198.51.100.77")")), "network_burst");
  // The referrer's own phone.
  ASSERT_TRUE(customers::CustomerService(*db_)
                  .Update(All(), context_, referrer_,
                          Obj(R"({"phones":[{"number":"+4930123456"}]})"), std::nullopt)
                  .ok());
  EXPECT_EQ(signal_of(Referred(R"(,"phones":[{"number":"+49 30 123456"}])")), "same_phone");
  // Nothing refused earned anything; an unknown code is a problem with nothing written.
  auto unknown = customers::CustomerService(*db_).Create(
      All(), context_, Obj(R"({"first_name":"Eve","referral_code":"ZZZZ-ZZZZ-ZZZZ"})"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field_errors.at(0).field, "referral_code");
  auto stats = Referrals().Stats(All()).value();
  EXPECT_EQ(stats.at("by_state").at("refused"), 5);
  EXPECT_EQ(stats.at("by_state").at("linked"), 3);
}

}  // namespace
}  // namespace rapport::loyalty
