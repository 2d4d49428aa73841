// The write paths for customers, as functions over an open write transaction, so a single
// create (CustomerService), a batch and an import share exactly the same rules and events.
// Private to the customers area. Stateless; REQUIRES: called inside Database::Write.
#pragma once

#include <optional>
#include <string>

#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::customers {

Result<json::object> CreateInTx(storage::Tx& tx, const storage::WriteContext& context,
                                const json::object& input);
Result<json::object> UpdateInTx(storage::Tx& tx, const storage::WriteContext& context,
                                const std::string& id, const json::object& patch,
                                std::optional<int64_t> if_version);
Result<json::object> RunCustomerBatch(storage::Database& database,
                                      const storage::WriteContext& context,
                                      const json::object& request);

}  // namespace rapport::customers
