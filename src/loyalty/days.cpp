#include "loyalty/days.hpp"

#include <chrono>

#include "common/time.hpp"

namespace rapport::loyalty {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

year_month_day Ymd(int64_t day) { return year_month_day{sys_days{days{day}}}; }
int64_t DayNumber(const year_month_day& ymd) { return sys_days{ymd}.time_since_epoch().count(); }

}  // namespace

int64_t DayOfMillis(int64_t millis) {
  return millis >= 0 ? millis / kMillisPerDay : -((-millis + kMillisPerDay - 1) / kMillisPerDay);
}

std::optional<int64_t> DayOf(std::string_view text) {
  if (text.size() == 10) {
    if (!IsValidDate(text)) return std::nullopt;
    const int y = std::stoi(std::string(text.substr(0, 4)));
    const unsigned m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
    const unsigned d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
    return DayNumber(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d});
  }
  auto millis = ParseInstant(text);
  if (!millis) return std::nullopt;
  return DayOfMillis(*millis);
}

std::string DateOfDay(int64_t day) {
  const year_month_day ymd = Ymd(day);
  char text[16];
  std::snprintf(text, sizeof(text), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

int64_t AddMonths(int64_t day, int64_t months) {
  const year_month_day ymd = Ymd(day);
  const std::chrono::year_month moved =
      std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
  const std::chrono::day last = std::chrono::year_month_day_last{
      moved.year(),
      std::chrono::month_day_last{
          moved.month()}}.day();
  return DayNumber(moved / std::min(ymd.day(), last));
}

int64_t PeriodStart(int64_t day, Period period) {
  const year_month_day ymd = Ymd(day);
  switch (period) {
    case Period::kDay:
      return day;
    case Period::kMonth:
      return DayNumber(ymd.year() / ymd.month() / std::chrono::day{1});
    case Period::kYear:
      return DayNumber(ymd.year() / std::chrono::January / std::chrono::day{1});
  }
  return day;
}

}  // namespace rapport::loyalty
