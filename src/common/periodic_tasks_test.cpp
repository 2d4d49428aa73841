#include "common/periodic_tasks.hpp"

#include <gtest/gtest.h>

#include <atomic>

namespace rapport {
namespace {

using std::chrono::milliseconds;

TEST(PeriodicTasksTest, RunsEachTaskAtOnceAndThenEveryInterval) {
  std::atomic<int> fast = 0, slow = 0;
  PeriodicTasks tasks;
  tasks.Add({.name = "fast", .interval = milliseconds(10), .run = [&] { ++fast; }});
  tasks.Add({.name = "slow", .interval = std::chrono::hours(1), .run = [&] { ++slow; }});
  tasks.Start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (fast < 4 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  tasks.Stop();
  EXPECT_GE(fast.load(), 4);
  EXPECT_EQ(slow.load(), 1);  // once at start, then not for an hour
}

TEST(PeriodicTasksTest, StopWakesASleepingThreadAtOnce) {
  PeriodicTasks tasks;
  tasks.Add({.name = "hourly", .interval = std::chrono::hours(1), .run = [] {}});
  tasks.Start();
  std::this_thread::sleep_for(milliseconds(20));
  const auto before = std::chrono::steady_clock::now();
  tasks.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(1));
  tasks.Stop();  // idempotent
}

}  // namespace
}  // namespace rapport
