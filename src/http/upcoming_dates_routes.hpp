// The home screen's upcoming dates (docs/design/tasks.md § Upcoming dates;
// handlers/upcoming_dates_handlers.cpp): GET /api/v1/home/upcoming-dates. Kept apart from
// ApiServices, like the surveys' and loyalty reports' routes, so no other handler depends on it:
// the composition root adds it to the router BuildApiRouter made. References only; the caller
// owns the service and the clock.
#pragma once

#include <cstdint>
#include <functional>

#include "common/json.hpp"
#include "customers/upcoming_dates.hpp"
#include "http/router.hpp"

namespace rapport::http {

struct UpcomingDatesApi {
  customers::UpcomingDates& dates;
  std::function<int64_t()> clock;  // Unix milliseconds: "today" in UTC
};

void AddUpcomingDatesRoutes(Router& router, UpcomingDatesApi& api);
// The response schema, merged into the OpenAPI document's.
json::object UpcomingDatesSchemas();

}  // namespace rapport::http
