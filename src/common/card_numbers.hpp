// Card numbers (PANs) in free text: finding them and masking them. PCI DSS forbids storing or
// logging a full card number; this is the one detector every path uses (the card guard refuses
// bodies with it, the access log masks with it). What it catches and what it cannot is written
// down in docs/design/card_guard.md; read that before changing a rule here.
//
// The text is read as UTF-8. Every decimal digit of Unicode's main digit sets counts as its
// value (ASCII, full-width, Arabic-Indic, Devanagari, …), and a short cluster of separators
// (spaces of every width, tab, newline, `-`, `.`, `/`, `_`, zero-width characters, dashes) joins
// digit groups. A card is then a run of groups that is Luhn-valid, 13–19 digits long and starts
// with a payment card's industry digit (2–6), either one unbroken group or 2–5 groups of which
// the first has at least 4 digits and every one at least 3 (the ways people write cards: 4-4-4-4,
// 4-6-5, 4-4-4-4-3); a group of more than 19 digits is a reference number, not a card. Pure
// functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/json.hpp"
#include "common/result.hpp"

namespace rapport {

// True when `text` holds something that reads as a card number.
bool ContainsCardNumber(std::string_view text);

// `text` with each card number (its digits and the separators inside it) replaced by
// kCardNumberMask; text without one comes back unchanged, byte for byte.
std::string MaskCardNumbers(std::string_view text);

inline constexpr std::string_view kCardNumberMask = "[card]";

// The body-level check every write path runs on what a client sent: kInvalidArgument naming the
// first offending field as a path ("lines[2].description", "metadata.cvv", "tags[0]") when a
// string, a number or a key holds a card number, or a key names a security code (cvv, cvc, cvv2,
// cvc2, csc, cvn, security_code, card_code, … in any case and with `-`, `_` or spaces) with a
// non-null value. The message never echoes the value.
Status RefuseCardData(const json::value& body);

}  // namespace rapport
