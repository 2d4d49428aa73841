#include "support/ticket_reports.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "common/time.hpp"

namespace rapport::support {
namespace {

using storage::Rows;
using storage::Tx;

constexpr int64_t kDayMillis = int64_t{24} * 60 * 60 * 1000;

// Every ticket that was open at some moment of the range: created before its end and not
// finished (solved, or closed without a solve: a merge) before its start.
constexpr std::string_view kReportTickets =
    "SELECT t.queue_id, t.assignee_id, t.created_at, t.first_response_at, t.solved_at, "
    "COALESCE(t.solved_at, t.closed_at) FROM tickets t JOIN customers c ON c.id = t.customer_id "
    "LEFT JOIN queues q ON q.id = t.queue_id "
    "WHERE t.created_at < ? AND COALESCE(t.solved_at, t.closed_at, '9999') >= ? AND ";

std::optional<int64_t> DayOf(const std::string& date) {
  if (!IsValidDate(date)) return std::nullopt;
  auto millis = ParseInstant(date + "T00:00:00Z");
  if (!millis) return std::nullopt;
  return *millis / kDayMillis;
}

int64_t Seconds(const std::string& from, const std::string& to) {
  return (ParseInstant(to).value_or(0) - ParseInstant(from).value_or(0)) / 1000;
}

std::string DateOf(int64_t day) { return FormatInstant(day * kDayMillis).substr(0, 10); }

// Counts and durations of one group (the whole report, a queue, an agent).
struct Figures {
  int64_t opened = 0;
  int64_t solved = 0;
  std::vector<int64_t> first_response;
  std::vector<int64_t> resolution;

  json::object ToJson() {
    auto times = [](std::vector<int64_t>& values) {
      const auto count = static_cast<int64_t>(values.size());
      return json::object{{"count", count},
                          {"median_seconds", NearestRank(values, 0.5)},
                          {"p90_seconds", NearestRank(values, 0.9)}};
    };
    return json::object{{"opened", opened},
                        {"solved", solved},
                        {"first_response", times(first_response)},
                        {"resolution", times(resolution)}};
  }
};

json::array GroupsToJson(std::map<std::string, Figures>& groups, std::string_view key) {
  json::array out;
  for (auto& [id, figures] : groups) {
    json::object entry = figures.ToJson();
    entry[key] = id.empty() ? json::value(nullptr) : json::value(id);
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

json::value NearestRank(std::vector<int64_t>& values, double p) {
  if (values.empty()) return nullptr;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::max<size_t>(rank, 1) - 1];
}

Result<json::object> TicketReports::Report(const access::Access& access,
                                           const ReportQuery& query) const {
  if (query.bucket != "day") return Error::Invalid("bucket", "must be day");
  const int64_t today = NowMillis() / kDayMillis;
  std::optional<int64_t> last = query.to ? DayOf(*query.to) : std::optional<int64_t>(today);
  if (!last) return Error::Invalid("to", "must be a date (YYYY-MM-DD)");
  std::optional<int64_t> first = query.from ? DayOf(*query.from) : std::optional(*last - 29);
  if (!first) return Error::Invalid("from", "must be a date (YYYY-MM-DD)");
  if (*first > *last) return Error::Invalid("from", "must not be after to");
  if (*last - *first + 1 > kMaxReportDays) {
    return Error::Invalid("to", "the range is at most " + std::to_string(kMaxReportDays) + " days");
  }
  const int64_t days = *last - *first + 1;
  ReportScope scope{.start = FormatInstant(*first * kDayMillis),
                    .end = FormatInstant((*last + 1) * kDayMillis)};
  // The tickets the caller may read (TicketService::List's rule), of the queue or assignee asked.
  const access::ScopeCondition customers =
      access.Scope(access::Object::kCustomers, access::Action::kRead, "c.owner_id");
  const access::ScopeCondition places =
      access.TicketScope(access::Action::kRead, "q.team_id", "t.assignee_id");
  scope.condition = "(" + customers.sql + ") AND (" + places.sql + ")";
  scope.params = customers.params;
  scope.params.insert(scope.params.end(), places.params.begin(), places.params.end());
  // The conversations the caller may read (chat::Reaches): a verified customer's only by their
  // readers, any of them only by those whose tickets level reaches its queue's team or assignee.
  const access::ScopeCondition chat_places =
      access.TicketScope(access::Action::kRead, "q.team_id", "ch.assignee_id");
  scope.chat_condition =
      "(ch.customer_id IS NULL OR (" + customers.sql + ")) AND (" + chat_places.sql + ")";
  scope.chat_params = customers.params;
  scope.chat_params.insert(scope.chat_params.end(), chat_places.params.begin(),
                           chat_places.params.end());
  if (query.queue_id) {
    scope.condition += " AND t.queue_id = ?";
    scope.params.emplace_back(*query.queue_id);
    scope.chat_condition += " AND ch.queue_id = ?";
    scope.chat_params.emplace_back(*query.queue_id);
  }
  if (query.assignee_id) {
    scope.condition += " AND t.assignee_id = ?";
    scope.params.emplace_back(*query.assignee_id);
    scope.chat_condition += " AND ch.assignee_id = ?";
    scope.chat_params.emplace_back(*query.assignee_id);
  }
  std::vector<int64_t> opened(days, 0);
  std::vector<int64_t> solved(days, 0);
  std::vector<int64_t> backlog_change(days + 1, 0);
  Figures totals;
  std::map<std::string, Figures> by_queue;
  std::map<std::string, Figures> by_agent;
  json::object answer;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    std::vector<storage::Value> params{scope.end, scope.start};
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    RAPPORT_ASSIGN_OR_RETURN(Rows rows,
                             tx.Query(std::string(kReportTickets) + scope.condition, params));
    for (const auto& row : rows) {
      const std::string created = row.Text(2);
      const auto first_response = row.OptText(3);
      const auto solved_at = row.OptText(4);
      const auto finished = row.OptText(5);  // solved, or closed without a solve (merged)
      const int64_t created_day = ParseInstant(created).value_or(0) / kDayMillis - *first;
      std::vector<Figures*> groups{&totals, &by_queue[row.OptText(0).value_or("")],
                                   &by_agent[row.OptText(1).value_or("")]};
      // The backlog holds the ticket from the end of the day it was created (or the range's
      // start) until the end of the day before it was finished.
      backlog_change[std::max<int64_t>(created_day, 0)] += 1;
      if (created_day >= 0) {
        ++opened[created_day];
        for (Figures* group : groups) {
          ++group->opened;
          if (first_response) group->first_response.push_back(Seconds(created, *first_response));
        }
      }
      if (finished) {
        const int64_t finished_day = ParseInstant(*finished).value_or(0) / kDayMillis - *first;
        if (finished_day < days) {
          backlog_change[finished_day] -= 1;
          if (solved_at) ++solved[finished_day];
          for (Figures* group : solved_at ? groups : std::vector<Figures*>{}) {
            ++group->solved;
            group->resolution.push_back(Seconds(created, *solved_at));
          }
        }
      }
    }
    json::array per_day;
    int64_t backlog = 0;
    for (int64_t d = 0; d < days; ++d) {
      backlog += backlog_change[d];
      per_day.push_back(json::object{{"date", DateOf(*first + d)},
                                     {"opened", opened[d]},
                                     {"solved", solved[d]},
                                     {"backlog", backlog}});
    }
    answer = json::object{{"from", DateOf(*first)},
                          {"to", DateOf(*last)},
                          {"bucket", query.bucket},
                          {"days", std::move(per_day)},
                          {"totals", totals.ToJson()},
                          {"by_queue", GroupsToJson(by_queue, "queue_id")},
                          {"by_agent", GroupsToJson(by_agent, "assignee_id")},
                          {"sla", nullptr},
                          {"satisfaction", nullptr}};
    for (const auto& section : sections_) {
      RAPPORT_ASSIGN_OR_RETURN(answer[section.name], section.compute(tx, scope));
    }
    return OkStatus();
  }));
  return answer;
}

}  // namespace rapport::support
