// SurveyResults: what staff read about a survey's answers (docs/design/surveys.md § Results):
// the summary of its score (survey_stats.hpp), the response rate, the trend by day, a breakdown
// by relationship type, lifecycle stage or the queue of the ticket it was about, and the answers
// themselves with their comments and sentiment, searchable.
//
// Access: surveys read, and only answers of customers the caller may read count (the customers
// read scope is ANDed into every query), so two people may see different figures. Reads only;
// holds a reference to the Database; thread-safe; calls block on storage.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/page.hpp"
#include "customers/customer_traits.hpp"
#include "storage/database.hpp"

namespace rapport::feedback {

struct ResultsQuery {
  std::optional<std::string> from;  // RFC 3339: answers at or after
  std::optional<std::string> to;    // before
  // relationship_type | lifecycle_stage | queue | product_category (of the order the answer is
  // about; an order of several categories counts once in each)
  std::optional<std::string> by;
  json::value filter;  // the filter language (docs/design/filters.md): only these customers
};

struct AnswersQuery {
  std::optional<std::string> q;  // words in the comment
  int limit = kDefaultPageSize;
  std::optional<std::string> cursor;
  std::optional<std::string> theme;  // only answers tagged with this feedback theme
};

class SurveyResults {
 public:
  // `traits`: what other areas publish about customers, for `filter`; must outlive this.
  explicit SurveyResults(storage::Database& database,
                         const customers::CustomerTraits& traits = customers::NoCustomerTraits())
      : database_(database), traits_(traits) {}

  // {survey_id, kind, invited, answered, response_rate, summary, trend: [{date, n, score}],
  //  breakdown: [{key, n, score}] (when `by`)}; `score` is the NPS or the average.
  Result<json::object> Results(const access::Access& access, const std::string& survey_id,
                               const ResultsQuery& query);
  // Completed answers, newest first: {id, customer_id, customer_name, survey_version, score,
  // comment, sentiment, answers, answered_at}.
  Result<Page> Answers(const access::Access& access, const std::string& survey_id,
                       const AnswersQuery& query);

 private:
  storage::Database& database_;
  const customers::CustomerTraits& traits_;
};

}  // namespace rapport::feedback
