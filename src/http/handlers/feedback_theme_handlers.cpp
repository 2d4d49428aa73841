// "You said, we did" (docs/api.md § Surveys, docs/design/surveys.md § Themes): feedback themes
// with their keyword rules and what the business did, the report of answers per theme per week,
// and staff tagging an answer. Thin: the rules are in src/feedback/feedback_themes.cpp.
#include "common/time.hpp"
#include "http/handler_support.hpp"
#include "http/survey_routes.hpp"

namespace rapport::http {
namespace {

constexpr std::string_view kThemes = "/api/v1/feedback/themes";

// A range bound: an RFC 3339 time, or a date meaning its midnight UTC.
Result<std::optional<std::string>> Bound(const Request& request, const char* name) {
  auto value = request.Query(name);
  if (!value || value->empty()) return std::optional<std::string>();
  if (IsValidDate(*value)) return std::optional<std::string>(*value + "T00:00:00.000Z");
  auto instant = NormalizeInstant(*value);
  if (!instant) return Error::Invalid(name, "must be an RFC 3339 time or a date YYYY-MM-DD");
  return std::optional<std::string>(*instant);
}

Response TagRoute(const Request& request, const PathParams& params, const Caller& caller,
                  SurveyApi& api, bool on) {
  Status tagged = api.themes.Tag(caller.Access(), params.at("id"), params.at("theme_id"), on);
  return tagged.ok() ? Response::NoContent() : ErrorResponse(request, tagged.error());
}

}  // namespace

void AddFeedbackThemeRoutes(Router& router, SurveyApi& api) {
  const std::string base(kThemes);
  router.Add({.method = "GET",
              .pattern = base,
              .summary = "You said, we did: each theme with its answers per week (?from=&to=) "
                         "and what was done, most mentioned first",
              .tag = "surveys",
              .response_schema = "FeedbackThemeReport",
              .handler = [&api](const Request& request, const PathParams&, const Caller& caller) {
                auto from = Bound(request, "from");
                if (!from.ok()) return ErrorResponse(request, from.error());
                auto to = Bound(request, "to");
                if (!to.ok()) return ErrorResponse(request, to.error());
                return RecordResponse(request, api.themes.Report(caller.Access(), *from, *to));
              }});
  router.Add({.method = "POST",
              .pattern = base,
              .summary = "Name a theme: {name, keywords?, we_did?}; its keywords tag the last "
                         "year's answers at once and every answer from now on",
              .tag = "surveys",
              .success_status = 201,
              .request_schema = "FeedbackThemeInput",
              .response_schema = "FeedbackTheme",
              .handler = [&api](const Request& request, const PathParams&, const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                return RecordResponse(
                    request, api.themes.Create(caller.Access(), caller.Context(), *body), 201);
              }});
  router.Add(
      {.method = "PATCH",
       .pattern = base + "/{id}",
       .summary = "Change a theme (If-Match honoured): new keywords re-tag; we_did records what "
                  "was done",
       .tag = "surveys",
       .request_schema = "FeedbackThemeInput",
       .response_schema = "FeedbackTheme",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         return VersionedPatch(
             request, caller, [&](const auto& context, const auto& patch, auto v) {
               return api.themes.Update(caller.Access(), context, params.at("id"), patch, v);
             });
       }});
  router.Add(
      {.method = "DELETE",
       .pattern = base + "/{id}",
       .summary = "Delete a theme and its tags",
       .tag = "surveys",
       .success_status = 204,
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         Status deleted = api.themes.Delete(caller.Access(), caller.Context(), params.at("id"));
         return deleted.ok() ? Response::NoContent() : ErrorResponse(request, deleted.error());
       }});
  router.Add(
      {.method = "PUT",
       .pattern = "/api/v1/survey-answers/{id}/themes/{theme_id}",
       .summary = "Tag a completed answer with a theme (staff)",
       .tag = "surveys",
       .success_status = 204,
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         return TagRoute(request, params, caller, api, true);
       }});
  router.Add(
      {.method = "DELETE",
       .pattern = "/api/v1/survey-answers/{id}/themes/{theme_id}",
       .summary = "Take a theme off an answer",
       .tag = "surveys",
       .success_status = 204,
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         return TagRoute(request, params, caller, api, false);
       }});
}

json::object FeedbackThemeSchemas() {
  return json::parse(R"json({
  "FeedbackThemeInput": {"type": "object", "properties": {
    "name": {"type": "string", "maxLength": 80},
    "keywords": {"type": "array", "maxItems": 20, "items": {"type": "string", "maxLength": 60},
      "description": "a keyword tags a comment where it starts a word, case-insensitively"},
    "we_did": {"type": ["string", "null"], "maxLength": 2000, "description": "what the business did about it"}}},
  "FeedbackTheme": {"type": "object", "required": ["id", "name", "keywords", "we_did", "we_did_at", "created_at", "updated_at", "version"],
    "properties": {"id": {"type": "string"}, "name": {"type": "string"},
    "keywords": {"type": "array", "items": {"type": "string"}}, "we_did": {"type": ["string", "null"]},
    "we_did_at": {"type": ["string", "null"]}, "created_at": {"type": "string"}, "updated_at": {"type": "string"},
    "version": {"type": "integer"}, "tagged": {"type": "integer", "description": "answers its keywords tagged (when they changed)"}}},
  "FeedbackThemeReport": {"type": "object", "required": ["themes"], "properties": {
    "themes": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/FeedbackTheme"},
      {"type": "object", "required": ["count", "weeks"], "properties": {"count": {"type": "integer"},
      "weeks": {"type": "array", "items": {"type": "object", "required": ["week", "n"], "properties": {
        "week": {"type": "string", "description": "the Monday"}, "n": {"type": "integer"}}}}}}]}}}}
})json")
      .as_object();
}

}  // namespace rapport::http
