// A programme's reports (docs/design/loyalty.md § Reports). Thin: the query is parsed by
// ParseReportQuery and LoyaltyReports computes and checks access.
#include "http/handler_support.hpp"
#include "http/loyalty_report_routes.hpp"
#include "loyalty/days.hpp"

namespace rapport::http {

void AddLoyaltyReportRoutes(Router& router, LoyaltyReportApi& api) {
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/loyalty/programmes/{id}/reports",
       .summary = "The programme's figures per period (?from=&to=&interval=month|quarter|year"
                  "&point_value=0.01): members, active members, points issued, reversed, "
                  "adjusted, redeemed and expired, liability at each period's end in points and "
                  "money, redemption rate, qualifying tiers as of each period's end, voucher "
                  "usage (loyalty read; members of readable customers only)",
       .tag = "loyalty",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         auto query = loyalty::ParseReportQuery(
             request.Query("from"), request.Query("to"), request.Query("interval"),
             request.Query("point_value"), loyalty::DayOfMillis(api.clock()));
         if (!query.ok()) return ErrorResponse(request, query.error());
         auto report = api.reports.Build(caller.Access(), params.at("id"), *query);
         if (!report.ok()) return ErrorResponse(request, report.error());
         return Response::Json(200, std::move(*report));
       }});
}

}  // namespace rapport::http
