// /api/v1/companies.
#include "http/api.hpp"
#include "http/handler_support.hpp"

namespace rapport::http {

void AddCompanyRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/companies",
              .summary = "List companies; q matches name or domain",
              .tag = "companies",
              .response_schema = "CompanyPage",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                customers::CompanyQuery query;
                query.q = request.Query("q");
                if (auto sort = request.Query("sort"); sort && !sort->empty()) query.sort = *sort;
                auto limit = ParseLimit(request.Query("limit"));
                if (!limit.ok()) return ErrorResponse(request, limit.error());
                query.limit = *limit;
                if (auto cursor = request.Query("cursor"); cursor && !cursor->empty()) {
                  query.cursor = cursor;
                }
                auto page = s.companies.List(caller.Access(), query);
                return PageResponse(request, std::move(page));
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/companies",
              .summary = "Create a company (Idempotency-Key honoured)",
              .tag = "companies",
              .success_status = 201,
              .request_schema = "CompanyInput",
              .response_schema = "Company",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                return IdempotentCreate(
                    s.database, request, caller,
                    [&](const storage::WriteContext& context) {
                      return s.companies.Create(caller.Access(), context, *body);
                    },
                    [](const json::object& company) {
                      return "/api/v1/companies/" + std::string(company.at("id").as_string());
                    },
                    [&](const json::object& first) {
                      return s.companies.Get(caller.Access(), StoredId(first));
                    });
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/companies/{id}",
       .summary = "Get a company (ETag)",
       .tag = "companies",
       .response_schema = "Company",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return RecordResponse(request, s.companies.Get(caller.Access(), params.at("id")));
       }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/companies/{id}",
       .summary = "Change a company with a JSON merge patch (If-Match honoured)",
       .tag = "companies",
       .request_schema = "CompanyInput",
       .response_schema = "Company",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return VersionedPatch(
             request, caller, [&](const auto& context, const auto& patch, auto v) {
               return s.companies.Update(caller.Access(), context, params.at("id"), patch, v);
             });
       }});
  router.Add(VersionedDeleteRoute(
      "/api/v1/companies/{id}", "Delete a company; its customers stay, without a company",
      "companies", [&s](const Caller& caller, const auto& context, const std::string& id, auto v) {
        return s.companies.Delete(caller.Access(), context, id, v);
      }));
}

}  // namespace rapport::http
