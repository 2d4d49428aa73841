// CredentialCache: API tokens verified recently, so that a request bearing one skips the token
// lookup and the access directory's read transaction (5-9 % of a read's CPU before).
//
// Keyed by the token's SHA-256 (what the database stores), never by the secret. An entry is what
// the token resolved to (principal and Access) and is trusted only while
// storage::IdentityGeneration still has the value read *before* the token was verified:
// a revoked token, a user's roles, teams or status, a role's grants, a custom field's sensitivity
// all move it when their write commits, so the very next request verifies again. Besides that, an
// entry ends at the token's expiry and at most kMaxAge after it was verified, so the token's
// last_used_at (written on verification, at most once a minute) keeps being written while in use.
// Bounded by `capacity` entries: when full it is emptied, as entries are cheap to make again.
// Thread-safe (one mutex, held only for a map operation).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "access/access.hpp"
#include "identity/token_service.hpp"

namespace rapport::http {

class CredentialCache {
 public:
  static constexpr int64_t kMaxAgeMillis = int64_t{60} * 1000;
  static constexpr size_t kDefaultCapacity = 4096;

  struct Verified {
    identity::Principal principal;
    std::shared_ptr<const access::Access> access;
  };

  explicit CredentialCache(size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  // The entry for `token_hash` if it was verified at `generation` and is still within its time.
  std::optional<Verified> Find(const std::string& token_hash, uint64_t generation,
                               int64_t now_millis) const;
  // Records a token verified at `now_millis`, with `generation` read before verifying it.
  // `expires_at_millis`: the token's expiry, if it has one.
  void Put(const std::string& token_hash, uint64_t generation, int64_t now_millis,
           std::optional<int64_t> expires_at_millis, Verified verified);
  size_t size() const;

 private:
  struct Entry {
    Verified verified;
    uint64_t generation = 0;
    int64_t valid_until_millis = 0;  // exclusive
  };

  const size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // GUARDED_BY(mutex_)
};

}  // namespace rapport::http
