// The stored display form of phone numbers: made when written, filled for rows from before
// migration 0014, and served without libphonenumber.
#include "customers/phone_displays.hpp"

#include <gtest/gtest.h>

#include "customers/contact_points.hpp"
#include "customers/customer_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::customers {
namespace {

constexpr std::string_view kForgetDisplays = "UPDATE customer_phones SET display = NULL";
constexpr std::string_view kDisplays =
    "SELECT display FROM customer_phones ORDER BY customer_id, position";

TEST(PhoneDisplayTest, NormalizingGivesTheSameDisplayAsFormattingTheStoredNumber) {
  for (const auto& [input, region] :
       std::vector<std::pair<std::string, std::string>>{{"+49 (0)151 2345678", ""},
                                                        {"0151 2345678", "DE"},
                                                        {"020 7946 0958", "GB"},
                                                        {"(202) 555-0143", "US"},
                                                        {"0039 06 6982 1234", ""},
                                                        {"+800 1234 5678", ""}}) {
    SCOPED_TRACE(input);
    const PhoneResult result = NormalizePhone(input, region);
    ASSERT_TRUE(result.e164) << result.problem;
    EXPECT_EQ(result.display, DisplayPhone(*result.e164));
    EXPECT_NE(result.display, *result.e164);
  }
}

class PhoneDisplaysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    CustomerService customers(*db_);
    auto created = customers.Create(
        access::Access::Unrestricted(), {.actor = "test"},
        ParseJsonObject(R"({"first_name":"Ida","phones":[{"number":"+4915234944775"},
                            {"number":"+442079460958"}]})")
            .value());
    ASSERT_TRUE(created.ok()) << created.error().message;
    id_ = std::string(created->at("id").as_string());
  }
  std::vector<std::string> StoredDisplays() {
    std::vector<std::string> displays;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kDisplays));
                     for (const auto& row : rows) {
                       displays.push_back(row.IsNull(0) ? "NULL" : row.Text(0));
                     }
                     return OkStatus();
                   })
                    .ok());
    return displays;
  }
  json::array ServedPhones() {
    auto customer = CustomerService(*db_).Get(access::Access::Unrestricted(), id_);
    EXPECT_TRUE(customer.ok());
    return customer.ok() ? customer->at("phones").as_array() : json::array();
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::string id_;
};

TEST_F(PhoneDisplaysTest, WritesStoreTheDisplayFormAndReadsServeIt) {
  EXPECT_EQ(StoredDisplays(), (std::vector<std::string>{"+49 1523 4944775", "+44 20 7946 0958"}));
  EXPECT_EQ(ServedPhones()[0].at("display"), "+49 1523 4944775");
  auto filled = FillPhoneDisplays(*db_);
  ASSERT_TRUE(filled.ok());
  EXPECT_EQ(*filled, 0);  // nothing left from before the migration
}

TEST_F(PhoneDisplaysTest, RowsFromBeforeTheMigrationAreFilledAtStart) {
  ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                   return tx.Exec(kForgetDisplays).ok() ? OkStatus() : Error::Internal("update");
                 })
                  .ok());
  // Until filled, a read shows the stored E.164 form rather than running libphonenumber.
  EXPECT_EQ(ServedPhones()[0].at("display"), "+4915234944775");
  auto filled = FillPhoneDisplays(*db_);
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  EXPECT_EQ(*filled, 2);
  EXPECT_EQ(StoredDisplays(), (std::vector<std::string>{"+49 1523 4944775", "+44 20 7946 0958"}));
  EXPECT_EQ(ServedPhones()[1].at("display"), "+44 20 7946 0958");
}

}  // namespace
}  // namespace rapport::customers
