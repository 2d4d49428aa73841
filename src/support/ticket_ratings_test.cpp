#include "support/ticket_ratings.hpp"

#include <gtest/gtest.h>

#include "storage/outbox.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/customer_tickets.hpp"
#include "support/ticket_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support {
namespace {

class TicketRatingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = TicketService(*db_).Create(
        access::Access::Unrestricted(), context_,
        ParseJsonObject(R"({"subject":"Broken zip","requester":{"email":"ada@example.com"},
                            "message":{"body_text":"It broke."}})")
            .value());
    ASSERT_TRUE(created.ok());
    ticket_ = std::string(created->at("id").as_string());
    customer_ = std::string(created->at("customer_id").as_string());
  }
  std::vector<std::string> EventTypes() {
    std::vector<std::string> types;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(auto events, storage::ReadEvents(tx, 0, 1000));
                     for (const auto& event : events) types.push_back(event.type);
                     return OkStatus();
                   })
                    .ok());
    return types;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_ =
      std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  storage::WriteContext context_{.actor = "test"};
  TicketRatings ratings_{*db_};
  std::string ticket_;
  std::string customer_;
};

TEST_F(TicketRatingsTest, TheFirstAnswerCountsAndASecondIsRefused) {
  EXPECT_FALSE(ratings_.Page(ticket_)->score.has_value());
  ASSERT_TRUE(ratings_.Rate(context_, ticket_, "good", "Quick and kind.").ok());
  auto again = ratings_.Rate(context_, ticket_, "bad", std::nullopt);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(ratings_.Page(ticket_)->score, "good");
  const auto types = EventTypes();
  EXPECT_EQ(std::count(types.begin(), types.end(), "ticket.rated"), 1);
  // The customer's trait follows, for filters and sorts.
  customers::CustomerTraits traits;
  ASSERT_TRUE(RegisterCustomerTraits(traits).ok());
  json::object read;
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(
                       auto values,
                       traits.ReadForCustomers(tx, access::Access::Unrestricted(), {customer_}));
                   read = values[customer_];
                   return OkStatus();
                 })
                  .ok());
  EXPECT_EQ(read.at("last_rating"), "good");
}

TEST_F(TicketRatingsTest, StaffSeeTheRatingOnTheTicket) {
  TicketService tickets(*db_);
  const auto unrestricted = access::Access::Unrestricted();
  EXPECT_TRUE(tickets.Get(unrestricted, ticket_)->at("rating").is_null());
  ASSERT_TRUE(ratings_.Rate(context_, ticket_, "bad", "Too slow.").ok());
  const json::object read = tickets.Get(unrestricted, ticket_).value();
  EXPECT_EQ(read.at("rating").at("score"), "bad");
  EXPECT_EQ(read.at("rating").at("comment"), "Too slow.");
  EXPECT_FALSE(read.at("rating").at("rated_at").as_string().empty());
  // A change to the ticket answers with it too, so the page keeps showing it.
  const auto patched =
      tickets.Update(unrestricted, context_, ticket_,
                     ParseJsonObject(R"({"priority":"high"})").value(), std::nullopt);
  ASSERT_TRUE(patched.ok());
  EXPECT_EQ(patched->at("rating").at("score"), "bad");
}

TEST_F(TicketRatingsTest, BadInputNamesTheFieldAndWritesNothing) {
  const size_t events = EventTypes().size();
  EXPECT_EQ(ratings_.Rate(context_, ticket_, "5", std::nullopt).error().field_errors[0].field,
            "score");
  const std::string long_comment(kMaxRatingCommentLength + 1, 'x');
  EXPECT_EQ(ratings_.Rate(context_, ticket_, "bad", long_comment).error().field_errors[0].field,
            "comment");
  EXPECT_EQ(ratings_.Rate(context_, "tkt_missing", "bad", std::nullopt).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(EventTypes().size(), events);
  EXPECT_FALSE(ratings_.Page(ticket_)->score.has_value());
}

}  // namespace
}  // namespace rapport::support
