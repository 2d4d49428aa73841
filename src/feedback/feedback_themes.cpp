#include "feedback/feedback_themes.hpp"

#include <algorithm>

#include "common/ids.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "customers/customer_service.hpp"
#include "feedback/survey_service.hpp"
#include "storage/audit.hpp"

namespace rapport::feedback {
namespace {

using storage::Rows;
using storage::Tx;

constexpr int64_t kMillisPerDay = int64_t{24} * 60 * 60 * 1000;

constexpr std::string_view kSelectThemes =
    "SELECT id, name, keywords, we_did, we_did_at, created_at, updated_at, version "
    "FROM feedback_themes ORDER BY name COLLATE NOCASE";
constexpr std::string_view kSelectTheme =
    "SELECT id, name, keywords, we_did, we_did_at, created_at, updated_at, version "
    "FROM feedback_themes WHERE id = ?";
constexpr std::string_view kCountThemes = "SELECT COUNT(*) FROM feedback_themes";
constexpr std::string_view kNameTaken =
    "SELECT 1 FROM feedback_themes WHERE name = ? COLLATE NOCASE AND id <> ?";
constexpr std::string_view kInsertTheme =
    "INSERT INTO feedback_themes (id, name, keywords, we_did, we_did_at, created_at, updated_at, "
    "version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)";
constexpr std::string_view kUpdateTheme =
    "UPDATE feedback_themes SET name = ?, keywords = ?, we_did = ?, we_did_at = ?, "
    "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?";
constexpr std::string_view kDeleteTheme = "DELETE FROM feedback_themes WHERE id = ?";
constexpr std::string_view kTagAnswer =
    "INSERT INTO answer_themes (answer_id, theme_id, source, customer_id, answered_at) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kUntagRules =
    "DELETE FROM answer_themes WHERE theme_id = ? AND source = 'rule'";
constexpr std::string_view kUntag =
    "DELETE FROM answer_themes WHERE answer_id = ? AND theme_id = ?";
constexpr std::string_view kRecentComments =
    "SELECT id, customer_id, comment, answered_at FROM survey_answers "
    "WHERE status = 'completed' AND comment IS NOT NULL AND answered_at >= ?";
constexpr std::string_view kAnswer =
    "SELECT customer_id, answered_at FROM survey_answers WHERE id = ? AND status = 'completed'";

struct Theme {
  std::string id;
  std::string name;
  std::vector<std::string> keywords;
  std::optional<std::string> we_did;
  std::optional<std::string> we_did_at;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

std::vector<std::string> KeywordsFrom(const std::string& stored) {
  std::vector<std::string> out;
  auto parsed = ParseJson(stored);
  if (parsed.ok() && parsed->is_array()) {
    for (const auto& word : parsed->as_array()) {
      if (word.is_string()) out.emplace_back(word.as_string());
    }
  }
  return out;
}

Theme FromRow(const storage::Row& row) {
  return Theme{.id = row.Text(0),
               .name = row.Text(1),
               .keywords = KeywordsFrom(row.Text(2)),
               .we_did = row.OptText(3),
               .we_did_at = row.OptText(4),
               .created_at = row.Text(5),
               .updated_at = row.Text(6),
               .version = row.Int(7)};
}

json::array KeywordsJson(const std::vector<std::string>& keywords) {
  json::array out;
  for (const auto& word : keywords) out.emplace_back(word);
  return out;
}

json::value Opt(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

json::object ToJson(const Theme& theme) {
  return json::object{{"id", theme.id},
                      {"name", theme.name},
                      {"keywords", KeywordsJson(theme.keywords)},
                      {"we_did", Opt(theme.we_did)},
                      {"we_did_at", Opt(theme.we_did_at)},
                      {"created_at", theme.created_at},
                      {"updated_at", theme.updated_at},
                      {"version", theme.version}};
}

// Name, keywords and "we did" from `input` into `theme`; field-named errors.
Status ReadInput(const json::object& input, bool creating, Theme& theme) {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : input) {
    const std::string field(key);
    if (key == "name") {
      CleanedText text = value.is_string() ? CleanText(value.as_string(), 80, TextKind::kSingleLine)
                                           : CleanedText{.problem = "must be a string"};
      if (text.problem.empty() && text.text.empty()) text.problem = "must not be empty";
      if (!text.problem.empty()) errors.push_back({field, text.problem});
      theme.name = std::move(text.text);
    } else if (key == "keywords") {
      if (!value.is_array() || value.as_array().size() > kMaxKeywords) {
        errors.push_back({field, "must be a list of at most 20 words or phrases"});
        continue;
      }
      theme.keywords.clear();
      for (size_t i = 0; i < value.as_array().size(); ++i) {
        const json::value& word = value.as_array()[i];
        const std::string at = field + "[" + std::to_string(i) + "]";
        CleanedText text =
            word.is_string() ? CleanText(word.as_string(), kMaxKeywordLength, TextKind::kSingleLine)
                             : CleanedText{.problem = "must be a string"};
        if (text.problem.empty() && text.text.empty()) text.problem = "must not be empty";
        if (!text.problem.empty()) {
          errors.push_back({at, text.problem});
          continue;
        }
        std::string folded = FoldCase(text.text);
        if (std::find(theme.keywords.begin(), theme.keywords.end(), folded) ==
            theme.keywords.end()) {
          theme.keywords.push_back(std::move(folded));
        }
      }
    } else if (key == "we_did") {
      if (value.is_null()) {
        theme.we_did.reset();
        continue;
      }
      CleanedText text = value.is_string()
                             ? CleanText(value.as_string(), kMaxWeDid, TextKind::kMultiLine)
                             : CleanedText{.problem = "must be text or null"};
      if (!text.problem.empty()) errors.push_back({field, text.problem});
      theme.we_did = text.text.empty() ? std::nullopt : std::optional<std::string>(text.text);
    } else if (key == "id" || key == "version" || key == "created_at" || key == "updated_at" ||
               key == "we_did_at" || key == "count" || key == "weeks") {
      continue;  // read-only fields a client may send back unchanged
    } else {
      errors.push_back({field, "is not a known field"});
    }
  }
  if (creating && !input.contains("name")) errors.push_back({"name", "is required"});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return OkStatus();
}

Result<Theme> Load(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectTheme, {id}));
  if (rows.empty()) return Error::NotFound("No feedback theme has the id " + id + ".");
  return FromRow(rows.front());
}

// Re-applies `theme`'s keywords to the last kRetagDays of answers; how many it tagged.
Result<int64_t> Retag(Tx& tx, const Theme& theme) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kUntagRules, {theme.id}));
  if (theme.keywords.empty()) return int64_t{0};
  RAPPORT_ASSIGN_OR_RETURN(
      Rows answers,
      tx.Query(kRecentComments, {FormatInstant(NowMillis() - kRetagDays * kMillisPerDay)}));
  int64_t tagged = 0;
  for (const auto& row : answers) {
    if (!MatchesKeywords(FoldCase(row.Text(2)), theme.keywords)) continue;
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kTagAnswer,
        {row.Text(0), theme.id, "rule", storage::OptionalText(row.OptText(1)), row.Text(3)}));
    ++tagged;
  }
  return tagged;
}

Status Check(const access::Access& access, access::Action action) {
  return CheckSurveyAccess(access, action);
}

}  // namespace

bool MatchesKeywords(std::string_view folded_comment, const std::vector<std::string>& keywords) {
  auto word_start = [&](size_t at) {
    if (at == 0) return true;
    const unsigned char before = static_cast<unsigned char>(folded_comment[at - 1]);
    // ASCII letters and digits join words; any other byte (space, punctuation, the lead byte
    // of a multi-byte character) is taken as a boundary.
    return !std::isalnum(before);
  };
  for (const auto& keyword : keywords) {
    if (keyword.empty()) continue;
    for (size_t at = folded_comment.find(keyword); at != std::string_view::npos;
         at = folded_comment.find(keyword, at + 1)) {
      if (word_start(at)) return true;
    }
  }
  return false;
}

Status TagAnswerInTx(Tx& tx, const std::string& answer_id,
                     const std::optional<std::string>& customer_id, std::string_view comment,
                     const std::string& answered_at) {
  if (comment.empty()) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(Rows themes, tx.Query(kSelectThemes));
  if (themes.empty()) return OkStatus();
  const std::string folded = FoldCase(comment);
  for (const auto& row : themes) {
    const Theme theme = FromRow(row);
    if (!MatchesKeywords(folded, theme.keywords)) continue;
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kTagAnswer, {answer_id, theme.id, "rule",
                                                 storage::OptionalText(customer_id), answered_at}));
  }
  return OkStatus();
}

Result<json::object> FeedbackThemes::Create(const Access& access,
                                            const storage::WriteContext& context,
                                            const json::object& input) {
  RAPPORT_RETURN_IF_ERROR(Check(access, access::Action::kEdit));
  Theme theme{.id = NewId("thm")};
  RAPPORT_RETURN_IF_ERROR(ReadInput(input, /*creating=*/true, theme));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows count, tx.Query(kCountThemes));
    if (count.front().Int(0) >= static_cast<int64_t>(kMaxThemes)) {
      return Error::Conflict("There are 100 themes already; merge or delete some first.");
    }
    RAPPORT_ASSIGN_OR_RETURN(Rows taken, tx.Query(kNameTaken, {theme.name, theme.id}));
    if (!taken.empty()) return Error::Invalid("name", "is taken by another theme");
    theme.created_at = theme.updated_at = NowInstant();
    if (theme.we_did) theme.we_did_at = theme.created_at;
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertTheme, {theme.id, theme.name, ToJsonString(KeywordsJson(theme.keywords)),
                       storage::OptionalText(theme.we_did), storage::OptionalText(theme.we_did_at),
                       theme.created_at, theme.updated_at}));
    RAPPORT_ASSIGN_OR_RETURN(int64_t tagged, Retag(tx, theme));
    served = ToJson(theme);
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "create", "feedback_theme", theme.id, {}, served));
    served["tagged"] = tagged;
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> FeedbackThemes::Update(const Access& access,
                                            const storage::WriteContext& context,
                                            const std::string& id, const json::object& patch,
                                            std::optional<int64_t> if_version) {
  RAPPORT_RETURN_IF_ERROR(Check(access, access::Action::kEdit));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Theme theme, Load(tx, id));
    const json::object before = ToJson(theme);
    const int64_t expected = if_version.value_or(theme.version);
    const std::vector<std::string> old_keywords = theme.keywords;
    const std::optional<std::string> old_we_did = theme.we_did;
    RAPPORT_RETURN_IF_ERROR(ReadInput(patch, /*creating=*/false, theme));
    RAPPORT_ASSIGN_OR_RETURN(Rows taken, tx.Query(kNameTaken, {theme.name, theme.id}));
    if (!taken.empty()) return Error::Invalid("name", "is taken by another theme");
    theme.updated_at = NowInstant();
    if (theme.we_did != old_we_did) {
      theme.we_did_at = theme.we_did ? std::optional<std::string>(theme.updated_at) : std::nullopt;
    }
    RAPPORT_ASSIGN_OR_RETURN(
        int64_t changed,
        tx.Exec(kUpdateTheme,
                {theme.name, ToJsonString(KeywordsJson(theme.keywords)),
                 storage::OptionalText(theme.we_did), storage::OptionalText(theme.we_did_at),
                 theme.updated_at, id, expected}));
    if (changed == 0) return Error::PreconditionFailed("The theme was changed since you read it.");
    theme.version = expected + 1;
    int64_t tagged = -1;
    if (theme.keywords != old_keywords) {
      RAPPORT_ASSIGN_OR_RETURN(tagged, Retag(tx, theme));
    }
    served = ToJson(theme);
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "feedback_theme", id, before, served));
    if (tagged >= 0) served["tagged"] = tagged;
    return context.Written(tx, served);
  }));
  return served;
}

Status FeedbackThemes::Delete(const Access& access, const storage::WriteContext& context,
                              const std::string& id) {
  RAPPORT_RETURN_IF_ERROR(Check(access, access::Action::kEdit));
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Theme theme, Load(tx, id));
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteTheme, {id}));
    return storage::AppendAudit(tx, context, "delete", "feedback_theme", id, ToJson(theme), {});
  });
}

Result<json::object> FeedbackThemes::Report(const Access& access,
                                            const std::optional<std::string>& from,
                                            const std::optional<std::string>& to) {
  RAPPORT_RETURN_IF_ERROR(Check(access, access::Action::kRead));
  json::array themes;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    // Only answers of customers the caller may read count, as in the survey results.
    access::ScopeCondition scope =
        access.Scope(access::Object::kCustomers, access::Action::kRead, "c.owner_id");
    std::string sql =
        "SELECT t.theme_id, date(t.answered_at, 'weekday 0', '-6 days') AS week, COUNT(*) "
        "FROM answer_themes t JOIN customers c ON c.id = t.customer_id WHERE " +
        scope.sql;
    std::vector<storage::Value> params = std::move(scope.params);
    if (from) {
      sql += " AND t.answered_at >= ?";
      params.emplace_back(*from);
    }
    if (to) {
      sql += " AND t.answered_at < ?";
      params.emplace_back(*to);
    }
    sql += " GROUP BY t.theme_id, week ORDER BY week";
    RAPPORT_ASSIGN_OR_RETURN(Rows counts, tx.Query(sql, params));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectThemes));
    for (const auto& row : rows) {
      const Theme theme = FromRow(row);
      json::object served = ToJson(theme);
      json::array weeks;
      int64_t count = 0;
      for (const auto& c : counts) {
        if (c.Text(0) != theme.id) continue;
        weeks.push_back(json::object{{"week", c.Text(1)}, {"n", c.Int(2)}});
        count += c.Int(2);
      }
      served["count"] = count;
      served["weeks"] = std::move(weeks);
      themes.push_back(std::move(served));
    }
    return OkStatus();
  }));
  std::stable_sort(themes.begin(), themes.end(), [](const json::value& a, const json::value& b) {
    return a.at("count").as_int64() > b.at("count").as_int64();
  });
  return json::object{{"themes", std::move(themes)}};
}

Status FeedbackThemes::Tag(const Access& access, const std::string& answer_id,
                           const std::string& theme_id, bool on) {
  RAPPORT_RETURN_IF_ERROR(Check(access, access::Action::kEdit));
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows answer, tx.Query(kAnswer, {answer_id}));
    if (answer.empty()) return Error::NotFound("No completed answer has the id " + answer_id + ".");
    const std::optional<std::string> customer = answer.front().OptText(0);
    if (customer) {
      auto readable = customers::ReadableCustomerOwner(tx, access, *customer);
      if (!readable.ok())
        return Error::NotFound("No completed answer has the id " + answer_id + ".");
    }
    RAPPORT_RETURN_IF_ERROR(Load(tx, theme_id));
    if (!on) {
      RAPPORT_RETURN_IF_ERROR(tx.Exec(kUntag, {answer_id, theme_id}));
      return OkStatus();
    }
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kTagAnswer,
        {answer_id, theme_id, "staff", storage::OptionalText(customer), answer.front().Text(1)}));
    return OkStatus();
  });
}

}  // namespace rapport::feedback
