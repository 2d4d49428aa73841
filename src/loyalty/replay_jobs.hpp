// ReplayJobs: the replay of past orders (replay.hpp) run by the server as a job with progress
// (docs/design/loyalty.md § Replay).
//
// Start checks the request and the caller (loyalty programmes edit: a replay awards points to
// every customer with past orders), counts the orders, stores the replay (`loyalty_replays`,
// status running) and schedules the scheduler's job "loyalty.replay" for it, all in one
// transaction. Each run of the job replays one page (batch_size orders after `after_seq`) and
// writes the count and position in the same transaction as the page's earnings, then schedules
// itself again; so a crash or kill -9 resumes at the last committed page. An order earns once per
// programme (order_earning.hpp), so a job, the CLI's `rapport loyalty replay` and live earning
// never award it twice, in any order. One replay per programme runs at a time.
//
// Holds a reference to the database; thread-safe; calls block on storage.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/scheduler.hpp"
#include "storage/write_context.hpp"

namespace rapport::loyalty {

inline constexpr std::string_view kReplayJobKind = "loyalty.replay";
// Orders per page unless the request says: each order is a few small writes, so a page holds the
// single writer for milliseconds and the progress figure moves often on a large history.
inline constexpr int64_t kReplayBatch = 200;
inline constexpr int64_t kMaxReplayBatch = 1000;

class ReplayJobs {
 public:
  using Clock = std::function<int64_t()>;  // Unix milliseconds: the day movements are booked on
  ReplayJobs(storage::Database& database, Clock clock)
      : database_(database), clock_(std::move(clock)) {}

  // {since?: date or RFC 3339, batch_size?: 1-1000}: the replay {id, programme_id, since, status,
  // total, done, progress, ...}. kNotFound without the programme; kConflict while another replay
  // of it runs; errors name the field.
  Result<json::object> Start(const access::Access& access, const storage::WriteContext& context,
                             const std::string& programme_id, const json::object& input);
  Result<json::object> Get(const access::Access& access, const std::string& programme_id,
                           const std::string& replay_id);
  // The programme's replays, newest first (at most 20).
  Result<json::array> List(const access::Access& access, const std::string& programme_id);

  // The handler of kReplayJobKind: one page per run.
  storage::Scheduler::Handler JobHandler();

 private:
  Status RunPage(storage::Tx& tx, const std::string& replay_id);

  storage::Database& database_;
  Clock clock_;
};

}  // namespace rapport::loyalty
