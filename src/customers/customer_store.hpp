// CustomerStore: the SQL behind customers — rows, contact points, consent history and the
// full-text index — kept private to the customers area. Every function runs inside a caller's
// transaction (Database::Read or Write) and holds no state; thread-safety is the Tx's.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "customers/customer.hpp"
#include "storage/database.hpp"
#include "storage/row_reader.hpp"

namespace rapport::customers::store {

using storage::Tx;

// For queries that select whole customers themselves (the list page), so a page is not read
// twice: the columns over alias `c`, and the Customer (without contact points) from the first
// kCustomerColumnCount columns of a row (read through storage::ForEachRow).
inline constexpr size_t kCustomerColumnCount = 20;
// Where the id and owner_id sit among them.
inline constexpr size_t kCustomerIdColumn = 1;
inline constexpr size_t kCustomerOwnerColumn = 9;
std::string_view CustomerColumns();
Customer CustomerFromRow(const storage::RowView& row);
// Fills the emails and phones of `customers` (in their stored order), one statement per call.
Status LoadContactPoints(Tx& tx, std::vector<Customer>& customers);
// The same and, in the same statement, each customer's current consent (in the order of
// `customers`): everything a served page needs besides its rows.
Result<std::vector<std::vector<ConsentEntry>>> LoadContactPointsAndConsent(
    Tx& tx, std::vector<Customer>& customers);
// Customer rows without contact points, in the order of `ids`; unknown ids are skipped.
Result<std::vector<Customer>> LoadCustomerRows(Tx& tx, const std::vector<std::string>& ids);

Result<std::optional<Customer>> LoadCustomer(Tx& tx, const std::string& id);
// Customers in the order of `ids`, with contact points; unknown ids are skipped. Two statements.
Result<std::vector<Customer>> LoadCustomers(Tx& tx, const std::vector<std::string>& ids);
Result<std::map<std::string, std::vector<ConsentEntry>>> LoadCurrentConsent(
    Tx& tx, const std::vector<std::string>& ids);
Result<std::vector<ConsentEntry>> LoadConsentHistory(Tx& tx, const std::string& id);

// Checks uniqueness of emails and external id against other customers, naming the field.
Status CheckUnique(Tx& tx, const Customer& customer);
Status InsertCustomer(Tx& tx, Customer& customer);
Status UpdateCustomer(Tx& tx, const Customer& customer);
Status DeleteCustomer(Tx& tx, const Customer& customer);
// Appends entries whose status, source or wording differ from the current state; fills
// recorded_at. Returns the entries actually recorded.
Result<std::vector<ConsentEntry>> RecordConsent(Tx& tx, const std::string& customer_id,
                                                std::vector<ConsentEntry> entries);
// RecordConsent for a customer created in this transaction, who has no consent yet: every entry
// is recorded, without reading the (empty) current state.
Result<std::vector<ConsentEntry>> RecordFirstConsent(Tx& tx, const std::string& customer_id,
                                                     std::vector<ConsentEntry> entries);
// The current entry of each (channel, purpose) cell among a customer's only `records`, given in
// the order they were inserted: RAPPORT_CURRENT_CONSENT_CONDITION's rule (latest recorded_at, the
// later insert on a tie) applied in memory, so a create need not read back what it wrote.
std::vector<ConsentEntry> CurrentConsentOf(std::vector<ConsentEntry> records);
// Rewrites the customer's full-text row (names, emails, phones, company name, tags).
Status IndexCustomer(Tx& tx, const Customer& customer);

// Bulk writers (an import batch) collect the full-text rows of the customers they create and
// write them together: FTS5 flushes its pending rows into a new segment at every statement that
// opens a statement journal, so rows written one at a time cost a segment (and its merges) per
// customer. While one is open on a thread, InsertCustomer on that thread adds the new customer's
// row here instead of writing it; Flush writes them all with one statement, in the same
// transaction. A row whose write is rolled back must not be flushed: open one only where no
// customer it collects can be rolled back alone (no savepoint per customer). One per thread at a
// time; the destructor drops what was not flushed. Not thread-safe (it is the thread's).
class SearchRowBatch {
 public:
  SearchRowBatch();
  ~SearchRowBatch();
  SearchRowBatch(const SearchRowBatch&) = delete;
  SearchRowBatch& operator=(const SearchRowBatch&) = delete;

  size_t size() const { return rows_.size(); }
  Status Flush(Tx& tx);

 private:
  friend Status InsertCustomer(Tx& tx, Customer& customer);
  json::array rows_;           // customer_search: [rowid, names, emails, phones, company, tags]
  json::array fragment_rows_;  // customer_fragments: [rowid, first, last, display, emails]
};
Status ReindexCompanyCustomers(Tx& tx, const std::string& company_id);

// A stored custom_fields document that does not parse reads back as {}; merging a patch into
// that would silently drop every other stored key. kConflict naming custom_fields instead.
Status CheckCustomFieldsReadable(Tx& tx, const std::string& id);

Result<std::optional<std::string>> FindIdByEmail(Tx& tx, const std::string& address);
Result<std::optional<std::string>> FindIdByExternalId(Tx& tx, const std::string& external_id);

}  // namespace rapport::customers::store
