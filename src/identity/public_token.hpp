// PublicTokens: signed, expiring, single-purpose tokens for the links Rapport puts in front of
// people without a login — a rating page now, survey and unsubscribe links later (DESIGN §6,
// docs/design/public_tokens.md).
//
// Format:   <id> "." <expiry> "." <mac>
//   id      the record the link is about ([A-Za-z0-9_-], at most 100 characters: our ids)
//   expiry  Unix seconds, decimal
//   mac     HMAC-SHA256(key, purpose NUL id NUL expiry), first 16 bytes, base64url unpadded
// URL-safe as it stands (no escaping needed) and about 70 characters for a ticket id. The
// purpose ("rating", "survey", …) is inside the MAC but not in the token, so a token made for
// one purpose never opens another. 128 bits of MAC are as hard to forge as the whole 256 (RFC
// 2104 §5 allows truncation to half) and keep the link short.
//
// The key is 32 random bytes in DATA_DIR/public_token.key, created on first use with mode 0600
// and never rewritten: deleting it invalidates every link sent. libsodium does the HMAC, the
// randomness and the constant-time compare (it is already linked everywhere; no OpenSSL needed
// for this). Immutable after construction; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace rapport::identity {

class PublicTokens {
 public:
  static constexpr size_t kKeyBytes = 32;
  static constexpr std::string_view kKeyFile = "public_token.key";

  // Reads DATA_DIR/public_token.key, creating it (0600) the first time.
  static Result<PublicTokens> OpenInDataDir(const std::string& data_dir);
  // REQUIRES: key.size() == kKeyBytes. For tests and callers that keep the key elsewhere.
  explicit PublicTokens(std::string key);

  // REQUIRES: id matches [A-Za-z0-9_-]{1,100}.
  std::string Sign(std::string_view purpose, std::string_view id, int64_t expires_unix) const;
  // The id the token names when it is well-formed, made by this key for `purpose` and not
  // expired at `now_unix`. kNotFound for anything forged, altered, malformed or of another
  // purpose ("This link is not valid."); kPermissionDenied once it has expired.
  Result<std::string> Verify(std::string_view purpose, std::string_view token,
                             int64_t now_unix) const;
  // The 22-character MAC of (purpose, id) alone: a secret that only this key can make again from
  // the id, for links whose state and expiry live in a table (a mailed survey invitation stores
  // only its SHA-256 and is rebuilt from the id at each retry).
  std::string Derive(std::string_view purpose, std::string_view id) const {
    return Mac(purpose, id, "");
  }

 private:
  std::string Mac(std::string_view purpose, std::string_view id, std::string_view expiry) const;

  std::string key_;
};

}  // namespace rapport::identity
