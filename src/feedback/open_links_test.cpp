// A survey's open link over a real SQLite database: the start ticket's checks (forged, too
// fresh, too old), the per-address allowance, the anonymous answer it leads to, and results that
// count it only for callers who read every customer.
#include "feedback/open_links.hpp"

#include <gtest/gtest.h>

#include "access/grants.hpp"
#include "common/time.hpp"
#include "feedback/survey_invitations.hpp"
#include "feedback/survey_results.hpp"
#include "feedback/survey_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::feedback {
namespace {

const access::Access& kAll = access::Access::Unrestricted();

class OpenLinksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = surveys_.Create(
        kAll, context_, ParseJsonObject(R"({"name": "At the till", "kind": "csat"})").value());
    ASSERT_TRUE(created.ok());
    survey_ = std::string(created->at("id").as_string());
    auto made = links_.Make(kAll, context_, survey_);
    ASSERT_TRUE(made.ok());
    const std::string link(made->at("link").as_string());
    ASSERT_EQ(link.rfind("https://crm.example/s/o/", 0), 0u);
    token_ = link.substr(link.rfind('/') + 1);
  }
  // A start ticket as the page made it for `address` `age` ms ago.
  std::string Ticket(int64_t age, const std::string& address = "a") {
    auto page = links_.StartPage(token_, address, now_ - age);
    EXPECT_TRUE(page.ok());
    EXPECT_EQ(page->survey_name, "At the till");
    return page->ticket;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_ =
      std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  storage::WriteContext context_{.actor = "test"};
  SurveyService surveys_{*db_};
  SurveyInvitations invitations_{*db_, "https://crm.example"};
  SurveyResults results_{*db_};
  // A stand-in keyed MAC: the server's is PublicTokens::Derive.
  OpenLinks links_{*db_, "https://crm.example", [](std::string_view text) {
                     return "mac" + std::to_string(std::hash<std::string_view>()(text));
                   }};
  std::string survey_;
  std::string token_;
  const int64_t now_ = NowMillis();
};

TEST_F(OpenLinksTest, AStartLeadsToAnAnonymousAnswerThatCountsForReadersOfEveryone) {
  auto path = links_.Start(token_, Ticket(5'000, "203.0.113.7"), "203.0.113.7", now_);
  ASSERT_TRUE(path.ok()) << path.error().message;
  const std::string personal = path->substr(3);
  auto step = invitations_.Submit(context_, personal, "score", json::value(4));
  ASSERT_TRUE(step.ok()) << step.error().message;
  while (!step->completed) {
    step = invitations_.Submit(context_, personal, step->question->id, json::value(nullptr));
    ASSERT_TRUE(step.ok()) << step.error().message;
  }
  auto all = results_.Results(kAll, survey_, {});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->at("answered").as_int64(), 1);
  EXPECT_EQ(all->at("invited").as_int64(), 1);
  auto answers = results_.Answers(kAll, survey_, {});
  EXPECT_TRUE(answers->data.front().at("customer_id").is_null());
  EXPECT_EQ(answers->data.front().at("customer_name").as_string(), "Anonymous");
  access::Access sales("usr_x", {"usr_x"}, access::FindBuiltInRole("sales")->levels, {}, false);
  EXPECT_EQ(results_.Results(sales, survey_, {})->at("answered").as_int64(), 0);
}

TEST_F(OpenLinksTest, TicketsMustBeGenuineAndNeitherTooFreshNorTooOld) {
  EXPECT_EQ(links_.Start(token_, "123.forged", "a", now_).error().field_errors.at(0).field,
            "ticket");
  EXPECT_EQ(links_.Start(token_, "", "a", now_).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(links_.Start(token_, Ticket(500), "a", now_).error().code,
            ErrorCode::kInvalidArgument);  // a script posting at once
  EXPECT_EQ(links_.Start(token_, Ticket(2 * kMaxStartMillis), "a", now_).error().code,
            ErrorCode::kInvalidArgument);
  // A ticket made for another link does not open this one.
  const std::string ticket = Ticket(5'000);
  EXPECT_EQ(links_.Start(std::string(kLinkTokenLength, 'x'), ticket, "a", now_).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(invitations_.List(kAll, survey_)->size(), 0u);  // nothing was started
}

TEST_F(OpenLinksTest, OneAddressStartsAFewTimesADayAndAClosedLinkNone) {
  for (int64_t i = 0; i < kStartsPerAddressPerDay; ++i) {
    ASSERT_TRUE(links_.Start(token_, Ticket(5'000, "198.51.100.1"), "198.51.100.1", now_).ok());
  }
  auto refused = links_.Start(token_, Ticket(5'000, "198.51.100.1"), "198.51.100.1", now_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kRateLimited);
  EXPECT_TRUE(refused.error().retry_after.has_value());
  EXPECT_TRUE(links_.Start(token_, Ticket(5'000, "198.51.100.2"), "198.51.100.2", now_).ok());
  ASSERT_TRUE(links_.Close(kAll, context_, survey_).ok());
  EXPECT_EQ(links_.StartPage(token_, "198.51.100.1", now_).error().code, ErrorCode::kNotFound);
  auto invited = invitations_.List(kAll, survey_);
  EXPECT_EQ(invited->size(), static_cast<size_t>(kStartsPerAddressPerDay + 1));
}

// A ticket opens one answer, and only from the address group it was made for: a script cannot
// fetch one page and post it many times, nor hand one ticket to many addresses.
TEST_F(OpenLinksTest, ATicketIsSingleUseAndBoundToItsAddressGroup) {
  const std::string ticket = Ticket(5'000, "203.0.113.7");
  auto elsewhere = links_.Start(token_, ticket, "203.0.113.8", now_);
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().field_errors.at(0).field, "ticket");
  ASSERT_TRUE(links_.Start(token_, ticket, "203.0.113.7", now_).ok());
  auto again = links_.Start(token_, ticket, "203.0.113.7", now_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(again.error().field_errors.at(0).field, "ticket");

  // IPv6: the /64 is the group, so a phone that changes its interface id keeps its ticket.
  const std::string v6 = Ticket(5'000, "2001:db8:1:2::10");
  EXPECT_FALSE(links_.Start(token_, v6, "2001:db8:1:3::10", now_).ok());
  EXPECT_TRUE(links_.Start(token_, v6, "2001:db8:1:2:ffff::1", now_).ok());
  EXPECT_EQ(invitations_.List(kAll, survey_)->size(), 2u);  // refused starts made nothing
}

// Every address in one IPv6 /64 shares one allowance; the next /64 has its own.
TEST_F(OpenLinksTest, TwoAddressesInOneSlash64ShareTheAllowance) {
  for (int64_t i = 0; i < kStartsPerAddressPerDay; ++i) {
    const std::string address = "2001:db8:5:6::" + std::to_string(i + 1);
    ASSERT_TRUE(links_.Start(token_, Ticket(5'000, address), address, now_).ok());
  }
  const std::string neighbour = "2001:db8:5:6:abcd::99";
  auto refused = links_.Start(token_, Ticket(5'000, neighbour), neighbour, now_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kRateLimited);
  EXPECT_TRUE(links_.Start(token_, Ticket(5'000, "2001:db8:5:7::1"), "2001:db8:5:7::1", now_).ok());
}

TEST(AddressGroupTest, IPv4IsItselfAndIPv6ItsSlash64) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"203.0.113.7", "203.0.113.7"},
      {"2001:db8:1:2::10", "2001:db8:1:2::/64"},
      {"2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"},
      {"[2001:db8:1:2::10]", "2001:db8:1:2::/64"},
      {"fe80::1%eth0", "fe80:0:0:0::/64"},
      {"::ffff:198.51.100.4", "198.51.100.4"},
      {"::1", "0:0:0:0::/64"},
      {"not an address", "not an address"},
  };
  for (const auto& [address, group] : cases) EXPECT_EQ(AddressGroup(address), group) << address;
}

}  // namespace
}  // namespace rapport::feedback
