// The home screen's upcoming dates. Thin: UpcomingDates reads within record access.
#include <charconv>

#include "http/handler_support.hpp"
#include "http/upcoming_dates_routes.hpp"

namespace rapport::http {
namespace {

constexpr std::string_view kSchemas = R"json({
  "UpcomingDate": {"type": "object", "required": ["customer_id", "display_name", "kind", "date", "in_days"],
    "properties": {"customer_id": {"type": "string"}, "display_name": {"type": "string"},
    "kind": {"enum": ["birthday", "renewal"]},
    "date": {"type": "string", "format": "date", "description": "the day it falls on in the window"},
    "in_days": {"type": "integer", "description": "0: today"}}},
  "UpcomingDateList": {"type": "object", "required": ["data", "days"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/UpcomingDate"}},
    "days": {"type": "integer"}}}
})json";

}  // namespace

json::object UpcomingDatesSchemas() { return json::parse(kSchemas).as_object(); }

void AddUpcomingDatesRoutes(Router& router, UpcomingDatesApi& api) {
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/home/upcoming-dates",
       .summary = "Birthdays and renewals (the date custom field renewal_date) of my customers "
                  "in the next ?days=14 (1-60), soonest first (customers read; record access)",
       .tag = "customers",
       .response_schema = "UpcomingDateList",
       .handler = [&api](const Request& request, const PathParams&, const Caller& caller) {
         int days = customers::kDefaultUpcomingDays;
         if (auto text = request.Query("days"); text && !text->empty()) {
           const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), days);
           if (ec != std::errc() || end != text->data() + text->size()) {
             return ErrorResponse(request, Error::Invalid("days", "must be a whole number"));
           }
         }
         auto found = api.dates.Mine(caller.Access(), api.clock() / 86'400'000, days);
         if (!found.ok()) return ErrorResponse(request, found.error());
         return Response::Json(200, std::move(*found));
       }});
}

}  // namespace rapport::http
