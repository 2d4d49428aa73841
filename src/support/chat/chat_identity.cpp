#include "support/chat/chat_identity.hpp"

#include <sodium.h>

#include <cmath>

namespace rapport::support::chat {
namespace {

constexpr size_t kMaxJwtLength = 4096;
constexpr size_t kMaxCustomerId = 100;

Error NotVerified() { return Error::PermissionDenied("The identity could not be verified."); }

std::string RawHmac(std::string_view secret, std::string_view message) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return std::string(reinterpret_cast<const char*>(mac), sizeof mac);
}

bool SameBytes(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool WellFormedId(std::string_view id) {
  if (id.empty() || id.size() > kMaxCustomerId) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  }
  return true;
}

Result<std::string> VerifyJwt(std::string_view token, const std::vector<std::string>& secrets,
                              int64_t now_unix) {
  if (token.size() > kMaxJwtLength) return NotVerified();
  const size_t first = token.find('.');
  const size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return NotVerified();
  }
  const auto header_text = Base64UrlDecode(token.substr(0, first));
  const auto claims_text = Base64UrlDecode(token.substr(first + 1, second - first - 1));
  const auto signature = Base64UrlDecode(token.substr(second + 1));
  if (!header_text || !claims_text || !signature) return NotVerified();
  auto header = ParseJsonObject(*header_text);
  if (!header.ok()) return NotVerified();
  const json::value* alg = header->if_contains("alg");
  // The algorithm is ours to choose, not the token's: HS256 only ("none" is the classic hole).
  if (alg == nullptr || !alg->is_string() || alg->as_string() != "HS256") return NotVerified();
  const std::string_view signed_part = token.substr(0, second);
  bool genuine = false;
  for (const auto& secret : secrets) {
    if (!secret.empty() && SameBytes(RawHmac(secret, signed_part), *signature)) genuine = true;
  }
  if (!genuine) return NotVerified();
  auto claims = ParseJsonObject(*claims_text);
  if (!claims.ok()) return NotVerified();
  const json::value* sub = claims->if_contains("sub");
  const json::value* exp = claims->if_contains("exp");
  if (sub == nullptr || !sub->is_string() || !WellFormedId(sub->as_string())) return NotVerified();
  if (exp == nullptr || !exp->is_number()) return NotVerified();
  const double expiry =
      exp->is_double() ? exp->as_double() : static_cast<double>(exp->to_number<int64_t>());
  if (!std::isfinite(expiry) || expiry <= static_cast<double>(now_unix) ||
      expiry > static_cast<double>(now_unix + kMaxJwtLifetimeSeconds)) {
    return NotVerified();
  }
  return std::string(sub->as_string());
}

}  // namespace

std::string HmacSha256Hex(std::string_view secret, std::string_view message) {
  const std::string raw = RawHmac(secret, message);
  std::string hex(raw.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                 raw.size());
  hex.pop_back();
  return hex;
}

std::string SignJwtHs256(std::string_view secret, const json::object& claims) {
  const std::string signed_part = Base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})") + "." +
                                  Base64UrlEncode(ToJsonString(claims));
  return signed_part + "." + Base64UrlEncode(RawHmac(secret, signed_part));
}

Result<std::string> VerifyIdentity(const json::object& identity,
                                   const std::vector<std::string>& secrets, int64_t now_unix) {
  if (const json::value* jwt = identity.if_contains("jwt"); jwt != nullptr) {
    if (!jwt->is_string()) return NotVerified();
    return VerifyJwt(jwt->as_string(), secrets, now_unix);
  }
  const json::value* id = identity.if_contains("customer_id");
  const json::value* hash = identity.if_contains("hash");
  if (id == nullptr || hash == nullptr || !id->is_string() || !hash->is_string() ||
      !WellFormedId(id->as_string())) {
    return NotVerified();
  }
  std::string given(hash->as_string());
  for (char& c : given) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& secret : secrets) {
    if (!secret.empty() && SameBytes(HmacSha256Hex(secret, id->as_string()), given)) {
      return std::string(id->as_string());
    }
  }
  return NotVerified();
}

}  // namespace rapport::support::chat
