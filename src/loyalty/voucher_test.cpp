// Vouchers: codes (alphabet, normal form), rules (parsing with named fields, pricing), and
// redemption through commerce's order placement against a real SQLite database — a code spent
// once, every problem named at voucher_codes[i] with nothing written, uses given back on cancel.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "commerce/order_service.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "loyalty/loyalty_service.hpp"
#include "loyalty/reward_service.hpp"
#include "loyalty/tier_service.hpp"
#include "loyalty/voucher_code.hpp"
#include "loyalty/voucher_redemption.hpp"
#include "loyalty/voucher_rules.hpp"
#include "loyalty/voucher_service.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::loyalty {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }

TEST(VoucherCodeTest, GeneratedCodesUseTheReadableAlphabetAndDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string code = GenerateVoucherCode();
    ASSERT_EQ(code.size(), kGeneratedCodeLength);
    for (char c : code) {
      EXPECT_NE(kCodeAlphabet.find(c), std::string_view::npos) << code;
      EXPECT_EQ(std::string_view("0O1IL").find(c), std::string_view::npos) << code;
    }
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 2000u);
}

TEST(VoucherCodeTest, NormalFormIgnoresCaseSpacesAndHyphens) {
  EXPECT_EQ(NormalizeVoucherCode("k7qm-x4rt 9hwc"), "K7QMX4RT9HWC");
  EXPECT_EQ(FormatVoucherCode("K7QMX4RT9HWC"), "K7QM-X4RT-9HWC");
  EXPECT_EQ(FormatVoucherCode("SUMMER10"), "SUMMER10");
  EXPECT_EQ(VoucherCodeHint("K7QMX4RT9HWC"), "…9HWC");
  EXPECT_FALSE(NormalizeVoucherCode("ab"));
  EXPECT_FALSE(NormalizeVoucherCode("SUMMER_10"));
  EXPECT_FALSE(NormalizeVoucherCode("' OR 1=1 --"));
  EXPECT_FALSE(NormalizeVoucherCode(std::string(33, 'A')));
}

TEST(VoucherRulesTest, ErrorsNameTheirFields) {
  auto bad = ParseVoucherRules(Obj(R"({"value":{"type":"percent_off","percent":150},
      "min_order":"x","expires_at":"soon","per_customer_limit":0,"combinable":"no","extra":1})"),
                               {});
  ASSERT_FALSE(bad.ok());
  std::set<std::string> fields;
  for (const auto& e : bad.error().field_errors) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"value.percent", "min_order", "expires_at",
                                           "per_customer_limit", "combinable", "extra"}));
  auto no_currency = ParseVoucherRules(Obj(R"({"value":{"type":"amount_off","amount":"5"}})"), {});
  ASSERT_FALSE(no_currency.ok());
  EXPECT_EQ(no_currency.error().field_errors[0].field, "currency");
  auto kind = ParseVoucherRules(Obj(R"({"value":{"type":"cash"}})"), {});
  ASSERT_FALSE(kind.ok());
  EXPECT_EQ(kind.error().field_errors[0].field, "value.type");
}

TEST(VoucherRulesTest, RulesSurviveTheirStoredForm) {
  auto rules = ParseVoucherRules(
      Obj(R"({"value":{"type":"amount_off","amount":"7.50"},"currency":"EUR","min_order":"30",
              "scope":{"categories":["tea"]},"expires_at":"2030-01-01T00:00:00Z",
              "per_customer_limit":2,"combinable":false,"return_on_cancel":false})"),
      {});
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  auto back = VoucherRulesFromStored(ToJsonString(VoucherRulesToJson(*rules)));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(VoucherRulesToJson(*back), VoucherRulesToJson(*rules));
  EXPECT_EQ(DescribeVoucherValue(*back), "7.50 EUR off");
}

commerce::DraftOrder Draft() {
  return commerce::DraftOrder{.id = "ord_1",
                              .customer_id = "cus_1",
                              .currency = "EUR",
                              .lines = {{.product_id = "prd_tea",
                                         .category = "tea",
                                         .quantity = 2,
                                         .unit_price_cents = 1000,
                                         .line_total_cents = 2000},
                                        {.product_id = "prd_mug",
                                         .category = "mugs",
                                         .quantity = 1,
                                         .unit_price_cents = 1299,
                                         .line_total_cents = 1299}},
                              .total_cents = 3299};
}

VoucherRules Rules(std::string_view text) { return ParseVoucherRules(Obj(text), {}).value(); }

TEST(VoucherRulesTest, PricesEachKindWithinScopeAndWhatIsLeft) {
  const auto now = "2026-01-01T00:00:00.000Z";
  const auto order = Draft();
  EXPECT_EQ(PriceVoucher(Rules(R"({"value":{"type":"amount_off","amount":"5"},"currency":"EUR"})"),
                         order, 3299, now)
                .discount_cents,
            500);
  // 15% of 32.99 is 4.9485: rounded down to the cent.
  EXPECT_EQ(
      PriceVoucher(Rules(R"({"value":{"type":"percent_off","percent":15}})"), order, 3299, now)
          .discount_cents,
      494);
  // Scoped to tea: 10% of 20.00.
  EXPECT_EQ(PriceVoucher(Rules(R"({"value":{"type":"percent_off","percent":10},
                                   "scope":{"categories":["tea"]}})"),
                         order, 3299, now)
                .discount_cents,
            200);
  EXPECT_EQ(PriceVoucher(Rules(R"({"value":{"type":"free_product","product_id":"prd_mug"}})"),
                         order, 3299, now)
                .discount_cents,
            1299);
  EXPECT_EQ(
      PriceVoucher(Rules(R"({"value":{"type":"free_shipping"}})"), order, 3299, now).discount_cents,
      0);
  // Never more than the order has left.
  EXPECT_EQ(PriceVoucher(Rules(R"({"value":{"type":"amount_off","amount":"50"},"currency":"EUR"})"),
                         order, 1000, now)
                .discount_cents,
            1000);
}

TEST(VoucherRulesTest, SaysWhyAVoucherDoesNotApply) {
  const auto now = "2026-01-01T00:00:00.000Z";
  const auto order = Draft();
  auto problem = [&](std::string_view rules) {
    return PriceVoucher(Rules(rules), order, order.total_cents, now).problem.value_or("");
  };
  EXPECT_EQ(problem(R"({"value":{"type":"free_shipping"},"expires_at":"2025-12-31T00:00:00Z"})"),
            "expired at 2025-12-31T00:00:00.000Z");
  EXPECT_EQ(problem(R"({"value":{"type":"amount_off","amount":"5"},"currency":"USD"})"),
            "is for orders in USD");
  EXPECT_EQ(problem(R"({"value":{"type":"free_shipping"},"currency":"EUR","min_order":"50"})"),
            "needs an order of at least 50.00 EUR");
  EXPECT_EQ(problem(R"({"value":{"type":"percent_off","percent":5},
                        "scope":{"product_ids":["prd_other"]}})"),
            "applies to none of the order's products");
  EXPECT_EQ(problem(R"({"value":{"type":"free_product","product_id":"prd_other"}})"),
            "needs its free product in the order");
}

// Redemption through OrderService, with the redeemer registered as `rapport serve` does.
class VoucherStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    customers::CustomerService customers(*db_);
    for (auto* id : {&customer_, &other_}) {
      *id = std::string(customers.Create(All(), context_, Obj(R"({"first_name":"Ida"})"))
                            .value()
                            .at("id")
                            .as_string());
    }
    commerce::SetVoucherRedeemer(&redemption_);
  }
  void TearDown() override { commerce::SetVoucherRedeemer(nullptr); }
  VoucherService Service() { return VoucherService(*db_, NowInstant); }

  std::string Shared(std::string_view code, int max_uses, std::string_view extra = "") {
    auto batch = Service().CreateBatch(
        All(), context_,
        Obj(R"({"name":"Summer","kind":"shared","code":")" + std::string(code) +
            R"(","max_uses":)" + std::to_string(max_uses) +
            R"(,"value":{"type":"amount_off","amount":"5.00"},"currency":"EUR")" +
            std::string(extra) + "}"));
    EXPECT_TRUE(batch.ok()) << batch.error().message;
    return batch.ok() ? std::string(batch->at("id").as_string()) : "";
  }
  Result<json::object> Order(const std::string& customer, std::string_view codes) {
    commerce::OrderService orders(*db_);
    return orders.Place(All(), context_, customer,
                        Obj(R"({"currency":"EUR","channel":"web","lines":[{"description":"Tea",
                            "quantity":1,"unit_price":"20.00"}],"voucher_codes":)" +
                            std::string(codes) + "}"));
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
  std::string FieldProblem(const Result<json::object>& result) {
    if (result.ok() || result.error().field_errors.empty()) return "ok";
    return result.error().field_errors[0].field + ": " + result.error().field_errors[0].message;
  }
  void Deliver() {
    storage::EventDispatcher dispatcher(*db_);
    dispatcher.Subscribe(returns_);
    ASSERT_TRUE(dispatcher.DrainAll().ok());
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test"};
  std::string customer_, other_;
  VoucherRedemption redemption_{NowInstant};
  VoucherReturns returns_{NowInstant};
};

TEST_F(VoucherStoreTest, AVoucherAddsADiscountLineAndIsSpentOnce) {
  Shared("summer-5", 1);
  auto order = Order(customer_, R"(["Summer5"])");
  ASSERT_TRUE(order.ok()) << order.error().message;
  EXPECT_EQ(order->at("subtotal"), "20.00");
  EXPECT_EQ(order->at("discount"), "5.00");
  EXPECT_EQ(order->at("total"), "15.00");
  const auto& line = order->at("lines").as_array().back().as_object();
  EXPECT_EQ(line.at("description"), "Voucher SUMMER5: 5.00 EUR off");
  EXPECT_EQ(line.at("line_total"), "-5.00");
  EXPECT_EQ(Count("SELECT uses FROM loyalty_vouchers"), 1);
  const int64_t orders_before = Count("SELECT COUNT(*) FROM orders");
  EXPECT_EQ(FieldProblem(Order(other_, R"(["SUMMER5"])")), "voucher_codes[0]: has been used up");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM orders"), orders_before);  // nothing written
}

TEST_F(VoucherStoreTest, EveryProblemNamesItsCodeAndWritesNothing) {
  Shared("ONCEONLY", 10, R"(,"per_customer_limit":1,"combinable":false)");
  Shared("OLDCODE", 10, R"(,"expires_at":"2020-01-01T00:00:00Z")");
  Shared("BIGONLY", 10, R"(,"min_order":"100.00")");
  ASSERT_TRUE(Order(customer_, R"(["ONCEONLY"])").ok());
  const int64_t orders_before = Count("SELECT COUNT(*) FROM orders");
  EXPECT_EQ(FieldProblem(Order(customer_, R"(["NOSUCHCODE"])")),
            "voucher_codes[0]: no voucher has this code");
  EXPECT_EQ(FieldProblem(Order(customer_, R"(["OLDCODE"])")),
            "voucher_codes[0]: expired at 2020-01-01T00:00:00.000Z");
  EXPECT_EQ(FieldProblem(Order(customer_, R"(["BIGONLY"])")),
            "voucher_codes[0]: needs an order of at least 100.00 EUR");
  EXPECT_EQ(FieldProblem(Order(customer_, R"(["ONCEONLY"])")),
            "voucher_codes[0]: this customer has used it as often as it allows (1)");
  EXPECT_EQ(FieldProblem(Order(other_, R"(["BIGONLY", "ONCEONLY"])")),
            "voucher_codes[1]: cannot be combined with other vouchers");
  EXPECT_EQ(FieldProblem(Order(other_, R"(["ONCEONLY", "once-only"])")),
            "voucher_codes[1]: is given twice");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM orders"), orders_before);
  EXPECT_EQ(Count("SELECT SUM(uses) FROM loyalty_vouchers"), 1);
}

TEST_F(VoucherStoreTest, AnIssuedVoucherIsOnlyForItsCustomerAndComesBackOnCancel) {
  auto issued = Service().Issue(All(), context_, customer_,
                                Obj(R"({"value":{"type":"percent_off","percent":10}})"));
  ASSERT_TRUE(issued.ok()) << issued.error().message;
  const std::string code(issued->at("code").as_string());
  EXPECT_EQ(code.size(), 14u);  // XXXX-XXXX-XXXX
  EXPECT_EQ(Count("SELECT COUNT(*) FROM interactions WHERE kind = 'loyalty'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'loyalty_voucher'"), 1);
  EXPECT_EQ(FieldProblem(Order(other_, "[\"" + code + "\"]")),
            "voucher_codes[0]: is not valid for this customer");
  auto order = Order(customer_, "[\"" + code + "\"]");
  ASSERT_TRUE(order.ok());
  EXPECT_EQ(order->at("total"), "18.00");
  EXPECT_EQ(Service().ListForCustomer(All(), customer_)->at(0).at("state"), "used_up");
  commerce::OrderService orders(*db_);
  ASSERT_TRUE(orders
                  .Update(All(), context_, std::string(order->at("id").as_string()),
                          Obj(R"({"status":"cancelled"})"), std::nullopt)
                  .ok());
  Deliver();
  Deliver();  // delivered again: given back once
  EXPECT_EQ(Service().ListForCustomer(All(), customer_)->at(0).at("state"), "available");
  EXPECT_EQ(Count("SELECT uses FROM loyalty_vouchers"), 0);
  EXPECT_TRUE(Order(customer_, "[\"" + code + "\"]").ok());
}

TEST_F(VoucherStoreTest, BulkBatchesGenerateDistinctCodesAndExportThem) {
  auto batch = Service().CreateBatch(
      All(), context_,
      Obj(R"({"name":"Flyers","kind":"bulk","count":500,"value":{"type":"free_shipping"}})"));
  ASSERT_TRUE(batch.ok()) << batch.error().message;
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT code) FROM loyalty_vouchers"), 500);
  auto csv = Service().ExportBatchCsv(All(), context_, std::string(batch->at("id").as_string()));
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(std::count(csv->begin(), csv->end(), '\n'), 501);
  EXPECT_EQ(csv->substr(0, 32), "code,max_uses,uses,customer_id\r\n");
  auto too_many = Service().CreateBatch(
      All(), context_,
      Obj(R"({"name":"X","kind":"bulk","count":10001,"value":{"type":"free_shipping"}})"));
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().field_errors[0].field, "count");
}

// Rewards: points spent on the ledger and a voucher issued in one transaction, stock and limits.
TEST_F(VoucherStoreTest, ARewardSpendsPointsAndIssuesAVoucherWithinStockAndLimits) {
  LoyaltyService loyalty(*db_, NowMillis);
  bool created = false;
  ASSERT_TRUE(loyalty
                  .PutProgramme(All(), context_, "beans",
                                Obj(R"({"name":"Beans","currency":"EUR","pending_days":0})"),
                                std::nullopt, created)
                  .ok());
  ASSERT_TRUE(loyalty.Grant(All(), context_, customer_, Obj(R"({"points":250})")).ok());
  RewardService rewards(*db_, NowMillis);
  auto reward = rewards.Create(All(), context_, Obj(R"({"programme":"beans","name":"Free coffee",
      "points":100,"stock":2,"per_customer_limit":2,"valid_days":30,
      "value":{"type":"free_shipping"}})"));
  ASSERT_TRUE(reward.ok()) << reward.error().message;
  const json::object input{{"reward_id", reward->at("id")}};
  auto bought = rewards.Redeem(All(), context_, customer_, input);
  ASSERT_TRUE(bought.ok()) << bought.error().message;
  EXPECT_EQ(bought->at("balance").at("available"), 150);
  EXPECT_EQ(bought->at("reward").at("stock"), 1);
  EXPECT_EQ(bought->at("voucher").at("kind"), "reward");
  EXPECT_EQ(bought->at("voucher").at("customer_id"), json::value(customer_));
  EXPECT_TRUE(bought->at("voucher").at("rules").at("expires_at").is_string());
  // Not enough points: nothing spent, no stock taken.
  auto poor = rewards.Redeem(All(), context_, other_, input);
  ASSERT_FALSE(poor.ok());
  EXPECT_EQ(poor.error().field_errors[0].message, "needs 100 points; the customer has 0 available");
  EXPECT_EQ(Count("SELECT stock FROM loyalty_rewards"), 1);
  ASSERT_TRUE(rewards.Redeem(All(), context_, customer_, input).ok());
  auto sold_out = rewards.Redeem(All(), context_, customer_, input);
  ASSERT_FALSE(sold_out.ok());
  EXPECT_EQ(sold_out.error().field_errors[0].message,
            "this customer has had it as often as it allows (2)");
  ASSERT_TRUE(rewards
                  .Update(All(), context_, std::string(reward->at("id").as_string()),
                          Obj(R"({"per_customer_limit":5})"), std::nullopt)
                  .error()
                  .field_errors.size() == 1);
  EXPECT_EQ(Count("SELECT redeemed FROM loyalty_rewards"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loyalty_vouchers WHERE customer_id IS NOT NULL"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loyalty_transactions WHERE kind = 'redeem'"), 2);
}

TEST_F(VoucherStoreTest, ARewardOutOfStockIsRefused) {
  LoyaltyService loyalty(*db_, NowMillis);
  bool created = false;
  ASSERT_TRUE(loyalty
                  .PutProgramme(All(), context_, "beans",
                                Obj(R"({"name":"Beans","currency":"EUR","pending_days":0})"),
                                std::nullopt, created)
                  .ok());
  ASSERT_TRUE(loyalty.Grant(All(), context_, customer_, Obj(R"({"points":500})")).ok());
  RewardService rewards(*db_, NowMillis);
  auto reward = rewards.Create(All(), context_, Obj(R"({"programme":"beans","name":"Mug",
      "points":10,"stock":1,"value":{"type":"percent_off","percent":20}})"));
  ASSERT_TRUE(reward.ok()) << reward.error().message;
  const json::object input{{"reward_id", reward->at("id")}};
  ASSERT_TRUE(rewards.Redeem(All(), context_, customer_, input).ok());
  auto none = rewards.Redeem(All(), context_, customer_, input);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().field_errors[0].message, "is out of stock");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loyalty_transactions WHERE kind = 'redeem'"), 1);
}

// Tier-exclusive rewards: only members at the reward's tier or above may buy it; the catalogue read
// for a customer says which they may buy and why not.
TEST_F(VoucherStoreTest, ATierExclusiveRewardIsRefusedBelowItsTierAndShownSo) {
  LoyaltyService loyalty(*db_, NowMillis);
  bool created = false;
  ASSERT_TRUE(loyalty
                  .PutProgramme(All(), context_, "beans",
                                Obj(R"({"name":"Beans","currency":"EUR","pending_days":0})"),
                                std::nullopt, created)
                  .ok());
  RewardService rewards(*db_, NowMillis);
  const std::string body = R"({"programme":"beans","name":"Lounge","points":10,
      "value":{"type":"free_shipping"},"min_tier":"Silver"})";
  // No tiers yet: the field is named.
  EXPECT_EQ(FieldProblem(rewards.Create(All(), context_, Obj(body))),
            "min_tier: the programme has no tiers");
  ASSERT_TRUE(TierService(*db_)
                  .Put(All(), context_, "beans", Obj(R"({"basis":"points_earned",
                      "tiers":[{"name":"Bronze","threshold":10},{"name":"Silver","threshold":100},
                               {"name":"Gold","threshold":500}]})"))
                  .ok());
  auto bad = Obj(body);
  bad["min_tier"] = "Platinum";
  EXPECT_EQ(FieldProblem(rewards.Create(All(), context_, bad)),
            "min_tier: must be one of the programme's tiers: Bronze, Silver, Gold");
  auto reward = rewards.Create(All(), context_, Obj(body));
  ASSERT_TRUE(reward.ok()) << reward.error().message;
  EXPECT_EQ(reward->at("min_tier"), "Silver");
  for (const auto& c : {customer_, other_}) {
    ASSERT_TRUE(loyalty.Grant(All(), context_, c, Obj(R"({"points":50})")).ok());
  }
  auto set_tier = [&](const std::string& customer, std::string_view tier) {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(tx.Exec(
                         "INSERT OR REPLACE INTO loyalty_member_tiers (member_id, programme_id, "
                         "customer_id, tier, since, period_end) SELECT id, programme_id, "
                         "customer_id, ?, '2026-01-01', 0 FROM loyalty_members WHERE "
                         "customer_id = ?",
                         {std::string(tier), customer}));
                     return OkStatus();
                   })
                    .ok());
  };
  set_tier(customer_, "Gold");
  set_tier(other_, "Bronze");
  const json::object input{{"reward_id", reward->at("id")}};
  EXPECT_EQ(FieldProblem(rewards.Redeem(All(), context_, other_, input)),
            "reward_id: is for Silver members and above; the customer is Bronze");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM loyalty_transactions WHERE kind = 'redeem'"), 0);
  EXPECT_TRUE(rewards.Redeem(All(), context_, customer_, input).ok());  // Gold is above Silver
  auto seen = rewards.List(All(), other_);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->at(0).at("available"), false);
  EXPECT_EQ(seen->at(0).at("unavailable_reason"),
            "is for Silver members and above; the customer is Bronze");
  EXPECT_EQ(rewards.List(All(), customer_)->at(0).at("available"), true);
  // Opened to everyone again.
  ASSERT_TRUE(rewards
                  .Update(All(), context_, std::string(reward->at("id").as_string()),
                          Obj(R"({"min_tier":null})"), std::nullopt)
                  .ok());
  EXPECT_TRUE(rewards.Redeem(All(), context_, other_, input).ok());
}

}  // namespace
}  // namespace rapport::loyalty
