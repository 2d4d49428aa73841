#include "import_schema_baseline.hpp"

#include <sqlite3.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <vector>

#include "common/ids.hpp"
#include "common/time.hpp"
#include "storage/data_dir.hpp"
#include "storage/sqlite/packing_functions.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/text_functions.hpp"
#include "transfer/csv_reader.hpp"

namespace rapport::bench {
namespace {

constexpr const char* kInsertJob =
    "INSERT INTO transfer_jobs (id, kind, object_type, status, actor, created_at) "
    "VALUES ('job_baseline', 'import', 'customers', 'running', 'cli:import', ?)";
constexpr const char* kInsertCustomer =
    "INSERT INTO customers (id, first_name, last_name, display_name, addresses, tags, "
    "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING seq";
constexpr const char* kInsertEmail =
    "INSERT INTO customer_emails (customer_id, position, address, address_key, is_primary) "
    "VALUES (?1, 0, ?2, email_key(?2), 1)";
constexpr const char* kInsertPhone =
    "INSERT INTO customer_phones (customer_id, position, number, is_primary) VALUES (?, 0, ?, 1)";
constexpr const char* kInsertSearch =
    "INSERT INTO customer_search (rowid, names, emails, phones, company, tags) "
    "VALUES (?, ?, ?, ?, '', ?)";
constexpr const char* kInsertEvent =
    "INSERT INTO events (id, type, aggregate_type, aggregate_id, occurred_at, actor, payload, "
    "payload_z) VALUES (?, 'customer.created', 'customer', ?, ?, 'cli:import', '', event_pack(?))";
constexpr const char* kInsertAudit =
    "INSERT INTO audit_log (occurred_at, actor, via, action, object_type, object_id, changes, "
    "changes_z) VALUES (?, 'cli:import', 'import', 'create', 'customer', ?, '', audit_pack(?))";
constexpr const char* kInsertItem =
    "INSERT INTO import_items (job_seq, position, object_type, object_id) "
    "VALUES (1, ?, 'customer', ?)";
constexpr const char* kProgress =
    "UPDATE transfer_jobs SET rows_read = ?, created = ? WHERE seq = 1";

enum Statement { kCustomer, kEmail, kPhone, kSearch, kEvent, kAudit, kItem, kJobProgress, kCount };

// A JSON string literal of `text`.
void AppendQuoted(std::string& out, std::string_view text) {
  out.push_back('"');
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out.append(escaped);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

// The fields of one row, as the record and its search row hold them.
struct Row {
  std::string id, first, last, display, email, phone, addresses, tags, tag_words, now;
};

Row MakeRow(const std::vector<std::string>& cells) {
  const auto cell = [&](size_t i) -> const std::string& {
    static const std::string kEmpty;
    return i < cells.size() ? cells[i] : kEmpty;
  };
  Row row;
  row.id = NewId("cus");
  row.now = NowInstant();
  row.first = cell(0);
  row.last = cell(1);
  row.display = row.first + " " + row.last;
  row.email = cell(2);
  for (const char c : cell(3)) {
    if (c != ' ') row.phone.push_back(c);
  }
  row.addresses = "[{\"city\":";
  AppendQuoted(row.addresses, cell(4));
  row.addresses += ",\"country\":";
  AppendQuoted(row.addresses, cell(5));
  row.addresses += "}]";
  row.tags = "[";
  std::string_view rest = cell(6);
  while (!rest.empty()) {
    const size_t end = rest.find(';');
    const std::string_view tag = rest.substr(0, end);
    if (row.tags.size() > 1) row.tags.push_back(',');
    AppendQuoted(row.tags, tag);
    row.tag_words.append(tag).push_back(' ');
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  row.tags += "]";
  return row;
}

// The record as compact JSON: every field that has a value.
std::string RecordJson(const Row& row) {
  std::string out = "{\"id\":\"" + row.id + "\",\"first_name\":";
  AppendQuoted(out, row.first);
  out += ",\"last_name\":";
  AppendQuoted(out, row.last);
  out += ",\"display_name\":";
  AppendQuoted(out, row.display);
  out += ",\"emails\":[{\"address\":";
  AppendQuoted(out, row.email);
  out += ",\"primary\":true}],\"phones\":[{\"number\":";
  AppendQuoted(out, row.phone);
  out += ",\"primary\":true}],\"addresses\":" + row.addresses + ",\"tags\":" + row.tags +
         ",\"lifecycle_stage\":\"lead\",\"created_at\":\"" + row.now + "\",\"version\":1}";
  return out;
}

// The same fields as an audit entry of a create: [{"field", "new"}].
std::string AuditJson(const std::string& record) {
  // record is {"k":v,...} with no nested key at the top level other than values: split it by
  // re-walking the compact document's top-level members.
  std::string out = "[";
  size_t i = 1;
  int depth = 0;
  bool in_string = false;
  size_t start = 1;
  for (; i < record.size(); ++i) {
    const char c = record[i];
    if (in_string) {
      if (c == '\\') ++i;
      if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') --depth;
    if ((c == ',' && depth == 0) || depth < 0) {
      const std::string_view member(record.data() + start, i - start);
      const size_t colon = member.find("\":");
      if (out.size() > 1) out.push_back(',');
      out += "{\"field\":";
      out.append(member.substr(0, colon + 1));
      out += ",\"new\":";
      out.append(member.substr(colon + 2));
      out += "}";
      start = i + 1;
      if (depth < 0) break;
    }
  }
  return out + "]";
}

}  // namespace

SchemaBaselineResult SchemaBaselineInsert(const std::string& data_dir, const std::string& csv,
                                          size_t batch, int64_t max_rows,
                                          const std::string& setup_sql) {
  SchemaBaselineResult result;
  std::filesystem::create_directories(data_dir);
  const std::string path = storage::DatabasePath(data_dir);
  {
    auto migrated = storage::SqliteDatabase::Open({.path = path});
    if (!migrated.ok()) return result.message = migrated.error().message, result;
  }
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  storage::RegisterTextFunctions(db);
  storage::RegisterPackingFunctions(db);
  sqlite3_exec(db,
               "PRAGMA foreign_keys=ON; PRAGMA mmap_size=0; PRAGMA journal_mode=WAL; "
               "PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16384;",
               nullptr, nullptr, nullptr);
  if (!setup_sql.empty() &&
      sqlite3_exec(db, setup_sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    result.message = std::string("setup: ") + sqlite3_errmsg(db);
    sqlite3_close(db);
    return result;
  }
  const std::string created_at = NowInstant();
  sqlite3_stmt* job = nullptr;
  sqlite3_prepare_v2(db, kInsertJob, -1, &job, nullptr);
  sqlite3_bind_text(job, 1, created_at.c_str(), -1, SQLITE_STATIC);
  sqlite3_step(job);
  sqlite3_finalize(job);
  std::array<sqlite3_stmt*, kCount> stmts{};
  const std::array<const char*, kCount> sql = {kInsertCustomer, kInsertEmail, kInsertPhone,
                                               kInsertSearch,   kInsertEvent, kInsertAudit,
                                               kInsertItem,     kProgress};
  for (size_t i = 0; i < kCount; ++i) {
    if (sqlite3_prepare_v3(db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &stmts[i], nullptr) !=
        SQLITE_OK) {
      result.message = std::string("prepare: ") + sqlite3_errmsg(db);
      sqlite3_close(db);
      return result;
    }
  }
  const auto text = [](sqlite3_stmt* s, int i, const std::string& value) {
    sqlite3_bind_text(s, i, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  };
  const auto run = [&](Statement s) {
    const int rc = sqlite3_step(stmts[s]);
    sqlite3_reset(stmts[s]);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW && result.message.empty()) {
      result.message = std::string("step: ") + sqlite3_errmsg(db);
    }
    return rc;
  };

  const auto start = std::chrono::steady_clock::now();
  std::ifstream in(csv, std::ios::binary);
  transfer::CsvReader reader(in);
  (void)reader.Next();  // the header
  bool more = true;
  while (more && result.message.empty()) {
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    for (size_t n = 0; n < batch; ++n) {
      auto cells = reader.Next();
      if (!cells.ok() || !*cells || result.rows == max_rows) {
        more = false;
        break;
      }
      const Row row = MakeRow(**cells);
      text(stmts[kCustomer], 1, row.id);
      text(stmts[kCustomer], 2, row.first);
      text(stmts[kCustomer], 3, row.last);
      text(stmts[kCustomer], 4, row.display);
      text(stmts[kCustomer], 5, row.addresses);
      text(stmts[kCustomer], 6, row.tags);
      text(stmts[kCustomer], 7, row.now);
      sqlite3_step(stmts[kCustomer]);
      const int64_t seq = sqlite3_column_int64(stmts[kCustomer], 0);
      run(kCustomer);
      text(stmts[kEmail], 1, row.id);
      text(stmts[kEmail], 2, row.email);
      run(kEmail);
      text(stmts[kPhone], 1, row.id);
      text(stmts[kPhone], 2, row.phone);
      run(kPhone);
      const std::string names = row.first + " " + row.last;
      const std::string emails = row.email + " ";
      const std::string phones = row.phone + " ";
      sqlite3_bind_int64(stmts[kSearch], 1, seq);
      text(stmts[kSearch], 2, names);
      text(stmts[kSearch], 3, emails);
      text(stmts[kSearch], 4, phones);
      text(stmts[kSearch], 5, row.tag_words);
      run(kSearch);
      const std::string record = RecordJson(row);
      const std::string payload = "{\"customer\":" + record + "}";
      const std::string event_id = NewId("evt");
      text(stmts[kEvent], 1, event_id);
      text(stmts[kEvent], 2, row.id);
      text(stmts[kEvent], 3, row.now);
      text(stmts[kEvent], 4, payload);
      run(kEvent);
      const std::string changes = AuditJson(record);
      text(stmts[kAudit], 1, row.now);
      text(stmts[kAudit], 2, row.id);
      text(stmts[kAudit], 3, changes);
      run(kAudit);
      sqlite3_bind_int64(stmts[kItem], 1, result.rows);
      text(stmts[kItem], 2, row.id);
      run(kItem);
      ++result.rows;
    }
    sqlite3_bind_int64(stmts[kJobProgress], 1, result.rows);
    sqlite3_bind_int64(stmts[kJobProgress], 2, result.rows);
    run(kJobProgress);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (sqlite3_stmt* s : stmts) sqlite3_finalize(s);
  sqlite3_close(db);
  result.ok = result.message.empty();
  return result;
}

}  // namespace rapport::bench
