#include "support/sla/json_fields.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "common/time.hpp"

namespace rapport::support::sla {
namespace {

constexpr int kMinutesPerHour = 60;
constexpr int kHoursPerDay = 24;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string FieldPath(std::string_view prefix, std::string_view key) {
  if (prefix.empty()) return std::string(key);
  return std::string(prefix) + "." + std::string(key);
}

void RejectUnknownKeys(const json::object& object, std::initializer_list<std::string_view> known,
                       std::string_view prefix, std::vector<FieldError>& errors) {
  for (const auto& entry : object) {
    const std::string_view key = entry.key();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      errors.push_back({FieldPath(prefix, key), "unknown field"});
    }
  }
}

std::optional<int> ParseClock(std::string_view text, bool allow_midnight_end) {
  if (text.size() != 5 || text[2] != ':' || !IsDigit(text[0]) || !IsDigit(text[1]) ||
      !IsDigit(text[3]) || !IsDigit(text[4])) {
    return std::nullopt;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes >= kMinutesPerHour) return std::nullopt;
  if (hours == kHoursPerDay && minutes == 0 && allow_midnight_end) {
    return kHoursPerDay * kMinutesPerHour;
  }
  if (hours >= kHoursPerDay) return std::nullopt;
  return hours * kMinutesPerHour + minutes;
}

std::string FormatClock(int minute) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d", minute / kMinutesPerHour, minute % kMinutesPerHour);
  return text;
}

std::optional<int64_t> ParseDay(std::string_view text) {
  if (!IsValidDate(text)) return std::nullopt;
  const int year = std::stoi(std::string(text.substr(0, 4)));
  const unsigned month = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  const unsigned day = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  const std::chrono::sys_days days{std::chrono::year{year} / std::chrono::month{month} /
                                   std::chrono::day{day}};
  return days.time_since_epoch().count();
}

std::string FormatDay(int64_t day) {
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{day}}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

std::optional<std::string> ReadString(const json::object& object, std::string_view key,
                                      std::string_view prefix, bool required,
                                      std::vector<FieldError>& errors) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) {
    if (required) errors.push_back({FieldPath(prefix, key), "required"});
    return std::nullopt;
  }
  if (!value->is_string()) {
    errors.push_back({FieldPath(prefix, key), "must be a string"});
    return std::nullopt;
  }
  return std::string(value->as_string());
}

std::optional<int> ReadClock(const json::object& object, std::string_view key,
                             std::string_view prefix, bool allow_midnight_end,
                             std::vector<FieldError>& errors) {
  const auto text = ReadString(object, key, prefix, true, errors);
  if (!text) return std::nullopt;
  auto minute = ParseClock(*text, allow_midnight_end);
  if (!minute) {
    errors.push_back({FieldPath(prefix, key), allow_midnight_end
                                                  ? "must be a time HH:MM from 00:00 to 24:00"
                                                  : "must be a time HH:MM from 00:00 to 23:59"});
  }
  return minute;
}

std::optional<int64_t> ReadInteger(const json::object& object, std::string_view key,
                                   std::string_view prefix, int64_t min, int64_t max, bool required,
                                   std::vector<FieldError>& errors) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) {
    if (required) errors.push_back({FieldPath(prefix, key), "required"});
    return std::nullopt;
  }
  std::optional<int64_t> number;
  if (value->is_int64()) number = value->as_int64();
  if (value->is_uint64() && value->as_uint64() <= static_cast<uint64_t>(max)) {
    number = static_cast<int64_t>(value->as_uint64());
  }
  if (!number || *number < min || *number > max) {
    errors.push_back({FieldPath(prefix, key), "must be a whole number from " + std::to_string(min) +
                                                  " to " + std::to_string(max)});
    return std::nullopt;
  }
  return number;
}

}  // namespace rapport::support::sla
