// The importer against a real SQLite database: modes, matching and the rules for existing
// values, duplicates inside a file, dry runs, atomic imports, broken files, orders given per
// line, card numbers, vCards, revert, and the CDNOW data set's published facts.
#include "transfer/importer.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <streambuf>

#include "cli/transfer_adapters.hpp"
#include "customers/company_service.hpp"
#include "customers/custom_fields.hpp"
#include "customers/customer_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::transfer {
namespace {

const access::Access& All() { return access::Access::Unrestricted(); }

class ImporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  }

  ImportResult Import(const std::string& object, const std::string& csv, ImportMode mode,
                      std::string_view mapping = "", bool dry_run = false, bool atomic = false,
                      std::string format = "csv") {
    ImportRequest request;
    request.settings = {.object = object, .mode = mode, .match = {}, .dry_run = dry_run};
    if (!mapping.empty()) request.mapping = ParseJson(mapping).value();
    request.atomic = atomic;
    request.batch_rows = 2;  // several batches even in small files
    request.format = ParseTransferFormat(format).value();
    std::vector<std::string> header;
    if (format == "csv") {
      std::istringstream peek(csv);
      CsvReader reader(peek);
      if (auto first = reader.Next(); first.ok() && *first) header = **first;
    }
    auto job = StartImportJob(adapters_, *db_, *access_, context_, request, header,
                              static_cast<int64_t>(csv.size()));
    EXPECT_TRUE(job.ok()) << (job.ok() ? "" : job.error().message);
    if (!job.ok()) return {};
    std::istringstream in(csv);
    int progress_calls = 0;
    auto result =
        RunImport(adapters_, *db_, *access_, context_, request, *job, in,
                  static_cast<int64_t>(csv.size()), [&](const JobCounts&) { ++progress_calls; });
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    if (result.ok() && result->status == JobStatus::kCompleted) {
      EXPECT_GT(progress_calls, 0);
    }
    return result.ok() ? *result : ImportResult{};
  }

  int64_t Count(const std::string& sql) {
    int64_t count = -1;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(auto rows, tx.Query(sql));
                     count = rows.at(0).Int(0);
                     return OkStatus();
                   })
                    .ok());
    return count;
  }

  json::object CustomerByEmail(const std::string& email) {
    customers::CustomerService service(*db_);
    customers::CustomerQuery query;
    query.filter = ParseJson(R"({"field":"email","op":"eq","value":")" + email + R"("})").value();
    auto page = service.List(All(), query);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message);
    EXPECT_EQ(page->data.size(), 1u) << email;
    return page->data.empty() ? json::object() : page->data[0].as_object();
  }

  const AdapterRegistry adapters_ = cli::MakeTransferAdapters();
  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test", .via = "import"};
  const access::Access* access_ = &All();  // whose import it is
};

// An importer whose role reaches only their own customers learns nothing from the report about
// anyone else's: a row naming another's customer reads exactly like a row naming nobody.
TEST_F(ImporterTest, ACustomerTheImporterCannotReadReadsLikeNoCustomer) {
  customers::CustomerService customers(*db_);
  auto other = customers.Create(
      All(), context_,
      ParseJsonObject(
          R"({"first_name":"Other","external_id":"X-OTHER","owner_id":"usr_else","emails":[{"address":"other@example.com"}]})")
          .value());
  ASSERT_TRUE(other.ok()) << other.error().message;
  const std::string other_id(other->at("id").as_string());
  access::LevelTable levels{};
  for (auto action : {access::Action::kRead, access::Action::kCreate, access::Action::kEdit,
                      access::Action::kImport}) {
    levels[static_cast<size_t>(access::Object::kCustomers)][static_cast<size_t>(action)] =
        access::Level::kOwn;
  }
  const access::Access own("usr_me", {}, levels, {}, false);
  access_ = &own;
  auto result = Import("orders",
                       "order_id,customer,date,description,quantity,line_total\n"
                       "B-1," +
                           other_id +
                           ",2024-01-02,LP,1,1.00\n"
                           "B-2,cus_01ZZZZZZZZZZZZZZZZZZZZZZZZ,2024-01-02,LP,1,1.00\n"
                           "B-3,other@example.com,2024-01-02,LP,1,1.00\n"
                           "B-4,nobody@example.com,2024-01-02,LP,1,1.00\n"
                           "B-5,X-OTHER,2024-01-02,LP,1,1.00\n",
                       ImportMode::kCreate,
                       R"({"constants": {"currency": "USD", "channel": "web"},
                           "create_missing_customers": true})");
  access_ = &All();
  ASSERT_EQ(result.errors.size(), 4u);  // B-4 names nobody and creates them
  for (const auto& error : result.errors) {
    EXPECT_EQ(error.column, "customer") << error.row;
    EXPECT_EQ(error.reason, "no customer matches it") << error.row;
  }
  EXPECT_EQ(Count("SELECT count(*) FROM customers"), 2);  // Other, and nobody@ created
  EXPECT_EQ(Count("SELECT count(*) FROM orders"), 1);
}

TEST_F(ImporterTest, CreatesRecordsAndReportsBadRowsByRowAndColumn) {
  auto result = Import("customers",
                       "First Name,Last Name,E-mail,Birthday\r\n"
                       "Ada,Lovelace,ada@example.com,1815-12-10\r\n"
                       "Alan,Turing,not-an-email,1912-06-23\r\n"
                       "Grace,Hopper,grace@example.com,1906-13-09\r\n"
                       "Ada,Again,ADA@example.com,\r\n",
                       ImportMode::kCreate);
  EXPECT_EQ(result.status, JobStatus::kCompleted);
  EXPECT_EQ(result.counts.rows, 4);
  EXPECT_EQ(result.counts.created, 1);
  EXPECT_EQ(result.counts.failed, 3);
  ASSERT_EQ(result.errors.size(), 3u);
  EXPECT_EQ(result.errors[0].row, 2);
  EXPECT_EQ(result.errors[0].line, 3);
  EXPECT_EQ(result.errors[0].column, "E-mail");
  EXPECT_EQ(result.errors[0].value, "not-an-email");
  EXPECT_EQ(result.errors[1].column, "Birthday");
  EXPECT_EQ(result.errors[1].value, "1906-13-09");
  // The same address twice in one file is reported, not merged (or refused as "taken").
  EXPECT_EQ(result.errors[2].row, 4);
  EXPECT_NE(result.errors[2].reason.find("repeats row 1"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM customers"), 1);
  // Imported records carry audit entries made "via import".
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE via = 'import' AND action = 'create'"), 1);

  std::ostringstream report;
  WriteErrorReport(report, result.errors);
  EXPECT_EQ(report.str().substr(0, 30), "row,line,column,value,reason\r\n");
}

// A company has one postal address (not a list, as customers have): its columns fill it, and a
// bad country is refused naming the column.
TEST_F(ImporterTest, CompanyAddressColumnsFillTheCompanysAddress) {
  auto result = Import("companies",
                       "Company,Domain,Street,City,Zip,Country\n"
                       "Acme GmbH,acme.de,Hauptstr. 1,Berlin,10115,DE\n"
                       "Bad Ltd,bad.example,1 Road,Leeds,LS1,Narnia\n",
                       ImportMode::kCreate);
  EXPECT_EQ(result.counts.created, 1);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].column, "Country");
  json::object address;
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(auto rows,
                                            tx.Query("SELECT id FROM companies WHERE name = ?",
                                                     {std::string("Acme GmbH")}));
                   RAPPORT_ASSIGN_OR_RETURN(
                       auto company, customers::LoadCompanyJson(tx, All(), rows.at(0).Text(0)));
                   address = company->at("address").as_object();
                   return OkStatus();
                 })
                  .ok());
  EXPECT_EQ(address.at("line1").as_string(), "Hauptstr. 1");
  EXPECT_EQ(address.at("city").as_string(), "Berlin");
  EXPECT_EQ(address.at("postal_code").as_string(), "10115");
  EXPECT_EQ(address.at("country").as_string(), "DE");
}

TEST_F(ImporterTest, UpsertHonoursEachColumnsRuleForExistingValues) {
  Import("customers",
         "first_name,last_name,email,language,tags\n"
         "Ada,Lovelace,ada@example.com,en,vip\n",
         ImportMode::kCreate);
  customers::CustomerService service(*db_);
  const std::string id(CustomerByEmail("ada@example.com").at("id").as_string());
  ASSERT_TRUE(service
                  .Update(All(), context_, id,
                          ParseJsonObject(R"({"emails":[{"address":"ada@example.com"},
                                                        {"address":"countess@example.com"}]})")
                              .value(),
                          std::nullopt)
                  .ok());
  auto result = Import("customers",
                       "first_name,last_name,email,language,time_zone,tags\n"
                       "Augusta,King,ada@example.com,fr,Europe/London,math\n"
                       "Charles,Babbage,charles@example.com,,,\n",
                       ImportMode::kUpsert,
                       R"({"columns": {"first_name": {"field": "first_name", "existing": "keep"},
                                       "language": {"field": "language", "existing": "fill"},
                                       "time_zone": {"field": "time_zone", "existing": "fill"}}})");
  EXPECT_EQ(result.counts.updated, 1);
  EXPECT_EQ(result.counts.created, 1);
  json::object ada = CustomerByEmail("ada@example.com");
  EXPECT_EQ(ada.at("first_name"), "Ada");           // keep
  EXPECT_EQ(ada.at("last_name"), "King");           // overwrite (the default)
  EXPECT_EQ(ada.at("language"), "en");              // fill: it had one
  EXPECT_EQ(ada.at("time_zone"), "Europe/London");  // fill: it had none
  EXPECT_EQ(ada.at("tags"), json::array({"vip", "math"}));
  // The file knows one address; the second one the record has is kept.
  EXPECT_EQ(ada.at("emails").as_array().size(), 2u);

  // The same file again changes nothing.
  auto again = Import("customers", "first_name,last_name,email\nAda,King,ada@example.com\n",
                      ImportMode::kUpsert);
  EXPECT_EQ(again.counts.unchanged, 1);
  EXPECT_EQ(again.counts.updated, 0);
}

TEST_F(ImporterTest, UpdateModeCreatesNothing) {
  auto result =
      Import("customers", "email,first_name\nnobody@example.com,No\n", ImportMode::kUpdate);
  EXPECT_EQ(result.counts.failed, 1);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].column, "email");
  EXPECT_EQ(Count("SELECT count(*) FROM customers"), 0);
}

TEST_F(ImporterTest, ADryRunChecksEverythingAndChangesNothing) {
  auto result =
      Import("customers", "name,email\nAda,ada@example.com\nAlan,alan@example.com\nBad,bad@\n",
             ImportMode::kCreate, "", /*dry_run=*/true);
  EXPECT_EQ(result.counts.created, 2);
  EXPECT_EQ(result.counts.failed, 1);
  EXPECT_TRUE(result.rolled_back);
  EXPECT_NE(result.message.find("Dry run"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM customers"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM import_items"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM events"), 0);
}

TEST_F(ImporterTest, AnAtomicImportKeepsNothingIfAnyRowIsBad) {
  const std::string bad = "name,email\nAda,ada@example.com\nAlan,alan@example.com\nBad,bad@\n";
  auto refused = Import("customers", bad, ImportMode::kCreate, "", false, true);
  EXPECT_TRUE(refused.rolled_back);
  EXPECT_EQ(refused.counts.failed, 1);
  EXPECT_EQ(refused.counts.created, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM customers"), 0);
  auto good = Import("customers", "name,email\nAda,ada@example.com\n", ImportMode::kCreate, "",
                     false, true);
  EXPECT_FALSE(good.rolled_back);
  EXPECT_EQ(Count("SELECT count(*) FROM customers"), 1);
}

TEST_F(ImporterTest, ABrokenFileStopsWithTheLineAndKeepsEarlierBatches) {
  auto result = Import("customers",
                       "name,email\nAda,ada@example.com\nAlan,alan@example.com\n"
                       "Grace,grace@example.com\n\"Unclosed,quote@example.com\n",
                       ImportMode::kCreate);
  EXPECT_EQ(result.status, JobStatus::kFailed);
  EXPECT_NE(result.message.find("line 5"), std::string::npos) << result.message;
  // The first batch (two rows) was committed before the broken record was reached.
  EXPECT_EQ(Count("SELECT count(*) FROM customers"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM transfer_jobs WHERE status = 'failed'"), 1);

  auto latin1 = Import("customers", "name,email\nJos\xe9,jose@example.com\n", ImportMode::kCreate);
  EXPECT_EQ(latin1.status, JobStatus::kFailed);
  EXPECT_NE(latin1.message.find("UTF-8"), std::string::npos) << latin1.message;
}

// A stream of one header and a single 100 MB field, generated as it is read.
class HugeFieldBuffer : public std::streambuf {
 public:
  HugeFieldBuffer() : header_("name,email\n\""), chunk_(65536, 'x') {}
  int_type underflow() override {
    std::string& next = header_done_ ? chunk_ : header_;
    if (header_done_) {
      if (remaining_ == 0) return traits_type::eof();
      remaining_ -= std::min(remaining_, chunk_.size());
    }
    header_done_ = true;
    setg(next.data(), next.data(), next.data() + next.size());
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string header_;
  std::string chunk_;
  bool header_done_ = false;
  size_t remaining_ = size_t{100} << 20;
};

TEST_F(ImporterTest, AHundredMegabyteFieldIsRefusedWithoutReadingItAll) {
  HugeFieldBuffer buffer;
  std::istream in(&buffer);
  ImportRequest request;
  request.settings = {.object = "customers", .mode = ImportMode::kCreate};
  auto job =
      StartImportJob(adapters_, *db_, All(), context_, request, {"name", "email"}, 100 << 20);
  ASSERT_TRUE(job.ok());
  auto result = RunImport(adapters_, *db_, All(), context_, request, *job, in, 100 << 20, {});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, JobStatus::kFailed);
  EXPECT_NE(result->message.find("line 2"), std::string::npos) << result->message;
  EXPECT_LT(result->counts.done_bytes, 4 << 20);  // stopped near the 1 MiB field limit
}

TEST_F(ImporterTest, OrdersGivenPerLineBecomeOneOrderWithExactTotals) {
  auto result =
      Import("orders",
             "order_id,email,date,sku,description,quantity,line_total,notes\n"
             "A-1,ada@example.com,2024-01-02,,Blue Train,1,11.77,\n"
             "A-1,ada@example.com,2024-01-02,,Kind of Blue,3,29.99,\n"
             "A-2,ada@example.com,2024-02-03,,Gift card,1,10.00,card 4111 1111 1111 1111\n"
             "A-3,nobody@example.com,2024-02-04,,Lost,1,1.00,\n",
             ImportMode::kCreate,
             R"({"constants": {"currency": "USD", "channel": "web"},
          "columns": {"email": {"field": "customer.email"}},
          "create_missing_customers": true})");
  EXPECT_EQ(result.counts.rows, 4);
  EXPECT_EQ(result.counts.created, 2);  // A-1 and A-3; A-2 carries a card number
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].row, 3);
  EXPECT_EQ(result.errors[0].column, "notes");
  EXPECT_EQ(result.errors[0].value.find("4111"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM orders"), 2);
  EXPECT_EQ(Count("SELECT total_cents FROM orders WHERE external_id = 'A-1'"), 4176);
  EXPECT_EQ(Count("SELECT count(*) FROM order_lines"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM customers"), 2);
  EXPECT_EQ(Count("SELECT sum(total_spent_cents) FROM customer_value"), 4276);
  // Nothing anywhere holds the card number.
  EXPECT_EQ(Count("SELECT count(*) FROM transfer_errors WHERE value LIKE '%4111%'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM orders WHERE notes LIKE '%4111%'"), 0);

  // Upsert: existing orders are left as they are, new ones added.
  auto again =
      Import("orders",
             "order_id,email,date,description,quantity,line_total\n"
             "A-1,ada@example.com,2024-01-02,Changed,9,99.00\n"
             "A-4,ada@example.com,2024-03-01,New,1,5.00\n",
             ImportMode::kUpsert, R"({"constants": {"currency": "USD", "channel": "web"}})");
  EXPECT_EQ(again.counts.unchanged, 1);
  EXPECT_EQ(again.counts.created, 1);
  EXPECT_EQ(Count("SELECT total_cents FROM orders WHERE external_id = 'A-1'"), 4176);
}

// Rows run without a savepoint of their own; a row that fails after writing (here the order is
// refused after its new customer was written) makes the batch run again with savepoints, so the
// row is undone alone and every other row of the batch stays, exactly once.
TEST_F(ImporterTest, ARowThatFailsAfterWritingIsUndoneAloneAndTheBatchRunsAgain) {
  auto result = Import("orders",
                       "order_id,email,date,description,quantity,line_total,status\n"
                       "R-1,one@example.com,2024-01-02,LP,1,1.00,fulfilled\n"
                       "R-2,two@example.com,2024-01-02,LP,1,1.00,lost-in-space\n"
                       "R-3,three@example.com,2024-01-02,LP,1,1.00,fulfilled\n",
                       ImportMode::kCreate,
                       R"({"constants": {"currency": "USD", "channel": "web"},
                           "columns": {"email": {"field": "customer.email"}},
                           "create_missing_customers": true})");
  EXPECT_EQ(result.counts.created, 2);
  EXPECT_EQ(result.counts.failed, 1);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].row, 2);
  EXPECT_EQ(result.errors[0].column, "status");
  EXPECT_EQ(Count("SELECT count(*) FROM orders"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM customers"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM customer_emails WHERE address = 'two@example.com'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM import_items"), 4);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE object_type = 'customer'"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM events WHERE type = 'customer.created'"), 2);
  // Each item knows the row that created it (row 3's customer and order).
  EXPECT_EQ(Count("SELECT count(*) FROM import_items WHERE row_number = 3"), 2);
}

// A batch's full-text rows are written together at its end, and every imported customer is
// found by search; a repeat in a later batch is found through the database, naming its row.
TEST_F(ImporterTest, ImportedCustomersAreSearchableAndRepeatsAcrossBatchesNameTheirRow) {
  auto result = Import("customers",
                       "first_name,last_name,email\n"
                       "Ada,Lovelace,ada@example.com\n"
                       "Alan,Turing,alan@example.com\n"
                       "Grace,Hopper,grace@example.com\n"
                       "Edsger,Dijkstra,edsger@example.com\n"
                       "Barbara,Liskov,ALAN@example.com\n",
                       ImportMode::kCreate);
  EXPECT_EQ(result.counts.created, 4);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].row, 5);
  EXPECT_NE(result.errors[0].reason.find("repeats row 2 of this file"), std::string::npos)
      << result.errors[0].reason;
  customers::CustomerService service(*db_);
  for (const char* name : {"Lovelace", "Turing", "Hopper", "Dijkstra"}) {
    auto page = service.List(All(), {.q = std::string(name)});
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->data.size(), 1u) << name;
  }
  EXPECT_EQ(Count("SELECT count(*) FROM customer_search"), 4);
  EXPECT_EQ(Count("SELECT count(*) FROM customer_search WHERE customer_search MATCH 'liskov'"), 0);
  // `contains` reads the trigram fragments, written for the batch beside the full-text rows.
  for (const char* fragment : {"velac", "urin", "oppe", "jkst"}) {
    auto page = service.List(
        All(),
        {.filter = json::object{{"field", "last_name"}, {"op", "contains"}, {"value", fragment}}});
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->data.size(), 1u) << fragment;
  }
  EXPECT_EQ(Count("SELECT count(*) FROM customer_fragments"), 4);
}

TEST_F(ImporterTest, RevertRemovesWhatTheImportCreatedButNotWhatSomeoneChangedSince) {
  auto result = Import("orders",
                       "customer_id,date,quantity,amount\n"
                       "00001,1997-01-01,1,11.77\n00002,1997-01-12,1,12.00\n"
                       "00002,1997-01-12,5,77.00\n",
                       ImportMode::kCreate,
                       R"({"constants": {"currency": "USD", "channel": "web",
                                         "line.description": "CDs"},
                           "create_missing_customers": true})");
  ASSERT_EQ(result.counts.created, 3);
  ASSERT_EQ(Count("SELECT count(*) FROM customers"), 2);
  // Someone edits customer 00001 after the import: it is theirs now, and stays.
  customers::CustomerService service(*db_);
  std::string edited;
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(
                       auto rows, tx.Query("SELECT id FROM customers WHERE external_id = '00001'"));
                   edited = rows.at(0).Text(0);
                   return OkStatus();
                 })
                  .ok());
  ASSERT_TRUE(service
                  .Update(All(), context_, edited,
                          ParseJsonObject(R"({"first_name":"Kept"})").value(), std::nullopt)
                  .ok());
  auto reverted = RevertImport(adapters_, *db_, All(), context_, result.job.id);
  ASSERT_TRUE(reverted.ok()) << reverted.error().message;
  EXPECT_EQ(reverted->at("status"), "reverted");
  EXPECT_EQ(reverted->at("reverted").as_object().at("removed"), 4);  // 3 orders, 1 customer
  EXPECT_EQ(reverted->at("reverted").as_object().at("kept"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM orders"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM customers"), 1);
  // The kept customer's value lost the reverted order.
  EXPECT_EQ(Count("SELECT order_count FROM customer_value"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM interactions"), 0);
  EXPECT_FALSE(RevertImport(adapters_, *db_, All(), context_, result.job.id).ok());  // only once
}

TEST_F(ImporterTest, UnmappedColumnsCanBecomeCustomFields) {
  auto result = Import("customers", "email,Shoe size\nada@example.com,38\n", ImportMode::kCreate,
                       R"({"unmapped": "custom_fields"})");
  EXPECT_EQ(result.counts.created, 1) << (result.errors.empty() ? "" : result.errors[0].reason);
  EXPECT_EQ(CustomerByEmail("ada@example.com").at("custom_fields"),
            (json::object{{"shoe_size", "38"}}));
}

// strtod reads "inf", "nan" and overflows 1e400 to infinity; such a value once reached the
// stored JSON as Infinity/NaN and broke every filter over the table.
TEST_F(ImporterTest, NonFiniteAndOutOfRangeNumbersAreRefusedNamingTheColumn) {
  ASSERT_TRUE(customers::DefineCustomField(
                  *db_, context_,
                  ParseJsonObject(R"({"object_type": "customer", "key": "score", "label": "Score",
                                      "type": "number"})")
                      .value())
                  .ok());
  auto result = Import("customers",
                       "email,Score\n"
                       "a@example.com,12.5\n"
                       "b@example.com,inf\n"
                       "c@example.com,nan\n"
                       "d@example.com,1e400\n"
                       "e@example.com,-1e400\n"
                       "f@example.com,1e16\n",
                       ImportMode::kCreate, R"({"columns": {"Score": "custom.score"}})");
  EXPECT_EQ(result.counts.created, 1);
  EXPECT_EQ(result.counts.failed, 5);
  for (const auto& error : result.errors) EXPECT_EQ(error.column, "Score") << error.reason;
  EXPECT_EQ(CustomerByEmail("a@example.com").at("custom_fields"), (json::object{{"score", 12.5}}));
  EXPECT_EQ(Count("SELECT count(*) FROM customers WHERE NOT json_valid(custom_fields)"), 0);
}

TEST_F(ImporterTest, VcardsImportAsCustomersAndMatchAgainByUid) {
  const std::string cards =
      "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lovelace;Ada;;;\r\nFN:Ada Lovelace\r\n"
      "EMAIL;TYPE=INTERNET,HOME:ada@example.com\r\nUID:urn:uuid:1234\r\nEND:VCARD\r\n"
      "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Turing;Alan\r\nTEL;CELL:+441625000000\r\nEND:VCARD\r\n";
  auto result = Import("customers", cards, ImportMode::kCreate, "", false, false, "vcard");
  EXPECT_EQ(result.counts.created, 2);
  EXPECT_EQ(CustomerByEmail("ada@example.com").at("external_id"), "urn:uuid:1234");
  ImportRequest request;
  request.settings = {.object = "customers", .mode = ImportMode::kUpsert, .match = "external_id"};
  request.format = TransferFormat::kVcard;
  auto job = StartImportJob(adapters_, *db_, All(), context_, request, {}, 10);
  ASSERT_TRUE(job.ok());
  std::istringstream in(cards.substr(0, cards.find("BEGIN:VCARD\r\nVERSION:2.1")));
  auto again = RunImport(adapters_, *db_, All(), context_, request, *job, in, 10, {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->counts.unchanged, 1);
}

TEST_F(ImporterTest, RequestLevelMistakesAreRefusedBeforeAJobExists) {
  ImportRequest request;
  request.settings = {.object = "orders", .mode = ImportMode::kUpdate};
  EXPECT_FALSE(StartImportJob(adapters_, *db_, All(), context_, request, {"order_id"}, 1).ok());
  request.settings = {.object = "customers", .mode = ImportMode::kUpdate, .match = "sku"};
  EXPECT_FALSE(StartImportJob(adapters_, *db_, All(), context_, request, {"email"}, 1).ok());
  request.settings = {.object = "customers", .mode = ImportMode::kUpdate, .match = "external_id"};
  auto unmatched = StartImportJob(adapters_, *db_, All(), context_, request, {"email"}, 1);
  ASSERT_FALSE(unmatched.ok());
  EXPECT_EQ(unmatched.error().field_errors.at(0).field, "match");
  EXPECT_EQ(Count("SELECT count(*) FROM transfer_jobs"), 0);
}

#ifdef RAPPORT_SHARED_DATA
TEST_F(ImporterTest, CdnowTransactionsMatchThePublishedFacts) {
  const std::string path = std::string(RAPPORT_SHARED_DATA) + "/cdnow/cdnow_transactions.csv";
  std::ifstream in(path, std::ios::binary);
  if (!in) GTEST_SKIP() << "the shared data set is not beside the repository: " << path;
  ImportRequest request;
  request.settings = {.object = "orders", .mode = ImportMode::kCreate};
  request.mapping = ParseJson(R"({
      "columns": {"customer_id": {"field": "customer.external_id"},
                  "amount": {"field": "line.line_total", "transforms": ["money"]}},
      "constants": {"currency": "USD", "channel": "web", "status": "fulfilled",
                    "line.description": "CDs"},
      "templates": {"customer.display_name": "CDNOW customer {customer_id}",
                    "external_id": "cdnow-{row}"},
      "create_missing_customers": true})")
                        .value();
  auto job = StartImportJob(adapters_, *db_, All(), context_, request,
                            {"customer_id", "date", "quantity", "amount"}, 0);
  ASSERT_TRUE(job.ok()) << job.error().message;
  auto result = RunImport(adapters_, *db_, All(), context_, request, *job, in, 0, {});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, JobStatus::kCompleted);
  EXPECT_EQ(result->error_count, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM customers"), 23570);
  EXPECT_EQ(Count("SELECT count(*) FROM orders"), 69659);
  EXPECT_EQ(Count("SELECT sum(quantity) FROM order_lines"), 167881);
  EXPECT_EQ(Count("SELECT sum(total_cents) FROM orders"), 250031563);
  EXPECT_EQ(Count("SELECT count(*) FROM orders WHERE total_cents = 0"), 80);
  EXPECT_EQ(Count("SELECT sum(total_spent_cents) FROM customer_value"), 250031563);
  EXPECT_EQ(Count("SELECT count(*) FROM customers WHERE external_id = '00001'"), 1);
}
#endif

}  // namespace
}  // namespace rapport::transfer
