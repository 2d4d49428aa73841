// The storage seam: every area reaches its tables through Tx and Database, never through a
// driver. SQL text is a named constant beside the code that runs it, written with `?` placeholders;
// each backend binds parameters itself (PostgreSQL rewrites them to $n), so areas never build SQL
// from input.
//
// Database::Read runs a function inside one read snapshot on a pooled read-only connection.
// Database::Write queues a function for the single writer, which groups concurrent writes into one
// transaction (group commit) and returns only after that transaction is durable. Each write runs
// inside its own savepoint: a write that returns an error is rolled back alone and never affects
// the others in its group. Both are thread-safe and block the calling thread, so call them from
// worker threads, never from an I/O thread.
#pragma once

#include <functional>
#include <initializer_list>
#include <span>
#include <string_view>

#include "common/result.hpp"
#include "storage/value.hpp"

namespace rapport::storage {

class Tx {
 public:
  virtual ~Tx() = default;
  virtual Result<Rows> Query(std::string_view sql, std::span<const Value> params) = 0;
  // Runs a statement; returns the number of rows it changed.
  virtual Result<int64_t> Exec(std::string_view sql, std::span<const Value> params) = 0;

  Result<Rows> Query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return Query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  Result<int64_t> Exec(std::string_view sql, std::initializer_list<Value> params = {}) {
    return Exec(sql, std::span<const Value>(params.begin(), params.size()));
  }

  // Runs `work` in this transaction, either now or, inside a group commit, after the group's last
  // write and before its COMMIT, in the order deferred; a write rolled back alone takes its
  // deferred work with it, and deferred work that fails fails the whole group. For writes to
  // FTS5 tables: FTS5 writes its pending rows out as a new segment at every savepoint, so one
  // write's rows between two writes' savepoints cost a segment (and its merges) each. Work
  // deferred here is not yet visible to the group's later writes; keep to tables no write reads
  // (the search indexes). Tx implementations without groups run it now.
  // By value: the group's implementation keeps it.
  // NOLINTNEXTLINE(performance-unnecessary-value-param)
  virtual Status DeferToCommit(std::function<Status(Tx&)> work) { return work(*this); }
  // For a write's own savepoints: DeferredMark() before SAVEPOINT, and DropDeferredFrom(mark)
  // after ROLLBACK TO it, so work deferred by what was undone is not run.
  virtual size_t DeferredMark() const { return 0; }
  virtual void DropDeferredFrom(size_t /*mark*/) {}
};

using TxFunction = std::function<Status(Tx&)>;

class Database {
 public:
  virtual ~Database() = default;
  virtual Status Read(const TxFunction& fn) = 0;
  virtual Status Write(TxFunction fn) = 0;
  // Bulk work (imports) that keeps its own savepoints: `fn` runs in a transaction of its own,
  // never grouped with other writes and without Write's per-write savepoint, so each of its
  // savepoints is outermost and its undo journal is dropped as soon as it is released. An error
  // from `fn` rolls the whole transaction back. Durable when it returns OK.
  virtual Status WriteAlone(TxFunction fn) = 0;
  // Called after every durable commit of the writer (from the writer thread); used to wake the
  // event dispatcher without polling. Set before the first write; replacing it (nullptr at
  // shutdown) waits for a call in progress, so the old one never runs after this returns. The
  // listener must not call SetCommitListener.
  virtual void SetCommitListener(std::function<void()> listener) = 0;
};

}  // namespace rapport::storage
