#include "analytics/health_reads.hpp"

#include "analytics/health_score.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"

namespace rapport::analytics {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kSelectHealth =
    "SELECT score, risk, reasons, nps_last, bad_open, updated_at FROM customer_health "
    "WHERE customer_id = ?";
constexpr std::string_view kSelectExperiences =
    "SELECT id, cause, summary, state, outcome, occurred_at, recorded_by, resolved_at, "
    "resolved_by, version, follow_up_task_id, follow_up_ticket_id FROM bad_experiences "
    "WHERE customer_id = ? "
    "ORDER BY state <> 'open', occurred_at DESC, seq DESC LIMIT 50";
constexpr std::string_view kSelectDaily =
    "SELECT day, low, medium, high, average_score FROM health_daily WHERE day >= ? ORDER BY day";
constexpr std::string_view kCurrent = "SELECT risk, count(*) FROM customer_health GROUP BY risk";

// One page of the at-risk list. The risk index (risk, score, customer_id) serves the order; the
// customer row joins by primary key for the name and the access scope.
constexpr std::string_view kAtRisk =
    "SELECT h.customer_id, c.display_name, c.owner_id, h.score, h.risk, h.reasons "
    "FROM customer_health h JOIN customers c ON c.id = h.customer_id WHERE ";

constexpr std::string_view kRecent =
    "SELECT b.id, b.customer_id, c.display_name, b.cause, b.summary, b.state, b.occurred_at "
    "FROM bad_experiences b JOIN customers c ON c.id = b.customer_id WHERE ";

json::value Optional(const storage::Row& row, size_t column) {
  return row.IsNull(column) ? json::value(nullptr) : json::value(row.Text(column));
}

}  // namespace

Result<json::object> HealthReads::ForCustomer(const access::Access& access,
                                              const std::string& customer_id) {
  json::object out{{"customer_id", customer_id}};
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(customers::ReadableCustomerOwner(tx, access, customer_id));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectHealth, {customer_id}));
    if (rows.empty()) {
      out["score"] = nullptr;
      out["risk"] = nullptr;
      out["reasons"] = json::array();
      out["nps_last"] = nullptr;
      out["bad_experiences_open"] = 0;
      out["updated_at"] = nullptr;
    } else {
      const storage::Row& row = rows.front();
      out["score"] = row.Int(0);
      out["risk"] = row.Text(1);
      auto reasons = ParseJson(row.Text(2));
      out["reasons"] = reasons.ok() && reasons->is_array() ? *reasons : json::array();
      out["nps_last"] = row.IsNull(3) ? json::value(nullptr) : json::value(row.Int(3));
      out["bad_experiences_open"] = row.Int(4);
      out["updated_at"] = row.Text(5);
    }
    RAPPORT_ASSIGN_OR_RETURN(Rows experiences, tx.Query(kSelectExperiences, {customer_id}));
    json::array list;
    for (const auto& e : experiences) {
      list.push_back(json::object{{"id", e.Text(0)},
                                  {"customer_id", customer_id},
                                  {"cause", e.Text(1)},
                                  {"summary", e.Text(2)},
                                  {"state", e.Text(3)},
                                  {"outcome", Optional(e, 4)},
                                  {"occurred_at", e.Text(5)},
                                  {"recorded_by", Optional(e, 6)},
                                  {"resolved_at", Optional(e, 7)},
                                  {"resolved_by", Optional(e, 8)},
                                  {"version", e.Int(9)},
                                  {"follow_up_task_id", Optional(e, 10)},
                                  {"follow_up_ticket_id", Optional(e, 11)}});
    }
    out["bad_experiences"] = std::move(list);
    return OkStatus();
  }));
  return out;
}

Result<json::object> HealthReads::Distribution(const access::Access& access, int64_t days) {
  if (access.LevelFor(access::Object::kCustomers, access::Action::kRead) != access::Level::kAll) {
    return Error::PermissionDenied(
        "The health distribution counts every customer: it needs the customers read level all.");
  }
  if (days < 1 || days > kMaxDistributionDays) {
    return Error::Invalid("days", "must be a whole number from 1 to 730");
  }
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    const int64_t today = NowMillis() / 86'400'000;
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectDaily, {DateOfDay(today - days + 1)}));
    json::array data;
    for (const auto& row : rows) {
      data.push_back(json::object{
          {"day", row.Text(0)},
          {"low", row.Int(1)},
          {"medium", row.Int(2)},
          {"high", row.Int(3)},
          {"average_score", row.IsNull(4) ? json::value(nullptr) : json::value(row.Real(4))}});
    }
    RAPPORT_ASSIGN_OR_RETURN(Rows current, tx.Query(kCurrent));
    json::object counts{{"low", 0}, {"medium", 0}, {"high", 0}};
    for (const auto& row : current) counts[row.Text(0)] = row.Int(1);
    out = json::object{{"data", std::move(data)}, {"current", std::move(counts)}};
    return OkStatus();
  }));
  return out;
}

Result<json::object> HealthReads::AtRisk(const access::Access& access, const std::string& risk,
                                         const std::optional<std::string>& owner, int64_t limit,
                                         const std::optional<std::string>& cursor) {
  if (!risk.empty() && risk != "high" && risk != "medium" && risk != "low") {
    return Error::Invalid("risk", "must be high, medium or low");
  }
  if (limit < 1 || limit > 200) return Error::Invalid("limit", "must be from 1 to 200");
  std::string sql(kAtRisk);
  std::vector<storage::Value> params;
  if (!risk.empty()) {
    sql += "h.risk = ? AND ";
    params.emplace_back(risk);
  }
  if (owner) {
    sql += "c.owner_id = ? AND ";
    params.emplace_back(*owner);
  }
  if (cursor) {
    // "<score>:<customer id>", as this read wrote it.
    const size_t colon = cursor->find(':');
    int64_t score = -1;
    if (colon != std::string::npos && colon > 0 && colon <= 3) {
      score = 0;
      for (char c : cursor->substr(0, colon)) {
        score = (c >= '0' && c <= '9' && score >= 0) ? score * 10 + (c - '0') : -1;
      }
    }
    if (score < 0 || score > 100) return Error::Invalid("cursor", "is not a cursor of this list");
    sql += "(h.score > ? OR (h.score = ? AND h.customer_id > ?)) AND ";
    params.emplace_back(score);
    params.emplace_back(score);
    params.emplace_back(cursor->substr(colon + 1));
  }
  const access::ScopeCondition scope =
      access.Scope(access::Object::kCustomers, access::Action::kRead, "c.owner_id");
  sql += "(" + scope.sql + ") ORDER BY h.score, h.customer_id LIMIT ?";
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  params.emplace_back(limit + 1);
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
    json::array data;
    std::optional<std::string> next;
    for (size_t i = 0; i < rows.size(); ++i) {
      const storage::Row& row = rows[i];
      if (static_cast<int64_t>(i) == limit) {
        const storage::Row& last = rows[i - 1];
        next = std::to_string(last.Int(3)) + ":" + last.Text(0);
        break;
      }
      auto reasons = ParseJson(row.Text(5));
      json::value reason = nullptr;
      if (reasons.ok() && reasons->is_array() && !reasons->as_array().empty()) {
        reason = reasons->as_array().front().as_object().at("text");
      }
      data.push_back(json::object{{"customer_id", row.Text(0)},
                                  {"display_name", row.Text(1)},
                                  {"owner_id", Optional(row, 2)},
                                  {"score", row.Int(3)},
                                  {"risk", row.Text(4)},
                                  {"reason", std::move(reason)}});
    }
    out = json::object{{"data", std::move(data)},
                       {"next_cursor", next ? json::value(*next) : json::value(nullptr)}};
    return OkStatus();
  }));
  return out;
}

Result<json::object> HealthReads::RecentBadExperiences(const access::Access& access,
                                                       const std::vector<std::string>& causes,
                                                       const std::optional<std::string>& owner,
                                                       bool open_only, int64_t limit) {
  if (limit < 1 || limit > 50) return Error::Invalid("limit", "must be from 1 to 50");
  if (causes.size() > 11) return Error::Invalid("cause", "names too many causes");
  std::string sql(kRecent);
  std::vector<storage::Value> params;
  if (!causes.empty()) {
    sql += "b.cause IN (";
    for (size_t i = 0; i < causes.size(); ++i) {
      sql += i == 0 ? "?" : ", ?";
      params.emplace_back(causes[i]);
    }
    sql += ") AND ";
  }
  if (open_only) sql += "b.state = 'open' AND ";
  if (owner) {
    sql += "c.owner_id = ? AND ";
    params.emplace_back(*owner);
  }
  const access::ScopeCondition scope =
      access.Scope(access::Object::kCustomers, access::Action::kRead, "c.owner_id");
  sql += "(" + scope.sql + ") ORDER BY b.seq DESC LIMIT ?";
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  params.emplace_back(limit);
  json::object out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
    json::array data;
    for (const auto& row : rows) {
      data.push_back(json::object{{"id", row.Text(0)},
                                  {"customer_id", row.Text(1)},
                                  {"display_name", row.Text(2)},
                                  {"cause", row.Text(3)},
                                  {"summary", row.Text(4)},
                                  {"state", row.Text(5)},
                                  {"occurred_at", row.Text(6)}});
    }
    out = json::object{{"data", std::move(data)}};
    return OkStatus();
  }));
  return out;
}

}  // namespace rapport::analytics
