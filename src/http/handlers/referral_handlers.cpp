// Referrals (docs/design/loyalty.md § Referrals): a customer's code, link and referrals, the list
// staff review, and the statistics. Thin: ReferralService decides and checks access. Referrals
// are made by POST /customers and POST /orders with `referral_code`.
#include "http/handler_support.hpp"
#include "http/voucher_routes.hpp"

namespace rapport::http {

void AddReferralRoutes(Router& router, loyalty::ReferralService& referrals) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/customers/{id}/loyalty/referral",
              .summary = "The customer's referral code and link (made the first time it is asked "
                         "for), who referred them, and the customers they referred with their "
                         "states (loyalty read)",
              .tag = "loyalty",
              .response_schema = "CustomerReferrals",
              .handler = [&referrals](const Request& request, const PathParams& params,
                                      const Caller& caller) {
                return RecordResponse(request,
                                      referrals.ForCustomer(caller.Access(), params.at("id")));
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/loyalty/referrals",
       .summary = "Referrals newest first, ?state= (refused: with the fraud signal named, "
                  "to review) &limit= (loyalty read)",
       .tag = "loyalty",
       .response_schema = "ReferralList",
       .handler = [&referrals](const Request& request, const PathParams&, const Caller& caller) {
         auto limit = ParseLimit(request.Query("limit"));
         if (!limit.ok()) return ErrorResponse(request, limit.error());
         std::optional<std::string> state = request.Query("state");
         if (state && state->empty()) state.reset();
         auto all = referrals.List(caller.Access(), state, *limit);
         if (!all.ok()) return ErrorResponse(request, all.error());
         return Response::Json(200,
                               json::object{{"data", std::move(*all)}, {"next_cursor", nullptr}});
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/loyalty/referral-stats",
       .summary = "Referral statistics: by state, refusals by signal, referred and "
                  "rewarded per month for a year, conversion (loyalty read)",
       .tag = "loyalty",
       .response_schema = "ReferralStats",
       .handler = [&referrals](const Request& request, const PathParams&, const Caller& caller) {
         auto stats = referrals.Stats(caller.Access());
         if (!stats.ok()) return ErrorResponse(request, stats.error());
         return Response::Json(200, *stats);
       }});
}

}  // namespace rapport::http
