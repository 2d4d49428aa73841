// SignInThrottle: slows and then refuses repeated failed sign-ins, per account and per address.
//
// Failures are counted in a sliding window (15 minutes). Past kSlowAfter failures each attempt is
// delayed; past kRefuseAfter the answer is 429 with Retry-After until the window has passed. There
// is no permanent lock-out an attacker could trigger against a real user: the window always ends,
// and a success clears the account's count. Counters live in memory (a restart forgets them; a
// multi-server deployment would move them to the database). Memory is bounded: the oldest keys are
// dropped past kMaxKeys. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace rapport::identity {

class SignInThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  struct Verdict {
    std::chrono::milliseconds delay{0};               // wait this long before answering
    std::optional<std::chrono::seconds> retry_after;  // set: refuse with 429
  };

  // Per account: slow from the 5th failure, refuse from the 10th. Per address (many accounts from
  // one place, i.e. credential stuffing): slow from the 20th, refuse from the 50th.
  static constexpr int kAccountSlowAfter = 5;
  static constexpr int kAccountRefuseAfter = 10;
  static constexpr int kAddressSlowAfter = 20;
  static constexpr int kAddressRefuseAfter = 50;
  static constexpr std::chrono::minutes kWindow{15};
  static constexpr size_t kMaxKeys = 100000;

  Verdict Check(const std::string& account, const std::string& address);
  void RecordFailure(const std::string& account, const std::string& address);
  void RecordSuccess(const std::string& account);

 private:
  struct Counter {
    int failures = 0;
    Clock::time_point window_start;
  };
  Counter& Get(std::unordered_map<std::string, Counter>& map, const std::string& key,
               Clock::time_point now);

  std::mutex mutex_;
  std::unordered_map<std::string, Counter> accounts_;   // GUARDED_BY(mutex_)
  std::unordered_map<std::string, Counter> addresses_;  // GUARDED_BY(mutex_)
};

}  // namespace rapport::identity
