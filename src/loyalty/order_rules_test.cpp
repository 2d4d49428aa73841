// The order rules: spend rounding, exclusions by product, SKU and category, each rule's minimum
// on its own eligible total, caps, the bonuses' whole-number form, and every bad field named.
#include "loyalty/order_rules.hpp"

#include <gtest/gtest.h>

#include "loyalty/field_reader.hpp"

namespace rapport::loyalty {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

struct Rules {
  SpendRule spend;
  OrderBonus per_order;
  OrderBonus first_order;
  std::vector<FieldError> errors;
};

Rules Read(std::string_view text) {
  Rules rules;
  const json::object earn = Obj(text);
  FieldReader reader(earn, "earn.", rules.errors);
  ReadSpendRule(reader, "spend", 1'000'000, rules.spend);
  ReadOrderBonus(reader, "per_order", 1'000'000, /*with_cap=*/true, rules.per_order);
  ReadOrderBonus(reader, "first_order", 1'000'000, /*with_cap=*/false, rules.first_order);
  return rules;
}

std::vector<std::string> Fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  return fields;
}

const OrderFacts kBasket{
    .currency = "EUR",
    .total_cents = 8000,
    .lines = {
        {.product_id = "prd_gift", .sku = "GIFT-50", .category = "Gift cards", .total_cents = 5000},
        {.product_id = "prd_beans", .sku = "BEANS", .category = "Coffee", .total_cents = 2000},
        {.sku = "MUG", .total_cents = 1000}}};

TEST(OrderRulesTest, SpendEarnsWholeUnitsOfItsEligibleTotalRoundedDownOnce) {
  Rules rules = Read(R"({"spend":{"points":2,"per":"3.00"}})");
  ASSERT_TRUE(rules.errors.empty());
  // 80.00 in whole 3.00s is 26, at 2 points each.
  EXPECT_EQ(SpendPoints(rules.spend, kBasket), 52);
  OrderFacts small{.currency = "EUR", .total_cents = 299};
  EXPECT_EQ(SpendPoints(rules.spend, small), 0);
  // A huge order saturates at the ledger's bound instead of overflowing.
  rules.spend.points = 1'000'000;
  rules.spend.per_cents = 1;
  OrderFacts huge{.currency = "EUR", .total_cents = 9'000'000'000'000};
  EXPECT_EQ(SpendPoints(rules.spend, huge), 1'000'000'000);
}

TEST(OrderRulesTest, ExclusionsByProductSkuOrCategoryLeaveTheirLinesOut) {
  Rules by_category = Read(R"({"spend":{"points":1,"excluded_categories":["Gift cards"]}})");
  EXPECT_EQ(EligibleCents(by_category.spend.condition, kBasket), 3000);
  EXPECT_EQ(SpendPoints(by_category.spend, kBasket), 30);
  Rules by_sku = Read(R"({"spend":{"points":1,"excluded_products":["MUG","prd_gift"]}})");
  EXPECT_EQ(SpendPoints(by_sku.spend, kBasket), 20);
  // Categories match exactly; a line without a product has none.
  Rules other_case = Read(R"({"spend":{"points":1,"excluded_categories":["gift cards"]}})");
  EXPECT_EQ(SpendPoints(other_case.spend, kBasket), 80);
  // Never below zero when the lines sum to more than the total (a discount on the order).
  OrderFacts discounted = kBasket;
  discounted.total_cents = 4000;
  EXPECT_EQ(EligibleCents(by_category.spend.condition, discounted), 0);
  EXPECT_FALSE(Qualifies(by_category.spend.condition, discounted));
}

TEST(OrderRulesTest, EachRuleChecksItsMinimumOnItsOwnEligibleTotal) {
  Rules rules = Read(R"({"spend":{"points":1,"min_order":"40.00"},
      "per_order":{"points":5,"min_order":"40.00","excluded_categories":["Gift cards"]},
      "first_order":{"points":50,"min_order":"25.00","excluded_products":["GIFT-50"]}})");
  ASSERT_TRUE(rules.errors.empty()) << rules.errors[0].field;
  EXPECT_EQ(SpendPoints(rules.spend, kBasket), 80);        // 80.00 ≥ 40.00
  EXPECT_EQ(BonusPoints(rules.per_order, kBasket), 0);     // 30.00 left < 40.00
  EXPECT_EQ(BonusPoints(rules.first_order, kBasket), 50);  // 30.00 left ≥ 25.00
  // An order of excluded lines only earns no bonus, even with no minimum.
  Rules no_minimum = Read(R"({"per_order":{"points":5,"excluded_categories":["Gift cards"]}})");
  OrderFacts gift_only{
      .currency = "EUR",
      .total_cents = 5000,
      .lines = {{.product_id = "prd_gift", .category = "Gift cards", .total_cents = 5000}}};
  EXPECT_EQ(BonusPoints(no_minimum.per_order, gift_only), 0);
  EXPECT_EQ(BonusPoints(no_minimum.per_order, kBasket), 5);
}

TEST(OrderRulesTest, CapsKeepWhatFitsInThePeriod) {
  Rules rules = Read(R"({"per_order":{"points":5,"cap":{"points":12,"period":"month"}}})");
  ASSERT_TRUE(rules.per_order.cap);
  EXPECT_EQ(rules.per_order.cap->period, Period::kMonth);
  EXPECT_EQ(CapRest(rules.per_order.cap, 5, 0), 5);
  EXPECT_EQ(CapRest(rules.per_order.cap, 5, 10), 2);
  EXPECT_EQ(CapRest(rules.per_order.cap, 5, 15), 0);
  EXPECT_EQ(CapRest(std::nullopt, 5, 1'000), 5);
}

TEST(OrderRulesTest, ABonusIsAWholeNumberOrAnObjectAndServesAsAnObject) {
  Rules old_form = Read(R"({"per_order":3,"first_order":10})");
  ASSERT_TRUE(old_form.errors.empty());
  EXPECT_EQ(old_form.per_order.points, 3);
  EXPECT_EQ(old_form.first_order.points, 10);
  EXPECT_EQ(OrderBonusToJson(old_form.first_order, false),
            Obj(R"({"points":10,"min_order":"0.00","excluded_products":[],
                    "excluded_categories":[],"tier_multiplier":true})"));
  Rules full = Read(R"({"spend":{"points":1,"per":"2.50","min_order":"10.00","tier_multiplier":true,
      "excluded_products":["GIFT-50","GIFT-50"],"excluded_categories":["Gift cards"],
      "cap":{"points":100,"period":"year"}},
      "per_order":{"points":5,"cap":{"points":20,"period":"day"},"tier_multiplier":false}})");
  ASSERT_TRUE(full.errors.empty());
  EXPECT_FALSE(full.per_order.tier_multiplier);
  EXPECT_EQ(full.spend.condition.excluded_products.size(), 1u);  // a repeat is kept once
  const json::object spend = SpendRuleToJson(full.spend);
  EXPECT_EQ(spend, Obj(R"({"points":1,"per":"2.50","min_order":"10.00",
      "excluded_products":["GIFT-50"],"excluded_categories":["Gift cards"],
      "cap":{"points":100,"period":"year"},"tier_multiplier":true})"));
  // Read back from what was served: the same rules.
  json::object served{{"spend", spend}, {"per_order", OrderBonusToJson(full.per_order, true)}};
  Rules again = Read(json::serialize(served));
  ASSERT_TRUE(again.errors.empty());
  EXPECT_EQ(SpendRuleToJson(again.spend), spend);
  EXPECT_EQ(OrderBonusToJson(again.per_order, true), OrderBonusToJson(full.per_order, true));
}

TEST(OrderRulesTest, EveryBadFieldIsNamedByItsPath) {
  Rules rules = Read(R"({"spend":{"points":-1,"excluded_categories":"Gift cards","bonus":1},
      "per_order":{"points":5,"min_order":"ten","excluded_products":[7],
                   "cap":{"points":0,"period":"week"}},
      "first_order":{"points":5,"cap":{"points":1,"period":"day"},
                     "excluded_categories":[""]}})");
  EXPECT_EQ(Fields(rules.errors),
            (std::vector<std::string>{
                "earn.spend.bonus", "earn.spend.points", "earn.spend.excluded_categories",
                "earn.per_order.min_order", "earn.per_order.excluded_products[0]",
                "earn.per_order.cap.points", "earn.per_order.cap.period", "earn.first_order.cap",
                "earn.first_order.excluded_categories[0]"}));
  Rules too_many = Read(R"({"per_order":1.5,"first_order":{"tier_multiplier":"yes"}})");
  EXPECT_EQ(Fields(too_many.errors),
            (std::vector<std::string>{"earn.per_order", "earn.first_order.tier_multiplier"}));
  std::string long_list = R"({"spend":{"excluded_categories":[)";
  for (int i = 0; i < 1001; ++i) long_list += (i ? ",\"c" : "\"c") + std::to_string(i) + "\"";
  Rules bounded = Read(long_list + "]}}");
  EXPECT_EQ(Fields(bounded.errors), std::vector<std::string>{"earn.spend.excluded_categories"});
}

TEST(OrderRulesTest, EventBonusesTakeACapWhereTheyRecurAndAMultiplierFlag) {
  std::vector<FieldError> errors;
  const json::object earn = Obj(R"({"signup":25,
      "review_published":{"points":20,"cap":{"points":60,"period":"month"},"tier_multiplier":true},
      "birthday":{"points":50,"cap":{"points":50,"period":"year"}}})");
  FieldReader reader(earn, "earn.", errors);
  EventBonus signup, review, birthday;
  ReadEventBonus(reader, "signup", 1'000'000, /*with_cap=*/false, signup);
  ReadEventBonus(reader, "review_published", 1'000'000, /*with_cap=*/true, review);
  ReadEventBonus(reader, "birthday", 1'000'000, /*with_cap=*/false, birthday);
  // A birthday is earned once a year: a cap on it is refused rather than ignored.
  EXPECT_EQ(Fields(errors), std::vector<std::string>{"earn.birthday.cap"});
  EXPECT_EQ(signup.points, 25);
  EXPECT_FALSE(signup.tier_multiplier);
  EXPECT_EQ(EventBonusToJson(signup, false), Obj(R"({"points":25,"tier_multiplier":false})"));
  EXPECT_EQ(EventBonusToJson(review, true),
            Obj(R"({"points":20,"cap":{"points":60,"period":"month"},"tier_multiplier":true})"));
}

}  // namespace
}  // namespace rapport::loyalty
