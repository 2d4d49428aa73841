// API tokens: how scripts and integrations authenticate (Authorization: Bearer <token>).
//
// A token is "rpt_" + 256 random bits. Only its SHA-256 is stored — a token has full entropy, so
// a fast hash suffices (argon2 is for low-entropy passwords) — and it is shown once, at creation.
// Lookups compare hashes through a unique index, so timing reveals nothing about other tokens.
// Stateless apart from the Database reference; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::identity {

struct TokenInfo {
  std::string id;
  std::string name;
  std::string user_id;  // the owner; empty for tokens made before staff accounts existed
  std::string prefix;
  std::string created_at;
  std::optional<std::string> expires_at;
  std::optional<std::string> revoked_at;
  std::optional<std::string> last_used_at;
  std::vector<std::string> scopes;  // empty: the owner's full access
};

// Who a request acts as: an API token, or a signed-in staff user (user_id set).
struct Principal {
  std::string token_id;
  std::string name;
  std::string user_id;
  std::vector<std::string> scopes;        // narrows the owner's access; empty: none
  std::optional<std::string> expires_at;  // a token's expiry (RFC 3339), if it has one
  // Tokens act as themselves in the audit trail, so a trail names the integration, not only its
  // owner.
  std::string actor() const { return token_id.empty() ? "user:" + user_id : "token:" + token_id; }
};

struct NewToken {
  TokenInfo info;
  std::string secret;  // shown once; never stored
};

json::object TokenToJson(const TokenInfo& token);

class TokenService {
 public:
  explicit TokenService(storage::Database& database) : database_(database) {}

  // Both changes are audited under `context` (object type "api_token"; never the secret).
  // `user_id` owns the token; REQUIRES: an existing user. `scopes` ("customers:read", ...) narrow
  // what the token may do below its owner's access; field "scopes" on a bad one.
  Result<NewToken> Create(const storage::WriteContext& context, const std::string& name,
                          std::optional<std::string> expires_at, const std::string& user_id,
                          std::vector<std::string> scopes = {});
  Result<std::vector<TokenInfo>> List();
  // Revokes by id or by the prefix shown in lists. With `owner`, only that user's tokens count
  // (others are "not found").
  Status Revoke(const storage::WriteContext& context, const std::string& id_or_prefix,
                const std::optional<std::string>& owner = std::nullopt);
  // kUnauthenticated for unknown, revoked or expired tokens.
  Result<Principal> Authenticate(std::string_view secret);

 private:
  storage::Database& database_;
};

std::string HashToken(std::string_view secret);

}  // namespace rapport::identity
