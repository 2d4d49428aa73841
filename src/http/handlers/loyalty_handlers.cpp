// Loyalty (docs/design/loyalty.md § API): programmes under /api/v1/loyalty/programmes, a
// customer's membership under /api/v1/customers/{id}/loyalty with its grants, adjustments and
// redemptions. Thin: LoyaltyService decides and checks access.
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "loyalty/loyalty_service.hpp"

namespace rapport::http {
namespace {

using Movement = Result<json::object> (loyalty::LoyaltyService::*)(const access::Access&,
                                                                   const storage::WriteContext&,
                                                                   const std::string&,
                                                                   const json::object&);

// A movement's route: Idempotency-Key honoured, so a retried grant never grants twice.
Route MovementRoute(ApiServices& s, std::string path, std::string summary, std::string input,
                    Movement movement) {
  return {.method = "POST",
          .pattern = "/api/v1/customers/{id}/loyalty/" + path,
          .summary = std::move(summary),
          .tag = "loyalty",
          .success_status = 201,
          .request_schema = std::move(input),
          .response_schema = "LoyaltyMovement",
          .handler = [&s, movement](const Request& request, const PathParams& params,
                                    const Caller& caller) {
            auto body = ParseBody(request);
            if (!body.ok()) return ErrorResponse(request, body.error());
            const std::string customer_id = params.at("id");
            return IdempotentCreate(
                s.database, request, caller,
                [&](const storage::WriteContext& context) {
                  return (s.loyalty->*movement)(caller.Access(), context, customer_id, *body);
                },
                [](const json::object&) { return std::string(); },
                [&](const json::object& first) -> Result<json::object> {
                  // Nothing in a movement is hidden; the caller must still read the member.
                  auto member = s.loyalty->GetMember(caller.Access(), customer_id, std::nullopt, 1,
                                                     std::nullopt);
                  if (!member.ok()) return Error::NotFound("No such loyalty movement.");
                  return first;
                });
          }};
}

}  // namespace

void AddLoyaltyRoutes(Router& router, ApiServices& s) {
  if (s.loyalty == nullptr) return;
  router.Add({.method = "GET",
              .pattern = "/api/v1/loyalty/programmes",
              .summary = "Every loyalty programme, oldest first (loyalty_programmes read)",
              .tag = "loyalty",
              .response_schema = "LoyaltyProgrammeList",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto all = s.loyalty->ListProgrammes(caller.Access());
                if (!all.ok()) return ErrorResponse(request, all.error());
                return Response::Json(
                    200, json::object{{"data", std::move(*all)}, {"next_cursor", nullptr}});
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/loyalty/programmes/{id}",
       .summary = "One loyalty programme with its earn rules",
       .tag = "loyalty",
       .response_schema = "LoyaltyProgramme",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return RecordResponse(request, s.loyalty->GetProgramme(caller.Access(), params.at("id")));
       }});
  router.Add(
      {.method = "PUT",
       .pattern = "/api/v1/loyalty/programmes/{id}",
       .summary = "Create (201) or replace a loyalty programme; If-Match honoured",
       .tag = "loyalty",
       .request_schema = "LoyaltyProgrammeInput",
       .response_schema = "LoyaltyProgramme",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         auto version = IfMatchVersion(request);
         if (!version.ok()) return ErrorResponse(request, version.error());
         bool created = false;
         auto stored = s.loyalty->PutProgramme(caller.Access(), caller.Context(), params.at("id"),
                                               *body, *version, created);
         return RecordResponse(request, std::move(stored), created ? 201 : 200);
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}/loyalty",
       .summary = "The customer's points: balance, pending, debt and history (newest "
                  "first; ?programme=&limit=&cursor=)",
       .tag = "loyalty",
       .response_schema = "LoyaltyMember",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto limit = ParseLimit(request.Query("limit"));
         if (!limit.ok()) return ErrorResponse(request, limit.error());
         std::optional<std::string> programme = request.Query("programme");
         if (programme && programme->empty()) programme.reset();
         std::optional<std::string> cursor = request.Query("cursor");
         if (cursor && cursor->empty()) cursor.reset();
         auto member =
             s.loyalty->GetMember(caller.Access(), params.at("id"), programme, *limit, cursor);
         if (!member.ok()) return ErrorResponse(request, member.error());
         return Response::Json(200, *member);
       }});
  router.Add(MovementRoute(s, "grants",
                           "Grant goodwill points, available at once: {points, reason?, "
                           "programme?} (loyalty create)",
                           "LoyaltyGrantInput", &loyalty::LoyaltyService::Grant));
  router.Add(MovementRoute(s, "adjustments",
                           "Adjust the balance up or down with a reason: {points, reason, "
                           "programme?} (loyalty edit, the permission of its own)",
                           "LoyaltyAdjustmentInput", &loyalty::LoyaltyService::Adjust));
  router.Add(MovementRoute(s, "redemptions",
                           "Spend available points, oldest expiry first: {points, reward?, "
                           "programme?} (loyalty create)",
                           "LoyaltyRedemptionInput", &loyalty::LoyaltyService::Redeem));
}

json::object LoyaltySchemas() {
  return json::parse(R"json({
  "LoyaltyProgrammeInput": {"type": "object", "required": ["name", "currency"], "properties": {
    "name": {"type": "string", "maxLength": 200}, "points_name": {"type": "string", "maxLength": 40},
    "currency": {"type": "string", "description": "ISO 4217; orders in another currency earn nothing"},
    "starts_on": {"type": ["string", "null"], "format": "date"}, "ends_on": {"type": ["string", "null"], "format": "date"},
    "pending_days": {"type": "integer", "minimum": 0, "maximum": 365, "description": "the return window: order points are pending this long"},
    "expiry": {"type": "object", "properties": {"mode": {"enum": ["none", "per_lot", "inactivity"]},
      "months": {"type": ["integer", "null"], "minimum": 1, "maximum": 120}, "warning_days": {"type": "integer", "minimum": 0, "maximum": 365}}},
    "earn": {"type": "object", "properties": {
      "spend": {"$ref": "#/components/schemas/LoyaltySpendRule"},
      "per_order": {"oneOf": [{"$ref": "#/components/schemas/LoyaltyOrderBonus"}, {"type": "integer", "minimum": 0, "description": "its points alone, no conditions"}]},
      "first_order": {"oneOf": [{"$ref": "#/components/schemas/LoyaltyOrderBonus"}, {"type": "integer", "minimum": 0, "description": "its points alone, no conditions"}],
        "description": "once per member, on the first order the programme records for them (a first order under its minimum earns no bonus, and no later order does); no cap"},
      "signup": {"$ref": "#/components/schemas/LoyaltyEventBonusInput"}, "birthday": {"$ref": "#/components/schemas/LoyaltyEventBonusInput"},
      "review_published": {"$ref": "#/components/schemas/LoyaltyEventBonusInput"}, "survey_answered": {"$ref": "#/components/schemas/LoyaltyEventBonusInput"},
      "referral": {"$ref": "#/components/schemas/LoyaltyEventBonusInput"}, "goodwill_max": {"type": "integer", "minimum": 1}}},
    "referral_limits": {"type": "object", "description": "referral fraud limits; every programme's apply to every referral",
      "properties": {"network_per_week": {"type": "integer", "minimum": 1, "maximum": 1000, "description": "from one network neighbourhood in 7 days (default 3)"},
      "referrer_cap": {"type": "integer", "minimum": 1, "maximum": 1000, "description": "accepted referrals one referrer may bring in referrer_cap_days (default 10)"},
      "referrer_cap_days": {"type": "integer", "minimum": 1, "maximum": 365, "description": "default 30"}}},
    "referral_rewards": {"type": "object", "description": "what each side of a rewarded referral gets (default: earn.referral points)",
      "properties": {"referrer": {"$ref": "#/components/schemas/LoyaltyPointsOrVoucher"}, "referee": {"$ref": "#/components/schemas/LoyaltyPointsOrVoucher"}}},
    "review_reward": {"allOf": [{"$ref": "#/components/schemas/LoyaltyPointsOrVoucher"}], "description": "what a published review gets, once per product per customer (default: earn.review_published points)"}}},
  "LoyaltyPeriodCap": {"type": ["object", "null"], "required": ["points", "period"], "properties": {
    "points": {"type": "integer", "minimum": 1}, "period": {"enum": ["day", "month", "year"]}},
    "description": "the most points of this rule one member earns per calendar day, month or year (null: no cap)"},
  "LoyaltySpendRule": {"type": "object", "properties": {"points": {"type": "integer", "minimum": 0},
    "per": {"type": "string", "description": "points per whole amount of this, rounded down once per order"},
    "min_order": {"type": "string", "description": "the least eligible total that earns (the order total less the excluded lines)"},
    "excluded_products": {"type": "array", "maxItems": 1000, "items": {"type": "string"}, "description": "product ids or SKUs whose lines earn nothing"},
    "excluded_categories": {"type": "array", "maxItems": 1000, "items": {"type": "string"}, "description": "product categories (exact) whose lines earn nothing"},
    "cap": {"$ref": "#/components/schemas/LoyaltyPeriodCap"},
    "tier_multiplier": {"type": "boolean", "description": "whether the member's tier multiplies these points (default true)"}}},
  "LoyaltyOrderBonus": {"type": "object", "properties": {"points": {"type": "integer", "minimum": 0},
    "min_order": {"type": "string", "description": "the least eligible total that earns the bonus"},
    "excluded_products": {"type": "array", "maxItems": 1000, "items": {"type": "string"}, "description": "an order of only these earns no bonus, and they do not count toward min_order"},
    "excluded_categories": {"type": "array", "maxItems": 1000, "items": {"type": "string"}},
    "cap": {"$ref": "#/components/schemas/LoyaltyPeriodCap", "description": "per_order only"},
    "tier_multiplier": {"type": "boolean", "description": "whether the member's tier multiplies the bonus (default: true per order, false first order)"}}},
  "LoyaltyEventBonus": {"type": "object", "properties": {"points": {"type": "integer", "minimum": 0},
    "cap": {"$ref": "#/components/schemas/LoyaltyPeriodCap", "description": "review_published, survey_answered and referral only: they recur for one member"},
    "tier_multiplier": {"type": "boolean", "description": "whether the member's tier multiplies the bonus (default false)"}}},
  "LoyaltyEventBonusInput": {"oneOf": [{"$ref": "#/components/schemas/LoyaltyEventBonus"}, {"type": "integer", "minimum": 0, "description": "its points alone"}]},
  "LoyaltyPointsOrVoucher": {"type": "object", "required": ["kind"], "properties": {
    "kind": {"enum": ["points", "voucher"]},
    "voucher": {"type": "object", "additionalProperties": true, "description": "kind voucher: the rules of a voucher batch (value, currency, min_order, scope, per_customer_limit, combinable, return_on_cancel) and expires_in_days (1 to 3650, counted from the day it is issued; absent: never)"}}},
  "LoyaltyProgramme": {"allOf": [{"$ref": "#/components/schemas/LoyaltyProgrammeInput"}, {"type": "object",
    "required": ["id", "name", "points_name", "currency", "starts_on", "ends_on", "pending_days", "expiry", "earn", "version", "created_at", "updated_at"],
    "properties": {"id": {"type": "string"}, "version": {"type": "integer"}, "created_at": {"type": "string"}, "updated_at": {"type": "string"}}}]},
  "LoyaltyProgrammeList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/LoyaltyProgramme"}}, "next_cursor": {"type": "null"}}},
  "LoyaltyProgrammeSummary": {"type": "object", "required": ["id", "name", "points_name"], "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}, "points_name": {"type": "string"}}},
  "LoyaltyBalance": {"type": "object", "required": ["available", "pending", "debt"], "properties": {
    "available": {"type": "integer"}, "pending": {"type": "integer"},
    "debt": {"type": "integer", "description": "≤ 0: points taken back after they were spent; settled by the next points that become available"}}},
  "LoyaltyHistoryEntry": {"type": "object", "required": ["seq", "kind", "cause", "date", "created_at", "actor", "points", "postings"], "properties": {
    "seq": {"type": "integer"}, "kind": {"enum": ["earn", "release", "redeem", "reverse", "expire", "adjust"]},
    "cause": {"type": "string"}, "date": {"type": "string", "format": "date"}, "created_at": {"type": "string"},
    "actor": {"type": "string"}, "points": {"type": "integer", "description": "what the member's wallets gained (+) or lost (−)"},
    "postings": {"type": "object", "additionalProperties": {"type": "integer"}, "description": "account → points; they sum to zero"}}},
  "LoyaltyMember": {"type": "object", "required": ["programme", "customer_id", "member_id", "balance", "history"], "properties": {
    "programme": {"$ref": "#/components/schemas/LoyaltyProgrammeSummary"}, "customer_id": {"type": "string"},
    "member_id": {"type": ["string", "null"]}, "balance": {"$ref": "#/components/schemas/LoyaltyBalance"},
    "tier": {"type": "object", "description": "when the programme has tiers", "properties": {
      "current": {"type": ["object", "null"], "properties": {"name": {"type": "string"}, "since": {"type": "string"},
        "multiplier": {"type": "string"}, "free_shipping": {"type": "boolean"}, "support_priority": {"type": "string"}, "review_on": {"type": "string"}}},
      "progress": {"type": "object", "properties": {"basis": {"type": "string"}, "value": {"type": ["integer", "string"]},
        "next": {"type": ["object", "null"], "properties": {"name": {"type": "string"}, "threshold": {"type": ["integer", "string"]}, "remaining": {"type": ["integer", "string"]}}}}}}},
    "history": {"type": "object", "required": ["data", "next_cursor"], "properties": {
      "data": {"type": "array", "items": {"$ref": "#/components/schemas/LoyaltyHistoryEntry"}}, "next_cursor": {"type": ["string", "null"]}}}}},
  "LoyaltyGrantInput": {"type": "object", "required": ["points"], "properties": {
    "points": {"type": "integer", "minimum": 1}, "reason": {"type": "string", "maxLength": 500}, "programme": {"type": "string"}}},
  "LoyaltyAdjustmentInput": {"type": "object", "required": ["points", "reason"], "properties": {
    "points": {"type": "integer", "description": "+ or −, never 0"}, "reason": {"type": "string", "maxLength": 500}, "programme": {"type": "string"}}},
  "LoyaltyRedemptionInput": {"type": "object", "required": ["points"], "properties": {
    "points": {"type": "integer", "minimum": 1}, "reward": {"type": "string", "maxLength": 500}, "programme": {"type": "string"}}},
  "LoyaltyMovement": {"type": "object", "required": ["id", "customer_id", "programme", "member_id", "transaction", "balance"], "properties": {
    "id": {"type": "string"}, "customer_id": {"type": "string"}, "programme": {"$ref": "#/components/schemas/LoyaltyProgrammeSummary"},
    "member_id": {"type": "string"}, "transaction": {"type": "object"}, "balance": {"$ref": "#/components/schemas/LoyaltyBalance"}}}
})json")
      .as_object();
}

}  // namespace rapport::http
