// The write paths for customers, as functions over an open write transaction, so a single
// create (CustomerService), a batch and an import share exactly the same rules and events.
// Used by the customers area and by bulk paths (src/transfer imports and their revert). Record
// access is checked here, so every write path honours it; results are the full record (for events
// and audit) — callers redact before serving. Stateless; REQUIRES: called inside Database::Write.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::customers {

Result<json::object> CreateInTx(storage::Tx& tx, const access::Access& access,
                                const storage::WriteContext& context, const json::object& input);
Result<json::object> UpdateInTx(storage::Tx& tx, const access::Access& access,
                                const storage::WriteContext& context, const std::string& id,
                                const json::object& patch, std::optional<int64_t> if_version);
// `if_version`: as for Update; the deleted record stays whole in the audit trail.
Status DeleteInTx(storage::Tx& tx, const access::Access& access,
                  const storage::WriteContext& context, const std::string& id,
                  std::optional<int64_t> if_version);
Result<json::object> RunCustomerBatch(storage::Database& database, const access::Access& access,
                                      const storage::WriteContext& context,
                                      const json::object& request);

}  // namespace rapport::customers
