// Staff sign-in and server-side sessions.
//
// SignIn verifies email and password (argon2id via PasswordHasher; unknown accounts run the same
// verification against a dummy hash so timing does not reveal which emails exist), throttles
// repeated failures per account and per address (SignInThrottle), and starts a new session with a
// fresh random secret — never one the client brought, which defeats session fixation. The cookie
// holds the secret; the database holds its SHA-256. The CSRF token is derived from the secret, so
// it needs no storage and dies with the session.
//
// Authenticate enforces the idle and absolute limits and the account's status on every request
// (a disabled user's sessions stop working at once). Thread-safe; calls block.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "identity/password.hpp"
#include "identity/sign_in_throttle.hpp"
#include "identity/token_service.hpp"
#include "storage/database.hpp"

namespace rapport::identity {

struct SessionOptions {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds absolute{12 * 60 * 60};
};

struct SignInResult {
  std::string secret;      // for the cookie; shown once
  std::string csrf_token;  // for the X-CSRF-Token header
  std::string session_id;
  std::string expires_at;
  json::object user;
};

struct SessionPrincipal {
  Principal principal;  // actor "user:<id>"
  std::string user_id;
  std::string session_id;
  std::string csrf_token;
};

class SessionService {
 public:
  SessionService(storage::Database& database, PasswordHasher& hasher, SignInThrottle& throttle,
                 SessionOptions options);

  // kUnauthenticated with one message for every wrong combination; kRateLimited with
  // Error::retry_after when throttled.
  Result<SignInResult> SignIn(const std::string& email, const std::string& password,
                              const std::string& address, const std::string& user_agent);
  Result<SessionPrincipal> Authenticate(std::string_view secret);
  // Ends every session of the user (sign out everywhere).
  Status SignOutEverywhere(const std::string& user_id);
  Result<json::array> ListSessions(const std::string& user_id, const std::string& current_id);
  Status RevokeSession(const std::string& user_id, const std::string& session_id);
  Result<json::object> LoadUser(const std::string& user_id);

  static std::string CsrfTokenFor(std::string_view secret);

 private:
  storage::Database& database_;
  PasswordHasher& hasher_;
  SignInThrottle& throttle_;
  const SessionOptions options_;
  std::string dummy_hash_;  // verified for unknown accounts, to equalise timing
};

}  // namespace rapport::identity
