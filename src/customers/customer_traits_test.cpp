// The customer-trait registry: registration rules, visibility, bulk reads for export, and a
// trait registered here (not by a shipped area) becoming filterable and sortable.
#include "customers/customer_traits.hpp"

#include <gtest/gtest.h>

#include "customers/customer_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::customers {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }

// A trait no area ships: the length of the display name, read straight from the customer row.
CustomerTrait NameLength() {
  return {.name = "name_length",
          .type = TraitType::kNumber,
          .expression = "length(c.display_name)",
          .sort_key = "printf('%05d', length(c.display_name))"};
}

TEST(CustomerTraitsTest, RefusesBadAndDuplicateNames) {
  CustomerTraits traits;
  ASSERT_TRUE(traits.Register(NameLength()).ok());
  EXPECT_EQ(traits.Register(NameLength()).error().code, ErrorCode::kInvalidArgument);
  CustomerTrait bad = NameLength();
  bad.name = "Name Length";
  EXPECT_FALSE(traits.Register(bad).ok());
  bad.name = "no_expression";
  bad.expression.clear();
  EXPECT_FALSE(traits.Register(bad).ok());
  EXPECT_EQ(traits.all().size(), 1u);
  EXPECT_EQ(traits.Find("nope"), nullptr);
}

TEST(CustomerTraitsTest, VisibilityComesFromThePublisherAndFromRoleFieldRules) {
  CustomerTraits traits;
  CustomerTrait admins_only = NameLength();
  admins_only.name = "secret_score";
  admins_only.visible = [](const access::Access& access) { return access.is_admin(); };
  ASSERT_TRUE(traits.Register(NameLength()).ok());
  ASSERT_TRUE(traits.Register(admins_only).ok());
  access::LevelTable levels;
  for (auto& row : levels) row.fill(access::Level::kAll);
  const access::Access staff("usr_x", {}, levels, {}, false);
  EXPECT_NE(traits.FindVisible("name_length", staff), nullptr);
  EXPECT_EQ(traits.FindVisible("secret_score", staff), nullptr);
  EXPECT_NE(traits.FindVisible("secret_score", All()), nullptr);
  access::FieldTable fields;
  fields[static_cast<size_t>(access::Object::kCustomers)]["name_length"] =
      access::FieldRule::kHidden;
  const access::Access hiding("usr_x", {}, levels, fields, false);
  EXPECT_EQ(traits.FindVisible("name_length", hiding), nullptr);
}

class TraitQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    ASSERT_TRUE(traits_.Register(NameLength()).ok());
    ASSERT_TRUE(traits_
                    .Register({.name = "spent",
                               .type = TraitType::kMoney,
                               .expression = "length(c.display_name) * 125"})
                    .ok());
    CustomerService service(*db_, traits_);
    for (const char* name : {"Bo", "Alexandra", "Ida"}) {
      auto created =
          service.Create(All(), context_, Obj(R"({"first_name":")" + std::string(name) + "\"}"));
      ASSERT_TRUE(created.ok());
      ids_.push_back(std::string(created->at("id").as_string()));
    }
  }
  std::vector<std::string> Names(const Result<Page>& page) {
    std::vector<std::string> names;
    for (const auto& customer : page->data) {
      names.emplace_back(customer.at("first_name").as_string());
    }
    return names;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test"};
  CustomerTraits traits_;
  std::vector<std::string> ids_;
};

TEST_F(TraitQueryTest, ARegisteredTraitFiltersAndSortsWithKeysetPages) {
  CustomerService service(*db_, traits_);
  auto longer = service.List(
      All(), {.filter = ParseJson(R"({"field":"name_length","op":"gte","value":3})").value(),
              .sort = "-name_length"});
  ASSERT_TRUE(longer.ok()) << longer.error().message;
  EXPECT_EQ(Names(longer), (std::vector<std::string>{"Alexandra", "Ida"}));
  // Money filters compare amounts as written: Ida's 3 × 1.25 = 3.75.
  auto cheap = service.List(
      All(), {.filter = ParseJson(R"({"field":"spent","op":"lt","value":4.5})").value()});
  EXPECT_EQ(Names(cheap), (std::vector<std::string>{"Bo", "Ida"}));
  auto first = service.List(All(), {.sort = "name_length", .limit = 2});
  ASSERT_TRUE(first->next_cursor.has_value());
  auto second =
      service.List(All(), {.sort = "name_length", .limit = 2, .cursor = first->next_cursor});
  EXPECT_EQ(Names(first), (std::vector<std::string>{"Bo", "Ida"}));
  EXPECT_EQ(Names(second), (std::vector<std::string>{"Alexandra"}));
}

TEST_F(TraitQueryTest, UnknownAndUnsortableTraitsAreRefusedNamingTheField) {
  CustomerService service(*db_, traits_);
  auto unknown =
      service.List(All(), {.filter = ParseJson(R"({"field":"nps","op":"gt","value":3})").value()});
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.error().field_errors.at(0).field, "filter.field");
  auto unsortable = service.List(All(), {.sort = "spent"});  // registered without a sort key
  EXPECT_EQ(unsortable.error().field_errors.at(0).field, "sort");
  // Without the registry the same trait is unknown.
  auto bare = CustomerService(*db_).List(All(), {.sort = "name_length"});
  EXPECT_EQ(bare.error().field_errors.at(0).field, "sort");
}

TEST_F(TraitQueryTest, ExportReadsAPageOfValuesAsServed) {
  std::map<std::string, json::object> values;
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(values, traits_.ReadForCustomers(tx, All(), ids_));
                   return OkStatus();
                 })
                  .ok());
  ASSERT_EQ(values.size(), 3u);
  EXPECT_EQ(values[ids_[1]], Obj(R"({"name_length":9,"spent":"11.25"})"));
}

}  // namespace
}  // namespace rapport::customers
