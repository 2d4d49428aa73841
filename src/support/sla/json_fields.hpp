// Small readers and writers for the SLA JSON shapes (calendars and policies): wall-clock times
// "HH:MM", dates "YYYY-MM-DD", whole minutes, and refusing keys nobody reads (a typo such as
// "holyday" must not silently drop a holiday). Problems are appended as FieldErrors named by
// JSON path. Internal to src/support/sla/. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/json.hpp"

namespace rapport::support::sla {

// "prefix.key", or "key" at the top level.
std::string FieldPath(std::string_view prefix, std::string_view key);

// Appends an error for every key of `object` not in `known`.
void RejectUnknownKeys(const json::object& object, std::initializer_list<std::string_view> known,
                       std::string_view prefix, std::vector<FieldError>& errors);

// "HH:MM" as minutes after midnight; "24:00" only when `allow_midnight_end`.
std::optional<int> ParseClock(std::string_view text, bool allow_midnight_end);
std::string FormatClock(int minute);

// "YYYY-MM-DD" as days since 1970-01-01, and back.
std::optional<int64_t> ParseDay(std::string_view text);
std::string FormatDay(int64_t day);

// The string at `key` (nullopt and an error when absent, when `required`, or not a string).
std::optional<std::string> ReadString(const json::object& object, std::string_view key,
                                      std::string_view prefix, bool required,
                                      std::vector<FieldError>& errors);
// A clock time at `key` ("HH:MM"), required.
std::optional<int> ReadClock(const json::object& object, std::string_view key,
                             std::string_view prefix, bool allow_midnight_end,
                             std::vector<FieldError>& errors);
// A whole number in [min, max] at `key`; nullopt when absent (no error unless `required`).
std::optional<int64_t> ReadInteger(const json::object& object, std::string_view key,
                                   std::string_view prefix, int64_t min, int64_t max, bool required,
                                   std::vector<FieldError>& errors);

}  // namespace rapport::support::sla
