// Editing and deleting custom field definitions against a real SQLite database: what may change,
// what happens to the values records hold, versions and the audit trail.
#include "customers/custom_fields.hpp"

#include <gtest/gtest.h>

#include "customers/customer_service.hpp"
#include "storage/audit.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::customers {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }

class CustomFieldEditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    customers_ = std::make_unique<CustomerService>(*db_);
    ASSERT_TRUE(DefineCustomField(*db_, context_, Obj(R"({"object_type":"customer","key":"tier",
        "label":"Tier","type":"select","options":["gold","silver"]})"))
                    .ok());
  }
  std::string Create(std::string_view body) {
    auto created = customers_->Create(All(), context_, Obj(body));
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? std::string(created->at("id").as_string()) : "";
  }
  json::object Customer(const std::string& id) { return customers_->Get(All(), id).value(); }
  Result<CustomFieldDefinition> Update(std::string_view patch,
                                       std::optional<int64_t> version = std::nullopt) {
    return UpdateCustomField(*db_, context_, "customer", "tier", Obj(patch), version);
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<CustomerService> customers_;
  storage::WriteContext context_{.actor = "test"};
};

TEST_F(CustomFieldEditTest, EditsLabelOptionsRequiredAndSensitiveWithANewVersion) {
  auto updated = Update(R"({"label":"Loyalty tier","options":["gold","silver","bronze"],
      "required":true,"sensitive":true})");
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->label, "Loyalty tier");
  EXPECT_EQ(updated->options, (std::vector<std::string>{"gold", "silver", "bronze"}));
  EXPECT_TRUE(updated->required);
  EXPECT_TRUE(updated->sensitive);
  EXPECT_EQ(updated->version, 2);
  auto listed = ListCustomFields(*db_, "customer").value();
  EXPECT_EQ(CustomFieldToJson(listed.at(0)), CustomFieldToJson(*updated));
  // The new option is usable at once; an unchanged patch makes no new version.
  Create(R"({"first_name":"Ann","custom_fields":{"tier":"bronze"}})");
  EXPECT_EQ(Update(R"({"label":"Loyalty tier"})")->version, 2);
  auto trail = storage::QueryAudit(*db_, {.object_type = "custom_field"}).value();
  EXPECT_EQ(trail.data.size(), 2u);  // create, update
}

TEST_F(CustomFieldEditTest, RefusesChangingTypeOrKeyAndBadValuesNamingTheField) {
  auto type = Update(R"({"type":"text"})");
  ASSERT_FALSE(type.ok());
  EXPECT_EQ(type.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(type.error().field_errors.at(0).field, "type");
  EXPECT_EQ(Update(R"({"key":"level"})").error().field_errors.at(0).field, "key");
  EXPECT_EQ(Update(R"({"label":""})").error().field_errors.at(0).field, "label");
  EXPECT_EQ(Update(R"({"required":"yes"})").error().field_errors.at(0).field, "required");
  EXPECT_EQ(Update(R"({"options":[]})").error().field_errors.at(0).field, "options");
  EXPECT_EQ(Update(R"({"colour":"red"})").error().field_errors.at(0).field, "colour");
  // The same type and key, as a client sends back what it read, are fine.
  EXPECT_TRUE(Update(R"({"type":"select","key":"tier","object_type":"customer"})").ok());
  EXPECT_EQ(ListCustomFields(*db_, "customer")->at(0).version, 1);  // nothing written
  EXPECT_EQ(
      UpdateCustomField(*db_, context_, "customer", "nope", Obj("{}"), std::nullopt).error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(Update(R"({"label":"X"})", 7).error().code, ErrorCode::kPreconditionFailed);
}

TEST_F(CustomFieldEditTest, RemovingAnOptionRecordsStillHoldIsAConflict) {
  Create(R"({"first_name":"Ann","custom_fields":{"tier":"gold"}})");
  auto removed = Update(R"({"options":["silver"]})");
  ASSERT_FALSE(removed.ok());
  EXPECT_EQ(removed.error().code, ErrorCode::kConflict);
  EXPECT_NE(removed.error().message.find("\"gold\" (1 record)"), std::string::npos);
  // An option no record holds may go.
  EXPECT_TRUE(Update(R"({"options":["gold"]})").ok());
}

TEST_F(CustomFieldEditTest, RequiredTurnedOnLeavesExistingRecordsEditable) {
  const std::string id = Create(R"({"first_name":"Ann"})");
  ASSERT_TRUE(Update(R"({"required":true})").ok());
  EXPECT_TRUE(customers_->Update(All(), context_, id, Obj(R"({"first_name":"Anna"})"), {}).ok());
  auto fresh = customers_->Create(All(), context_, Obj(R"({"first_name":"Bob"})"));
  ASSERT_FALSE(fresh.ok());
  EXPECT_EQ(fresh.error().field_errors.at(0).field, "custom_fields.tier");
}

TEST_F(CustomFieldEditTest, DeleteRemovesTheValueFromEveryRecordAuditedPerRecord) {
  ASSERT_TRUE(DefineCustomField(*db_, context_,
                                Obj(R"({"object_type":"customer","key":"shoe","label":"Shoe",
                                        "type":"number"})"))
                  .ok());
  const std::string ann =
      Create(R"({"first_name":"Ann","custom_fields":{"tier":"gold","shoe":38}})");
  const std::string bob = Create(R"({"first_name":"Bob","custom_fields":{"shoe":44}})");
  EXPECT_EQ(DeleteCustomField(*db_, context_, "customer", "tier", 2).error().code,
            ErrorCode::kPreconditionFailed);
  auto changed = DeleteCustomField(*db_, context_, "customer", "tier", 1);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(*changed, 1);
  json::object after = Customer(ann);
  EXPECT_EQ(after.at("custom_fields"), Obj(R"({"shoe":38})"));
  EXPECT_EQ(after.at("version"), 2);
  EXPECT_EQ(Customer(bob).at("version"), 1);  // held no value: untouched
  EXPECT_EQ(ListCustomFields(*db_, "customer")->size(), 1u);
  // The old value stays in the record's audit trail.
  auto trail = storage::QueryAudit(*db_, {.object_type = "customer", .object_id = ann}).value();
  ASSERT_EQ(trail.data.size(), 2u);
  EXPECT_EQ(trail.data[0].at("action"), "update");
  // The key is free again: redefining it starts empty, not with the old values.
  ASSERT_TRUE(DefineCustomField(*db_, context_, Obj(R"({"object_type":"customer","key":"tier",
        "label":"Tier","type":"text"})"))
                  .ok());
  EXPECT_FALSE(Customer(ann).at("custom_fields").as_object().contains("tier"));
  EXPECT_EQ(DeleteCustomField(*db_, context_, "customer", "gone", std::nullopt).error().code,
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace rapport::customers
