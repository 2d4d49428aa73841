// Identity verification for chat visitors (docs/design/chat.md § Identity): the website's own
// server vouches for who a visitor is, in one of two ways, with the chat identity secret it got
// from Rapport (GET /api/v1/chat/settings; rotate-able, the previous secret stays valid until the
// next rotation):
//
//   {"jwt": "<HS256 JWT>"}                      sub = the customer id, exp required, at most
//                                               kMaxJwtLifetimeSeconds ahead of now
//   {"customer_id": "cus_…", "hash": "<hex>"}   hash = hex(HMAC-SHA256(secret, customer_id))
//
// Only the HS256 algorithm is accepted ("none" and every other alg are refused, so a token cannot
// choose its own check); MACs are compared in constant time. Every refusal is the same
// kPermissionDenied ("The identity could not be verified.") so a prober learns nothing. Pure
// functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"

namespace rapport::support::chat {

// A JWT that lives longer than this is refused: a leaked one must die soon.
inline constexpr int64_t kMaxJwtLifetimeSeconds = 3600;

// hex(HMAC-SHA256(secret, message)), lower case.
std::string HmacSha256Hex(std::string_view secret, std::string_view message);

// An HS256 JWT over `claims` (for tests and the documentation's example).
std::string SignJwtHs256(std::string_view secret, const json::object& claims);

// The customer id the identity object vouches for, checked against each of `secrets` (the
// current one and, after a rotation, the previous one) at `now_unix`.
Result<std::string> VerifyIdentity(const json::object& identity,
                                   const std::vector<std::string>& secrets, int64_t now_unix);

}  // namespace rapport::support::chat
