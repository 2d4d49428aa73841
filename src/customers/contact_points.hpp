// Contact-point rules shared by every path that writes customers (API, batch, import, demo).
//
// Emails: trimmed (Unicode white space, NBSP included), in NFC, invisible characters refused,
// a quoted plain local part unquoted, the domain checked by IDNA (UTS #46), otherwise kept as
// written; compared by a key of the case-folded local part and the ASCII (punycode) domain, so
// every spelling of one mailbox has one key (rapport::EmailKey). Phones: parsed and checked by
// libphonenumber (docs/design/phone_numbers.md). International input ("+…", "00…") stands on its
// own; a national number ("0151 …") is read in a default region: the customer's address country,
// else the instance's `default_phone_region`, else it is refused. Numbers are checked against the
// lengths the region's numbering plan allows, stored in E.164 and shown in international format.
// The trunk prefix written as "(0)" after the country code (+49 (0)151 …) is dropped.
// Pure functions except SetDefaultPhoneRegion, which start-up calls once before any request;
// thread-safe after that (libphonenumber's PhoneNumberUtil is an immutable singleton).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/unicode_text.hpp"

namespace rapport::customers {

// The address as stored; nullopt when `address` is not a plausible email address (RFC 5321
// lengths, a dot-atom or quoted-dot-atom local part, a dotted domain valid under IDNA, no spaces,
// control or invisible characters).
std::optional<std::string> NormalizeEmail(std::string_view address);
// The uniqueness key is rapport::EmailKey (common/unicode_text.hpp), shared with staff accounts.
using rapport::EmailKey;
// `number` with a "(0)" trunk prefix removed when it is written in international form
// ("+49 (0)151 …", "0049 (0) 151 …"); other numbers unchanged. Used by the import transforms too.
std::string DropTrunkPrefix(std::string_view number);

struct PhoneResult {
  std::optional<std::string> e164;
  std::string display;  // DisplayPhone(*e164), formatted from the same parse
  std::string problem;  // set when e164 is empty
};
// `default_region`: ISO 3166-1 alpha-2 code ("DE") for reading a national number; empty for the
// instance's default region (SetDefaultPhoneRegion), and when that is empty too, national numbers
// are refused with a message asking for the country code.
PhoneResult NormalizePhone(std::string_view number, std::string_view default_region = {});
// An E.164 number in international format for reading ("+4915234944775" → "+49 1523 4944775");
// the input unchanged when libphonenumber cannot read it. Called when a number is written (the
// form is stored beside it, customer_phones.display), never on reads: parsing and formatting
// run libphonenumber's ICU regular expressions, which were two thirds of a read's time.
std::string DisplayPhone(std::string_view e164);

// The instance setting `default_phone_region`; false (and nothing set) for a region
// libphonenumber does not know. REQUIRES: called before requests are served.
bool SetDefaultPhoneRegion(std::string_view region);
const std::string& DefaultPhoneRegion();

}  // namespace rapport::customers
