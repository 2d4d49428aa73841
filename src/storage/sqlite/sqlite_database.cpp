#include "storage/sqlite/sqlite_database.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <chrono>
#include <exception>

#include "common/metrics.hpp"
#include "storage/collation_sync.hpp"
#include "storage/migrations.hpp"

namespace rapport::storage {
namespace {

// Writes per commit: powers of two up to the group limit.
std::vector<double> BatchBuckets() { return {1, 2, 4, 8, 16, 32, 64, 128, 256}; }

Histogram& BatchSizes() {
  static Histogram& histogram =
      Metrics().GetHistogram("rapport_storage_commit_batch_size",
                             "Writes committed together in one transaction.", {}, BatchBuckets());
  return histogram;
}

Histogram& CommitSeconds() {
  static Histogram& histogram = Metrics().GetHistogram(
      "rapport_storage_commit_seconds",
      "Time of COMMIT (the durable write, fsync included) per transaction.", {}, LatencyBuckets());
  return histogram;
}

// Runs COMMIT and records how long the durable write took.
Status TimedCommit(SqliteConnection& writer) {
  const auto started = std::chrono::steady_clock::now();
  Status status = writer.ExecCached("COMMIT");
  CommitSeconds().Observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return status;
}

// Undoes one write of a group: back to its savepoint, then the savepoint itself gone.
Status RollBackWrite(SqliteConnection& writer) {
  RAPPORT_RETURN_IF_ERROR(writer.ExecCached("ROLLBACK TO write"));
  return writer.ExecCached("RELEASE write");
}

}  // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const SqliteOptions& options) {
  RAPPORT_ASSIGN_OR_RETURN(auto writer, SqliteConnection::Open(options.path, OpenMode::kReadWrite));
  RAPPORT_ASSIGN_OR_RETURN(int version, ApplyMigrations(*writer));
  RAPPORT_RETURN_IF_ERROR(SyncCollationLocale(*writer, options.collation_locale));
  return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(options, std::move(writer), version));
}

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::OpenReadOnly(const SqliteOptions& options) {
  RAPPORT_ASSIGN_OR_RETURN(auto reader, SqliteConnection::Open(options.path, OpenMode::kReadOnly));
  RAPPORT_ASSIGN_OR_RETURN(int version, CurrentSchemaVersion(*reader));
  RAPPORT_RETURN_IF_ERROR(AdoptStoredCollationLocale(*reader));
  if (version == 0 || version > LatestSchemaVersion()) {
    return Error::Unavailable("the database at " + options.path +
                              " is not a Rapport database this binary can read");
  }
  auto db = std::unique_ptr<SqliteDatabase>(new SqliteDatabase(options, nullptr, version));
  db->ReturnReader(std::move(reader));
  return db;
}

SqliteDatabase::SqliteDatabase(SqliteOptions options, std::unique_ptr<SqliteConnection> writer,
                               int version)
    : options_(std::move(options)), writer_(std::move(writer)), schema_version_(version) {
  if (!writer_) return;
  // Row changes on the writer, triggers' included; the hook runs on the writer thread.
  sqlite3_update_hook(
      writer_->handle(),
      [](void* self, int, const char*, const char* table, sqlite3_int64) {
        for (std::string_view watched : kIdentityTables) {
          if (watched == table) static_cast<SqliteDatabase*>(self)->identity_touched_ = true;
        }
      },
      this);
  writer_thread_ = std::thread([this] { WriterLoop(); });
}

void SqliteDatabase::BumpIdentityGenerationIfTouched() {
  // A rolled-back change bumps it too: a needless re-check is harmless, a missed one is not.
  if (!identity_touched_) return;
  identity_touched_ = false;
  identity_generation_.fetch_add(1, std::memory_order_acq_rel);
}

SqliteDatabase::~SqliteDatabase() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
}

void SqliteDatabase::SetCommitListener(std::function<void()> listener) {
  std::lock_guard lock(listener_mutex_);
  commit_listener_ = std::move(listener);
}

Status SqliteDatabase::Write(TxFunction fn) { return Enqueue(std::move(fn), false); }

Status SqliteDatabase::WriteAlone(TxFunction fn) { return Enqueue(std::move(fn), true); }

Status SqliteDatabase::Enqueue(TxFunction fn, bool alone) {
  auto pending = std::make_unique<PendingWrite>();
  pending->fn = std::move(fn);
  pending->alone = alone;
  std::future<Status> done = pending->done.get_future();
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_) return Error::Unavailable("the database is shutting down");
    if (!writer_) return Error::Unavailable("the database is open read-only");
    queue_.push_back(std::move(pending));
  }
  queue_cv_.notify_one();
  return done.get();
}

void SqliteDatabase::WriterLoop() {
  std::vector<std::unique_ptr<PendingWrite>> group;
  std::unique_ptr<PendingWrite> alone;
  while (true) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      // Drain before stopping: every write accepted into the queue gets committed or refused.
      if (queue_.empty()) return;
      if (queue_.front()->alone) {
        alone = std::move(queue_.front());
        queue_.pop_front();
      }
      // A group ends before a write that must be alone.
      while (!alone && !queue_.empty() && !queue_.front()->alone &&
             group.size() < options_.max_group_size) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    if (alone) {
      CommitAlone(*alone);
      alone.reset();
      continue;
    }
    CommitGroup(group);
    group.clear();
  }
}

void SqliteDatabase::CommitAlone(PendingWrite& pending) {
  Status status = writer_->ExecCached("BEGIN IMMEDIATE");
  if (status.ok()) {
    try {
      status = pending.fn(*writer_);
    } catch (const std::exception& e) {
      spdlog::error("write function threw: {}", e.what());
      status = Error::Internal("unexpected failure while writing");
    }
    if (status.ok()) {
      status = TimedCommit(*writer_);
      BatchSizes().Observe(1);
      if (!status.ok()) spdlog::error("commit failed: {}", status.error().message);
    }
    if (!status.ok()) (void)writer_->ExecScript("ROLLBACK");  // may already be gone; either is fine
  }
  const bool committed = status.ok();
  BumpIdentityGenerationIfTouched();
  pending.done.set_value(std::move(status));
  if (committed) {
    // Called under its own mutex, not a copy: a copy taken before SetCommitListener(nullptr)
    // could still run after it returned, into services already destroyed.
    std::lock_guard lock(listener_mutex_);
    if (commit_listener_) commit_listener_();
  }
}

void SqliteDatabase::CommitGroup(std::vector<std::unique_ptr<PendingWrite>>& group) {
  std::vector<Status> results;
  results.reserve(group.size());
  // The transaction statements come from the statement cache: parsing them again for every
  // write was 3 % of the writer's time (bench/RESULTS.md, 7 December).
  Status begin = writer_->ExecCached("BEGIN IMMEDIATE");
  if (!begin.ok()) {
    BumpIdentityGenerationIfTouched();
    for (auto& pending : group) pending->done.set_value(begin.error());
    return;
  }
  bool any_ok = false;
  writer_->BeginDeferring();
  for (auto& pending : group) {
    const size_t deferred_mark = writer_->DeferredMark();
    Status status = writer_->ExecCached("SAVEPOINT write");
    if (status.ok()) {
      try {
        status = pending->fn(*writer_);
      } catch (const std::exception& e) {
        // A throwing write is a bug; keep the server and the rest of the group alive.
        spdlog::error("write function threw: {}", e.what());
        status = Error::Internal("unexpected failure while writing");
      }
      Status end = status.ok() ? writer_->ExecCached("RELEASE write") : RollBackWrite(*writer_);
      if (!end.ok()) status = end;
    }
    if (!status.ok()) writer_->DropDeferredFrom(deferred_mark);
    any_ok = any_ok || status.ok();
    results.push_back(std::move(status));
  }
  // After the last savepoint, so the search indexes' rows of the whole group go out as one
  // segment (Tx::DeferToCommit). Work of committed writes only; failing, it fails them all, as a
  // failed COMMIT does.
  Status commit = writer_->RunDeferred();
  if (commit.ok()) commit = TimedCommit(*writer_);
  BatchSizes().Observe(static_cast<double>(group.size()));
  if (!commit.ok()) {
    spdlog::error("group commit failed: {}", commit.error().message);
    (void)writer_->ExecScript("ROLLBACK");  // the transaction may already be gone; either is fine
    for (auto& result : results) {
      if (result.ok()) result = Error::Unavailable("the write could not be committed");
    }
    any_ok = false;
  }
  // Acknowledge only now: COMMIT has returned, so with synchronous=FULL the group is durable.
  BumpIdentityGenerationIfTouched();
  for (size_t i = 0; i < group.size(); ++i) group[i]->done.set_value(std::move(results[i]));
  if (any_ok) {
    // Called under its own mutex, not a copy: a copy taken before SetCommitListener(nullptr)
    // could still run after it returned, into services already destroyed.
    std::lock_guard lock(listener_mutex_);
    if (commit_listener_) commit_listener_();
  }
}

Result<std::unique_ptr<SqliteConnection>> SqliteDatabase::CheckoutReader() {
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      auto reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return reader;
    }
  }
  return SqliteConnection::Open(options_.path, OpenMode::kReadOnly);
}

void SqliteDatabase::ReturnReader(std::unique_ptr<SqliteConnection> reader) {
  std::lock_guard lock(readers_mutex_);
  if (idle_readers_.size() < options_.max_idle_readers) idle_readers_.push_back(std::move(reader));
}

Status SqliteDatabase::Read(const TxFunction& fn) {
  RAPPORT_ASSIGN_OR_RETURN(auto reader, CheckoutReader());
  // One deferred transaction gives every query in fn the same snapshot.
  RAPPORT_RETURN_IF_ERROR(reader->ExecCached("BEGIN"));
  Status status;
  try {
    status = fn(*reader);
  } catch (const std::exception& e) {
    spdlog::error("read function threw: {}", e.what());
    status = Error::Internal("unexpected failure while reading");
  }
  Status end = reader->ExecCached("COMMIT");
  if (end.ok()) ReturnReader(std::move(reader));  // a connection in a bad state is dropped
  return status;
}

}  // namespace rapport::storage
