// Balances and vouchers imported from another loyalty tool, through the transfer engine's importer
// against a real SQLite database: opening entries booked once (a row applied again books
// nothing), every bad row named by row and column with nothing booked for it, codes kept as given
// and refused when taken, and revert taking back only what is safe to take back.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "loyalty/ledger_store.hpp"
#include "loyalty/loyalty_service.hpp"
#include "loyalty/loyalty_transfer.hpp"
#include "loyalty/voucher_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/fuzz.hpp"
#include "testing/temp_dir.hpp"
#include "transfer/importer.hpp"

namespace rapport::loyalty {
namespace {

using transfer::ImportResult;

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }

class LoyaltyImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    adapters_.Register(MakeLoyaltyBalanceTransferAdapter());
    adapters_.Register(MakeLoyaltyVoucherTransferAdapter());
    customers::CustomerService customers(*db_);
    ada_ = std::string(
        customers
            .Create(All(), context_,
                    Obj(R"({"first_name":"Ada","emails":[{"address":"ada@example.com"}]})"))
            .value()
            .at("id")
            .as_string());
    bob_ = std::string(
        customers.Create(All(), context_, Obj(R"({"first_name":"Bob","external_id":"OLD-7"})"))
            .value()
            .at("id")
            .as_string());
    LoyaltyService loyalty(*db_, [] { return NowMillis(); });
    bool created = false;
    for (std::string_view id : {"beans", "cups"}) {
      ASSERT_TRUE(loyalty
                      .PutProgramme(All(), context_, std::string(id),
                                    Obj(R"({"name":"P","currency":"EUR","pending_days":14})"),
                                    std::nullopt, created)
                      .ok());
    }
  }

  transfer::JobRef Start(const std::string& object, const std::string& csv) {
    request_ = {};
    request_.settings = {.object = object, .mode = transfer::ImportMode::kCreate};
    request_.batch_rows = 2;  // several batches even in small files
    std::istringstream peek(csv);
    transfer::CsvReader reader(peek);
    std::vector<std::string> header = **reader.Next();
    auto job = transfer::StartImportJob(adapters_, *db_, All(), context_, request_, header,
                                        static_cast<int64_t>(csv.size()));
    EXPECT_TRUE(job.ok()) << (job.ok() ? "" : job.error().message);
    return job.ok() ? *job : transfer::JobRef{};
  }

  ImportResult Import(const std::string& object, const std::string& csv) {
    transfer::JobRef job = Start(object, csv);
    std::istringstream in(csv);
    auto result = transfer::RunImport(adapters_, *db_, All(), context_, request_, job, in,
                                      static_cast<int64_t>(csv.size()), {});
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? *result : ImportResult{};
  }

  Balances BalanceOf(const std::string& customer, const std::string& programme = "beans") {
    Balances out;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(auto member, FindMember(tx, programme, customer));
                     if (!member) return OkStatus();
                     RAPPORT_ASSIGN_OR_RETURN(out, ReadBalances(tx, member->id));
                     return OkStatus();
                   })
                    .ok());
    return out;
  }

  std::optional<StoredVoucher> Voucher(const std::string& code) {
    std::optional<StoredVoucher> out;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(out, FindVoucherByCode(tx, code));
                     return OkStatus();
                   })
                    .ok());
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  transfer::AdapterRegistry adapters_;
  transfer::ImportRequest request_;
  storage::WriteContext context_{.actor = "test", .via = "import"};
  std::string ada_, bob_;
};

TEST_F(LoyaltyImportTest, OpeningBalancesAreAvailableAtOnceAndBadRowsBookNothing) {
  auto result = Import("loyalty_balances",
                       "customer,programme,points,expires_on,note\n"
                       "ada@example.com,,120,,from Smile\n"
                       "OLD-7,cups,30,2099-12-31,\n"
                       "ada@example.com,,-5,,\n"
                       "ada@example.com,,2.5,,\n"
                       "ada@example.com,,0,,\n"
                       "nobody@example.com,,10,,\n"
                       "ada@example.com,teas,10,,\n"
                       "ada@example.com,,10,yesterday,\n"
                       "ada@example.com,,10,2001-01-01,\n"
                       "ada@example.com,,40.00,,\n");
  EXPECT_EQ(result.status, transfer::JobStatus::kCompleted);
  EXPECT_EQ(result.counts.created, 3);
  EXPECT_EQ(result.counts.failed, 7);
  EXPECT_EQ(BalanceOf(ada_).available, 160);  // the oldest programme by default
  EXPECT_EQ(BalanceOf(ada_).pending, 0);
  EXPECT_EQ(BalanceOf(bob_, "cups").available, 30);
  std::map<int64_t, std::pair<std::string, std::string>> errors;
  for (const auto& e : result.errors) errors[e.row] = {e.column, e.reason};
  ASSERT_EQ(errors.size(), 7u);
  EXPECT_EQ(errors[3].first, "points");
  EXPECT_NE(errors[3].second.find("negative"), std::string::npos) << errors[3].second;
  EXPECT_EQ(errors[4].first, "points");
  EXPECT_NE(errors[4].second.find("fractional"), std::string::npos) << errors[4].second;
  EXPECT_EQ(errors[5].first, "points");
  EXPECT_EQ(errors[6].first, "customer");
  EXPECT_EQ(errors[7].first, "programme");
  EXPECT_EQ(errors[7].second, "is not a loyalty programme");
  EXPECT_EQ(errors[8].first, "expires_on");
  EXPECT_EQ(errors[9].first, "expires_on");
  // The entry names its import and row, and balances: issued points became available points.
  auto member = db_->Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto m, FindMember(tx, "beans", ada_));
    RAPPORT_ASSIGN_OR_RETURN(Ledger ledger, LoadLedger(tx, m->id));
    EXPECT_EQ(ledger.history().front().cause, "import:" + result.job.id + ":1: from Smile");
    EXPECT_EQ(ledger.Balance(Account::kIssued), -160);
    return OkStatus();
  });
  EXPECT_TRUE(member.ok());
}

TEST_F(LoyaltyImportTest, TheSameRowOfTheSameImportBooksOnce) {
  const std::string csv = "customer,points\nada@example.com,50\n";
  transfer::JobRef job = Start("loyalty_balances", csv);
  const transfer::ObjectAdapter* adapter = adapters_.Find("loyalty_balances");
  transfer::Mapping mapping;
  auto target = adapter->MakeImportTarget(request_.settings, mapping, All());
  ASSERT_TRUE(target.ok());
  transfer::RowRecord row{.row = 1, .line = 2};
  row.input["points"] = "50";
  row.customer["ref"] = "ada@example.com";
  std::vector<transfer::RowOutcome::Action> actions;
  for (int run = 0; run < 2; ++run) {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR((*target)->BeginBatch(tx));
                     RAPPORT_ASSIGN_OR_RETURN(auto outcome,
                                              (*target)->Apply(tx, All(), context_, row));
                     actions.push_back(outcome.action);
                     return OkStatus();
                   })
                    .ok());
  }
  EXPECT_EQ(actions, (std::vector{transfer::RowOutcome::Action::kCreated,
                                  transfer::RowOutcome::Action::kUnchanged}));
  EXPECT_EQ(BalanceOf(ada_).available, 50);
}

TEST_F(LoyaltyImportTest, RevertTakesBackOnlyUnspentOpeningEntries) {
  auto result = Import("loyalty_balances", "customer,points\nada@example.com,100\nOLD-7,40\n");
  ASSERT_EQ(result.counts.created, 2);
  LoyaltyService loyalty(*db_, [] { return NowMillis(); });
  ASSERT_TRUE(loyalty.Redeem(All(), context_, ada_, Obj(R"({"points":10})")).ok());
  auto reverted = transfer::RevertImport(adapters_, *db_, All(), context_, result.job.id);
  ASSERT_TRUE(reverted.ok()) << reverted.error().message;
  const json::object& counts = reverted->at("reverted").as_object();
  EXPECT_EQ(counts.at("removed").as_int64(), 1);
  EXPECT_EQ(counts.at("kept").as_int64(), 1);  // Ada spent some of hers
  EXPECT_EQ(BalanceOf(ada_).available, 90);
  EXPECT_EQ(BalanceOf(bob_).available, 0);
}

TEST_F(LoyaltyImportTest, VouchersKeepTheirCodesAndRefuseTakenOnes) {
  auto result = Import("loyalty_vouchers",
                       "code,type,amount,percent,currency,expires_at,customer,max_uses\n"
                       "summer-10,amount_off,10.00,,EUR,2099-01-01,,50\n"
                       "ada-1234,percent_off,,15,,,ada@example.com,\n"
                       "SUMMER10,percent_off,,5,,,,\n"
                       "x,free_shipping,,,,,,\n"
                       "FREESHIP,half_off,,,,,,\n"
                       "BOB99999,amount_off,,,EUR,,OLD-7,\n"
                       "OLDCODE1,free_shipping,,,,2001-01-01,,\n"
                       "BOBS0001,free_shipping,,,,,OLD-7,3\n");
  EXPECT_EQ(result.counts.created, 2);
  std::map<int64_t, std::string> column;
  for (const auto& e : result.errors) column.emplace(e.row, e.column);  // the first of a row
  EXPECT_EQ(column, (std::map<int64_t, std::string>{{3, "code"},
                                                    {4, "code"},
                                                    {5, "type"},
                                                    {6, "amount"},
                                                    {7, "expires_at"},
                                                    {8, "max_uses"}}));
  auto shared = Voucher("SUMMER10");
  ASSERT_TRUE(shared);
  EXPECT_EQ(shared->max_uses, 50);
  EXPECT_FALSE(shared->customer_id);
  auto own = Voucher("ADA1234");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->customer_id, ada_);
  EXPECT_EQ(own->max_uses, 1);
  EXPECT_EQ(own->rules.percent, 15);
  // A second import of the same code is refused; revert removes the unused codes.
  auto again = Import("loyalty_vouchers", "code,type\nSUMMER-10,free_shipping\n");
  EXPECT_EQ(again.counts.failed, 1);
  auto reverted = transfer::RevertImport(adapters_, *db_, All(), context_, result.job.id);
  ASSERT_TRUE(reverted.ok()) << reverted.error().message;
  EXPECT_EQ(reverted->at("reverted").as_object().at("removed").as_int64(), 2);
  EXPECT_FALSE(Voucher("SUMMER10"));
}

// Bounded generative: random files of good and bad cells. Every row is created or refused with a
// named column, the refused ones book nothing, the created ones book exactly their points, and
// every member's ledger stays balanced (issued = what the wallets hold).
TEST_F(LoyaltyImportTest, LoyaltyImportFuzzTestRandomBalanceFilesBookExactlyTheAcceptedRows) {
  static constexpr const char* kCustomers[] = {"ada@example.com", "OLD-7", "nobody@example.com"};
  static constexpr const char* kProgrammes[] = {"", "beans", "cups", "teas"};
  static constexpr const char* kPoints[] = {"1",   "120", "-5",         "2.5",   "0",  "",
                                            "abc", "7e2", "1000000001", "40.00", "+7", " 9"};
  static constexpr const char* kExpiries[] = {"", "2099-01-01", "2001-01-01", "soon", "2099-02-30"};
  const std::regex whole(R"(\+?0*[1-9][0-9]{0,8}(\.0*)?)");
  testing::FuzzRun run(/*iterations=*/25, /*seconds=*/4);
  int64_t expected = 0;
  while (run.Next()) {
    std::string csv = "customer,programme,points,expires_on\n";
    std::vector<std::string> points;
    const size_t rows = 1 + run.Below(6);
    for (size_t i = 0; i < rows; ++i) {
      points.emplace_back(run.Pick(kPoints));
      csv += std::string(run.Pick(kCustomers)) + "," + run.Pick(kProgrammes) + "," + points.back() +
             "," + run.Pick(kExpiries) + "\n";
    }
    auto result = Import("loyalty_balances", csv);
    ASSERT_EQ(result.counts.created + result.counts.failed, static_cast<int64_t>(rows))
        << run.Reproduce(csv);
    std::set<int64_t> refused;
    for (const auto& e : result.errors) {
      refused.insert(e.row);
      EXPECT_TRUE(e.column == "points" || e.column == "programme" || e.column == "expires_on" ||
                  e.column == "customer")
          << e.column << "\n"
          << run.Reproduce(csv);
    }
    EXPECT_EQ(static_cast<int64_t>(refused.size()), result.counts.failed) << run.Reproduce(csv);
    for (size_t i = 0; i < rows; ++i) {
      if (refused.count(static_cast<int64_t>(i) + 1)) continue;
      std::string cell = points[i];
      cell.erase(0, cell.find_first_not_of(' '));
      ASSERT_TRUE(std::regex_match(cell, whole)) << cell << "\n" << run.Reproduce(csv);
      expected += std::stoll(cell.front() == '+' ? cell.substr(1) : cell);
    }
    int64_t held = 0;
    ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     for (const std::string& customer : {ada_, bob_}) {
                       for (const char* programme : {"beans", "cups"}) {
                         RAPPORT_ASSIGN_OR_RETURN(auto m, FindMember(tx, programme, customer));
                         if (!m) continue;
                         RAPPORT_ASSIGN_OR_RETURN(Ledger ledger, LoadLedger(tx, m->id));
                         const int64_t wallets = ledger.Balance(Account::kAvailable) +
                                                 ledger.Balance(Account::kPending);
                         EXPECT_EQ(-ledger.Balance(Account::kIssued), wallets);
                         held += wallets;
                       }
                     }
                     return OkStatus();
                   })
                    .ok());
    ASSERT_EQ(held, expected) << run.Reproduce(csv);
  }
}

}  // namespace
}  // namespace rapport::loyalty
