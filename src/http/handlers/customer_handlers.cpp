// /api/v1/customers: thin handlers — parse, call CustomerService, map the result.
#include "commerce/customer_value.hpp"
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "interactions/customer_overview.hpp"

namespace rapport::http {
namespace {

std::string CustomerUrl(const json::object& customer) {
  return "/api/v1/customers/" + std::string(customer.at("id").as_string());
}

Result<customers::CustomerQuery> QueryFromUrl(const Request& request) {
  return ListQueryFromUrl<customers::CustomerQuery>(request);
}

}  // namespace

void AddCustomerRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/customers",
              .summary = "List customers; q is full-text search over names, emails, phones, "
                         "company and tags",
              .tag = "customers",
              .response_schema = "CustomerPage",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto query = QueryFromUrl(request);
                if (!query.ok()) return ErrorResponse(request, query.error());
                return PageResponse(request, s.customers.ListText(caller.Access(), *query));
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/customers",
              .summary = "Create a customer (Idempotency-Key honoured)",
              .tag = "customers",
              .success_status = 201,
              .request_schema = "CustomerCreateInput",
              .response_schema = "Customer",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                return IdempotentCreate(
                    s.database, request, caller,
                    [&](const storage::WriteContext& context) {
                      return s.customers.Create(caller.Access(), context, *body);
                    },
                    CustomerUrl,
                    [&](const json::object& first) {
                      return s.customers.Get(caller.Access(), StoredId(first));
                    });
              }});
  router.Add(SearchRoute<customers::CustomerQuery>(
      {.pattern = "/api/v1/customers/search",
       .summary = "Search customers with a filter tree (docs/design/filters.md)",
       .tag = "customers",
       .request_schema = "CustomerSearch",
       .response_schema = "CustomerPage"},
      [&s](const Caller& caller, const customers::CustomerQuery& query) {
        return s.customers.ListText(caller.Access(), query);
      }));
  router.Add({.method = "POST",
              .pattern = "/api/v1/customers/batch",
              .summary = "Create or upsert up to 1000 customers, with a result per record",
              .tag = "customers",
              .request_schema = "CustomerBatch",
              .response_schema = "BatchResult",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                return IdempotentCreate(
                    s.database, request, caller,
                    [&](const storage::WriteContext& context) {
                      return s.customers.Batch(caller.Access(), context, *body);
                    },
                    [](const json::object&) { return std::string(); },
                    // The result holds only indexes, statuses and ids: nothing a role hides.
                    [](const json::object& first) -> Result<json::object> { return first; }, 200);
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}",
       .summary = "Get a customer (ETag)",
       .tag = "customers",
       .response_schema = "Customer",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto customer = s.customers.GetText(caller.Access(), params.at("id"));
         if (!customer.ok()) return ErrorResponse(request, customer.error());
         Response response = Response::JsonText(200, std::move(customer->json));
         if (customer->version) response.WithHeader("ETag", ETagFor(*customer->version));
         return response;
       }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/customers/{id}",
       .summary = "Change a customer with a JSON merge patch (If-Match honoured)",
       .tag = "customers",
       .request_schema = "CustomerInput",
       .response_schema = "Customer",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return VersionedPatch(
             request, caller, [&](const auto& context, const auto& patch, auto v) {
               return s.customers.Update(caller.Access(), context, params.at("id"), patch, v);
             });
       }});
  router.Add(
      {.method = "DELETE",
       .pattern = "/api/v1/customers/{id}",
       .summary = "Delete a customer and their timeline (If-Match honoured)",
       .tag = "customers",
       .success_status = 204,
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return VersionedDelete(request, caller, [&](const auto& context, auto v) {
           return s.customers.Delete(caller.Access(), context, params.at("id"), v);
         });
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}/consent",
       .summary = "Current consent per channel and purpose, with its full history",
       .tag = "customers",
       .response_schema = "ConsentHistory",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return RecordResponse(request, s.customers.Consent(caller.Access(), params.at("id")));
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/customers/{id}/overview",
       .summary = "The customer-360: profile, company, consent, contact counts, latest "
                  "timeline, and the customer's value",
       .tag = "customers",
       .response_schema = "CustomerOverview",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         // The customer's value sits beside the 360 (commerce builds on the timeline, so the
         // overview itself cannot call into it), read in the same snapshot.
         std::string overview;
         Status read = s.database.Read([&](storage::Tx& tx) -> Status {
           RAPPORT_ASSIGN_OR_RETURN(
               overview, interactions::LoadCustomerOverviewText(
                             tx, caller.Access(), params.at("id"), [&]() -> Result<json::object> {
                               RAPPORT_ASSIGN_OR_RETURN(
                                   auto value, commerce::LoadCustomerValue(tx, params.at("id")));
                               return json::object{{"value", std::move(value)}};
                             }));
           return OkStatus();
         });
         if (!read.ok()) return ErrorResponse(request, read.error());
         return Response::JsonText(200, std::move(overview));
       }});
}

}  // namespace rapport::http
