#include "feedback/survey_definition.hpp"

#include <gtest/gtest.h>

namespace rapport::feedback {
namespace {

json::value Json(std::string_view text) { return ParseJson(text).value(); }

std::vector<std::string> Fields(const Error& error) {
  std::vector<std::string> fields;
  for (const auto& e : error.field_errors) fields.push_back(e.field);
  return fields;
}

TEST(SurveyDefinitionTest, NpsComesWithItsScoreAndWhyInBothLanguages) {
  auto nps = ParseDefinition("nps", nullptr);
  ASSERT_TRUE(nps.ok());
  ASSERT_EQ(nps->questions.size(), 2u);
  EXPECT_EQ(nps->questions[0].id, "score");
  EXPECT_EQ(nps->questions[0].min, 0);
  EXPECT_EQ(nps->questions[0].max, 10);
  EXPECT_NE(TextIn(nps->questions[0].text, "de"), TextIn(nps->questions[0].text, "en"));
  EXPECT_EQ(MainQuestion(*nps), 0u);
  EXPECT_EQ(CommentQuestion(*nps), 1u);
  auto csat = ParseDefinition("csat", nullptr);
  ASSERT_TRUE(csat.ok());
  EXPECT_EQ(csat->questions[0].max, 5);
  auto ces = ParseDefinition("ces", nullptr);
  ASSERT_TRUE(ces.ok());
  EXPECT_EQ(ces->questions[0].max, 7);
  EXPECT_FALSE(CommentQuestion(*csat).has_value());
}

TEST(SurveyDefinitionTest, CustomQuestionsOfEveryTypeRoundTripThroughStorage) {
  const json::value questions = Json(R"([
    {"id": "stars", "type": "rating", "text": {"en": "Rate us", "de": "Bewerten Sie uns"},
     "max": 5, "main": true, "required": true},
    {"id": "effort", "type": "scale", "text": "How hard?", "min": 1, "max": 7},
    {"id": "topic", "type": "single_choice", "text": "Topic",
     "options": [{"id": "billing", "text": "Billing"}, {"id": "shipping", "text": "Shipping"}]},
    {"id": "extras", "type": "multiple_choice", "text": "Which?",
     "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
     "show_if": {"question": "topic", "in": ["shipping"]}},
    {"id": "why", "type": "text", "text": "Why?", "show_if": {"question": "stars", "max": 2}}
  ])");
  auto parsed = ParseDefinition("custom", &questions);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed->questions.size(), 5u);
  EXPECT_EQ(MainQuestion(*parsed), 0u);
  auto stored = ParseStoredDefinition(ToJsonString(DefinitionToJson(*parsed)));
  ASSERT_TRUE(stored.ok()) << stored.error().message;
  EXPECT_EQ(stored->kind, "custom");
  EXPECT_EQ(DefinitionToJson(*stored), DefinitionToJson(*parsed));
}

TEST(SurveyDefinitionTest, ErrorsNameTheFieldDeepInTheList) {
  const json::value questions = Json(R"([
    {"id": "ok", "type": "text", "text": "Fine"},
    {"id": "ok", "type": "text", "text": "Duplicate id"},
    {"id": "pick", "type": "single_choice", "text": "Pick",
     "options": [{"id": "a", "text": {"de": "nur Deutsch"}}, {"id": "b", "text": ""}]},
    {"id": "late", "type": "text", "text": "x", "show_if": {"question": "later", "in": ["a"]}},
    {"id": "scale", "type": "scale", "text": "x", "max": 11},
    {"id": "odd", "type": "dropdown", "text": "x"}
  ])");
  auto parsed = ParseDefinition("custom", &questions);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
  const auto fields = Fields(parsed.error());
  for (const char* want :
       {"questions[1].id", "questions[2].options[0].text.en", "questions[2].options[1].text",
        "questions[3].show_if.question", "questions[4].max", "questions[5].type"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), want), fields.end()) << want;
  }
}

TEST(SurveyDefinitionTest, EverythingIsBounded) {
  json::array many;
  for (int i = 0; i < 31; ++i) {
    many.push_back(json::object{{"id", "q" + std::to_string(i)}, {"type", "text"}, {"text", "x"}});
  }
  const json::value too_many(many);
  auto parsed = ParseDefinition("custom", &too_many);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(Fields(parsed.error()), std::vector<std::string>{"questions"});
  const json::value long_text =
      Json(R"([{"id": "q", "type": "text", "text": ")" + std::string(501, 'x') + R"("}])");
  EXPECT_FALSE(ParseDefinition("custom", &long_text).ok());
  EXPECT_FALSE(ParseDefinition("custom", nullptr).ok());
  EXPECT_FALSE(ParseDefinition("poll", nullptr).ok());
}

TEST(SurveyDefinitionTest, ShowIfSkipsQuestionsByAnEarlierAnswer) {
  const json::value questions = Json(R"([
    {"id": "score", "type": "scale", "text": "Score", "min": 0, "max": 10, "main": true},
    {"id": "sorry", "type": "text", "text": "What went wrong?",
     "show_if": {"question": "score", "max": 6}},
    {"id": "topic", "type": "single_choice", "text": "Topic",
     "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]},
    {"id": "b_only", "type": "text", "text": "About B", "show_if": {"question": "topic", "in": ["b"]}}
  ])");
  auto definition = ParseDefinition("custom", &questions).value();
  json::object answers;
  EXPECT_EQ(NextQuestion(definition, answers), 0u);
  answers["score"] = 9;
  EXPECT_EQ(NextQuestion(definition, answers), 2u);  // a promoter is not asked what went wrong
  answers["topic"] = "a";
  EXPECT_FALSE(NextQuestion(definition, answers).has_value());
  answers["topic"] = "b";
  EXPECT_EQ(NextQuestion(definition, answers), 3u);
  json::object low{{"score", 3}};
  EXPECT_EQ(NextQuestion(definition, low), 1u);
}

TEST(SurveyDefinitionTest, AnswersAreCheckedAgainstTheQuestion) {
  auto nps = ParseDefinition("nps", nullptr).value();
  const Question& score = nps.questions[0];
  EXPECT_EQ(CheckAnswer(score, json::value(10), "answer").value(), json::value(10));
  EXPECT_EQ(CheckAnswer(score, json::value("7"), "answer").value(), json::value(7));
  for (const json::value& bad :
       {json::value(11), json::value(-1), json::value("ten"), json::value(5.5), json::value("")}) {
    auto checked = CheckAnswer(score, bad, "answer");
    ASSERT_FALSE(checked.ok()) << bad;
    EXPECT_EQ(Fields(checked.error()), std::vector<std::string>{"answer"});
  }
  const Question& why = nps.questions[1];
  EXPECT_TRUE(CheckAnswer(why, json::value(""), "answer").value().is_null());  // optional
  EXPECT_FALSE(CheckAnswer(why, json::value(std::string(2001, 'x')), "answer").ok());
  const json::value questions = Json(R"([{"id": "m", "type": "multiple_choice", "text": "M",
     "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]}])");
  auto custom = ParseDefinition("custom", &questions).value();
  EXPECT_EQ(CheckAnswer(custom.questions[0], Json(R"(["b","a","b"])"), "answer").value(),
            Json(R"(["b","a"])"));
  EXPECT_FALSE(CheckAnswer(custom.questions[0], Json(R"(["c"])"), "answer").ok());
}

}  // namespace
}  // namespace rapport::feedback
