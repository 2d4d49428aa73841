// /api/v1/roles: the built-in roles and those admins define. Reading is open to every signed-in
// caller (the web app shows what a role allows); changes are for administrators.
#include "http/api.hpp"
#include "http/handler_support.hpp"

namespace rapport::http {

void AddRoleRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/roles",
              .summary = "Every role: the six built-in ones, then those admins defined",
              .tag = "users",
              .response_schema = "RoleList",
              .handler = [&s](const Request& request, const PathParams&, const Caller&) {
                auto roles = s.roles.List();
                if (!roles.ok()) return ErrorResponse(request, roles.error());
                return Response::Json(200, json::object{{"data", std::move(roles).value()}});
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/roles",
              .summary = "Define a role: grants per object and action, hidden and read-only fields "
                         "(administrators only)",
              .tag = "users",
              .success_status = 201,
              .request_schema = "RoleInput",
              .response_schema = "Role",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                if (auto denied = RequireAdmin(request, caller)) return *denied;
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                auto role = s.roles.Create(caller.Context(), *body);
                if (!role.ok()) return ErrorResponse(request, role.error());
                const std::string location =
                    "/api/v1/roles/" + std::string(role->at("name").as_string());
                Response response = RecordResponse(request, std::move(role), 201);
                return response.WithHeader("Location", location);
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/roles/{name}",
              .summary = "One role (ETag for defined roles)",
              .tag = "users",
              .response_schema = "Role",
              .handler = [&s](const Request& request, const PathParams& params, const Caller&) {
                return RecordResponse(request, s.roles.Get(params.at("name")));
              }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/roles/{name}",
       .summary = "Change a defined role's description, grants or fields; each given part is "
                  "replaced whole (administrators only; If-Match honoured)",
       .tag = "users",
       .request_schema = "RoleInput",
       .response_schema = "Role",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         if (auto denied = RequireAdmin(request, caller)) return *denied;
         return VersionedPatch(request, caller,
                               [&](const auto& context, const auto& patch, auto v) {
                                 return s.roles.Update(context, params.at("name"), patch, v);
                               });
       }});
  router.Add(
      {.method = "DELETE",
       .pattern = "/api/v1/roles/{name}",
       .summary = "Delete a defined role no user holds (administrators only)",
       .tag = "users",
       .success_status = 204,
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         if (auto denied = RequireAdmin(request, caller)) return *denied;
         return VersionedDelete(request, caller, [&](const auto& context, auto v) {
           return s.roles.Delete(context, params.at("name"), v);
         });
       }});
}

}  // namespace rapport::http
