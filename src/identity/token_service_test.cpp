#include "identity/token_service.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::identity {
namespace {

class TokenServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    tokens_ = std::make_unique<TokenService>(*db_);
  }
  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<TokenService> tokens_;
  storage::WriteContext context_{.actor = "test", .via = "cli"};
};

TEST_F(TokenServiceTest, OnlyTheHashIsStored) {
  auto token = tokens_->Create(context_, "ci", std::nullopt, "");
  ASSERT_TRUE(token.ok());
  bool secret_found = true;
  ASSERT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(
                       auto rows, tx.Query("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ? "
                                           "OR prefix = ? OR name = ?",
                                           {token->secret, token->secret, token->secret}));
                   secret_found = rows[0].Int(0) > 0;
                   return OkStatus();
                 })
                  .ok());
  EXPECT_FALSE(secret_found);
  EXPECT_EQ(tokens_->Authenticate(token->secret)->token_id, token->info.id);
}

TEST_F(TokenServiceTest, RevokedExpiredAndUnknownTokensAreRefused) {
  auto revoked = tokens_->Create(context_, "old", std::nullopt, "");
  ASSERT_TRUE(tokens_->Revoke(context_, revoked->info.prefix).ok());
  EXPECT_EQ(tokens_->Authenticate(revoked->secret).error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(tokens_->Create(context_, "past", "2020-01-01T00:00:00Z", "")
                .error()
                .field_errors.at(0)
                .field,
            "expires_at");
  auto expiring = tokens_->Create(context_, "short", "2999-01-01T00:00:00Z", "");
  ASSERT_TRUE(tokens_->Authenticate(expiring->secret).ok());
  // Let it run out: move its expiry into the past, as time would.
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(
                       tx.Exec("UPDATE api_tokens SET expires_at = '2020-01-01T00:00:00.000Z' "
                               "WHERE id = ?",
                               {expiring->info.id}));
                   return OkStatus();
                 })
                  .ok());
  EXPECT_FALSE(tokens_->Authenticate(expiring->secret).ok());
  EXPECT_FALSE(tokens_->Authenticate("rpt_guess").ok());
  EXPECT_FALSE(tokens_->Authenticate("").ok());
  EXPECT_EQ(tokens_->Revoke(context_, "nope").error().code, ErrorCode::kNotFound);
}

TEST_F(TokenServiceTest, ScopesAreValidatedStoredAndCarriedToThePrincipal) {
  auto bad = tokens_->Create(context_, "x", std::nullopt, "", {"customers:fly"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field_errors.at(0).field, "scopes");
  auto scoped =
      tokens_->Create(context_, "reports", std::nullopt, "", {"customers:read", "*:read"});
  ASSERT_TRUE(scoped.ok()) << scoped.error().message;
  auto principal = tokens_->Authenticate(scoped->secret);
  ASSERT_TRUE(principal.ok());
  EXPECT_EQ(principal->scopes, (std::vector<std::string>{"customers:read", "*:read"}));
  EXPECT_EQ(tokens_->List()->back().scopes, principal->scopes);
}

}  // namespace
}  // namespace rapport::identity
