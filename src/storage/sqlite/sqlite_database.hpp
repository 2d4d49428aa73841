// SqliteDatabase: the embedded backend of the storage seam (DESIGN.md §4).
//
// Exactly one read-write connection, owned by a private writer thread that groups queued writes
// into one transaction (group commit) under synchronous=FULL; a pool of read-only connections for
// Read. One writer per file is also what avoids Debian 12's SQLite WAL-reset bug, so nothing else
// in the process may open the file for writing. Thread-safe. The destructor drains queued writes
// before closing.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.hpp"
#include "storage/identity_generation.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace rapport::storage {

struct SqliteOptions {
  std::string path;
  // Largest number of writes committed together. Bounds the latency one slow group adds and the
  // memory held by pending results; 256 already amortises an fsync over plenty of requests.
  size_t max_group_size = 256;
  // Idle read connections kept open; more are opened on demand and closed when returned.
  size_t max_idle_readers = 32;
  // The instance setting `collation_locale` (BCP 47); empty keeps the locale the database's
  // collation keys were made with (storage/collation_sync.hpp). Read-write opens only.
  std::string collation_locale;
};

class SqliteDatabase final : public Database, public IdentityGeneration {
 public:
  // Opens (creating if needed) and migrates the database, then starts the writer thread.
  static Result<std::unique_ptr<SqliteDatabase>> Open(const SqliteOptions& options);
  // Opens an existing database for reading only: no writer connection, no migrations, so it is
  // safe beside a running server. Write() fails with kUnavailable.
  static Result<std::unique_ptr<SqliteDatabase>> OpenReadOnly(const SqliteOptions& options);
  ~SqliteDatabase() override;

  Status Read(const TxFunction& fn) override;
  Status Write(TxFunction fn) override;
  Status WriteAlone(TxFunction fn) override;
  void SetCommitListener(std::function<void()> listener) override;
  uint64_t Current() const override { return identity_generation_.load(std::memory_order_acquire); }

  int schema_version() const { return schema_version_; }

 private:
  struct PendingWrite {
    TxFunction fn;
    std::promise<Status> done;
    bool alone = false;  // its own transaction, without the per-write savepoint
  };
  Status Enqueue(TxFunction fn, bool alone);

  SqliteDatabase(SqliteOptions options, std::unique_ptr<SqliteConnection> writer, int version);
  void WriterLoop();
  void CommitGroup(std::vector<std::unique_ptr<PendingWrite>>& group);
  void CommitAlone(PendingWrite& pending);
  // After a transaction ends (committed or not) and before its writes are answered.
  void BumpIdentityGenerationIfTouched();
  Result<std::unique_ptr<SqliteConnection>> CheckoutReader();
  void ReturnReader(std::unique_ptr<SqliteConnection> reader);

  const SqliteOptions options_;
  std::unique_ptr<SqliteConnection> writer_;  // used only by writer_thread_
  const int schema_version_;
  // Held while the listener runs and while it is replaced: once SetCommitListener returns, the
  // old listener is not running and never runs again, so what it references may be destroyed
  // (at shutdown, `serve` clears it before its services go).
  std::mutex listener_mutex_;
  std::function<void()> commit_listener_;  // GUARDED_BY(listener_mutex_)
  // Set by the writer's update hook when a row of kIdentityTables changes; writer thread only.
  bool identity_touched_ = false;
  std::atomic<uint64_t> identity_generation_{0};

  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::deque<std::unique_ptr<PendingWrite>> queue_;  // GUARDED_BY(queue_mutex_)
  bool stopping_ = false;                            // GUARDED_BY(queue_mutex_)

  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;  // GUARDED_BY(readers_mutex_)

  std::thread writer_thread_;  // started in the constructor body, after every member exists
};

}  // namespace rapport::storage
