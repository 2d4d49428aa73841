// Customer health (docs/design/health.md): /api/v1/customers/{id}/health, bad experiences,
// /api/v1/health/distribution and /api/v1/health/settings.
#include "analytics/bad_experiences.hpp"
#include "analytics/health_reads.hpp"
#include "analytics/health_settings.hpp"
#include "http/api.hpp"
#include "http/handler_support.hpp"

namespace rapport::http {
namespace {

constexpr std::string_view kHealthSchemas = R"json({
  "HealthReason": {"type": "object", "required": ["code", "text", "points"], "properties": {
    "code": {"type": "string", "description": "recency, frequency, spend, bad_experiences, nps, csat, open_tickets, breaches, engagement"},
    "text": {"type": "string"}, "points": {"type": "integer", "description": "taken off the score (negative: added)"}}},
  "BadExperience": {"type": "object", "required": ["id", "customer_id", "cause", "summary", "state", "occurred_at", "version"],
    "properties": {"id": {"type": "string"}, "customer_id": {"type": "string"},
    "cause": {"enum": ["staff", "sla_breach", "ticket_reopened", "detractor", "low_csat", "low_rating", "negative_review", "negative_comment", "negative_contact", "refund", "order_cancelled"]},
    "source": {"type": ["string", "null"]}, "summary": {"type": "string"},
    "state": {"enum": ["open", "recovered", "lost"]}, "outcome": {"type": ["string", "null"]},
    "occurred_at": {"type": "string"}, "recorded_by": {"type": ["string", "null"]},
    "resolved_at": {"type": ["string", "null"]}, "resolved_by": {"type": ["string", "null"]},
    "version": {"type": "integer"}, "follow_up_task_id": {"type": ["string", "null"]},
    "follow_up_ticket_id": {"type": ["string", "null"], "description": "the ticket its follow-up opened in the chosen queue"}}},
  "BadExperienceInput": {"type": "object", "required": ["summary"], "properties": {
    "summary": {"type": "string", "maxLength": 500}, "occurred_at": {"type": "string", "format": "date-time"}}},
  "BadExperienceResolve": {"type": "object", "required": ["state"], "properties": {
    "state": {"enum": ["open", "recovered", "lost"]}, "outcome": {"type": "string", "maxLength": 1000}}},
  "BadExperienceList": {"type": "object", "required": ["data"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/BadExperience"}}}},
  "CustomerHealth": {"type": "object", "required": ["customer_id", "score", "risk", "reasons", "nps_last", "bad_experiences_open", "updated_at", "bad_experiences"],
    "properties": {"customer_id": {"type": "string"}, "score": {"type": ["integer", "null"]},
    "risk": {"enum": ["low", "medium", "high", null]},
    "reasons": {"type": "array", "items": {"$ref": "#/components/schemas/HealthReason"}},
    "nps_last": {"type": ["integer", "null"]}, "bad_experiences_open": {"type": "integer"},
    "updated_at": {"type": ["string", "null"]},
    "bad_experiences": {"type": "array", "items": {"$ref": "#/components/schemas/BadExperience"}}}},
  "HealthDay": {"type": "object", "required": ["day", "low", "medium", "high", "average_score"], "properties": {
    "day": {"type": "string", "format": "date"}, "low": {"type": "integer"}, "medium": {"type": "integer"},
    "high": {"type": "integer"}, "average_score": {"type": ["number", "null"]}}},
  "HealthDistribution": {"type": "object", "required": ["data", "current"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/HealthDay"}},
    "current": {"type": "object", "required": ["low", "medium", "high"], "properties": {
      "low": {"type": "integer"}, "medium": {"type": "integer"}, "high": {"type": "integer"}}}}},
  "AtRiskCustomer": {"type": "object", "required": ["customer_id", "display_name", "owner_id", "score", "risk", "reason"],
    "properties": {"customer_id": {"type": "string"}, "display_name": {"type": "string"},
    "owner_id": {"type": ["string", "null"]}, "score": {"type": "integer"},
    "risk": {"enum": ["low", "medium", "high"]}, "reason": {"type": ["string", "null"]}}},
  "AtRiskPage": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/AtRiskCustomer"}},
    "next_cursor": {"type": ["string", "null"]}}},
  "RecentBadExperience": {"type": "object", "required": ["id", "customer_id", "display_name", "cause", "summary", "state", "occurred_at"],
    "properties": {"id": {"type": "string"}, "customer_id": {"type": "string"}, "display_name": {"type": "string"},
    "cause": {"type": "string"}, "summary": {"type": "string"}, "state": {"enum": ["open", "recovered", "lost"]},
    "occurred_at": {"type": "string"}}},
  "RecentBadExperienceList": {"type": "object", "required": ["data"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/RecentBadExperience"}}}},
  "HealthSettings": {"type": "object", "properties": {
    "rules": {"type": "object", "description": "cause -> whether the rule records a bad experience",
      "additionalProperties": {"type": "boolean"}},
    "detractor_max": {"type": "integer", "minimum": 0, "maximum": 9},
    "csat_low_max": {"type": "integer", "minimum": 1, "maximum": 4},
    "review_low_max": {"type": "integer", "minimum": 1, "maximum": 4},
    "default_interval_days": {"type": "integer", "minimum": 1, "maximum": 3650},
    "high_below": {"type": "integer", "minimum": 1, "maximum": 99},
    "medium_below": {"type": "integer", "minimum": 1, "maximum": 100},
    "follow_up_causes": {"type": "array", "items": {"type": "string"}, "description": "causes that open a follow-up task"},
    "follow_up_hours": {"type": "integer", "minimum": 1, "maximum": 720},
    "follow_up_assignee": {"type": ["string", "null"], "description": "who gets follow-up tasks of customers without an active owner; when null (or disabled) they go to the first active administrator"},
    "follow_up_as": {"type": "object", "description": "cause -> task (the default), ticket (in follow_up_queue_id) or both",
      "additionalProperties": {"enum": ["task", "ticket", "both"]}},
    "follow_up_queue_id": {"type": ["string", "null"], "description": "the queue ticket follow-ups open in"},
    "version": {"type": "integer"}, "updated_at": {"type": ["string", "null"]}}}
})json";

}  // namespace

json::object HealthSchemas() { return json::parse(kHealthSchemas).as_object(); }

void AddHealthRoutes(Router& router, ApiServices& s) {
  if (s.health == nullptr) return;
  HealthApi& h = *s.health;
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}/health",
       .summary = "The customer's health score, churn risk, the reasons and bad experiences",
       .tag = "health",
       .response_schema = "CustomerHealth",
       .handler = [&h](const Request& request, const PathParams& params, const Caller& caller) {
         return RecordResponse(request, h.reads.ForCustomer(caller.Access(), params.at("id")));
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}/bad-experiences",
       .summary = "The customer's bad experiences, open ones first",
       .tag = "health",
       .response_schema = "BadExperienceList",
       .handler = [&h](const Request& request, const PathParams& params, const Caller& caller) {
         auto list = h.experiences.ListForCustomer(caller.Access(), params.at("id"));
         if (!list.ok()) return ErrorResponse(request, list.error());
         return Response::Json(200, json::object{{"data", std::move(list).value()}});
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/api/v1/customers/{id}/bad-experiences",
       .summary = "Record a bad experience for the customer (interactions create level)",
       .tag = "health",
       .success_status = 201,
       .request_schema = "BadExperienceInput",
       .response_schema = "BadExperience",
       .handler = [&h](const Request& request, const PathParams& params, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         return RecordResponse(
             request,
             h.experiences.Record(caller.Access(), caller.Context(), params.at("id"), *body), 201);
       }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/bad-experiences/{id}",
       .summary = "Close the loop: recovered or lost, with the outcome (If-Match honoured)",
       .tag = "health",
       .request_schema = "BadExperienceResolve",
       .response_schema = "BadExperience",
       .handler = [&h](const Request& request, const PathParams& params, const Caller& caller) {
         return VersionedPatch(request, caller,
                               [&](const auto& context, const auto& patch, auto version) {
                                 return h.experiences.Resolve(caller.Access(), context,
                                                              params.at("id"), patch, version);
                               });
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/health/distribution",
       .summary = "Customers per churn risk, per day over the last `days` (default 90), and now",
       .tag = "health",
       .response_schema = "HealthDistribution",
       .handler = [&h](const Request& request, const PathParams&, const Caller& caller) {
         int64_t days = 90;
         if (auto text = request.Query("days")) {
           try {
             size_t used = 0;
             days = std::stoll(*text, &used);
             if (used != text->size()) days = -1;
           } catch (const std::exception&) {  // not a number: refused below like any bad value
             days = -1;
           }
         }
         return RecordResponse(request, h.reads.Distribution(caller.Access(), days));
       }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/health/at-risk",
              .summary =
                  "Customers by health, lowest first (risk=high|medium|low, owner=me, limit, "
                  "cursor)",
              .tag = "health",
              .response_schema = "AtRiskPage",
              .handler = [&h](const Request& request, const PathParams&, const Caller& caller) {
                std::optional<std::string> owner;
                if (auto wanted = request.Query("owner")) {
                  if (*wanted != "me") {
                    return ErrorResponse(request, Error::Invalid("owner", "must be me"));
                  }
                  owner = caller.user_id;
                }
                auto limit = ParseLimit(request.Query("limit"));
                if (!limit.ok()) return ErrorResponse(request, limit.error());
                std::optional<std::string> cursor = request.Query("cursor");
                if (cursor && cursor->empty()) cursor.reset();
                return RecordResponse(
                    request, h.reads.AtRisk(caller.Access(), request.Query("risk").value_or(""),
                                            owner, *limit, cursor));
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/bad-experiences",
       .summary = "The newest bad experiences (cause=detractor,low_csat,…; owner=me; open=true; "
                  "limit ≤ 50)",
       .tag = "health",
       .response_schema = "RecentBadExperienceList",
       .handler = [&h](const Request& request, const PathParams&, const Caller& caller) {
         std::vector<std::string> causes;
         if (auto list = request.Query("cause"); list && !list->empty()) {
           size_t at = 0;
           while (at <= list->size() && causes.size() <= 11) {
             const size_t comma = list->find(',', at);
             causes.push_back(
                 list->substr(at, comma == std::string::npos ? std::string::npos : comma - at));
             if (comma == std::string::npos) break;
             at = comma + 1;
           }
         }
         std::optional<std::string> owner;
         if (auto wanted = request.Query("owner")) {
           if (*wanted != "me") {
             return ErrorResponse(request, Error::Invalid("owner", "must be me"));
           }
           owner = caller.user_id;
         }
         const bool open_only = request.Query("open").value_or("") == "true";
         int64_t limit = 10;
         if (auto text = request.Query("limit")) {
           limit = text->size() <= 3 && !text->empty() &&
                           text->find_first_not_of("0123456789") == std::string::npos
                       ? std::stoll(*text)
                       : -1;
         }
         return RecordResponse(request, h.reads.RecentBadExperiences(caller.Access(), causes, owner,
                                                                     open_only, limit));
       }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/health/settings",
              .summary = "The health rules and weights (administrators)",
              .tag = "health",
              .response_schema = "HealthSettings",
              .handler = [&h](const Request& request, const PathParams&, const Caller& caller) {
                return RecordResponse(request, h.settings.Get(caller.Access()));
              }});
  router.Add(
      {.method = "PUT",
       .pattern = "/api/v1/health/settings",
       .summary = "Change the health rules and weights; every customer is re-scored (If-Match)",
       .tag = "health",
       .request_schema = "HealthSettings",
       .response_schema = "HealthSettings",
       .handler = [&h](const Request& request, const PathParams&, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         auto version = IfMatchVersion(request);
         if (!version.ok()) return ErrorResponse(request, version.error());
         return RecordResponse(request,
                               h.settings.Put(caller.Access(), caller.Context(), *body, *version));
       }});
}

}  // namespace rapport::http
