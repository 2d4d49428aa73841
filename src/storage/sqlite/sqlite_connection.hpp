// SqliteConnection: one sqlite3 handle with a cache of prepared statements; implements Tx.
//
// Owned by exactly one thread at a time (the writer thread, or a reader checked out of the pool);
// not thread-safe. Statements are cached by their SQL text, which is a named constant at every call
// site, so the cache stays small and bounded by the program's SQL.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/database.hpp"
#include "storage/row_reader.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace rapport::storage {

enum class OpenMode { kReadWrite, kReadOnly };

class SqliteConnection final : public Tx {
 public:
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, OpenMode mode);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Result<Rows> Query(std::string_view sql, std::span<const Value> params) override;
  Result<int64_t> Exec(std::string_view sql, std::span<const Value> params) override;
  using Tx::Exec;
  using Tx::Query;
  // storage::ForEachRow on this connection: each row read in place (see storage/row_reader.hpp).
  Status ForEachRow(std::string_view sql, std::span<const Value> params,
                    const std::function<Status(const RowView&)>& row);

  // Runs one or more statements without parameters (pragmas, migrations, BEGIN/COMMIT).
  Status ExecScript(const std::string& sql);
  // Runs one parameterless statement from the statement cache: for the BEGIN and COMMIT around
  // every read, which ExecScript would parse again each time. Not recorded in a StatementLog.
  Status ExecCached(std::string_view sql);
  // The raw handle, for hooks its owner installs (SqliteDatabase's writer).
  sqlite3* handle() const { return db_; }

  // Group commit's side of Tx::DeferToCommit (SqliteDatabase's writer): between BeginDeferring
  // and RunDeferred, DeferToCommit queues instead of running. DropDeferredFrom(mark) forgets the
  // work queued since DeferredMark() was `mark` (a write, or a savepoint in it, rolled back).
  // RunDeferred runs the queue in order, stopping at the first failure, and leaves deferring off
  // and the queue empty whatever happens.
  Status DeferToCommit(std::function<Status(Tx&)> work) override;
  void BeginDeferring() { deferring_ = true; }
  size_t DeferredMark() const override { return deferred_.size(); }
  void DropDeferredFrom(size_t mark) override;
  Status RunDeferred();

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  Result<sqlite3_stmt*> Prepare(std::string_view sql);
  Error ToError(int rc, std::string_view what) const;

  // Transparent, so a lookup by the caller's string_view allocates nothing.
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
  bool deferring_ = false;
  std::vector<std::function<Status(Tx&)>> deferred_;
};

}  // namespace rapport::storage
