#include "common/money.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>

namespace rapport {

std::optional<int64_t> ParseCents(std::string_view text, bool allow_negative) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    if (!allow_negative) return std::nullopt;
    negative = true;
    text.remove_prefix(1);
  }
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 14 || fraction.size() > 2 ||
      (dot != std::string_view::npos && fraction.empty())) {
    return std::nullopt;
  }
  int64_t cents = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    cents = cents * 10 + (c - '0');
  }
  int64_t fraction_cents = 0;
  for (size_t i = 0; i < 2; ++i) {
    const char c = i < fraction.size() ? fraction[i] : '0';
    if (c < '0' || c > '9') return std::nullopt;
    fraction_cents = fraction_cents * 10 + (c - '0');
  }
  cents = cents * 100 + fraction_cents;
  if (cents > kMaxCents) return std::nullopt;
  return negative ? -cents : cents;
}

std::optional<int64_t> CentsFromJson(const json::value& value, bool allow_negative) {
  if (value.is_string()) return ParseCents(value.as_string(), allow_negative);
  if (value.is_int64()) return ParseCents(std::to_string(value.as_int64()), allow_negative);
  if (value.is_uint64()) return ParseCents(std::to_string(value.as_uint64()), allow_negative);
  if (value.is_double()) {
    // The shortest fixed-point text that round-trips the double is what the client wrote
    // (19.99 → "19.99"); more than two decimals is refused like in a string.
    char text[64];
    auto [end, error] =
        std::to_chars(text, text + sizeof text, value.as_double(), std::chars_format::fixed);
    if (error != std::errc()) return std::nullopt;
    return ParseCents(std::string_view(text, end - text), allow_negative);
  }
  return std::nullopt;
}

std::string FormatCents(int64_t cents) {
  const bool negative = cents < 0;
  const uint64_t magnitude = negative ? -static_cast<uint64_t>(cents) : cents;
  std::string fraction = std::to_string(magnitude % 100);
  if (fraction.size() < 2) fraction.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + fraction;
}

}  // namespace rapport
