// /api/v1/custom-fields: list and define; read, edit and delete one at
// /api/v1/custom-fields/{object_type}/{key} (docs/design/custom_fields.md).
#include "customers/custom_fields.hpp"
#include "http/api.hpp"
#include "http/handler_support.hpp"

namespace rapport::http {
namespace {

// Whether a role hides the field from the caller. Products are the business's catalogue and
// ticket fields cannot be sensitive (custom_fields.hpp): their fields are never hidden.
bool HiddenFrom(const Caller& caller, const std::string& object_type, const std::string& key) {
  if (object_type == "product" || object_type == "ticket") return false;
  const auto object =
      object_type == "company" ? access::Object::kCompanies : access::Object::kCustomers;
  return caller.Access().IsHidden(object, "custom_fields." + key);
}

// A definition as the caller may see it now: not found when it is gone or hidden from the caller.
Result<json::object> CurrentDefinition(ApiServices& s, const Caller& caller,
                                       const std::string& object_type, const std::string& key) {
  RAPPORT_ASSIGN_OR_RETURN(auto fields, customers::ListCustomFields(s.database, object_type));
  for (const auto& field : fields) {
    if (field.key != key) continue;
    if (HiddenFrom(caller, object_type, key)) break;
    return customers::CustomFieldToJson(field);
  }
  return Error::NotFound("No custom field " + object_type + "." + key + ".");
}

// The definition a route's path names.
struct FieldPath {
  std::string object_type;
  std::string key;
};
FieldPath PathOf(const PathParams& params) { return {params.at("object_type"), params.at("key")}; }

}  // namespace

void AddCustomFieldRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/custom-fields",
              .summary = "List custom field definitions, all or one object_type's",
              .tag = "custom fields",
              .response_schema = "CustomFieldList",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                const auto object_type = request.Query("object_type");
                if (object_type && !customers::IsCustomFieldObjectType(*object_type)) {
                  return ErrorResponse(
                      request,
                      Error::Invalid("object_type",
                                     "must be " + std::string(customers::kCustomFieldObjectTypes)));
                }
                auto fields = customers::ListCustomFields(s.database, object_type);
                if (!fields.ok()) return ErrorResponse(request, fields.error());
                json::array data;
                for (const auto& field : *fields) {
                  // A field hidden from the caller is not listed either.
                  if (HiddenFrom(caller, field.object_type, field.key)) continue;
                  data.push_back(customers::CustomFieldToJson(field));
                }
                return Response::Json(200, json::object{{"data", std::move(data)}});
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/custom-fields",
              .summary = "Define a typed custom field, optionally sensitive (administrators only)",
              .tag = "custom fields",
              .success_status = 201,
              .request_schema = "CustomField",
              .response_schema = "CustomField",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                if (auto denied = RequireAdmin(request, caller)) return *denied;
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                return IdempotentCreate(
                    s.database, request, caller,
                    [&](const storage::WriteContext& context) -> Result<json::object> {
                      auto field = customers::DefineCustomField(s.database, context, *body);
                      if (!field.ok()) return std::move(field).error();
                      return customers::CustomFieldToJson(*field);
                    },
                    [](const json::object&) { return std::string(); },
                    [&](const json::object& first) -> Result<json::object> {
                      return CurrentDefinition(s, caller, StoredId(first, "object_type"),
                                               StoredId(first, "key"));
                    });
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/custom-fields/{object_type}/{key}",
       .summary = "One custom field definition, with its version as the ETag",
       .tag = "custom fields",
       .response_schema = "CustomField",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         const FieldPath path = PathOf(params);
         return RecordResponse(request, CurrentDefinition(s, caller, path.object_type, path.key));
       }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/custom-fields/{object_type}/{key}",
       .summary = "Edit a custom field's label, options, required or sensitive (administrators "
                  "only; type and key cannot change; removing an option records hold is 409)",
       .tag = "custom fields",
       .request_schema = "CustomFieldPatch",
       .response_schema = "CustomField",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         if (auto denied = RequireAdmin(request, caller)) return *denied;
         const FieldPath path = PathOf(params);
         return VersionedPatch(request, caller,
                               [&](const storage::WriteContext& context, const json::object& patch,
                                   std::optional<int64_t> if_version) -> Result<json::object> {
                                 auto field = customers::UpdateCustomField(
                                     s.database, context, path.object_type, path.key, patch,
                                     if_version);
                                 if (!field.ok()) return std::move(field).error();
                                 return customers::CustomFieldToJson(*field);
                               });
       }});
  router.Add(
      {.method = "DELETE",
       .pattern = "/api/v1/custom-fields/{object_type}/{key}",
       .summary = "Delete a custom field and remove its value from every record (administrators "
                  "only; each changed record is audited)",
       .tag = "custom fields",
       .success_status = 204,
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         if (auto denied = RequireAdmin(request, caller)) return *denied;
         const FieldPath path = PathOf(params);
         return VersionedDelete(
             request, caller,
             [&](const storage::WriteContext& context, std::optional<int64_t> if_version) {
               auto changed = customers::DeleteCustomField(s.database, context, path.object_type,
                                                           path.key, if_version);
               return changed.ok() ? OkStatus() : Status(std::move(changed).error());
             });
       }});
}

}  // namespace rapport::http
