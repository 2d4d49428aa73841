// Health, readiness, metrics, the OpenAPI document and the event feed.
#include <charconv>

#include "common/metrics.hpp"
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "storage/event_retention.hpp"
#include "storage/outbox.hpp"

namespace rapport::http {
namespace {

constexpr int64_t kMaxEventsPerPage = 1000;

// How far each event subscriber is behind the newest event: read at scrape time, since the
// positions live in the database, not in memory. Never below 0: once retention has pruned every
// event the table is empty while the positions stay where they were.
constexpr std::string_view kOutboxLag =
    "SELECT name, max(0, (SELECT coalesce(max(seq), 0) FROM events) - position) FROM "
    "event_consumers ORDER BY name";

Result<std::string> RenderMetrics(ApiServices& s) {
  std::string out = Metrics().Render();
  std::string lag =
      "# HELP rapport_outbox_lag_events Events committed but not yet applied, per subscriber.\n"
      "# TYPE rapport_outbox_lag_events gauge\n";
  Status status = s.database.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kOutboxLag));
    for (const auto& row : rows) {
      lag += "rapport_outbox_lag_events" + RenderLabels({{"subscriber", row.Text(0)}}) + " " +
             std::to_string(row.Int(1)) + "\n";
    }
    return OkStatus();
  });
  if (!status.ok()) return std::move(status).error();
  out += lag;
  out +=
      "# HELP rapport_jobs_queued Import and export jobs queued or running.\n"
      "# TYPE rapport_jobs_queued gauge\n"
      "rapport_jobs_queued " +
      std::to_string(s.jobs.QueueDepth()) + "\n";
  AppendProcessMetrics(out);
  return out;
}

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
              .pattern = "/metrics",
              .summary = "Prometheus metrics (text format): requests and latency per route, "
                         "commits, outbox lag, jobs, connections, memory; administrators only",
              .tag = "system",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                // Route names, volumes and queue depths describe the business: admins only.
                if (auto denied = RequireAdmin(request, caller)) return *denied;
                auto text = RenderMetrics(s);
                if (!text.ok()) return ErrorResponse(request, text.error());
                Response response;
                response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                response.body = std::move(text).value();
                return response;
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
                  "only, since events carry record fields unredacted; 422 when after is older "
                  "than the feed's window",
       .tag = "system",
       .response_schema = "EventPage",
       .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
         // Events are for integrations: they carry record fields without the caller's field
         // rules, so only an unscoped admin credential may read the feed.
         if (auto denied = RequireAdmin(request, caller)) return *denied;
         auto after = ParseNonNegative(request.Query("after"), "after", 0, INT64_MAX);
         if (!after.ok()) return ErrorResponse(request, after.error());
         auto limit = ParseNonNegative(request.Query("limit"), "limit", 100, kMaxEventsPerPage);
         if (!limit.ok()) return ErrorResponse(request, limit.error());
         std::vector<storage::Event> events;
         Status status = s.database.Read([&](storage::Tx& tx) -> Status {
           RAPPORT_ASSIGN_OR_RETURN(events, storage::ReadFeed(tx, *after, *limit));
           return OkStatus();
         });
         if (!status.ok()) return ErrorResponse(request, status.error());
         json::array data;
         const int64_t next = events.empty() ? *after : events.back().seq;
         for (auto& event : events) data.push_back(storage::EventToJson(std::move(event)));
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
  AddTicketRoutes(*router, services);
  AddDeskRoutes(*router, services);
  AddAttachmentRoutes(*router, services);
  AddPublicRoutes(*router, services);
  AddHelpCenterRoutes(*router, services);
  AddHelpPageRoutes(*router, services);
  AddChatRoutes(*router, services);
  AddChatFileRoutes(*router, services);
  AddHealthRoutes(*router, services);
  AddTaskRoutes(*router, services);
  AddLoyaltyRoutes(*router, services);
  AddImportRoutes(*router, services);
  AddExportRoutes(*router, services);
  return router;
}

}  // namespace rapport::http
