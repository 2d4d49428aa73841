#include "access/directory.hpp"

#include <gtest/gtest.h>

#include "access/role_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::access {
namespace {

constexpr std::string_view kInsertUser =
    "INSERT INTO users (id, email, email_key, name, password_hash, roles, teams, created_at, "
    "updated_at) VALUES (?, ?, ?, 'N', 'x', ?, ?, '2026-01-01', '2026-01-01')";

class DirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  }
  void AddUser(const std::string& id, const std::string& roles, const std::string& teams) {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(tx.Exec(
                         kInsertUser, {id, id + "@x.example", id + "@x.example", roles, teams}));
                     return OkStatus();
                   })
                    .ok());
  }
  void Exec(const std::string& sql) {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(tx.Exec(sql));
                     return OkStatus();
                   })
                    .ok());
  }
  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test", .via = "cli"};
};

TEST_F(DirectoryTest, TeamLevelReachesTeammatesOnly) {
  AddUser("usr_a", R"(["sales"])", R"(["team_1"])");
  AddUser("usr_b", R"(["sales"])", R"(["team_1","team_2"])");
  AddUser("usr_c", R"(["sales"])", R"(["team_2"])");
  AccessDirectory directory(*db_);
  auto a = directory.For("usr_a", {});
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_TRUE((*a)->Allows(Object::kCustomers, Action::kRead, "usr_b"));
  EXPECT_FALSE((*a)->Allows(Object::kCustomers, Action::kRead, "usr_c"));
  EXPECT_FALSE((*a)->is_admin());
}

TEST_F(DirectoryTest, RolesMergeToTheMostPermissive) {
  AddUser("usr_a", R"(["viewer","sales"])", "[]");
  AccessDirectory directory(*db_);
  auto a = directory.For("usr_a", {}).value();
  // viewer reads all customers; sales edits own.
  EXPECT_EQ(a->LevelFor(Object::kCustomers, Action::kRead), Level::kAll);
  EXPECT_EQ(a->LevelFor(Object::kCustomers, Action::kEdit), Level::kOwn);
  // viewer hides sensitive fields but sales shows them: the most permissive wins.
  EXPECT_FALSE(a->IsHidden(Object::kCustomers, "birthday"));
}

TEST_F(DirectoryTest, SensitiveGroupCoversSensitiveCustomFieldsAndChangesApplyAtOnce) {
  AddUser("usr_v", R"(["viewer"])", "[]");
  AccessDirectory directory(*db_);
  auto before = directory.For("usr_v", {}).value();
  EXPECT_TRUE(before->IsHidden(Object::kCustomers, "birthday"));
  EXPECT_FALSE(before->IsHidden(Object::kCustomers, "custom_fields.salary"));
  Exec(
      "INSERT INTO custom_field_definitions (object_type, key, label, type, created_at, "
      "sensitive) VALUES ('customer', 'salary', 'Salary', 'number', '2026-01-01', 1)");
  auto after = directory.For("usr_v", {}).value();
  EXPECT_TRUE(after->IsHidden(Object::kCustomers, "custom_fields.salary"));
  Exec("UPDATE users SET status = 'disabled' WHERE id = 'usr_v'");
  EXPECT_EQ(directory.For("usr_v", {}).error().code, ErrorCode::kUnauthenticated);
}

TEST_F(DirectoryTest, ScopesNarrowAndNeverAdminister) {
  AddUser("usr_admin", R"(["admin"])", "[]");
  AccessDirectory directory(*db_);
  auto scoped = directory.For("usr_admin", {"customers:read"}).value();
  EXPECT_EQ(scoped->LevelFor(Object::kCustomers, Action::kRead), Level::kAll);
  EXPECT_EQ(scoped->LevelFor(Object::kCustomers, Action::kEdit), Level::kNone);
  EXPECT_FALSE(scoped->is_admin());
  EXPECT_TRUE(directory.For("usr_admin", {}).value()->is_admin());
}

TEST_F(DirectoryTest, DefinedRolesApplyAndCannotShadowBuiltIns) {
  RoleService roles(*db_);
  auto created =
      roles.Create(context_, ParseJsonObject(R"({"name":"auditor","grants":{"audit":{"read":"all"},
                                   "customers":{"read":"all"}},
                                   "fields":{"customers":{"addresses":"hidden"}}})")
                                 .value());
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(roles.Create(context_, ParseJsonObject(R"({"name":"admin"})").value()).error().code,
            ErrorCode::kConflict);
  AddUser("usr_x", R"(["auditor"])", "[]");
  AccessDirectory directory(*db_);
  auto x = directory.For("usr_x", {}).value();
  EXPECT_EQ(x->LevelFor(Object::kAudit, Action::kRead), Level::kAll);
  EXPECT_TRUE(x->IsHidden(Object::kCustomers, "addresses"));
  // A held role cannot be deleted; a built-in one never.
  EXPECT_EQ(roles.Delete(context_, "auditor", std::nullopt).error().code, ErrorCode::kConflict);
  EXPECT_EQ(roles.Delete(context_, "viewer", std::nullopt).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(roles
                  .Update(context_, "auditor",
                          ParseJsonObject(R"({"grants":{"customers":{"read":"own"}}})").value(),
                          std::nullopt)
                  .ok());
  auto changed = directory.For("usr_x", {}).value();
  EXPECT_EQ(changed->LevelFor(Object::kCustomers, Action::kRead), Level::kOwn);
  EXPECT_EQ(changed->LevelFor(Object::kAudit, Action::kRead), Level::kNone);
}

}  // namespace
}  // namespace rapport::access
