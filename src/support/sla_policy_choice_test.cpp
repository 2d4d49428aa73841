// Choosing a ticket's SLA policy by its customer (tag, total spent) before its queue's, keeping
// the choice current when the customer changes, and refusing bad conditions by field.
#include "support/sla_policy_choice.hpp"

#include <gtest/gtest.h>

#include <map>

#include "customers/customer_service.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/customer_conditions.hpp"
#include "support/customer_value_testing.hpp"
#include "support/desk_settings.hpp"
#include "support/queue_service.hpp"
#include "support/sla_sweep.hpp"
#include "support/ticket_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
std::string Id(const json::object& record) { return std::string(record.at("id").as_string()); }

// First response in calendar minutes, so due times are exact.
std::string Targets(int minutes) {
  return R"("targets":{"normal":{"first_response":{"minutes":)" + std::to_string(minutes) +
         R"(,"hours":"calendar"}}})";
}

class SlaPolicyChoiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    policies_ = std::make_unique<DeskSettingsService>(*db_, DeskSetting::kPolicy);
    queue_policy_ = Policy(R"({"name":"Queue",)" + Targets(480) + "}");
    auto queue = QueueService(*db_).Create(
        all_, context_,
        Obj(R"({"name":"Help","default_priority":"normal","sla_policy_id":")" + queue_policy_ +
            "\"}"));
    ASSERT_TRUE(queue.ok()) << queue.error().message;
    queue_id_ = Id(*queue);
    UseCustomerTraits(testing::CommerceTraits());
  }
  void TearDown() override { UseCustomerTraits(customers::NoCustomerTraits()); }

  std::string Policy(const std::string& spec) {
    auto policy = policies_->Create(all_, context_, Obj(spec));
    EXPECT_TRUE(policy.ok()) << policy.error().message;
    return policy.ok() ? Id(*policy) : "";
  }

  json::object Open(const std::string& email) {
    auto ticket = TicketService(*db_).Create(
        all_, context_,
        Obj(R"({"subject":"Help","queue_id":")" + queue_id_ + R"(","requester":{"email":")" +
            email + R"("},"message":{"body_text":"x"}})"));
    EXPECT_TRUE(ticket.ok()) << ticket.error().message;
    return ticket.ok() ? *ticket : json::object();
  }

  json::object Reload(const json::object& ticket) {
    return TicketService(*db_).Get(all_, Id(ticket)).value();
  }

  static int64_t Minutes(const json::object& ticket) {
    const auto& first = ticket.at("sla").at("first_response").as_object();
    return (ParseInstant(first.at("due_at").as_string()).value() -
            ParseInstant(first.at("started_at").as_string()).value()) /
           60'000;
  }

  void Tag(const json::object& ticket, const std::string& tags) {
    customers::CustomerService customers(*db_, testing::CommerceTraits());
    auto updated =
        customers.Update(all_, context_, std::string(ticket.at("customer_id").as_string()),
                         Obj(R"({"tags":)" + tags + "}"), std::nullopt);
    ASSERT_TRUE(updated.ok()) << updated.error().message;
  }

  // The server's dispatcher, run to the end of the feed.
  void Dispatch() {
    storage::EventDispatcher dispatcher(*db_);
    dispatcher.Subscribe(watch_);
    ASSERT_TRUE(dispatcher.DrainAll().ok());
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<DeskSettingsService> policies_;
  SlaCustomerWatch watch_;
  std::string queue_policy_;
  std::string queue_id_;
  const access::Access& all_ = access::Access::Unrestricted();
  const storage::WriteContext context_{.actor = "test"};
};

TEST_F(SlaPolicyChoiceTest, AVipCustomersTicketGetsTheVipPolicyOthersTheQueues) {
  const std::string vip =
      Policy(R"({"name":"VIP","applies_to":{"customer_tag":"VIP"},)" + Targets(60) + "}");
  const json::object plain = Open("ann@example.com");
  Tag(Open("bob@example.com"), R"(["vip"])");
  const json::object vip_ticket = Open("bob@example.com");
  EXPECT_EQ(vip_ticket.at("sla").at("policy_id"), json::value(vip));
  EXPECT_EQ(Minutes(vip_ticket), 60);
  EXPECT_EQ(plain.at("sla").at("policy_id"), json::value(queue_policy_));
  EXPECT_EQ(Minutes(plain), 480);
}

TEST_F(SlaPolicyChoiceTest, TheLowestPositionOfTheMatchingPoliciesWins) {
  Policy(R"({"name":"Gold","position":20,"applies_to":{"customer_min_value":"500"},)" +
         Targets(120) + "}");
  const std::string platinum =
      Policy(R"({"name":"Platinum","position":10,"applies_to":{"customer_min_value":"1000.00"},)" +
             Targets(30) + "}");
  const json::object first = Open("cara@example.com");
  EXPECT_EQ(Minutes(first), 480);  // 0.00 spent: the queue's
  ASSERT_TRUE(testing::Spend(*db_, std::string(first.at("customer_id").as_string()), 100'000).ok());
  const json::object rich = Open("cara@example.com");
  EXPECT_EQ(rich.at("sla").at("policy_id"), json::value(platinum));
  EXPECT_EQ(Minutes(rich), 30);
}

TEST_F(SlaPolicyChoiceTest, ACustomerTagChangeMovesTheirOpenTicketsToThePolicyThatNowApplies) {
  Policy(R"({"name":"VIP","applies_to":{"customer_tag":"vip"},)" + Targets(60) + "}");
  const json::object ticket = Open("dan@example.com");
  EXPECT_EQ(Minutes(ticket), 480);
  Tag(ticket, R"(["vip","reseller"])");
  Dispatch();
  EXPECT_EQ(Minutes(Reload(ticket)), 60);
  Tag(ticket, R"(["reseller"])");
  Dispatch();
  EXPECT_EQ(Minutes(Reload(ticket)), 480);
  // An order raising total spent is a customer change too.
  Policy(R"({"name":"Big","position":5,"applies_to":{"customer_min_value":"10"},)" + Targets(15) +
         "}");
  ASSERT_TRUE(testing::Spend(*db_, std::string(ticket.at("customer_id").as_string()), 1'000).ok());
  EXPECT_TRUE(db_->Write([&](storage::Tx& tx) {
                   return storage::AppendEvent(tx, context_, "order.placed", "customer",
                                               std::string(ticket.at("customer_id").as_string()),
                                               {});
                 })
                  .ok());
  Dispatch();
  EXPECT_EQ(Minutes(Reload(ticket)), 15);
}

TEST_F(SlaPolicyChoiceTest, BadConditionsAreRefusedByFieldAndNothingIsStored) {
  auto bad = policies_->Create(
      all_, context_,
      Obj(R"({"name":"Bad","position":-3,"applies_to":{"customer_min_value":1000,)"
          R"("customer_max_value":"12.345","weather":"rain"},)" +
          Targets(60) + "}"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  std::map<std::string, bool> named;
  for (const auto& error : bad.error().field_errors) named[error.field] = true;
  for (const char* field : {"position", "applies_to.customer_min_value",
                            "applies_to.customer_max_value", "applies_to.weather"}) {
    EXPECT_TRUE(named[field]) << field;
  }
  auto empty = policies_->Create(all_, context_,
                                 Obj(R"({"name":"Empty","applies_to":{},)" + Targets(60) + "}"));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field_errors.at(0).field, "applies_to");
  auto default_with_conditions =
      policies_->Create(all_, context_,
                        Obj(R"({"name":"D","default":true,"applies_to":{"customer_tag":"vip"},)" +
                            Targets(60) + "}"));
  ASSERT_FALSE(default_with_conditions.ok());
  EXPECT_EQ(default_with_conditions.error().field_errors.at(0).field, "applies_to");
  EXPECT_EQ(policies_->List(all_)->size(), 1u);  // the queue's only
}

}  // namespace
}  // namespace rapport::support
