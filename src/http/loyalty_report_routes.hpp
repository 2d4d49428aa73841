// The loyalty reports' route (docs/design/loyalty.md § Reports; handlers/
// loyalty_report_handlers.cpp): GET /api/v1/loyalty/programmes/{id}/reports. Kept apart from
// ApiServices, like the vouchers' and surveys' routes, so no other handler depends on it: the
// composition root adds it to the router BuildApiRouter made. References only; the caller owns
// the reports object and the clock.
#pragma once

#include <cstdint>
#include <functional>

#include "http/router.hpp"
#include "loyalty/loyalty_reports.hpp"

namespace rapport::http {

struct LoyaltyReportApi {
  loyalty::LoyaltyReports& reports;
  std::function<int64_t()> clock;  // Unix milliseconds: the default `to` is today
};

void AddLoyaltyReportRoutes(Router& router, LoyaltyReportApi& api);

}  // namespace rapport::http
