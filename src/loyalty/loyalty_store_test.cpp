// The stored ledger against a real SQLite database: orders placed through commerce earn through
// the outbox subscriber, the member job releases and expires on a test clock, refunds and
// cancellations reverse, replays change nothing, staff movements need their permissions; and the
// property test of ledger_test.cpp run on the stored ledger, checking the rows after every step.
#include <gtest/gtest.h>

#include <random>

#include "commerce/order_service.hpp"
#include "commerce/product_service.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "customers/customer_traits.hpp"
#include "loyalty/ledger_store.hpp"
#include "loyalty/loyalty_earning.hpp"
#include "loyalty/loyalty_service.hpp"
#include "loyalty/loyalty_traits.hpp"
#include "loyalty/movements.hpp"
#include "loyalty/programme_store.hpp"
#include "loyalty/replay.hpp"
#include "loyalty/tier_service.hpp"
#include "loyalty/tiers.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/outbox.hpp"
#include "storage/scheduler.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/fuzz.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::loyalty {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }

constexpr std::string_view kProgramme = R"({"name":"Beans","points_name":"beans","currency":"EUR",
  "pending_days":14,"expiry":{"mode":"per_lot","months":12,"warning_days":30},
  "earn":{"spend":{"points":1,"per":"1.00"},"first_order":10}})";

class LoyaltyStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    customers::CustomerService customers(*db_);
    customer_id_ = std::string(customers.Create(All(), context_, Obj(R"({"first_name":"Ida"})"))
                                   .value()
                                   .at("id")
                                   .as_string());
    now_ = NowMillis();  // orders are placed now: the test clock starts there
  }
  LoyaltyService Service() {
    return LoyaltyService(*db_, [this] { return now_; });
  }
  void MakeProgramme(std::string_view text = kProgramme) {
    bool created = false;
    auto put = Service().PutProgramme(All(), context_, "beans", Obj(text), std::nullopt, created);
    ASSERT_TRUE(put.ok()) << put.error().message;
  }
  std::string PlaceOrder(std::string_view total) {
    commerce::OrderService orders(*db_);
    auto order =
        orders.Place(All(), context_, customer_id_,
                     Obj(R"({"currency":"EUR","channel":"web","lines":[{"description":"Beans",
                                 "quantity":1,"unit_price":")" +
                         std::string(total) + R"("}]})"));
    EXPECT_TRUE(order.ok()) << order.error().message;
    return std::string(order->at("id").as_string());
  }
  void Deliver() {
    storage::EventDispatcher dispatcher(*db_);
    dispatcher.Subscribe(earning_);
    ASSERT_TRUE(dispatcher.DrainAll().ok());
  }
  Balances Balance() {
    Balances balances;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(auto member, FindMember(tx, "beans", customer_id_));
                     if (!member) return OkStatus();
                     RAPPORT_ASSIGN_OR_RETURN(balances, ReadBalances(tx, member->id));
                     return OkStatus();
                   })
                    .ok());
    return balances;
  }
  int64_t RunJobs() {
    storage::Scheduler scheduler(*db_, [this] { return now_; });
    scheduler.Register(std::string(kMemberJobKind), MemberJobHandler([this] { return now_; }));
    return scheduler.RunDue().value();
  }
  int64_t Count(std::string_view sql) {
    int64_t n = 0;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(sql));
                     n = rows[0].Int(0);
                     return OkStatus();
                   })
                    .ok());
    return n;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test"};
  std::string customer_id_;
  int64_t now_ = 0;
  LoyaltyEarning earning_{[this] { return now_; }};
};

TEST_F(LoyaltyStoreTest, AnOrderEarnsPendingPointsThatTheJobReleasesAfterTheWindow) {
  MakeProgramme();
  PlaceOrder("42.50");
  Deliver();
  EXPECT_EQ(Balance().pending, 52);  // 42 for the spend, 10 for the first order
  EXPECT_EQ(Balance().available, 0);
  EXPECT_EQ(RunJobs(), 0);  // nothing due before the window passes
  now_ += 14 * kMillisPerDay;
  EXPECT_EQ(RunJobs(), 1);
  EXPECT_EQ(Balance().pending, 0);
  EXPECT_EQ(Balance().available, 52);
  // Every movement is on the timeline and audited.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM interactions WHERE kind = 'loyalty'"),
            3);  // order, bonus, release
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'loyalty_transaction'"), 3);
}

TEST_F(LoyaltyStoreTest, RepeatedEventsNeverEarnOrReverseTwice) {
  MakeProgramme();
  const std::string order_id = PlaceOrder("100.00");
  commerce::OrderService orders(*db_);
  ASSERT_TRUE(orders.Refund(All(), context_, order_id, Obj(R"({"amount":"25.00"})")).ok());
  Deliver();
  EXPECT_EQ(Balance().pending, 85);  // 100 + 10 − 25
  // The same events once more, as a renamed subscriber or a replay would deliver them.
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(auto events, storage::ReadEvents(tx, 0, 1000));
                   for (const auto& event : events)
                     RAPPORT_RETURN_IF_ERROR(earning_.Apply(tx, event));
                   return OkStatus();
                 })
                  .ok());
  EXPECT_EQ(Balance().pending, 85);
  // A cancellation takes back all of an order's points.
  const std::string second = PlaceOrder("50.00");
  Deliver();
  EXPECT_EQ(Balance().pending, 135);
  ASSERT_TRUE(
      orders.Update(All(), context_, second, Obj(R"({"status":"cancelled"})"), std::nullopt).ok());
  Deliver();
  EXPECT_EQ(Balance().pending, 85);
}

TEST_F(LoyaltyStoreTest, ARefundAfterSpendingLeavesADebtAndLotsExpireOnceWithAWarning) {
  MakeProgramme(R"({"name":"Beans","currency":"EUR","pending_days":0,
      "expiry":{"mode":"per_lot","months":1,"warning_days":7},"earn":{"spend":{"points":1}}})");
  const std::string order_id = PlaceOrder("100.00");
  Deliver();
  EXPECT_EQ(Balance().available, 100);
  ASSERT_TRUE(Service().Redeem(All(), context_, customer_id_, Obj(R"({"points":70})")).ok());
  commerce::OrderService orders(*db_);
  ASSERT_TRUE(orders.Refund(All(), context_, order_id, Obj(R"({"amount":"100.00"})")).ok());
  Deliver();
  EXPECT_EQ(Balance().available, 0);
  EXPECT_EQ(Balance().debt, -70);
  // A grant settles the debt first.
  ASSERT_TRUE(Service().Grant(All(), context_, customer_id_, Obj(R"({"points":100})")).ok());
  EXPECT_EQ(Balance().debt, 0);
  EXPECT_EQ(Balance().available, 30);
  // The grant's lot expires a month later; the warning comes a week before, once.
  now_ += 25 * kMillisPerDay;
  RunJobs();
  RunJobs();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events WHERE type = 'loyalty.expiry_warning'"), 1);
  now_ += 10 * kMillisPerDay;
  RunJobs();
  RunJobs();
  EXPECT_EQ(Balance().available, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loyalty_transactions WHERE kind = 'expire'"), 1);
}

TEST_F(LoyaltyStoreTest, StaffMovementsNeedTheirOwnPermissionsAndAReason) {
  MakeProgramme();
  auto no_reason = Service().Adjust(All(), context_, customer_id_, Obj(R"({"points":-5})"));
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.error().field_errors.at(0).field, "reason");
  for (std::string_view bad : {R"({"points":1.5})", R"({"points":-3})", R"({"points":"7"})",
                               R"({"points":0})", R"({"points":2000000000})"}) {
    auto refused = Service().Grant(All(), context_, customer_id_, Obj(bad));
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().field_errors.at(0).field, "points") << bad;
  }
  auto too_much = Service().Redeem(All(), context_, customer_id_, Obj(R"({"points":1})"));
  ASSERT_FALSE(too_much.ok());
  EXPECT_EQ(Balance().available, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loyalty_transactions"), 0);
  auto granted = Service().Grant(All(), context_, customer_id_,
                                 Obj(R"({"points":40,"reason":"Late delivery"})"));
  ASSERT_TRUE(granted.ok()) << granted.error().message;
  EXPECT_EQ(granted->at("balance").at("available"), 40);
  auto adjusted = Service().Adjust(All(), context_, customer_id_,
                                   Obj(R"({"points":-15,"reason":"Double grant"})"));
  ASSERT_TRUE(adjusted.ok());
  auto member = Service().GetMember(All(), customer_id_, std::nullopt, 1, std::nullopt);
  ASSERT_TRUE(member.ok());
  EXPECT_EQ(member->at("balance").at("available"), 25);
  const auto& history = member->at("history").as_object();
  ASSERT_EQ(history.at("data").as_array().size(), 1u);
  EXPECT_EQ(history.at("data").as_array()[0].at("points"), -15);
  auto next = Service().GetMember(All(), customer_id_, std::nullopt, 5,
                                  std::string(history.at("next_cursor").as_string()));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->at("history").at("data").as_array()[0].at("points"), 40);
}

TEST_F(LoyaltyStoreTest, TraitsAreSumsOfThePostings) {
  MakeProgramme(
      R"({"name":"Beans","currency":"EUR","pending_days":0,"earn":{"spend":{"points":1}}})");
  PlaceOrder("30.00");
  Deliver();
  ASSERT_TRUE(Service().Redeem(All(), context_, customer_id_, Obj(R"({"points":12})")).ok());
  customers::CustomerTraits traits;
  ASSERT_TRUE(RegisterCustomerTraits(traits).ok());
  for (const auto& [name, expected] : std::vector<std::pair<std::string, int64_t>>{
           {"loyalty_points", 18}, {"loyalty_points_earned_12m", 30}}) {
    const std::string sql = "SELECT " + traits.Find(name)->expression +
                            " FROM customers c WHERE c.id = '" + customer_id_ + "'";
    EXPECT_EQ(Count(sql), expected) << name;
  }
}

TEST_F(LoyaltyStoreTest, ReplayAwardsPastOrdersOnceWhateverLiveEarningDid) {
  // Orders from before the programme: the outbox met them with no programme to earn in.
  const std::string first = PlaceOrder("30.00");
  const std::string second = PlaceOrder("20.00");
  commerce::OrderService orders(*db_);
  ASSERT_TRUE(orders.Refund(All(), context_, second, Obj(R"({"amount":"10.00"})")).ok());
  const std::string cancelled = PlaceOrder("99.00");
  ASSERT_TRUE(
      orders.Update(All(), context_, cancelled, Obj(R"({"status":"cancelled"})"), std::nullopt)
          .ok());
  Deliver();
  MakeProgramme(R"({"name":"Beans","currency":"EUR","pending_days":0,
      "earn":{"spend":{"points":1},"first_order":5}})");
  const ReplayOptions options{
      .programme_id = "beans", .page_size = 2, .clock = [this] { return now_; }};
  auto replay = [&] {
    auto progress = StartReplay(*db_, options);
    EXPECT_TRUE(progress.ok());
    EXPECT_EQ(progress->total, 3);
    while (ReplayPage(*db_, options, *progress).value()) {
    }
    EXPECT_EQ(progress->done, 3);
  };
  replay();
  // 30 + 5 for the first order, 20 less half of it refunded; the cancelled order earns nothing.
  EXPECT_EQ(Balance().available, 45);
  // Live earning meets a new order; a second replay and a late refund count once.
  PlaceOrder("10.00");
  Deliver();
  EXPECT_EQ(Balance().available, 55);
  auto progress = StartReplay(*db_, options);
  while (ReplayPage(*db_, options, *progress).value()) {
  }
  EXPECT_EQ(Balance().available, 55);
  ASSERT_TRUE(orders.Refund(All(), context_, first, Obj(R"({"amount":"30.00"})")).ok());
  Deliver();
  EXPECT_EQ(Balance().available, 25);  // the order's 30 taken back; its first-order bonus stays
}

// Each order rule with its own conditions: a category left out (read from the product, since
// order.placed carries none), a minimum on what is left, a cap per month on the per-order bonus,
// and a first-order bonus that goes with the first order or not at all — the same whether the
// orders are replayed or earned live.
TEST_F(LoyaltyStoreTest, OrderRulesHaveTheirOwnExclusionsMinimumsAndCaps) {
  commerce::ProductService products(*db_);
  auto product = [&](std::string_view sku, std::string_view category) {
    auto made = products.Create(
        context_, Obj(R"({"sku":")" + std::string(sku) + R"(","name":"P","category":")" +
                      std::string(category) + R"(","price":"1.00","currency":"EUR"})"));
    EXPECT_TRUE(made.ok()) << made.error().message;
    return std::string(made->at("id").as_string());
  };
  const std::string gift = product("GIFT-50", "Gift cards");
  const std::string beans = product("BEANS", "Coffee");
  commerce::OrderService orders(*db_);
  auto place = [&](std::string_view gift_price, std::string_view beans_price) {
    std::string lines = R"([{"product_id":")" + beans + R"(","quantity":1,"unit_price":")" +
                        std::string(beans_price) + R"("})";
    if (!gift_price.empty()) {
      lines += R"(,{"product_id":")" + gift + R"(","quantity":1,"unit_price":")" +
               std::string(gift_price) + R"("})";
    }
    auto order = orders.Place(All(), context_, customer_id_,
                              Obj(R"({"currency":"EUR","channel":"web","lines":)" + lines + "]}"));
    ASSERT_TRUE(order.ok()) << order.error().message;
  };
  // Before the programme: 20.00 of beans and a 50.00 gift card.
  place("50.00", "20.00");
  Deliver();
  MakeProgramme(R"({"name":"Beans","currency":"EUR","pending_days":0,
      "earn":{"spend":{"points":1,"excluded_categories":["Gift cards"]},
              "per_order":{"points":5,"min_order":"10.00","cap":{"points":5,"period":"month"}},
              "first_order":{"points":100,"min_order":"30.00",
                             "excluded_categories":["Gift cards"]}}})");
  const ReplayOptions options{.programme_id = "beans", .clock = [this] { return now_; }};
  auto progress = StartReplay(*db_, options);
  ASSERT_TRUE(progress.ok());
  while (ReplayPage(*db_, options, *progress).value()) {
  }
  // 20 for the beans, not the gift card; 5 for the order; no first-order bonus: 20.00 is under
  // its 30.00 once the gift card is left out.
  EXPECT_EQ(Balance().available, 25);
  // Live: a second order of 40.00 is not a first order, and the month's per-order cap is used.
  place("", "40.00");
  Deliver();
  EXPECT_EQ(Balance().available, 65);
  // A gift card earns no spend, and the month's per-order bonus is used up: the order is
  // recorded with no points.
  place("50.00", "0.00");
  Deliver();
  EXPECT_EQ(Balance().available, 65);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loyalty_order_earnings"), 3);
  EXPECT_EQ(Count("SELECT SUM(bonus_points) FROM loyalty_order_earnings"), 5);
}

TEST_F(LoyaltyStoreTest, ReplayBooksAPastOrderOnTheDayItWasPlaced) {
  commerce::OrderService orders(*db_);
  auto placed = orders.Place(All(), context_, customer_id_, Obj(R"({"currency":"EUR",
      "channel":"web","placed_at":"1997-03-04T10:00:00Z",
      "lines":[{"description":"Beans","quantity":1,"unit_price":"12.00"}]})"));
  ASSERT_TRUE(placed.ok()) << placed.error().message;
  Deliver();
  MakeProgramme(
      R"({"name":"Beans","currency":"EUR","pending_days":0,"earn":{"spend":{"points":1}}})");
  const ReplayOptions options{
      .programme_id = "beans", .page_size = 10, .clock = [this] { return now_; }};
  auto progress = StartReplay(*db_, options);
  ASSERT_TRUE(progress.ok());
  while (ReplayPage(*db_, options, *progress).value()) {
  }
  EXPECT_EQ(Balance().available, 12);
  // The earning transaction carries 1997-03-04 (day 9924 since 1970-01-01), not the replay's day.
  EXPECT_EQ(Count("SELECT count(*) FROM loyalty_transactions WHERE kind = 'earn' AND day = 9924"),
            1);
}

// The pure ledger's property test, on the stored ledger: random histories through Move, and
// after each step the rows must say what the pure ledger says, every stored transaction must
// balance, no wallet may be negative beyond the debt, and the balance must equal the history.
TEST_F(LoyaltyStoreTest, StoredLedgerProperty) {
  MakeProgramme(R"({"name":"Beans","currency":"EUR","pending_days":3,
      "expiry":{"mode":"per_lot","months":1},"earn":{}})");
  testing::FuzzRun run(/*iterations=*/1, /*seconds=*/10);
  ASSERT_TRUE(run.Next());
  const uint64_t seed = run.case_seed();
  std::mt19937_64 rng(seed);
  Member member;
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(member, EnsureMember(tx, "beans", customer_id_));
                   return OkStatus();
                 })
                  .ok());
  const Programme programme = [&] {
    Programme p;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(auto stored, LoadProgramme(tx, "beans"));
                     p = stored->programme;
                     return OkStatus();
                   })
                    .ok());
    return p;
  }();
  Ledger mirror;
  int64_t day = DayOf("2026-06-01").value();
  int orders = 0;
  for (int step = 0; step < 150; ++step) {
    const int op = static_cast<int>(rng() % 7);
    const int64_t points = 1 + static_cast<int64_t>(rng() % 200);
    const std::string cause = "order:" + std::to_string(rng() % (orders + 1));
    LedgerOperation operation = [&](Ledger& ledger) -> Status {
      switch (op) {
        case 0:
          (void)ledger.Earn("order:" + std::to_string(orders), points, day, day + 3, day + 30);
          return OkStatus();
        case 1:
          (void)ledger.Reverse(cause, points, day);
          return OkStatus();
        case 2:
          (void)ledger.Redeem("reward", points, day);
          return OkStatus();
        case 3:
          (void)ledger.Adjust("fix", rng() % 2 ? points : -points, day, std::nullopt);
          return OkStatus();
        case 4:
          ledger.Release(day);
          ledger.Expire(day);
          return OkStatus();
        case 5:
          // A referral's or a birthday's bonus: available at once, once per cause (a cause drawn
          // again is a replay and is refused).
          (void)ledger.Earn("referral:" + std::to_string(rng() % 8), points, day, day, day + 30);
          return OkStatus();
        default:
          return OkStatus();
      }
    };
    // The same draw on both: replay the rng state for the mirror.
    const auto state = rng;
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     return Move(tx, context_, programme, member, day, operation).ok()
                                ? OkStatus()
                                : Error::Internal("move failed");
                   })
                    .ok());
    rng = state;
    ASSERT_TRUE(operation(mirror).ok());
    if (op == 0) ++orders;
    day += static_cast<int64_t>(rng() % 3);

    const Balances stored = Balance();
    ASSERT_EQ(stored.pending, mirror.Balance(Account::kPending))
        << "seed " << seed << " step " << step;
    ASSERT_EQ(stored.available, mirror.Balance(Account::kAvailable)) << "seed " << seed;
    ASSERT_EQ(stored.debt, mirror.Balance(Account::kDebt)) << "seed " << seed;
    ASSERT_GE(stored.pending, 0);
    ASSERT_GE(stored.available, 0);
    ASSERT_LE(stored.debt, 0);
    ASSERT_FALSE(stored.debt < 0 && stored.available > 0);
    // Every stored transaction balances, and the lots hold what the wallets say.
    ASSERT_EQ(Count("SELECT COUNT(*) FROM (SELECT seq FROM loyalty_postings GROUP BY member_id, "
                    "seq HAVING SUM(points) != 0)"),
              0);
    ASSERT_EQ(Count("SELECT COALESCE(SUM(remaining), 0) FROM loyalty_lots"),
              stored.pending + stored.available);
    ASSERT_EQ(Count("SELECT COUNT(*) FROM loyalty_transactions"),
              static_cast<int64_t>(mirror.history().size()));
    // Every lot's points are what remains plus every recorded use of it.
    ASSERT_EQ(Count("SELECT COUNT(*) FROM loyalty_lots l WHERE l.points != l.remaining + "
                    "(SELECT COALESCE(SUM(u.points), 0) FROM loyalty_lot_uses u "
                    "WHERE u.member_id = l.member_id AND u.lot = l.lot)"),
              0);
  }
}

// Review rewards: review.published as the reviews area announces it ({review: {id, customer_id,
// product_id, ...}}, the customer as aggregate) earns once per product per customer, once per
// review without a product; a later edit or a rejection announces other events and takes nothing.
TEST_F(LoyaltyStoreTest, PublishedReviewsEarnOncePerProduct) {
  MakeProgramme(R"({"name":"Beans","currency":"EUR","pending_days":0,
    "earn":{"review_published":25}})");
  auto announce = [&](std::string_view type, std::string_view review, std::string_view product) {
    json::object record{
        {"id", review},
        {"customer_id", customer_id_},
        {"product_id", product.empty() ? json::value(nullptr) : json::value(product)},
        {"rating", 5}};
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     return storage::AppendEvent(tx, context_, type, "customer", customer_id_,
                                                 json::object{{"review", record}});
                   })
                    .ok());
  };
  announce("review.published", "rev_1", "prd_tea");
  announce("review.published", "rev_2", "prd_tea");  // another review of the same product
  announce("review.published", "rev_1", "prd_tea");  // rejected, then published again
  announce("review.published", "rev_3", "");         // a shop review: once per review
  announce("review.published", "rev_3", "");
  announce("review.updated", "rev_3", "");
  announce("review.rejected", "rev_1", "prd_tea");
  Deliver();
  EXPECT_EQ(Balance().available, 50);

  // A cap of 60 review points a month: the third product's review earns the 10 that fit, the
  // fourth nothing; a survey answer is another kind and has its own (no) cap.
  bool created = false;
  ASSERT_TRUE(Service()
                  .PutProgramme(All(), context_, "beans", Obj(R"({"name":"Beans","currency":"EUR",
                      "pending_days":0,"earn":{"survey_answered":5,"review_published":{
                      "points":25,"cap":{"points":60,"period":"month"}}}})"),
                                std::nullopt, created)
                  .ok());
  announce("review.published", "rev_4", "prd_mug");
  announce("review.published", "rev_5", "prd_cup");
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   return storage::AppendEvent(tx, context_, "survey.answered", "customer",
                                               customer_id_, json::object{{"id", "ans_1"}});
                 })
                  .ok());
  Deliver();
  EXPECT_EQ(Balance().available, 65);
}

// A review rewarded with a voucher instead of points: once per product, whatever is repeated.
TEST_F(LoyaltyStoreTest, APublishedReviewCanEarnAVoucherOncePerProduct) {
  MakeProgramme(R"({"name":"Beans","currency":"EUR","pending_days":0,
    "earn":{"review_published":25},
    "review_reward":{"kind":"voucher","voucher":{"value":{"type":"percent_off","percent":10},
                                                 "expires_in_days":30}}})");
  auto announce = [&](std::string_view review, std::string_view product) {
    json::object record{{"id", review}, {"customer_id", customer_id_}, {"product_id", product}};
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     return storage::AppendEvent(tx, context_, "review.published", "customer",
                                                 customer_id_, json::object{{"review", record}});
                   })
                    .ok());
  };
  announce("rev_1", "prd_tea");
  announce("rev_2", "prd_tea");
  announce("rev_3", "prd_mug");
  Deliver();
  Deliver();
  EXPECT_EQ(Balance().available, 0);  // the voucher instead of the points
  EXPECT_EQ(
      Count("SELECT COUNT(*) FROM loyalty_vouchers WHERE customer_id = '" + customer_id_ + "'"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loyalty_bonus_vouchers WHERE voucher_id <> ''"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM interactions WHERE kind = 'loyalty' AND subject LIKE "
                  "'%: a published review'"),
            2);
}

// Tiers: by points earned (never the balance), up at once on the earning event, the multiplier on
// the next order, and down only by the member's job once the period and its grace are over.
TEST_F(LoyaltyStoreTest, TiersUpgradeAtOnceAndDowngradeOnlyAfterThePeriodAndGrace) {
  MakeProgramme(R"({"name":"Beans","currency":"EUR","pending_days":0,
    "earn":{"spend":{"points":1,"per":"1.00"}}})");
  TierService tiers(*db_);
  auto put = tiers.Put(All(), context_, "beans", Obj(R"({"basis":"points_earned",
      "window":{"type":"rolling","months":12},"grace_days":30,"tiers":[
      {"name":"Silver","threshold":100,"multiplier":2},
      {"name":"Gold","threshold":500,"support_priority":"high","free_shipping":true}]})"));
  ASSERT_TRUE(put.ok()) << put.error().message;
  auto bad =
      tiers.Put(All(), context_, "beans",
                Obj(R"({"tiers":[{"name":"A","threshold":50},{"name":"B","threshold":20}]})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field_errors[0].field, "tiers[1].threshold");
  auto tier = [&] {
    auto member = Service().GetMember(All(), customer_id_, std::nullopt, 10, std::nullopt);
    EXPECT_TRUE(member.ok());
    return member->at("tier").as_object();
  };
  PlaceOrder("150.00");
  Deliver();
  EXPECT_EQ(tier().at("current").at("name"), "Silver");
  EXPECT_EQ(tier().at("progress").at("next").at("remaining"), 350);
  PlaceOrder("100.00");  // Silver earns double
  Deliver();
  EXPECT_EQ(Balance().available, 350);
  // Spending never costs a tier: it counts points earned, not the balance.
  ASSERT_TRUE(Service().Redeem(All(), context_, customer_id_, Obj(R"({"points":300})")).ok());
  EXPECT_EQ(tier().at("current").at("name"), "Silver");
  now_ += 380 * kMillisPerDay;  // past the period, inside the grace
  RunJobs();
  EXPECT_EQ(tier().at("current").at("name"), "Silver");
  now_ += 30 * kMillisPerDay;  // grace over: nothing earned in the window, down
  EXPECT_EQ(RunJobs(), 1);
  EXPECT_TRUE(tier().at("current").is_null());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loyalty_tier_changes"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM interactions WHERE subject LIKE 'Tier:%'"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM events WHERE type = 'loyalty.tier_changed'"), 2);
}

// Tiers by money spent over the calendar year: what was paid, less refunds, in the programme's
// currency; the period ends on 31 December.
TEST_F(LoyaltyStoreTest, TiersByMoneySpentCountWhatWasPaidLessRefunds) {
  MakeProgramme(R"({"name":"Beans","currency":"EUR","pending_days":0,
    "earn":{"spend":{"points":1,"per":"1.00"}}})");
  auto settings = ParseTierSettings(Obj(R"({"basis":"money_spent","window":{"type":"calendar_year"},
      "grace_days":0,"tiers":[{"name":"Silver","threshold":"100.00"},
      {"name":"Gold","threshold":"250.00"}]})"));
  ASSERT_TRUE(settings.ok()) << settings.error().message;
  EXPECT_EQ(TierFor(*settings, 9999), std::nullopt);
  EXPECT_EQ(TierFor(*settings, 10000), 0u);
  EXPECT_EQ(DateOfDay(PeriodEndFor(*settings, *DayOf("2026-03-05T10:00:00Z"))), "2026-12-31");
  TierService tiers(*db_);
  ASSERT_TRUE(tiers.Put(All(), context_, "beans", TierSettingsToJson(*settings)).ok());
  const std::string order = PlaceOrder("300.00");
  Deliver();
  commerce::OrderService orders(*db_);
  ASSERT_TRUE(orders.Refund(All(), context_, order, Obj(R"({"amount":"120.00"})")).ok());
  Deliver();
  auto member = Service().GetMember(All(), customer_id_, std::nullopt, 10, std::nullopt);
  ASSERT_TRUE(member.ok());
  // Upgraded when the order was placed (300.00 then), and it holds until the period ends.
  EXPECT_EQ(member->at("tier").at("current").at("name"), "Gold");
  EXPECT_EQ(member->at("tier").at("progress").at("value"), "180.00");
}

}  // namespace
}  // namespace rapport::loyalty
