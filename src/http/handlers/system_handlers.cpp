// Health, readiness, the OpenAPI document and the event feed.
#include <charconv>

#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "storage/outbox.hpp"

namespace rapport::http {
namespace {

constexpr int64_t kMaxEventsPerPage = 1000;

Result<int64_t> ParseNonNegative(const std::optional<std::string>& text, std::string_view field,
                                 int64_t fallback, int64_t max) {
  if (!text || text->empty()) return fallback;
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < 0 || value > max) {
    return Error::Invalid(std::string(field),
                          "must be a whole number from 0 to " + std::to_string(max));
  }
  return value;
}

}  // namespace

void AddSystemRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/healthz",
              .summary = "Liveness: the process answers",
              .tag = "system",
              .requires_auth = false,
              .handler = [](const Request&, const PathParams&, const Caller&) {
                return Response::Json(200, json::object{{"status", "ok"}});
              }});
  router.Add({.method = "GET",
              .pattern = "/readyz",
              .summary = "Readiness: storage open and not draining",
              .tag = "system",
              .requires_auth = false,
              .handler = [&s](const Request&, const PathParams&, const Caller&) {
                const bool ready = s.ready && s.ready();
                return Response::Json(ready ? 200 : 503,
                                      json::object{{"status", ready ? "ready" : "unavailable"}});
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/openapi.json",
              .summary = "This API's OpenAPI 3.1 document",
              .tag = "system",
              .requires_auth = false,
              .handler = [&router](const Request&, const PathParams&, const Caller&) {
                return Response::Json(200, BuildOpenApi(router));
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/events",
       .summary = "The domain event feed in commit order (after=<seq>, limit); administrators "
                  "only, since events carry whole records",
       .tag = "system",
       .response_schema = "EventPage",
       .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
         // Events are for integrations: they carry every field of every record, so only an
         // unscoped admin credential may read the feed.
         if (auto denied = RequireAdmin(request, caller)) return *denied;
         auto after = ParseNonNegative(request.Query("after"), "after", 0, INT64_MAX);
         if (!after.ok()) return ErrorResponse(request, after.error());
         auto limit = ParseNonNegative(request.Query("limit"), "limit", 100, kMaxEventsPerPage);
         if (!limit.ok()) return ErrorResponse(request, limit.error());
         std::vector<storage::Event> events;
         Status status = s.database.Read([&](storage::Tx& tx) -> Status {
           RAPPORT_ASSIGN_OR_RETURN(events, storage::ReadEvents(tx, *after, *limit));
           return OkStatus();
         });
         if (!status.ok()) return ErrorResponse(request, status.error());
         json::array data;
         for (auto& event : events) {
           data.push_back(json::object{{"seq", event.seq},
                                       {"id", event.id},
                                       {"type", event.type},
                                       {"aggregate_type", event.aggregate_type},
                                       {"aggregate_id", event.aggregate_id},
                                       {"occurred_at", event.occurred_at},
                                       {"actor", event.actor},
                                       {"request_id", event.request_id},
                                       {"payload", std::move(event.payload)}});
         }
         const int64_t next = events.empty() ? *after : events.back().seq;
         return Response::Json(200, json::object{{"data", std::move(data)}, {"next_after", next}});
       }});
}

std::unique_ptr<Router> BuildApiRouter(ApiServices& services) {
  auto router = std::make_unique<Router>();
  AddSystemRoutes(*router, services);
  AddCustomerRoutes(*router, services);
  AddInteractionRoutes(*router, services);
  AddCompanyRoutes(*router, services);
  AddCustomFieldRoutes(*router, services);
  AddAuditRoutes(*router, services);
  AddAuthRoutes(*router, services);
  AddUserRoutes(*router, services);
  AddTeamRoutes(*router, services);
  AddRoleRoutes(*router, services);
  AddTokenRoutes(*router, services);
  AddViewRoutes(*router, services);
  AddCommerceRoutes(*router, services);
  AddImportRoutes(*router, services);
  AddExportRoutes(*router, services);
  return router;
}

}  // namespace rapport::http
