// The customer's loyalty card for shops (docs/design/loyalty.md § The customer's card): the
// public POST /public/loyalty/card with a signed identity, its CORS preflight, and the
// token-authenticated GET /api/v1/customers/{id}/loyalty/card. Thin: the identity check is
// support/chat/chat_identity.hpp's, the card loyalty/customer_card.hpp's.
#include <memory>

#include "common/time.hpp"
#include "http/handler_support.hpp"
#include "http/loyalty_card_routes.hpp"
#include "http/rate_limiter.hpp"
#include "support/chat/allowed_sites.hpp"
#include "support/chat/chat_identity.hpp"

namespace rapport::http {
namespace {

// A shop asks once per page its customer opens; a script trying identities from one address
// stops here long before a guessed HMAC could matter (and every refusal looks the same).
constexpr int64_t kCardReadsPerAddress = 120;
// An identity and a programme id, with room: nothing a card request carries is larger.
constexpr size_t kMaxCardBodyBytes = 8 * 1024;

const Error& Unverified() {
  static const Error error = Error::PermissionDenied("The identity could not be verified.");
  return error;
}

// The Origin when it is one of the chat's allowed websites (the same list the chat widget is
// held to), else nothing: a browser then withholds the answer from the page.
std::optional<std::string> AllowedOrigin(const support::chat::ChatSettings& settings,
                                         const Request& request) {
  auto origin = request.Header("origin");
  if (!origin || !support::chat::OriginAllowed(settings, *origin)) return std::nullopt;
  return origin;
}

Response ForOrigin(Response response, const std::optional<std::string>& origin) {
  response.WithHeader("Cache-Control", "no-store").WithHeader("Vary", "Origin");
  if (origin) response.WithHeader("Access-Control-Allow-Origin", *origin);
  return response;
}

Result<json::object> PublicCard(LoyaltyCardApi& api, const Request& request,
                                const support::chat::ChatSettings& settings) {
  if (request.body.size() > kMaxCardBodyBytes) {
    return Error::TooLarge("A card request is at most 8 KiB.");
  }
  RAPPORT_ASSIGN_OR_RETURN(json::object body, ParseBody(request));
  std::optional<std::string> programme;
  for (const auto& [key, value] : body) {
    if (key == "identity") continue;
    if (key != "programme") return Error::Invalid(std::string(key), "is not a known field");
    if (!value.is_string() || value.as_string().empty() || value.as_string().size() > 64) {
      return Error::Invalid("programme", "must be a programme id");
    }
    programme = std::string(value.as_string());
  }
  const json::value* identity = body.if_contains("identity");
  if (identity == nullptr || !identity->is_object()) {
    return Error::Invalid("identity", "is required: {jwt} or {customer_id, hash}");
  }
  auto customer_id = support::chat::VerifyIdentity(
      identity->as_object(), support::chat::IdentitySecrets(settings), NowMillis() / 1000);
  if (!customer_id.ok()) return Unverified();
  auto card = api.card.Read(access::Access::Unrestricted(), *customer_id, programme);
  // A customer deleted since the shop signed in is not told apart from a bad signature.
  if (!card.ok() && card.error().code == ErrorCode::kNotFound) return Unverified();
  return card;
}

}  // namespace

void AddLoyaltyCardRoutes(Router& router, LoyaltyCardApi& api) {
  auto limiter = std::make_shared<RateLimiter>(kCardReadsPerAddress);
  router.Add({.method = "POST",
              .pattern = "/public/loyalty/card",
              .summary = "The signed-in customer's loyalty card for a shop, without a login: "
                         "{identity: {jwt} | {customer_id, hash}, programme?}, signed with the "
                         "chat identity secret",
              .tag = "public",
              .requires_auth = false,
              .request_schema = "LoyaltyCardRequest",
              .response_schema = "LoyaltyCard",
              .read_only = true,
              .handler = [&api, limiter](const Request& request, const PathParams&, const Caller&) {
                auto settings = api.chat.Settings();
                if (!settings.ok()) return ErrorResponse(request, settings.error());
                const auto origin = AllowedOrigin(*settings, request);
                if (auto retry = limiter->Take(request.remote_address)) {
                  return ForOrigin(
                      ErrorResponse(request,
                                    Error::RateLimited("Too many card requests from your address; "
                                                       "try again soon.",
                                                       *retry)),
                      origin);
                }
                auto card = PublicCard(api, request, *settings);
                if (!card.ok()) return ForOrigin(ErrorResponse(request, card.error()), origin);
                return ForOrigin(Response::Json(200, *card), origin);
              }});
  router.Add({.method = "OPTIONS",
              .pattern = "/public/loyalty/card",
              .summary = "CORS preflight: an allowed website's page may POST a JSON card request",
              .tag = "public",
              .requires_auth = false,
              .success_status = 204,
              .handler = [&api](const Request& request, const PathParams&, const Caller&) {
                auto settings = api.chat.Settings();
                if (!settings.ok()) return ErrorResponse(request, settings.error());
                Response response = Response::NoContent();
                response.WithHeader("Vary", "Origin");
                if (const auto origin = AllowedOrigin(*settings, request)) {
                  response.WithHeader("Access-Control-Allow-Origin", *origin)
                      .WithHeader("Access-Control-Allow-Methods", "POST")
                      .WithHeader("Access-Control-Allow-Headers", "content-type")
                      .WithHeader("Access-Control-Max-Age", "600");
                }
                return response;
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}/loyalty/card",
       .summary = "The customer's loyalty card as the customer may see it (for a shop's server, "
                  "e.g. a `shop` role's token; ?programme=)",
       .tag = "loyalty",
       .response_schema = "LoyaltyCard",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         std::optional<std::string> programme = request.Query("programme");
         if (programme && programme->empty()) programme.reset();
         return RecordResponse(request, api.card.Read(caller.Access(), params.at("id"), programme));
       }});
}

json::object LoyaltyCardSchemas() {
  return json::parse(R"json({
  "LoyaltyCardRequest": {"type": "object", "required": ["identity"], "properties": {
    "identity": {"type": "object", "description": "{jwt: HS256, sub = the customer id, exp ≤ 1 h ahead} or {customer_id, hash: hex(HMAC-SHA256(chat identity secret, customer_id))}"},
    "programme": {"type": "string", "description": "a programme id; the oldest programme when absent"}}},
  "LoyaltyCard": {"type": "object", "required": ["programme", "customer_id", "member", "points", "vouchers", "stamp_cards", "referral"], "properties": {
    "programme": {"$ref": "#/components/schemas/LoyaltyProgrammeSummary"},
    "customer_id": {"type": "string"}, "member": {"type": "boolean", "description": "false until the customer first earns"},
    "points": {"type": "object", "required": ["available", "pending"], "properties": {
      "available": {"type": "integer"}, "pending": {"type": "integer", "description": "earned, spendable once the return window passes"},
      "owed": {"type": "integer", "description": "points taken back after they were spent; the next earnings settle them first"}}},
    "tier": {"type": "object", "properties": {
      "current": {"type": ["object", "null"], "properties": {"name": {"type": "string"}, "since": {"type": "string"}, "multiplier": {"type": "string"}, "free_shipping": {"type": "boolean"}}},
      "progress": {"type": "object", "properties": {"basis": {"type": "string"}, "value": {"type": ["integer", "string"]},
        "next": {"type": ["object", "null"], "properties": {"name": {"type": "string"}, "threshold": {"type": ["integer", "string"]}, "remaining": {"type": ["integer", "string"]}}}}}}},
    "vouchers": {"type": "array", "items": {"type": "object", "required": ["code", "description", "expires_at", "min_order", "currency"], "properties": {
      "code": {"type": "string"}, "description": {"type": "string"}, "expires_at": {"type": ["string", "null"]},
      "min_order": {"type": ["string", "null"]}, "currency": {"type": ["string", "null"]}}}},
    "stamp_cards": {"type": "array", "items": {"type": "object", "properties": {
      "name": {"type": "string"}, "stamps": {"type": "integer"}, "required": {"type": "integer"}, "filled": {"type": "integer"}}}},
    "referral": {"type": "object", "required": ["rewarded"], "properties": {
      "code": {"type": "string"}, "link": {"type": "string"}, "rewarded": {"type": "integer", "description": "friends whose referral was rewarded"}}}}}
})json")
      .as_object();
}

}  // namespace rapport::http
