// CardGuard: keeps card numbers and security codes out of Rapport. Full card numbers (PANs) and
// CVVs must never be stored or logged (PCI DSS); payment details arrive as processor tokens.
// A request is refused when any string in it holds a Luhn-valid run of 13–19 digits (spaces and
// dashes allowed between digits), or any key names a security code (cvv, cvc, cvv2, cvc2,
// security_code, card_code) — naming the field, never echoing the value. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "common/result.hpp"

namespace rapport::commerce {

// True when `text` contains a Luhn-valid run of 13 to 19 digits (single spaces or dashes may
// separate digit groups; a longer run of digits is not a card number).
bool LooksLikeCardNumber(std::string_view text);

// kInvalidArgument naming the first offending field ("payment.note", "lines[2].description").
Status RefuseCardData(const json::value& body);

}  // namespace rapport::commerce
