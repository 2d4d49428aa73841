#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/statement_log.hpp"
#include "support/ticket_filter.hpp"
#include "support/ticket_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }

class TicketListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    tickets_ = std::make_unique<TicketService>(*db_);
    for (int i = 0; i < 5; ++i) {
      auto created = tickets_->Create(
          All(), context_,
          Obj(R"({"subject":"Order )" + std::to_string(i) + R"( late","tags":[)" +
              (i % 2 == 0 ? R"("even")" : "") + R"(],"priority":")" + (i < 2 ? "high" : "normal") +
              R"(","requester":{"email":"p)" + std::to_string(i % 2) +
              R"(@example.com"},"message":{"body_text":"Where is it?"}})"));
      ASSERT_TRUE(created.ok()) << created.error().message;
      ids_.emplace_back(created->at("id").as_string());
    }
  }
  std::vector<std::string> Ids(const Page& page) {
    std::vector<std::string> out;
    for (const auto& t : page.data) out.emplace_back(t.at("id").as_string());
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test"};
  std::unique_ptr<TicketService> tickets_;
  std::vector<std::string> ids_;
};

TEST_F(TicketListTest, PagesByCursorNewestFirst) {
  std::vector<std::string> seen;
  TicketQuery query{.limit = 2};
  for (int round = 0; round < 5; ++round) {
    auto page = tickets_->List(All(), query);
    ASSERT_TRUE(page.ok()) << page.error().message;
    for (auto& id : Ids(*page)) seen.push_back(id);
    if (!page->next_cursor) break;
    query.cursor = page->next_cursor;
  }
  // Tickets written in one millisecond tie on updated_at; the id breaks the tie, so every ticket
  // comes exactly once.
  std::sort(seen.begin(), seen.end());
  std::vector<std::string> expected = ids_;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(seen, expected);
  auto by_number = tickets_->List(All(), {.sort = "number", .limit = 3});
  EXPECT_EQ(by_number->data[0].at("number"), 1001);
  auto next =
      tickets_->List(All(), {.sort = "number", .limit = 3, .cursor = by_number->next_cursor});
  EXPECT_EQ(next->data[0].at("number"), 1004);
  EXPECT_EQ(
      tickets_->List(All(), {.sort = "-updated_at", .cursor = by_number->next_cursor}).error().code,
      ErrorCode::kMalformed);
}

TEST_F(TicketListTest, FiltersAndQueryNarrowThePage) {
  auto high = tickets_->List(
      All(), {.filter = ParseJson(R"({"and":[{"field":"priority","op":"eq","value":"high"},
                                       {"field":"tags","op":"eq","value":"even"}]})")
                            .value()});
  ASSERT_TRUE(high.ok()) << high.error().message;
  EXPECT_EQ(Ids(*high), std::vector<std::string>{ids_[0]});
  auto by_number = tickets_->List(All(), {.q = "#1003"});
  EXPECT_EQ(Ids(*by_number), std::vector<std::string>{ids_[2]});
  auto by_subject = tickets_->List(All(), {.q = "ORDER 4"});
  EXPECT_EQ(Ids(*by_subject), std::vector<std::string>{ids_[4]});
  auto untagged = tickets_->List(
      All(), {.filter = ParseJson(R"({"field":"tags","op":"exists","value":false})").value()});
  EXPECT_EQ(untagged->data.size(), 2u);
}

TEST_F(TicketListTest, BadFiltersNameTheNode) {
  struct Case {
    const char* filter;
    const char* field;
  };
  const Case kCases[] = {
      {R"({"field":"nope","op":"eq","value":"x"})", "filter.field"},
      {R"({"and":[{"field":"status","op":"like","value":"x"}]})", "filter.and[0].op"},
      {R"({"not":{"field":"number","op":"gt","value":"3"}})", "filter.not.value"},
      {R"({"field":"created_at","op":"gt","value":"yesterday"})", "filter.value"},
      {R"({"or":[]})", "filter.or"},
      {R"({"field":"tags","op":"starts_with","value":"x"})", "filter.op"},
  };
  for (const auto& c : kCases) {
    auto compiled = CompileTicketFilter(ParseJson(c.filter).value());
    ASSERT_FALSE(compiled.ok()) << c.filter;
    EXPECT_EQ(compiled.error().field_errors.at(0).field, c.field) << c.filter;
  }
  EXPECT_EQ(tickets_->List(All(), {.sort = "subject"}).error().field_errors.at(0).field, "sort");
}

TEST_F(TicketListTest, ACallerWithoutTicketsAccessSeesNoTickets) {
  access::LevelTable levels{};
  levels[static_cast<size_t>(access::Object::kCustomers)].fill(access::Level::kAll);
  levels[static_cast<size_t>(access::Object::kInteractions)].fill(access::Level::kAll);
  const access::Access no_timelines("usr_x", {}, levels, {}, false);
  auto page = tickets_->List(no_timelines, {});
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->data.empty());
  auto searched = tickets_->List(
      no_timelines, {.filter = ParseJson(R"({"field":"status","op":"eq","value":"new"})").value()});
  EXPECT_TRUE(searched->data.empty());
}

TEST_F(TicketListTest, APageCostsFourQueriesWhateverItsSizeAndNamesTheCustomers) {
  std::map<std::string, std::string> names;  // customer id -> display name
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows,
                                            tx.Query("SELECT id, display_name FROM customers"));
                   for (const auto& row : rows) names[row.Text(0)] = row.Text(1);
                   return OkStatus();
                 })
                  .ok());
  auto statements_for_page = [&](int limit) {
    storage::StatementLog log;
    auto page = tickets_->List(All(), {.limit = limit});
    EXPECT_TRUE(page.ok());
    const size_t count = log.count();
    EXPECT_EQ(page->data.size(), static_cast<size_t>(limit));
    for (const auto& ticket : page->data) {
      EXPECT_EQ(ticket.at("customer_name"),
                json::value(names.at(std::string(ticket.at("customer_id").as_string()))));
      const bool even = ticket.at("subject") == "Order 0 late" ||
                        ticket.at("subject") == "Order 2 late" ||
                        ticket.at("subject") == "Order 4 late";
      EXPECT_EQ(ticket.at("tags"), even ? json::array{"even"} : json::array{}) << ticket;
    }
    return count;
  };
  EXPECT_EQ(statements_for_page(1), 4u);
  EXPECT_EQ(statements_for_page(5), 4u);
}

TEST_F(TicketListTest, CountsEachInboxViewUnderTheCallersAccess) {
  // "mine" needs a real staff user as assignee: tickets.test.mjs counts it over HTTP.
  ASSERT_TRUE(tickets_->Update(All(), context_, ids_[1], Obj(R"({"status":"pending"})"), 1).ok());
  ASSERT_TRUE(tickets_->Update(All(), context_, ids_[2], Obj(R"({"status":"solved"})"), 1).ok());
  auto counts = tickets_->Counts(All(), "usr_me");
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(*counts, Obj(R"({"mine":0,"unassigned":4,"pending":1,"unsolved":4,"all":5,
                             "capped_at":1000})"));
  // Each count stops at the cap, whatever the desk holds.
  EXPECT_EQ(*tickets_->Counts(All(), "usr_me", 3),
            Obj(R"({"mine":0,"unassigned":3,"pending":1,"unsolved":3,"all":3,"capped_at":3})"));

  access::LevelTable levels{};
  levels[static_cast<size_t>(access::Object::kCustomers)].fill(access::Level::kAll);
  const access::Access no_timelines("usr_me", {}, levels, {}, false);
  EXPECT_EQ(*tickets_->Counts(no_timelines, "usr_me"),
            Obj(R"({"mine":0,"unassigned":0,"pending":0,"unsolved":0,"all":0,"capped_at":1000})"));
}

}  // namespace
}  // namespace rapport::support
