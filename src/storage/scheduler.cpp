#include "storage/scheduler.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/time.hpp"

namespace rapport::storage {
namespace {

// Safety net only, like the event dispatcher's: every commit of this process notifies, so this
// wake-up finds work only if a notification was missed. Long, so an idle server costs nothing.
constexpr auto kIdleWait = std::chrono::minutes(10);
// A round runs at most this many jobs before looking at the clock and the stop flag again, so a
// handler that keeps rescheduling itself into the past cannot hold the thread.
constexpr int kRoundLimit = 1000;

constexpr std::string_view kUpsertJob =
    "INSERT INTO scheduled_jobs (kind, key, due_at, payload, attempts, created_at) "
    "VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (kind, key) DO UPDATE SET due_at = excluded.due_at, "
    "payload = excluded.payload, attempts = 0, last_error = NULL";
constexpr std::string_view kDeleteJob = "DELETE FROM scheduled_jobs WHERE kind = ? AND key = ?";
constexpr std::string_view kSelectJob =
    "SELECT kind, key, due_at, payload, attempts FROM scheduled_jobs WHERE kind = ? AND key = ?";
constexpr std::string_view kSelectDue =
    "SELECT kind, key, due_at, payload, attempts FROM scheduled_jobs WHERE due_at <= ? "
    "ORDER BY due_at, seq LIMIT 1";
constexpr std::string_view kEarliest = "SELECT min(due_at) FROM scheduled_jobs";
constexpr std::string_view kPostpone =
    "UPDATE scheduled_jobs SET attempts = attempts + 1, last_error = ?, due_at = ? "
    "WHERE kind = ? AND key = ?";

Result<ScheduledJob> JobFromRow(const Row& row) {
  ScheduledJob job{.kind = row.Text(0), .key = row.Text(1), .attempts = row.Int(4)};
  job.due_at = ParseInstant(row.Text(2)).value_or(0);
  RAPPORT_ASSIGN_OR_RETURN(job.payload, ParseJsonObject(row.Text(3)));
  return job;
}

// A statement's outcome without its row count.
Status Ran(Result<int64_t> changed) {
  if (!changed.ok()) return std::move(changed).error();
  return OkStatus();
}

int64_t Backoff(int64_t attempts) {
  const int64_t seconds = int64_t{1} << std::min<int64_t>(attempts, 12);
  return std::min(seconds * 1000, Scheduler::kMaxBackoffMillis);
}

}  // namespace

Status ScheduleJob(Tx& tx, std::string_view kind, std::string_view key, int64_t due_at,
                   const json::object& payload) {
  return Ran(tx.Exec(kUpsertJob, {std::string(kind), std::string(key), FormatInstant(due_at),
                                  ToJsonString(payload), NowInstant()}));
}

Status CancelJob(Tx& tx, std::string_view kind, std::string_view key) {
  return Ran(tx.Exec(kDeleteJob, {std::string(kind), std::string(key)}));
}

Result<std::optional<ScheduledJob>> FindJob(Tx& tx, std::string_view kind, std::string_view key) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectJob, {std::string(kind), std::string(key)}));
  if (rows.empty()) return std::optional<ScheduledJob>();
  RAPPORT_ASSIGN_OR_RETURN(ScheduledJob job, JobFromRow(rows.front()));
  return std::optional<ScheduledJob>(std::move(job));
}

Scheduler::Scheduler(Database& database, Clock clock)
    : database_(database), clock_(clock ? std::move(clock) : Clock(NowMillis)) {}

void Scheduler::Register(std::string kind, Handler handler) {
  handlers_.emplace(std::move(kind), std::move(handler));
}

Result<bool> Scheduler::RunOne(int64_t now) {
  bool ran = false;
  std::optional<ScheduledJob> attempted;
  Status status = database_.Write([&](Tx& tx) -> Status {
    ran = false;
    attempted.reset();
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectDue, {FormatInstant(now)}));
    if (rows.empty()) return OkStatus();
    RAPPORT_ASSIGN_OR_RETURN(ScheduledJob job, JobFromRow(rows.front()));
    ran = true;
    auto handler = handlers_.find(job.kind);
    if (handler == handlers_.end()) {
      return Ran(tx.Exec(kPostpone, {std::string("no handler for this kind"),
                                     FormatInstant(now + kMaxBackoffMillis), job.kind, job.key}));
    }
    attempted = job;
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteJob, {job.kind, job.key}));
    return handler->second(tx, job);
  });
  if (status.ok()) return ran;
  if (!attempted) return std::move(status).error();
  // The handler's effects rolled back with the job's removal: try again later.
  const ScheduledJob& job = *attempted;
  spdlog::warn("scheduled job {} {} failed (attempt {}): {}", job.kind, job.key, job.attempts + 1,
               status.error().message);
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    return Ran(tx.Exec(kPostpone, {status.error().message,
                                   FormatInstant(now + Backoff(job.attempts)), job.kind, job.key}));
  }));
  return true;
}

Result<int64_t> Scheduler::RunDue() {
  int64_t ran = 0;
  for (int i = 0; i < kRoundLimit; ++i) {
    // Look before writing: every commit wakes this thread (Notify), so a write with nothing to
    // run would wake it again, for ever — an idle server must not write.
    const int64_t now = clock_();
    RAPPORT_ASSIGN_OR_RETURN(std::optional<int64_t> earliest, EarliestDue());
    if (!earliest || *earliest > now) break;
    RAPPORT_ASSIGN_OR_RETURN(bool any, RunOne(now));
    if (!any) break;
    ++ran;
  }
  return ran;
}

Result<std::optional<int64_t>> Scheduler::EarliestDue() {
  std::optional<int64_t> earliest;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kEarliest));
    if (!rows.empty() && !rows.front().IsNull(0)) earliest = ParseInstant(rows.front().Text(0));
    return OkStatus();
  }));
  return earliest;
}

void Scheduler::Start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
    pending_ = true;
  }
  thread_ = std::thread([this] { Loop(); });
}

void Scheduler::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::Notify() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  cv_.notify_one();
}

void Scheduler::Loop() {
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      pending_ = false;
    }
    if (auto ran = RunDue(); !ran.ok()) {
      spdlog::warn("scheduler: {}", ran.error().message);
    }
    auto wait = std::chrono::milliseconds(kIdleWait);
    if (auto earliest = EarliestDue(); !earliest.ok()) {
      wait = std::chrono::seconds(1);  // storage trouble: look again soon, not in a busy loop
    } else if (*earliest) {
      const int64_t until = **earliest - clock_();
      wait = std::clamp(std::chrono::milliseconds(until), std::chrono::milliseconds(0), wait);
    }
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, wait, [this] { return stopping_ || pending_; });
    if (stopping_) return;
  }
}

}  // namespace rapport::storage
