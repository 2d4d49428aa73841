#include "loyalty/birthday.hpp"

#include <chrono>

#include "loyalty/days.hpp"
#include "loyalty/order_earning.hpp"
#include "loyalty/programme_store.hpp"

namespace rapport::loyalty {
namespace {

using storage::Rows;
using storage::Tx;

// The birthday is the customer record's own column; loyalty reads it here and nowhere else.
constexpr std::string_view kBirthday = "SELECT birthday FROM customers WHERE id = ?";
constexpr std::string_view kBirthdaysPage =
    "SELECT seq, id FROM customers WHERE seq > ? AND birthday IS NOT NULL ORDER BY seq LIMIT ?";
constexpr int64_t kSweepPage = 500;

Result<std::optional<std::string>> BirthdayOf(Tx& tx, const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kBirthday, {customer_id}));
  if (rows.empty() || rows[0].IsNull(0)) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Result<bool> AnyProgrammePaysBirthdays(Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(std::vector<StoredProgramme> programmes, LoadProgrammes(tx));
  for (const auto& p : programmes) {
    if (p.programme.earn.birthday.points > 0) return true;
  }
  return false;
}

int64_t DayOfDate(int year, unsigned month, unsigned day) {
  using namespace std::chrono;
  return sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}}
      .time_since_epoch()
      .count();
}

}  // namespace

std::optional<BirthdayOccurrence> NextBirthday(std::string_view birthday, int64_t from_day) {
  auto born = DayOf(birthday);
  if (!born) return std::nullopt;
  using namespace std::chrono;
  const year_month_day b{sys_days{days{*born}}};
  const year_month_day from{sys_days{days{from_day}}};
  for (int year = static_cast<int>(from.year()); year <= static_cast<int>(from.year()) + 1;
       ++year) {
    unsigned d = static_cast<unsigned>(b.day());
    const unsigned m = static_cast<unsigned>(b.month());
    // 29 February: the 28th in a year without one.
    if (m == 2 && d == 29 && !std::chrono::year{year}.is_leap()) d = 28;
    const int64_t day = DayOfDate(year, m, d);
    if (day >= from_day) return BirthdayOccurrence{.day = day, .year = year};
  }
  return std::nullopt;
}

Status ScheduleBirthday(Tx& tx, const std::string& customer_id, int64_t today) {
  RAPPORT_ASSIGN_OR_RETURN(auto birthday, BirthdayOf(tx, customer_id));
  RAPPORT_ASSIGN_OR_RETURN(bool pays, AnyProgrammePaysBirthdays(tx));
  auto next = birthday && pays ? NextBirthday(*birthday, today) : std::nullopt;
  if (!next) return storage::CancelJob(tx, kBirthdayJobKind, customer_id);
  return storage::ScheduleJob(tx, kBirthdayJobKind, customer_id, next->day * kMillisPerDay,
                              json::object{{"year", next->year}});
}

Status StartBirthdaySweep(Tx& tx, int64_t now_millis) {
  return storage::ScheduleJob(tx, kBirthdaySweepKind, "all", now_millis,
                              json::object{{"after_seq", 0}});
}

storage::Scheduler::Handler BirthdayJobHandler(std::function<int64_t()> clock) {
  return [clock = std::move(clock)](Tx& tx, const storage::ScheduledJob& job) -> Status {
    const storage::WriteContext context{.actor = "system:loyalty", .via = "system"};
    const int64_t today = DayOfMillis(clock());
    const json::value* year = job.payload.if_contains("year");
    if (year != nullptr && year->is_int64()) {
      RAPPORT_ASSIGN_OR_RETURN(std::vector<StoredProgramme> programmes, LoadProgrammes(tx));
      for (const auto& stored : programmes) {
        const Programme& p = stored.programme;
        if (p.earn.birthday.points <= 0) continue;
        // Once per member and year: a second run finds the cause earned (EarnBonus ignores it).
        RAPPORT_RETURN_IF_ERROR(EarnBonus(tx, context, p, job.key,
                                          "bonus:birthday " + std::to_string(year->as_int64()),
                                          p.earn.birthday, today));
      }
    }
    // The next one, from tomorrow: today's is paid.
    return ScheduleBirthday(tx, job.key, today + 1);
  };
}

storage::Scheduler::Handler BirthdaySweepHandler(std::function<int64_t()> clock) {
  return [clock = std::move(clock)](Tx& tx, const storage::ScheduledJob& job) -> Status {
    const json::value* after = job.payload.if_contains("after_seq");
    const int64_t after_seq = after != nullptr && after->is_int64() ? after->as_int64() : 0;
    const int64_t now = clock();
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kBirthdaysPage, {after_seq, kSweepPage}));
    for (const auto& row : rows) {
      RAPPORT_RETURN_IF_ERROR(ScheduleBirthday(tx, row.Text(1), DayOfMillis(now)));
    }
    if (static_cast<int64_t>(rows.size()) < kSweepPage) return OkStatus();  // done
    // The next page in its own transaction, where a restart picks it up.
    return storage::ScheduleJob(tx, kBirthdaySweepKind, "all", now,
                                json::object{{"after_seq", rows.back().Int(0)}});
  };
}

}  // namespace rapport::loyalty
