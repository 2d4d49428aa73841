#include "feedback/survey_results.hpp"

#include <map>
#include <set>

#include "customers/customer_service.hpp"
#include "feedback/survey_service.hpp"
#include "feedback/survey_stats.hpp"

namespace rapport::feedback {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kCursorSort = "answered";
constexpr size_t kMaxSearch = 200;

// Breakdown keys: fixed expressions chosen by name, never text from the request.
std::optional<std::string> GroupExpression(const std::optional<std::string>& by) {
  if (!by) return "''";
  if (*by == "relationship_type") return "COALESCE(c.relationship_type, '')";
  if (*by == "lifecycle_stage") return "c.lifecycle_stage";
  if (*by == "queue") return "COALESCE(q.name, '')";
  if (*by == "product_category") return "COALESCE(ol.category, '')";
  return std::nullopt;
}

struct Where {
  std::string sql;
  std::vector<storage::Value> params;
};

Where Filters(const access::Access& access, const std::string& survey_id, const ResultsQuery& query,
              std::string_view time_column,
              const customers::CompiledFilter* customer_filter = nullptr) {
  const access::ScopeCondition scope =
      access.Scope(access::Object::kCustomers, access::Action::kRead, "c.owner_id");
  Where where{.sql = " WHERE a.survey_id = ? AND (" + scope.sql + ")", .params = {survey_id}};
  where.params.insert(where.params.end(), scope.params.begin(), scope.params.end());
  if (customer_filter != nullptr) {
    where.sql += " AND (" + customer_filter->sql + ")";
    where.params.insert(where.params.end(), customer_filter->params.begin(),
                        customer_filter->params.end());
  }
  if (query.from) {
    where.sql += " AND " + std::string(time_column) + " >= ?";
    where.params.emplace_back(*query.from);
  }
  if (query.to) {
    where.sql += " AND " + std::string(time_column) + " < ?";
    where.params.emplace_back(*query.to);
  }
  return where;
}

double Headline(std::string_view kind, const ScoreSummary& summary) {
  if (kind == "nps") return summary.nps.value_or(0);
  return summary.average.value_or(0);
}

}  // namespace

Result<json::object> SurveyResults::Results(const access::Access& access,
                                            const std::string& survey_id,
                                            const ResultsQuery& query) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kRead));
  const auto group = GroupExpression(query.by);
  if (!group) {
    return Error::Invalid("by",
                          "must be relationship_type, lifecycle_stage, queue or product_category");
  }
  const bool by_category = query.by == "product_category";
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(SurveyVersion survey, LoadSurveyVersion(tx, survey_id));
    const std::string& kind = survey.definition.kind;
    std::optional<customers::CompiledFilter> customer_filter;
    if (!query.filter.is_null()) {
      RAPPORT_ASSIGN_OR_RETURN(customer_filter,
                               customers::CompileListFilter(tx, access, traits_, query.filter));
    }
    const customers::CompiledFilter* only = customer_filter ? &*customer_filter : nullptr;
    // Invitations that reached someone (throttled and refused ones did not), in the range.
    Where invited_where = Filters(access, survey_id, query, "a.created_at", only);
    const std::string invited_sql =
        "SELECT COUNT(*) FROM survey_invitations a LEFT JOIN customers c ON c.id = a.customer_id" +
        invited_where.sql + " AND a.status IN ('sent', 'answering', 'completed')";
    RAPPORT_ASSIGN_OR_RETURN(Rows invited, tx.Query(invited_sql, invited_where.params));
    Where where = Filters(access, survey_id, query, "a.answered_at", only);
    // By product category an answer about an order is one row per distinct category of its
    // lines (DISTINCT on the answer's id), so only the breakdown counts it more than once.
    const std::string answers_sql =
        "SELECT " + std::string(by_category ? "DISTINCT a.id, " : "a.id, ") +
        "a.score, substr(a.answered_at, 1, 10), " + *group +
        " FROM survey_answers a LEFT JOIN customers c ON c.id = a.customer_id"
        " JOIN survey_invitations i ON i.id = a.invitation_id"
        " LEFT JOIN tickets t ON t.id = i.about_ticket_id LEFT JOIN queues q ON q.id = t.queue_id" +
        std::string(by_category ? " LEFT JOIN order_lines ol ON ol.order_id = i.about_order_id"
                                : "") +
        where.sql + " AND a.status = 'completed'";
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(answers_sql, where.params));
    std::vector<int64_t> scores;
    std::map<std::string, std::vector<int64_t>> by_day;
    std::map<std::string, std::vector<int64_t>> by_group;
    int64_t answered = 0;
    std::set<std::string> seen;
    for (const auto& row : rows) {
      const bool first = seen.insert(row.Text(0)).second;
      if (first) ++answered;
      if (row.IsNull(1)) continue;
      if (first) {
        scores.push_back(row.Int(1));
        by_day[row.Text(2)].push_back(row.Int(1));
      }
      by_group[row.Text(3)].push_back(row.Int(1));
    }
    const int64_t invited_count = invited.empty() ? 0 : invited.front().Int(0);
    json::array trend;
    for (const auto& [day, day_scores] : by_day) {
      const ScoreSummary summary = Summarize(kind, day_scores);
      trend.push_back(
          json::object{{"date", day}, {"n", summary.n}, {"score", Headline(kind, summary)}});
    }
    out = json::object{
        {"survey_id", survey_id},
        {"kind", kind},
        {"invited", invited_count},
        {"answered", answered},
        {"response_rate", invited_count > 0 ? json::value(static_cast<double>(answered) /
                                                          static_cast<double>(invited_count))
                                            : json::value(nullptr)},
        {"summary", SummaryToJson(kind, Summarize(kind, scores))},
        {"trend", std::move(trend)}};
    if (query.by) {
      json::array breakdown;
      for (const auto& [key, group_scores] : by_group) {
        const ScoreSummary summary = Summarize(kind, group_scores);
        breakdown.push_back(json::object{{"key", key},
                                         {"n", summary.n},
                                         {"score", Headline(kind, summary)},
                                         {"summary", SummaryToJson(kind, summary)}});
      }
      out["breakdown"] = std::move(breakdown);
    }
    return OkStatus();
  }));
  return out;
}

namespace {

// Each answer's feedback themes ([{id, name, source}]), in one query for the page.
Status AddThemes(Tx& tx, json::array& answers) {
  if (answers.empty()) return OkStatus();
  std::string sql =
      "SELECT t.answer_id, t.theme_id, f.name, t.source FROM answer_themes t "
      "JOIN feedback_themes f ON f.id = t.theme_id WHERE t.answer_id IN (";
  std::vector<storage::Value> ids;
  for (const auto& answer : answers) {
    sql += ids.empty() ? "?" : ", ?";
    ids.emplace_back(std::string(answer.at("id").as_string()));
  }
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql + ") ORDER BY f.name", ids));
  for (auto& answer : answers) {
    json::array themes;
    for (const auto& row : rows) {
      if (row.Text(0) != answer.at("id").as_string()) continue;
      themes.push_back(
          json::object{{"id", row.Text(1)}, {"name", row.Text(2)}, {"source", row.Text(3)}});
    }
    answer.as_object()["themes"] = std::move(themes);
  }
  return OkStatus();
}

}  // namespace

Result<Page> SurveyResults::Answers(const access::Access& access, const std::string& survey_id,
                                    const AnswersQuery& query) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kRead));
  std::optional<int64_t> after;
  if (query.cursor) {
    RAPPORT_ASSIGN_OR_RETURN(CursorPosition position, DecodeCursor(*query.cursor, kCursorSort));
    if (!position.value.is_int64()) return Error::Malformed("The cursor is not valid.");
    after = position.value.as_int64();
  }
  if (query.q && query.q->size() > kMaxSearch) {
    return Error::Invalid("q", "must be at most 200 characters");
  }
  Page page;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(LoadSurveyVersion(tx, survey_id));
    Where where = Filters(access, survey_id, {}, "a.answered_at");
    std::string sql =
        "SELECT a.seq, a.id, a.customer_id, COALESCE(c.display_name, 'Anonymous'), "
        "a.survey_version, a.score, a.comment, a.sentiment, a.answers, a.answered_at "
        "FROM survey_answers a LEFT JOIN customers c ON c.id = a.customer_id" +
        where.sql + " AND a.status = 'completed'";
    if (after) {
      sql += " AND a.seq < ?";
      where.params.emplace_back(*after);
    }
    if (query.q && !query.q->empty()) {
      // Case-insensitive for ASCII; the comments are short and the survey's answers few enough
      // that a scan of one survey's comments is what an index would save little on.
      sql += " AND instr(lower(a.comment), lower(?)) > 0";
      where.params.emplace_back(*query.q);
    }
    if (query.theme) {
      sql += " AND a.id IN (SELECT answer_id FROM answer_themes WHERE theme_id = ?)";
      where.params.emplace_back(*query.theme);
    }
    sql += " ORDER BY a.seq DESC LIMIT ?";
    where.params.emplace_back(static_cast<int64_t>(query.limit) + 1);
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, where.params));
    for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(query.limit); ++i) {
      const auto& row = rows[i];
      auto answers = ParseJsonObject(row.Text(8));
      page.data.push_back(json::object{
          {"id", row.Text(1)},
          {"customer_id", row.IsNull(2) ? json::value(nullptr) : json::value(row.Text(2))},
          {"customer_name", row.Text(3)},
          {"survey_version", row.Int(4)},
          {"score", row.IsNull(5) ? json::value(nullptr) : json::value(row.Int(5))},
          {"comment", row.IsNull(6) ? json::value(nullptr) : json::value(row.Text(6))},
          {"sentiment", row.IsNull(7) ? json::value(nullptr) : json::value(row.Real(7))},
          {"answers", answers.ok() ? json::value(std::move(*answers)) : json::value(nullptr)},
          {"answered_at", row.Text(9)}});
    }
    RAPPORT_RETURN_IF_ERROR(AddThemes(tx, page.data));
    if (rows.size() > static_cast<size_t>(query.limit)) {
      const auto& last = rows[static_cast<size_t>(query.limit) - 1];
      page.next_cursor = EncodeCursor({.sort = std::string(kCursorSort),
                                       .value = json::value(last.Int(0)),
                                       .id = last.Text(1)});
    }
    return OkStatus();
  }));
  return page;
}

}  // namespace rapport::feedback
