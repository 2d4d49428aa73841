// Contact-point rules shared by every path that writes customers (API, batch, import, demo).
//
// Emails: trimmed, kept as written for display, compared by their lower-case key. Phones: stored
// in E.164. Without a phone-numbering library we accept international input only ("+…" or
// "00…"); a national number is refused with a message saying so, instead of guessing a country.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rapport::customers {

// nullopt when `address` is not a plausible email address (RFC 5321 lengths, one '@', a dotted
// domain, no spaces or control characters).
std::optional<std::string> NormalizeEmail(std::string_view address);
std::string EmailKey(std::string_view normalized_address);

struct PhoneResult {
  std::optional<std::string> e164;
  std::string problem;  // set when e164 is empty
};
PhoneResult NormalizePhone(std::string_view number);

}  // namespace rapport::customers
