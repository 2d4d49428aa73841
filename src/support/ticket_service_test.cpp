#include "support/ticket_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "customers/custom_fields.hpp"
#include "customers/customer_service.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/outbox.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/customer_priority.hpp"
#include "support/queue_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }

class TicketServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    tickets_ = std::make_unique<TicketService>(*db_);
  }
  json::object Create(std::string_view body) {
    auto created = tickets_->Create(All(), context_, Obj(body));
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? created.value() : json::object();
  }
  // A ticket from ada@example.com (a new customer the first time).
  json::object CreateFromAda(std::string_view subject = "Broken zip") {
    return Create(
        R"({"subject":")" + std::string(subject) +
        R"(","channel":"email","requester":{"email":"Ada@Example.com","name":"Ada Lovelace"},
                    "message":{"body_text":"The zip broke.","message_id":"<a)" +
        std::string(subject.substr(0, 3)) + R"(@mail>"}})");
  }
  json::object Reply(const json::object& ticket, std::string_view body,
                     std::optional<int64_t> version = std::nullopt) {
    auto replied = tickets_->AddMessage(All(), context_, Id(ticket), Obj(body), version);
    EXPECT_TRUE(replied.ok()) << (replied.ok() ? "" : replied.error().message);
    return replied.ok() ? replied.value() : json::object();
  }
  json::object Get(const json::object& ticket) { return tickets_->Get(All(), Id(ticket)).value(); }
  static std::string Id(const json::object& record) {
    return std::string(record.at("id").as_string());
  }
  std::vector<std::string> EventTypes() {
    std::vector<std::string> types;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(auto events, storage::ReadEvents(tx, 0, 10000));
                     for (const auto& event : events) types.push_back(event.type);
                     return OkStatus();
                   })
                    .ok());
    return types;
  }
  json::array Timeline(const std::string& customer_id) {
    interactions::InteractionService timeline(*db_);
    return timeline.Timeline(All(), customer_id, {.limit = 100})->data;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test"};
  std::unique_ptr<TicketService> tickets_;
};

TEST_F(TicketServiceTest, CreateMatchesOrCreatesTheCustomerAndNumbersTickets) {
  json::object first = CreateFromAda("First");
  json::object second = CreateFromAda("Second");
  EXPECT_EQ(first.at("number"), 1001);
  EXPECT_EQ(second.at("number"), 1002);
  EXPECT_EQ(first.at("status"), "new");
  EXPECT_EQ(first.at("priority"), "normal");
  // The second request from the same mailbox (any spelling) finds the same customer.
  EXPECT_EQ(first.at("customer_id"), second.at("customer_id"));
  customers::CustomerService customers(*db_);
  auto customer = customers.Get(All(), std::string(first.at("customer_id").as_string()));
  ASSERT_TRUE(customer.ok());
  EXPECT_EQ(customer->at("first_name"), "Ada");
  EXPECT_EQ(customer->at("last_name"), "Lovelace");
  const auto types = EventTypes();
  EXPECT_EQ(std::count(types.begin(), types.end(), "customer.created"), 1);
  EXPECT_EQ(std::count(types.begin(), types.end(), "ticket.opened"), 2);
  json::array timeline = Timeline(std::string(first.at("customer_id").as_string()));
  ASSERT_EQ(timeline.size(), 2u);
  EXPECT_EQ(timeline[0].at("kind"), "ticket_opened");
  EXPECT_EQ(timeline[0].at("body"), nullptr);
}

TEST_F(TicketServiceTest, BadInputNamesTheFieldAndWritesNothing) {
  auto bad = tickets_->Create(
      All(), context_,
      Obj(R"({"subject":"","priority":"asap","tags":["ok","not ok"],"requester":{"email":"x"},
             "queue_id":"que_missing","message":{"kind":"note","author_type":"customer"}})"));
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& e : bad.error().field_errors) fields.push_back(e.field);
  for (const char* field :
       {"subject", "priority", "tags[1]", "message.body_text", "message.author_type"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end()) << field;
  }
  auto unknown_queue = tickets_->Create(
      All(), context_,
      Obj(R"({"subject":"Hi","queue_id":"que_missing","requester":{"email":"b@example.com"},
             "message":{"body_text":"hello"}})"));
  ASSERT_FALSE(unknown_queue.ok());
  EXPECT_EQ(unknown_queue.error().field_errors.at(0).field, "queue_id");
  EXPECT_TRUE(EventTypes().empty());  // not even the customer was created
}

TEST_F(TicketServiceTest, QueueGivesItsDefaultPriority) {
  QueueService queues(*db_);
  auto queue =
      queues.Create(All(), context_, Obj(R"({"name":"Billing","default_priority":"high"})"));
  ASSERT_TRUE(queue.ok()) << queue.error().message;
  json::object ticket = Create(R"({"subject":"Invoice","queue_id":")" + Id(*queue) +
                               R"(","requester":{"phone":"+49 151 23456789"},
                                 "message":{"body_text":"Wrong amount"}})");
  EXPECT_EQ(ticket.at("priority"), "high");
  EXPECT_EQ(ticket.at("requester"), "+49 151 23456789");
  EXPECT_EQ(queues.Delete(All(), context_, Id(*queue), std::nullopt).error().code,
            ErrorCode::kConflict);
}

TEST_F(TicketServiceTest, ACustomersPriorityRaisesNewTicketsButNotAChosenOne) {
  const std::string ada(CreateFromAda("First").at("customer_id").as_string());
  // The lookup the composition root registers (loyalty's tier priority), as a test double.
  UseCustomerPriority([&](storage::Tx&, const std::string& customer_id) {
    return Result<std::optional<std::string>>(
        customer_id == ada ? std::optional<std::string>("high") : std::nullopt);
  });
  EXPECT_EQ(CreateFromAda("Second").at("priority"), "high");
  // The caller's own choice stands, lower or not.
  const json::object chosen = Create(R"({"subject":"Low","customer_id":")" + ada +
                                     R"(","priority":"low","message":{"body_text":"x"}})");
  EXPECT_EQ(chosen.at("priority"), "low");
  // Never lowered: an urgent queue default stays urgent.
  QueueService queues(*db_);
  auto queue =
      queues.Create(All(), context_, Obj(R"({"name":"Fire","default_priority":"urgent"})"));
  ASSERT_TRUE(queue.ok()) << queue.error().message;
  const json::object urgent =
      Create(R"({"subject":"Fire","customer_id":")" + ada + R"(","queue_id":")" + Id(*queue) +
             R"(","message":{"body_text":"x"}})");
  EXPECT_EQ(urgent.at("priority"), "urgent");
  // Another customer is untouched.
  const json::object other = Create(
      R"({"subject":"Hi","requester":{"email":"bo@example.com"},"message":{"body_text":"x"}})");
  EXPECT_EQ(other.at("priority"), "normal");
  UseCustomerPriority({});
  EXPECT_EQ(CreateFromAda("Third").at("priority"), "normal");
}

TEST_F(TicketServiceTest, StaleVersionIsRefusedForPatchAndReply) {
  json::object ticket = CreateFromAda();
  auto patched = tickets_->Update(All(), context_, Id(ticket),
                                  Obj(R"({"priority":"urgent","tags":["VIP","vip"]})"), 1);
  ASSERT_TRUE(patched.ok()) << patched.error().message;
  EXPECT_EQ(patched->at("version"), 2);
  EXPECT_EQ(patched->at("tags"), json::array{"vip"});
  auto stale_patch = tickets_->Update(All(), context_, Id(ticket), Obj(R"({"priority":"low"})"), 1);
  EXPECT_EQ(stale_patch.error().code, ErrorCode::kPreconditionFailed);
  auto stale_reply =
      tickets_->AddMessage(All(), context_, Id(ticket), Obj(R"({"body_text":"On it"})"), 1);
  EXPECT_EQ(stale_reply.error().code, ErrorCode::kPreconditionFailed);
  EXPECT_EQ(tickets_->Messages(All(), Id(ticket))->size(), 1u);
  EXPECT_EQ(Get(ticket).at("priority"), "urgent");
}

// The timeline's ticket entries carry the customer's mood from the customer's own words (the
// subject and first message, then each reply); the desk's words and status lines carry none.
TEST_F(TicketServiceTest, TheCustomersWordsGiveTheTimelineItsSentiment) {
  json::object ticket = Create(
      R"({"subject":"Terrible service","channel":"email","requester":{"email":"kit@example.com"},
          "message":{"author_type":"customer","body_text":"The kettle arrived broken. Unacceptable!"}})");
  Reply(ticket, R"({"body_text":"Sorry for the terrible delay, a new one is on its way."})");
  Reply(ticket, R"({"author_type":"customer","body_text":"Thank you, excellent help!"})");
  Reply(ticket, R"({"author_type":"customer","body_text":"When does it arrive?"})");
  Reply(ticket, R"({"body_text":"Tomorrow.","status":"solved"})");
  std::vector<std::string> seen;
  for (const auto& entry : Timeline(std::string(ticket.at("customer_id").as_string()))) {
    const json::object& e = entry.as_object();
    seen.push_back(std::string(e.at("kind").as_string()) + " " +
                   std::string(e.at("direction").as_string()) + " " +
                   std::string(e.at("sentiment").as_string()));
  }
  // A reply and the status it sets share an instant, so the order within one is not defined.
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "ticket_opened inbound negative", "ticket_replied inbound positive",
                      "ticket_replied inbound unknown", "ticket_replied outbound unknown",
                      "ticket_replied outbound unknown", "ticket_solved internal unknown"}));
}

TEST_F(TicketServiceTest, StaffReplyOpensAndCustomerReplyReopensSolved) {
  json::object ticket = CreateFromAda();
  json::object replied = Reply(ticket, R"({"body_text":"Sending a new one."})", 1);
  EXPECT_EQ(replied.at("ticket").at("status"), "open");
  EXPECT_EQ(replied.at("message").at("delivery"), "queued");
  EXPECT_NE(replied.at("ticket").at("first_response_at"), nullptr);
  Reply(ticket, R"({"body_text":"Shipped.","status":"solved"})");
  EXPECT_EQ(Get(ticket).at("status"), "solved");
  EXPECT_NE(Get(ticket).at("solved_at"), nullptr);
  json::object answer = Reply(ticket, R"({"author_type":"customer","body_text":"Still broken"})");
  EXPECT_EQ(answer.at("ticket").at("id"), ticket.at("id"));
  EXPECT_EQ(answer.at("ticket").at("status"), "open");
  EXPECT_EQ(answer.at("ticket").at("solved_at"), nullptr);
  const auto types = EventTypes();
  EXPECT_NE(std::find(types.begin(), types.end(), "ticket.solved"), types.end());
  EXPECT_NE(std::find(types.begin(), types.end(), "ticket.reopened"), types.end());
}

TEST_F(TicketServiceTest, ClosedIsFinalAndACustomerReplyOpensALinkedTicket) {
  json::object ticket = CreateFromAda();
  Reply(ticket, R"({"body_text":"Done.","status":"solved"})");
  ASSERT_TRUE(
      tickets_->Update(All(), context_, Id(ticket), Obj(R"({"status":"closed"})"), std::nullopt)
          .ok());
  EXPECT_EQ(
      tickets_->Update(All(), context_, Id(ticket), Obj(R"({"priority":"low"})"), std::nullopt)
          .error()
          .code,
      ErrorCode::kConflict);
  EXPECT_EQ(
      tickets_
          ->AddMessage(All(), context_, Id(ticket), Obj(R"({"body_text":"more"})"), std::nullopt)
          .error()
          .code,
      ErrorCode::kConflict);
  json::object answer = Reply(ticket, R"({"author_type":"customer","body_text":"It broke again"})");
  const json::object& linked = answer.at("ticket").as_object();
  EXPECT_NE(linked.at("id"), ticket.at("id"));
  EXPECT_EQ(linked.at("linked_ticket_id"), ticket.at("id"));
  EXPECT_EQ(linked.at("status"), "new");
  EXPECT_EQ(linked.at("customer_id"), ticket.at("customer_id"));
  EXPECT_EQ(Get(ticket).at("status"), "closed");
  EXPECT_EQ(tickets_->Messages(All(), Id(linked))->size(), 1u);
}

TEST_F(TicketServiceTest, DuplicateMessageIdIsRefused) {
  json::object ticket = CreateFromAda("Dup");
  auto again = tickets_->AddMessage(
      All(), context_, Id(ticket),
      Obj(R"({"author_type":"customer","body_text":"x","message_id":"<aDup@mail>"})"),
      std::nullopt);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(tickets_->Messages(All(), Id(ticket))->size(), 1u);
  // Opening a second ticket with the same first message: the field, not the unique index.
  const size_t events = EventTypes().size();
  auto reopened =
      tickets_->Create(All(), context_,
                       Obj(R"({"subject":"Dup again","requester":{"email":"ada@example.com"},)"
                           R"("message":{"body_text":"x","message_id":"<aDup@mail>"}})"));
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.error().code, ErrorCode::kConflict);
  EXPECT_EQ(reopened.error().field_errors.at(0).field, "message.message_id");
  EXPECT_EQ(EventTypes().size(), events);
}

TEST_F(TicketServiceTest, NotesStayOffTheTimelineAndEvents) {
  json::object ticket = CreateFromAda();
  Reply(ticket, R"({"kind":"note","body_text":"Customer is a reseller; secret discount"})");
  json::array timeline = Timeline(std::string(ticket.at("customer_id").as_string()));
  ASSERT_EQ(timeline.size(), 2u);
  EXPECT_EQ(timeline[0].at("kind"), "ticket_noted");
  EXPECT_EQ(timeline[0].at("direction"), "internal");
  const std::string serialized = ToJsonString(timeline);
  EXPECT_EQ(serialized.find("secret"), std::string::npos);
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(auto events, storage::ReadEvents(tx, 0, 1000));
                   for (const auto& event : events) {
                     EXPECT_EQ(ToJsonString(event.payload).find("secret"), std::string::npos)
                         << event.type;
                   }
                   return OkStatus();
                 })
                  .ok());
  // A note does not open the ticket or count as a response.
  EXPECT_EQ(Get(ticket).at("status"), "new");
  EXPECT_EQ(Get(ticket).at("first_response_at"), nullptr);
}

TEST_F(TicketServiceTest, MergeCombinesTheSameCustomersTicketsOnly) {
  json::object a = CreateFromAda("Alpha");
  json::object b = CreateFromAda("Bravo");
  ASSERT_TRUE(
      tickets_->Update(All(), context_, Id(a), Obj(R"({"tags":["late"]})"), std::nullopt).ok());
  json::object other = Create(
      R"({"subject":"Other","requester":{"email":"grace@example.com"},"message":{"body_text":"Hi"}})");
  auto across = tickets_->Merge(All(), context_, Id(a), Id(other), std::nullopt);
  ASSERT_FALSE(across.ok());
  EXPECT_EQ(across.error().code, ErrorCode::kConflict);
  EXPECT_EQ(across.error().field_errors.at(0).field, "into");
  EXPECT_EQ(tickets_->Merge(All(), context_, Id(a), Id(a), std::nullopt).error().code,
            ErrorCode::kInvalidArgument);

  auto merged = tickets_->Merge(All(), context_, Id(a), Id(b), std::nullopt);
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  EXPECT_EQ(merged->at("tags"), json::array{"late"});
  json::object source = Get(a);
  EXPECT_EQ(source.at("status"), "closed");
  EXPECT_EQ(source.at("merged_into"), b.at("id"));
  auto conversation = tickets_->Messages(All(), Id(b));
  ASSERT_EQ(conversation->size(), 3u);  // both messages and the system note
  EXPECT_EQ(conversation->back().at("author_type"), "system");
  EXPECT_EQ(tickets_->Messages(All(), Id(a))->size(), 0u);
  // A merged (closed) ticket cannot be merged again.
  EXPECT_EQ(tickets_->Merge(All(), context_, Id(a), Id(b), std::nullopt).error().code,
            ErrorCode::kConflict);
}

TEST_F(TicketServiceTest, SplitMovesAMessageToALinkedTicket) {
  json::object ticket = CreateFromAda();
  const std::string only = Id(tickets_->Messages(All(), Id(ticket))->at(0).as_object());
  EXPECT_EQ(tickets_->Split(All(), context_, Id(ticket), only, {}).error().code,
            ErrorCode::kConflict);
  json::object second =
      Reply(ticket, R"({"author_type":"customer","body_text":"Also, my invoice is wrong"})");
  const std::string moved = Id(second.at("message").as_object());
  auto split = tickets_->Split(All(), context_, Id(ticket), moved, Obj(R"({"subject":"Invoice"})"));
  ASSERT_TRUE(split.ok()) << split.error().message;
  EXPECT_EQ(split->at("subject"), "Invoice");
  EXPECT_EQ(split->at("status"), "open");
  EXPECT_EQ(split->at("linked_ticket_id"), ticket.at("id"));
  EXPECT_EQ(tickets_->Messages(All(), Id(*split))->size(), 1u);
  EXPECT_EQ(tickets_->Messages(All(), Id(ticket))->size(), 1u);
  EXPECT_EQ(tickets_->Split(All(), context_, Id(ticket), "tmg_missing", {}).error().code,
            ErrorCode::kNotFound);
}

TEST_F(TicketServiceTest, AutoCloseClosesOnlyTicketsSolvedBeforeTheCutoff) {
  json::object solved = CreateFromAda("Old");
  json::object open = CreateFromAda("New");
  Reply(solved, R"({"body_text":"Done.","status":"solved"})");
  Reply(open, R"({"body_text":"Looking."})");
  auto none = tickets_->AutoClose(context_, "2000-01-01T00:00:00.000Z");
  EXPECT_EQ(*none, 0);
  auto closed = tickets_->AutoClose(context_, "2999-01-01T00:00:00.000Z");
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_EQ(*closed, 1);
  EXPECT_EQ(Get(solved).at("status"), "closed");
  EXPECT_NE(Get(solved).at("closed_at"), nullptr);
  EXPECT_EQ(Get(open).at("status"), "open");
  const auto types = EventTypes();
  EXPECT_NE(std::find(types.begin(), types.end(), "ticket.closed"), types.end());
}

TEST_F(TicketServiceTest, DeliveryOutcomeIsRecordedOnTheMessage) {
  json::object ticket = CreateFromAda();
  json::object replied = Reply(ticket, R"({"body_text":"On its way."})");
  const std::string message = Id(replied.at("message").as_object());
  ASSERT_TRUE(tickets_->RecordDelivery(context_, message, "failed", "550 mailbox unknown").ok());
  auto conversation = tickets_->Messages(All(), Id(ticket));
  EXPECT_EQ(conversation->back().at("delivery"), "failed");
  EXPECT_EQ(conversation->back().at("delivery_error"), "550 mailbox unknown");
  EXPECT_EQ(tickets_->RecordDelivery(context_, message, "lost", std::nullopt).error().code,
            ErrorCode::kInvalidArgument);
}

TEST_F(TicketServiceTest, CustomFieldsUseTheTicketDefinitions) {
  ASSERT_TRUE(
      customers::DefineCustomField(
          *db_, context_,
          Obj(R"({"object_type":"ticket","key":"order_ref","label":"Order","type":"text"})"))
          .ok());
  json::object ticket = CreateFromAda();
  auto set = tickets_->Update(All(), context_, Id(ticket),
                              Obj(R"({"custom_fields":{"order_ref":"#77"}})"), std::nullopt);
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_EQ(set->at("custom_fields").at("order_ref"), "#77");
  auto unknown = tickets_->Update(All(), context_, Id(ticket),
                                  Obj(R"({"custom_fields":{"nope":1}})"), std::nullopt);
  EXPECT_EQ(unknown.error().field_errors.at(0).field, "custom_fields.nope");
}

TEST_F(TicketServiceTest, ACallerWhoCannotReadTheTimelineGetsNothing) {
  json::object ticket = CreateFromAda();
  access::LevelTable levels{};
  levels[static_cast<size_t>(access::Object::kCustomers)].fill(access::Level::kAll);
  const access::Access no_timelines("usr_x", {}, levels, {}, false);
  EXPECT_EQ(tickets_->Get(no_timelines, Id(ticket)).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tickets_->Messages(no_timelines, Id(ticket)).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tickets_
                ->AddMessage(no_timelines, context_, Id(ticket), Obj(R"({"body_text":"x"})"),
                             std::nullopt)
                .error()
                .code,
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace rapport::support
