#include "identity/user_service.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include "storage/audit.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::identity {
namespace {

class UserServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    users_ = std::make_unique<UserService>(*db_, hasher_);
  }
  std::string StoredHash(const std::string& id) {
    std::string hash;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(
                         auto rows, tx.Query("SELECT password_hash FROM users WHERE id = ?", {id}));
                     hash = rows.at(0).Text(0);
                     return OkStatus();
                   })
                    .ok());
    return hash;
  }
  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  PasswordHasher hasher_{1};
  std::unique_ptr<UserService> users_;
  storage::WriteContext context_{.actor = "cli:user", .via = "cli"};
};

TEST_F(UserServiceTest, CreatesWithAHashedPasswordAndAuditsWithoutIt) {
  auto user = users_->Create(
      context_, {"Ada@Example.com", "Ada Lovelace", {"admin", "sales"}, "analytical engine"});
  ASSERT_TRUE(user.ok()) << user.error().message;
  EXPECT_EQ(user->at("status"), "active");
  EXPECT_EQ(user->at("roles"), (json::array{"admin", "sales"}));
  EXPECT_FALSE(user->contains("password_hash"));
  const std::string id(user->at("id").as_string());
  const std::string hash = StoredHash(id);
  EXPECT_TRUE(hasher_.Verify(hash, "analytical engine"));
  auto trail = storage::QueryAudit(*db_, {.object_type = "user"});
  ASSERT_EQ(trail->data.size(), 1u);
  const std::string serialized = json::serialize(trail->data[0]);
  EXPECT_EQ(serialized.find("argon2"), std::string::npos);
  EXPECT_EQ(serialized.find("analytical engine"), std::string::npos);
}

TEST_F(UserServiceTest, RefusesBadInputAndTakenEmails) {
  ASSERT_TRUE(
      users_->Create(context_, {"ada@example.com", "Ada", {"admin"}, "analytical engine"}).ok());
  auto taken =
      users_->Create(context_, {"ADA@example.com", "Other", {"viewer"}, "difference engine"});
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
  auto bad = users_->Create(context_, {"nope", "", {"wizard"}, "password1234"});
  ASSERT_FALSE(bad.ok());
  std::set<std::string> fields;
  for (const auto& e : bad.error().field_errors) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"email", "name", "roles", "password"}));
  EXPECT_EQ(users_->List()->size(), 1u);
}

TEST_F(UserServiceTest, DisableAndResetPassword) {
  auto user = users_->Create(context_, {"bo@example.com", "Bo", {"support"}, "a long passphrase"});
  const std::string id(user->at("id").as_string());
  auto disabled = users_->Disable(context_, "BO@example.com");
  ASSERT_TRUE(disabled.ok());
  EXPECT_EQ(disabled->at("status"), "disabled");
  EXPECT_EQ(users_->ResetPassword(context_, id, "password1234").error().code,
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE(users_->ResetPassword(context_, id, "another long phrase").ok());
  EXPECT_TRUE(hasher_.Verify(StoredHash(id), "another long phrase"));
  EXPECT_FALSE(hasher_.Verify(StoredHash(id), "a long passphrase"));
  EXPECT_EQ(users_->Disable(context_, "nobody@example.com").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace rapport::identity
