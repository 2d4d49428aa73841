#include "identity/sign_in_throttle.hpp"

#include <algorithm>

namespace rapport::identity {
namespace {

// Delay grows with each failure past the slow threshold, capped so a worker is never held long.
constexpr std::chrono::milliseconds kDelayStep{250};
constexpr std::chrono::milliseconds kMaxDelay{2000};

}  // namespace

SignInThrottle::Counter& SignInThrottle::Get(std::unordered_map<std::string, Counter>& map,
                                             const std::string& key, Clock::time_point now) {
  if (map.size() >= kMaxKeys && !map.contains(key)) {
    // Drop expired windows first; if all are live, forget the whole table rather than grow.
    std::erase_if(map,
                  [&](const auto& entry) { return now - entry.second.window_start > kWindow; });
    if (map.size() >= kMaxKeys) map.clear();
  }
  Counter& counter = map[key];
  if (counter.failures == 0 || now - counter.window_start > kWindow) {
    counter.failures = 0;
    counter.window_start = now;
  }
  return counter;
}

SignInThrottle::Verdict SignInThrottle::Check(const std::string& account,
                                              const std::string& address) {
  const auto now = Clock::now();
  std::lock_guard lock(mutex_);
  const Counter& by_account = Get(accounts_, account, now);
  const Counter& by_address = Get(addresses_, address, now);
  Verdict verdict;
  auto refuse = [&](const Counter& counter) {
    const auto left =
        std::chrono::duration_cast<std::chrono::seconds>(counter.window_start + kWindow - now);
    verdict.retry_after = std::max(std::chrono::seconds(1), left);
  };
  if (by_account.failures >= kAccountRefuseAfter) refuse(by_account);
  if (by_address.failures >= kAddressRefuseAfter) refuse(by_address);
  const int over = std::max(by_account.failures - kAccountSlowAfter + 1,
                            by_address.failures - kAddressSlowAfter + 1);
  if (over > 0) verdict.delay = std::min(kMaxDelay, kDelayStep * over);
  return verdict;
}

void SignInThrottle::RecordFailure(const std::string& account, const std::string& address) {
  const auto now = Clock::now();
  std::lock_guard lock(mutex_);
  ++Get(accounts_, account, now).failures;
  ++Get(addresses_, address, now).failures;
}

void SignInThrottle::RecordSuccess(const std::string& account) {
  std::lock_guard lock(mutex_);
  accounts_.erase(account);
}

}  // namespace rapport::identity
