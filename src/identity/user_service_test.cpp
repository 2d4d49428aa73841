#include "identity/user_service.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include "identity/token_service.hpp"
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
  // A live session row for `user_id`, as SessionService::SignIn writes one.
  void AddSession(const std::string& user_id, const std::string& session_id) {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(tx.Exec(
                         "INSERT INTO sessions (id, token_hash, user_id, created_at, "
                         "last_seen_at, expires_at) VALUES (?, ?, ?, '2026-01-01T00:00:00Z',"
                         " '2026-01-01T00:00:00Z', '2999-01-01T00:00:00Z')",
                         {session_id, "hash-" + session_id, user_id}));
                     return OkStatus();
                   })
                    .ok());
  }
  int64_t LiveSessions(const std::string& user_id) {
    int64_t live = -1;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(
                         auto rows, tx.Query("SELECT COUNT(*) FROM sessions WHERE user_id = ? "
                                             "AND revoked_at IS NULL",
                                             {user_id}));
                     live = rows.at(0).Int(0);
                     return OkStatus();
                   })
                    .ok());
    return live;
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

// Disabling revokes, so enabling again brings back neither the old cookie nor the old token;
// both paths that disable (the CLI's Disable and the API's status patch) do it.
TEST_F(UserServiceTest, DisablingEndsSessionsAndTokensForGood) {
  TokenService tokens(*db_);
  for (const bool through_patch : {false, true}) {
    const std::string email = through_patch ? "pat@example.com" : "cli@example.com";
    auto user = users_->Create(context_, {email, "Someone", {"support"}, "a long passphrase"});
    ASSERT_TRUE(user.ok());
    const std::string id(user->at("id").as_string());
    AddSession(id, "ses_" + email);
    auto token = tokens.Create(context_, "laptop", std::nullopt, id);
    ASSERT_TRUE(token.ok());
    ASSERT_TRUE(tokens.Authenticate(token->secret).ok());
    if (through_patch) {
      ASSERT_TRUE(users_->Update(context_, id, json::object{{"status", "disabled"}}, std::nullopt).ok());
    } else {
      ASSERT_TRUE(users_->Disable(context_, id).ok());
    }
    ASSERT_TRUE(users_->Update(context_, id, json::object{{"status", "active"}}, std::nullopt).ok());
    EXPECT_EQ(LiveSessions(id), 0) << email;
    EXPECT_FALSE(tokens.Authenticate(token->secret).ok()) << email;
    auto trail =
        storage::QueryAudit(*db_, {.object_type = "api_token", .object_id = token->info.id});
    ASSERT_EQ(trail->data.size(), 2u);  // created, then revoked by the disable
  }
}

TEST_F(UserServiceTest, AResetPasswordEndsSessions) {
  auto user = users_->Create(context_, {"bo@example.com", "Bo", {"support"}, "a long passphrase"});
  const std::string id(user->at("id").as_string());
  AddSession(id, "ses_1");
  ASSERT_TRUE(users_->ResetPassword(context_, id, "another long phrase").ok());
  EXPECT_EQ(LiveSessions(id), 0);
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
