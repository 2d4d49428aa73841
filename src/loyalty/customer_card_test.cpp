#include "loyalty/customer_card.hpp"

#include <gtest/gtest.h>

namespace rapport::loyalty {
namespace {

json::object Member() {
  return json::parse(R"({
    "programme": {"id": "lp_1", "name": "Beans", "points_name": "beans"},
    "customer_id": "cus_1", "member_id": "mem_1",
    "balance": {"available": 0, "pending": 40, "debt": -25},
    "tier": {"current": {"name": "Gold", "since": "2026-01-02", "multiplier": "1.5",
                         "free_shipping": true, "support_priority": "high",
                         "review_on": "2027-01-01"},
             "progress": {"basis": "points", "value": 620,
                          "next": {"name": "Platinum", "threshold": 1000, "remaining": 380}}},
    "history": {"data": [{"seq": 1, "kind": "adjust", "cause": "staff:usr_9 angry caller",
                          "actor": "usr_9", "points": -25, "postings": {"adjusted": 25}}],
                "next_cursor": "abc"}})")
      .as_object();
}

json::array Vouchers() {
  return json::parse(R"([
    {"id": "vch_1", "code": "ABCD-EFGH", "state": "available", "description": "5.00 off",
     "batch_id": "vb_secret", "customer_id": "cus_1", "max_uses": 1, "uses": 0,
     "rules": {"value": {"type": "amount_off", "amount": "5.00"}, "currency": "EUR",
               "min_order": "20.00", "expires_at": "2027-01-01T00:00:00Z",
               "scope": {"product_ids": ["prd_internal"], "categories": []},
               "per_customer_limit": 1, "combinable": false, "return_on_cancel": true}},
    {"id": "vch_2", "code": "USED-USED", "state": "used_up", "description": "10 % off",
     "rules": {}},
    {"id": "vch_3", "code": "OLD0-OLD0", "state": "expired", "description": "free shipping",
     "rules": {}}])")
      .as_array();
}

json::array StampCards() {
  return json::parse(R"([
    {"card": {"id": "sc_1", "name": "Coffee", "active": true, "reward_product_id": "prd_x"},
     "stamps": 7, "required": 10, "debt": 0, "filled": 2, "orders": 20,
     "fills": [{"fill": 1, "voucher_id": "vch_9", "code": "WXYZ"}]},
    {"card": {"id": "sc_2", "name": "Retired", "active": false},
     "stamps": 3, "required": 5, "filled": 0}])")
      .as_array();
}

json::object Referral() {
  return json::parse(R"({
    "code": "REF-CODE", "link": "https://shop.example/?ref=REF-CODE",
    "referred_by": {"referrer_id": "cus_0", "name": "Anna Other"},
    "referrals": [{"referee_id": "cus_2", "name": "Bob Friend", "state": "rewarded"}],
    "counts": {"linked": 1, "qualifying": 0, "rewarded": 1, "lapsed": 0, "refused": 2}})")
      .as_object();
}

TEST(CustomerCardTest, ShowsWhatTheCustomerMaySee) {
  const json::object card = ProjectCustomerCard(Member(), Vouchers(), StampCards(), Referral());
  EXPECT_EQ(card.at("programme"), json::parse(R"({"id": "lp_1", "name": "Beans",
                                                   "points_name": "beans"})"));
  EXPECT_EQ(card.at("customer_id"), "cus_1");
  EXPECT_EQ(card.at("member"), true);
  EXPECT_EQ(card.at("points"), json::parse(R"({"available": 0, "pending": 40, "owed": 25})"));
  EXPECT_EQ(card.at("tier"), json::parse(R"({
      "current": {"name": "Gold", "since": "2026-01-02", "multiplier": "1.5",
                  "free_shipping": true},
      "progress": {"basis": "points", "value": 620,
                   "next": {"name": "Platinum", "threshold": 1000, "remaining": 380}}})"));
  EXPECT_EQ(card.at("vouchers"), json::parse(R"([
      {"code": "ABCD-EFGH", "description": "5.00 off", "expires_at": "2027-01-01T00:00:00Z",
       "min_order": "20.00", "currency": "EUR"}])"));
  EXPECT_EQ(card.at("stamp_cards"),
            json::parse(R"([{"name": "Coffee", "stamps": 7, "required": 10, "filled": 2}])"));
  EXPECT_EQ(card.at("referral"), json::parse(R"({"code": "REF-CODE",
      "link": "https://shop.example/?ref=REF-CODE", "rewarded": 1})"));
}

TEST(CustomerCardTest, NothingStaffOnlyLeaks) {
  const std::string text =
      json::serialize(ProjectCustomerCard(Member(), Vouchers(), StampCards(), Referral()));
  for (std::string_view secret :
       {"usr_9", "angry caller", "postings", "history", "high", "review_on", "vb_secret",
        "prd_internal", "Anna Other", "Bob Friend", "cus_2", "WXYZ", "Retired", "USED-USED",
        "OLD0-OLD0", "refused"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " leaked in " << text;
  }
}

TEST(CustomerCardTest, ANonMemberHasAnEmptyCard) {
  const json::object member = json::parse(R"({
      "programme": {"id": "lp_1", "name": "Beans", "points_name": "beans"},
      "customer_id": "cus_3", "member_id": null,
      "balance": {"available": 0, "pending": 0, "debt": 0},
      "history": {"data": [], "next_cursor": null}})")
                                  .as_object();
  const json::object card = ProjectCustomerCard(member, {}, {}, json::object{});
  EXPECT_EQ(card.at("member"), false);
  EXPECT_EQ(card.at("points"), json::parse(R"({"available": 0, "pending": 0})"));
  EXPECT_FALSE(card.contains("tier"));
  EXPECT_TRUE(card.at("vouchers").as_array().empty());
  EXPECT_EQ(card.at("referral"), json::parse(R"({"rewarded": 0})"));
}

}  // namespace
}  // namespace rapport::loyalty
