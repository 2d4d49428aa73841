// Times and dates as Rapport stores and serves them.
//
// Instants are RFC 3339 UTC strings with millisecond precision ("2026-11-25T14:35:43.123Z"). One
// fixed-width format makes text comparison equal time comparison, so SQL can index, sort and
// page on the text directly. Dates (birthdays) are "YYYY-MM-DD". Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rapport {

int64_t NowMillis();
std::string FormatInstant(int64_t unix_millis);
std::string NowInstant();

// Accepts RFC 3339 with any offset and optional fraction; returns milliseconds since the epoch.
std::optional<int64_t> ParseInstant(std::string_view text);
// Parses and re-formats to the canonical UTC form.
std::optional<std::string> NormalizeInstant(std::string_view text);
// True for a real calendar date written YYYY-MM-DD.
bool IsValidDate(std::string_view text);

}  // namespace rapport
