// CustomerService: the customers area's public face — create, read, change, delete, list, search
// and batch-upsert customers, each change written with its domain event in one transaction.
//
// Returns API-shaped JSON so every edge (HTTP, CLI, import) serves the same representation: as
// trees, or for the hot HTTP reads as text written straight from the rows (customer_json.cpp).
// Every call takes the caller's Access: reads see only records it reaches (others are "not
// found") with hidden fields removed, and writes are authorised inside their transaction.
// Holds only references to the Database and the trait registry; thread-safe. Calls block on
// storage: call from worker threads, not I/O threads.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/page.hpp"
#include "customers/customer.hpp"
#include "customers/customer_traits.hpp"
#include "customers/filter.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::customers {

struct CustomerQuery {
  std::optional<std::string> q;  // full-text, prefix match per word
  json::value filter;            // filter tree (docs/design/filters.md); null = all
  std::string sort = "created_at";
  int limit = kDefaultPageSize;
  std::optional<std::string> cursor;
};

// One customer as JSON text for a response body, with the version its ETag names (none when
// the caller's role hides the version, as a record without one has no ETag).
struct CustomerText {
  std::string json;
  std::optional<int64_t> version;
};

// Largest batch accepted by Batch: bounds one transaction's time on the single writer.
inline constexpr size_t kMaxBatchRecords = 1000;

// The filter tree of GET /customers compiled for `access`: custom fields as defined now, traits
// from `traits`, and fields or traits the caller may not see refused like unknown ones. For
// anything that must select exactly what the list selects (the export's count).
// `fragments_may_drive`: see CompileCustomerFilter; callers that cannot walk the fragment index
// leave it false and get every condition in the SQL.
Result<CompiledFilter> CompileListFilter(storage::Tx& tx, const access::Access& access,
                                         const CustomerTraits& traits, const json::value& filter,
                                         bool fragments_may_drive = false);

class CustomerService {
 public:
  // `traits`: what other areas publish about customers, for filters and sorts; must outlive
  // the service. Without it only the customer's own fields filter and sort.
  explicit CustomerService(storage::Database& database,
                           const CustomerTraits& traits = NoCustomerTraits())
      : database_(database), traits_(traits) {}

  using Access = access::Access;

  Result<json::object> Create(const Access& access, const storage::WriteContext& context,
                              const json::object& input);
  Result<json::object> Get(const Access& access, const std::string& id);
  // Get's record written straight as text (no tree), for responses.
  Result<CustomerText> GetText(const Access& access, const std::string& id);
  // `if_version`: the version the caller last saw (If-Match); kPreconditionFailed when stale.
  Result<json::object> Update(const Access& access, const storage::WriteContext& context,
                              const std::string& id, const json::object& patch,
                              std::optional<int64_t> if_version);
  Status Delete(const Access& access, const storage::WriteContext& context, const std::string& id,
                std::optional<int64_t> if_version);
  Result<Page> List(const Access& access, const CustomerQuery& query);
  // The same page as the text of PageToJson(List(...)), each record written straight into it:
  // what the HTTP list and search answer (List's trees are for exports).
  Result<std::string> ListText(const Access& access, const CustomerQuery& query);
  // {current, history}: the consent matrix and every recorded change, newest first.
  Result<json::object> Consent(const Access& access, const std::string& id);
  // {upsert_on?, records[]} -> per-record results; bad records fail alone.
  Result<json::object> Batch(const Access& access, const storage::WriteContext& context,
                             const json::object& request);

 private:
  storage::Database& database_;
  const CustomerTraits& traits_;
};

// One customer as served to `access` inside an open transaction, for reads that combine areas in
// one snapshot (the customer overview). nullopt when there is no such customer or `access` may
// not read it.
Result<std::optional<json::object>> LoadCustomerJson(storage::Tx& tx, const access::Access& access,
                                                     const std::string& id);
// A customer and their current consent, as served to `access` by AppendCustomerJson, in an open
// transaction; nullopt as for LoadCustomerJson.
struct ServedCustomer {
  Customer customer;
  std::vector<ConsentEntry> consent;
};
Result<std::optional<ServedCustomer>> LoadServedCustomer(storage::Tx& tx,
                                                         const access::Access& access,
                                                         const std::string& id);
// A customer's stored served record (docs/design/served_records.md) with what a read built around
// it needs, in an open transaction: for callers whose roles hide no customer field, as
// GET /customers/{id} serves it. nullopt when the record is not rendered yet, the caller hides a
// field, there is no such customer or the caller may not read it: build from the rows then
// (LoadServedCustomer), which tells those apart.
struct StoredCustomer {
  std::string body;  // the customer's JSON, its current consent included
  std::optional<std::string> owner_id;
  std::optional<std::string> company_id;
};
Result<std::optional<StoredCustomer>> LoadStoredCustomer(storage::Tx& tx,
                                                         const access::Access& access,
                                                         const std::string& id);
// The owner of a customer the caller may read; kNotFound (as for a missing one) otherwise.
Result<std::optional<std::string>> ReadableCustomerOwner(storage::Tx& tx,
                                                         const access::Access& access,
                                                         const std::string& id);
// The answer for a customer that does not exist or that the caller may not see: the same words.
Error NoSuchCustomer(const std::string& id);

}  // namespace rapport::customers
