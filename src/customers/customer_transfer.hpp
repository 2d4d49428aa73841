// The customers area's transfer adapters (transfer/adapter.hpp): customers and companies for
// import and export, and what records that belong to a customer (orders, interactions) share —
// finding the customer a row names, the access scope of a customer's records, and the columns
// that name the customer in an export. The composition root registers the adapters.
//
// Adapters are immutable: thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "customers/customer_traits.hpp"
#include "transfer/adapter.hpp"
#include "transfer/export_columns.hpp"

namespace rapport::customers {

// `traits`: what other areas publish about customers (customer_traits.hpp), for filtered
// exports and as the last CSV columns of a customer export; must outlive the adapter.
std::unique_ptr<transfer::ObjectAdapter> MakeCustomerTransferAdapter(const CustomerTraits& traits);
std::unique_ptr<transfer::ObjectAdapter> MakeCompanyTransferAdapter();

// ---- For adapters of records that belong to a customer ----

// The catalogue fields naming the customer a row belongs to ("customer", "customer.email" ...).
std::vector<transfer::CatalogueField> LinkedCustomerFields(bool with_names);

// Finds the customer a row names (Rapport id, external id or e-mail), creating it from the row's
// customer.* fields when `create_missing`; a created customer is added to `outcome.created`.
// A customer `access` may not read is refused in the words an unknown one gets.
Result<std::string> ResolveRowCustomer(storage::Tx& tx, const access::Access& access,
                                       const storage::WriteContext& context,
                                       const transfer::RowRecord& record, bool create_missing,
                                       transfer::RowOutcome& outcome);

// Creates the record of a row that belongs to a customer: finds (or creates) the customer, then
// `create(customer_id)` makes the record through its area's write path. The outcome lists the
// record and any customer created, as `item_type` and "customer", for revert.
Result<transfer::RowOutcome> CreateCustomerRecord(
    storage::Tx& tx, const access::Access& access, const storage::WriteContext& context,
    const transfer::RowRecord& record, bool create_missing, std::string_view item_type,
    const std::function<Result<json::object>(const std::string& customer_id)>& create);

// The records of customers (alias c in the query) that `access` may read and export as
// `object` (kCustomers for orders, kInteractions for the timeline), optionally of one customer.
transfer::SqlWhere CustomerRecordScope(const access::Access& access, access::Object object,
                                       const std::optional<std::string>& customer_id);

// Checks an export's customer_id: kInvalidArgument unless `access` may read that customer.
Status ValidateExportCustomer(storage::Database& database, const access::Access& access,
                              const std::optional<std::string>& customer_id);

// Sets extra["customer"] of each record to its customer (record.customer_id) as `access` sees
// them, for the columns below.
Status AddLinkedCustomers(storage::Database& database, const access::Access& access,
                          std::vector<transfer::ExportRecord>& records);
// customer_id, customer_external_id, customer_email: what lets an import into another database
// find the customer again.
std::vector<transfer::ExportColumn> LinkedCustomerColumns();

}  // namespace rapport::customers
