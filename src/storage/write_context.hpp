// WriteContext: who is writing and why, passed to every service write.
//
// `actor`, `via` and `request_id` travel into the domain event and the audit trail. `on_written`
// lets the caller add rows to the same transaction as the change, given the change's result — the
// HTTP edge uses it to store an idempotent response atomically with the record it describes.
// Plain value; thread-compatible.
#pragma once

#include <functional>
#include <string>

#include "common/json.hpp"
#include "storage/database.hpp"

namespace rapport::storage {

struct WriteContext {
  std::string actor;        // "token:<id>", "cli", "system:<subscriber>"
  std::string request_id;   // empty outside HTTP
  std::string via = "api";  // the path the change came through: api | cli | import | system
  std::function<Status(Tx&, const json::value& result)> on_written;

  Status Written(Tx& tx, const json::value& result) const {
    return on_written ? on_written(tx, result) : OkStatus();
  }
};

}  // namespace rapport::storage
