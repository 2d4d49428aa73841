// Statement bounds of the customer read paths: each page (or record) costs the same few SQL
// statements whatever its size, so a query per row cannot come back unnoticed (issue 12). Counts
// come from StatementLog, a hook in SqliteConnection; nothing is timed. Real SQLite in a temp dir.
#include <gtest/gtest.h>

#include <string>

#include "access/grants.hpp"
#include "analytics/health_tracker.hpp"
#include "customers/contact_points.hpp"
#include "customers/customer_service.hpp"
#include "customers/customer_store.hpp"
#include "interactions/customer_overview.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/statement_log.hpp"
#include "testing/customer_traits.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::customers {
namespace {

// What a page of customers may cost: the page query, then contact points and current consent.
constexpr size_t kStatementsPerPage = 2;
// The overview: the customer (as a page of one), its company when it has one, channel counts,
// totals, the latest timeline entries.
constexpr size_t kStatementsPerOverview = 7;
constexpr int kCustomers = 120;

class CustomerReadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    service_ = std::make_unique<CustomerService>(*db_, testing::ShippedCustomerTraits());
    // Every customer has what a page must load: two emails, two phones, consent, a company.
    std::string records;
    for (int i = 0; i < kCustomers; ++i) {
      const std::string n = std::to_string(i);
      records += std::string(records.empty() ? "" : ",") + R"({"first_name":"Mara )" + n +
                 R"(","last_name":"Stone","tags":["vip"],"emails":[{"address":"m)" + n +
                 R"(@a.example"},{"address":"m)" + n +
                 R"(@b.example"}],"phones":[{"number":"+4915)" + std::to_string(10000000 + i) +
                 R"("},{"number":"+4930)" + std::to_string(1000000 + i) +
                 R"("}],"consent":{"email":{"marketing":{"status":"granted"}},)"
                 R"("sms":{"service":{"status":"denied"}}}})";
    }
    auto batch = service_->Batch(access::Access::Unrestricted(), context_,
                                 ParseJsonObject(R"({"records":[)" + records + "]}").value());
    ASSERT_TRUE(batch.ok()) << batch.error().message;
    ASSERT_EQ(batch->at("created"), kCustomers);
    first_id_ = std::string(batch->at("results").as_array()[0].at("id").as_string());
  }

  // Statements of one List call, after checking it returned `expected` records.
  size_t ListStatements(CustomerQuery query, size_t expected) {
    storage::StatementLog log;
    auto page = service_->List(access::Access::Unrestricted(), query);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message);
    if (page.ok()) {
      EXPECT_EQ(page->data.size(), expected);
      // What the page loaded is there: contact points and consent of every record.
      for (const auto& record : page->data) {
        EXPECT_EQ(record.at("emails").as_array().size(), 2u);
        EXPECT_EQ(record.at("phones").as_array().size(), 2u);
        EXPECT_EQ(record.at("consent").at("email").at("marketing").at("status"), "granted");
      }
    }
    return log.count();
  }

  std::string Statements(const storage::StatementLog& log) {
    std::string text;
    for (const auto& sql : log.statements()) text += "\n  " + sql;
    return text;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<CustomerService> service_;
  storage::WriteContext context_{.actor = "test"};
  std::string first_id_;
};

TEST_F(CustomerReadsTest, GetIsAFixedNumberOfStatements) {
  storage::StatementLog log;
  auto customer = service_->Get(access::Access::Unrestricted(), first_id_);
  ASSERT_TRUE(customer.ok()) << customer.error().message;
  const json::object& phone = customer->at("phones").as_array()[0].as_object();
  EXPECT_EQ(phone.at("display").as_string(), DisplayPhone(phone.at("number").as_string()));
  EXPECT_LE(log.count(), kStatementsPerPage) << Statements(log);
}

TEST_F(CustomerReadsTest, AListPageCostsTheSameStatementsWhateverItsSize) {
  for (const char* sort : {"created_at", "display_name", "-last_name", "order_count"}) {
    SCOPED_TRACE(sort);
    const size_t one = ListStatements({.sort = sort, .limit = 1}, 1);
    EXPECT_LE(one, kStatementsPerPage);
    EXPECT_EQ(ListStatements({.sort = sort, .limit = 20}, 20), one);
    EXPECT_EQ(ListStatements({.sort = sort, .limit = 100}, 100), one);
  }
}

// A page picks each cell's current consent from all of a customer's records (one statement for
// the page, not a subquery per record): it must serve what the consent endpoint's own SQL rule
// (newest recorded_at, then latest recorded) calls current, for records that arrive out of order.
TEST_F(CustomerReadsTest, APageServesTheCurrentConsentOfEachCell) {
  ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                   // Older than the record made at creation: recorded later, from paper.
                   RAPPORT_RETURN_IF_ERROR(tx.Exec(
                       "INSERT INTO consent_records (customer_id, channel, purpose, status, "
                       "recorded_at, source) SELECT id, 'email', 'marketing', 'denied', "
                       "'2020-01-01T00:00:00Z', 'paper' FROM customers"));
                   // Newer than the one made at creation.
                   RAPPORT_RETURN_IF_ERROR(tx.Exec(
                       "INSERT INTO consent_records (customer_id, channel, purpose, status, "
                       "recorded_at, source, wording_version) SELECT id, 'sms', 'service', "
                       "'granted', '2099-01-01T00:00:00Z', 'phone call', 'v2' FROM customers"));
                   // Two at the same instant: the one recorded last wins.
                   for (const char* status : {"granted", "denied"}) {
                     RAPPORT_RETURN_IF_ERROR(tx.Exec(
                         "INSERT INTO consent_records (customer_id, channel, purpose, status, "
                         "recorded_at) SELECT id, 'phone', 'marketing', ?, "
                         "'2030-01-01T00:00:00Z' FROM customers",
                         {std::string(status)}));
                   }
                   return OkStatus();
                 })
                  .ok());
  const access::Access& access = access::Access::Unrestricted();
  auto page = service_->List(access, {.limit = 100});
  auto text = service_->ListText(access, {.limit = 100});
  ASSERT_TRUE(page.ok() && text.ok());
  ASSERT_EQ(page->data.size(), 100u);
  EXPECT_EQ(ParseJsonObject(*text).value(), PageToJson(*page));
  for (const auto& record : page->data) {
    const json::value& consent = record.at("consent");
    EXPECT_EQ(consent.at("email").at("marketing").at("status"), "granted");
    EXPECT_EQ(consent.at("sms").at("service").at("source"), "phone call");
    EXPECT_EQ(consent.at("phone").at("marketing").at("status"), "denied");
    auto current = service_->Consent(access, std::string(record.at("id").as_string()));
    ASSERT_TRUE(current.ok());
    EXPECT_EQ(consent, current->at("current"));
  }
}

// A create serves the consent it just wrote without reading it back (CurrentConsentOf): the
// same rule in memory, for records in the order they were inserted.
TEST(CurrentConsentOfTest, KeepsEachCellsNewestRecordAndTheLaterOfATie) {
  auto entry = [](std::string channel, std::string purpose, std::string status, std::string at) {
    return ConsentEntry{.channel = std::move(channel),
                        .purpose = std::move(purpose),
                        .status = std::move(status),
                        .recorded_at = std::move(at)};
  };
  const std::vector<ConsentEntry> current = store::CurrentConsentOf({
      entry("email", "marketing", "granted", "2030-01-01T00:00:00.000Z"),
      entry("email", "marketing", "denied", "2020-01-01T00:00:00.000Z"),  // older, though later
      entry("sms", "service", "granted", "2025-01-01T00:00:00.000Z"),
      entry("sms", "service", "denied", "2025-01-01T00:00:00.000Z"),  // a tie: the later insert
      entry("email", "service", "granted", "2021-01-01T00:00:00.000Z"),
  });
  ASSERT_EQ(current.size(), 3u);
  EXPECT_EQ(current[0].status, "granted");
  EXPECT_EQ(current[0].recorded_at, "2030-01-01T00:00:00.000Z");
  EXPECT_EQ(current[1].status, "denied");
  EXPECT_EQ(current[2].purpose, "service");
  EXPECT_TRUE(store::CurrentConsentOf({}).empty());
}

TEST_F(CustomerReadsTest, SearchAndFilterPagesCostTheSameStatementsWhateverTheirSize) {
  const json::value filter = ParseJson(R"({"field":"tags","op":"contains","value":"vip"})").value();
  for (int limit : {1, 20, 100}) {
    SCOPED_TRACE(limit);
    const auto expected = static_cast<size_t>(limit);
    // q: full text; filter: POST /customers/search. Through List, which builds every record;
    // the handlers' ListText reads served records instead where they exist, one statement fewer
    // (served_records_test.cpp).
    EXPECT_LE(ListStatements({.q = "mara stone", .limit = limit}, expected), kStatementsPerPage);
    // Compiling a filter reads the custom field definitions once: one statement more.
    EXPECT_LE(ListStatements({.filter = filter, .limit = limit}, expected), kStatementsPerPage + 1);
  }
}

TEST_F(CustomerReadsTest, ATraitLookupFilterCostsOneProbeMoreWhateverThePageSize) {
  customers::CustomerTraits traits;
  ASSERT_TRUE(analytics::RegisterHealthTraits(traits).ok());
  CustomerService service(*db_, traits);
  ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(tx.Exec(
                       "INSERT INTO customer_health (customer_id, score, risk, bad_open, reasons, "
                       "inputs, updated_at) SELECT id, 10, 'high', 0, '[]', '{}', "
                       "'2026-12-07T00:00:00Z' FROM customers"));
                   return OkStatus();
                 })
                  .ok());
  const json::value filter =
      ParseJson(R"({"field":"churn_risk","op":"eq","value":"high"})").value();
  for (int limit : {1, 20, 100}) {
    SCOPED_TRACE(limit);
    storage::StatementLog log;
    auto page = service.List(access::Access::Unrestricted(), {.filter = filter, .limit = limit});
    ASSERT_TRUE(page.ok()) << page.error().message;
    EXPECT_EQ(page->data.size(), static_cast<size_t>(limit));
    // The custom field definitions and the lookup's count of matches: two statements more.
    EXPECT_LE(log.count(), kStatementsPerPage + 2) << Statements(log);
    EXPECT_NE(Statements(log).find("c.id IN (SELECT h.customer_id"), std::string::npos)
        << Statements(log);
  }
}

TEST_F(CustomerReadsTest, TheOverviewIsAFixedNumberOfStatementsWhateverTheTimeline) {
  interactions::InteractionService interactions(*db_);
  // More entries than the overview shows: its cost must not follow the timeline's length.
  for (int i = 0; i < interactions::kOverviewTimelineEntries + 5; ++i) {
    ASSERT_TRUE(
        interactions
            .Log(access::Access::Unrestricted(), context_, first_id_,
                 ParseJsonObject(R"({"channel":"email","direction":"inbound","kind":"message"})")
                     .value())
            .ok());
  }
  storage::StatementLog log;
  auto overview =
      interactions::LoadCustomerOverview(*db_, access::Access::Unrestricted(), first_id_);
  ASSERT_TRUE(overview.ok()) << overview.error().message;
  EXPECT_EQ(overview->at("timeline").as_array().size(),
            static_cast<size_t>(interactions::kOverviewTimelineEntries));
  EXPECT_LE(log.count(), kStatementsPerOverview) << Statements(log);
  // Served from the customer's stored record (this caller hides no field), which holds the
  // current consent the overview repeats beside it: no consent row is read again.
  EXPECT_NE(Statements(log).find("customer_served_records"), std::string::npos) << Statements(log);
  EXPECT_EQ(Statements(log).find("consent_records"), std::string::npos) << Statements(log);
}

}  // namespace
}  // namespace rapport::customers
