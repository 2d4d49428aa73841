#include "feedback/survey_definition.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "common/unicode_text.hpp"

namespace rapport::feedback {
namespace {

constexpr std::array<std::string_view, 4> kKinds{"nps", "csat", "ces", "custom"};
constexpr std::array<std::string_view, 2> kLanguages{"en", "de"};
constexpr std::array<std::string_view, 5> kTypeNames{"rating", "scale", "single_choice",
                                                     "multiple_choice", "text"};
// Scales people answer on: a 0..10 NPS-like scale is the widest that fits a phone in one row.
constexpr int kMinScale = 0;
constexpr int kMaxScale = 10;
constexpr int kMinRatingMax = 3;

std::string_view TypeName(QuestionType type) { return kTypeNames[static_cast<size_t>(type)]; }

std::optional<QuestionType> TypeFromName(std::string_view name) {
  for (size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == name) return static_cast<QuestionType>(i);
  }
  return std::nullopt;
}

bool IsNumeric(QuestionType type) {
  return type == QuestionType::kRating || type == QuestionType::kScale;
}
bool IsChoice(QuestionType type) {
  return type == QuestionType::kSingleChoice || type == QuestionType::kMultipleChoice;
}

bool IsValidId(std::string_view id) {
  return !id.empty() && id.size() <= kMaxIdLength && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// The built-in main questions, in both languages.
Question BuiltInScore(std::string_view kind) {
  Question q{.id = std::string(kScoreQuestion),
             .type = QuestionType::kScale,
             .required = true,
             .main = true};
  if (kind == "nps") {
    q.min = 0;
    q.max = 10;
    q.text = {{"en", "How likely are you to recommend us to a friend or colleague?"},
              {"de",
               "Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen "
               "empfehlen?"}};
  } else if (kind == "csat") {
    q.type = QuestionType::kRating;
    q.min = 1;
    q.max = 5;
    q.text = {{"en", "How satisfied are you with our service?"},
              {"de", "Wie zufrieden sind Sie mit unserem Service?"}};
  } else {  // ces
    q.min = 1;
    q.max = 7;
    q.text = {{"en", "How easy was it to get what you needed?"},
              {"de", "Wie einfach war es, zu bekommen, was Sie brauchten?"}};
  }
  return q;
}

Question BuiltInWhy() {
  return Question{.id = "why",
                  .type = QuestionType::kText,
                  .text = {{"en", "What is the most important reason for your score?"},
                           {"de", "Was ist der wichtigste Grund für Ihre Bewertung?"}}};
}

class Reader {
 public:
  std::vector<FieldError> errors;

  void Fail(std::string field, std::string message) {
    errors.push_back({std::move(field), std::move(message)});
  }

  Texts ReadTexts(const json::value& value, const std::string& field) {
    Texts texts;
    auto one = [&](const json::value& text, const std::string& path, std::string_view language) {
      if (!text.is_string()) return Fail(path, "must be a string");
      CleanedText cleaned = CleanText(text.as_string(), kMaxQuestionText, TextKind::kMultiLine);
      if (cleaned.problem.empty() && cleaned.text.empty()) cleaned.problem = "must not be empty";
      if (!cleaned.problem.empty()) return Fail(path, cleaned.problem);
      texts[std::string(language)] = std::move(cleaned.text);
    };
    if (value.is_string()) {
      one(value, field, "en");
      return texts;
    }
    if (!value.is_object()) {
      Fail(field, "must be a string or an object of languages (en, de)");
      return texts;
    }
    for (const auto& [language, text] : value.as_object()) {
      if (!IsSupportedLanguage(language)) {
        Fail(field + "." + std::string(language), "is not a supported language (en, de)");
        continue;
      }
      one(text, field + "." + std::string(language), language);
    }
    if (!value.as_object().contains("en")) Fail(field + ".en", "is required");
    return texts;
  }

  std::optional<int> ReadInt(const json::value& value, const std::string& field, int low,
                             int high) {
    if (!value.is_int64() || value.as_int64() < low || value.as_int64() > high) {
      Fail(field,
           "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
      return std::nullopt;
    }
    return static_cast<int>(value.as_int64());
  }

  void ReadOptions(const json::value& value, const std::string& field, Question& q) {
    if (!value.is_array() || value.as_array().size() < 2 || value.as_array().size() > kMaxOptions) {
      return Fail(field, "must be a list of 2 to " + std::to_string(kMaxOptions) + " options");
    }
    std::set<std::string, std::less<>> ids;
    for (size_t i = 0; i < value.as_array().size(); ++i) {
      const std::string path = field + "[" + std::to_string(i) + "]";
      const json::value& option = value.as_array()[i];
      if (!option.is_object()) {
        Fail(path, "must be an object {id, text}");
        continue;
      }
      Option out;
      const json::value* id = option.as_object().if_contains("id");
      if (id == nullptr || !id->is_string() || !IsValidId(id->as_string())) {
        Fail(path + ".id", "must be 1 to 32 of a-z, 0-9 and _");
      } else if (!ids.insert(std::string(id->as_string())).second) {
        Fail(path + ".id", "is used by another option");
      } else {
        out.id = std::string(id->as_string());
      }
      const json::value* text = option.as_object().if_contains("text");
      if (text == nullptr) {
        Fail(path + ".text", "is required");
      } else {
        out.text = ReadTexts(*text, path + ".text");
      }
      for (const auto& [key, unused] : option.as_object()) {
        if (key != "id" && key != "text")
          Fail(path + "." + std::string(key), "is not a known field");
      }
      q.options.push_back(std::move(out));
    }
  }

  void ReadCondition(const json::value& value, const std::string& field,
                     const std::vector<Question>& earlier, Question& q) {
    if (!value.is_object())
      return Fail(field, "must be an object {question, in} or {question, min, max}");
    const json::object& object = value.as_object();
    Condition condition;
    const json::value* name = object.if_contains("question");
    const Question* target = nullptr;
    if (name != nullptr && name->is_string()) {
      for (const auto& e : earlier) {
        if (e.id == name->as_string()) target = &e;
      }
    }
    if (target == nullptr) return Fail(field + ".question", "must name an earlier question");
    condition.question = target->id;
    for (const auto& [key, member] : object) {
      const std::string path = field + "." + std::string(key);
      if (key == "question") continue;
      if (key == "in" && IsChoice(target->type)) {
        if (!member.is_array() || member.as_array().empty() ||
            member.as_array().size() > kMaxOptions) {
          Fail(path, "must be a list of option ids of the earlier question");
          continue;
        }
        for (size_t i = 0; i < member.as_array().size(); ++i) {
          const json::value& id = member.as_array()[i];
          const bool known = id.is_string() &&
                             std::any_of(target->options.begin(), target->options.end(),
                                         [&](const Option& o) { return o.id == id.as_string(); });
          if (!known) {
            Fail(path + "[" + std::to_string(i) + "]", "is not an option of " + target->id);
          } else {
            condition.in.emplace_back(id.as_string());
          }
        }
      } else if ((key == "min" || key == "max") && IsNumeric(target->type)) {
        auto bound = ReadInt(member, path, target->min, target->max);
        (key == "min" ? condition.min : condition.max) = bound;
      } else {
        Fail(path, IsChoice(target->type) ? "is not known here; use in"
                                          : "is not known here; use min and max");
      }
    }
    if (condition.in.empty() && !condition.min && !condition.max && errors.empty()) {
      Fail(field, "must say which answers show the question");
    }
    q.show_if = std::move(condition);
  }

  Question ReadQuestion(const json::value& value, const std::string& field,
                        const std::vector<Question>& earlier) {
    Question q;
    if (!value.is_object()) {
      Fail(field, "must be an object");
      return q;
    }
    const json::object& object = value.as_object();
    const json::value* id = object.if_contains("id");
    if (id == nullptr || !id->is_string() || !IsValidId(id->as_string())) {
      Fail(field + ".id", "must be 1 to 32 of a-z, 0-9 and _");
    } else if (std::any_of(earlier.begin(), earlier.end(),
                           [&](const Question& e) { return e.id == id->as_string(); })) {
      Fail(field + ".id", "is used by another question");
    } else {
      q.id = std::string(id->as_string());
    }
    const json::value* type = object.if_contains("type");
    auto parsed_type =
        type != nullptr && type->is_string() ? TypeFromName(type->as_string()) : std::nullopt;
    if (!parsed_type) {
      Fail(field + ".type", "must be one of rating, scale, single_choice, multiple_choice, text");
      return q;
    }
    q.type = *parsed_type;
    if (q.type == QuestionType::kRating) q.min = 1, q.max = 5;
    if (q.type == QuestionType::kScale) q.min = 0, q.max = 10;
    for (const auto& [key, member] : object) {
      const std::string path = field + "." + std::string(key);
      if (key == "id" || key == "type") continue;
      if (key == "text") {
        q.text = ReadTexts(member, path);
      } else if (key == "required" || key == "main") {
        if (!member.is_bool()) {
          Fail(path, "must be true or false");
        } else {
          (key == "required" ? q.required : q.main) = member.as_bool();
        }
      } else if (key == "max" && q.type == QuestionType::kRating) {
        q.max = ReadInt(member, path, kMinRatingMax, kMaxScale).value_or(q.max);
      } else if ((key == "min" || key == "max") && q.type == QuestionType::kScale) {
        auto bound = ReadInt(member, path, kMinScale, kMaxScale);
        if (bound) (key == "min" ? q.min : q.max) = *bound;
      } else if (key == "options" && IsChoice(q.type)) {
        ReadOptions(member, path, q);
      } else if (key == "show_if") {
        ReadCondition(member, path, earlier, q);
      } else {
        Fail(path, "is not a known field of a " + std::string(TypeName(q.type)) + " question");
      }
    }
    if (!object.contains("text")) Fail(field + ".text", "is required");
    if (IsChoice(q.type) && !object.contains("options")) Fail(field + ".options", "is required");
    if (q.type == QuestionType::kScale && q.max - q.min < 2) {
      Fail(field + ".max", "must be at least 2 above min");
    }
    if (q.main && !IsNumeric(q.type)) Fail(field + ".main", "only a rating or scale can be main");
    return q;
  }
};

bool Matches(const Condition& condition, const json::object& answers) {
  const json::value* answer = answers.if_contains(condition.question);
  if (answer == nullptr || answer->is_null()) return false;
  if (!condition.in.empty()) {
    auto in = [&](const json::value& id) {
      return id.is_string() && std::find(condition.in.begin(), condition.in.end(),
                                         std::string_view(id.as_string())) != condition.in.end();
    };
    if (answer->is_array())
      return std::any_of(answer->as_array().begin(), answer->as_array().end(), in);
    return in(*answer);
  }
  if (!answer->is_int64()) return false;
  const int64_t n = answer->as_int64();
  return (!condition.min || n >= *condition.min) && (!condition.max || n <= *condition.max);
}

json::object TextsToJson(const Texts& texts) {
  json::object out;
  for (const auto& [language, text] : texts) out[language] = text;
  return out;
}

}  // namespace

bool IsKnownKind(std::string_view kind) {
  return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end();
}

bool IsSupportedLanguage(std::string_view language) {
  return std::find(kLanguages.begin(), kLanguages.end(), language) != kLanguages.end();
}

Result<SurveyDefinition> ParseDefinition(std::string_view kind, const json::value* questions) {
  if (!IsKnownKind(kind)) return Error::Invalid("kind", "must be one of nps, csat, ces, custom");
  SurveyDefinition definition{.kind = std::string(kind)};
  if (kind != "custom") {
    definition.questions.push_back(BuiltInScore(kind));
    if (kind == "nps") definition.questions.push_back(BuiltInWhy());
  }
  const bool none = questions == nullptr || questions->is_null();
  if (kind == "custom" && none) return Error::Invalid("questions", "is required");
  if (none) return definition;
  const size_t built_in = definition.questions.size();
  if (!questions->is_array() || questions->as_array().size() + built_in > kMaxQuestions ||
      (kind == "custom" && questions->as_array().empty())) {
    return Error::Invalid("questions", "must be a list of 1 to " +
                                           std::to_string(kMaxQuestions - built_in) + " questions");
  }
  Reader reader;
  for (size_t i = 0; i < questions->as_array().size(); ++i) {
    const std::string field = "questions[" + std::to_string(i) + "]";
    Question q = reader.ReadQuestion(questions->as_array()[i], field, definition.questions);
    if (q.main && kind != "custom") reader.Fail(field + ".main", "the kind's own question is main");
    definition.questions.push_back(std::move(q));
  }
  const auto mains = std::count_if(definition.questions.begin(), definition.questions.end(),
                                   [](const Question& q) { return q.main; });
  if (mains > 1) reader.Fail("questions", "at most one question may be main");
  if (!reader.errors.empty()) return Error::Invalid(std::move(reader.errors));
  return definition;
}

json::object DefinitionToJson(const SurveyDefinition& definition) {
  json::array questions;
  for (const auto& q : definition.questions) {
    json::object out{{"id", q.id},
                     {"type", TypeName(q.type)},
                     {"text", TextsToJson(q.text)},
                     {"required", q.required}};
    if (q.main) out["main"] = true;
    // A rating always starts at 1 (stars); a scale names both ends.
    if (q.type == QuestionType::kScale) out["min"] = q.min;
    if (IsNumeric(q.type)) out["max"] = q.max;
    if (IsChoice(q.type)) {
      json::array options;
      for (const auto& o : q.options) {
        options.push_back(json::object{{"id", o.id}, {"text", TextsToJson(o.text)}});
      }
      out["options"] = std::move(options);
    }
    if (q.show_if) {
      json::object condition{{"question", q.show_if->question}};
      if (!q.show_if->in.empty()) {
        json::array in;
        for (const auto& id : q.show_if->in) in.emplace_back(id);
        condition["in"] = std::move(in);
      }
      if (q.show_if->min) condition["min"] = *q.show_if->min;
      if (q.show_if->max) condition["max"] = *q.show_if->max;
      out["show_if"] = std::move(condition);
    }
    questions.push_back(std::move(out));
  }
  return json::object{{"kind", definition.kind}, {"questions", std::move(questions)}};
}

Result<SurveyDefinition> ParseStoredDefinition(std::string_view text) {
  RAPPORT_ASSIGN_OR_RETURN(json::object stored, ParseJsonObject(text));
  const json::value* kind = stored.if_contains("kind");
  if (kind == nullptr || !kind->is_string()) return Error::Internal("a stored survey has no kind");
  // The stored list holds the built-in questions too: read it as a custom survey's list, then
  // restore the kind (the built-in ones are marked main where they were).
  RAPPORT_ASSIGN_OR_RETURN(SurveyDefinition definition,
                           ParseDefinition("custom", stored.if_contains("questions")));
  definition.kind = std::string(kind->as_string());
  return definition;
}

const std::string& TextIn(const Texts& texts, std::string_view language) {
  auto found = texts.find(language);
  if (found != texts.end()) return found->second;
  static const std::string kEmpty;
  found = texts.find("en");
  return found != texts.end() ? found->second : kEmpty;
}

std::optional<size_t> NextQuestion(const SurveyDefinition& definition, const json::object& answers,
                                   size_t from) {
  for (size_t i = from; i < definition.questions.size(); ++i) {
    const Question& q = definition.questions[i];
    if (answers.contains(q.id)) continue;
    if (q.show_if && !Matches(*q.show_if, answers)) continue;
    return i;
  }
  return std::nullopt;
}

Result<json::value> CheckAnswer(const Question& question, const json::value& value,
                                const std::string& field) {
  const bool empty = value.is_null() || (value.is_string() && value.as_string().empty()) ||
                     (value.is_array() && value.as_array().empty());
  if (empty) {
    if (question.required) return Error::Invalid(field, "is required");
    return json::value(nullptr);
  }
  if (IsNumeric(question.type)) {
    std::optional<int64_t> n;
    if (value.is_int64()) n = value.as_int64();
    if (value.is_string()) {
      const std::string_view text = value.as_string();
      if (text.size() <= 2 &&
          std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        n = std::stoi(std::string(text));
      }
    }
    if (!n || *n < question.min || *n > question.max) {
      return Error::Invalid(field, "must be a whole number from " + std::to_string(question.min) +
                                       " to " + std::to_string(question.max));
    }
    return json::value(*n);
  }
  auto option_known = [&](const json::value& id) {
    return id.is_string() && std::any_of(question.options.begin(), question.options.end(),
                                         [&](const Option& o) { return o.id == id.as_string(); });
  };
  switch (question.type) {
    case QuestionType::kSingleChoice:
      if (!option_known(value)) return Error::Invalid(field, "must be one of the options");
      return value;
    case QuestionType::kMultipleChoice: {
      if (!value.is_array() || value.as_array().size() > kMaxOptions) {
        return Error::Invalid(field, "must be a list of the options");
      }
      std::set<std::string, std::less<>> seen;
      json::array chosen;
      for (const auto& id : value.as_array()) {
        if (!option_known(id)) return Error::Invalid(field, "must be a list of the options");
        if (seen.insert(std::string(id.as_string())).second) chosen.push_back(id);
      }
      return json::value(std::move(chosen));
    }
    case QuestionType::kText: {
      if (!value.is_string()) return Error::Invalid(field, "must be text");
      CleanedText cleaned = CleanText(value.as_string(), kMaxAnswerText, TextKind::kMultiLine);
      if (!cleaned.problem.empty()) return Error::Invalid(field, cleaned.problem);
      if (cleaned.text.empty()) {
        if (question.required) return Error::Invalid(field, "is required");
        return json::value(nullptr);
      }
      return json::value(std::move(cleaned.text));
    }
    default:
      return Error::Invalid(field, "cannot be answered");
  }
}

std::optional<size_t> MainQuestion(const SurveyDefinition& definition) {
  for (size_t i = 0; i < definition.questions.size(); ++i) {
    if (definition.questions[i].main) return i;
  }
  return std::nullopt;
}

std::optional<size_t> CommentQuestion(const SurveyDefinition& definition) {
  for (size_t i = 0; i < definition.questions.size(); ++i) {
    if (definition.questions[i].type == QuestionType::kText) return i;
  }
  return std::nullopt;
}

}  // namespace rapport::feedback
