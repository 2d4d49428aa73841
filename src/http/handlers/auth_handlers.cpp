// /api/v1/auth: staff sign-in and sign-out, who am I, and my sessions.
#include "http/api.hpp"
#include "http/authenticator.hpp"
#include "http/handler_support.hpp"

namespace rapport::http {
namespace {

std::string SessionCookie(const std::string& value, int64_t max_age_seconds, bool secure) {
  return std::string(kSessionCookie) + "=" + value +
         "; HttpOnly; SameSite=Lax; Path=/; Max-Age=" + std::to_string(max_age_seconds) +
         (secure ? "; Secure" : "");
}

Response RequireSession(const Request& request) {
  return ErrorResponse(
      request, Error::Invalid("Authorization", "applies to signed-in sessions, not API tokens"));
}

}  // namespace

void AddAuthRoutes(Router& router, ApiServices& s) {
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/auth/login",
       .summary = "Sign in with email and password; sets the session cookie",
       .tag = "auth",
       .requires_auth = false,
       .request_schema = "Login",
       .response_schema = "SignedIn",
       .handler = [&s](const Request& request, const PathParams&, const Caller&) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         const json::value* email = body->if_contains("email");
         const json::value* password = body->if_contains("password");
         std::vector<FieldError> errors;
         if (email == nullptr || !email->is_string() || email->as_string().empty()) {
           errors.push_back({"email", "is required"});
         }
         if (password == nullptr || !password->is_string() || password->as_string().empty()) {
           errors.push_back({"password", "is required"});
         }
         if (!errors.empty()) return ErrorResponse(request, Error::Invalid(errors));
         auto signed_in =
             s.sessions.SignIn(std::string(email->as_string()), std::string(password->as_string()),
                               request.remote_address, request.Header("user-agent").value_or(""));
         if (!signed_in.ok()) return ErrorResponse(request, signed_in.error());
         Response response =
             Response::Json(200, json::object{{"user", signed_in->user},
                                              {"session_id", signed_in->session_id},
                                              {"csrf_token", signed_in->csrf_token},
                                              {"expires_at", signed_in->expires_at}});
         return response.WithHeader(
             "Set-Cookie",
             SessionCookie(signed_in->secret, s.session_max_age_seconds, s.secure_cookies));
       }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/auth/logout",
              .summary = "Sign out this session",
              .tag = "auth",
              .success_status = 204,
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                if (caller.session_id.empty()) return RequireSession(request);
                Status status = s.sessions.RevokeSession(caller.user_id, caller.session_id);
                if (!status.ok()) return ErrorResponse(request, status.error());
                return Response::NoContent().WithHeader("Set-Cookie",
                                                        SessionCookie("", 0, s.secure_cookies));
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/auth/logout-everywhere",
              .summary = "Sign out every session of the signed-in user",
              .tag = "auth",
              .success_status = 204,
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                if (caller.session_id.empty()) return RequireSession(request);
                Status status = s.sessions.SignOutEverywhere(caller.user_id);
                if (!status.ok()) return ErrorResponse(request, status.error());
                return Response::NoContent().WithHeader("Set-Cookie",
                                                        SessionCookie("", 0, s.secure_cookies));
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/auth/me",
              .summary = "Who is calling: the signed-in user (with the session's CSRF token) or "
                         "the API token, and what they may do (merged grants and field rules)",
              .tag = "auth",
              .response_schema = "Me",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                if (caller.session_id.empty()) {
                  return Response::Json(200, json::object{{"actor", caller.principal},
                                                          {"access", caller.Access().ToJson()}});
                }
                auto user = s.sessions.LoadUser(caller.user_id);
                if (!user.ok()) return ErrorResponse(request, user.error());
                return Response::Json(200, json::object{{"actor", caller.principal},
                                                        {"user", std::move(user).value()},
                                                        {"session_id", caller.session_id},
                                                        {"csrf_token", caller.csrf_token},
                                                        {"access", caller.Access().ToJson()}});
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/auth/sessions",
              .summary = "My active sessions",
              .tag = "auth",
              .response_schema = "SessionList",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                if (caller.session_id.empty()) return RequireSession(request);
                auto sessions = s.sessions.ListSessions(caller.user_id, caller.session_id);
                if (!sessions.ok()) return ErrorResponse(request, sessions.error());
                return Response::Json(200, json::object{{"data", std::move(sessions).value()}});
              }});
  router.Add(
      {.method = "DELETE",
       .pattern = "/api/v1/auth/sessions/{id}",
       .summary = "End one of my sessions",
       .tag = "auth",
       .success_status = 204,
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         if (caller.session_id.empty()) return RequireSession(request);
         Status status = s.sessions.RevokeSession(caller.user_id, params.at("id"));
         return status.ok() ? Response::NoContent() : ErrorResponse(request, status.error());
       }});
}

}  // namespace rapport::http
