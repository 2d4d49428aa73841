// /api/v1/tokens: staff manage their own API tokens (administrators see and revoke everyone's).
// A token is shown once, in the 201 of its creation. Minting needs a session or an unscoped
// token, so a narrowed token can never make itself a wider one.
#include "http/api.hpp"
#include "http/handler_support.hpp"

namespace rapport::http {
namespace {

Result<std::vector<std::string>> ScopesFrom(const json::object& body) {
  std::vector<std::string> scopes;
  const json::value* value = body.if_contains("scopes");
  if (value == nullptr || value->is_null()) return scopes;
  if (!value->is_array()) return Error::Invalid("scopes", "must be an array of scopes");
  // An empty list would read as "no narrowing", the opposite of what it seems to ask for.
  if (value->as_array().empty()) {
    return Error::Invalid("scopes", "must name at least one scope; leave it out for full access");
  }
  for (const auto& scope : value->as_array()) {
    if (!scope.is_string()) return Error::Invalid("scopes", "must be an array of scopes");
    scopes.emplace_back(scope.as_string());
  }
  return scopes;
}

}  // namespace

void AddTokenRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/tokens",
              .summary = "My API tokens (administrators: everyone's); never their secrets",
              .tag = "auth",
              .response_schema = "TokenList",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto tokens = s.tokens.List();
                if (!tokens.ok()) return ErrorResponse(request, tokens.error());
                json::array data;
                for (const auto& token : *tokens) {
                  if (!caller.Access().is_admin() && token.user_id != caller.user_id) continue;
                  data.push_back(identity::TokenToJson(token));
                }
                return Response::Json(200, json::object{{"data", std::move(data)}});
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/tokens",
              .summary = "Create an API token of my own: {name, expires_at?, scopes?}; the secret "
                         "is in this response only",
              .tag = "auth",
              .success_status = 201,
              .request_schema = "TokenInput",
              .response_schema = "NewToken",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                if (caller.Access().is_scoped() || caller.user_id.empty()) {
                  return ErrorResponse(
                      request, Error::PermissionDenied("Create tokens from a signed-in session or "
                                                       "an unscoped token of your own."));
                }
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                for (const auto& [key, unused] : *body) {
                  if (key != "name" && key != "expires_at" && key != "scopes") {
                    return ErrorResponse(request,
                                         Error::Invalid(std::string(key), "is not a known field"));
                  }
                }
                auto name = OptionalString(*body, "name", "name");
                if (!name.ok()) return ErrorResponse(request, name.error());
                auto expires_at = OptionalString(*body, "expires_at", "expires_at");
                if (!expires_at.ok()) return ErrorResponse(request, expires_at.error());
                auto scopes = ScopesFrom(*body);
                if (!scopes.ok()) return ErrorResponse(request, scopes.error());
                auto token = s.tokens.Create(caller.Context(), name->value_or(""), *expires_at,
                                             caller.user_id, std::move(scopes).value());
                if (!token.ok()) return ErrorResponse(request, token.error());
                json::object out = identity::TokenToJson(token->info);
                out["token"] = token->secret;
                Response response = Response::Json(201, out);
                return response.WithHeader("Location", "/api/v1/tokens/" + token->info.id);
              }});
  router.Add(
      {.method = "DELETE",
       .pattern = "/api/v1/tokens/{id}",
       .summary = "Revoke one of my tokens (administrators: anyone's) by id or prefix",
       .tag = "auth",
       .success_status = 204,
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         const std::optional<std::string> owner =
             caller.Access().is_admin() ? std::nullopt : std::optional(caller.user_id);
         Status revoked = s.tokens.Revoke(caller.Context(), params.at("id"), owner);
         if (!revoked.ok()) return ErrorResponse(request, revoked.error());
         return Response::NoContent();
       }});
}

}  // namespace rapport::http
