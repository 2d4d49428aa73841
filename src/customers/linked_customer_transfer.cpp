// What transfer adapters of records that belong to a customer share (customer_transfer.hpp).
#include <map>

#include "customers/contact_points.hpp"
#include "customers/customer_service.hpp"
#include "customers/customer_store.hpp"
#include "customers/customer_transfer.hpp"
#include "customers/customer_writes.hpp"

namespace rapport::customers {

using access::Action;
using access::Object;

std::vector<transfer::CatalogueField> LinkedCustomerFields(bool with_names) {
  using transfer::FieldType;
  std::vector<transfer::CatalogueField> fields = {
      {"customer",
       FieldType::kCustomerRef,
       {"customer", "customer_id", "customer_number", "client_id"}},
      {"customer.external_id", FieldType::kCustomerPart, {"customer_external_id"}},
      {"customer.email", FieldType::kCustomerPart, {"email", "customer_email", "e_mail"}},
      {"customer.id", FieldType::kCustomerPart, {"rapport_customer_id"}},
  };
  if (with_names) {
    fields.push_back(
        {"customer.first_name", FieldType::kCustomerPart, {"first_name", "customer_first_name"}});
    fields.push_back(
        {"customer.last_name", FieldType::kCustomerPart, {"last_name", "customer_last_name"}});
  }
  fields.push_back({"customer.display_name", FieldType::kCustomerPart, {"customer_name", "name"}});
  return fields;
}

Result<std::string> ResolveRowCustomer(storage::Tx& tx, const access::Access& access,
                                       const storage::WriteContext& context,
                                       const transfer::RowRecord& record, bool create_missing,
                                       transfer::RowOutcome& outcome) {
  auto text = [&](const char* key) -> std::string {
    const json::value* v = record.customer.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : "";
  };
  std::string id = text("id");
  std::string external_id = text("external_id");
  std::string email = text("email");
  const std::string ref = text("ref");
  if (!ref.empty()) {
    if (ref.rfind("cus_", 0) == 0)
      id = ref;
    else if (ref.find('@') != std::string::npos)
      email = ref;
    else
      external_id = ref;
  }
  std::optional<std::string> found;
  if (!id.empty()) {
    RAPPORT_ASSIGN_OR_RETURN(auto customer, store::LoadCustomer(tx, id));
    if (customer) found = id;
  }
  if (!found && !external_id.empty()) {
    RAPPORT_ASSIGN_OR_RETURN(found, store::FindIdByExternalId(tx, external_id));
  }
  if (!found && !email.empty()) {
    if (auto normalised = NormalizeEmail(email)) {
      RAPPORT_ASSIGN_OR_RETURN(found, store::FindIdByEmail(tx, *normalised));
    }
  }
  const Error no_match = Error::Invalid("customer", "no customer matches it");
  if (found) {
    // A customer the caller cannot read is answered in the very words an unknown one gets (no
    // id, no "not found" of its own), so the report confirms nothing; nor is a second customer
    // created beside it when missing ones are created.
    auto readable = ReadableCustomerOwner(tx, access, *found);
    if (readable.ok()) return *found;
    if (readable.error().code != ErrorCode::kNotFound) return std::move(readable).error();
    return no_match;
  }
  if (id.empty() && external_id.empty() && email.empty()) {
    return Error::Invalid("customer", "is required: a customer id, external id or e-mail");
  }
  if (!create_missing || !id.empty()) return no_match;
  json::object input;
  if (!external_id.empty()) input["external_id"] = external_id;
  if (!email.empty()) input["emails"] = json::array({json::object{{"address", email}}});
  for (const char* key : {"first_name", "last_name", "display_name"}) {
    if (!text(key).empty()) input[key] = text(key);
  }
  if (!input.contains("display_name") && !input.contains("first_name") && email.empty()) {
    input["display_name"] = "Customer " + external_id;
  }
  RAPPORT_ASSIGN_OR_RETURN(json::object created, CreateInTx(tx, access, context, input));
  std::string created_id(created.at("id").as_string());
  outcome.created.push_back({"customer", created_id});
  return created_id;
}

Result<transfer::RowOutcome> CreateCustomerRecord(
    storage::Tx& tx, const access::Access& access, const storage::WriteContext& context,
    const transfer::RowRecord& record, bool create_missing, std::string_view item_type,
    const std::function<Result<json::object>(const std::string& customer_id)>& create) {
  transfer::RowOutcome outcome;
  RAPPORT_ASSIGN_OR_RETURN(std::string customer_id, ResolveRowCustomer(tx, access, context, record,
                                                                       create_missing, outcome));
  RAPPORT_ASSIGN_OR_RETURN(json::object created, create(customer_id));
  outcome.action = transfer::RowOutcome::Action::kCreated;
  outcome.id = std::string(created.at("id").as_string());
  outcome.created.push_back({std::string(item_type), outcome.id});
  return outcome;
}

transfer::SqlWhere CustomerRecordScope(const access::Access& access, Object object,
                                       const std::optional<std::string>& customer_id) {
  transfer::SqlWhere where;
  where.And(access.Scope(Object::kCustomers, Action::kRead, "c.owner_id"));
  if (object != Object::kCustomers) where.And(access.Scope(object, Action::kRead, "c.owner_id"));
  where.And(access.Scope(object, Action::kExport, "c.owner_id"));
  if (customer_id) where.And("c.id = ?", {*customer_id});
  return where;
}

Status ValidateExportCustomer(storage::Database& database, const access::Access& access,
                              const std::optional<std::string>& customer_id) {
  if (!customer_id) return OkStatus();
  return database.Read([&](storage::Tx& tx) -> Status {
    if (!ReadableCustomerOwner(tx, access, *customer_id).ok()) {
      return Error::Invalid("customer_id", "No customer has the id " + *customer_id + ".");
    }
    return OkStatus();
  });
}

Status AddLinkedCustomers(storage::Database& database, const access::Access& access,
                          std::vector<transfer::ExportRecord>& records) {
  return database.Read([&](storage::Tx& tx) -> Status {
    std::map<std::string, json::object> seen;
    for (auto& record : records) {
      const std::string id(record.record.at("customer_id").as_string());
      auto found = seen.find(id);
      if (found == seen.end()) {
        RAPPORT_ASSIGN_OR_RETURN(auto customer, LoadCustomerJson(tx, access, id));
        found = seen.emplace(id, customer.value_or(json::object())).first;
      }
      record.extra["customer"] = found->second;
    }
    return OkStatus();
  });
}

std::vector<transfer::ExportColumn> LinkedCustomerColumns() {
  auto customer = [](const transfer::ExportRow& row) -> const json::object* {
    const json::value* v = row.extra.if_contains("customer");
    return v && v->is_object() ? &v->as_object() : nullptr;
  };
  return {transfer::PlainColumn("customer_id"),
          transfer::ExtraColumn("customer_external_id", "customer", "external_id"),
          {"customer_email", "", [customer](const transfer::ExportRow& row) {
             const json::object* found = customer(row);
             const json::object* primary = found ? transfer::Primary(*found, "emails") : nullptr;
             return primary ? transfer::Cell(*primary, "address") : std::string();
           }}};
}

}  // namespace rapport::customers
