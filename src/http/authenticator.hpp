// Authenticator: turns a request's credentials into a Caller, in one place for every route.
//
// Two kinds of credentials: `Authorization: Bearer <API token>` for scripts and integrations, and
// the `rapport_session` cookie for staff signed in through the web. Cookie-authenticated requests
// that change something (POST, PUT, PATCH, DELETE) must also pass the CSRF defence: an Origin or
// Sec-Fetch-Site that says same-origin, and the session's X-CSRF-Token header. Bearer requests
// are exempt — a browser never adds that header on its own. The Caller carries the Access of the
// user behind the credentials (a token's owner, narrowed by the token's scopes).
//
// Also the one place that records access denials: every 403 an authenticated caller receives is
// logged and appended to the audit trail (method and route, never the body). Verified API tokens
// are remembered in a CredentialCache that every identity or access change invalidates, so a
// request with a recent token reads nothing to authenticate. Thread-safe.
#pragma once

#include "access/directory.hpp"
#include "common/result.hpp"
#include "http/caller.hpp"
#include "http/credential_cache.hpp"
#include "http/message.hpp"
#include "identity/session_service.hpp"
#include "identity/token_service.hpp"
#include "storage/identity_generation.hpp"

namespace rapport::http {

inline constexpr std::string_view kSessionCookie = "rapport_session";

class Authenticator {
 public:
  Authenticator(identity::TokenService& tokens, identity::SessionService& sessions,
                access::AccessDirectory& directory, storage::Database& database)
      : tokens_(tokens),
        sessions_(sessions),
        directory_(directory),
        database_(database),
        identity_generation_(dynamic_cast<const storage::IdentityGeneration*>(&database)) {}

  // kUnauthenticated without valid credentials; kPermissionDenied when the CSRF check fails.
  Result<Caller> Authenticate(const Request& request);
  // Logs and audits a refused request (`route` is the pattern, so ids in paths stay out of logs).
  void RecordDenial(const Caller& caller, const Request& request, std::string_view route);

 private:
  // The token's principal and access, from the cache or verified now (and then cached).
  Result<CredentialCache::Verified> VerifyToken(std::string_view secret);

  identity::TokenService& tokens_;
  identity::SessionService& sessions_;
  access::AccessDirectory& directory_;
  storage::Database& database_;
  // The database's, when it tells identity changes (SqliteDatabase does); without it nothing is
  // cached, since nothing could tell when an entry went stale.
  const storage::IdentityGeneration* identity_generation_;
  CredentialCache verified_tokens_;
};

// The value of cookie `name` in the request's Cookie header.
std::optional<std::string> CookieValue(const Request& request, std::string_view name);

}  // namespace rapport::http
