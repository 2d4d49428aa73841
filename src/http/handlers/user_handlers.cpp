// /api/v1/users and /api/v1/teams: staff accounts and teams; changes for administrators only.
#include "http/api.hpp"
#include "http/handler_support.hpp"

namespace rapport::http {
namespace {

Result<identity::NewUser> NewUserFrom(const json::object& body, bool& generated) {
  identity::NewUser user;
  for (const auto& [key, value] : body) {
    if (key != "email" && key != "name" && key != "roles" && key != "password") {
      return Error::Invalid(std::string(key), "is not a known field");
    }
  }
  RAPPORT_ASSIGN_OR_RETURN(auto email, OptionalString(body, "email", "email"));
  RAPPORT_ASSIGN_OR_RETURN(auto name, OptionalString(body, "name", "name"));
  RAPPORT_ASSIGN_OR_RETURN(auto password, OptionalString(body, "password", "password"));
  user.email = email.value_or("");
  user.name = name.value_or("");
  if (const json::value* roles = body.if_contains("roles")) {
    if (!roles->is_array()) return Error::Invalid("roles", "must be an array of role names");
    for (const auto& role : roles->as_array()) {
      if (!role.is_string()) return Error::Invalid("roles", "must be an array of role names");
      user.roles.emplace_back(role.as_string());
    }
  }
  generated = !password;
  user.password = password ? *password : identity::GeneratePassword();
  return user;
}

}  // namespace

void AddTeamRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/teams",
              .summary = "Teams of staff, with member counts",
              .tag = "users",
              .response_schema = "TeamList",
              .handler = [&s](const Request& request, const PathParams&, const Caller&) {
                auto teams = s.teams.List();
                if (!teams.ok()) return ErrorResponse(request, teams.error());
                return Response::Json(200, json::object{{"data", std::move(teams).value()}});
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/teams",
              .summary = "Create a team (administrators only)",
              .tag = "users",
              .success_status = 201,
              .request_schema = "TeamInput",
              .response_schema = "Team",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                if (auto denied = RequireAdmin(request, caller)) return *denied;
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                auto team = s.teams.Create(caller.Context(), *body);
                if (!team.ok()) return ErrorResponse(request, team.error());
                Response response = Response::Json(201, *team);
                response.WithHeader("ETag", ETagFor(*team));
                return response.WithHeader(
                    "Location", "/api/v1/teams/" + std::string(team->at("id").as_string()));
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/teams/{id}",
              .summary = "One team (ETag)",
              .tag = "users",
              .response_schema = "Team",
              .handler = [&s](const Request& request, const PathParams& params, const Caller&) {
                return RecordResponse(request, s.teams.Get(params.at("id")));
              }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/teams/{id}",
       .summary = "Rename a team (administrators only; If-Match honoured)",
       .tag = "users",
       .request_schema = "TeamInput",
       .response_schema = "Team",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         if (auto denied = RequireAdmin(request, caller)) return *denied;
         return VersionedPatch(request, caller,
                               [&](const auto& context, const auto& patch, auto v) {
                                 return s.teams.Update(context, params.at("id"), patch, v);
                               });
       }});
  router.Add(
      {.method = "DELETE",
       .pattern = "/api/v1/teams/{id}",
       .summary = "Delete a team; its members stay, without it (administrators only)",
       .tag = "users",
       .success_status = 204,
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         if (auto denied = RequireAdmin(request, caller)) return *denied;
         return VersionedDelete(request, caller, [&](const auto& context, auto v) {
           return s.teams.Delete(context, params.at("id"), v);
         });
       }});
}

void AddUserRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/staff",
              .summary = "Who is who among staff, for every signed-in caller: id, name, teams, "
                         "status (to show owners by name and assign records)",
              .tag = "users",
              .response_schema = "StaffList",
              .handler = [&s](const Request& request, const PathParams&, const Caller&) {
                auto users = s.users.List();
                if (!users.ok()) return ErrorResponse(request, users.error());
                // Names only: emails, roles and sign-in times stay with administrators.
                json::array data;
                for (const auto& user : *users) {
                  data.push_back(json::object{{"id", user.at("id")},
                                              {"name", user.at("name")},
                                              {"teams", user.at("teams")},
                                              {"status", user.at("status")}});
                }
                return Response::Json(200, json::object{{"data", std::move(data)}});
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/users",
              .summary = "Staff accounts (administrators only)",
              .tag = "users",
              .response_schema = "UserList",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                if (auto denied = RequireAdmin(request, caller)) return *denied;
                auto users = s.users.List();
                if (!users.ok()) return ErrorResponse(request, users.error());
                json::array data;
                for (auto& user : *users) data.push_back(std::move(user));
                return Response::Json(200, json::object{{"data", std::move(data)}});
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/users",
              .summary = "Create a staff account (administrators only); without a password one is "
                         "generated and returned once as initial_password",
              .tag = "users",
              .success_status = 201,
              .request_schema = "UserInput",
              .response_schema = "User",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                if (auto denied = RequireAdmin(request, caller)) return *denied;
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                bool generated = false;
                auto input = NewUserFrom(*body, generated);
                if (!input.ok()) return ErrorResponse(request, input.error());
                auto user = s.users.Create(caller.Context(), *input);
                if (!user.ok()) return ErrorResponse(request, user.error());
                json::object out = std::move(user).value();
                if (generated) out["initial_password"] = input->password;
                Response response = Response::Json(201, out);
                return response.WithHeader(
                    "Location", "/api/v1/users/" + std::string(out.at("id").as_string()));
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/users/{id}",
       .summary = "One staff account (administrators only)",
       .tag = "users",
       .response_schema = "User",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         if (auto denied = RequireAdmin(request, caller)) return *denied;
         return RecordResponse(request, s.users.Find(params.at("id")));
       }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/users/{id}",
       .summary = "Change a staff account's name, roles or status (administrators only)",
       .tag = "users",
       .request_schema = "UserPatch",
       .response_schema = "User",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         if (auto denied = RequireAdmin(request, caller)) return *denied;
         return VersionedPatch(request, caller,
                               [&](const auto& context, const auto& patch, auto v) {
                                 return s.users.Update(context, params.at("id"), patch, v);
                               });
       }});
}

}  // namespace rapport::http
