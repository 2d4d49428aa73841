// The customer's loyalty card for shops (docs/design/loyalty.md § The customer's card;
// handlers/loyalty_card_handlers.cpp), in two ways:
//   POST /public/loyalty/card               no login: the body carries the identity the shop's
//                                           server signed with the chat identity secret (a JWT
//                                           or an HMAC, support/chat/chat_identity.hpp); a page on
//                                           one of the chat's allowed origins may call it itself
//   GET  /api/v1/customers/{id}/loyalty/card  with an API token, e.g. of a `shop` role that
//                                           reads customers and loyalty
// Both answer the same projection (loyalty/customer_card.hpp). Kept apart from ApiServices, like
// the vouchers' routes: the composition root adds them. References only; the caller owns the
// services.
#pragma once

#include "common/json.hpp"
#include "http/router.hpp"
#include "loyalty/customer_card.hpp"
#include "support/chat/chat_service.hpp"

namespace rapport::http {

struct LoyaltyCardApi {
  loyalty::CustomerCard& card;
  support::chat::ChatService& chat;  // the identity secrets and the allowed origins
};

void AddLoyaltyCardRoutes(Router& router, LoyaltyCardApi& api);

json::object LoyaltyCardSchemas();

}  // namespace rapport::http
