// CardGuard: keeps card numbers and security codes out of Rapport. Full card numbers (PANs) and
// CVVs must never be stored or logged (PCI DSS); payment details arrive as processor tokens.
// The detection itself is common/card_numbers.hpp (shared with the customer and timeline areas,
// which sit below commerce, and with the access log); docs/design/card_guard.md says what it
// catches. This header keeps the commerce area's names for it. Pure; thread-safe.
#pragma once

#include <string_view>

#include "common/card_numbers.hpp"
#include "common/json.hpp"
#include "common/result.hpp"

namespace rapport::commerce {

// True when `text` holds something that reads as a card number (rapport::ContainsCardNumber).
inline bool LooksLikeCardNumber(std::string_view text) { return ContainsCardNumber(text); }

// kInvalidArgument naming the first offending field ("payment.note", "lines[2].description");
// rapport::RefuseCardData.
inline Status RefuseCardData(const json::value& body) { return rapport::RefuseCardData(body); }

}  // namespace rapport::commerce
