// "You said, we did" over a real SQLite database: keyword rules tag answers as they complete and,
// for a new theme, the last year's; staff tag by hand; the report counts per week over the
// customers the caller may read, beside what was done.
#include "feedback/feedback_themes.hpp"

#include <gtest/gtest.h>

#include "access/grants.hpp"
#include "feedback/survey_invitations.hpp"
#include "feedback/survey_results.hpp"
#include "feedback/survey_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::feedback {
namespace {

const access::Access& kAll = access::Access::Unrestricted();

TEST(FeedbackKeywords, AKeywordMatchesWhereAWordStartsWhateverTheCase) {
  const std::vector<std::string> delivery{"deliver", "parcel"};
  EXPECT_TRUE(MatchesKeywords("delivery was late", delivery));
  EXPECT_TRUE(MatchesKeywords("the parcel, finally!", delivery));
  EXPECT_TRUE(MatchesKeywords("late (delivery)", delivery));
  EXPECT_FALSE(MatchesKeywords("undelivered", delivery));
  EXPECT_FALSE(MatchesKeywords("", delivery));
  EXPECT_FALSE(MatchesKeywords("great coffee", {}));
  EXPECT_TRUE(MatchesKeywords("die lieferung kam zu spät", {"lieferung"}));
}

class FeedbackThemesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                     for (const char* sql :
                          {"INSERT INTO customers (id, display_name, owner_id, created_at, "
                           "updated_at) VALUES ('cus_1', 'Ada', 'usr_x', "
                           "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
                           "INSERT INTO customers (id, display_name, owner_id, created_at, "
                           "updated_at) VALUES ('cus_2', 'Bob', 'usr_y', "
                           "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')"}) {
                       RAPPORT_RETURN_IF_ERROR(tx.Exec(sql));
                     }
                     return OkStatus();
                   })
                    .ok());
    auto created = surveys_.Create(kAll, context_,
                                   ParseJsonObject(R"({"name": "NPS", "kind": "nps"})").value());
    ASSERT_TRUE(created.ok());
    survey_ = std::string(created->at("id").as_string());
  }
  // One completed NPS answer of `customer` with `comment`; its id.
  std::string Answer(const std::string& customer, int score, const std::string& comment) {
    auto invited =
        invitations_.Invite(kAll, context_, survey_,
                            ParseJsonObject(R"({"customer_id": ")" + customer + R"("})").value());
    EXPECT_TRUE(invited.ok());
    const std::string link(invited->at("link").as_string());
    const std::string token = link.substr(link.rfind('/') + 1);
    EXPECT_TRUE(invitations_.Submit(context_, token, "score", json::value(score)).ok());
    auto done = invitations_.Submit(context_, token, "why", json::value(comment));
    EXPECT_TRUE(done.ok() && done->completed);
    auto page = results_.Answers(kAll, survey_, {});
    return std::string(page->data.front().at("id").as_string());
  }
  json::object Theme(const json::object& report, const std::string& name) {
    for (const auto& theme : report.at("themes").as_array()) {
      if (theme.at("name").as_string() == name) return theme.as_object();
    }
    ADD_FAILURE() << "no theme " << name;
    return {};
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_ =
      std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  storage::WriteContext context_{.actor = "test"};
  SurveyService surveys_{*db_};
  SurveyInvitations invitations_{*db_, "https://crm.example",
                                 ContactBudgetPolicy{.max_asks = 100, .per_days = 1}};
  SurveyResults results_{*db_};
  FeedbackThemes themes_{*db_};
  std::string survey_;
};

TEST_F(FeedbackThemesTest, KeywordsTagPastAndNewAnswersAndStaffTagByHand) {
  const std::string late = Answer("cus_1", 3, "The delivery was a week late.");
  Answer("cus_2", 9, "Lovely coffee.");
  // A new theme tags the answers already given.
  auto delivery = themes_.Create(
      kAll, context_,
      ParseJsonObject(R"({"name": "Delivery", "keywords": ["Deliver", "parcel", "deliver"]})")
          .value());
  ASSERT_TRUE(delivery.ok()) << delivery.error().message;
  EXPECT_EQ(delivery->at("tagged").as_int64(), 1);
  EXPECT_EQ(delivery->at("keywords").as_array().size(), 2u);  // folded, once each
  const std::string delivery_id(delivery->at("id").as_string());
  // And every answer from now on, in the answer's own transaction.
  Answer("cus_2", 2, "Parcel arrived broken");
  auto price = themes_.Create(
      kAll, context_, ParseJsonObject(R"({"name": "Price", "keywords": ["price"]})").value());
  ASSERT_TRUE(price.ok());
  const std::string price_id(price->at("id").as_string());
  EXPECT_EQ(price->at("tagged").as_int64(), 0);
  // Staff tag an answer no keyword caught.
  ASSERT_TRUE(themes_.Tag(kAll, late, price_id, true).ok());
  auto page = results_.Answers(kAll, survey_, {.theme = price_id});
  ASSERT_EQ(page->data.size(), 1u);
  EXPECT_EQ(page->data.front().at("id").as_string(), late);
  const auto& tags = page->data.front().at("themes").as_array();
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(tags[0].at("name").as_string(), "Delivery");
  EXPECT_EQ(tags[0].at("source").as_string(), "rule");
  EXPECT_EQ(tags[1].at("source").as_string(), "staff");

  // We did something about it: recorded with its time.
  auto did = themes_.Update(
      kAll, context_, delivery_id,
      ParseJsonObject(R"({"we_did": "Switched to a next-day courier."})").value(), 1);
  ASSERT_TRUE(did.ok()) << did.error().message;
  EXPECT_FALSE(did->at("we_did_at").is_null());
  EXPECT_FALSE(did->contains("tagged"));  // keywords unchanged: nothing re-tagged
  EXPECT_EQ(themes_.Update(kAll, context_, delivery_id, {}, 1).error().code,
            ErrorCode::kPreconditionFailed);

  auto report = themes_.Report(kAll, std::nullopt, std::nullopt);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->at("themes").as_array().front().at("name").as_string(), "Delivery");
  EXPECT_EQ(Theme(*report, "Delivery").at("count").as_int64(), 2);
  EXPECT_EQ(Theme(*report, "Delivery").at("weeks").as_array().size(), 1u);
  EXPECT_EQ(Theme(*report, "Price").at("count").as_int64(), 1);

  // Record access: a sales user of usr_x's team counts only Ada's answers.
  access::Access sales("usr_x", {"usr_x"}, access::FindBuiltInRole("sales")->levels, {}, false);
  auto theirs = themes_.Report(sales, std::nullopt, std::nullopt);
  ASSERT_TRUE(theirs.ok()) << theirs.error().message;
  EXPECT_EQ(Theme(*theirs, "Delivery").at("count").as_int64(), 1);
  // … and may not change themes.
  EXPECT_EQ(themes_.Tag(sales, late, delivery_id, false).error().code,
            ErrorCode::kPermissionDenied);

  // Untagged, deleted: gone from the answers.
  ASSERT_TRUE(themes_.Tag(kAll, late, price_id, false).ok());
  ASSERT_TRUE(themes_.Delete(kAll, context_, delivery_id).ok());
  page = results_.Answers(kAll, survey_, {});
  for (const auto& answer : page->data) EXPECT_TRUE(answer.at("themes").as_array().empty());
}

TEST_F(FeedbackThemesTest, BadThemesAreRefusedNamingTheField) {
  auto no_name = themes_.Create(kAll, context_, ParseJsonObject(R"({"keywords": []})").value());
  EXPECT_EQ(no_name.error().field_errors.at(0).field, "name");
  auto empty_word = themes_.Create(
      kAll, context_, ParseJsonObject(R"({"name": "X", "keywords": ["ok", ""]})").value());
  EXPECT_EQ(empty_word.error().field_errors.at(0).field, "keywords[1]");
  ASSERT_TRUE(themes_.Create(kAll, context_, ParseJsonObject(R"({"name": "Price"})").value()).ok());
  auto taken = themes_.Create(kAll, context_, ParseJsonObject(R"({"name": "price"})").value());
  EXPECT_EQ(taken.error().field_errors.at(0).field, "name");
  EXPECT_EQ(themes_.Tag(kAll, "ans_nope", "thm_nope", true).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace rapport::feedback
