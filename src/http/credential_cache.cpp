#include "http/credential_cache.hpp"

#include <algorithm>

namespace rapport::http {

std::optional<CredentialCache::Verified> CredentialCache::Find(const std::string& token_hash,
                                                               uint64_t generation,
                                                               int64_t now_millis) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(token_hash);
  if (it == entries_.end() || it->second.generation != generation ||
      now_millis >= it->second.valid_until_millis) {
    return std::nullopt;
  }
  return it->second.verified;
}

void CredentialCache::Put(const std::string& token_hash, uint64_t generation, int64_t now_millis,
                          std::optional<int64_t> expires_at_millis, Verified verified) {
  int64_t valid_until = now_millis + kMaxAgeMillis;
  if (expires_at_millis) valid_until = std::min(valid_until, *expires_at_millis);
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_ && !entries_.contains(token_hash)) entries_.clear();
  entries_.insert_or_assign(token_hash, Entry{std::move(verified), generation, valid_until});
}

size_t CredentialCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace rapport::http
