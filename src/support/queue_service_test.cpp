#include "support/queue_service.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

class QueueServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    queues_ = std::make_unique<QueueService>(*db_);
  }
  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test"};
  std::unique_ptr<QueueService> queues_;
  const access::Access& all_ = access::Access::Unrestricted();
};

TEST_F(QueueServiceTest, NamesAndAddressesAreUniqueAndVersionsChecked) {
  auto billing =
      queues_->Create(all_, context_, Obj(R"({"name":"Billing","email":"Billing@Example.com"})"));
  ASSERT_TRUE(billing.ok()) << billing.error().message;
  EXPECT_EQ(billing->at("default_priority"), "normal");
  auto same_name = queues_->Create(all_, context_, Obj(R"({"name":"billing"})"));
  EXPECT_EQ(same_name.error().code, ErrorCode::kConflict);
  auto same_mail =
      queues_->Create(all_, context_, Obj(R"({"name":"Other","email":"billing@example.com"})"));
  EXPECT_EQ(same_mail.error().field_errors.at(0).field, "email");
  auto bad = queues_->Create(
      all_, context_, Obj(R"({"name":"","default_priority":"asap","team_id":"team_x","x":1})"));
  EXPECT_EQ(bad.error().field_errors.size(), 4u);
  const std::string id(billing->at("id").as_string());
  auto renamed = queues_->Update(all_, context_, id, Obj(R"({"name":"Invoices"})"), 1);
  ASSERT_TRUE(renamed.ok()) << renamed.error().message;
  EXPECT_EQ(renamed->at("version"), 2);
  EXPECT_EQ(queues_->Update(all_, context_, id, Obj(R"({"name":"X"})"), 1).error().code,
            ErrorCode::kPreconditionFailed);
  EXPECT_EQ(queues_->List()->size(), 1u);
  ASSERT_TRUE(queues_->Delete(all_, context_, id, 2).ok());
  EXPECT_EQ(queues_->Get(id).error().code, ErrorCode::kNotFound);
}

TEST_F(QueueServiceTest, OnlyTheQueuesLevelsChangeQueues) {
  access::LevelTable levels;
  for (auto& row : levels) row.fill(access::Level::kAll);
  auto& queues = levels[static_cast<size_t>(access::Object::kQueues)];
  queues.fill(access::Level::kNone);
  queues[static_cast<size_t>(access::Action::kRead)] = access::Level::kAll;
  const access::Access staff("usr_x", {}, levels, {}, false);
  EXPECT_EQ(queues_->Create(staff, context_, Obj(R"({"name":"Billing"})")).error().code,
            ErrorCode::kPermissionDenied);
  // A manager-like role, not an administrator, with the queues levels: changes them.
  queues[static_cast<size_t>(access::Action::kCreate)] = access::Level::kAll;
  const access::Access manager("usr_m", {}, levels, {}, false);
  EXPECT_TRUE(queues_->Create(manager, context_, Obj(R"({"name":"Billing"})")).ok());
}

}  // namespace
}  // namespace rapport::support
