// Contact-point rules shared by every path that writes customers (API, batch, import, demo).
//
// Emails: trimmed (Unicode white space, NBSP included), in NFC, invisible characters refused,
// a quoted plain local part unquoted, the domain checked by IDNA (UTS #46), otherwise kept as
// written; compared by a key of the case-folded local part and the ASCII (punycode) domain, so
// every spelling of one mailbox has one key. Phones: stored in E.164; the
// trunk prefix written as "(0)" after the country code (+49 (0)151 …) is dropped. Without a
// phone-numbering library we accept international input only ("+…" or "00…"); a national number is
// refused with a message saying so, instead of guessing a country. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rapport::customers {

// The address as stored; nullopt when `address` is not a plausible email address (RFC 5321
// lengths, a dot-atom or quoted-dot-atom local part, a dotted domain valid under IDNA, no spaces,
// control or invisible characters).
std::optional<std::string> NormalizeEmail(std::string_view address);
// The uniqueness key: case-folded local part, '@', ASCII (punycode) domain. Equal for
// "Anna@MÜLLER.DE", "anna@müller.de" (composed or decomposed) and "anna@xn--mller-kva.de".
std::string EmailKey(std::string_view normalized_address);
// `number` with a "(0)" trunk prefix removed when it is written in international form
// ("+49 (0)151 …", "0049 (0) 151 …"); other numbers unchanged. Used by the import transforms too.
std::string DropTrunkPrefix(std::string_view number);

struct PhoneResult {
  std::optional<std::string> e164;
  std::string problem;  // set when e164 is empty
};
PhoneResult NormalizePhone(std::string_view number);

}  // namespace rapport::customers
