#include "customers/upcoming_dates.hpp"

#include <algorithm>
#include <map>

#include "common/time.hpp"
#include "customers/custom_fields.hpp"

namespace rapport::customers {
namespace {

constexpr int64_t kMillisPerDay = 86'400'000;

// The caller's customers whose birthday's month-day is one of ?1 (a JSON list of "MM-DD") or
// whose renewal date lies within ?2..?3 (NULL when there is no renewal field). The owner index
// narrows to the caller's customers first; record access is appended by the caller.
constexpr std::string_view kSelect =
    "SELECT c.id, c.display_name, c.birthday, json_extract(c.custom_fields, ?4) "
    "FROM customers c WHERE c.owner_id = ?5 AND ("
    "(c.birthday IS NOT NULL AND substr(c.birthday, 6, 5) IN (SELECT value FROM json_each(?1))) "
    "OR (?2 IS NOT NULL AND json_extract(c.custom_fields, ?4) BETWEEN ?2 AND ?3))";

std::string DateOf(int64_t day) { return FormatInstant(day * kMillisPerDay).substr(0, 10); }

bool IsLeap(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// The month-day a birthday is celebrated on in the year of `date` ("YYYY-MM-DD").
std::string CelebratedOn(std::string_view birthday_md, std::string_view date) {
  if (birthday_md == "02-29" && !IsLeap(std::stoll(std::string(date.substr(0, 4))))) {
    return "02-28";
  }
  return std::string(birthday_md);
}

}  // namespace

Result<json::object> UpcomingDates::Mine(const access::Access& access, int64_t today, int days) {
  if (days < 1 || days > kMaxUpcomingDays) {
    return Error::Invalid("days", "must be 1 to " + std::to_string(kMaxUpcomingDays));
  }
  json::array data;
  if (access.user_id().empty() ||
      access.LevelFor(access::Object::kCustomers, access::Action::kRead) == access::Level::kNone) {
    return json::object{{"data", std::move(data)}, {"days", days}};
  }
  // Day d of the window, by the month-day it shows ("02-28" also stands for "02-29" then).
  std::vector<std::string> dates;
  json::array month_days;
  for (int d = 0; d < days; ++d) {
    dates.push_back(DateOf(today + d));
    const std::string md = dates.back().substr(5);
    month_days.emplace_back(md);
    if (md == "02-28" && !IsLeap(std::stoll(dates.back().substr(0, 4)))) {
      month_days.emplace_back("02-29");
    }
  }
  const bool birthdays = !access.IsHidden(access::Object::kCustomers, "birthday");
  const bool renewals_visible =
      !access.IsHidden(access::Object::kCustomers, "custom_fields." + std::string(kRenewalField));
  struct Entry {
    std::string date;
    std::string kind;
    std::string customer_id;
    std::string display_name;
  };
  std::vector<Entry> entries;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto definitions, LoadCustomFields(tx, "customer"));
    const CustomFieldDefinition* field = FindCustomField(definitions, kRenewalField);
    const bool renewals =
        renewals_visible && field != nullptr && field->type == CustomFieldType::kDate;
    if (!birthdays && !renewals) return OkStatus();
    access::ScopeCondition scope =
        access.Scope(access::Object::kCustomers, access::Action::kRead, "c.owner_id");
    std::vector<storage::Value> params{
        ToJsonString(birthdays ? month_days : json::array()),
        renewals ? storage::Value(dates.front()) : storage::Value(storage::Null()), dates.back(),
        "$.\"" + std::string(kRenewalField) + "\"", access.user_id()};
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    // Parameters past ?5 are the scope's, numbered on from there.
    std::string sql = std::string(kSelect) + " AND " + scope.sql + " LIMIT ?";
    params.emplace_back(static_cast<int64_t>(kMaxUpcomingDates * 4));
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(sql, params));
    for (const auto& row : rows) {
      if (birthdays && !row.IsNull(2)) {
        const std::string md = row.Text(2).substr(5);
        for (const std::string& date : dates) {
          if (CelebratedOn(md, date) == date.substr(5)) {
            entries.push_back({date, "birthday", row.Text(0), row.Text(1)});
            break;
          }
        }
      }
      if (renewals && !row.IsNull(3)) {
        const std::string renewal = row.Text(3);
        if (renewal >= dates.front() && renewal <= dates.back()) {
          entries.push_back({renewal, "renewal", row.Text(0), row.Text(1)});
        }
      }
    }
    return OkStatus();
  }));
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.date, a.kind, a.display_name, a.customer_id) <
           std::tie(b.date, b.kind, b.display_name, b.customer_id);
  });
  if (entries.size() > kMaxUpcomingDates) entries.resize(kMaxUpcomingDates);
  for (const Entry& e : entries) {
    const auto at = std::find(dates.begin(), dates.end(), e.date);
    data.push_back(json::object{{"customer_id", e.customer_id},
                                {"display_name", e.display_name},
                                {"kind", e.kind},
                                {"date", e.date},
                                {"in_days", static_cast<int64_t>(at - dates.begin())}});
  }
  return json::object{{"data", std::move(data)}, {"days", days}};
}

}  // namespace rapport::customers
