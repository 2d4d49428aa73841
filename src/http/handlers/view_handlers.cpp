// /api/v1/views: saved list views, private or shared with every colleague.
#include "customers/saved_views.hpp"
#include "http/api.hpp"
#include "http/handler_support.hpp"

namespace rapport::http {

void AddViewRoutes(Router& router, ApiServices& s) {
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/views",
       .summary =
           "My saved views and those shared with everyone (object=customers|companies|tickets)",
       .tag = "views",
       .response_schema = "ViewList",
       .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
         const std::string object = request.Query("object").value_or("customers");
         if (!customers::IsViewObject(object)) {
           return ErrorResponse(
               request, Error::Invalid("object", "must be customers, companies or tickets"));
         }
         auto views = s.views.List(caller.Access(), caller.user_id, object);
         if (!views.ok()) return ErrorResponse(request, views.error());
         return Response::Json(200, json::object{{"data", std::move(views).value()}});
       }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/views",
              .summary = "Save a view: {object_type, name, shared?, definition}",
              .tag = "views",
              .success_status = 201,
              .request_schema = "ViewInput",
              .response_schema = "View",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                return RecordResponse(
                    request,
                    s.views.Create(caller.Access(), caller.Context(), caller.user_id, *body), 201);
              }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/views/{id}",
       .summary = "Rename, share or change one of my views (If-Match honoured)",
       .tag = "views",
       .request_schema = "ViewInput",
       .response_schema = "View",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return VersionedPatch(request, caller,
                               [&](const auto& context, const auto& patch, auto v) {
                                 return s.views.Update(caller.Access(), context, caller.user_id,
                                                       params.at("id"), patch, v);
                               });
       }});
  router.Add(
      {.method = "DELETE",
       .pattern = "/api/v1/views/{id}",
       .summary = "Delete one of my views (administrators: any)",
       .tag = "views",
       .success_status = 204,
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         Status deleted = s.views.Delete(caller.Context(), caller.user_id,
                                         caller.Access().is_admin(), params.at("id"));
         if (!deleted.ok()) return ErrorResponse(request, deleted.error());
         return Response::NoContent();
       }});
}

}  // namespace rapport::http
