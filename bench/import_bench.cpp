// import_bench: imports against raw SQLite doing the same reading and inserting in the same run.
//
//   customers  a generated N-row customers CSV (first_name, last_name, email, phone, city,
//              country, tags; unique e-mails, E.164 mobile phones of a length each country's
//              plan allows, ISO country codes) imported in mode
//              create through transfer::RunImport — the path of `rapport import customers FILE` —
//              into a fresh data directory: every row passes CreateInTx (validation, contact
//              points, consent, full-text index, event and audit entry), 2,000 rows per
//              transaction. Baseline: the same file read with the same CsvReader and inserted
//              with one prepared INSERT into a bare 7-column TEXT table (rowid, no index), in
//              transactions of the same size, with Rapport's PRAGMAs (WAL, synchronous=FULL).
//              Second baseline ("import_schema"): the same rows written with plain SQL into
//              Rapport's own tables, every index, contact point, full-text row, event, audit
//              entry and import item (import_schema_baseline.hpp) — the ceiling of the schema.
//   memory     every run is a forked child, so each has its own peak RSS (VmHWM, reset at the
//              child's start); the import also runs at --small rows (default 100,000): memory
//              that stays flat with file size shows as the same peak for both.
//   cdnow      the real CDNOW transactions imported as orders with the mapping of docs/import.md
//              (creating their customers); the time is recorded and the facts (69,659 orders,
//              23,570 customers, $2,500,315.63) checked. Baseline: the same rows into a bare
//              4-column table. Skipped with a message when the data set is not there.
//   phases     (--phases) where the import's time goes, on the first --small rows: reading the
//              CSV, + building each row's API body, + CreateInTx in bulk transactions, + a
//              savepoint around each row; the importer at the same size is the last step.
//              --only-phase runs one of them alone (to profile it); --writer-sql runs SQL on
//              Rapport's writer and on the plain-SQL baseline's connection first (what-if
//              experiments: a PRAGMA, DROP INDEX); --keep keeps the databases for inspection.
//              None of these is used by `make bench`.
// Ratios are our rows/s over the baseline's: 1.0 means "as fast as a bare bulk INSERT". Wall and
// CPU time are both printed: on a shared machine CPU time is the steadier of the two.
// Each run is killed after --timeout seconds, so the benchmark always ends by itself.
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "cli/transfer_adapters.hpp"
#include "common/json.hpp"
#include "customers/customer_writes.hpp"
#include "import_schema_baseline.hpp"
#include "storage/data_dir.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "transfer/column_mapping.hpp"
#include "transfer/csv_reader.hpp"
#include "transfer/importer.hpp"
#include "transfer/transfer_service.hpp"

namespace {

using namespace rapport;
using Clock = std::chrono::steady_clock;

// The mapping docs/import.md gives for the CDNOW transactions.
constexpr const char* kCdnowMapping = R"({
  "columns": {
    "customer_id": {"field": "customer.external_id"},
    "date": {"field": "placed_at"},
    "quantity": {"field": "line.quantity"},
    "amount": {"field": "line.line_total", "transforms": ["money"]}
  },
  "constants": {"currency": "USD", "channel": "web", "status": "fulfilled", "line.description": "CDs"},
  "templates": {"customer.display_name": "CDNOW customer {customer_id}", "external_id": "cdnow-{row}"},
  "create_missing_customers": true
})";
constexpr int64_t kCdnowOrders = 69659;
constexpr int64_t kCdnowCustomers = 23570;
constexpr int64_t kCdnowCents = 250031563;

struct Options {
  int64_t rows = 1000000;
  int64_t small = 100000;
  size_t batch = transfer::kDefaultBatchRows;
  int timeout = 1800;
  bool cdnow = true;
  bool phases = false;
  bool keep = false;       // keep the files and databases under --dir, to inspect them
  std::string only_phase;  // a phase's key (see kPhases): that phase alone, e.g. under perf
  // Experiments only (what-if for the profile): SQL run on Rapport's writer connection after
  // opening, e.g. "PRAGMA temp_store=MEMORY". Empty in `make bench`.
  std::string writer_sql;
  std::string dir = (std::filesystem::temp_directory_path() / "rapport-import-bench").string();
};

// --writer-sql, for the Rapport runs (set once, before any child starts).
std::string g_writer_sql;

Status ApplyWriterSql(storage::Database& db) {
  if (g_writer_sql.empty()) return OkStatus();
  return db.Write([](storage::Tx& tx) -> Status {
    auto done = tx.Exec(g_writer_sql);
    if (!done.ok()) return std::move(done).error();
    return OkStatus();
  });
}

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// ---- memory --------------------------------------------------------------------------------

long StatusKb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const size_t length = std::strlen(key);
  while (std::getline(in, line)) {
    if (line.compare(0, length, key) == 0 && line.size() > length && line[length] == ':') {
      return std::strtol(line.c_str() + length + 1, nullptr, 10);
    }
  }
  return -1;
}

// Resets VmHWM to the current RSS (Linux ≥ 4.0), so a child's peak is its own.
void ResetPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }

// What a child run reports back through its pipe (plain bytes).
struct RunResult {
  bool ok = false;
  double seconds = 0;
  double cpu_seconds = 0;  // user + system of the whole child, all threads
  int64_t rows = 0;
  int64_t created = 0;
  int64_t failed = 0;
  int64_t customers = 0;
  int64_t orders = 0;
  int64_t total_cents = 0;
  long rss_start_kb = 0;  // VmRSS when the run started (after the reset)
  long hwm_end_kb = 0;    // VmHWM when it ended: the run's peak
  long maxrss_kb = 0;     // the kernel's ru_maxrss for the child (filled in by the parent)
  char message[512] = {};
};

void SetMessage(RunResult& result, const std::string& message) {
  std::snprintf(result.message, sizeof result.message, "%s", message.c_str());
}

// Runs `fn` in a forked child killed after `timeout` seconds. The parent holds no threads and
// no database, so the child starts clean.
RunResult InChild(int timeout, const std::function<RunResult()>& fn) {
  int fds[2];
  if (pipe(fds) != 0) return RunResult{};
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    alarm(static_cast<unsigned>(timeout));
    ResetPeakRss();
    RunResult result = fn();
    result.hwm_end_kb = StatusKb("VmHWM");
    rusage self{};
    getrusage(RUSAGE_SELF, &self);
    result.cpu_seconds = static_cast<double>(self.ru_utime.tv_sec + self.ru_stime.tv_sec) +
                         static_cast<double>(self.ru_utime.tv_usec + self.ru_stime.tv_usec) / 1e6;
    (void)!write(fds[1], &result, sizeof result);
    close(fds[1]);
    std::fflush(nullptr);
    _exit(0);
  }
  close(fds[1]);
  RunResult result;
  size_t got = 0;
  auto* bytes = reinterpret_cast<char*>(&result);
  while (got < sizeof result) {
    const ssize_t n = read(fds[0], bytes + got, sizeof result - got);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  close(fds[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (got < sizeof result) {
    result = RunResult{};
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) {
      SetMessage(result, "stopped after " + std::to_string(timeout) + " s (--timeout)");
    } else {
      SetMessage(result, "the run died (status " + std::to_string(status) + ")");
    }
  }
  result.maxrss_kb = usage.ru_maxrss;
  return result;
}

// ---- the generated file --------------------------------------------------------------------

struct Country {
  const char* code;
  const char* dial;
  const char* cities[2];
  // A mobile range of the country's plan and how many digits follow it, so that every number
  // has a length its region allows (the import checks that with libphonenumber).
  const char* mobile;
  int digits;
};

// Deterministic, fast: one pass of to_chars into a buffer flushed every megabyte.
int64_t GenerateCustomersCsv(const std::string& path, int64_t rows) {
  static const char* kFirst[] = {"Anna",  "Ben",  "Chloé", "David", "Emma", "Finn",
                                 "Grace", "Hugo", "Inès",  "Jonas", "Kira", "Liam",
                                 "Mia",   "Noah", "Olga",  "Paul"};
  static const char* kFirstAscii[] = {"anna",  "ben",  "chloe", "david", "emma", "finn",
                                      "grace", "hugo", "ines",  "jonas", "kira", "liam",
                                      "mia",   "noah", "olga",  "paul"};
  static const char* kLast[] = {"Schmidt", "Martin",  "García",    "Rossi", "Smith",  "Dubois",
                                "Jansen",  "Novak",   "Silva",     "Berg",  "Keller", "Moreau",
                                "Nowak",   "O'Brien", "Lindqvist", "Weiß",  "Costa"};
  static const char* kLastAscii[] = {"schmidt", "martin", "garcia",    "rossi", "smith",  "dubois",
                                     "jansen",  "novak",  "silva",     "berg",  "keller", "moreau",
                                     "nowak",   "obrien", "lindqvist", "weiss", "costa"};
  static const Country kCountries[] = {
      {"DE", "49", {"Berlin", "Hamburg"}, "151", 8},  {"FR", "33", {"Paris", "Lyon"}, "6", 8},
      {"ES", "34", {"Madrid", "Sevilla"}, "6", 8},    {"IT", "39", {"Milano", "Roma"}, "3", 9},
      {"NL", "31", {"Amsterdam", "Utrecht"}, "6", 8}, {"US", "1", {"Boston", "Austin"}, "617", 7},
      {"GB", "44", {"London", "Leeds"}, "7", 9},      {"SE", "46", {"Stockholm", "Malmö"}, "7", 8},
      {"PL", "48", {"Kraków", "Gdańsk"}, "5", 8},     {"AT", "43", {"Wien", "Graz"}, "664", 7}};
  static const char* kTags[] = {"vip;newsletter", "newsletter", "",   "wholesale",
                                "beta;referral",  "newsletter", "vip"};
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (out == nullptr) return -1;
  std::string buffer = "first_name,last_name,email,phone,city,country,tags\n";
  buffer.reserve(size_t{1} << 21);
  int64_t bytes = 0;
  char number[24];
  auto append_number = [&](uint64_t n) {
    auto end = std::to_chars(number, number + sizeof number, n).ptr;
    buffer.append(number, end);
  };
  for (int64_t i = 0; i < rows; ++i) {
    const size_t f = static_cast<size_t>(i % 16);
    const size_t l = static_cast<size_t>((i / 16) % 17);
    const Country& c = kCountries[(i / 7) % 10];
    buffer.append(kFirst[f]).push_back(',');
    // O'Brien needs no quoting; a comma would.
    buffer.append(kLast[l]).push_back(',');
    buffer.append(kFirstAscii[f]).push_back('.');
    buffer.append(kLastAscii[l]).push_back('.');
    append_number(static_cast<uint64_t>(i));
    buffer.append("@example.com,+");
    buffer.append(c.dial).push_back(' ');
    // A mobile number of the country's length, spread over the range (zero-padded).
    buffer.append(c.mobile);
    uint64_t span = 1;
    for (int d = 0; d < c.digits; ++d) span *= 10;
    const std::string digits = std::to_string(span + (static_cast<uint64_t>(i) * 7919ULL) % span);
    buffer.append(digits, 1, std::string::npos);
    buffer.push_back(',');
    buffer.append(c.cities[(i / 3) % 2]).push_back(',');
    buffer.append(c.code).push_back(',');
    buffer.append(kTags[i % 7]).push_back('\n');
    if (buffer.size() > (size_t{1} << 20)) {
      bytes += static_cast<int64_t>(std::fwrite(buffer.data(), 1, buffer.size(), out));
      buffer.clear();
    }
  }
  bytes += static_cast<int64_t>(std::fwrite(buffer.data(), 1, buffer.size(), out));
  std::fclose(out);
  return bytes;
}

// ---- baseline: bare bulk INSERT ------------------------------------------------------------

// Reads `csv` with the importer's CsvReader and inserts its rows, `batch` per transaction, into
// a bare table with one TEXT column per CSV column, under Rapport's connection PRAGMAs
// (src/storage/sqlite/sqlite_connection.cpp).
RunResult BareInsert(const std::string& db_path, const std::string& csv, size_t batch,
                     int64_t max_rows) {
  RunResult result;
  result.rss_start_kb = StatusKb("VmRSS");
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db,
                  SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  sqlite3_exec(db,
               "PRAGMA foreign_keys=ON; PRAGMA mmap_size=0; PRAGMA journal_mode=WAL; "
               "PRAGMA synchronous=FULL; PRAGMA cache_size=-16384;",
               nullptr, nullptr, nullptr);
  std::ifstream peek(csv, std::ios::binary);
  transfer::CsvReader header_reader(peek);
  auto header = header_reader.Next();
  if (!header.ok() || !*header) {
    SetMessage(result, "cannot read the header of " + csv);
    return result;
  }
  const size_t columns = (*header)->size();
  std::string create = "CREATE TABLE bare (";
  std::string insert = "INSERT INTO bare VALUES (";
  for (size_t c = 0; c < columns; ++c) {
    create += (c ? ", c" : "c") + std::to_string(c) + " TEXT";
    insert += c ? ", ?" : "?";
  }
  sqlite3_exec(db, (create + ")").c_str(), nullptr, nullptr, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, (insert + ")").c_str(), -1, &stmt, nullptr);

  const auto start = Clock::now();
  std::ifstream in(csv, std::ios::binary);
  transfer::CsvReader reader(in);
  (void)reader.Next();  // the header
  bool more = true;
  while (more) {
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (size_t n = 0; n < batch; ++n) {
      auto cells = reader.Next();
      if (!cells.ok() || !*cells || result.rows == max_rows) {
        more = false;
        break;
      }
      const auto& row = **cells;
      for (size_t c = 0; c < columns; ++c) {
        if (c < row.size()) {
          sqlite3_bind_text(stmt, static_cast<int>(c + 1), row[c].data(),
                            static_cast<int>(row[c].size()), SQLITE_STATIC);
        } else {
          sqlite3_bind_null(stmt, static_cast<int>(c + 1));
        }
      }
      if (sqlite3_step(stmt) == SQLITE_DONE)
        ++result.created;
      else
        ++result.failed;
      sqlite3_reset(stmt);
      ++result.rows;
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  result.seconds = Seconds(start);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  result.ok = result.failed == 0;
  return result;
}

// ---- Rapport: the importer -----------------------------------------------------------------

// The CLI's offline import (src/cli/import_command.cpp): header first, then the job, then the
// run, into a fresh data directory opened as `rapport import` opens it.
RunResult RapportImport(const std::string& data_dir, const std::string& csv,
                        const std::string& object, const json::value& mapping, size_t batch) {
  RunResult result;
  result.rss_start_kb = StatusKb("VmRSS");
  auto lock = storage::DataDirLock::Acquire(data_dir);
  if (!lock.ok()) return SetMessage(result, lock.error().message), result;
  auto opened = storage::SqliteDatabase::Open({.path = storage::DatabasePath(data_dir)});
  if (!opened.ok()) return SetMessage(result, opened.error().message), result;
  storage::Database& db = **opened;
  if (Status applied = ApplyWriterSql(db); !applied.ok()) {
    return SetMessage(result, "--writer-sql: " + applied.error().message), result;
  }
  const access::Access& everything = access::Access::Unrestricted();
  const storage::WriteContext context{.actor = "cli:import", .via = "import"};
  transfer::ImportRequest request;
  request.settings = {.object = object, .mode = transfer::ImportMode::kCreate};
  request.mapping = mapping;
  request.batch_rows = batch;
  request.file_name = std::filesystem::path(csv).filename().string();
  const transfer::AdapterRegistry adapters = cli::MakeTransferAdapters();
  transfer::TransferService transfers(adapters, db, nullptr, "");

  const auto start = Clock::now();
  auto run = transfers.ImportNow(everything, context, request, csv, nullptr);
  result.seconds = Seconds(start);
  if (!run.ok()) return SetMessage(result, run.error().message), result;
  result.rows = run->counts.rows;
  result.created = run->counts.created;
  result.failed = run->counts.failed;
  if (!run->errors.empty()) {
    const auto& e = run->errors.front();
    SetMessage(result, "first refusal: row " + std::to_string(e.row) + " " + e.column + " \"" +
                           e.value + "\": " + e.reason);
  } else {
    SetMessage(result, run->message);
  }
  (void)db.Read([&](storage::Tx& tx) -> Status {
    auto rows = tx.Query(
        "SELECT (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM orders), "
        "(SELECT COALESCE(SUM(total_cents), 0) FROM orders)");
    if (rows.ok() && !rows->empty()) {
      result.customers = (*rows)[0].Int(0);
      result.orders = (*rows)[0].Int(1);
      result.total_cents = (*rows)[0].Int(2);
    }
    return OkStatus();
  });
  result.ok = run->status == transfer::JobStatus::kCompleted;
  return result;
}

// ---- phases: where the import's time goes ---------------------------------------------------

enum class Phase { kRead, kBuild, kCreate, kSavepoint, kPlain, kPlainRowSavepoint };

// The first `max_rows` rows: read only; read and build each row's API body (automatic mapping,
// as the import does); also CreateInTx, `batch` per transaction; and the same with a savepoint
// around each row, as the importer sets one — what the importer adds on top of that last step
// is its duplicate check and job bookkeeping.
// Two what-ifs write on a connection of their own instead of through Database::Write, whose
// group-commit savepoint stays open around the whole batch (so SQLite keeps every statement's
// and every row's sub-journal until the batch ends): the same CreateInTx in a plain BEGIN …
// COMMIT, and that with a savepoint per row but none around the batch.
RunResult RunPhase(Phase phase, const std::string& data_dir, const std::string& csv, size_t batch,
                   int64_t max_rows) {
  RunResult result;
  result.rss_start_kb = StatusKb("VmRSS");
  std::unique_ptr<storage::SqliteDatabase> db;
  std::unique_ptr<storage::SqliteConnection> own;  // the what-ifs: the only writer of the file
  if (phase >= Phase::kCreate) {
    std::filesystem::create_directories(data_dir);
    auto opened = storage::SqliteDatabase::Open({.path = storage::DatabasePath(data_dir)});
    if (!opened.ok()) return SetMessage(result, opened.error().message), result;
    db = std::move(*opened);
    if (Status applied = ApplyWriterSql(*db); !applied.ok()) {
      return SetMessage(result, "--writer-sql: " + applied.error().message), result;
    }
  }
  if (phase >= Phase::kPlain) {
    db.reset();  // migrated; now one connection with the writer's PRAGMAs
    auto opened = storage::SqliteConnection::Open(storage::DatabasePath(data_dir),
                                                  storage::OpenMode::kReadWrite);
    if (!opened.ok()) return SetMessage(result, opened.error().message), result;
    own = std::move(*opened);
    if (!g_writer_sql.empty()) {
      if (Status applied = own->ExecScript(g_writer_sql); !applied.ok()) {
        return SetMessage(result, "--writer-sql: " + applied.error().message), result;
      }
    }
  }
  const storage::WriteContext context{.actor = "cli:import", .via = "import"};
  const auto start = Clock::now();
  std::ifstream in(csv, std::ios::binary);
  transfer::CsvReader reader(in);
  auto header = reader.Next();
  if (!header.ok() || !*header) return SetMessage(result, "cannot read the header"), result;
  const transfer::AdapterRegistry adapters = cli::MakeTransferAdapters();
  auto mapping = transfer::BuildMapping(*adapters.Find("customers"), **header, nullptr);
  if (!mapping.ok()) return SetMessage(result, mapping.error().message), result;
  size_t checksum = 0;
  bool more = true;
  while (more) {
    std::vector<transfer::RowRecord> records;
    while (records.size() < batch) {
      auto cells = reader.Next();
      if (!cells.ok() || !*cells || result.rows == max_rows) {
        more = false;
        break;
      }
      ++result.rows;
      if (phase == Phase::kRead) {
        checksum += (*cells)->size();
        continue;
      }
      records.push_back(transfer::BuildRow(*mapping, **cells, result.rows, reader.line()));
      records.back().cells = std::move(**cells);
    }
    if (phase < Phase::kCreate || records.empty()) {
      checksum += records.size();
      continue;
    }
    const bool row_savepoint = phase == Phase::kSavepoint || phase == Phase::kPlainRowSavepoint;
    const auto apply = [&](storage::Tx& tx) -> Status {
      for (auto& record : records) {
        if (row_savepoint) RAPPORT_RETURN_IF_ERROR(tx.Exec("SAVEPOINT bench_row"));
        auto created =
            customers::CreateInTx(tx, access::Access::Unrestricted(), context, record.input);
        if (created.ok())
          ++result.created;
        else
          ++result.failed;
        if (row_savepoint) RAPPORT_RETURN_IF_ERROR(tx.Exec("RELEASE bench_row"));
      }
      return OkStatus();
    };
    Status written = OkStatus();
    if (own) {
      written = own->ExecScript("BEGIN IMMEDIATE");
      if (written.ok()) written = apply(*own);
      if (written.ok()) written = own->ExecScript("COMMIT");
    } else {
      written = db->Write(apply);
    }
    if (!written.ok()) return SetMessage(result, written.error().message), result;
  }
  result.seconds = Seconds(start);
  result.ok = result.failed == 0;
  SetMessage(result, "checksum " + std::to_string(checksum));
  return result;
}

struct PhaseName {
  Phase phase;
  const char* key;
  const char* name;
};
constexpr PhaseName kPhases[] = {
    {Phase::kRead, "read", "read the CSV (CsvReader)"},
    {Phase::kBuild, "build", "+ build each row's body (BuildRow)"},
    {Phase::kCreate, "create", "+ CreateInTx, bulk transactions"},
    {Phase::kSavepoint, "savepoint", "+ a savepoint around each row"},
    {Phase::kPlain, "plain", "what-if: CreateInTx, BEGIN…COMMIT only"},
    {Phase::kPlainRowSavepoint, "plain-savepoint", "what-if: + a savepoint per row"}};

// ---- output --------------------------------------------------------------------------------

// As storage_bench prints, with a third decimal for ratios below 0.1.
void Report(const char* name, double ours_per_s, const char* baseline, double baseline_per_s) {
  const double ratio = ours_per_s / baseline_per_s;
  std::printf("%-8s %10.0f rows/s   baseline (%s) %10.0f rows/s   ratio %.*f\n", name, ours_per_s,
              baseline, baseline_per_s, ratio < 0.1 ? 3 : 2, ratio);
}

double Mb(long kb) { return static_cast<double>(kb) / 1024.0; }

void PrintMemory(const char* what, const RunResult& r) {
  std::printf("         %-34s peak RSS %7.1f MB (%+.1f MB over its start; ru_maxrss %.1f MB)\n",
              what, Mb(r.hwm_end_kb), Mb(r.hwm_end_kb - r.rss_start_kb), Mb(r.maxrss_kb));
}

bool Failed(const char* what, const RunResult& r) {
  if (r.ok) return false;
  std::printf("%-8s FAILED: %s (%lld rows, %lld refused)\n", what, r.message,
              static_cast<long long>(r.rows), static_cast<long long>(r.failed));
  return true;
}

bool ParseOptions(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* value = nullptr;
    if (arg == "--keep") {
      options.keep = true;
    } else if (arg == "--no-cdnow") {
      options.cdnow = false;
    } else if (arg == "--phases") {
      options.phases = true;
    } else if ((arg == "--rows" || arg == "--small" || arg == "--batch" || arg == "--timeout" ||
                arg == "--dir" || arg == "--writer-sql" || arg == "--only-phase") &&
               (value = next()) != nullptr) {
      if (arg == "--rows") options.rows = std::atoll(value);
      if (arg == "--small") options.small = std::atoll(value);
      if (arg == "--batch") options.batch = static_cast<size_t>(std::atoll(value));
      if (arg == "--timeout") options.timeout = std::atoi(value);
      if (arg == "--dir") options.dir = value;
      if (arg == "--writer-sql") options.writer_sql = value;
      if (arg == "--only-phase") options.only_phase = value;
    } else {
      std::fprintf(stderr,
                   "usage: import_bench [--rows N] [--small N] [--batch N] [--timeout SECONDS] "
                   "[--dir DIR] [--keep] [--phases] [--no-cdnow] [--writer-sql SQL]\n"
                   "       [--only-phase read|build|create|savepoint|plain|plain-savepoint]\n");
      return false;
    }
  }
  return options.rows > 0 && options.batch > 0 && options.timeout > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseOptions(argc, argv, options)) return 2;
  g_writer_sql = options.writer_sql;
  spdlog::set_level(spdlog::level::warn);  // not the migrations of every fresh database
  const std::string& dir = options.dir;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto Fresh = [&](const std::string& name) {
    std::filesystem::remove_all(dir + "/" + name);
    return dir + "/" + name;
  };
  const auto Remove = [&](const std::string& path) {
    if (!options.keep) std::filesystem::remove_all(path);
  };
  int exit_code = 0;

  // --- customers ----------------------------------------------------------------------------
  const std::string csv = dir + "/customers.csv";
  const auto RunAndPrintPhase = [&](const PhaseName& p) {
    const int64_t rows = options.small > 0 ? std::min(options.small, options.rows) : options.rows;
    const RunResult r = InChild(options.timeout, [&] {
      return RunPhase(p.phase, Fresh("data-phase"), csv, options.batch, rows);
    });
    Remove(dir + "/data-phase");
    if (Failed("phases", r)) return;
    std::printf(
        "         %-38s %7.2f s (CPU %6.2f s) %9.0f rows/s %7.1f µs/row  peak RSS %.1f MB\n",
        p.name, r.seconds, r.cpu_seconds, r.rows / r.seconds, r.seconds * 1e6 / r.rows,
        Mb(r.hwm_end_kb));
  };
  auto start = Clock::now();
  const int64_t bytes = GenerateCustomersCsv(csv, options.rows);
  if (bytes < 0) {
    std::fprintf(stderr, "cannot write %s\n", csv.c_str());
    return 1;
  }
  std::printf(
      "import_bench: %lld-row customers CSV (%.1f MB, generated in %.1f s), %zu rows per "
      "transaction, synchronous=FULL\n",
      static_cast<long long>(options.rows), bytes / 1e6, Seconds(start), options.batch);
  if (!options.only_phase.empty()) {
    for (const auto& p : kPhases) {
      if (options.only_phase == p.key) RunAndPrintPhase(p);
    }
    Remove(dir);
    return 0;
  }

  const RunResult bare = InChild(options.timeout, [&] {
    return BareInsert(Fresh("bare.db"), csv, options.batch, options.rows);
  });
  Remove(dir + "/bare.db");
  const RunResult ours = InChild(options.timeout, [&] {
    return RapportImport(Fresh("data"), csv, "customers", nullptr, options.batch);
  });
  Remove(dir + "/data");
  const RunResult schema = InChild(options.timeout, [&] {
    RunResult result;
    result.rss_start_kb = StatusKb("VmRSS");
    const bench::SchemaBaselineResult r = bench::SchemaBaselineInsert(
        Fresh("data-schema"), csv, options.batch, options.rows, g_writer_sql);
    result.ok = r.ok;
    result.rows = result.created = r.rows;
    result.seconds = r.seconds;
    SetMessage(result, r.message);
    return result;
  });
  Remove(dir + "/data-schema");
  if (!Failed("import", bare) && !Failed("import", ours)) {
    if (ours.created != options.rows) {
      std::printf("  (%lld of %lld rows created; %s)\n", static_cast<long long>(ours.created),
                  static_cast<long long>(options.rows), ours.message);
      exit_code = 1;
    }
    Report("import", ours.rows / ours.seconds, "bare INSERT, same rows and batches",
           bare.rows / bare.seconds);
    std::printf("         (%.1f s against %.1f s; CPU of the whole run %.1f s against %.1f s)\n",
                ours.seconds, bare.seconds, ours.cpu_seconds, bare.cpu_seconds);
    if (!Failed("schema", schema)) {
      Report("import_schema", ours.rows / ours.seconds,
             "plain SQL into Rapport's tables, same rows and batches",
             schema.rows / schema.seconds);
      std::printf("         (%.1f s against %.1f s; CPU %.1f s against %.1f s)\n", ours.seconds,
                  schema.seconds, ours.cpu_seconds, schema.cpu_seconds);
    } else {
      exit_code = 1;
    }
  } else {
    exit_code = 1;
  }

  // --- memory: the same import of a smaller file -------------------------------------------
  RunResult small;
  if (options.small > 0 && options.small < options.rows) {
    const std::string small_csv = dir + "/customers-small.csv";
    GenerateCustomersCsv(small_csv, options.small);
    small = InChild(options.timeout, [&] {
      return RapportImport(Fresh("data-small"), small_csv, "customers", nullptr, options.batch);
    });
    Remove(dir + "/data-small");
    if (Failed("memory", small)) exit_code = 1;
  }
  std::printf("memory   (each run in its own process)\n");
  if (small.ok) {
    const std::string what = "import of " + std::to_string(options.small) + " rows:";
    PrintMemory(what.c_str(), small);
    std::printf("         %-34s %.0f rows/s\n", "", small.rows / small.seconds);
  }
  if (ours.ok) {
    const std::string what = "import of " + std::to_string(options.rows) + " rows:";
    PrintMemory(what.c_str(), ours);
  }
  if (bare.ok) PrintMemory("baseline, bare INSERT:", bare);
  if (schema.ok) PrintMemory("baseline, plain SQL into the schema:", schema);

  // --- phases ---------------------------------------------------------------------------------
  if (options.phases) {
    const int64_t rows = options.small > 0 ? std::min(options.small, options.rows) : options.rows;
    std::printf("phases   (first %lld rows, each in its own process)\n",
                static_cast<long long>(rows));
    const RunResult& full = small.ok ? small : ours;
    for (const auto& p : kPhases) {
      RunAndPrintPhase(p);
      if (p.phase == Phase::kSavepoint && full.ok && full.rows == rows) {
        std::printf(
            "         %-38s %7.2f s (CPU %6.2f s) %9.0f rows/s %7.1f µs/row  peak RSS %.1f MB\n",
            "+ the importer (duplicates, job rows)", full.seconds, full.cpu_seconds,
            full.rows / full.seconds, full.seconds * 1e6 / full.rows, Mb(full.hwm_end_kb));
      }
    }
  }

  // --- CDNOW ----------------------------------------------------------------------------------
  if (options.cdnow) {
    const std::string cdnow = std::string(RAPPORT_SHARED_DATA) + "/cdnow/cdnow_transactions.csv";
    if (!std::filesystem::exists(cdnow)) {
      std::printf("cdnow    skipped: %s is not there\n", cdnow.c_str());
    } else {
      auto mapping = ParseJson(kCdnowMapping);
      const RunResult cd_bare = InChild(options.timeout, [&] {
        return BareInsert(Fresh("cdnow-bare.db"), cdnow, options.batch, -1);
      });
      Remove(dir + "/cdnow-bare.db");
      const RunResult cd = InChild(options.timeout, [&] {
        return RapportImport(Fresh("data-cdnow"), cdnow, "orders", *mapping, options.batch);
      });
      Remove(dir + "/data-cdnow");
      if (!Failed("cdnow", cd_bare) && !Failed("cdnow", cd)) {
        const bool facts = cd.orders == kCdnowOrders && cd.customers == kCdnowCustomers &&
                           cd.total_cents == kCdnowCents && cd.failed == 0;
        Report("cdnow", cd.rows / cd.seconds, "bare INSERT, same rows and batches",
               cd_bare.rows / cd_bare.seconds);
        std::printf(
            "         %lld rows in %.1f s: %lld orders, %lld customers, $%lld.%02lld, %lld refused"
            " — facts %s\n",
            static_cast<long long>(cd.rows), cd.seconds, static_cast<long long>(cd.orders),
            static_cast<long long>(cd.customers), static_cast<long long>(cd.total_cents / 100),
            static_cast<long long>(cd.total_cents % 100), static_cast<long long>(cd.failed),
            facts ? "OK (69,659 orders, 23,570 customers, $2,500,315.63)" : "WRONG");
        PrintMemory("CDNOW import:", cd);
        if (!facts) exit_code = 1;
      } else {
        exit_code = 1;
      }
    }
  }

  Remove(dir);
  return exit_code;
}
