// The surveys' staff API (docs/api.md § Surveys): definitions with their versions, invitations,
// results and answers. Thin: the rules are in src/feedback/.
#include <algorithm>

#include "common/time.hpp"
#include "http/handler_support.hpp"
#include "http/survey_routes.hpp"

namespace rapport::http {
namespace {

constexpr std::string_view kBase = "/api/v1/surveys";

Result<int64_t> VersionNumber(const std::string& text) {
  if (text.empty() || text.size() > 6 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Error::NotFound("No such survey version: " + text + ".");
  }
  return std::stoll(text);
}

// A range bound: an RFC 3339 time, or a date meaning its midnight UTC.
std::optional<std::string> RangeBound(const std::string& text) {
  if (IsValidDate(text)) return text + "T00:00:00.000Z";
  return NormalizeInstant(text);
}

Result<feedback::ResultsQuery> ResultsQueryFromUrl(const Request& request) {
  feedback::ResultsQuery query;
  for (const char* name : {"from", "to"}) {
    auto value = request.Query(name);
    if (!value || value->empty()) continue;
    auto instant = RangeBound(*value);
    if (!instant) return Error::Invalid(name, "must be an RFC 3339 time or a date YYYY-MM-DD");
    (std::string_view(name) == "from" ? query.from : query.to) = *instant;
  }
  if (auto by = request.Query("by"); by && !by->empty()) query.by = *by;
  if (auto filter = request.Query("filter"); filter && !filter->empty()) {
    // The filter language as JSON in the URL; the request line's own limit bounds its size.
    auto parsed = ParseJson(*filter);
    if (!parsed.ok() || !parsed->is_object()) {
      return Error::Invalid("filter", "must be a filter object as JSON (docs/design/filters.md)");
    }
    query.filter = std::move(*parsed);
  }
  return query;
}

}  // namespace

void AddSurveyRoutes(Router& router, SurveyApi& api) {
  const std::string base(kBase);
  router.Add({.method = "GET",
              .pattern = base,
              .summary = "Every survey, by name",
              .tag = "surveys",
              .response_schema = "SurveyList",
              .handler = [&api](const Request& request, const PathParams&, const Caller& caller) {
                auto all = api.surveys.List(caller.Access());
                if (!all.ok()) return ErrorResponse(request, all.error());
                return Response::Json(
                    200, json::object{{"data", std::move(*all)}, {"next_cursor", nullptr}});
              }});
  router.Add(
      {.method = "POST",
       .pattern = base,
       .summary = "Define a survey: {name, kind: nps|csat|ces|custom, purpose?, questions?} "
                  "(Idempotency-Key honoured)",
       .tag = "surveys",
       .success_status = 201,
       .request_schema = "SurveyInput",
       .response_schema = "Survey",
       .handler = [&api, base](const Request& request, const PathParams&, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         return IdempotentCreate(
             api.database, request, caller,
             [&](const storage::WriteContext& context) {
               return api.surveys.Create(caller.Access(), context, *body);
             },
             [&base](const json::object& created) {
               return base + "/" + std::string(created.at("id").as_string());
             },
             [&](const json::object& first) {
               return api.surveys.Get(caller.Access(), StoredId(first));
             });
       }});
  router.Add(
      {.method = "GET",
       .pattern = base + "/{id}",
       .summary = "A survey with its current version's questions (ETag)",
       .tag = "surveys",
       .response_schema = "Survey",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         return RecordResponse(request, api.surveys.Get(caller.Access(), params.at("id")));
       }});
  router.Add(
      {.method = "PATCH",
       .pattern = base + "/{id}",
       .summary = "Change a survey (If-Match honoured); new questions after the first "
                  "answer make a new version",
       .tag = "surveys",
       .request_schema = "SurveyInput",
       .response_schema = "Survey",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         return VersionedPatch(
             request, caller, [&](const auto& context, const auto& patch, auto v) {
               return api.surveys.Update(caller.Access(), context, params.at("id"), patch, v);
             });
       }});
  router.Add(
      {.method = "GET",
       .pattern = base + "/{id}/versions/{version}",
       .summary = "One version of a survey's questions, as answers given on it saw them",
       .tag = "surveys",
       .response_schema = "SurveyVersion",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         auto number = VersionNumber(params.at("version"));
         if (!number.ok()) return ErrorResponse(request, number.error());
         return RecordResponse(request,
                               api.surveys.GetVersion(caller.Access(), params.at("id"), *number));
       }});
  router.Add(
      {.method = "POST",
       .pattern = base + "/{id}/invitations",
       .summary = "Invite one customer: {customer_id, delivery?: link|email, language?, about?, "
                  "expires_in_days?}; a throttled or refused ask is recorded with its status",
       .tag = "surveys",
       .success_status = 201,
       .request_schema = "SurveyInvitationInput",
       .response_schema = "SurveyInvitation",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         // Not replayable under an Idempotency-Key: the link is shown once, never stored.
         return RecordResponse(
             request,
             api.invitations.Invite(caller.Access(), caller.Context(), params.at("id"), *body),
             201);
       }});
  router.Add(
      {.method = "GET",
       .pattern = base + "/{id}/invitations",
       .summary = "A survey's invitations, newest first (at most 500)",
       .tag = "surveys",
       .response_schema = "SurveyInvitationList",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         auto all = api.invitations.List(caller.Access(), params.at("id"));
         if (!all.ok()) return ErrorResponse(request, all.error());
         return Response::Json(200,
                               json::object{{"data", std::move(*all)}, {"next_cursor", nullptr}});
       }});
  router.Add(
      {.method = "POST",
       .pattern = base + "/{id}/open-link",
       .summary = "Make (or replace) the survey's open link for anyone to answer: {link}, shown "
                  "once; starts are limited per address",
       .tag = "surveys",
       .success_status = 201,
       .response_schema = "SurveyOpenLink",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         return RecordResponse(
             request, api.open_links.Make(caller.Access(), caller.Context(), params.at("id")), 201);
       }});
  router.Add(
      {.method = "DELETE",
       .pattern = base + "/{id}/open-link",
       .summary = "Close the survey's open link",
       .tag = "surveys",
       .success_status = 204,
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         Status closed = api.open_links.Close(caller.Access(), caller.Context(), params.at("id"));
         return closed.ok() ? Response::NoContent() : ErrorResponse(request, closed.error());
       }});
  router.Add(
      {.method = "POST",
       .pattern = base + "/{id}/sends",
       .summary = "Send the survey by e-mail to every customer a filter selects: {filter, "
                  "language?, expires_in_days?}; runs in the background (GET it for progress)",
       .tag = "surveys",
       .success_status = 202,
       .request_schema = "SurveySendInput",
       .response_schema = "SurveySend",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         return RecordResponse(
             request, api.sends.Start(caller.Access(), caller.Context(), params.at("id"), *body),
             202);
       }});
  router.Add(
      {.method = "GET",
       .pattern = base + "/{id}/sends",
       .summary = "A survey's sends to a filter, newest first (at most 100), with progress",
       .tag = "surveys",
       .response_schema = "SurveySendList",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         auto all = api.sends.List(caller.Access(), params.at("id"));
         if (!all.ok()) return ErrorResponse(request, all.error());
         return Response::Json(200,
                               json::object{{"data", std::move(*all)}, {"next_cursor", nullptr}});
       }});
  router.Add(
      {.method = "GET",
       .pattern = base + "/{id}/sends/{send_id}",
       .summary = "One send: status, progress (whole percent) and what became of each ask",
       .tag = "surveys",
       .response_schema = "SurveySend",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         return RecordResponse(
             request, api.sends.Get(caller.Access(), params.at("id"), params.at("send_id")));
       }});
  router.Add(
      {.method = "POST",
       .pattern = base + "/{id}/sends/{send_id}/cancel",
       .summary = "Stop a running send after its current batch",
       .tag = "surveys",
       .response_schema = "SurveySend",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         return RecordResponse(
             request, api.sends.Cancel(caller.Access(), params.at("id"), params.at("send_id")));
       }});
  router.Add(
      {.method = "GET",
       .pattern = base + "/{id}/results",
       .summary = "Results: NPS with its 95 % interval or the average, response rate, "
                  "trend by day, breakdown (?by=relationship_type|lifecycle_stage|queue|"
                  "product_category, ?from=&to=, ?filter= a customer filter as JSON)",
       .tag = "surveys",
       .response_schema = "SurveyResults",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         auto query = ResultsQueryFromUrl(request);
         if (!query.ok()) return ErrorResponse(request, query.error());
         return RecordResponse(request,
                               api.results.Results(caller.Access(), params.at("id"), *query));
       }});
  router.Add(
      {.method = "GET",
       .pattern = base + "/{id}/answers",
       .summary = "Completed answers, newest first, with comment, sentiment and themes (?q= "
                  "searches comments, ?theme= keeps one theme's)",
       .tag = "surveys",
       .response_schema = "SurveyAnswerPage",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         feedback::AnswersQuery query;
         query.q = request.Query("q");
         auto limit = ParseLimit(request.Query("limit"));
         if (!limit.ok()) return ErrorResponse(request, limit.error());
         query.limit = *limit;
         if (auto cursor = request.Query("cursor"); cursor && !cursor->empty()) {
           query.cursor = *cursor;
         }
         if (auto theme = request.Query("theme"); theme && !theme->empty()) query.theme = *theme;
         return PageResponse(request, api.results.Answers(caller.Access(), params.at("id"), query));
       }});
}

}  // namespace rapport::http

namespace rapport::http {

json::object SurveySchemas() {
  return json::parse(R"json({
  "SurveyText": {"oneOf": [{"type": "string", "maxLength": 500}, {"type": "object", "required": ["en"],
    "properties": {"en": {"type": "string", "maxLength": 500}, "de": {"type": "string", "maxLength": 500}}}]},
  "SurveyQuestion": {"type": "object", "required": ["id", "type", "text"], "properties": {
    "id": {"type": "string", "pattern": "^[a-z0-9_]{1,32}$"},
    "type": {"enum": ["rating", "scale", "single_choice", "multiple_choice", "text"]},
    "text": {"$ref": "#/components/schemas/SurveyText"}, "required": {"type": "boolean"},
    "main": {"type": "boolean", "description": "a custom survey's score question (rating or scale)"},
    "min": {"type": "integer"}, "max": {"type": "integer"},
    "options": {"type": "array", "maxItems": 20, "items": {"type": "object", "required": ["id", "text"], "properties": {
      "id": {"type": "string"}, "text": {"$ref": "#/components/schemas/SurveyText"}}}},
    "show_if": {"type": "object", "required": ["question"], "description": "asked only when an earlier answer matches",
      "properties": {"question": {"type": "string"}, "in": {"type": "array", "items": {"type": "string"}},
      "min": {"type": "integer"}, "max": {"type": "integer"}}}}},
  "Survey": {"type": "object", "required": ["id", "name", "kind", "purpose", "status", "current_version", "questions",
    "created_at", "updated_at", "version"], "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}, "kind": {"enum": ["nps", "csat", "ces", "custom"]},
    "purpose": {"enum": ["service", "marketing"]}, "status": {"enum": ["active", "archived"]},
    "current_version": {"type": "integer"},
    "questions": {"type": "array", "items": {"$ref": "#/components/schemas/SurveyQuestion"}},
    "trigger": {"$ref": "#/components/schemas/SurveyTrigger"},
    "created_at": {"type": "string"}, "updated_at": {"type": "string"}, "version": {"type": "integer"}}},
  "SurveyTrigger": {"type": ["object", "null"], "required": ["on"], "description": "sends the survey by itself after an event (docs/design/surveys.md)",
    "properties": {"on": {"enum": ["ticket_solved", "order_fulfilled", "first_purchase", "no_purchase"]},
    "days": {"type": "integer", "minimum": 0, "maximum": 730}}},
  "SurveyInput": {"type": "object", "properties": {
    "name": {"type": "string", "maxLength": 200}, "kind": {"enum": ["nps", "csat", "ces", "custom"]},
    "purpose": {"enum": ["service", "marketing"]}, "status": {"enum": ["active", "archived"]},
    "trigger": {"$ref": "#/components/schemas/SurveyTrigger"},
    "questions": {"type": "array", "maxItems": 30, "items": {"$ref": "#/components/schemas/SurveyQuestion"},
      "description": "nps/csat/ces: questions after the built-in one; custom: all of them"}}},
  "SurveyList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Survey"}}, "next_cursor": {"type": "null"}}},
  "SurveyVersion": {"type": "object", "required": ["survey_id", "version", "questions", "created_at"], "properties": {
    "survey_id": {"type": "string"}, "version": {"type": "integer"},
    "questions": {"type": "array", "items": {"$ref": "#/components/schemas/SurveyQuestion"}}, "created_at": {"type": "string"}}},
  "SurveyInvitationInput": {"type": "object", "required": ["customer_id"], "properties": {
    "customer_id": {"type": "string"}, "language": {"enum": ["en", "de"]},
    "delivery": {"enum": ["link", "email"], "description": "link (default): the link is in the answer, once; email: it is mailed"},
    "about": {"type": "object", "properties": {"ticket_id": {"type": "string"}, "order_id": {"type": "string"}}},
    "expires_in_days": {"type": "integer", "minimum": 1, "maximum": 365}}},
  "SurveyOpenLink": {"type": "object", "required": ["survey_id", "link"], "properties": {
    "survey_id": {"type": "string"}, "link": {"type": "string", "description": "/s/o/<22 characters>: shown once, only its hash is kept"}}},
  "SurveySendInput": {"type": "object", "required": ["filter"], "properties": {
    "filter": {"type": "object", "description": "the customers to ask (docs/design/filters.md)"},
    "delivery": {"enum": ["email"]}, "language": {"enum": ["en", "de"]},
    "expires_in_days": {"type": "integer", "minimum": 1, "maximum": 365}}},
  "SurveySend": {"type": "object", "required": ["id", "survey_id", "filter", "delivery", "status", "total", "processed",
    "progress", "sent", "throttled", "no_consent", "no_email", "skipped", "created_at"], "properties": {
    "id": {"type": "string"}, "survey_id": {"type": "string"}, "filter": {"type": "object"}, "delivery": {"enum": ["email"]},
    "language": {"type": ["string", "null"]}, "expires_in_days": {"type": "integer"}, "created_by": {"type": "string"},
    "status": {"enum": ["running", "done", "failed", "cancelled"]}, "total": {"type": "integer"},
    "processed": {"type": "integer"}, "progress": {"type": "integer", "minimum": 0, "maximum": 100}, "sent": {"type": "integer"},
    "throttled": {"type": "integer"}, "no_consent": {"type": "integer"}, "no_email": {"type": "integer"},
    "skipped": {"type": "integer", "description": "already holding an open invitation to the survey"},
    "error": {"type": ["string", "null"]}, "created_at": {"type": "string"}, "finished_at": {"type": ["string", "null"]}}},
  "SurveySendList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/SurveySend"}}, "next_cursor": {"type": "null"}}},
  "SurveyInvitation": {"type": "object", "required": ["id", "survey_id", "survey_version", "customer_id", "language",
    "status", "about", "expires_at", "created_at", "completed_at"], "properties": {
    "id": {"type": "string"}, "survey_id": {"type": "string"}, "survey_version": {"type": "integer"},
    "customer_id": {"type": ["string", "null"]}, "language": {"enum": ["en", "de"]},
    "status": {"enum": ["sent", "answering", "completed", "throttled", "no_consent", "no_email"]},
    "delivery": {"enum": ["link", "email", "open_link"]}, "send_id": {"type": ["string", "null"]},
    "mail": {"type": "object", "description": "a mailed invitation's mail: state queued|sending|sent|failed, error",
      "properties": {"state": {"type": "string"}, "error": {"type": ["string", "null"]}}},
    "about": {"type": "object", "properties": {"ticket_id": {"type": "string"}, "order_id": {"type": "string"}}},
    "expires_at": {"type": ["string", "null"]}, "created_at": {"type": "string"}, "completed_at": {"type": ["string", "null"]},
    "link": {"type": ["string", "null"], "description": "only in the answer to the invite, only when sent: it is not stored"}}},
  "SurveyInvitationList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/SurveyInvitation"}}, "next_cursor": {"type": "null"}}},
  "SurveySummary": {"type": "object", "required": ["n", "average", "ci95"], "properties": {
    "n": {"type": "integer"}, "average": {"type": ["number", "null"]}, "nps": {"type": ["number", "null"]},
    "promoters": {"type": "integer"}, "passives": {"type": "integer"}, "detractors": {"type": "integer"},
    "ci95": {"type": ["array", "null"], "items": {"type": "number"}}, "satisfied_share": {"type": ["number", "null"]}}},
  "SurveyResults": {"type": "object", "required": ["survey_id", "kind", "invited", "answered", "response_rate", "summary", "trend"],
    "properties": {"survey_id": {"type": "string"}, "kind": {"type": "string"}, "invited": {"type": "integer"},
    "answered": {"type": "integer"}, "response_rate": {"type": ["number", "null"]},
    "summary": {"$ref": "#/components/schemas/SurveySummary"},
    "trend": {"type": "array", "items": {"type": "object", "required": ["date", "n", "score"], "properties": {
      "date": {"type": "string"}, "n": {"type": "integer"}, "score": {"type": "number"}}}},
    "breakdown": {"type": "array", "items": {"type": "object", "required": ["key", "n", "score", "summary"], "properties": {
      "key": {"type": "string"}, "n": {"type": "integer"}, "score": {"type": "number"},
      "summary": {"$ref": "#/components/schemas/SurveySummary"}}}}}},
  "SurveyAnswer": {"type": "object", "required": ["id", "customer_id", "customer_name", "survey_version", "score", "comment",
    "sentiment", "answers", "answered_at"], "properties": {
    "id": {"type": "string"}, "customer_id": {"type": ["string", "null"], "description": "null: answered from the open link"},
    "customer_name": {"type": "string"},
    "survey_version": {"type": "integer"}, "score": {"type": ["integer", "null"]}, "comment": {"type": ["string", "null"]},
    "sentiment": {"type": ["number", "null"]}, "answers": {"type": "object"}, "answered_at": {"type": "string"},
    "themes": {"type": "array", "items": {"type": "object", "required": ["id", "name", "source"], "properties": {
      "id": {"type": "string"}, "name": {"type": "string"}, "source": {"enum": ["rule", "staff"]}}}}}},
  "SurveyAnswerPage": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/SurveyAnswer"}}, "next_cursor": {"type": ["string", "null"]}}},
  "SurveyAnswerInput": {"type": "object", "required": ["question"], "properties": {
    "question": {"type": "string"}, "answer": {"description": "a number, an option id, a list of option ids, text, or null to skip"}}},
  "SurveyStep": {"type": "object", "required": ["survey_name", "language", "completed", "answered", "question"], "properties": {
    "survey_name": {"type": "string"}, "language": {"enum": ["en", "de"]}, "completed": {"type": "boolean"},
    "answered": {"type": "integer"}, "question": {"type": ["object", "null"]}}}
})json")
      .as_object();
}

}  // namespace rapport::http
