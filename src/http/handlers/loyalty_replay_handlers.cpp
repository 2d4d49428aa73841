// A programme's replays of past orders (docs/design/loyalty.md § Replay). Thin: ReplayJobs
// checks the input and access; the scheduler runs the pages.
#include "http/handler_support.hpp"
#include "http/loyalty_replay_routes.hpp"

namespace rapport::http {

void AddLoyaltyReplayRoutes(Router& router, loyalty::ReplayJobs& replays) {
  const std::string base = "/api/v1/loyalty/programmes/{id}/replays";
  router.Add({.method = "POST",
              .pattern = base,
              .summary =
                  "Award the programme's points for past orders, as if it had run: {since?, "
                  "batch_size?}; runs in the background, an order never earns twice (loyalty "
                  "programmes edit; GET it for progress)",
              .tag = "loyalty",
              .success_status = 202,
              .handler = [&replays](const Request& request, const PathParams& params,
                                    const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                return RecordResponse(
                    request,
                    replays.Start(caller.Access(), caller.Context(), params.at("id"), *body), 202);
              }});
  router.Add({.method = "GET",
              .pattern = base,
              .summary = "The programme's replays, newest first (at most 20), with progress",
              .tag = "loyalty",
              .handler = [&replays](const Request& request, const PathParams& params,
                                    const Caller& caller) {
                auto all = replays.List(caller.Access(), params.at("id"));
                if (!all.ok()) return ErrorResponse(request, all.error());
                return Response::Json(
                    200, json::object{{"data", std::move(*all)}, {"next_cursor", nullptr}});
              }});
  router.Add({.method = "GET",
              .pattern = base + "/{replay_id}",
              .summary = "One replay: status, orders done of total and the whole percent",
              .tag = "loyalty",
              .handler = [&replays](const Request& request, const PathParams& params,
                                    const Caller& caller) {
                return RecordResponse(
                    request, replays.Get(caller.Access(), params.at("id"), params.at("replay_id")));
              }});
}

}  // namespace rapport::http
