#include "customers/customer_writes.hpp"

#include "common/card_numbers.hpp"
#include "common/ids.hpp"
#include "common/time.hpp"
#include "customers/company_service.hpp"
#include "customers/contact_points.hpp"
#include "customers/customer.hpp"
#include "customers/customer_service.hpp"
#include "customers/customer_store.hpp"
#include "customers/served_records.hpp"
#include "storage/audit.hpp"
#include "storage/event_payload.hpp"
#include "storage/outbox.hpp"

namespace rapport::customers {
namespace {

using storage::Tx;

constexpr access::Object kCustomers = access::Object::kCustomers;

// A company the caller may not read is answered as one that does not exist.
Status CheckCompany(Tx& tx, const access::Access& access, const Customer& customer) {
  if (!customer.company_id) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(auto company, LoadCompanyJson(tx, access, *customer.company_id));
  if (!company) return Error::Invalid("company_id", "no company has this id");
  return OkStatus();
}

// An address another customer holds is a 409 that names the holder (id and display name) when
// the caller may read that customer, so they can open it and merge; when they may not, it says
// only that the address is in use: naming the holder would reveal a record hidden from them.
// store::CheckUnique stays as the backstop for the other unique values.
Status CheckEmailsFree(Tx& tx, const access::Access& access, const Customer& customer) {
  for (size_t i = 0; i < customer.emails.size(); ++i) {
    RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> holder_id,
                             store::FindIdByEmail(tx, customer.emails[i].address));
    if (!holder_id || *holder_id == customer.id) continue;
    const std::string field = "emails[" + std::to_string(i) + "].address";
    RAPPORT_ASSIGN_OR_RETURN(std::optional<Customer> holder, store::LoadCustomer(tx, *holder_id));
    if (!holder || !access.Allows(kCustomers, access::Action::kRead, holder->owner_id)) {
      return Error::Conflict("this email address is already in use", field);
    }
    const std::string name = access.IsHidden(kCustomers, "display_name")
                                 ? std::string()
                                 : "\"" + holder->display_name + "\" ";
    return Error::Conflict(
        "this email address already belongs to customer " + name + "(" + holder->id + ")", field);
  }
  return OkStatus();
}

// `customer` as served, with their current consent read from the table.
Result<json::object> Serve(Tx& tx, const Customer& customer) {
  RAPPORT_ASSIGN_OR_RETURN(auto consent, store::LoadCurrentConsent(tx, {customer.id}));
  return CustomerToJson(customer, consent[customer.id]);
}

// The consent an event carries: only the (channel, purpose) pairs with a recorded choice. The
// all-"unknown" rest is what every customer starts with, and repeating it in every event was most
// of a customer event's bytes (docs/design/events.md § Payloads).
json::object RecordedConsent(const json::value& consent) {
  json::object recorded;
  if (!consent.is_object()) return recorded;
  for (const auto& [channel, purposes] : consent.as_object()) {
    if (!purposes.is_object()) continue;
    json::object kept;
    for (const auto& [purpose, state] : purposes.as_object()) {
      const json::value* status =
          state.is_object() ? state.as_object().if_contains("status") : nullptr;
      if (status == nullptr || *status == "unknown") continue;
      kept.emplace(purpose, storage::LeanRecord(state.as_object()));
    }
    if (!kept.empty()) recorded.emplace(channel, std::move(kept));
  }
  return recorded;
}

// A served customer with its consent as events and the audit trail carry it; no `consent` at all
// when nothing was ever recorded.
json::object WithRecordedConsent(json::object customer) {
  if (json::value* consent = customer.if_contains("consent")) {
    json::object recorded = RecordedConsent(*consent);
    if (recorded.empty()) {
      customer.erase("consent");
    } else {
      *consent = std::move(recorded);
    }
  }
  return customer;
}

Error ErrorWithIndex(const Error& error, size_t index, json::array& results) {
  json::array fields;
  for (const auto& field_error : error.field_errors) {
    fields.push_back(json::object{{"field", field_error.field}, {"message", field_error.message}});
  }
  results.push_back(json::object{{"index", index},
                                 {"status", "error"},
                                 {"code", ErrorCodeName(error.code)},
                                 {"message", error.message},
                                 {"errors", std::move(fields)}});
  return error;
}

}  // namespace

Result<json::object> CreateInTx(Tx& tx, const access::Access& access,
                                const storage::WriteContext& context, const json::object& input) {
  std::vector<FieldError> hidden;
  RAPPORT_ASSIGN_OR_RETURN(json::object authorized,
                           access.PrepareInput(kCustomers, input, {}, hidden));
  // Every path that creates a customer (API, batch, import) comes through here: no free-text
  // field, tag or custom field may carry a card number into the record, its events or the index.
  RAPPORT_RETURN_IF_ERROR(RefuseCardData(authorized));
  RAPPORT_RETURN_IF_ERROR(access.AuthorizeCreate(kCustomers, authorized));
  RAPPORT_ASSIGN_OR_RETURN(auto definitions, LoadCustomFields(tx, "customer"));
  Customer customer;
  std::vector<ConsentEntry> consent;
  RAPPORT_RETURN_IF_ERROR(access::WithHiddenFields(
      ApplyCustomerInput(authorized, true, AsSeenBy(access, kCustomers, std::move(definitions)),
                         customer, consent),
      std::move(hidden)));
  RAPPORT_RETURN_IF_ERROR(CheckCompany(tx, access, customer));
  customer.id = NewId("cus");
  customer.created_at = customer.updated_at = NowInstant();
  customer.version = 1;
  RAPPORT_RETURN_IF_ERROR(CheckEmailsFree(tx, access, customer));
  RAPPORT_RETURN_IF_ERROR(store::InsertCustomer(tx, customer));
  RAPPORT_ASSIGN_OR_RETURN(auto recorded,
                           store::RecordFirstConsent(tx, customer.id, std::move(consent)));
  // What was just written is the whole consent: not read back (it was 2.4 % of a create).
  const std::vector<ConsentEntry> current = store::CurrentConsentOf(std::move(recorded));
  json::object served = CustomerToJson(customer, current);
  RAPPORT_RETURN_IF_ERROR(StoreServedRecord(tx, customer, current));
  const json::object recorded_only = WithRecordedConsent(served);
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(
      tx, context, "customer.created", "customer", customer.id,
      json::object{{"customer", storage::LeanRecord(recorded_only, {"updated_at"})}}));
  RAPPORT_RETURN_IF_ERROR(
      storage::AppendAudit(tx, context, "create", "customer", customer.id, {}, recorded_only));
  return served;
}

Result<json::object> UpdateInTx(Tx& tx, const access::Access& access,
                                const storage::WriteContext& context, const std::string& id,
                                const json::object& patch, std::optional<int64_t> if_version) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Customer> existing, store::LoadCustomer(tx, id));
  if (!existing || !access.Allows(kCustomers, access::Action::kRead, existing->owner_id)) {
    return NoSuchCustomer(id);
  }
  RAPPORT_RETURN_IF_ERROR(access.AuthorizeEdit(kCustomers, existing->owner_id, patch));
  std::vector<FieldError> hidden;
  RAPPORT_ASSIGN_OR_RETURN(json::object allowed,
                           access.PrepareInput(kCustomers, patch, existing->custom_fields, hidden));
  RAPPORT_RETURN_IF_ERROR(RefuseCardData(allowed));
  if (if_version && *if_version != existing->version) {
    return Error::PreconditionFailed("The customer was changed since you read it.");
  }
  if (allowed.contains("custom_fields")) {
    RAPPORT_RETURN_IF_ERROR(store::CheckCustomFieldsReadable(tx, id));
  }
  RAPPORT_ASSIGN_OR_RETURN(json::object before, Serve(tx, *existing));
  RAPPORT_ASSIGN_OR_RETURN(auto definitions, LoadCustomFields(tx, "customer"));
  Customer customer = *existing;
  std::vector<ConsentEntry> consent;
  RAPPORT_RETURN_IF_ERROR(access::WithHiddenFields(
      ApplyCustomerInput(allowed, false, definitions, customer, consent), std::move(hidden)));
  if (customer.company_id != existing->company_id) {
    RAPPORT_RETURN_IF_ERROR(CheckCompany(tx, access, customer));
  }
  RAPPORT_ASSIGN_OR_RETURN(auto recorded, store::RecordConsent(tx, id, consent));
  json::object after = CustomerToJson(customer, {});
  after["consent"] = before["consent"];
  json::array changed = storage::ChangedFields(before, after);
  if (!recorded.empty()) changed.emplace_back("consent");
  if (changed.empty()) return before;  // nothing changed: no new version, no event
  customer.version = existing->version + 1;
  customer.updated_at = NowInstant();
  RAPPORT_RETURN_IF_ERROR(CheckEmailsFree(tx, access, customer));
  RAPPORT_RETURN_IF_ERROR(store::UpdateCustomer(tx, customer));
  RAPPORT_ASSIGN_OR_RETURN(json::object served, Serve(tx, customer));
  const json::object recorded_only = WithRecordedConsent(served);
  RAPPORT_RETURN_IF_ERROR(
      storage::AppendEvent(tx, context, "customer.updated", "customer", id,
                           json::object{{"customer", storage::ChangedPart(recorded_only, changed)},
                                        {"changed", std::move(changed)}}));
  RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "update", "customer", id,
                                               WithRecordedConsent(std::move(before)),
                                               recorded_only));
  return served;
}

Status DeleteInTx(Tx& tx, const access::Access& access, const storage::WriteContext& context,
                  const std::string& id, std::optional<int64_t> if_version) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Customer> existing, store::LoadCustomer(tx, id));
  if (!existing || !access.Allows(kCustomers, access::Action::kRead, existing->owner_id)) {
    return NoSuchCustomer(id);
  }
  RAPPORT_RETURN_IF_ERROR(access.AuthorizeDelete(kCustomers, existing->owner_id));
  if (if_version && *if_version != existing->version) {
    return Error::PreconditionFailed("The customer was changed since you read it.");
  }
  // The audit trail keeps the whole record, whoever deletes it.
  RAPPORT_ASSIGN_OR_RETURN(std::optional<json::object> before,
                           LoadCustomerJson(tx, access::Access::Unrestricted(), id));
  RAPPORT_RETURN_IF_ERROR(store::DeleteCustomer(tx, *existing));
  RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "delete", "customer", id,
                                               WithRecordedConsent(before.value_or(json::object())),
                                               {}));
  return storage::AppendEvent(tx, context, "customer.deleted", "customer", id,
                              json::object{{"customer_id", id}, {"version", existing->version}});
}

Result<json::object> RunCustomerBatch(storage::Database& database, const access::Access& access,
                                      const storage::WriteContext& context,
                                      const json::object& request) {
  std::optional<std::string> upsert_on;
  for (const auto& [key, unused] : request) {
    if (key != "records" && key != "upsert_on") {
      return Error::Invalid(std::string(key), "is not a known field");
    }
  }
  if (const json::value* v = request.if_contains("upsert_on"); v && !v->is_null()) {
    // Matching on a field hidden from the caller would reveal its values.
    if (!v->is_string() || (v->as_string() != "email" && v->as_string() != "external_id") ||
        access.IsHidden(kCustomers, v->as_string())) {
      return Error::Invalid("upsert_on", "must be email or external_id");
    }
    upsert_on = std::string(v->as_string());
  }
  const json::value* records = request.if_contains("records");
  if (records == nullptr || !records->is_array()) {
    return Error::Invalid("records", "is required and must be an array");
  }
  if (records->as_array().size() > kMaxBatchRecords) {
    return Error::TooLarge("A batch holds at most 1000 records; split it.");
  }

  json::array results;
  json::object response;
  int64_t created = 0, updated = 0, failed = 0;
  Status status = database.Write([&](Tx& tx) -> Status {
    results.clear();
    created = updated = failed = 0;
    for (size_t i = 0; i < records->as_array().size(); ++i) {
      const json::value& record = records->as_array()[i];
      if (!record.is_object()) {
        ErrorWithIndex(Error::Invalid("records[" + std::to_string(i) + "]", "must be an object"), i,
                       results);
        ++failed;
        continue;
      }
      const json::object& input = record.as_object();
      // Each record gets its own savepoint: a bad record is undone alone, with the search-index
      // work it deferred (Tx::DeferToCommit).
      const size_t deferred_mark = tx.DeferredMark();
      RAPPORT_RETURN_IF_ERROR(tx.Exec("SAVEPOINT batch_record"));
      std::optional<std::string> match;
      if (upsert_on == "email") {
        const json::value* emails = input.if_contains("emails");
        if (emails && emails->is_array() && !emails->as_array().empty() &&
            emails->as_array()[0].is_object()) {
          const json::value* address = emails->as_array()[0].as_object().if_contains("address");
          if (address && address->is_string()) {
            if (auto normalized = NormalizeEmail(address->as_string())) {
              RAPPORT_ASSIGN_OR_RETURN(match, store::FindIdByEmail(tx, *normalized));
            }
          }
        }
      } else if (upsert_on == "external_id") {
        const json::value* external_id = input.if_contains("external_id");
        if (external_id && external_id->is_string()) {
          RAPPORT_ASSIGN_OR_RETURN(
              match, store::FindIdByExternalId(tx, std::string(external_id->as_string())));
        }
      }
      Result<json::object> outcome =
          match ? UpdateInTx(tx, access, context, *match, input, std::nullopt)
                : CreateInTx(tx, access, context, input);
      if (!outcome.ok() && match && outcome.error().code == ErrorCode::kNotFound) {
        // The match is a customer the caller may not see: answer as a create would, without
        // revealing the record's id (for an address, in the words of CheckEmailsFree).
        outcome = Error::Conflict(*upsert_on == "email" ? "this email address is already in use"
                                                        : "another customer already has this "
                                                          "external id",
                                  *upsert_on == "email" ? "emails[0].address" : "external_id");
      }
      if (!outcome.ok()) {
        RAPPORT_RETURN_IF_ERROR(tx.Exec("ROLLBACK TO batch_record"));
        RAPPORT_RETURN_IF_ERROR(tx.Exec("RELEASE batch_record"));
        tx.DropDeferredFrom(deferred_mark);
        ErrorWithIndex(outcome.error(), i, results);
        ++failed;
        continue;
      }
      RAPPORT_RETURN_IF_ERROR(tx.Exec("RELEASE batch_record"));
      (match ? updated : created) += 1;
      results.push_back(json::object{
          {"index", i}, {"status", match ? "updated" : "created"}, {"id", outcome->at("id")}});
    }
    response = json::object{
        {"results", results}, {"created", created}, {"updated", updated}, {"failed", failed}};
    return context.Written(tx, response);
  });
  if (!status.ok()) return std::move(status).error();
  return response;
}

}  // namespace rapport::customers
