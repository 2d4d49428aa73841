#include "identity/token_service.hpp"

#include <sodium.h>

#include "access/grants.hpp"
#include "common/ids.hpp"
#include "common/time.hpp"
#include "storage/audit.hpp"

namespace rapport::identity {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kTokenPrefix = "rpt_";
constexpr size_t kSecretBytes = 32;   // 256 bits
constexpr size_t kDisplayPrefix = 8;  // enough to tell tokens apart in a list
constexpr size_t kMaxNameLength = 200;

constexpr std::string_view kInsert =
    "INSERT INTO api_tokens (id, name, token_hash, prefix, created_at, expires_at, user_id, "
    "scopes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kList =
    "SELECT id, name, prefix, created_at, expires_at, revoked_at, user_id, last_used_at, scopes "
    "FROM api_tokens ORDER BY created_at, id";
constexpr std::string_view kTouch = "UPDATE api_tokens SET last_used_at = ? WHERE id = ?";
// last_used_at is written at most this often per token, so reads do not become writes.
constexpr int64_t kTouchIntervalMillis = int64_t{60} * 1000;
constexpr std::string_view kFindActive =
    "SELECT id FROM api_tokens WHERE (id = ?1 OR prefix = ?1) AND revoked_at IS NULL "
    "AND (?2 IS NULL OR user_id = ?2)";
constexpr std::string_view kRevoke = "UPDATE api_tokens SET revoked_at = ? WHERE id = ?";
constexpr std::string_view kLookup =
    "SELECT t.id, t.name, t.expires_at, t.revoked_at, t.user_id, t.last_used_at, u.status, "
    "t.scopes "
    "FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?";

constexpr size_t kMaxScopes = 50;

std::vector<std::string> ScopesFromText(const std::string& text) {
  std::vector<std::string> scopes;
  if (text.empty()) return scopes;
  auto parsed = ParseJson(text);
  if (!parsed.ok() || !parsed->is_array()) return {"none:none"};  // unreadable: grant nothing
  for (const auto& scope : parsed->as_array()) {
    if (scope.is_string()) scopes.emplace_back(scope.as_string());
  }
  return scopes;
}

storage::Value ScopesToText(const std::vector<std::string>& scopes) {
  if (scopes.empty()) return storage::Null();
  json::array array;
  for (const auto& scope : scopes) array.emplace_back(scope);
  return ToJsonString(array);
}

}  // namespace

std::string HashToken(std::string_view secret) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

json::object TokenToJson(const TokenInfo& token) {
  auto optional = [](const std::optional<std::string>& v) {
    return v ? json::value(*v) : json::value(nullptr);
  };
  return json::object{
      {"id", token.id},
      {"name", token.name},
      {"prefix", token.prefix},
      {"created_at", token.created_at},
      {"expires_at", optional(token.expires_at)},
      {"revoked_at", optional(token.revoked_at)},
      {"user_id", token.user_id.empty() ? json::value(nullptr) : json::value(token.user_id)},
      {"last_used_at", optional(token.last_used_at)},
      {"scopes", token.scopes.empty()
                     ? json::value(nullptr)
                     : json::value(json::array(token.scopes.begin(), token.scopes.end()))}};
}

Result<NewToken> TokenService::Create(const storage::WriteContext& context, const std::string& name,
                                      std::optional<std::string> expires_at,
                                      const std::string& user_id, std::vector<std::string> scopes) {
  if (name.empty() || name.size() > kMaxNameLength) {
    return Error::Invalid("name", "must be 1 to 200 characters");
  }
  if (scopes.size() > kMaxScopes) return Error::Invalid("scopes", "holds at most 50 scopes");
  for (const auto& scope : scopes) {
    if (!access::IsValidScope(scope)) {
      return Error::Invalid("scopes", "\"" + scope +
                                          "\" is not a scope; write <object>:<action>, e.g. "
                                          "customers:read, interactions:*, *:read");
    }
  }
  if (expires_at) {
    auto normalized = NormalizeInstant(*expires_at);
    if (!normalized) return Error::Invalid("expires_at", "must be an RFC 3339 time");
    if (*normalized <= NowInstant()) return Error::Invalid("expires_at", "must be in the future");
    expires_at = *normalized;
  }
  NewToken token;
  const std::string random = RandomToken(kSecretBytes);
  token.secret = std::string(kTokenPrefix) + random;
  token.info = TokenInfo{.id = NewId("tok"),
                         .name = name,
                         .user_id = user_id,
                         .prefix = std::string(kTokenPrefix) + random.substr(0, kDisplayPrefix),
                         .created_at = NowInstant(),
                         .expires_at = expires_at,
                         .scopes = std::move(scopes)};
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsert, {token.info.id, token.info.name, HashToken(token.secret), token.info.prefix,
                  token.info.created_at, storage::OptionalText(token.info.expires_at),
                  user_id.empty() ? storage::Null() : storage::Value(user_id),
                  ScopesToText(token.info.scopes)}));
    return storage::AppendAudit(tx, context, "create", "api_token", token.info.id, {},
                                TokenToJson(token.info));
  }));
  return token;
}

Result<std::vector<TokenInfo>> TokenService::List() {
  std::vector<TokenInfo> tokens;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kList));
    for (const auto& row : rows) {
      tokens.push_back({.id = row.Text(0),
                        .name = row.Text(1),
                        .user_id = row.Text(6),
                        .prefix = row.Text(2),
                        .created_at = row.Text(3),
                        .expires_at = row.OptText(4),
                        .revoked_at = row.OptText(5),
                        .last_used_at = row.OptText(7),
                        .scopes = ScopesFromText(row.Text(8))});
    }
    return OkStatus();
  }));
  return tokens;
}

Status TokenService::Revoke(const storage::WriteContext& context, const std::string& id_or_prefix,
                            const std::optional<std::string>& owner) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows matches,
                             tx.Query(kFindActive, {id_or_prefix, storage::OptionalText(owner)}));
    if (matches.empty()) {
      return Error::NotFound("No active token has the id or prefix " + id_or_prefix + ".");
    }
    if (matches.size() > 1)
      return Error::Conflict("That prefix matches several tokens; use the id.");
    const std::string id = matches[0].Text(0);
    const std::string now = NowInstant();
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kRevoke, {now, id}));
    return storage::AppendAudit(tx, context, "update", "api_token", id,
                                json::object{{"revoked_at", nullptr}},
                                json::object{{"revoked_at", now}});
  });
}

Result<Principal> TokenService::Authenticate(std::string_view secret) {
  const Error denied =
      Error::Unauthenticated("The API token is missing, unknown, revoked or expired.");
  if (secret.substr(0, kTokenPrefix.size()) != kTokenPrefix) return denied;
  std::optional<Principal> principal;
  std::optional<std::string> last_used;
  const std::string now = NowInstant();
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kLookup, {HashToken(secret)}));
    if (rows.empty() || !rows[0].IsNull(3)) return OkStatus();
    if (!rows[0].IsNull(2) && rows[0].Text(2) <= now) return OkStatus();
    // A token is worth no more than its owner: a disabled owner disables their tokens.
    if (!rows[0].IsNull(4) && rows[0].Text(6) != "active") return OkStatus();
    principal = Principal{.token_id = rows[0].Text(0),
                          .name = rows[0].Text(1),
                          .user_id = rows[0].Text(4),
                          .scopes = ScopesFromText(rows[0].Text(7)),
                          .expires_at = rows[0].OptText(2)};
    last_used = rows[0].OptText(5);
    return OkStatus();
  }));
  if (!principal) return denied;
  const int64_t now_millis = ParseInstant(now).value_or(0);
  if (!last_used || now_millis - ParseInstant(*last_used).value_or(0) >= kTouchIntervalMillis) {
    (void)database_.Write([&](Tx& tx) -> Status {
      RAPPORT_RETURN_IF_ERROR(tx.Exec(kTouch, {now, principal->token_id}));
      return OkStatus();
    });  // a missed touch only makes last_used_at older; the request itself may proceed
  }
  return *principal;
}

}  // namespace rapport::identity
