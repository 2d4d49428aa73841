// /api/v1/audit and /api/v1/customers/{id}/history: reading the audit trail.
#include "access/audit_redaction.hpp"
#include "customers/customer_service.hpp"
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "storage/audit.hpp"

namespace rapport::http {
namespace {

Response AuditPage(const Request& request, const Caller& caller, storage::Database& database,
                   storage::AuditQuery query, bool must_exist) {
  auto limit = ParseLimit(request.Query("limit"));
  if (!limit.ok()) return ErrorResponse(request, limit.error());
  query.limit = *limit;
  if (auto cursor = request.Query("cursor"); cursor && !cursor->empty()) query.cursor = cursor;
  auto page = storage::QueryAudit(database, query);
  if (!page.ok()) return ErrorResponse(request, page.error());
  // Every entry passes its type's redaction rule (access/audit_redaction.hpp); an entry the
  // reader may not see at all is left out, the cursor still pages on.
  json::array shown;
  for (auto& entry : page->data) {
    if (access::RedactAuditEntry(caller.Access(), entry.as_object())) {
      shown.push_back(std::move(entry));
    }
  }
  page->data = std::move(shown);
  if (must_exist && page->data.empty() && !query.cursor) {
    return ErrorResponse(request, Error::NotFound("No history for " + *query.object_id + "."));
  }
  return Response::Json(200, PageToJson(std::move(page).value()));
}

// Both spellings are accepted: `object`/`id` (short, as in the issue tracker's examples) and
// `object_type`/`object_id` (the field names in the entries).
std::optional<std::string> EitherQuery(const Request& request, const char* a, const char* b) {
  auto value = request.Query(a);
  return value ? value : request.Query(b);
}

}  // namespace

void AddAuditRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/audit",
              .summary = "The audit trail, newest first; filter by object, id, actor, since "
                         "(roles with audit read access)",
              .tag = "audit",
              .response_schema = "AuditPage",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                if (caller.Access().LevelFor(access::Object::kAudit, access::Action::kRead) !=
                    access::Level::kAll) {
                  return ErrorResponse(
                      request, access::NotPermitted(access::Object::kAudit, access::Action::kRead));
                }
                return AuditPage(request, caller, s.database,
                                 {.object_type = EitherQuery(request, "object", "object_type"),
                                  .object_id = EitherQuery(request, "id", "object_id"),
                                  .actor = request.Query("actor"),
                                  .since = request.Query("since")},
                                 false);
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}/history",
       .summary = "A customer's own change history from the audit trail, newest first",
       .tag = "audit",
       .response_schema = "AuditPage",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         // A record's history is for those who may read the record. Callers who read every
         // customer also see the history of deleted ones.
         const access::Access& access = caller.Access();
         if (access.LevelFor(access::Object::kCustomers, access::Action::kRead) !=
             access::Level::kAll) {
           Status readable = s.database.Read([&](storage::Tx& tx) -> Status {
             RAPPORT_RETURN_IF_ERROR(customers::ReadableCustomerOwner(tx, access, params.at("id")));
             return OkStatus();
           });
           if (!readable.ok()) return ErrorResponse(request, readable.error());
         }
         return AuditPage(request, caller, s.database,
                          {.object_type = "customer", .object_id = params.at("id")}, true);
       }});
}

}  // namespace rapport::http
