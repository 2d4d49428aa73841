#include "http/authenticator.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/log_text.hpp"
#include "common/time.hpp"
#include "storage/audit.hpp"

namespace rapport::http {
namespace {

bool IsUnsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// Same-origin by the headers browsers set and pages cannot forge. Both are optional for
// non-browser clients, whose defence is the CSRF token alone.
bool SameOrigin(const Request& request) {
  if (auto site = request.Header("sec-fetch-site")) {
    if (*site != "same-origin" && *site != "none") return false;
  }
  if (auto origin = request.Header("origin")) {
    const auto host = request.Header("host");
    if (!host || (*origin != "http://" + *host && *origin != "https://" + *host)) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> CookieValue(const Request& request, std::string_view name) {
  auto header = request.Header("cookie");
  if (!header) return std::nullopt;
  std::string_view rest = *header;
  while (!rest.empty()) {
    const size_t end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return std::string(pair.substr(equals + 1));
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return std::nullopt;
}

Result<Caller> Authenticator::Authenticate(const Request& request) {
  Caller caller{.principal = {}, .request_id = request.request_id};
  constexpr std::string_view kBearer = "Bearer ";
  if (auto header = request.Header("authorization")) {
    if (!StartsWithIgnoringCase(*header, kBearer) || header->size() <= kBearer.size()) {
      return Error::Unauthenticated("Send Authorization: Bearer <API token>.");
    }
    RAPPORT_ASSIGN_OR_RETURN(CredentialCache::Verified verified,
                             VerifyToken(std::string_view(*header).substr(kBearer.size())));
    caller.principal = verified.principal.actor();
    caller.user_id = verified.principal.user_id;  // the token's owner, whose access it carries
    caller.access = std::move(verified.access);
    return caller;
  }
  auto secret = CookieValue(request, kSessionCookie);
  if (!secret) {
    return Error::Unauthenticated(
        "Sign in (POST /api/v1/auth/login) or send Authorization: Bearer <API token>.");
  }
  RAPPORT_ASSIGN_OR_RETURN(identity::SessionPrincipal session, sessions_.Authenticate(*secret));
  if (IsUnsafe(request.method)) {
    const auto token = request.Header("x-csrf-token");
    if (!SameOrigin(request) || !token || !ConstantTimeEquals(*token, session.csrf_token)) {
      return Error::PermissionDenied(
          "This change needs the X-CSRF-Token header of your session and must come from this "
          "site.");
    }
  }
  caller.principal = session.principal.actor();
  caller.user_id = session.user_id;
  caller.session_id = session.session_id;
  caller.csrf_token = session.csrf_token;
  RAPPORT_ASSIGN_OR_RETURN(caller.access, directory_.For(session.user_id, {}));
  return caller;
}

Result<CredentialCache::Verified> Authenticator::VerifyToken(std::string_view secret) {
  // Read before verifying: a change committed meanwhile makes the entry stale at once.
  const uint64_t generation = identity_generation_ ? identity_generation_->Current() : 0;
  const std::string hash = identity::HashToken(secret);
  const int64_t now = NowMillis();
  if (identity_generation_) {
    if (auto cached = verified_tokens_.Find(hash, generation, now)) return *std::move(cached);
  }
  RAPPORT_ASSIGN_OR_RETURN(identity::Principal principal, tokens_.Authenticate(secret));
  RAPPORT_ASSIGN_OR_RETURN(auto access, directory_.For(principal.user_id, principal.scopes));
  std::optional<int64_t> expires;
  if (principal.expires_at) expires = ParseInstant(*principal.expires_at).value_or(0);
  CredentialCache::Verified verified{std::move(principal), std::move(access)};
  if (identity_generation_) verified_tokens_.Put(hash, generation, now, expires, verified);
  return verified;
}

void Authenticator::RecordDenial(const Caller& caller, const Request& request,
                                 std::string_view route) {
  spdlog::warn("access denied: {} {} {} (request {})", caller.principal,
               EscapeForLog(request.method), route, request.request_id);
  storage::WriteContext context = caller.Context();
  context.via = "api";
  // Best effort: failing to record a refusal must not turn it into an error for the caller.
  (void)database_.Write([&](storage::Tx& tx) {
    return storage::AppendAudit(tx, context, "access_denied", "route",
                                request.method + " " + std::string(route), {}, {});
  });
}

}  // namespace rapport::http
