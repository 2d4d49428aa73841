// SurveyDefinition: what a survey asks, in which order, in which languages (docs/design/
// surveys.md § Model). Pure: parsing and validating the definition staff write, deciding which
// question comes next for the answers given so far (show/skip logic), and checking one answer.
//
// Kinds: `nps` (0–10 "how likely are you to recommend us" and an optional "why?"), `csat` (1–5),
// `ces` (1–7) come with their main question built in (id `score`, texts in English and German);
// their `questions` are extra ones asked after it. `custom` surveys bring 1–30 questions of type
// rating (1..max stars), scale (min..max), single_choice, multiple_choice or text; at most one
// rating or scale question may be `main` (the score reports and the event carry).
//
// A question may carry `show_if` {question, in: [option ids]} or {question, min, max} naming an
// earlier question: it is asked only when that answer matches (an unanswered one never matches).
// Texts are {"en": …, "de": …} (English required) or a plain string (English). Everything is
// bounded (kMax…); errors name the field, e.g. `questions[2].options[0].text.en`.
// Pure functions over values; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"

namespace rapport::feedback {

inline constexpr size_t kMaxQuestions = 30;
inline constexpr size_t kMaxOptions = 20;
inline constexpr size_t kMaxQuestionText = 500;
inline constexpr size_t kMaxAnswerText = 2000;
inline constexpr size_t kMaxIdLength = 32;
inline constexpr std::string_view kScoreQuestion = "score";

enum class QuestionType { kRating, kScale, kSingleChoice, kMultipleChoice, kText };

// A text per language; "en" is always present.
using Texts = std::map<std::string, std::string, std::less<>>;

struct Option {
  std::string id;
  Texts text;
};

struct Condition {
  std::string question;
  std::vector<std::string> in;  // choice questions: any of these option ids
  std::optional<int> min;       // rating/scale questions: within [min, max]
  std::optional<int> max;
};

struct Question {
  std::string id;
  QuestionType type = QuestionType::kText;
  Texts text;
  bool required = false;
  bool main = false;
  int min = 0;  // rating and scale
  int max = 0;
  std::vector<Option> options;
  std::optional<Condition> show_if;
};

struct SurveyDefinition {
  std::string kind;  // nps | csat | ces | custom
  std::vector<Question> questions;
};

bool IsKnownKind(std::string_view kind);
// The languages pages are offered in.
bool IsSupportedLanguage(std::string_view language);

// The definition of a survey of `kind` from the caller's `questions` (null or absent: none),
// field errors named from `questions`.
Result<SurveyDefinition> ParseDefinition(std::string_view kind, const json::value* questions);
// The stored form, which ParseStoredDefinition reads back.
json::object DefinitionToJson(const SurveyDefinition& definition);
Result<SurveyDefinition> ParseStoredDefinition(std::string_view text);

// The text in `language`, else English.
const std::string& TextIn(const Texts& texts, std::string_view language);

// The index of the first question, from `from` on, that is to be asked given `answers`
// ({question id: value}) and not answered yet; nullopt when the survey is done.
std::optional<size_t> NextQuestion(const SurveyDefinition& definition, const json::object& answers,
                                   size_t from = 0);

// One answer to `question` from what a form or JSON sent: `value` is the number, option id or
// text (a JSON value; form strings are converted), or for multiple choice an array of option
// ids. Null means "no answer" (refused when required). kInvalidArgument naming `field`.
Result<json::value> CheckAnswer(const Question& question, const json::value& value,
                                const std::string& field);

// The main question's index (built-in score or the custom one marked main), if any.
std::optional<size_t> MainQuestion(const SurveyDefinition& definition);
// The first free-text question's index (NPS's "why?"), if any: its answer is the comment.
std::optional<size_t> CommentQuestion(const SurveyDefinition& definition);

}  // namespace rapport::feedback
