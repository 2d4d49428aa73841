// The reviews' staff API (docs/design/reviews.md): record, read, list with filters, moderate and
// reply (If-Match), per-product stats, and review requests. Thin: the rules are in
// src/feedback/review*.
#include "http/handler_support.hpp"
#include "http/review_routes.hpp"

namespace rapport::http {
namespace {

constexpr std::string_view kBase = "/api/v1/reviews";

// ?status=&product_id=&customer_id=&source=&rating=&limit=&cursor=
Result<feedback::ReviewQuery> ReviewQueryFromUrl(const Request& request) {
  feedback::ReviewQuery query;
  auto named = [&](const char* name) -> std::optional<std::string> {
    auto value = request.Query(name);
    if (!value || value->empty()) return std::nullopt;
    return value;
  };
  query.status = named("status");
  query.product_id = named("product_id");
  query.customer_id = named("customer_id");
  query.source = named("source");
  query.cursor = named("cursor");
  if (auto rating = named("rating")) {
    if (rating->size() != 1 || (*rating)[0] < '0' || (*rating)[0] > '9') {
      return Error::Invalid("rating", "must be a whole number from 1 to 5");
    }
    query.rating = (*rating)[0] - '0';
  }
  RAPPORT_ASSIGN_OR_RETURN(query.limit, ParseLimit(request.Query("limit")));
  return query;
}

}  // namespace

void AddReviewRoutes(Router& router, ReviewApi& api) {
  const std::string base(kBase);
  router.Add({.method = "GET",
              .pattern = base,
              .summary = "Reviews, newest first (?status=&product_id=&customer_id=&source=&"
                         "rating=&limit=&cursor=); only those of customers the caller may read",
              .tag = "reviews",
              .response_schema = "ReviewPage",
              .handler = [&api](const Request& request, const PathParams&, const Caller& caller) {
                auto query = ReviewQueryFromUrl(request);
                if (!query.ok()) return ErrorResponse(request, query.error());
                return PageResponse(request, api.reviews.List(caller.Access(), *query));
              }});
  router.Add(
      {.method = "POST",
       .pattern = base,
       .summary = "Record a review: {customer_id, rating, source, title?, text?, product_id?, "
                  "source_url?, language?, status?}; `verified` is computed, never accepted "
                  "(Idempotency-Key honoured)",
       .tag = "reviews",
       .success_status = 201,
       .request_schema = "ReviewInput",
       .response_schema = "Review",
       .handler = [&api, base](const Request& request, const PathParams&, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         return IdempotentCreate(
             api.database, request, caller,
             [&](const storage::WriteContext& context) {
               return api.reviews.Create(caller.Access(), context, *body);
             },
             [&base](const json::object& created) {
               return base + "/" + std::string(created.at("id").as_string());
             },
             [&](const json::object& first) {
               return api.reviews.Get(caller.Access(), StoredId(first));
             });
       }});
  router.Add({.method = "POST",
              .pattern = base + "/requests",
              .summary =
                  "Ask a customer for a review: {customer_id, order_id?, product_id?, language?, "
                  "delivery?: link|email, expires_in_days?}; a throttled, unconsented or "
                  "unmailable ask is recorded with its status and no link",
              .tag = "reviews",
              .success_status = 201,
              .request_schema = "ReviewRequestInput",
              .response_schema = "ReviewRequest",
              .handler = [&api](const Request& request, const PathParams&, const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                // Not replayable under an Idempotency-Key: the link is shown once, never stored.
                return RecordResponse(
                    request, api.requests.Send(caller.Access(), caller.Context(), *body), 201);
              }});
  router.Add({.method = "GET",
              .pattern = base + "/settings",
              .summary = "The review settings: the automatic request after fulfilment",
              .tag = "reviews",
              .response_schema = "ReviewSettings",
              .handler = [&api](const Request& request, const PathParams&, const Caller& caller) {
                return RecordResponse(request, api.settings.Get(caller.Access()));
              }});
  router.Add({.method = "PUT",
              .pattern = base + "/settings",
              .summary = "Change the review settings: {auto_request_days?: 0-365|null, "
                         "expires_in_days?} (If-Match)",
              .tag = "reviews",
              .request_schema = "ReviewSettings",
              .response_schema = "ReviewSettings",
              .handler = [&api](const Request& request, const PathParams&, const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                auto version = IfMatchVersion(request);
                if (!version.ok()) return ErrorResponse(request, version.error());
                return RecordResponse(
                    request, api.settings.Put(caller.Access(), caller.Context(), *body, *version));
              }});
  router.Add({.method = "GET",
              .pattern = base + "/stats",
              .summary = "Published reviews' count, average and 1-5 distribution "
                         "(?product_id=; none: reviews of the business)",
              .tag = "reviews",
              .response_schema = "ReviewStats",
              .handler = [&api](const Request& request, const PathParams&, const Caller& caller) {
                auto product = request.Query("product_id");
                return RecordResponse(request,
                                      api.reviews.Stats(caller.Access(), product.value_or("")));
              }});
  router.Add(
      {.method = "GET",
       .pattern = base + "/{id}",
       .summary = "A review (ETag)",
       .tag = "reviews",
       .response_schema = "Review",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         return RecordResponse(request, api.reviews.Get(caller.Access(), params.at("id")));
       }});
  router.Add(
      {.method = "PATCH",
       .pattern = base + "/{id}",
       .summary = "Moderate or reply: {status?: pending|published|rejected, reason? (required "
                  "to reject), reply?: text|null} (If-Match honoured)",
       .tag = "reviews",
       .request_schema = "ReviewPatch",
       .response_schema = "Review",
       .handler = [&api](const Request& request, const PathParams& params, const Caller& caller) {
         return VersionedPatch(
             request, caller, [&](const auto& context, const auto& patch, auto v) {
               return api.reviews.Update(caller.Access(), context, params.at("id"), patch, v);
             });
       }});
}

json::object ReviewSchemas() {
  return json::parse(R"json({
  "ReviewInput": {"type": "object", "required": ["customer_id", "rating", "source"], "properties": {
    "customer_id": {"type": "string"}, "product_id": {"type": ["string", "null"]},
    "rating": {"type": "integer", "minimum": 1, "maximum": 5},
    "title": {"type": "string", "maxLength": 200}, "text": {"type": "string", "maxLength": 5000},
    "source": {"enum": ["invited", "own_site", "google", "facebook", "other"]},
    "source_url": {"type": ["string", "null"], "maxLength": 2000, "description": "required for other"},
    "language": {"type": "string", "pattern": "^[a-z]{2}$"},
    "status": {"enum": ["pending", "published"], "description": "published needs reviews edit"}}},
  "ReviewPatch": {"type": "object", "properties": {
    "status": {"enum": ["pending", "published", "rejected"]},
    "reason": {"type": "string", "maxLength": 500, "description": "required to reject"},
    "reply": {"type": ["string", "null"], "maxLength": 5000}}},
  "Review": {"type": "object", "required": ["id", "customer_id", "product_id", "rating", "title", "text", "source",
    "source_url", "verified", "language", "sentiment", "status", "moderation", "reply", "request_id",
    "created_at", "published_at", "updated_at", "version"], "properties": {
    "id": {"type": "string"}, "customer_id": {"type": "string"}, "product_id": {"type": ["string", "null"]},
    "rating": {"type": "integer"}, "title": {"type": "string"}, "text": {"type": "string"},
    "source": {"enum": ["invited", "own_site", "google", "facebook", "other"]},
    "source_url": {"type": ["string", "null"]}, "verified": {"type": "boolean"}, "language": {"type": "string"},
    "sentiment": {"type": ["number", "null"]}, "status": {"enum": ["pending", "published", "rejected"]},
    "moderation": {"type": ["object", "null"], "required": ["by", "at", "reason"], "properties": {"by": {"type": ["string", "null"]},
      "at": {"type": "string"}, "reason": {"type": ["string", "null"]}}},
    "reply": {"type": ["object", "null"], "required": ["text", "by", "at"], "properties": {"text": {"type": "string"},
      "by": {"type": ["string", "null"]}, "at": {"type": ["string", "null"]}}},
    "request_id": {"type": ["string", "null"]}, "created_at": {"type": "string"},
    "published_at": {"type": ["string", "null"]}, "updated_at": {"type": "string"}, "version": {"type": "integer"}}},
  "ReviewPage": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Review"}},
    "next_cursor": {"type": ["string", "null"]}}},
  "ReviewStats": {"type": "object", "required": ["count", "average", "distribution"], "properties": {
    "product_id": {"type": ["string", "null"]}, "count": {"type": "integer"}, "average": {"type": ["number", "null"]},
    "distribution": {"type": "object", "required": ["1", "2", "3", "4", "5"], "properties": {"1": {"type": "integer"}, "2": {"type": "integer"},
      "3": {"type": "integer"}, "4": {"type": "integer"}, "5": {"type": "integer"}}}}},
  "ReviewRequestInput": {"type": "object", "required": ["customer_id"], "properties": {
    "customer_id": {"type": "string"}, "order_id": {"type": "string"}, "product_id": {"type": "string"},
    "language": {"enum": ["en", "de"]}, "delivery": {"enum": ["link", "email"]},
    "expires_in_days": {"type": "integer", "minimum": 1, "maximum": 365}}},
  "ReviewRequest": {"type": "object", "required": ["id", "customer_id", "order_id", "product_id", "language",
    "delivery", "status", "made_by", "expires_at", "created_at"], "properties": {
    "id": {"type": "string"}, "customer_id": {"type": "string"}, "order_id": {"type": ["string", "null"]},
    "product_id": {"type": ["string", "null"]}, "language": {"enum": ["en", "de"]},
    "delivery": {"enum": ["link", "email"]},
    "status": {"enum": ["sent", "throttled", "no_consent", "no_email", "completed"]},
    "made_by": {"type": ["string", "null"], "description": "order_fulfilled: the automatic request; null: staff"},
    "expires_at": {"type": ["string", "null"]},
    "created_at": {"type": "string"},
    "link": {"type": ["string", "null"], "description": "only in this answer, only when sent: it is not stored"}}},
  "ReviewSettings": {"type": "object", "properties": {
    "auto_request_days": {"type": ["integer", "null"], "minimum": 0, "maximum": 365,
      "description": "ask by e-mail this many days after an order is fulfilled; null: never"},
    "expires_in_days": {"type": "integer", "minimum": 1, "maximum": 365},
    "version": {"type": "integer", "readOnly": true}, "updated_at": {"type": ["string", "null"], "readOnly": true}}},
  "PublicReview": {"type": "object", "required": ["id", "product_id", "rating", "title", "text", "author",
    "verified", "source", "language", "published_at", "reply"], "properties": {
    "id": {"type": "string"}, "product_id": {"type": ["string", "null"]}, "rating": {"type": "integer"},
    "title": {"type": "string"}, "text": {"type": "string"},
    "author": {"type": "string", "description": "first name and initial at most"},
    "verified": {"type": "boolean"}, "source": {"type": "string"}, "language": {"type": "string"},
    "published_at": {"type": ["string", "null"]},
    "reply": {"type": ["object", "null"], "required": ["text", "at"], "properties": {"text": {"type": "string"}, "at": {"type": ["string", "null"]}}}}},
  "PublicReviewPage": {"type": "object", "required": ["data", "next_cursor", "stats"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/PublicReview"}},
    "next_cursor": {"type": ["string", "null"]}, "stats": {"$ref": "#/components/schemas/ReviewStats"}}},
  "ReviewWordsInput": {"type": "object", "required": ["rating"], "properties": {
    "rating": {"type": "integer", "minimum": 1, "maximum": 5},
    "title": {"type": "string", "maxLength": 200}, "text": {"type": "string", "maxLength": 5000}}},
  "ReviewRequestStep": {"type": "object", "required": ["language", "about", "completed"], "properties": {
    "language": {"enum": ["en", "de"]}, "about": {"type": "string"}, "completed": {"type": "boolean"}}}
})json")
      .as_object();
}

}  // namespace rapport::http
