// Money: amounts in minor units (cents) as int64, read from and written to the API as decimal
// strings with two places ("19.99"), never through binary floating point, so totals are exact.
// A JSON number is accepted on input and read through its decimal text. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/json.hpp"

namespace rapport {

// Largest amount accepted: 10^13 minor units (100 billion in the major unit), far above any order
// and far below int64 overflow when summed.
inline constexpr int64_t kMaxCents = int64_t{10'000'000'000'000};

// "12", "12.5", "12.50", "-3.10" → cents; nullopt for anything else (three decimals, exponents,
// thousands separators, empty). `allow_negative` for adjustments only.
std::optional<int64_t> ParseCents(std::string_view text, bool allow_negative = false);
// A JSON string or number as cents.
std::optional<int64_t> CentsFromJson(const json::value& value, bool allow_negative = false);
std::string FormatCents(int64_t cents);

// An ISO 4217 code of a circulating currency ("EUR", "JPY"); "ZZZ", "eur", "XXX" are not
// (the list and what it leaves out: currencies.cpp).
bool IsCurrencyCode(std::string_view code);

}  // namespace rapport
