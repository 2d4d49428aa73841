// TicketReports: the service desk's figures over a bounded range of days (docs/design/
// ticket_reports.md) — tickets opened and solved per day, the backlog at the end of each day,
// first-response and resolution times (median and 90th percentile, nearest rank, in seconds),
// per queue and per agent — over the tickets the caller may read, optionally of one queue or one
// assignee.
//
// Seam for the parts built beside this one: SLA attainment (the SLA wiring's breaches) and
// satisfaction (the ratings) are report *sections* the composition root adds with AddSection;
// each gets the same scope (an SQL condition over `tickets t`, `customers c`, `queues q` and the
// range) and fills its member of the answer. Without one, its member is null.
//
// Sections are added before serving; after that the object is only read: thread-safe. Calls
// block on storage.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"

namespace rapport::support {

// The widest range one report covers: a year and a day (a leap year's days).
inline constexpr int kMaxReportDays = 366;

struct ReportQuery {
  std::optional<std::string> from;  // YYYY-MM-DD (UTC days), inclusive; default: 29 days before
  std::optional<std::string> to;    // YYYY-MM-DD, inclusive; default: today
  std::optional<std::string> queue_id;
  std::optional<std::string> assignee_id;
  std::string bucket = "day";
};

// What a section sees: the tickets of the report as a condition (with its parameters, in
// order), the chat conversations likewise (the same caller's reach, queue and assignee: chat
// ratings count beside ticket ratings), and the range as instants [start, end).
struct ReportScope {
  std::string condition;  // over tickets t JOIN customers c LEFT JOIN queues q
  std::vector<storage::Value> params;
  // over chat_conversations ch LEFT JOIN customers c LEFT JOIN queues q
  std::string chat_condition;
  std::vector<storage::Value> chat_params;
  std::string start;
  std::string end;
};

struct ReportSection {
  std::string name;  // "sla", "satisfaction": the member of the answer it fills
  std::function<Result<json::value>(storage::Tx&, const ReportScope&)> compute;
};

class TicketReports {
 public:
  explicit TicketReports(storage::Database& database) : database_(database) {}

  void AddSection(ReportSection section) { sections_.push_back(std::move(section)); }

  // {from, to, bucket, days: [{date, opened, solved, backlog}], totals: {opened, solved,
  // first_response, resolution}, by_queue: [...], by_agent: [...], sla, satisfaction}.
  // kInvalidArgument naming from, to, bucket for a bad or too long range.
  Result<json::object> Report(const access::Access& access, const ReportQuery& query) const;

 private:
  storage::Database& database_;
  std::vector<ReportSection> sections_;
};

// The nearest-rank percentile `p` (0 < p <= 1) of `values` (sorted here); null when empty.
json::value NearestRank(std::vector<int64_t>& values, double p);

}  // namespace rapport::support
