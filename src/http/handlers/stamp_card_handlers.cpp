// Stamp cards (docs/design/loyalty.md § Stamp cards): the card definitions and a customer's cards.
// Thin: StampCardService decides and checks access. Stamps come only from orders.
#include "http/handler_support.hpp"
#include "http/voucher_routes.hpp"

namespace rapport::http {

void AddStampCardRoutes(Router& router, loyalty::StampCardService& stamps) {
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/loyalty/stamp-cards",
       .summary = "Stamp cards (buy N, get one free), by name (loyalty read)",
       .tag = "loyalty",
       .response_schema = "StampCardList",
       .handler = [&stamps](const Request& request, const PathParams&, const Caller& caller) {
         auto all = stamps.List(caller.Access());
         if (!all.ok()) return ErrorResponse(request, all.error());
         return Response::Json(200,
                               json::object{{"data", std::move(*all)}, {"next_cursor", nullptr}});
       }});
  router.Add({.method = "PUT",
              .pattern = "/api/v1/loyalty/stamp-cards/{id}",
              .summary =
                  "Create (201) or replace a stamp card: {name, stamps_required, per: order|item, "
                  "products?, categories?, reward_product_id, valid_days?, active?} "
                  "(loyalty_programmes create/edit; If-Match honoured)",
              .tag = "loyalty",
              .request_schema = "StampCardInput",
              .response_schema = "StampCard",
              .handler = [&stamps](const Request& request, const PathParams& params,
                                   const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                auto version = IfMatchVersion(request);
                if (!version.ok()) return ErrorResponse(request, version.error());
                bool created = false;
                auto stored = stamps.Put(caller.Access(), caller.Context(), params.at("id"), *body,
                                         *version, created);
                return RecordResponse(request, std::move(stored), created ? 201 : 200);
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/customers/{id}/loyalty/stamp-cards",
              .summary =
                  "The customer's stamp cards: stamps on the open card, stamp debt, cards filled "
                  "and their vouchers (loyalty read)",
              .tag = "loyalty",
              .response_schema = "CustomerStampCardList",
              .handler = [&stamps](const Request& request, const PathParams& params,
                                   const Caller& caller) {
                auto all = stamps.ForCustomer(caller.Access(), params.at("id"));
                if (!all.ok()) return ErrorResponse(request, all.error());
                return Response::Json(
                    200, json::object{{"data", std::move(*all)}, {"next_cursor", nullptr}});
              }});
}

}  // namespace rapport::http
