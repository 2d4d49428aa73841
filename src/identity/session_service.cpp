#include "identity/session_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <thread>

#include "common/ids.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "storage/audit.hpp"

namespace rapport::identity {
namespace {

using storage::Rows;
using storage::Tx;

constexpr size_t kSecretBytes = 32;  // 256 bits
constexpr std::string_view kSecretPrefix = "rss_";
// Seen-time is written at most this often per session, so reads do not become writes.
constexpr int64_t kTouchIntervalMillis = int64_t{60} * 1000;
constexpr size_t kMaxUserAgentLength = 300;

constexpr std::string_view kFindUserByEmail =
    "SELECT id, email, name, status, roles, teams, password_hash FROM users WHERE email_key = ?";
constexpr std::string_view kInsertSession =
    "INSERT INTO sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, address, "
    "user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSignedIn =
    "UPDATE users SET last_sign_in_at = ?, password_hash = COALESCE(?, password_hash) WHERE id = ?";
constexpr std::string_view kFindSession =
    "SELECT s.id, s.user_id, s.last_seen_at, s.expires_at, s.revoked_at, u.status, u.email "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?";
constexpr std::string_view kTouchSession = "UPDATE sessions SET last_seen_at = ? WHERE id = ?";
constexpr std::string_view kRevokeAll =
    "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL";
constexpr std::string_view kRevokeOne =
    "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND id = ? AND revoked_at IS NULL";
constexpr std::string_view kListSessions =
    "SELECT id, created_at, last_seen_at, expires_at, address, user_agent FROM sessions "
    "WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC";
constexpr std::string_view kLoadUser =
    "SELECT id, email, name, status, roles, teams, created_at, last_sign_in_at FROM users "
    "WHERE id = ?";

json::value ParseArray(const std::string& text) {
  auto parsed = ParseJson(text);
  return parsed.ok() && parsed->is_array() ? std::move(parsed).value() : json::array();
}

storage::WriteContext SignInContext(const std::string& actor) {
  return storage::WriteContext{.actor = actor, .request_id = {}, .via = "api"};
}

}  // namespace

SessionService::SessionService(storage::Database& database, PasswordHasher& hasher,
                               SignInThrottle& throttle, SessionOptions options)
    : database_(database), hasher_(hasher), throttle_(throttle), options_(options) {
  // Any valid hash with our parameters; the password behind it is random and discarded.
  auto dummy = hasher_.Hash(GeneratePassword());
  dummy_hash_ = dummy.ok() ? std::move(dummy).value() : std::string();
}

std::string SessionService::CsrfTokenFor(std::string_view secret) {
  return HashToken(std::string("csrf:") + std::string(secret)).substr(0, 43);
}

Result<SignInResult> SessionService::SignIn(const std::string& email, const std::string& password,
                                            const std::string& address,
                                            const std::string& user_agent) {
  const std::string account = EmailKey(email);
  const SignInThrottle::Verdict verdict = throttle_.Check(account, address);
  if (verdict.retry_after) {
    return Error::RateLimited("Too many failed sign-ins; try again in " +
                                  std::to_string(verdict.retry_after->count()) + " seconds.",
                              *verdict.retry_after);
  }
  if (verdict.delay.count() > 0) std::this_thread::sleep_for(verdict.delay);

  std::optional<storage::Row> row;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFindUserByEmail, {account}));
    if (!rows.empty()) row = rows[0];
    return OkStatus();
  }));
  // Verify even when the account is unknown, so both answers take the same time.
  const bool verified = hasher_.Verify(row ? row->Text(6) : dummy_hash_, password) && row;
  const bool active = row && row->Text(3) == "active";
  if (!verified || !active) {
    throttle_.RecordFailure(account, address);
    // Failed sign-ins are audited with the address; never the password.
    (void)database_.Write([&](Tx& tx) {
      return storage::AppendAudit(tx, SignInContext("anonymous"), "sign_in_failed", "user",
                                  row ? row->Text(0) : account, {},
                                  json::object{{"address", address},
                                               {"reason", !row        ? "unknown account"
                                                          : !verified ? "wrong password"
                                                                      : "account disabled"}});
    });
    return Error::Unauthenticated("The email or password is wrong, or the account is disabled.");
  }
  throttle_.RecordSuccess(account);

  SignInResult result;
  result.secret = std::string(kSecretPrefix) + RandomToken(kSecretBytes);
  result.csrf_token = CsrfTokenFor(result.secret);
  result.session_id = NewId("ses");
  const int64_t now = NowMillis();
  result.expires_at = FormatInstant(
      now + std::chrono::duration_cast<std::chrono::milliseconds>(options_.absolute).count());
  const std::string user_id = row->Text(0);
  std::optional<std::string> upgraded;
  if (PasswordHasher::NeedsRehash(row->Text(6))) {
    // Parameters changed since this hash was made: upgrade it now that we have the password.
    auto rehashed = hasher_.Hash(password);
    if (rehashed.ok()) upgraded = std::move(rehashed).value();
  }
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    const std::string now_text = FormatInstant(now);
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertSession, {result.session_id, HashToken(result.secret), user_id, now_text, now_text,
                         result.expires_at, address,
                         user_agent.substr(0, std::min(user_agent.size(), kMaxUserAgentLength))}));
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kSignedIn, {now_text, storage::OptionalText(upgraded), user_id}));
    return storage::AppendAudit(
        tx, SignInContext("user:" + user_id), "sign_in", "user", user_id, {},
        json::object{{"session_id", result.session_id}, {"address", address}});
  }));
  RAPPORT_ASSIGN_OR_RETURN(result.user, LoadUser(user_id));
  return result;
}

Result<SessionPrincipal> SessionService::Authenticate(std::string_view secret) {
  const Error denied = Error::Unauthenticated("The session has ended; sign in again.");
  if (secret.substr(0, kSecretPrefix.size()) != kSecretPrefix) return denied;
  const std::string hash = HashToken(secret);
  std::optional<storage::Row> row;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFindSession, {hash}));
    if (!rows.empty()) row = rows[0];
    return OkStatus();
  }));
  if (!row || !row->IsNull(4) || row->Text(5) != "active") return denied;
  const int64_t now = NowMillis();
  const auto last_seen = ParseInstant(row->Text(2)).value_or(0);
  const auto expires = ParseInstant(row->Text(3)).value_or(0);
  const int64_t idle = std::chrono::duration_cast<std::chrono::milliseconds>(options_.idle).count();
  if (now >= expires || now - last_seen >= idle) return denied;
  const std::string session_id = row->Text(0);
  // Touch often enough that an active session never reaches the idle limit between touches.
  if (now - last_seen >= std::min(kTouchIntervalMillis, idle / 4)) {
    (void)database_.Write([&](Tx& tx) -> Status {
      RAPPORT_RETURN_IF_ERROR(tx.Exec(kTouchSession, {FormatInstant(now), session_id}));
      return OkStatus();
    });  // a failed touch only shortens the idle window; the request itself may proceed
  }
  const std::string user_id = row->Text(1);
  return SessionPrincipal{Principal{.token_id = {}, .name = row->Text(6), .user_id = user_id},
                          user_id, session_id, CsrfTokenFor(secret)};
}

Status SessionService::SignOutEverywhere(const std::string& user_id) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kRevokeAll, {NowInstant(), user_id}));
    return OkStatus();
  });
}

Status SessionService::RevokeSession(const std::string& user_id, const std::string& session_id) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(int64_t changed,
                             tx.Exec(kRevokeOne, {NowInstant(), user_id, session_id}));
    // Someone else's session id answers exactly like an unknown one.
    if (changed == 0) return Error::NotFound("You have no active session " + session_id + ".");
    return OkStatus();
  });
}

Result<json::array> SessionService::ListSessions(const std::string& user_id,
                                                 const std::string& current_id) {
  json::array sessions;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kListSessions, {user_id, NowInstant()}));
    for (const auto& row : rows) {
      sessions.push_back(json::object{{"id", row.Text(0)},
                                      {"created_at", row.Text(1)},
                                      {"last_seen_at", row.Text(2)},
                                      {"expires_at", row.Text(3)},
                                      {"address", row.Text(4)},
                                      {"user_agent", row.Text(5)},
                                      {"current", row.Text(0) == current_id}});
    }
    return OkStatus();
  }));
  return sessions;
}

Result<json::object> SessionService::LoadUser(const std::string& user_id) {
  json::object user;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kLoadUser, {user_id}));
    if (rows.empty()) return Error::NotFound("No such user.");
    const auto& row = rows[0];
    user = json::object{
        {"id", row.Text(0)},
        {"email", row.Text(1)},
        {"name", row.Text(2)},
        {"status", row.Text(3)},
        {"roles", ParseArray(row.Text(4))},
        {"teams", ParseArray(row.Text(5))},
        {"created_at", row.Text(6)},
        {"last_sign_in_at", row.IsNull(7) ? json::value(nullptr) : json::value(row.Text(7))}};
    return OkStatus();
  }));
  return user;
}

}  // namespace rapport::identity
