// Scheduler: jobs due at an instant, kept in the database (`scheduled_jobs`, migration 0021) so a
// restart neither skips nor repeats one (DESIGN §6, docs/design/scheduler.md).
//
// Any area schedules from inside its own write transaction with ScheduleJob / CancelJob: a job
// exists iff the change that scheduled it committed. A job is named by (kind, key); scheduling
// the same name again moves it (one pending job per name). The Scheduler runs each due job
// through the handler registered for its kind inside one write transaction that also deletes the
// job, so the handler's effects and the job's removal commit together: exactly once, even across
// crashes. A handler that wants to run again calls ScheduleJob for the same name. A failing
// handler rolls back alone; the job is retried with backoff (attempts, last_error kept).
//
// The thread sleeps until the earliest due time (no polling while idle) and is woken by Notify,
// which the composition root calls after every commit, so a job scheduled earlier than the one it
// waits for is seen at once. Register before Start; thread-safe after Start.
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "common/json.hpp"
#include "storage/database.hpp"

namespace rapport::storage {

struct ScheduledJob {
  std::string kind;    // "ticket.sla": which handler runs it
  std::string key;     // unique within the kind: the ticket id, the reminder id, …
  int64_t due_at = 0;  // Unix milliseconds
  json::object payload;
  int64_t attempts = 0;  // failed runs so far
};

// Schedules (or moves) job (kind, key) to `due_at` with `payload`. REQUIRES: inside Write.
Status ScheduleJob(Tx& tx, std::string_view kind, std::string_view key, int64_t due_at,
                   const json::object& payload = {});
// Removes job (kind, key) if it exists. REQUIRES: inside Write.
Status CancelJob(Tx& tx, std::string_view kind, std::string_view key);
// The pending job (kind, key), if any.
Result<std::optional<ScheduledJob>> FindJob(Tx& tx, std::string_view kind, std::string_view key);

class Scheduler {
 public:
  // Runs inside the job's write transaction; the job row is already deleted.
  using Handler = std::function<Status(Tx& tx, const ScheduledJob& job)>;
  using Clock = std::function<int64_t()>;  // Unix milliseconds

  explicit Scheduler(Database& database, Clock clock = {});
  ~Scheduler() { Stop(); }
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // REQUIRES: not started; one handler per kind.
  void Register(std::string kind, Handler handler);
  void Start();
  void Stop();
  // Wakes the thread to look at the earliest due time again; cheap, safe from any thread.
  void Notify();
  // Runs every job due at the clock's now, on the calling thread; how many it took up (failed and
  // postponed ones included). For
  // CLI commands and tests; do not call while the thread runs.
  Result<int64_t> RunDue();

  // A failed job waits 2^attempts seconds, at most this long, before its next try. Jobs of a
  // kind no handler is registered for wait this long too (a newer version may know them).
  static constexpr int64_t kMaxBackoffMillis = int64_t{60} * 60 * 1000;

 private:
  // Runs one due job in its own transaction. False when nothing was due.
  Result<bool> RunOne(int64_t now);
  Result<std::optional<int64_t>> EarliestDue();
  void Loop();

  Database& database_;
  Clock clock_;
  std::map<std::string, Handler, std::less<>> handlers_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool pending_ = true;    // GUARDED_BY(mutex_)
  bool stopping_ = false;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace rapport::storage
