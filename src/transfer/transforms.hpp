// Column transforms for imports: small, pure functions that turn a cell as a spreadsheet wrote it
// into the value the API expects — trimmed, lower-cased e-mails, E.164 phone numbers, ISO dates
// from local formats, plain decimal amounts. A mapping names them as "name" or "name:argument"
// (docs/import.md); ParseTransform checks the spelling once, before any row is read, so a typo
// in a mapping fails the import up front instead of on every row.
//
// Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace rapport::transfer {

enum class TransformKind { kLower, kUpper, kE164, kDate, kDateTime, kMoney, kBool, kSplit };

struct Transform {
  TransformKind kind;
  std::string argument;  // e164: default country code; date: strftime-like format; money:
                         // decimal mark; split: separator
};

// "lower", "e164:44", "date:%d/%m/%Y", "money:,", "split:;" ...; kInvalidArgument naming
// `field` for an unknown name or a bad argument.
Result<Transform> ParseTransform(std::string_view spec, const std::string& field);

// Applies one transform; the error is a reason for the error report ("is not a date in the
// format %d/%m/%Y"). kSplit yields the parts joined by '\x1f' (the caller splits them into a
// list); kBool yields "true" or "false".
Result<std::string> ApplyTransform(const Transform& transform, std::string_view value);

// Dates as spreadsheets write them: `format` uses %Y %y %m %d %b (month names, English) %H %M %S
// and literal characters. Returns YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SSZ when the format has a time.
Result<std::string> ParseDateFormat(std::string_view value, std::string_view format);

// "$1,234.50", "1 234,50 €" (with decimal mark ','), "(12.00)" → "1234.50", "-12.00". The
// result still goes through the money rules of the target field.
Result<std::string> NormalizeAmount(std::string_view value, char decimal_mark = '.');

}  // namespace rapport::transfer
