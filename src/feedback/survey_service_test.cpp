// The survey services over a real SQLite database: definitions and versions, invitations with
// their budget and consent, answering page by page, the event, and the results.
#include "feedback/survey_service.hpp"

#include <gtest/gtest.h>

#include "feedback/survey_invitations.hpp"
#include "feedback/survey_results.hpp"
#include "storage/outbox.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::feedback {
namespace {

const access::Access& kAll = access::Access::Unrestricted();

class SurveyServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                     for (const char* sql :
                          {"INSERT INTO customers (id, display_name, language, relationship_type, "
                           "created_at, updated_at) VALUES ('cus_1', 'Ada', 'de-AT', 'customer', "
                           "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
                           "INSERT INTO customers (id, display_name, created_at, updated_at) "
                           "VALUES ('cus_2', 'Bob', '2026-01-01T00:00:00.000Z', "
                           "'2026-01-01T00:00:00.000Z')"}) {
                       RAPPORT_RETURN_IF_ERROR(tx.Exec(sql));
                     }
                     return OkStatus();
                   })
                    .ok());
  }
  json::object Object(std::string_view text) { return ParseJsonObject(text).value(); }
  std::string CreateNps() {
    auto created = surveys_.Create(kAll, context_, Object(R"({"name": "NPS", "kind": "nps"})"));
    EXPECT_TRUE(created.ok());
    return std::string(created->at("id").as_string());
  }
  std::string Token(const json::object& invitation) {
    const std::string link(invitation.at("link").as_string());
    return link.substr(link.rfind('/') + 1);
  }
  std::vector<storage::Event> Events(std::string_view type) {
    std::vector<storage::Event> found;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(auto events, storage::ReadEvents(tx, 0, 1000));
                     for (auto& event : events) {
                       if (event.type == type) found.push_back(std::move(event));
                     }
                     return OkStatus();
                   })
                    .ok());
    return found;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_ =
      std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  storage::WriteContext context_{.actor = "test"};
  SurveyService surveys_{*db_};
  // No budget limit unless a test sets one: each test asks the same customers several times.
  SurveyInvitations invitations_{*db_, "https://crm.example",
                                 ContactBudgetPolicy{.max_asks = 100, .per_days = 1}};
  SurveyResults results_{*db_};
};

TEST_F(SurveyServiceTest, EditingASurveyWithAnswersMakesANewVersionAndAnswersKeepTheirs) {
  const std::string id = CreateNps();
  // No answer yet: an edit rewrites version 1.
  auto edited =
      surveys_.Update(kAll, context_, id, Object(R"({"questions": [{"id": "more", "type": "text",
                                           "text": "Anything else?"}]})"),
                      std::nullopt);
  ASSERT_TRUE(edited.ok()) << edited.error().message;
  EXPECT_EQ(edited->at("current_version").as_int64(), 1);
  EXPECT_EQ(edited->at("questions").as_array().size(), 3u);

  auto invited = invitations_.Invite(kAll, context_, id, Object(R"({"customer_id": "cus_1"})"));
  ASSERT_TRUE(invited.ok()) << invited.error().message;
  const std::string token = Token(*invited);
  EXPECT_EQ(token.size(), kLinkTokenLength);
  EXPECT_EQ(invited->at("language").as_string(), "de");  // the customer's, from de-AT
  ASSERT_TRUE(invitations_.Submit(context_, token, "score", json::value(9)).ok());

  // Answered once (partially): the next edit is version 2; the invitation keeps version 1.
  auto second =
      surveys_.Update(kAll, context_, id, Object(R"({"questions": [{"id": "other", "type": "text",
                                           "text": "Other?"}]})"),
                      std::nullopt);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->at("current_version").as_int64(), 2);
  auto step = invitations_.Current(token);
  ASSERT_TRUE(step.ok());
  EXPECT_EQ(step->question->id, "why");
  ASSERT_TRUE(invitations_.Submit(context_, token, "why", json::value("Sehr gut")).ok());
  step = invitations_.Submit(context_, token, "more", json::value(""));
  ASSERT_TRUE(step.ok()) << step.error().message;
  EXPECT_TRUE(step->completed);
  // Version 1 is still readable as it was.
  auto v1 = surveys_.GetVersion(kAll, id, 1);
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->at("questions").as_array()[2].as_object().at("id").as_string(), "more");
  // Kind cannot change.
  EXPECT_FALSE(
      surveys_.Update(kAll, context_, id, Object(R"({"kind": "csat"})"), std::nullopt).ok());
  // A stale If-Match.
  auto stale = surveys_.Update(kAll, context_, id, Object(R"({"name": "x"})"), int64_t{1});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
}

TEST_F(SurveyServiceTest, ACompletedAnswerAnnouncesItselfOnceAndTheLinkIsUsedUp) {
  const std::string id = CreateNps();
  auto invited = invitations_.Invite(kAll, context_, id, Object(R"({"customer_id": "cus_2"})"));
  ASSERT_TRUE(invited.ok());
  const std::string token = Token(*invited);
  // Out of range, and a question that is not the current one: refused, nothing saved.
  auto bad = invitations_.Submit(context_, token, "score", json::value(11));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field_errors.front().field, "answer");
  auto skip = invitations_.Submit(context_, token, "why", json::value("hi"));
  ASSERT_FALSE(skip.ok());
  EXPECT_EQ(skip.error().field_errors.front().field, "question");
  ASSERT_TRUE(invitations_.Submit(context_, token, "score", json::value(3)).ok());
  auto done = invitations_.Submit(context_, token, "why", json::value("Terrible, slow and rude."));
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(done->completed);
  const auto events = Events("survey.answered");
  ASSERT_EQ(events.size(), 1u);
  const auto& data = events.front().payload;
  EXPECT_EQ(events.front().aggregate_type, "customer");
  EXPECT_EQ(events.front().aggregate_id, "cus_2");
  EXPECT_EQ(data.at("kind").as_string(), "nps");
  EXPECT_EQ(data.at("score").as_int64(), 3);
  EXPECT_EQ(data.at("survey_version").as_int64(), 1);
  EXPECT_EQ(data.at("comment").as_string(), "Terrible, slow and rude.");
  EXPECT_LT(data.at("sentiment").as_double(), 0);
  EXPECT_EQ(data.at("invitation_id").as_string(), invited->at("id").as_string());
  // Reused: refused, and nothing more is announced.
  auto again = invitations_.Submit(context_, token, "score", json::value(10));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(invitations_.Current(token)->completed);
  EXPECT_EQ(Events("survey.answered").size(), 1u);
  // Forged tokens name nothing.
  for (const std::string forged : {"AAAAAAAAAAAAAAAAAAAAAA", "short", "../../etc/passwd"}) {
    auto page = invitations_.Current(forged);
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.error().code, ErrorCode::kNotFound);
  }
}

TEST_F(SurveyServiceTest, BudgetAndConsentRecordTheAskWithoutALink) {
  SurveyInvitations strict(*db_, "", ContactBudgetPolicy{});
  const std::string id = CreateNps();
  auto first = strict.Invite(kAll, context_, id, Object(R"({"customer_id": "cus_2"})"));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->at("status").as_string(), "sent");
  auto second = strict.Invite(kAll, context_, id, Object(R"({"customer_id": "cus_2"})"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->at("status").as_string(), "throttled");
  EXPECT_TRUE(second->at("link").is_null());
  auto marketing = surveys_.Create(
      kAll, context_, Object(R"({"name": "Offers", "kind": "csat", "purpose": "marketing"})"));
  ASSERT_TRUE(marketing.ok());
  const std::string marketing_id(marketing->at("id").as_string());
  auto refused = strict.Invite(kAll, context_, marketing_id, Object(R"({"customer_id": "cus_1"})"));
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->at("status").as_string(), "no_consent");
  auto listed = strict.List(kAll, id);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 2u);
  // Bad input names the field and writes nothing.
  auto missing = strict.Invite(kAll, context_, id, Object(R"({"customer_id": "cus_404"})"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  auto about = strict.Invite(
      kAll, context_, id, Object(R"({"customer_id": "cus_2", "about": {"ticket_id": "tkt_x"}})"));
  ASSERT_FALSE(about.ok());
  EXPECT_EQ(about.error().field_errors.front().field, "about.ticket_id");
  EXPECT_EQ(strict.List(kAll, id)->size(), 2u);
}

TEST_F(SurveyServiceTest, ResultsCountOnlyCompletedAnswersWithTheirInterval) {
  const std::string id = CreateNps();
  int answered = 0;
  for (int64_t score : {10, 9, 3}) {
    auto invited = invitations_.Invite(kAll, context_, id, Object(R"({"customer_id": "cus_2"})"));
    ASSERT_TRUE(invited.ok());
    const std::string token = Token(*invited);
    ASSERT_TRUE(invitations_.Submit(context_, token, "score", json::value(score)).ok());
    ASSERT_TRUE(invitations_.Submit(context_, token, "why", json::value("slow")).ok());
    ++answered;
  }
  // One more invited and half answered: counts as invited, not answered.
  auto partial = invitations_.Invite(kAll, context_, id, Object(R"({"customer_id": "cus_1"})"));
  ASSERT_TRUE(invitations_.Submit(context_, Token(*partial), "score", json::value(0)).ok());
  auto results = results_.Results(kAll, id, {.by = "relationship_type"});
  ASSERT_TRUE(results.ok()) << results.error().message;
  EXPECT_EQ(results->at("invited").as_int64(), 4);
  EXPECT_EQ(results->at("answered").as_int64(), answered);
  const auto& summary = results->at("summary").as_object();
  EXPECT_NEAR(summary.at("nps").to_number<double>(), 33.3, 0.05);
  EXPECT_TRUE(summary.at("ci95").is_array());
  EXPECT_EQ(results->at("breakdown").as_array().size(), 1u);
  EXPECT_FALSE(results_.Results(kAll, id, {.by = "shoe_size"}).ok());
  auto answers = results_.Answers(kAll, id, {.q = "SLOW", .limit = 2});
  ASSERT_TRUE(answers.ok());
  EXPECT_EQ(answers->data.size(), 2u);
  ASSERT_TRUE(answers->next_cursor.has_value());
  auto rest = results_.Answers(kAll, id, {.q = "slow", .limit = 2, .cursor = answers->next_cursor});
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest->data.size(), 1u);
}

}  // namespace
}  // namespace rapport::feedback
