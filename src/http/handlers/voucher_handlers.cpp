// Vouchers and rewards (docs/design/loyalty.md § Vouchers, § Rewards): batches and their CSV
// export, a customer's vouchers and issuing one, the rewards catalogue and buying a reward. Thin:
// VoucherService and RewardService decide and check access. Redemption is on
// POST /api/v1/orders (`voucher_codes`), through commerce's voucher seam.
#include "http/handler_support.hpp"
#include "http/voucher_routes.hpp"

namespace rapport::http {

void AddVoucherRoutes(Router& router, VoucherApi& api) {
  const std::string base = "/api/v1/loyalty/voucher-batches";
  router.Add({.method = "GET",
              .pattern = base,
              .summary = "Voucher batches, newest first, with their uses (loyalty_programmes read)",
              .tag = "loyalty",
              .response_schema = "VoucherBatchList",
              .handler = [&api](const Request& request, const PathParams&, const Caller& caller) {
                auto all = api.vouchers.ListBatches(caller.Access());
                if (!all.ok()) return ErrorResponse(request, all.error());
                return Response::Json(
                    200, json::object{{"data", std::move(*all)}, {"next_cursor", nullptr}});
              }});
  router.Add(
      {.method = "POST",
       .pattern = base,
       .summary = "Generate single-use codes in bulk ({kind: bulk, count ≤ 10000}) or create one "
                  "shared code with a usage limit ({kind: shared, code, max_uses}), with their "
                  "rules (loyalty_programmes create; Idempotency-Key honoured)",
       .tag = "loyalty",
       .success_status = 201,
       .request_schema = "VoucherBatchInput",
       .response_schema = "VoucherBatch",
       .handler = [&api, base](const Request& request, const PathParams&, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         return IdempotentCreate(
             api.database, request, caller,
             [&](const storage::WriteContext& context) {
               return api.vouchers.CreateBatch(caller.Access(), context, *body);
             },
             [](const json::object&) { return std::string(); },
             [&](const json::object& first) -> Result<json::object> {
               auto readable = api.vouchers.ListBatches(caller.Access());
               if (!readable.ok()) return std::move(readable).error();
               return first;
             });
       }});
  router.Add(
      {.method = "GET",
       .pattern = base + "/{id}/codes",
       .summary = "The batch's codes as CSV: code, max_uses, uses, customer_id "
                  "(loyalty_programmes edit; audited)",
       .tag = "loyalty",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         auto csv = api.vouchers.ExportBatchCsv(caller.Access(), caller.Context(), params.at("id"));
         if (!csv.ok()) return ErrorResponse(request, csv.error());
         Response response;
         response.content_type = "text/csv; charset=utf-8";
         response.body = std::move(*csv);
         return response.WithHeader("Content-Disposition", "attachment; filename=\"vouchers-" +
                                                               params.at("id") + ".csv\"");
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}/loyalty/vouchers",
       .summary = "The vouchers issued to the customer, newest first (loyalty read)",
       .tag = "loyalty",
       .response_schema = "VoucherList",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         auto all = api.vouchers.ListForCustomer(caller.Access(), params.at("id"));
         if (!all.ok()) return ErrorResponse(request, all.error());
         return Response::Json(200,
                               json::object{{"data", std::move(*all)}, {"next_cursor", nullptr}});
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/customers/{id}/loyalty/vouchers",
       .summary = "Issue the customer a single-use voucher only they may use: {value, currency?, "
                  "min_order?, scope?, expires_at?, combinable?, return_on_cancel?, name?, note?} "
                  "(loyalty create; Idempotency-Key honoured)",
       .tag = "loyalty",
       .success_status = 201,
       .request_schema = "VoucherIssueInput",
       .response_schema = "Voucher",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         const std::string customer_id = params.at("id");
         return IdempotentCreate(
             api.database, request, caller,
             [&](const storage::WriteContext& context) {
               return api.vouchers.Issue(caller.Access(), context, customer_id, *body);
             },
             [](const json::object&) { return std::string(); },
             [&](const json::object& first) -> Result<json::object> {
               auto readable = api.vouchers.ListForCustomer(caller.Access(), customer_id);
               if (!readable.ok()) return Error::NotFound("No such voucher.");
               return first;
             });
       }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/loyalty/rewards",
              .summary = "The rewards catalogue: rewards bought with points; with "
                         "?customer_id= each says whether that customer may buy it now "
                         "(available, unavailable_reason: tier, stock, offer) (loyalty read)",
              .tag = "loyalty",
              .response_schema = "RewardList",
              .handler = [&api](const Request& request, const PathParams&, const Caller& caller) {
                std::optional<std::string> customer = request.Query("customer_id");
                if (customer && customer->empty()) customer.reset();
                auto all = api.rewards.List(caller.Access(), customer);
                if (!all.ok()) return ErrorResponse(request, all.error());
                return Response::Json(
                    200, json::object{{"data", std::move(*all)}, {"next_cursor", nullptr}});
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/loyalty/rewards",
              .summary =
                  "Add a reward: {programme, name, points, stock?, per_customer_limit?, "
                  "valid_days?, value, ...} (loyalty_programmes create; Idempotency-Key honoured)",
              .tag = "loyalty",
              .success_status = 201,
              .request_schema = "RewardInput",
              .response_schema = "Reward",
              .handler = [&api](const Request& request, const PathParams&, const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                return IdempotentCreate(
                    api.database, request, caller,
                    [&](const storage::WriteContext& context) {
                      return api.rewards.Create(caller.Access(), context, *body);
                    },
                    [](const json::object&) { return std::string(); },
                    [&](const json::object& first) -> Result<json::object> {
                      auto readable = api.rewards.List(caller.Access());
                      if (!readable.ok()) return std::move(readable).error();
                      return first;
                    });
              }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/loyalty/rewards/{id}",
       .summary = "Change a reward's name, points, stock (null: unlimited) or active flag "
                  "(loyalty_programmes edit; If-Match honoured)",
       .tag = "loyalty",
       .request_schema = "RewardPatch",
       .response_schema = "Reward",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         auto version = IfMatchVersion(request);
         if (!version.ok()) return ErrorResponse(request, version.error());
         return RecordResponse(request, api.rewards.Update(caller.Access(), caller.Context(),
                                                           params.at("id"), *body, *version));
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/customers/{id}/loyalty/reward-redemptions",
       .summary = "Buy a reward with the customer's points: {reward_id}; spends the points "
                  "(oldest expiry first) and issues a single-use voucher, in one transaction "
                  "(loyalty create; Idempotency-Key honoured)",
       .tag = "loyalty",
       .success_status = 201,
       .request_schema = "RewardRedemptionInput",
       .response_schema = "RewardRedemption",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         const std::string customer_id = params.at("id");
         return IdempotentCreate(
             api.database, request, caller,
             [&](const storage::WriteContext& context) {
               return api.rewards.Redeem(caller.Access(), context, customer_id, *body);
             },
             [](const json::object&) { return std::string(); },
             [&](const json::object& first) -> Result<json::object> {
               auto readable = api.vouchers.ListForCustomer(caller.Access(), customer_id);
               if (!readable.ok()) return Error::NotFound("No such reward redemption.");
               return first;
             });
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/loyalty/programmes/{id}/tiers",
       .summary = "The programme's tiers: basis, window, grace days and the tiers with their "
                  "benefits (loyalty read)",
       .tag = "loyalty",
       .response_schema = "TierSettings",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         auto tiers = api.tiers.Get(caller.Access(), params.at("id"));
         if (!tiers.ok()) return ErrorResponse(request, tiers.error());
         return Response::Json(200, *tiers);
       }});
  router.Add(
      {.method = "PUT",
       .pattern = "/api/v1/loyalty/programmes/{id}/tiers",
       .summary = "Replace the programme's tiers (loyalty_programmes edit); members move at "
                  "their next earning (up) or period end (down)",
       .tag = "loyalty",
       .request_schema = "TierSettings",
       .response_schema = "TierSettings",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         auto tiers = api.tiers.Put(caller.Access(), caller.Context(), params.at("id"), *body);
         if (!tiers.ok()) return ErrorResponse(request, tiers.error());
         return Response::Json(200, *tiers);
       }});
}

json::object VoucherSchemas() {
  return json::parse(R"json({
  "VoucherRules": {"type": "object", "required": ["value"], "properties": {
    "value": {"type": "object", "required": ["type"], "properties": {
      "type": {"enum": ["amount_off", "percent_off", "free_product", "free_shipping"]},
      "amount": {"type": "string", "description": "amount_off: like 10.00"},
      "percent": {"type": "integer", "minimum": 1, "maximum": 100},
      "product_id": {"type": "string", "description": "free_product: one unit of it free"}}},
    "currency": {"type": ["string", "null"], "description": "ISO 4217; required with an amount off or a minimum order"},
    "min_order": {"type": ["string", "null"], "description": "the order's total before vouchers must reach this"},
    "scope": {"type": ["object", "null"], "properties": {
      "product_ids": {"type": "array", "items": {"type": "string"}, "maxItems": 200},
      "categories": {"type": "array", "items": {"type": "string"}, "maxItems": 200}}},
    "expires_at": {"type": ["string", "null"], "format": "date-time"},
    "per_customer_limit": {"type": ["integer", "null"], "minimum": 1, "description": "uses per customer across the batch"},
    "combinable": {"type": "boolean", "description": "false: only alone on an order"},
    "return_on_cancel": {"type": "boolean", "description": "a cancelled, deleted or fully refunded order gives the use back (default true)"}}},
  "VoucherBatchInput": {"allOf": [{"$ref": "#/components/schemas/VoucherRules"}, {"type": "object",
    "required": ["name", "kind"], "properties": {
      "name": {"type": "string", "maxLength": 200}, "kind": {"enum": ["bulk", "shared"]},
      "count": {"type": "integer", "minimum": 1, "maximum": 10000, "description": "bulk: codes to generate"},
      "code": {"type": "string", "description": "shared: 4 to 32 letters and digits"},
      "max_uses": {"type": "integer", "minimum": 1, "maximum": 1000000, "description": "shared: uses in all"}}}]},
  "VoucherBatch": {"allOf": [{"$ref": "#/components/schemas/VoucherRules"}, {"type": "object",
    "required": ["id", "kind", "name", "description", "code_count", "uses", "max_uses", "code", "created_at", "created_by"],
    "properties": {"id": {"type": "string"}, "kind": {"enum": ["bulk", "shared", "issued", "reward"]},
      "name": {"type": "string"}, "description": {"type": "string"}, "code_count": {"type": "integer"},
      "uses": {"type": "integer"}, "max_uses": {"type": "integer"},
      "code": {"type": ["string", "null"], "description": "a shared batch's code"},
      "created_at": {"type": "string"}, "created_by": {"type": "string"}}}]},
  "VoucherBatchList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/VoucherBatch"}}, "next_cursor": {"type": "null"}}},
  "VoucherIssueInput": {"allOf": [{"$ref": "#/components/schemas/VoucherRules"}, {"type": "object", "properties": {
    "name": {"type": "string", "maxLength": 200}, "note": {"type": "string", "maxLength": 200}}}]},
  "Voucher": {"type": "object", "required": ["id", "batch_id", "kind", "code", "customer_id", "max_uses", "uses", "state", "description", "rules", "created_at"],
    "properties": {"id": {"type": "string"}, "batch_id": {"type": "string"}, "kind": {"type": "string"},
      "code": {"type": "string", "description": "printed form, e.g. K7QM-X4RT-9HWC"},
      "customer_id": {"type": ["string", "null"]}, "max_uses": {"type": "integer"}, "uses": {"type": "integer"},
      "state": {"enum": ["available", "used_up", "expired"]}, "description": {"type": "string"},
      "rules": {"$ref": "#/components/schemas/VoucherRules"}, "created_at": {"type": "string"}}},
  "VoucherList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Voucher"}}, "next_cursor": {"type": "null"}}},
  "RewardInput": {"allOf": [{"$ref": "#/components/schemas/VoucherRules"}, {"type": "object",
    "required": ["programme", "name", "points"], "properties": {
      "programme": {"type": "string"}, "name": {"type": "string", "maxLength": 200},
      "points": {"type": "integer", "minimum": 1}, "stock": {"type": ["integer", "null"], "minimum": 0, "description": "null: unlimited"},
      "per_customer_limit": {"type": ["integer", "null"], "minimum": 1}, "valid_days": {"type": ["integer", "null"], "minimum": 1, "maximum": 3650},
      "active": {"type": "boolean"},
      "min_tier": {"type": ["string", "null"], "description": "only members at this tier of the programme or above may buy it; null: every member"}}}]},
  "RewardPatch": {"type": "object", "properties": {"name": {"type": "string"}, "points": {"type": "integer", "minimum": 1},
    "stock": {"type": ["integer", "null"], "minimum": 0}, "active": {"type": "boolean"},
    "min_tier": {"type": ["string", "null"]}}},
  "Reward": {"allOf": [{"$ref": "#/components/schemas/VoucherRules"}, {"type": "object",
    "required": ["id", "programme", "name", "points", "description", "stock", "per_customer_limit", "valid_days", "active", "redeemed", "version", "min_tier"],
    "properties": {"id": {"type": "string"}, "programme": {"type": "string"}, "name": {"type": "string"},
      "points": {"type": "integer"}, "description": {"type": "string"}, "stock": {"type": ["integer", "null"]},
      "per_customer_limit": {"type": ["integer", "null"]}, "valid_days": {"type": ["integer", "null"]},
      "active": {"type": "boolean"}, "redeemed": {"type": "integer"}, "version": {"type": "integer"},
      "min_tier": {"type": ["string", "null"], "description": "the lowest tier that may buy it"},
      "available": {"type": "boolean", "description": "with ?customer_id=: whether that customer may buy it now (points aside)"},
      "unavailable_reason": {"type": ["string", "null"], "description": "with ?customer_id=: why not (not on offer, out of stock, below its tier)"},
      "created_at": {"type": "string"}, "updated_at": {"type": "string"}}}]},
  "RewardList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Reward"}}, "next_cursor": {"type": "null"}}},
  "RewardRedemptionInput": {"type": "object", "required": ["reward_id"], "properties": {"reward_id": {"type": "string"}}},
  "RewardRedemption": {"type": "object", "required": ["reward", "voucher", "transaction", "balance"], "properties": {
    "reward": {"$ref": "#/components/schemas/Reward"}, "voucher": {"$ref": "#/components/schemas/Voucher"},
    "transaction": {"type": "object"}, "balance": {"$ref": "#/components/schemas/LoyaltyBalance"}}},
  "TierSettings": {"type": "object", "required": ["tiers"], "properties": {
    "basis": {"enum": ["points_earned", "money_spent"], "description": "points earned (net of reversals), never the spendable balance; or money paid less refunds"},
    "window": {"type": "object", "properties": {"type": {"enum": ["rolling", "calendar_year"]}, "months": {"type": "integer", "minimum": 1, "maximum": 60}}},
    "grace_days": {"type": "integer", "minimum": 0, "maximum": 365, "description": "after the qualification period ends, before a downgrade"},
    "tiers": {"type": "array", "maxItems": 10, "items": {"type": "object", "required": ["name", "threshold"], "properties": {
      "name": {"type": "string", "maxLength": 40}, "threshold": {"type": ["integer", "string"], "description": "points, or an amount with money_spent; ascending"},
      "multiplier": {"type": "number", "minimum": 1, "maximum": 10}, "free_shipping": {"type": "boolean"},
      "support_priority": {"enum": ["normal", "high", "urgent"]}}}}}},
  "StampCardInput": {"type": "object", "required": ["name", "stamps_required", "reward_product_id"], "properties": {
    "name": {"type": "string", "maxLength": 200},
    "stamps_required": {"type": "integer", "minimum": 2, "maximum": 100, "description": "N: the stamps that fill a card"},
    "per": {"enum": ["order", "item"], "description": "one stamp per qualifying order (default) or per qualifying unit"},
    "products": {"type": "array", "maxItems": 200, "items": {"type": "string"}, "description": "qualifying product ids"},
    "categories": {"type": "array", "maxItems": 200, "items": {"type": "string"}, "description": "qualifying product categories; with no products either, every paid line"},
    "reward_product_id": {"type": "string", "description": "the product a full card's voucher gives free"},
    "valid_days": {"type": ["integer", "null"], "minimum": 1, "maximum": 3650, "description": "the voucher's life; null: no expiry"},
    "active": {"type": "boolean", "description": "false: no new stamps; refunds still take them back"}}},
  "StampCard": {"allOf": [{"$ref": "#/components/schemas/StampCardInput"}, {"type": "object",
    "required": ["id", "per", "products", "categories", "valid_days", "active"], "properties": {
      "id": {"type": "string"}, "version": {"type": "integer"}, "created_at": {"type": "string"}, "updated_at": {"type": "string"}}}]},
  "StampCardList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/StampCard"}}, "next_cursor": {"type": "null"}}},
  "CustomerStampCard": {"type": "object", "required": ["card", "stamps", "required", "debt", "filled", "orders", "fills"], "properties": {
    "card": {"$ref": "#/components/schemas/StampCard"},
    "stamps": {"type": "integer", "description": "on the open card"},
    "required": {"type": "integer"},
    "debt": {"type": "integer", "description": "stamps a refund took from a card whose voucher was already used; the next stamps settle it"},
    "filled": {"type": "integer", "description": "cards filled whose vouchers stand"},
    "orders": {"type": "integer", "description": "orders whose stamps are held"},
    "fills": {"type": "array", "items": {"type": "object", "required": ["fill", "voucher_id", "code", "filled_at", "revoked_at", "used"], "properties": {
      "fill": {"type": "integer"}, "voucher_id": {"type": "string"}, "code": {"type": "string", "description": "the voucher's last four letters"},
      "filled_at": {"type": "string"}, "revoked_at": {"type": ["string", "null"], "description": "withdrawn, unused, after a refund"},
      "used": {"type": "boolean"}}}}}},
  "CustomerStampCardList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/CustomerStampCard"}}, "next_cursor": {"type": "null"}}},
  "CustomerCreateInput": {"allOf": [{"$ref": "#/components/schemas/CustomerInput"}, {"type": "object", "properties": {
    "referral_code": {"type": "string", "description": "a referrer's code: links the new customer to them (docs/design/loyalty.md § Referrals); unknown: 422 at referral_code"},
    "referral_network": {"type": "string", "description": "the visitor's IP address as the shop saw it, for the network signal; stored only as a hash of its neighbourhood"}}}]},
  "Referral": {"type": "object", "required": ["id", "referrer_id", "referee_id", "state", "signal", "detail", "via", "order_id", "qualifies_on", "created_at", "updated_at"], "properties": {
    "id": {"type": "string"}, "referrer_id": {"type": "string"}, "referee_id": {"type": "string"},
    "referrer_name": {"type": ["string", "null"]}, "referee_name": {"type": ["string", "null"], "description": "null when the caller may not read that customer"},
    "state": {"enum": ["linked", "qualifying", "rewarded", "lapsed", "refused"]},
    "signal": {"type": ["string", "null"], "description": "a refused referral's fraud signal: self_referral, already_referred, not_first_order, same_email, same_phone, same_address, same_payment_method, network_burst, referrer_cap, referrer_placed_order"},
    "detail": {"type": ["string", "null"]}, "via": {"enum": ["signup", "order"]},
    "order_id": {"type": ["string", "null"], "description": "the referee's first order"},
    "qualifies_on": {"type": ["string", "null"], "format": "date", "description": "when that order is past the return window"},
    "created_at": {"type": "string"}, "updated_at": {"type": "string"}}},
  "ReferralList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Referral"}}, "next_cursor": {"type": "null"}}},
  "CustomerReferrals": {"type": "object", "required": ["code", "link", "referred_by", "referrals", "counts"], "properties": {
    "code": {"type": "string", "description": "printed form, e.g. K7QM-X4RT-9HWC"}, "link": {"type": "string"},
    "referred_by": {"oneOf": [{"$ref": "#/components/schemas/Referral"}, {"type": "null"}]},
    "referrals": {"type": "array", "items": {"$ref": "#/components/schemas/Referral"}},
    "counts": {"type": "object", "additionalProperties": {"type": "integer"}}}},
  "ReferralStats": {"type": "object", "required": ["by_state", "refused_by_signal", "months", "conversion"], "properties": {
    "by_state": {"type": "object", "additionalProperties": {"type": "integer"}},
    "refused_by_signal": {"type": "array", "items": {"type": "object", "required": ["signal", "count"], "properties": {"signal": {"type": "string"}, "count": {"type": "integer"}}}},
    "months": {"type": "array", "items": {"type": "object", "required": ["month", "referred", "rewarded"], "properties": {"month": {"type": "string"}, "referred": {"type": "integer"}, "rewarded": {"type": "integer"}}}},
    "conversion": {"type": "number", "description": "rewarded ÷ referrals not refused"}}}
})json")
      .as_object();
}

}  // namespace rapport::http
