// Customer search at size (docs/design/search.md), against a real SQLite database: the trigram
// fragment index gives exactly the rows of the folded scan it replaces, stays in step with
// writes, the exact name filters read an index in page order, and full-text pages walk the index
// in creation order without duplicates or gaps.
#include <gtest/gtest.h>

#include <set>

#include "customers/customer_service.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/statement_log.hpp"
#include "testing/customer_traits.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::customers {
namespace {

using Ids = std::vector<std::string>;

class CustomerSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    service_ = std::make_unique<CustomerService>(*db_, testing::ShippedCustomerTraits());
  }
  std::string MustCreate(std::string_view body) {
    auto created =
        service_->Create(access::Access::Unrestricted(), context_, ParseJsonObject(body).value());
    EXPECT_TRUE(created.ok()) << body << ": " << (created.ok() ? "" : created.error().message);
    return created.ok() ? std::string(created->at("id").as_string()) : "";
  }
  // Every page of `query`, checking that no id comes twice; ids in page order.
  Ids AllPages(CustomerQuery query) {
    Ids out;
    std::set<std::string> seen;
    for (int pages = 0; pages < 100; ++pages) {
      auto page = service_->List(access::Access::Unrestricted(), query);
      EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message);
      if (!page.ok()) break;
      for (const auto& c : page->data) {
        std::string id(c.at("id").as_string());
        EXPECT_TRUE(seen.insert(id).second) << "twice: " << id;
        out.push_back(std::move(id));
      }
      if (!page->next_cursor) break;
      query.cursor = page->next_cursor;
    }
    return out;
  }
  Ids Filtered(std::string_view filter, int limit = 3) {
    return AllPages({.filter = ParseJson(filter).value(), .limit = limit});
  }
  // What the folded scan selects for `condition` (SQL over c with one parameter), in the default
  // order: the rows the fragment index must reproduce.
  Ids Scan(const std::string& condition, const std::string& value) {
    Ids out;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(
                         auto rows, tx.Query("SELECT c.id FROM customers c WHERE " + condition +
                                                 " ORDER BY c.created_at, c.id",
                                             {value}));
                     for (const auto& row : rows) out.push_back(row.Text(0));
                     return OkStatus();
                   })
                    .ok());
    return out;
  }
  std::string Plan(const std::string& sql, const std::string& value) {
    std::string plan;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(auto rows,
                                              tx.Query("EXPLAIN QUERY PLAN " + sql, {value}));
                     for (const auto& row : rows) plan += row.Text(3) + "\n";
                     return OkStatus();
                   })
                    .ok());
    return plan;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<CustomerService> service_;
  storage::WriteContext context_{.actor = "test"};
};

TEST_F(CustomerSearchTest, ContainsGivesTheRowsOfTheFoldedScan) {
  MustCreate(R"({"first_name":"Jörg","last_name":"Müller","emails":[{"address":"Jörg@Mail.example"},
                 {"address":"jm@work.example"}]})");
  MustCreate(
      R"({"first_name":"Hans","last_name":"Mueller","emails":[{"address":"h@mull.example"}]})");
  MustCreate(R"({"first_name":"Anna","last_name":"Straße"})");
  MustCreate(R"({"first_name":"José","last_name":"García Núñez"})");
  MustCreate(R"({"first_name":"Zoë","last_name":"O\"Brien"})");
  MustCreate(R"({"display_name":"Ǆemal [no names]"})");
  MustCreate(R"({"first_name":"ÉMILE","emails":[{"address":"emile@mail.example"}]})");
  const char* needles[] = {"mül",    "MUL",     "mull",        "ll",      "u",      "strasse",
                           "straß",  "ss",      "garcia nu",   "ía n",    "o\"b",   "\"",
                           "ǆem",    "dže",     "émi",         "mail.ex", "e@mail", "g@mail",
                           "ple\nj", "example", "jm@work.exa", "zzz",     "l [n",   "ée"};
  struct Field {
    const char* name;
    const char* scan;  // the compiler's scan for the field, the oracle
  };
  const Field fields[] = {
      {"first_name", "instr(search_fold(c.first_name), search_fold(?)) > 0"},
      {"last_name", "instr(search_fold(c.last_name), search_fold(?)) > 0"},
      {"display_name", "instr(search_fold(c.display_name), search_fold(?)) > 0"},
      {"email",
       "EXISTS (SELECT 1 FROM customer_emails e WHERE e.customer_id = c.id "
       "AND instr(search_fold(e.address_key), search_fold(?)) > 0)"},
  };
  for (const auto& field : fields) {
    for (const char* needle : needles) {
      json::object condition{{"field", field.name}, {"op", "contains"}, {"value", needle}};
      const std::string text = ToJsonString(condition);
      EXPECT_EQ(Filtered(text), Scan(field.scan, needle)) << text;
      // Under `not`, a missing name is neither in nor out (SQL NULL), as with the scan.
      EXPECT_EQ(Filtered(R"({"not":)" + text + "}"),
                Scan("NOT (" + std::string(field.scan) + ")", needle))
          << "not " << text;
    }
  }
}

TEST_F(CustomerSearchTest, FragmentsFollowUpdatesAndDeletes) {
  const std::string id = MustCreate(R"({"first_name":"Ada","last_name":"Lovelace"})");
  MustCreate(R"({"first_name":"Charles","last_name":"Babbage"})");
  const auto contains = [&](const char* field, const char* value) {
    return Filtered(
        ToJsonString(json::object{{"field", field}, {"op", "contains"}, {"value", value}}));
  };
  EXPECT_EQ(contains("last_name", "velac"), Ids{id});
  ASSERT_TRUE(
      service_
          ->Update(access::Access::Unrestricted(), context_, id,
                   ParseJsonObject(
                       R"({"last_name":"King","emails":[{"address":"ada@analytical.example"}]})")
                       .value(),
                   std::nullopt)
          .ok());
  EXPECT_EQ(contains("last_name", "velac"), Ids{});
  EXPECT_EQ(contains("last_name", "kin"), Ids{id});
  EXPECT_EQ(contains("email", "analytic"), Ids{id});
  ASSERT_TRUE(service_->Delete(access::Access::Unrestricted(), context_, id, std::nullopt).ok());
  EXPECT_EQ(contains("email", "analytic"), Ids{});
  EXPECT_EQ(contains("first_name", "char").size(), 1u);
}

TEST_F(CustomerSearchTest, ContainsAndExactNamesPageWithoutDuplicatesOrGaps) {
  Ids smiths, all;
  for (int i = 0; i < 23; ++i) {
    all.push_back(MustCreate(R"({"first_name":"P)" + std::to_string(i) + R"(","last_name":")" +
                             (i % 3 == 0 ? "Smíth" : "Jones") + "\"}"));
    if (i % 3 == 0) smiths.push_back(all.back());
  }
  EXPECT_EQ(Filtered(R"({"field":"last_name","op":"eq","value":"SMITH"})"), smiths);
  EXPECT_EQ(Filtered(R"({"field":"last_name","op":"contains","value":"mit"})"), smiths);
  EXPECT_EQ(Filtered(R"({"field":"last_name","op":"contains","value":"mi"})"), smiths);  // scan
  EXPECT_EQ(Filtered(R"({"field":"display_name","op":"contains","value":"p1"})", 2).size(), 11u);
  EXPECT_EQ(Filtered(R"({"not":{"field":"display_name","op":"contains","value":"jon"}})"), smiths);
}

// A `contains` the filter requires drives a page in creation order: the fragment index is walked
// in its row order, which the LIMIT ends, with no count probe and no sort of the matches.
TEST_F(CustomerSearchTest, RequiredContainsWalksTheFragmentIndexInCreationOrder) {
  Ids smiths;
  for (int i = 0; i < 23; ++i) {
    const std::string id = MustCreate(R"({"first_name":"P)" + std::to_string(i) +
                                      R"(","last_name":")" + (i % 3 ? "Jones" : "Smíth") + "\"}");
    if (i % 3 == 0) smiths.push_back(id);
  }
  const std::string contains = R"({"field":"last_name","op":"contains","value":"SMIT"})";
  EXPECT_EQ(Filtered(contains, 2), smiths);
  EXPECT_EQ(AllPages({.filter = ParseJson(contains).value(), .sort = "-created_at", .limit = 3}),
            Ids(smiths.rbegin(), smiths.rend()));
  // Beside other conditions, in any place of an `and`: the walk skips what they exclude.
  Ids without_p3 = smiths;
  without_p3.erase(without_p3.begin() + 1);
  EXPECT_EQ(
      Filtered(R"({"and":[{"field":"first_name","op":"neq","value":"P3"},)" + contains + "]}", 2),
      without_p3);
  // Under an `or` it cannot drive; the same rows come in the same order.
  EXPECT_EQ(Filtered(R"({"or":[)" + contains + "]}", 2), smiths);
  EXPECT_EQ(
      Filtered(R"({"or":[)" + contains + R"(,{"field":"first_name","op":"eq","value":"P1"}]})", 2)
          .size(),
      smiths.size() + 1);

  storage::StatementLog log;
  auto page = service_->List(access::Access::Unrestricted(),
                             {.filter = ParseJson(contains).value(), .limit = 2});
  ASSERT_TRUE(page.ok() && page->next_cursor);
  std::string walk;
  for (const std::string& sql : log.statements()) {
    EXPECT_EQ(sql.find("count("), std::string::npos) << "a probe: " << sql;
    if (sql.find("FROM customer_fragments CROSS JOIN customers") != std::string::npos) walk = sql;
  }
  ASSERT_FALSE(walk.empty());
  const std::string plan = Plan(walk, "");
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
  EXPECT_NE(plan.find("VIRTUAL TABLE INDEX"), std::string::npos) << plan;
  // Its cursor carries the walk's position: not a cursor for another sort.
  auto by_name = service_->List(
      access::Access::Unrestricted(),
      {.filter = ParseJson(contains).value(), .sort = "last_name", .cursor = page->next_cursor});
  ASSERT_FALSE(by_name.ok());
  EXPECT_EQ(by_name.error().code, ErrorCode::kMalformed);
}

TEST_F(CustomerSearchTest, ExactNameFiltersReadAnIndexInPageOrder) {
  for (const char* field : {"first_name", "last_name", "display_name"}) {
    const std::string plan =
        Plan("SELECT c.id FROM customers c WHERE search_fold(c." + std::string(field) +
                 ") = ? ORDER BY c.created_at, c.id LIMIT 21",
             "smith");
    EXPECT_NE(plan.find("USING INDEX customers_" + std::string(field) + "_fold"), std::string::npos)
        << plan;
    EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
  }
}

TEST_F(CustomerSearchTest, FullTextPagesWalkCreationOrderWithoutDuplicatesOrGaps) {
  Ids martas;
  for (int i = 0; i < 23; ++i) {
    const std::string id = MustCreate(R"({"first_name":")" + std::string(i % 2 ? "Marta" : "Otto") +
                                      R"(","last_name":"N)" + std::to_string(i) + "\"}");
    if (i % 2) martas.push_back(id);
  }
  EXPECT_EQ(AllPages({.q = "mar", .limit = 4}), martas);
  EXPECT_EQ(AllPages({.q = "MARTA", .limit = 1}), martas);
  Ids newest_first(martas.rbegin(), martas.rend());
  EXPECT_EQ(AllPages({.q = "mar", .sort = "-created_at", .limit = 3}), newest_first);
  // Other sorts still order every match.
  EXPECT_EQ(AllPages({.q = "mar", .sort = "-last_name", .limit = 5}).size(), martas.size());
  // With a filter the walk skips the rows it excludes, and pages still join up.
  EXPECT_EQ(
      AllPages({.q = "mar n1",
                .filter = ParseJson(R"({"field":"last_name","op":"neq","value":"n1"})").value(),
                .limit = 2})
          .size(),
      5u);
  // A cursor of a full-text page is no cursor for the plain list, and the other way round.
  auto first = service_->List(access::Access::Unrestricted(), {.q = "mar", .limit = 2});
  ASSERT_TRUE(first.ok() && first->next_cursor);
  auto plain = service_->List(access::Access::Unrestricted(), {.cursor = first->next_cursor});
  ASSERT_FALSE(plain.ok());
  EXPECT_EQ(plain.error().code, ErrorCode::kMalformed);
}

// Migration 0015 builds both indexes from customers stored before it, and 0045 rebuilds the
// full-text one with prefix lists up to eight characters; `q` keeps finding them.
TEST(CustomerSearchMigrationTest, IndexesTheStoredCustomers) {
  constexpr int kSearchIndexesMigration = 15;
  testing::TempDir dir;
  auto connection =
      storage::SqliteConnection::Open(dir.File("x.db"), storage::OpenMode::kReadWrite);
  ASSERT_TRUE(connection.ok());
  storage::SqliteConnection& db = **connection;
  for (const storage::Migration& migration : storage::Migrations()) {
    if (migration.version >= kSearchIndexesMigration) break;
    ASSERT_TRUE(db.ExecScript(std::string(migration.sql) +
                              "\nPRAGMA user_version = " + std::to_string(migration.version) + ";")
                    .ok());
  }
  ASSERT_TRUE(
      db.ExecScript("INSERT INTO customers (seq, id, first_name, last_name, display_name, "
                    "created_at, updated_at) VALUES (7, 'cus_1', 'Jörg', 'Müller', 'Jörg Müller', "
                    "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');"
                    "INSERT INTO customer_emails VALUES ('cus_1', 1, 'b@x.example', 'b@x.example', "
                    "NULL, 0), ('cus_1', 0, 'A@x.example', 'a@x.example', NULL, 1);"
                    "INSERT INTO customer_search (rowid, names, emails, phones, company, tags) "
                    "VALUES (7, 'Jörg Müller', 'A@x.example b@x.example', '', '', '');")
          .ok());
  ASSERT_TRUE(storage::ApplyMigrations(db).ok());
  auto rows =
      db.Query("SELECT rowid, first_name, last_name, display_name, emails FROM customer_fragments");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->at(0).Int(0), 7);
  EXPECT_EQ(rows->at(0).Text(1), "jorg");
  EXPECT_EQ(rows->at(0).Text(2), "muller");
  EXPECT_EQ(rows->at(0).Text(3), "jorg muller");
  EXPECT_EQ(rows->at(0).Text(4), "a@x.example\nb@x.example");
  auto found = db.Query("SELECT rowid FROM customer_search WHERE customer_search MATCH '\"mu\"*'");
  ASSERT_TRUE(found.ok()) << found.error().message;
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->at(0).Int(0), 7);
  // Without a list of its own length, a prefix query merges every matching word's rows first,
  // so a page's cost follows the matches (search.md).
  auto schema = db.Query("SELECT sql FROM sqlite_master WHERE name = 'customer_search'");
  ASSERT_TRUE(schema.ok() && schema->size() == 1u);
  EXPECT_NE(schema->at(0).Text(0).find("prefix = '1 2 3 4 5 6 7 8'"), std::string::npos)
      << schema->at(0).Text(0);
  for (const char* prefix : {"\"mulle\"*", "\"muller\"*", "\"jorg\" \"x\"*"}) {
    const std::vector<storage::Value> match{std::string(prefix)};
    auto by_prefix =
        db.Query("SELECT rowid FROM customer_search WHERE customer_search MATCH ?", match);
    ASSERT_TRUE(by_prefix.ok()) << by_prefix.error().message;
    EXPECT_EQ(by_prefix->size(), 1u) << prefix;
  }
}

}  // namespace
}  // namespace rapport::customers
