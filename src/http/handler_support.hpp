// Helpers every handler uses: body parsing, ETag/If-Match, Idempotency-Key and result mapping.
// Keeping them here is what lets handlers stay a few lines each. Stateless; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "common/json.hpp"
#include "common/page.hpp"
#include "common/result.hpp"
#include "http/caller.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"

namespace rapport::http {

// The body as a JSON object. kUnsupportedMedia (415) when Content-Type names another media type
// (application/json and application/*+json are read), kMalformed when it is not a JSON object.
Result<json::object> ParseBody(const Request& request);
// True for application/json and application/*+json, parameters (charset) ignored.
bool IsJsonMediaType(std::string_view content_type);

// The ETag of a versioned record: "v<version>".
std::string ETagFor(const json::object& record);
std::string ETagFor(int64_t version);
// The version named by If-Match ("v3", W/"v3"); nullopt when absent or "*"; kPreconditionFailed
// when it is not one of ours.
Result<std::optional<int64_t>> IfMatchVersion(const Request& request);

// 200/201 with the record and its ETag, or the problem for the error.
Response RecordResponse(const Request& request, Result<json::object> result, int status = 200);
Response ErrorResponse(const Request& request, const Error& error);

// A collection page ({data, next_cursor}) or the problem for the error.
Response PageResponse(const Request& request, Result<Page> page);
// The same from a page already written as JSON text.
Response PageResponse(const Request& request, Result<std::string> page_text);

// A list query (any struct with q, sort, limit, cursor and filter: customers::CustomerQuery,
// support::TicketQuery) from the URL: ?q=&sort=&limit=&cursor=.
template <typename Query>
Result<Query> ListQueryFromUrl(const Request& request) {
  Query query;
  query.q = request.Query("q");
  if (auto sort = request.Query("sort"); sort && !sort->empty()) query.sort = *sort;
  RAPPORT_ASSIGN_OR_RETURN(query.limit, ParseLimit(request.Query("limit")));
  if (auto cursor = request.Query("cursor"); cursor && !cursor->empty()) query.cursor = cursor;
  return query;
}

// The same query from a search body: {filter, q, sort, limit, cursor}; other keys are refused.
template <typename Query>
Result<Query> SearchQueryFromBody(const json::object& body) {
  Query query;
  for (const auto& [key, unused] : body) {
    if (key != "filter" && key != "q" && key != "sort" && key != "limit" && key != "cursor") {
      return Error::Invalid(std::string(key), "is not a known field");
    }
  }
  if (const json::value* filter = body.if_contains("filter")) query.filter = *filter;
  RAPPORT_ASSIGN_OR_RETURN(query.q, OptionalString(body, "q", "q"));
  RAPPORT_ASSIGN_OR_RETURN(auto sort, OptionalString(body, "sort", "sort"));
  if (sort) query.sort = *sort;
  RAPPORT_ASSIGN_OR_RETURN(query.limit, ParseLimit(body.if_contains("limit")));
  RAPPORT_ASSIGN_OR_RETURN(query.cursor, OptionalString(body, "cursor", "cursor"));
  return query;
}

// The route of a structured search at `route.pattern` (POST, on the read pool): the body read
// by SearchQueryFromBody, then `list`. `route` names the pattern, summary, tag and schemas.
// `list(caller, query)` answers a Result<Page>, or the page's JSON text already written
// (Result<std::string>, the customers' streamed pages): PageResponse takes either.
template <typename Query, typename List>
Route SearchRoute(Route route, List list) {
  route.method = "POST";
  route.read_only = true;
  route.handler = [list = std::move(list)](const Request& request, const PathParams&,
                                           const Caller& caller) {
    auto body = ParseBody(request);
    if (!body.ok()) return ErrorResponse(request, body.error());
    auto query = SearchQueryFromBody<Query>(*body);
    if (!query.ok()) return ErrorResponse(request, query.error());
    return PageResponse(request, list(caller, *query));
  };
  return route;
}

// PATCH of a versioned record: If-Match, the JSON merge patch body, then `update`; answers the
// record with its ETag, or the problem.
using UpdateFunction = std::function<Result<json::object>(
    const storage::WriteContext&, const json::object& patch, std::optional<int64_t> if_version)>;
Response VersionedPatch(const Request& request, const Caller& caller, const UpdateFunction& update);

// DELETE of a versioned record: If-Match, then `remove`; 204 or the problem.
using DeleteFunction =
    std::function<Status(const storage::WriteContext&, std::optional<int64_t> if_version)>;
Response VersionedDelete(const Request& request, const Caller& caller,
                         const DeleteFunction& remove);
// The route of such a DELETE at `pattern` ("/api/v1/orders/{id}"): 204, If-Match honoured;
// `remove` gets the caller, the write context, the record's {id} and the If-Match version.
using RecordDeleteFunction =
    std::function<Status(const Caller&, const storage::WriteContext&, const std::string& id,
                         std::optional<int64_t> if_version)>;
Route VersionedDeleteRoute(std::string pattern, std::string summary, std::string tag,
                           RecordDeleteFunction remove);

// How a replay reads the created record again: given the first response (which names the
// record), the record as the caller may see it *now*, through the area's service and the caller's
// current Access; kNotFound when it is gone or no longer readable.
using ReadBack = std::function<Result<json::object>(const json::object& first_response)>;

// Runs a create under the request's Idempotency-Key (when present): the first response is stored
// in the same transaction as the change; a retry with the same key and body repeats nothing and
// answers with the same status and Location, but with the record re-read by `read_back` — so a
// caller demoted since sees only what their role now shows, and a record deleted since (or moved
// out of reach) answers 404. The same key with another body is refused with 422. `location` maps
// the created record to its URL.
Response IdempotentCreate(
    storage::Database& database, const Request& request, const Caller& caller,
    const std::function<Result<json::object>(const storage::WriteContext&)>& create,
    const std::function<std::string(const json::object&)>& location, const ReadBack& read_back,
    int status = 201);

// The id a first response names, for ReadBack functions ("" when it has none).
std::string StoredId(const json::object& first_response, std::string_view field = "id");

// A 403 unless the caller holds the admin role through an unscoped credential. Checked against
// the caller's current Access, so taking the role away applies to the next request; the server
// records the refusal (Authenticator::RecordDenial).
std::optional<Response> RequireAdmin(const Request& request, const Caller& caller);

}  // namespace rapport::http
