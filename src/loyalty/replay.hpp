// Replay (docs/design/loyalty.md § Replay): awards a programme's points for orders recorded
// before it ran, as if it had — the same rules as live earning (order_earning.hpp), the window and
// expiry counted from each order's placed day, refunds taken back pro rata, cancelled orders
// skipped. An order earns once per programme whether replay or the outbox met it first, so replay
// and live earning can run in any order and a replay can be repeated or resumed.
//
// Work goes a page of orders per write transaction, in the order they were recorded; the caller
// (the CLI, or the API's job in replay_jobs.hpp) loops and reports progress. Thread-safe; calls
// block on storage.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "storage/database.hpp"

namespace rapport::loyalty {

struct ReplayOptions {
  std::string programme_id;
  std::optional<std::string> since;  // RFC 3339: orders placed at or after it
  int page_size = 500;
  std::function<int64_t()> clock;  // Unix milliseconds: the day movements are booked on
};

struct ReplayProgress {
  int64_t total = 0;  // orders to look at
  int64_t done = 0;
  int64_t last_seq = 0;
};

// How many orders a replay will look at; kNotFound when there is no such programme.
Result<ReplayProgress> StartReplay(storage::Database& database, const ReplayOptions& options);
// One page after `progress.last_seq`; false when there was none left.
Result<bool> ReplayPage(storage::Database& database, const ReplayOptions& options,
                        ReplayProgress& progress);
// The same page inside the caller's write transaction (the job commits its position with it).
Result<bool> ReplayPageInTx(storage::Tx& tx, const ReplayOptions& options,
                            ReplayProgress& progress);

}  // namespace rapport::loyalty
