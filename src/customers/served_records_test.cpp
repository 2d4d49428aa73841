// Served records (served_records.hpp): a page served from them is the page built from the rows,
// byte for byte; every kind of change invalidates a record in its own transaction; the renderer
// and the start-up pass render what is stale. Real SQLite in a temp dir.
#include "customers/served_records.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "common/page.hpp"
#include "customers/company_service.hpp"
#include "customers/customer_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/statement_log.hpp"
#include "testing/customer_traits.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::customers {
namespace {

constexpr int kCustomers = 40;

class ServedRecordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    service_ = std::make_unique<CustomerService>(*db_, testing::ShippedCustomerTraits());
    CompanyService companies(*db_);
    auto company = companies.Create(All(), context_, ParseJsonObject(R"({"name":"Acme"})").value());
    ASSERT_TRUE(company.ok()) << company.error().message;
    company_id_ = std::string(company->at("id").as_string());
    // Records with everything a served record shows: contact points, consent, addresses, tags,
    // a company, and characters JSON escapes.
    std::string records;
    for (int i = 0; i < kCustomers; ++i) {
      const std::string n = std::to_string(i);
      records += std::string(records.empty() ? "" : ",") + R"({"first_name":"Zoë \"Z\" )" + n +
                 R"(","last_name":"Stone","tags":["vip","b2b"],"company_id":")" + company_id_ +
                 R"(","addresses":[{"label":"home","line1":"1 Main St","city":"Köln",)"
                 R"("country":"DE"}],"emails":[{"address":"z)" +
                 n + R"(@a.example","label":"work"}],"phones":[{"number":"+4915)" +
                 std::to_string(10000000 + i) +
                 R"("}],"consent":{"email":{"marketing":{"status":"granted"}}}})";
    }
    auto batch = service_->Batch(All(), context_,
                                 ParseJsonObject(R"({"records":[)" + records + "]}").value());
    ASSERT_TRUE(batch.ok()) << batch.error().message;
    ASSERT_EQ(batch->at("created"), kCustomers);
    for (const auto& result : batch->at("results").as_array()) {
      ids_.emplace_back(result.at("id").as_string());
    }
  }

  static const access::Access& All() { return access::Access::Unrestricted(); }

  int64_t Count(const std::string& table) {
    int64_t count = -1;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT count(*) FROM " + table));
                     count = rows.at(0).Int(0);
                     return OkStatus();
                   })
                    .ok());
    return count;
  }
  int64_t Stale() { return Count("customer_served_stale"); }
  int64_t Rendered() { return Count("customer_served_records"); }

  // Whether the customer `id` has a rendered record.
  bool HasRecord(const std::string& id) {
    bool found = false;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(
                         auto rows, tx.Query("SELECT 1 FROM customer_served_records r JOIN "
                                             "customers c ON c.seq = r.customer_seq WHERE c.id = ?",
                                             {id}));
                     found = !rows.empty();
                     return OkStatus();
                   })
                    .ok());
    return found;
  }

  void RenderAll() {
    ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(int64_t rendered, RenderStaleRecords(tx, 1000));
                     static_cast<void>(rendered);
                     return OkStatus();
                   })
                    .ok());
    ASSERT_EQ(Stale(), 0);
  }

  // The page as served (ListText, from records where they exist) against the page built from
  // the rows (List, which never reads records), compared as JSON.
  void ExpectServedIsBuilt(const CustomerQuery& query) {
    auto text = service_->ListText(All(), query);
    auto page = service_->List(All(), query);
    ASSERT_TRUE(text.ok()) << text.error().message;
    ASSERT_TRUE(page.ok()) << page.error().message;
    EXPECT_EQ(ParseJsonObject(*text).value(), PageToJson(*page));
  }

  void Exec(const std::string& sql, std::vector<storage::Value> params = {}) {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(tx.Exec(sql, params));
                     return OkStatus();
                   })
                    .ok())
        << sql;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<CustomerService> service_;
  storage::WriteContext context_{.actor = "test"};
  std::string company_id_;
  std::vector<std::string> ids_;
};

TEST_F(ServedRecordsTest, APageServedFromRecordsIsTheBuiltPageByteForByte) {
  // Each create stored its record in its own transaction.
  EXPECT_EQ(Stale(), 0);
  EXPECT_EQ(Rendered(), kCustomers);
  const std::vector<CustomerQuery> queries = {
      {.limit = 15},
      {.sort = "-display_name", .limit = 7},
      {.q = "zoe stone", .limit = 10},
      {.filter = ParseJson(R"({"field":"tags","op":"contains","value":"vip"})").value(),
       .limit = 25},
  };
  std::vector<std::string> served;
  for (const auto& query : queries) served.push_back(service_->ListText(All(), query).value());
  // The same pages built from the rows.
  Exec("DELETE FROM customer_served_records");
  for (size_t i = 0; i < queries.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(service_->ListText(All(), queries[i]).value(), served[i]);
  }
  // Marked stale (an update that changes nothing still invalidates), rendered from the rows.
  Exec("UPDATE customers SET version = version");
  EXPECT_EQ(Stale(), kCustomers);
  RenderAll();
  EXPECT_EQ(Rendered(), kCustomers);
  for (size_t i = 0; i < queries.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(service_->ListText(All(), queries[i]).value(), served[i]);
    ExpectServedIsBuilt(queries[i]);
  }
  // The next page through the cursor of a served one.
  auto first = ParseJsonObject(service_->ListText(All(), {.limit = 15}).value()).value();
  ASSERT_TRUE(first.at("next_cursor").is_string());
  ExpectServedIsBuilt({.limit = 15, .cursor = std::string(first.at("next_cursor").as_string())});
}

// A create stores the record from what it holds in memory, without reading it back: it must be
// the record the rows give, for inputs that normalise (phones, names, addresses, labels).
TEST_F(ServedRecordsTest, ACreateStoresTheRecordItsRowsRender) {
  auto created = service_->Create(
      All(), context_,
      ParseJsonObject(
          R"({"first_name":" ada ","emails":[{"address":"ADA@Example.com","primary":true},)"
          R"({"address":"a2@example.com","label":""}],"phones":[{"number":"+49 30 1234567",)"
          R"("label":"work"}],"language":"de","addresses":[{"line1":"Unter den Linden 1",)"
          R"("city":"Berlin","postal_code":"10117","country":"DE"}],"tags":["b","a"],)"
          R"("consent":{"email":{"service":{"status":"granted","source":"form"},)"
          R"("marketing":{"status":"denied","wording_version":"v3"}},)"
          R"("sms":{"marketing":{"status":"granted"}}}})")
          .value());
  if (!created.ok()) {
    for (const auto& e : created.error().field_errors)
      ADD_FAILURE() << e.field << ": " << e.message;
  }
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto bodies = [&] {
    std::vector<std::string> all;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(auto rows,
                                              tx.Query("SELECT body FROM customer_served_records "
                                                       "ORDER BY customer_seq"));
                     for (const auto& row : rows) all.push_back(row.Text(0));
                     return OkStatus();
                   })
                    .ok());
    return all;
  };
  const std::vector<std::string> stored = bodies();
  ASSERT_EQ(stored.size(), static_cast<size_t>(kCustomers + 1));
  Exec("UPDATE customers SET version = version");
  RenderAll();
  EXPECT_EQ(bodies(), stored);
}

TEST_F(ServedRecordsTest, EveryChangeInvalidatesTheRecordInItsOwnTransaction) {
  // Each change, then: the record is gone and the customer stale; the page still equals the
  // built one (served from rows); rendering again brings the record back, equal again.
  const std::vector<std::pair<std::string, std::function<void()>>> changes = {
      {"a field",
       [&] {
         ASSERT_TRUE(service_
                         ->Update(All(), context_, ids_[0],
                                  ParseJsonObject(R"({"birthday":"1990-02-03"})").value(),
                                  std::nullopt)
                         .ok());
       }},
      {"the emails",
       [&] {
         ASSERT_TRUE(
             service_
                 ->Update(All(), context_, ids_[1],
                          ParseJsonObject(R"({"emails":[{"address":"new@x.example"}]})").value(),
                          std::nullopt)
                 .ok());
       }},
      {"consent",
       [&] {
         ASSERT_TRUE(
             service_
                 ->Update(All(), context_, ids_[2],
                          ParseJsonObject(R"({"consent":{"sms":{"service":{"status":"denied"}}}})")
                              .value(),
                          std::nullopt)
                 .ok());
       }},
      {"a consent record written directly",
       [&] {
         Exec(
             "INSERT INTO consent_records (customer_id, channel, purpose, status, "
             "recorded_at) VALUES (?, 'phone', 'marketing', 'granted', '2030-01-01T00:00:00Z')",
             {ids_[3]});
       }},
      {"a phone's display form",
       [&] {
         Exec("UPDATE customer_phones SET display = '0151 000' WHERE customer_id = ?", {ids_[4]});
       }},
      {"an email's label",
       [&] { Exec("UPDATE customer_emails SET label = 'home' WHERE customer_id = ?", {ids_[5]}); }},
      {"the phones removed",
       [&] { Exec("DELETE FROM customer_phones WHERE customer_id = ?", {ids_[6]}); }},
  };
  for (size_t i = 0; i < changes.size(); ++i) {
    SCOPED_TRACE(changes[i].first);
    RenderAll();
    ASSERT_TRUE(HasRecord(ids_[i]));
    changes[i].second();
    EXPECT_FALSE(HasRecord(ids_[i]));
    EXPECT_EQ(Stale(), 1);
    ExpectServedIsBuilt({.limit = 50});
    RenderAll();
    EXPECT_TRUE(HasRecord(ids_[i]));
    ExpectServedIsBuilt({.limit = 50});
  }
}

TEST_F(ServedRecordsTest, DeletingTheCompanyOrTheCustomerLeavesNoStaleRecord) {
  RenderAll();
  // ON DELETE SET NULL runs as an UPDATE of every member: each record shows company_id.
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(
                       tx.Exec("DELETE FROM companies WHERE id = ?", {company_id_}));
                   return OkStatus();
                 })
                  .ok());
  EXPECT_EQ(Rendered(), 0);
  EXPECT_EQ(Stale(), kCustomers);
  ExpectServedIsBuilt({.limit = 50});
  RenderAll();
  auto page = ParseJsonObject(service_->ListText(All(), {.limit = 50}).value()).value();
  for (const auto& record : page.at("data").as_array()) {
    EXPECT_TRUE(record.at("company_id").is_null());
  }
  ASSERT_TRUE(service_->Delete(All(), context_, ids_[0], std::nullopt).ok());
  EXPECT_EQ(Rendered(), kCustomers - 1);
  EXPECT_EQ(Stale(), 0);
  ExpectServedIsBuilt({.limit = 50});
}

TEST_F(ServedRecordsTest, ACallerWhoseRolesHideAFieldGetsTheBuiltPage) {
  RenderAll();
  access::FieldTable fields;
  fields[static_cast<size_t>(access::Object::kCustomers)]["birthday"] = access::FieldRule::kHidden;
  fields[static_cast<size_t>(access::Object::kCustomers)]["emails"] = access::FieldRule::kHidden;
  access::LevelTable levels{};
  for (auto& per_object : levels) per_object.fill(access::Level::kAll);
  const access::Access hiding("usr_1", {"usr_1"}, levels, std::move(fields), false);
  EXPECT_TRUE(hiding.HidesFields(access::Object::kCustomers));
  EXPECT_FALSE(All().HidesFields(access::Object::kCustomers));
  auto page = ParseJsonObject(service_->ListText(hiding, {.limit = 50}).value()).value();
  ASSERT_EQ(page.at("data").as_array().size(), static_cast<size_t>(kCustomers));
  for (const auto& record : page.at("data").as_array()) {
    EXPECT_FALSE(record.as_object().contains("birthday"));
    EXPECT_FALSE(record.as_object().contains("emails"));
    EXPECT_TRUE(record.as_object().contains("phones"));
  }
}

// A partly rendered page reads its rows without records whole in a second statement (the page
// selects only what a record needs), then their contact points and consent in a third.
TEST_F(ServedRecordsTest, ARenderedPageIsOneStatementAndAPartlyRenderedOneThree) {
  RenderAll();
  {
    storage::StatementLog log;
    ASSERT_TRUE(service_->ListText(All(), {.limit = 30}).ok());
    EXPECT_EQ(log.count(), 1u);
  }
  Exec("DELETE FROM customer_served_records WHERE customer_seq % 2 = 0");
  {
    storage::StatementLog log;
    ASSERT_TRUE(service_->ListText(All(), {.limit = 30}).ok());
    EXPECT_EQ(log.count(), 3u);
  }
  ExpectServedIsBuilt({.limit = 30});
  ExpectServedIsBuilt({.sort = "-created_at", .limit = 7});
}

TEST_F(ServedRecordsTest, ARecordIsReadByIdInOneStatementWithItsVersionAndAccess) {
  const std::string& id = ids_[3];
  auto built = service_->Get(All(), id);
  ASSERT_TRUE(built.ok());
  {
    storage::StatementLog log;
    auto text = service_->GetText(All(), id);
    ASSERT_TRUE(text.ok()) << text.error().message;
    EXPECT_EQ(log.count(), 1u);
    EXPECT_EQ(ParseJsonObject(text->json).value(), *built);
    EXPECT_EQ(text->version, 1);
  }
  // A caller who may read only their own customers (these have no owner) finds none.
  access::LevelTable own{};
  for (auto& per_object : own) per_object.fill(access::Level::kOwn);
  const access::Access stranger("usr_2", {"usr_2"}, own, {}, false);
  EXPECT_EQ(service_->GetText(stranger, id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->GetText(All(), "cus_missing").error().code, ErrorCode::kNotFound);
  // Not rendered: built from the rows, the same record.
  Exec("DELETE FROM customer_served_records");
  auto text = service_->GetText(All(), id);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(ParseJsonObject(text->json).value(), *built);
}

TEST_F(ServedRecordsTest, TheRendererRendersWhatTheEventsLeftStale) {
  ServedRecordRenderer renderer;
  EXPECT_TRUE(renderer.Wants("company.deleted"));
  EXPECT_TRUE(renderer.Wants("custom_field.deleted"));
  EXPECT_FALSE(renderer.Wants("interaction.logged"));
  EXPECT_FALSE(renderer.Wants("order.placed"));
  // A create stores its own record: no delivery round (a commit) per burst of creates.
  EXPECT_FALSE(renderer.Wants("customer.created"));
  EXPECT_TRUE(renderer.Wants("customer.updated"));
  storage::EventDispatcher dispatcher(*db_);
  dispatcher.Subscribe(renderer);
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  EXPECT_EQ(Stale(), 0);
  EXPECT_EQ(Rendered(), kCustomers);
  ASSERT_TRUE(service_
                  ->Update(All(), context_, ids_[7],
                           ParseJsonObject(R"({"tags":["lost"]})").value(), std::nullopt)
                  .ok());
  EXPECT_FALSE(HasRecord(ids_[7]));
  ASSERT_TRUE(dispatcher.DrainAll().ok());
  EXPECT_TRUE(HasRecord(ids_[7]));
  ExpectServedIsBuilt({.limit = 50});
}

TEST_F(ServedRecordsTest, TheStartUpPassRendersEverythingThenEnds) {
  // As a migration or a CLI write leaves them.
  Exec("DELETE FROM customer_served_records");
  Exec("INSERT INTO customer_served_stale (customer_seq) SELECT seq FROM customers");
  ServedRecordBackfill backfill(*db_);
  backfill.Start();
  // Bounded wait for a condition, not a sleep for a guess: the pass ends once nothing is stale.
  for (int i = 0; i < 600 && Stale() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  backfill.Stop();
  EXPECT_EQ(Stale(), 0);
  EXPECT_EQ(Rendered(), kCustomers);
  ExpectServedIsBuilt({.limit = 50});
}

}  // namespace
}  // namespace rapport::customers
