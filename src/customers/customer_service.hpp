// CustomerService: the customers area's public face — create, read, change, delete, list, search
// and batch-upsert customers, each change written with its domain event in one transaction.
//
// Returns API-shaped JSON so every edge (HTTP, CLI, import) serves the same representation.
// Holds only a reference to the Database; thread-safe. Calls block on storage: call from worker
// threads, not I/O threads.
#pragma once

#include <optional>
#include <string>

#include "common/json.hpp"
#include "common/page.hpp"
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

// Largest batch accepted by Batch: bounds one transaction's time on the single writer.
inline constexpr size_t kMaxBatchRecords = 1000;

class CustomerService {
 public:
  explicit CustomerService(storage::Database& database) : database_(database) {}

  Result<json::object> Create(const storage::WriteContext& context, const json::object& input);
  Result<json::object> Get(const std::string& id);
  // `if_version`: the version the caller last saw (If-Match); kPreconditionFailed when stale.
  Result<json::object> Update(const storage::WriteContext& context, const std::string& id,
                              const json::object& patch, std::optional<int64_t> if_version);
  Status Delete(const storage::WriteContext& context, const std::string& id,
                std::optional<int64_t> if_version);
  Result<Page> List(const CustomerQuery& query);
  // {current, history}: the consent matrix and every recorded change, newest first.
  Result<json::object> Consent(const std::string& id);
  // {upsert_on?, records[]} -> per-record results; bad records fail alone.
  Result<json::object> Batch(const storage::WriteContext& context, const json::object& request);

 private:
  storage::Database& database_;
};

// One customer as served JSON inside an open transaction, for reads that combine areas in one
// snapshot (the customer overview). nullopt when there is no such customer.
Result<std::optional<json::object>> LoadCustomerJson(storage::Tx& tx, const std::string& id);

}  // namespace rapport::customers
