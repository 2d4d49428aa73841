#include "http/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace rapport::http {

std::optional<std::chrono::seconds> RateLimiter::Take(const std::string& caller) {
  if (per_minute_ <= 0) return std::nullopt;
  const auto now = Clock::now();
  const double capacity = static_cast<double>(per_minute_);
  const double per_second = capacity / 60.0;
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= kMaxCallers && !buckets_.contains(caller)) {
    // Full buckets carry no information: dropping them changes nothing for their callers.
    std::erase_if(buckets_, [&](const auto& entry) {
      const double elapsed = std::chrono::duration<double>(now - entry.second.updated).count();
      return entry.second.tokens + elapsed * per_second >= capacity;
    });
    if (buckets_.size() >= kMaxCallers) buckets_.clear();
  }
  auto [it, inserted] = buckets_.try_emplace(caller, Bucket{capacity, now});
  Bucket& bucket = it->second;
  if (!inserted) {
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(capacity, bucket.tokens + elapsed * per_second);
    bucket.updated = now;
  }
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return std::nullopt;
  }
  return std::chrono::seconds(
      std::max<int64_t>(1, static_cast<int64_t>(std::ceil((1.0 - bucket.tokens) / per_second))));
}

}  // namespace rapport::http
