#include "transfer/transforms.hpp"

#include <array>
#include <cctype>
#include <cstdio>

#include "common/text.hpp"
#include "common/time.hpp"
#include "customers/contact_points.hpp"

namespace rapport::transfer {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};

// Reads up to `max_digits` digits (at least one) at `position`.
bool ReadNumber(std::string_view text, size_t& position, size_t max_digits, int& out) {
  size_t digits = 0;
  out = 0;
  while (position < text.size() && digits < max_digits &&
         std::isdigit(static_cast<unsigned char>(text[position]))) {
    out = out * 10 + (text[position] - '0');
    ++position;
    ++digits;
  }
  return digits > 0;
}

bool ReadMonthName(std::string_view text, size_t& position, int& month) {
  if (position + 3 > text.size()) return false;
  const std::string prefix = ToLowerAscii(text.substr(position, 3));
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (prefix == kMonths[i]) {
      month = static_cast<int>(i) + 1;
      position += 3;
      // "Sept", "January": the rest of the name is letters.
      while (position < text.size() && std::isalpha(static_cast<unsigned char>(text[position]))) {
        ++position;
      }
      return true;
    }
  }
  return false;
}

}  // namespace

Result<Transform> ParseTransform(std::string_view spec, const std::string& field) {
  const size_t colon = spec.find(':');
  const std::string_view name = spec.substr(0, colon);
  std::string argument(colon == std::string_view::npos ? "" : spec.substr(colon + 1));
  auto fail = [&](const std::string& why) {
    return Error::Invalid(field, "transform \"" + std::string(spec) + "\" " + why);
  };
  if (name == "lower") return Transform{TransformKind::kLower, {}};
  if (name == "upper") return Transform{TransformKind::kUpper, {}};
  if (name == "e164") {
    for (char c : argument) {
      if (!std::isdigit(static_cast<unsigned char>(c))) {
        return fail("takes a country calling code such as e164:44");
      }
    }
    if (argument.size() > 3) return fail("takes a country calling code such as e164:44");
    return Transform{TransformKind::kE164, argument};
  }
  if (name == "date" || name == "datetime") {
    if (argument.empty()) argument = name == "date" ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%S";
    if (argument.find("%Y") == std::string::npos && argument.find("%y") == std::string::npos) {
      return fail("needs a format with a year, such as date:%d/%m/%Y");
    }
    return Transform{name == "date" ? TransformKind::kDate : TransformKind::kDateTime, argument};
  }
  if (name == "money") {
    if (argument.empty()) argument = ".";
    if (argument != "." && argument != ",")
      return fail("takes the decimal mark: money:. or money:,");
    return Transform{TransformKind::kMoney, argument};
  }
  if (name == "bool") return Transform{TransformKind::kBool, {}};
  if (name == "split") {
    if (argument.empty()) argument = ";";
    return Transform{TransformKind::kSplit, argument};
  }
  return fail("is not one of lower, upper, e164, date, datetime, money, bool, split");
}

Result<std::string> ParseDateFormat(std::string_view value, std::string_view format) {
  int year = -1, month = -1, day = -1, hour = 0, minute = 0, second = 0;
  bool has_time = false;
  size_t position = 0;
  const Error bad = Error::Invalid("value", "is not a date in the format " + std::string(format));
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 == format.size()) {
      if (position >= value.size() || value[position] != format[i]) return bad;
      ++position;
      continue;
    }
    const char directive = format[++i];
    int number = 0;
    bool ok = true;
    switch (directive) {
      case 'Y':
        ok = ReadNumber(value, position, 4, year);
        break;
      case 'y':
        // Two-digit years pivot at 70, as most spreadsheets do: 69 is 2069, 70 is 1970.
        ok = ReadNumber(value, position, 2, number);
        year = number < 70 ? 2000 + number : 1900 + number;
        break;
      case 'm':
        ok = ReadNumber(value, position, 2, month);
        break;
      case 'd':
        ok = ReadNumber(value, position, 2, day);
        break;
      case 'b':
        ok = ReadMonthName(value, position, month);
        break;
      case 'H':
        ok = ReadNumber(value, position, 2, hour), has_time = true;
        break;
      case 'M':
        ok = ReadNumber(value, position, 2, minute), has_time = true;
        break;
      case 'S':
        ok = ReadNumber(value, position, 2, second), has_time = true;
        break;
      case '%':
        ok = position < value.size() && value[position++] == '%';
        break;
      default:
        return bad;
    }
    if (!ok) return bad;
  }
  if (position != value.size() || year < 0 || month < 1 || day < 1) return bad;
  char date[11];
  std::snprintf(date, sizeof(date), "%04d-%02d-%02d", year, month, day);
  if (!IsValidDate(date)) return Error::Invalid("value", "is not a real calendar date");
  if (!has_time) return std::string(date);
  if (hour > 23 || minute > 59 || second > 59) return bad;
  char instant[21];
  std::snprintf(instant, sizeof(instant), "%sT%02d:%02d:%02dZ", date, hour, minute, second);
  return std::string(instant);
}

Result<std::string> NormalizeAmount(std::string_view value, char decimal_mark) {
  std::string out;
  bool negative = false;
  bool seen_digit = false;
  bool seen_mark = false;
  const Error bad = Error::Invalid("value", "is not an amount");
  std::string_view text = TrimWhitespace(value);
  if (text.size() >= 2 && text.front() == '(' && text.back() == ')') {
    negative = true;  // accounting notation
    text = text.substr(1, text.size() - 2);
  }
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isdigit(c)) {
      out.push_back(static_cast<char>(c));
      seen_digit = true;
    } else if (c == static_cast<unsigned char>(decimal_mark)) {
      if (seen_mark) return bad;
      seen_mark = true;
      out.push_back('.');
    } else if (c == '-' && !seen_digit && !negative) {
      negative = true;
    } else if (c == ',' || c == '.' || c == ' ' || c == '\'' || c == '$' || c >= 0x80 ||
               std::isalpha(c)) {
      // Thousands separators, currency symbols (€, £ are multi-byte), codes like USD: dropped.
      // A separator must sit between digits, so "1.2.3" with mark ',' still reads as 123.
      if (std::isalpha(c) && seen_digit && i + 1 < text.size() &&
          std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
        return bad;
      }
    } else {
      return bad;
    }
  }
  if (!seen_digit) return bad;
  return (negative ? "-" : "") + out;
}

Result<std::string> ApplyTransform(const Transform& transform, std::string_view value) {
  switch (transform.kind) {
    case TransformKind::kLower:
      return ToLowerAscii(value);
    case TransformKind::kUpper: {
      std::string out(value);
      for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return out;
    }
    case TransformKind::kE164: {
      // "+49 (0)151 …": the bracketed trunk prefix is not part of the international number.
      const std::string number = customers::DropTrunkPrefix(value);
      std::string digits;
      for (char c : number) {
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '+') digits.push_back(c);
      }
      if (digits.empty()) return Error::Invalid("value", "is not a phone number");
      if (digits[0] == '+') return number;  // already international
      if (digits.rfind("00", 0) == 0) return "+" + digits.substr(2);
      if (transform.argument.empty()) {
        return Error::Invalid("value", "has no country code (use e164:<code> in the mapping)");
      }
      // A national number: drop the trunk prefix 0 and add the country code.
      const size_t start = digits[0] == '0' ? 1 : 0;
      return "+" + transform.argument + digits.substr(start);
    }
    case TransformKind::kDate:
    case TransformKind::kDateTime:
      return ParseDateFormat(value, transform.argument);
    case TransformKind::kMoney:
      return NormalizeAmount(value, transform.argument[0]);
    case TransformKind::kBool: {
      const std::string lower = ToLowerAscii(value);
      for (std::string_view yes : {"true", "yes", "y", "1", "x", "on"}) {
        if (lower == yes) return std::string("true");
      }
      for (std::string_view no : {"false", "no", "n", "0", "off"}) {
        if (lower == no) return std::string("false");
      }
      return Error::Invalid("value", "is not yes or no");
    }
    case TransformKind::kSplit: {
      std::string out;
      size_t start = 0;
      while (start <= value.size()) {
        size_t end = value.find(transform.argument, start);
        if (end == std::string_view::npos) end = value.size();
        const std::string_view part = TrimWhitespace(value.substr(start, end - start));
        if (!part.empty()) {
          if (!out.empty()) out.push_back('\x1f');
          out.append(part);
        }
        start = end + transform.argument.size();
      }
      return out;
    }
  }
  return std::string(value);
}

}  // namespace rapport::transfer
