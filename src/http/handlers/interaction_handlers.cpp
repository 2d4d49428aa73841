// /api/v1/customers/{id}/interactions (log, read one, delete) and /timeline.
#include "http/api.hpp"
#include "http/handler_support.hpp"

namespace rapport::http {

void AddInteractionRoutes(Router& router, ApiServices& s) {
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/customers/{id}/interactions",
       .summary = "Log an interaction on the customer's timeline (Idempotency-Key honoured)",
       .tag = "timeline",
       .success_status = 201,
       .request_schema = "InteractionInput",
       .response_schema = "Interaction",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         const std::string customer_id = params.at("id");
         return IdempotentCreate(
             s.database, request, caller,
             [&](const storage::WriteContext& context) {
               return s.interactions.Log(caller.Access(), context, customer_id, *body);
             },
             [](const json::object&) { return std::string(); },
             [&](const json::object& first) {
               return s.interactions.Get(caller.Access(), customer_id, StoredId(first));
             });
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}/interactions/{interaction}",
       .summary = "One entry of the customer's timeline (404 when it is not this customer's, or "
                  "not readable)",
       .tag = "timeline",
       .response_schema = "Interaction",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return RecordResponse(request, s.interactions.Get(caller.Access(), params.at("id"),
                                                           params.at("interaction")));
       }});
  router.Add(
      {.method = "DELETE",
       .pattern = "/api/v1/customers/{id}/interactions/{interaction}",
       .summary = "Remove an entry from the customer's timeline (interactions delete level)",
       .tag = "timeline",
       .success_status = 204,
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         Status removed = s.interactions.Delete(caller.Access(), caller.Context(), params.at("id"),
                                                params.at("interaction"));
         if (!removed.ok()) return ErrorResponse(request, removed.error());
         return Response::NoContent();
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}/timeline",
       .summary = "The customer's timeline, newest first; filter by channel and kind",
       .tag = "timeline",
       .response_schema = "InteractionPage",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         interactions::TimelineQuery query;
         query.channel = request.Query("channel");
         query.kind = request.Query("kind");
         auto limit = ParseLimit(request.Query("limit"));
         if (!limit.ok()) return ErrorResponse(request, limit.error());
         query.limit = *limit;
         if (auto cursor = request.Query("cursor"); cursor && !cursor->empty()) {
           query.cursor = cursor;
         }
         auto page = s.interactions.Timeline(caller.Access(), params.at("id"), query);
         return PageResponse(request, std::move(page));
       }});
}

}  // namespace rapport::http
