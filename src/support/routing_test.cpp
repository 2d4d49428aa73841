#include "support/routing.hpp"

#include <gtest/gtest.h>

#include <map>

#include "storage/sqlite/sqlite_database.hpp"
#include "support/customer_conditions.hpp"
#include "support/customer_value_testing.hpp"
#include "support/desk_settings.hpp"
#include "support/queue_service.hpp"
#include "support/ticket_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

class RoutingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    rules_ = std::make_unique<DeskSettingsService>(*db_, DeskSetting::kRoutingRule);
    QueueService queues(*db_);
    for (const char* name : {"Billing", "Vip", "German"}) {
      auto queue =
          queues.Create(all_, context_, json::object{{"name", name}, {"default_priority", "low"}});
      ASSERT_TRUE(queue.ok()) << queue.error().message;
      queue_[name] = std::string(queue->at("id").as_string());
    }
  }

  void TearDown() override { UseCustomerTraits(customers::NoCustomerTraits()); }

  void Rule(const std::string& name, int position, const std::string& conditions,
            const std::string& queue, const std::string& extra = "") {
    auto rule = rules_->Create(all_, context_,
                               Obj(R"({"name":")" + name + R"(","position":)" +
                                   std::to_string(position) + R"(,"conditions":)" + conditions +
                                   R"(,"queue_id":")" + queue_[queue] + "\"" + extra + "}"));
    ASSERT_TRUE(rule.ok()) << rule.error().message;
  }

  json::object Open(const std::string& fields) {
    auto ticket = TicketService(*db_).Create(
        all_, context_, Obj(R"({"requester":{"email":"ann@example.com"},)" + fields + "}"));
    EXPECT_TRUE(ticket.ok()) << ticket.error().message;
    return ticket.ok() ? *ticket : json::object();
  }

  std::string QueueName(const json::object& ticket) {
    for (const auto& [name, id] : queue_) {
      if (ticket.at("queue_id") == json::value(id)) return name;
    }
    return "";
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<DeskSettingsService> rules_;
  std::map<std::string, std::string> queue_;
  const access::Access& all_ = access::Access::Unrestricted();
  const storage::WriteContext context_{.actor = "test"};
};

TEST_F(RoutingTest, TheFirstMatchingRuleInPositionOrderChoosesQueuePriorityAndTags) {
  Rule("billing words", 20, R"({"keywords":["invoice","Rückerstattung"]})", "Billing",
       R"(,"priority":"high","tags":["billing"])");
  Rule("billing mailbox", 10, R"({"mailbox":"Billing@Shop.example","channel":["email"]})",
       "Billing");
  const json::object by_word =
      Open(R"("subject":"Where is my INVOICE?","tags":["web"],"message":{"body_text":"x"})");
  EXPECT_EQ(QueueName(by_word), "Billing");
  EXPECT_EQ(by_word.at("priority"), "high");
  EXPECT_EQ(by_word.at("tags"), (json::array{"billing", "web"}));
  // Accents and case do not matter; a word in the first message counts.
  EXPECT_EQ(
      QueueName(Open(R"("subject":"Hi","message":{"body_text":"Ich will eine RUCKERSTATTUNG"})")),
      "Billing");
  // The mailbox rule comes first (position 10): no priority of its own, so the queue's default.
  const json::object by_mailbox = Open(
      R"("subject":"invoice","channel":"email","mailbox":"billing@shop.example","message":{"body_text":"x"})");
  EXPECT_EQ(by_mailbox.at("priority"), "low");
  EXPECT_EQ(by_mailbox.at("tags"), json::array());
  // All conditions must hold: the mailbox rule wants email.
  EXPECT_TRUE(
      Open(
          R"("subject":"x","channel":"phone","mailbox":"billing@shop.example","message":{"body_text":"x"})")
          .at("queue_id")
          .is_null());
}

TEST_F(RoutingTest, CustomerConditionsAndAGivenQueueOrPriorityWin) {
  Rule("vip", 1, R"({"customer_tag":"VIP"})", "Vip", R"(,"priority":"urgent")");
  Open(R"("subject":"first","message":{"body_text":"x"})");  // creates the customer
  ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(
                       tx.Exec("UPDATE customers SET tags = '[\"vip\"]', language = 'de'"));
                   return OkStatus();
                 })
                  .ok());
  EXPECT_EQ(QueueName(Open(R"("subject":"again","message":{"body_text":"x"})")), "Vip");
  const json::object chosen = Open(R"("subject":"mine","priority":"low","queue_id":")" +
                                   queue_["German"] + R"(","message":{"body_text":"x"})");
  EXPECT_EQ(QueueName(chosen), "German");
  const json::object kept_priority =
      Open(R"("subject":"low please","priority":"low","message":{"body_text":"x"})");
  EXPECT_EQ(QueueName(kept_priority), "Vip");
  EXPECT_EQ(kept_priority.at("priority"), "low");
}

TEST_F(RoutingTest, TheCustomersTotalSpentRoutesThroughThePublishedTrait) {
  UseCustomerTraits(testing::CommerceTraits());
  Rule("big spenders", 1, R"({"customer_min_value":"1000"})", "Vip");
  Rule("the rest", 2, R"({"customer_max_value":"999.99"})", "Billing");
  EXPECT_EQ(rules_->List(all_)->front().at("conditions").at("customer_min_value"), "1000.00");
  const json::object first = Open(R"("subject":"first","message":{"body_text":"x"})");
  EXPECT_EQ(QueueName(first), "Billing");  // no orders: 0.00
  const std::string customer(first.at("customer_id").as_string());
  ASSERT_TRUE(testing::Spend(*db_, customer, 99'999).ok());
  EXPECT_EQ(QueueName(Open(R"("subject":"a","message":{"body_text":"x"})")), "Billing");
  ASSERT_TRUE(testing::Spend(*db_, customer, 1).ok());  // exactly 1000.00: the bound holds
  EXPECT_EQ(QueueName(Open(R"("subject":"b","message":{"body_text":"x"})")), "Vip");
  // Without a registry publishing total_spent, no value condition holds.
  UseCustomerTraits(customers::NoCustomerTraits());
  EXPECT_TRUE(Open(R"("subject":"c","message":{"body_text":"x"})").at("queue_id").is_null());
}

TEST_F(RoutingTest, ABadAmountIsRefusedNamingItsCondition) {
  for (const char* amount : {"1000", "\"10.001\"", "\"-5\"", "\"1e3\"", "\"\""}) {
    auto bad =
        rules_->Create(all_, context_,
                       Obj(R"({"name":"x","conditions":{"customer_min_value":)" +
                           std::string(amount) + R"(},"queue_id":")" + queue_["Vip"] + "\"}"));
    ASSERT_FALSE(bad.ok()) << amount;
    ASSERT_EQ(bad.error().field_errors.size(), 1u) << amount;
    EXPECT_EQ(bad.error().field_errors[0].field, "conditions.customer_min_value");
  }
  auto reversed = rules_->Create(
      all_, context_,
      Obj(R"({"name":"x","conditions":{"customer_min_value":"10","customer_max_value":"5"},)"
          R"("queue_id":")" +
          queue_["Vip"] + "\"}"));
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.error().field_errors.at(0).field, "conditions.customer_max_value");
  EXPECT_TRUE(rules_->List(all_)->empty());
}

TEST_F(RoutingTest, ABadRuleNamesEveryFieldAndIsNotStored) {
  auto bad = rules_->Create(
      all_, context_,
      Obj(R"({"name":"bad","position":-1,"conditions":{"channel":["fax"],"weather":"rain"},"queue_id":"que_missing","tags":["Not OK!"]})"));
  ASSERT_FALSE(bad.ok());
  std::map<std::string, bool> named;
  for (const auto& error : bad.error().field_errors) named[error.field] = true;
  for (const char* field :
       {"position", "conditions.channel", "conditions.weather", "queue_id", "tags[0]"}) {
    EXPECT_TRUE(named[field]) << field;
  }
  EXPECT_TRUE(rules_->List(all_)->empty());
}

}  // namespace
}  // namespace rapport::support
