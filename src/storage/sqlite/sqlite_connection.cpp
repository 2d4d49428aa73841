#include "storage/sqlite/sqlite_connection.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <mutex>

#include "common/work_budget.hpp"
#include "storage/sqlite/packing_functions.hpp"
#include "storage/sqlite/statement_log.hpp"
#include "storage/sqlite/text_functions.hpp"

namespace rapport::storage {
namespace {

// Most SQL is a named constant, so the cache holds a few hundred statements. Filters build SQL
// whose shape depends on the request; past this many entries the cache is flushed rather than
// growing with every new filter shape a client invents.
constexpr size_t kMaxCachedStatements = 512;

// Writers wait this long for a lock before giving up. Only the CLI's offline commands and a
// server's single writer ever write, so contention means a misuse, not load.
constexpr int kBusyTimeoutMs = 10000;

// The size the WAL is cut back to after a checkpoint resets it (journal_size_limit): room for a
// few large group commits without regrowing the file each time.
constexpr int64_t kWalSizeLimitBytes = 64LL * 1024 * 1024;

// How many virtual-machine instructions a read runs between checks of its work budget. A check
// is a thread-local load and a clock read (tens of nanoseconds); 4,000 instructions are a few
// microseconds of query work, so a spent budget stops a query almost at once for under 1 % cost.
constexpr int kBudgetCheckInstructions = 4000;

// SQLite's progress handler: a non-zero answer interrupts the running statement (SQLITE_INTERRUPT).
int StopWhenBudgetSpent(void* /*unused*/) { return WorkBudgetExhausted() ? 1 : 0; }

// Resets a statement when the call using it ends, whatever the outcome, so a cached statement is
// never left mid-step holding a read snapshot open.
class StatementReset {
 public:
  explicit StatementReset(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~StatementReset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  StatementReset(const StatementReset&) = delete;
  StatementReset& operator=(const StatementReset&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

int Bind(sqlite3_stmt* stmt, int index, const Value& value) {
  if (const auto* s = std::get_if<std::string>(&value)) {
    return sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  }
  if (const auto* n = std::get_if<int64_t>(&value)) return sqlite3_bind_int64(stmt, index, *n);
  if (const auto* d = std::get_if<double>(&value)) return sqlite3_bind_double(stmt, index, *d);
  return sqlite3_bind_null(stmt, index);
}

// `params` bound to ?1..?N; the first SQLite error code, or SQLITE_OK.
int BindAll(sqlite3_stmt* stmt, std::span<const Value> params) {
  for (size_t i = 0; i < params.size(); ++i) {
    const int rc = Bind(stmt, static_cast<int>(i + 1), params[i]);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

// Through the column's sqlite3_value, read with the sqlite3_value_* functions (which SQLite allows
// on this unprotected value): each sqlite3_column_* call looks the column up and checks the
// statement anew; a text column took three of them, 8 % of a list page's instructions.
Value ColumnValue(sqlite3_stmt* stmt, int i) {
  sqlite3_value* value = sqlite3_column_value(stmt, i);
  switch (sqlite3_value_type(value)) {
    case SQLITE_INTEGER:
      return static_cast<int64_t>(sqlite3_value_int64(value));
    case SQLITE_FLOAT:
      return sqlite3_value_double(value);
    case SQLITE_NULL:
      return Null();
    default: {
      // Text before its length: the length is then that of the UTF-8 text (a blob is as is).
      const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
      return std::string(text, static_cast<size_t>(sqlite3_value_bytes(value)));
    }
  }
}

// The current row of a stepped statement, read in place: text views point into SQLite's own
// buffer, valid until the next step. Each column through its sqlite3_value, as ColumnValue.
class StatementRowView final : public RowView {
 public:
  explicit StatementRowView(sqlite3_stmt* stmt) : stmt_(stmt) {}
  bool IsNull(size_t i) const override {
    return sqlite3_column_type(stmt_, Index(i)) == SQLITE_NULL;
  }
  int64_t Int(size_t i) const override {
    sqlite3_value* value = sqlite3_column_value(stmt_, Index(i));
    switch (sqlite3_value_type(value)) {
      case SQLITE_INTEGER:
        return sqlite3_value_int64(value);
      case SQLITE_FLOAT:
        return static_cast<int64_t>(sqlite3_value_double(value));
      case SQLITE_NULL:
        return 0;
      default:
        return std::stoll(std::string(TextOf(value)));
    }
  }
  std::string_view View(size_t i) const override {
    sqlite3_value* value = sqlite3_column_value(stmt_, Index(i));
    const int type = sqlite3_value_type(value);
    return type == SQLITE_TEXT || type == SQLITE_BLOB ? TextOf(value) : std::string_view();
  }
  std::string Text(size_t i) const override {
    sqlite3_value* value = sqlite3_column_value(stmt_, Index(i));
    switch (sqlite3_value_type(value)) {
      case SQLITE_INTEGER:
        return std::to_string(sqlite3_value_int64(value));
      case SQLITE_FLOAT:
        return std::to_string(sqlite3_value_double(value));
      case SQLITE_NULL:
        return {};
      default:
        return std::string(TextOf(value));
    }
  }

 private:
  static int Index(size_t i) { return static_cast<int>(i); }
  // Text before its length, as ColumnValue.
  static std::string_view TextOf(sqlite3_value* value) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
    return {text, static_cast<size_t>(sqlite3_value_bytes(value))};
  }

  sqlite3_stmt* stmt_;
};

// Process-wide settings, before the library's first use (sqlite3_config refuses them after).
// Memory statistics off: with them on, every allocation and free of every connection takes one
// global mutex to keep counts nothing here reads; that was 3 % of the writer's time in a profile
// of durable creates, and the request threads' reads contend for the same lock.
void ConfigureLibraryOnce() {
  static std::once_flag configured;
  std::call_once(configured, [] {
    // SQLITE_MISUSE when something in the process used SQLite first: harmless, only slower.
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK) {
      spdlog::debug("sqlite: memory statistics stay on (library already initialised)");
    }
  });
}

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                 OpenMode mode) {
  ConfigureLibraryOnce();
  sqlite3* db = nullptr;
  const int flags = (mode == OpenMode::kReadOnly ? SQLITE_OPEN_READONLY
                                                 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Error::Unavailable("cannot open database " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  auto connection = std::unique_ptr<SqliteConnection>(new SqliteConnection(db));
  // Before any statement: the schema's indexes call these (collation keys).
  if (const int registered = RegisterTextFunctions(db); registered != SQLITE_OK) {
    return connection->ToError(registered, "register text functions");
  }
  if (const int registered = RegisterPackingFunctions(db); registered != SQLITE_OK) {
    return connection->ToError(registered, "register packing functions");
  }
  // mmap stays at its default of 0: Debian 12's SQLite 3.40 has WAL-reset hazards (DESIGN §4).
  std::string pragmas = "PRAGMA foreign_keys=ON; PRAGMA mmap_size=0;";
  if (mode == OpenMode::kReadOnly) {
    // Reads run on request threads, which carry the request's budget (deadline, client gone).
    // The writer never checks one: a group commit holds other requests' writes.
    sqlite3_progress_handler(db, kBudgetCheckInstructions, &StopWhenBudgetSpent, nullptr);
  }
  if (mode == OpenMode::kReadWrite) {
    // FULL makes an acknowledged WAL commit survive power loss; group commit keeps it fast.
    // Statement and savepoint journals stay in memory: a savepoint per imported row would
    // otherwise write (and delete) a temporary file per batch, most of an import's time.
    // The writer's page cache is 16 MB, not SQLite's 2 MB: a 1,000-row import batch (or a large
    // group commit) dirties more pages than 2 MB hold, and SQLite then spills them to the WAL
    // mid-transaction and writes them again at commit (bench/RESULTS.md, issue 12).
    pragmas +=
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; "
        "PRAGMA cache_size=-16384;";
    // A bulk transaction (a demo's delivery round, an import batch) grows the WAL past the
    // 1,000-page auto-checkpoint; without a limit the file keeps that high-water size for as long
    // as the server runs. With one, the next checkpoint that resets the WAL truncates it.
    pragmas += "PRAGMA journal_size_limit=" + std::to_string(kWalSizeLimitBytes) + ";";
  }
  RAPPORT_RETURN_IF_ERROR(connection->ExecScript(pragmas));
  return connection;
}

Status SqliteConnection::DeferToCommit(std::function<Status(Tx&)> work) {
  if (!deferring_) return work(*this);
  deferred_.push_back(std::move(work));
  return OkStatus();
}

void SqliteConnection::DropDeferredFrom(size_t mark) {
  if (mark < deferred_.size()) deferred_.resize(mark);
}

Status SqliteConnection::RunDeferred() {
  deferring_ = false;
  std::vector<std::function<Status(Tx&)>> work = std::move(deferred_);
  deferred_.clear();
  for (auto& item : work) RAPPORT_RETURN_IF_ERROR(item(*this));
  return OkStatus();
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Error SqliteConnection::ToError(int rc, std::string_view what) const {
  const int primary = rc & 0xff;
  std::string message = std::string(what) + ": " + sqlite3_errmsg(db_);
  if (primary == SQLITE_CONSTRAINT) return Error::Conflict(message);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Error::Unavailable(message);
  if (primary == SQLITE_READONLY) return Error::Unavailable(message);
  if (primary == SQLITE_TOOBIG) return Error::TooLarge(message);
  if (primary == SQLITE_INTERRUPT) {
    // Not a fault: the request's budget ran out (see StopWhenBudgetSpent); nothing to log.
    return Error::DeadlineExceeded(
        "The request did not finish within its time limit; narrow the search or filter.");
  }
  spdlog::error("sqlite error {}: {}", rc, message);
  return Error::Internal(message);
}

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return ToError(rc, "prepare");
  if (statements_.size() >= kMaxCachedStatements) {
    // No cached statement is in use here: each call resets its statement before returning.
    for (auto& [text, cached] : statements_) sqlite3_finalize(cached);
    statements_.clear();
  }
  statements_.emplace(std::string(sql), stmt);
  return stmt;
}

Result<Rows> SqliteConnection::Query(std::string_view sql, std::span<const Value> params) {
  StatementLog::Record(sql);
  RAPPORT_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
  StatementReset reset(stmt);
  if (const int rc = BindAll(stmt, params); rc != SQLITE_OK) return ToError(rc, "bind");
  Rows rows;
  const int columns = sqlite3_column_count(stmt);
  while (true) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return ToError(rc, "step");
    std::vector<Value> values;
    values.reserve(columns);
    for (int i = 0; i < columns; ++i) values.push_back(ColumnValue(stmt, i));
    rows.emplace_back(std::move(values));
  }
  return rows;
}

Status SqliteConnection::ForEachRow(std::string_view sql, std::span<const Value> params,
                                    const std::function<Status(const RowView&)>& row) {
  StatementLog::Record(sql);
  RAPPORT_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
  StatementReset reset(stmt);
  if (const int rc = BindAll(stmt, params); rc != SQLITE_OK) return ToError(rc, "bind");
  const StatementRowView view(stmt);
  while (true) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) return OkStatus();
    if (rc != SQLITE_ROW) return ToError(rc, "step");
    RAPPORT_RETURN_IF_ERROR(row(view));
  }
}

Result<int64_t> SqliteConnection::Exec(std::string_view sql, std::span<const Value> params) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, Query(sql, params));
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

Status SqliteConnection::ExecCached(std::string_view sql) {
  RAPPORT_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
  StatementReset reset(stmt);
  const int rc = sqlite3_step(stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) return ToError(rc, "step");
  return OkStatus();
}

Status SqliteConnection::ExecScript(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    const int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Error::Unavailable(text);
    return Error::Internal(text);
  }
  return OkStatus();
}

}  // namespace rapport::storage
