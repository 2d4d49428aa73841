#include "customers/postal_address.hpp"

#include <gtest/gtest.h>

#include "customers/company_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::customers {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

TEST(PostalAddressTest, CleansPartsAndChecksTheCountry) {
  std::vector<FieldError> errors;
  json::object address = ReadPostalAddress(
      Obj(R"({"line1":"  Hauptstraße 5 ","city":"Köln","postal_code":"50667","country":"DE",
              "region":null})"),
      "address", errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(address, Obj(R"({"line1":"Hauptstraße 5","city":"Köln","postal_code":"50667",
                             "country":"DE"})"));
  ReadPostalAddress(Obj(R"({"country":"de","city":"A\nB","planet":"Mars","line2":5})"),
                    "addresses[2]", errors);
  std::vector<std::string> fields;
  for (const auto& error : errors) fields.push_back(error.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"addresses[2].country", "addresses[2].city",
                                              "addresses[2].planet", "addresses[2].line2"}));
}

// Companies store, serve and change their address under the same rule as customers'.
TEST(PostalAddressTest, CompaniesStoreTheirAddress) {
  testing::TempDir dir;
  auto db = std::move(storage::SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  CompanyService companies(*db);
  const auto& all = access::Access::Unrestricted();
  const storage::WriteContext context{.actor = "test"};
  auto created = companies.Create(all, context, Obj(R"({"name":"Acme",
      "address":{"line1":"1 Main St","city":"Springfield","region":"IL","postal_code":"62701",
                 "country":"US"}})"));
  ASSERT_TRUE(created.ok()) << created.error().message;
  const std::string id(created->at("id").as_string());
  EXPECT_EQ(companies.Get(all, id)->at("address").at("city"), "Springfield");
  auto bad = companies.Update(all, context, id, Obj(R"({"address":{"country":"USA"}})"), {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field_errors.at(0).field, "address.country");
  EXPECT_EQ(companies.Get(all, id)->at("address").at("country"), "US");  // nothing written
  auto cleared = companies.Update(all, context, id, Obj(R"({"address":null})"), {});
  ASSERT_TRUE(cleared.ok());
  EXPECT_TRUE(cleared->at("address").is_null());
}

}  // namespace
}  // namespace rapport::customers
