// The service desk's working rules under /api/v1/support/: business calendars and SLA policies
// (docs/design/sla.md § Wiring), routing rules (routing.hpp), canned replies (canned_replies.hpp)
// and agents' availability for round robin (assignment.hpp). Thin handlers; the kinds of setting
// share one set of routes, built by AddSettingRoutes.
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "support/assignment.hpp"
#include "support/canned_replies.hpp"
#include "support/desk_settings.hpp"

namespace rapport::http {
namespace {

struct SettingRoutes {
  std::string path;    // "/api/v1/support/calendars"
  std::string noun;    // "business calendar"
  std::string schema;  // "BusinessCalendar": also <schema>Input and <schema>List
};

// List, create, get, change and delete of one kind of setting at `routes.path`. `Service` has
// List(access), Create(access, context, input), Get(access, id), Update(access, context, id,
// patch, version) and Delete(access, context, id, version).
template <class Service>
void AddSettingRoutes(Router& router, ApiServices& s, const SettingRoutes& routes,
                      Service& service) {
  const std::string list_schema = routes.schema + "List";
  const std::string input_schema = routes.schema + "Input";
  router.Add(
      {.method = "GET",
       .pattern = routes.path,
       .summary = "Every " + routes.noun + ", by name",
       .tag = "support",
       .response_schema = list_schema,
       .handler = [&service](const Request& request, const PathParams&, const Caller& caller) {
         auto all = service.List(caller.Access());
         if (!all.ok()) return ErrorResponse(request, all.error());
         return Response::Json(200,
                               json::object{{"data", std::move(*all)}, {"next_cursor", nullptr}});
       }});
  router.Add(
      {.method = "POST",
       .pattern = routes.path,
       .summary = "Create a " + routes.noun + " (administrators only; Idempotency-Key honoured)",
       .tag = "support",
       .success_status = 201,
       .request_schema = input_schema,
       .response_schema = routes.schema,
       .handler = [&s, &service, path = routes.path](const Request& request, const PathParams&,
                                                     const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         return IdempotentCreate(
             s.database, request, caller,
             [&](const storage::WriteContext& context) {
               return service.Create(caller.Access(), context, *body);
             },
             [&path](const json::object& created) {
               return path + "/" + std::string(created.at("id").as_string());
             },
             [&](const json::object& first) {
               return service.Get(caller.Access(), StoredId(first));
             });
       }});
  router.Add({.method = "GET",
              .pattern = routes.path + "/{id}",
              .summary = "Get a " + routes.noun + " (ETag)",
              .tag = "support",
              .response_schema = routes.schema,
              .handler = [&service](const Request& request, const PathParams& params,
                                    const Caller& caller) {
                return RecordResponse(request, service.Get(caller.Access(), params.at("id")));
              }});
  router.Add({.method = "PATCH",
              .pattern = routes.path + "/{id}",
              .summary = "Change a " + routes.noun +
                         " (administrators only; If-Match honoured; top-level fields replaced)",
              .tag = "support",
              .request_schema = input_schema,
              .response_schema = routes.schema,
              .handler = [&service](const Request& request, const PathParams& params,
                                    const Caller& caller) {
                return VersionedPatch(
                    request, caller, [&](const auto& context, const auto& patch, auto v) {
                      return service.Update(caller.Access(), context, params.at("id"), patch, v);
                    });
              }});
  router.Add(VersionedDeleteRoute(
      routes.path + "/{id}",
      "Delete a " + routes.noun + " no queue uses (administrators only; If-Match honoured)",
      "support",
      [&service](const Caller& caller, const auto& context, const std::string& id, auto v) {
        return service.Delete(caller.Access(), context, id, v);
      }));
}

Response SetAvailability(ApiServices& s, const Request& request, const Caller& caller,
                         const std::string& user_id) {
  auto body = ParseBody(request);
  if (!body.ok()) return ErrorResponse(request, body.error());
  return RecordResponse(
      request, s.agents.SetAvailability(caller.Access(), caller.Context(), user_id, *body));
}

void AddAgentRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/support/agents",
              .summary = "Every active staff user: availability for round robin, open tickets",
              .tag = "support",
              .response_schema = "AgentList",
              .handler = [&s](const Request& request, const PathParams&, const Caller&) {
                auto agents = s.agents.List();
                if (!agents.ok()) return ErrorResponse(request, agents.error());
                return Response::Json(
                    200, json::object{{"data", std::move(*agents)}, {"next_cursor", nullptr}});
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/support/agents/me",
              .summary = "The caller's own availability",
              .tag = "support",
              .response_schema = "Agent",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                return RecordResponse(request, s.agents.Get(caller.Access().user_id()));
              }});
  router.Add({.method = "PUT",
              .pattern = "/api/v1/support/agents/me",
              .summary = "Say whether the caller takes new tickets ({available})",
              .tag = "support",
              .request_schema = "AgentAvailability",
              .response_schema = "Agent",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                return SetAvailability(s, request, caller, caller.Access().user_id());
              }});
  router.Add(
      {.method = "PUT",
       .pattern = "/api/v1/support/agents/{id}",
       .summary = "Set an agent's availability (administrators only)",
       .tag = "support",
       .request_schema = "AgentAvailability",
       .response_schema = "Agent",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return SetAvailability(s, request, caller, params.at("id"));
       }});
}

}  // namespace

void AddDeskRoutes(Router& router, ApiServices& s) {
  AddSettingRoutes(router, s,
                   {.path = "/api/v1/support/calendars",
                    .noun = "business calendar",
                    .schema = "BusinessCalendar"},
                   s.calendars);
  AddSettingRoutes(
      router, s,
      {.path = "/api/v1/support/sla-policies", .noun = "SLA policy", .schema = "SlaPolicy"},
      s.sla_policies);
  AddSettingRoutes(
      router, s,
      {.path = "/api/v1/support/routing-rules", .noun = "routing rule", .schema = "RoutingRule"},
      s.routing_rules);
  AddSettingRoutes(
      router, s,
      {.path = "/api/v1/support/canned-replies", .noun = "canned reply", .schema = "CannedReply"},
      s.canned_replies);
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/tickets/{id}/canned-replies/{reply}/render",
       .summary = "A canned reply filled in for this ticket: {body (plain text), actions}",
       .tag = "support",
       .response_schema = "CannedReplyRendering",
       .read_only = true,
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return RecordResponse(request, s.canned_replies.Render(caller.Access(), params.at("id"),
                                                                params.at("reply")));
       }});
  AddAgentRoutes(router, s);
}

}  // namespace rapport::http
