// RateLimiter: a token bucket per caller (API token or signed-in user), so one integration cannot
// starve everyone else. Each caller may burst up to `per_minute` requests and then continues at
// per_minute / 60 per second; past that the answer is 429 with Retry-After. Buckets live in memory
// (per server process) and are bounded in number. 0 disables limiting. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace rapport::http {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr size_t kMaxCallers = 100000;

  explicit RateLimiter(int64_t per_minute) : per_minute_(per_minute) {}

  // nullopt: go ahead. Otherwise: refuse, and the client may retry after this many seconds.
  std::optional<std::chrono::seconds> Take(const std::string& caller);

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  const int64_t per_minute_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;  // GUARDED_BY(mutex_)
};

}  // namespace rapport::http
