// storage_bench: the storage hot paths against raw SQLite doing the same work in the same run.
//
//   create   CustomerService::Create from many threads, each acknowledged only when durable
//            (group commit, synchronous=FULL), against (a) the same creates done as one batch per
//            1,000 rows — identical validation, SQL and events, bulk transactions: the ceiling
//            DESIGN §4 says group commit should approach — and (b) the same creates one at a time
//            from one thread, one fsync each: what durability costs without group commit. A raw
//            bulk INSERT of the bare rows is printed for scale.
//   get      CustomerService::Get by id (row + emails + phones + consent, served as JSON) against
//            a prepared SELECT of the bare row by primary key.
//   list     a 50-row keyset page by display_name, against the same ORDER BY ... LIMIT on the
//            bare table.
//   search   full-text prefix search through the API path, against the raw FTS5 query.
//   audit, event
//            the creates' audit entries (event payloads) packed (zstd with their dictionary) and
//            inserted, against the same text inserted as it is: what packing costs on the write
//            path.
//   event_read
//            storage::ReadEvents over the run's packed events (unpacked and parsed), against the
//            same events with their payloads stored as text, read and parsed: what packing costs
//            a subscriber or the feed.
//   filter_eq, filter_contains
//            a page of 20 by last name equal to / containing a value (POST /customers/search's
//            filters), against the bare table's scan with the same LIMIT.
// Ratios are baseline_time / our_time: 1.0 means "as fast as raw SQLite doing less".
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "access/grants.hpp"
#include "commerce/order_service.hpp"
#include "commerce/product_service.hpp"
#include "customers/customer_service.hpp"
#include "storage/outbox.hpp"
#include "storage/packed_json.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace {

using rapport::json::object;
using Clock = std::chrono::steady_clock;

constexpr int kCustomers = 4000;
constexpr int kWriterThreads = 64;
constexpr int kOrders = 4000;
constexpr int kPerRowBaselineRows = 300;  // fsync per row is slow; measure fewer and scale
constexpr int kGets = 20000;
constexpr int kPages = 200;
constexpr int kSearches = 2000;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Row {
  std::string first, last, email, phone, tag;
};

std::vector<Row> MakeRows(int n) {
  static const char* kFirst[] = {"Anna",  "Ben",  "Chloé", "David", "Emma", "Finn",
                                 "Grace", "Hugo", "Ines",  "Jonas", "Kira", "Liam",
                                 "Mia",   "Noah", "Olga",  "Paul"};
  static const char* kLast[] = {"Schmidt", "Martin", "García", "Rossi", "Smith",  "Dubois",
                                "Jansen",  "Novak",  "Silva",  "Berg",  "Keller", "Moreau"};
  static const char* kTags[] = {"vip", "newsletter", "wholesale", "beta", "referral"};
  std::vector<Row> rows;
  for (int i = 0; i < n; ++i) {
    Row row{kFirst[i % 16], kLast[(i / 16) % 12], "", "", kTags[i % 5]};
    row.email = "user" + std::to_string(i) + "@bench.example";
    row.phone = "+4915" + std::to_string(10000000 + i);
    rows.push_back(row);
  }
  return rows;
}

sqlite3* OpenRaw(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
               "CREATE TABLE IF NOT EXISTS raw (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, "
               "first TEXT, last TEXT, display TEXT, email TEXT UNIQUE, phone TEXT, tags TEXT);"
               "CREATE INDEX IF NOT EXISTS raw_display ON raw (display, id);"
               "CREATE VIRTUAL TABLE IF NOT EXISTS raw_fts USING fts5(names, emails, tags);",
               nullptr, nullptr, nullptr);
  return db;
}

void RawInsert(sqlite3* db, const std::vector<Row>& rows, int begin, int end, bool one_tx_per_row) {
  sqlite3_stmt* insert = nullptr;
  sqlite3_stmt* fts = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO raw (id, first, last, display, email, phone, tags) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)",
                     -1, &insert, nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO raw_fts (rowid, names, emails, tags) VALUES (?, ?, ?, ?)", -1,
                     &fts, nullptr);
  if (!one_tx_per_row) sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  for (int i = begin; i < end; ++i) {
    const Row& r = rows[i];
    if (one_tx_per_row) sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    const std::string id = "raw" + std::to_string(i);
    const std::string display = r.first + " " + r.last;
    const std::string tags = "[\"" + r.tag + "\"]";
    sqlite3_bind_text(insert, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, r.first.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 3, r.last.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 4, display.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 5, r.email.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 6, r.phone.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 7, tags.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(insert);
    sqlite3_reset(insert);
    sqlite3_bind_int64(fts, 1, sqlite3_last_insert_rowid(db));
    sqlite3_bind_text(fts, 2, display.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(fts, 3, r.email.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(fts, 4, r.tag.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(fts);
    sqlite3_reset(fts);
    if (one_tx_per_row) sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  if (!one_tx_per_row) sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_finalize(insert);
  sqlite3_finalize(fts);
}

void Report(const char* name, double ours_per_s, const char* baseline, double baseline_per_s) {
  std::printf("%-8s %10.0f ops/s   baseline (%s) %10.0f ops/s   ratio %.2f\n", name, ours_per_s,
              baseline, baseline_per_s, ours_per_s / baseline_per_s);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir =
      argc > 1 ? argv[1] : std::filesystem::temp_directory_path() / "rapport-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::vector<Row> rows = MakeRows(kCustomers);

  // --- create -------------------------------------------------------------------------------
  sqlite3* raw = OpenRaw(dir + "/raw.db");
  auto start = Clock::now();
  RawInsert(raw, rows, 0, kCustomers, false);
  const double bulk_per_s = kCustomers / Seconds(start);
  sqlite3* raw_rows = OpenRaw(dir + "/raw_per_row.db");
  start = Clock::now();
  RawInsert(raw_rows, rows, 0, kPerRowBaselineRows, true);
  const double per_row_per_s = kPerRowBaselineRows / Seconds(start);
  sqlite3_close(raw_rows);

  auto opened = rapport::storage::SqliteDatabase::Open({.path = dir + "/rapport.db"});
  if (!opened.ok()) {
    std::fprintf(stderr, "open failed: %s\n", opened.error().message.c_str());
    return 1;
  }
  auto& db = **opened;
  rapport::customers::CustomerService customers(db);
  std::vector<std::string> ids(kCustomers);
  std::atomic<int> next = 0;
  std::atomic<int> failures = 0;
  start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kWriterThreads; ++t) {
    threads.emplace_back([&] {
      const rapport::storage::WriteContext context{.actor = "bench"};
      for (int i = next++; i < kCustomers; i = next++) {
        const Row& r = rows[i];
        object body{{"first_name", r.first},
                    {"last_name", r.last},
                    {"emails", rapport::json::array{object{{"address", r.email}}}},
                    {"phones", rapport::json::array{object{{"number", r.phone}}}},
                    {"tags", rapport::json::array{rapport::json::value(r.tag)}},
                    // Owned within the sales team below, so record access has real work to do.
                    {"owner_id", "usr_bench_" + std::to_string(i % 10)}};
        auto created = customers.Create(rapport::access::Access::Unrestricted(), context, body);
        if (!created.ok()) {
          ++failures;
          continue;
        }
        ids[i] = std::string(created->at("id").as_string());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const double create_per_s = kCustomers / Seconds(start);

  // The same creates as bulk batches (ceiling) and one by one (no group commit), in fresh files.
  auto MakeBody = [&](int i, const char* domain) {
    const Row& r = rows[i];
    std::string address = "u";
    address.append(std::to_string(i)).append("@").append(domain);
    return object{{"first_name", r.first},
                  {"last_name", r.last},
                  {"emails", rapport::json::array{object{{"address", address}}}},
                  {"phones", rapport::json::array{object{{"number", r.phone}}}},
                  {"tags", rapport::json::array{rapport::json::value(r.tag)}},
                  // Owned within the sales team below, so record access has real work to do.
                  {"owner_id", "usr_bench_" + std::to_string(i % 10)}};
  };
  double batch_per_s = 0;
  double sequential_per_s = 0;
  {
    auto other = rapport::storage::SqliteDatabase::Open({.path = dir + "/batch.db"});
    rapport::customers::CustomerService service(**other);
    const rapport::storage::WriteContext context{.actor = "bench"};
    start = Clock::now();
    for (int begin = 0; begin < kCustomers; begin += 1000) {
      rapport::json::array records;
      for (int i = begin; i < begin + 1000 && i < kCustomers; ++i)
        records.push_back(MakeBody(i, "b.example"));
      auto result = service.Batch(rapport::access::Access::Unrestricted(), context,
                                  object{{"records", records}});
      if (!result.ok() || result->at("failed").as_int64() != 0) ++failures;
    }
    batch_per_s = kCustomers / Seconds(start);
    start = Clock::now();
    for (int i = 0; i < kPerRowBaselineRows; ++i) {
      if (!service
               .Create(rapport::access::Access::Unrestricted(), context, MakeBody(i, "s.example"))
               .ok())
        ++failures;
    }
    sequential_per_s = kPerRowBaselineRows / Seconds(start);
  }
  std::printf("storage_bench: %d customers, %d writer threads, synchronous=FULL\n", kCustomers,
              kWriterThreads);
  Report("create", create_per_s, "same creates, 1000 per transaction", batch_per_s);
  Report("create", create_per_s, "same creates, one at a time", sequential_per_s);
  std::printf(
      "         (raw INSERT of the bare rows: %.0f rows/s bulk, %.0f rows/s one per "
      "transaction)\n",
      bulk_per_s, per_row_per_s);
  if (failures > 0) std::printf("  (%d creates failed)\n", failures.load());

  // --- get ----------------------------------------------------------------------------------
  std::mt19937 random(7);
  sqlite3* raw_read = nullptr;
  sqlite3_open_v2((dir + "/raw.db").c_str(), &raw_read, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* get = nullptr;
  sqlite3_prepare_v2(raw_read, "SELECT * FROM raw WHERE id = ?", -1, &get, nullptr);
  start = Clock::now();
  size_t checksum = 0;
  for (int i = 0; i < kGets; ++i) {
    const std::string id = "raw" + std::to_string(random() % kCustomers);
    sqlite3_bind_text(get, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(get) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(get); ++c) checksum += sqlite3_column_bytes(get, c);
    }
    sqlite3_reset(get);
  }
  const double raw_get_per_s = kGets / Seconds(start);
  start = Clock::now();
  for (int i = 0; i < kGets; ++i) {
    auto customer =
        customers.Get(rapport::access::Access::Unrestricted(), ids[random() % kCustomers]);
    checksum += customer.ok() ? customer->size() : 0;
  }
  const double get_per_s = kGets / Seconds(start);
  Report("get", get_per_s, "SELECT by primary key", raw_get_per_s);

  // The same reads by a sales user whose access reaches the records through a 10-person team.
  std::vector<std::string> team;
  for (int i = 0; i < 10; ++i) team.push_back("usr_bench_" + std::to_string(i));
  const rapport::access::Access sales("usr_bench_0", team,
                                      rapport::access::FindBuiltInRole("sales")->levels, {}, false);
  start = Clock::now();
  for (int i = 0; i < kGets; ++i) {
    auto customer = customers.Get(sales, ids[random() % kCustomers]);
    checksum += customer.ok() ? customer->size() : 0;
  }
  Report("get/sale", kGets / Seconds(start), "the same get unrestricted", get_per_s);

  // --- list ---------------------------------------------------------------------------------
  sqlite3_stmt* page = nullptr;
  sqlite3_prepare_v2(raw_read,
                     "SELECT * FROM raw WHERE (display, id) > (?, ?) ORDER BY display, id LIMIT 50",
                     -1, &page, nullptr);
  start = Clock::now();
  std::string last_display, last_id;
  for (int i = 0; i < kPages; ++i) {
    if (i % 20 == 0) last_display.clear(), last_id.clear();
    sqlite3_bind_text(page, 1, last_display.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(page, 2, last_id.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(page) == SQLITE_ROW) {
      last_id = reinterpret_cast<const char*>(sqlite3_column_text(page, 1));
      last_display = reinterpret_cast<const char*>(sqlite3_column_text(page, 4));
    }
    sqlite3_reset(page);
  }
  const double raw_page_per_s = kPages / Seconds(start);
  start = Clock::now();
  rapport::customers::CustomerQuery query{.sort = "display_name", .limit = 50};
  for (int i = 0; i < kPages; ++i) {
    if (i % 20 == 0) query.cursor.reset();
    auto result = customers.List(rapport::access::Access::Unrestricted(), query);
    if (result.ok()) query.cursor = result->next_cursor;
  }
  Report("list50", kPages / Seconds(start), "ORDER BY ... LIMIT 50", raw_page_per_s);

  // --- search -------------------------------------------------------------------------------
  static const char* kTerms[] = {"ann", "chlo", "user12", "garc", "vip", "smith"};
  sqlite3_stmt* fts = nullptr;
  sqlite3_prepare_v2(raw_read,
                     "SELECT r.* FROM raw r WHERE r.seq IN (SELECT rowid FROM raw_fts WHERE "
                     "raw_fts MATCH ?) ORDER BY r.seq LIMIT 50",
                     -1, &fts, nullptr);
  start = Clock::now();
  for (int i = 0; i < kSearches; ++i) {
    const std::string q = std::string("\"") + kTerms[i % 6] + "\"*";
    sqlite3_bind_text(fts, 1, q.c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(fts) == SQLITE_ROW) ++checksum;
    sqlite3_reset(fts);
  }
  const double raw_search_per_s = kSearches / Seconds(start);
  start = Clock::now();
  for (int i = 0; i < kSearches; ++i) {
    auto result =
        customers.List(rapport::access::Access::Unrestricted(), {.q = kTerms[i % 6], .limit = 50});
    checksum += result.ok() ? result->data.size() : 0;
  }
  Report("search", kSearches / Seconds(start), "raw FTS5 MATCH, LIMIT 50", raw_search_per_s);

  // --- filters: a page of 20 by exact last name and by a name fragment --------------------------
  // POST /customers/search's two benchmark filters, through the API path (folded comparison,
  // record access, full records), against the bare table answering the same question.
  static const char* kLastNames[] = {"smith", "garcia", "novak", "moreau"};
  static const char* kFragments[] = {"mar", "ansen", "oss", "ell"};
  sqlite3_stmt* raw_filter = nullptr;
  sqlite3_prepare_v2(raw_read, "SELECT * FROM raw WHERE lower(last) = ? ORDER BY seq LIMIT 20", -1,
                     &raw_filter, nullptr);
  auto run_raw = [&](sqlite3_stmt* statement, const char* const* values) {
    start = Clock::now();
    for (int i = 0; i < kSearches; ++i) {
      sqlite3_bind_text(statement, 1, values[i % 4], -1, SQLITE_TRANSIENT);
      while (sqlite3_step(statement) == SQLITE_ROW) ++checksum;
      sqlite3_reset(statement);
    }
    return kSearches / Seconds(start);
  };
  auto run_filter = [&](const char* op, const char* const* values) {
    start = Clock::now();
    for (int i = 0; i < kSearches; ++i) {
      const object filter{{"field", "last_name"}, {"op", op}, {"value", values[i % 4]}};
      auto result =
          customers.List(rapport::access::Access::Unrestricted(), {.filter = filter, .limit = 20});
      checksum += result.ok() ? result->data.size() : 0;
    }
    return kSearches / Seconds(start);
  };
  const double raw_eq_per_s = run_raw(raw_filter, kLastNames);
  Report("filter_eq", run_filter("eq", kLastNames), "raw WHERE last = ?, LIMIT 20", raw_eq_per_s);
  sqlite3_finalize(raw_filter);
  sqlite3_prepare_v2(raw_read, "SELECT * FROM raw WHERE instr(lower(last), ?) > 0 LIMIT 20", -1,
                     &raw_filter, nullptr);
  const double raw_contains_per_s = run_raw(raw_filter, kFragments);
  Report("filter_contains", run_filter("contains", kFragments), "raw instr(last, ?), LIMIT 20",
         raw_contains_per_s);
  sqlite3_finalize(raw_filter);

  // --- orders: durable placements from many clients vs the same placements in bulk -----------
  // Each order writes its lines, the customer's value, a timeline entry, an event and an audit
  // entry; the baseline does exactly that work, 500 orders per transaction.
  {
    const rapport::storage::WriteContext context{.actor = "bench"};
    rapport::commerce::ProductService products(db);
    if (!products
             .Create(context, object{{"sku", "B-1"},
                                     {"name", "Bench CD"},
                                     {"category", "jazz"},
                                     {"price", "9.99"},
                                     {"currency", "USD"}})
             .ok()) {
      ++failures;
    }
    auto order_body = [](int i) {
      return object{{"currency", "USD"},
                    {"channel", "web"},
                    {"lines", rapport::json::array{
                                  object{{"sku", "B-1"}, {"quantity", 1 + i % 3}},
                                  object{{"description", "Gift wrap"}, {"unit_price", "2.50"}}}}};
    };
    rapport::commerce::OrderService orders(db);
    std::atomic<int> next_order = 0;
    start = Clock::now();
    std::vector<std::thread> placers;
    for (int t = 0; t < kWriterThreads; ++t) {
      placers.emplace_back([&] {
        for (int i = next_order++; i < kOrders; i = next_order++) {
          if (!orders
                   .Place(rapport::access::Access::Unrestricted(), context, ids[i % kCustomers],
                          order_body(i))
                   .ok()) {
            ++failures;
          }
        }
      });
    }
    for (auto& thread : placers) thread.join();
    const double place_per_s = kOrders / Seconds(start);
    start = Clock::now();
    for (int begin = 0; begin < kOrders; begin += 500) {
      auto status = db.Write([&](rapport::storage::Tx& tx) -> rapport::Status {
        for (int i = begin; i < begin + 500 && i < kOrders; ++i) {
          RAPPORT_RETURN_IF_ERROR(
              rapport::commerce::PlaceInTx(tx, rapport::access::Access::Unrestricted(), context,
                                           ids[i % kCustomers], order_body(i)));
        }
        return rapport::OkStatus();
      });
      if (!status.ok()) ++failures;
    }
    Report("order", place_per_s, "same orders, 500 per transaction", kOrders / Seconds(start));
    if (failures > 0) std::printf("  (%d writes failed)\n", failures.load());
  }

  // --- audit, event -------------------------------------------------------------------------
  // What packing costs on the write path (docs/design/audit.md § Packed, events.md § Stored
  // shape): the audit entries and event payloads the writes above stored, as their JSON text,
  // each packed with zstd against its dictionary and inserted as a blob, against the same text
  // inserted as it is; 1,000 rows per transaction on both sides, into fresh tables of the same
  // shape.
  auto packing_case = [&](const char* name, const char* source, rapport::storage::Packing kind) {
    std::vector<std::string> texts;
    (void)db.Read([&](rapport::storage::Tx& tx) -> rapport::Status {
      RAPPORT_ASSIGN_OR_RETURN(auto rows, tx.Query(source));
      for (const auto& row : rows) texts.push_back(row.Text(0));
      return rapport::OkStatus();
    });
    sqlite3* packing = OpenRaw(dir + "/" + name + ".db");
    sqlite3_exec(packing,
                 "CREATE TABLE plain (seq INTEGER PRIMARY KEY, object_id TEXT, body TEXT);"
                 "CREATE TABLE packed (seq INTEGER PRIMARY KEY, object_id TEXT, body_z BLOB);",
                 nullptr, nullptr, nullptr);
    auto insert_all = [&](const char* sql, bool pack) {
      sqlite3_stmt* insert = nullptr;
      sqlite3_prepare_v2(packing, sql, -1, &insert, nullptr);
      const auto begin = Clock::now();
      for (size_t i = 0; i < texts.size(); ++i) {
        if (i % 1000 == 0) sqlite3_exec(packing, "BEGIN", nullptr, nullptr, nullptr);
        const std::string id = "cus_" + std::to_string(i);
        sqlite3_bind_text(insert, 1, id.c_str(), -1, SQLITE_TRANSIENT);
        if (pack) {
          const std::string packed = rapport::storage::PackJson(kind, texts[i]);
          sqlite3_bind_blob(insert, 2, packed.data(), static_cast<int>(packed.size()),
                            SQLITE_TRANSIENT);
        } else {
          sqlite3_bind_text(insert, 2, texts[i].c_str(), -1, SQLITE_TRANSIENT);
        }
        sqlite3_step(insert);
        sqlite3_reset(insert);
        if (i % 1000 == 999 || i + 1 == texts.size()) {
          sqlite3_exec(packing, "COMMIT", nullptr, nullptr, nullptr);
        }
      }
      sqlite3_finalize(insert);
      return static_cast<double>(texts.size()) / Seconds(begin);
    };
    if (!texts.empty()) {
      const double plain_per_s =
          insert_all("INSERT INTO plain (object_id, body) VALUES (?, ?)", false);
      const double packed_per_s =
          insert_all("INSERT INTO packed (object_id, body_z) VALUES (?, ?)", true);
      Report(name, packed_per_s, "the same text, unpacked", plain_per_s);
    }
    sqlite3_close(packing);
  };
  packing_case(
      "audit",
      "SELECT unpack_json(changes_z) FROM audit_log WHERE changes_z IS NOT NULL LIMIT 4000",
      rapport::storage::Packing::kAuditV1);
  packing_case("event",
               "SELECT unpack_json(payload_z) FROM events WHERE payload_z IS NOT NULL LIMIT 4000",
               rapport::storage::Packing::kEventV1);

  // --- event_read ----------------------------------------------------------------------------
  // What packing costs a reader: every event of the run through storage::ReadEvents (unpacked,
  // parsed), pages of 500 as the dispatcher reads them, against the same events copied with
  // their payloads as text, read by the same query shape and parsed.
  {
    (void)db.Write([&](rapport::storage::Tx& tx) -> rapport::Status {
      RAPPORT_RETURN_IF_ERROR(tx.Exec(
          "CREATE TABLE bench_events_text (seq INTEGER PRIMARY KEY, id TEXT, type TEXT, "
          "aggregate_type TEXT, aggregate_id TEXT, occurred_at TEXT, actor TEXT, request_id TEXT, "
          "payload TEXT)"));
      RAPPORT_RETURN_IF_ERROR(tx.Exec(
          "INSERT INTO bench_events_text SELECT seq, id, type, aggregate_type, aggregate_id, "
          "occurred_at, actor, request_id, unpack_json(payload_z) FROM events"));
      return rapport::OkStatus();
    });
    size_t events = 0;
    const auto ours_begin = Clock::now();
    (void)db.Read([&](rapport::storage::Tx& tx) -> rapport::Status {
      for (int64_t after = 0;;) {
        RAPPORT_ASSIGN_OR_RETURN(auto page, rapport::storage::ReadEvents(tx, after, 500));
        if (page.empty()) break;
        events += page.size();
        for (const auto& event : page) checksum += event.payload.size();
        after = page.back().seq;
      }
      return rapport::OkStatus();
    });
    const double ours_per_s = static_cast<double>(events) / Seconds(ours_begin);
    size_t text_events = 0;
    const auto text_begin = Clock::now();
    (void)db.Read([&](rapport::storage::Tx& tx) -> rapport::Status {
      for (int64_t after = 0;;) {
        RAPPORT_ASSIGN_OR_RETURN(
            auto rows, tx.Query("SELECT seq, id, type, aggregate_type, aggregate_id, occurred_at, "
                                "actor, request_id, payload FROM bench_events_text WHERE seq > ? "
                                "ORDER BY seq LIMIT 500",
                                {after}));
        if (rows.empty()) break;
        text_events += rows.size();
        for (const auto& row : rows) {
          auto payload = rapport::ParseJson(row.View(8));
          if (payload.ok() && payload->is_object()) checksum += payload->as_object().size();
        }
        after = rows.back().Int(0);
      }
      return rapport::OkStatus();
    });
    if (events > 0 && events == text_events) {
      Report("event_read", ours_per_s, "the same events stored as text",
             static_cast<double>(text_events) / Seconds(text_begin));
    }
  }

  sqlite3_finalize(get);
  sqlite3_finalize(page);
  sqlite3_finalize(fts);
  sqlite3_close(raw_read);
  sqlite3_close(raw);
  std::printf("(checksum %zu)\n", checksum);
  std::filesystem::remove_all(dir);
  return 0;
}
