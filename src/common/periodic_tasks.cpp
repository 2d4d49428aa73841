#include "common/periodic_tasks.hpp"

#include <algorithm>

namespace rapport {

void PeriodicTasks::Add(Task task) { tasks_.push_back(std::move(task)); }

void PeriodicTasks::Start() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
}

void PeriodicTasks::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PeriodicTasks::Loop() {
  using Clock = std::chrono::steady_clock;
  // Every task is due at once; afterwards one interval after it last *started*, so a task's
  // rhythm does not drift by its own running time.
  std::vector<Clock::time_point> due(tasks_.size(), Clock::now());
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    for (size_t i = 0; i < tasks_.size() && !stopping_; ++i) {
      if (Clock::now() < due[i]) continue;
      due[i] = Clock::now() + tasks_[i].interval;
      lock.unlock();  // Stop may be called while a task runs; it waits for the join.
      tasks_[i].run();
      lock.lock();
    }
    if (tasks_.empty()) {
      wake_.wait(lock, [this] { return stopping_; });
    } else {
      wake_.wait_until(lock, *std::min_element(due.begin(), due.end()),
                       [this] { return stopping_; });
    }
  }
}

}  // namespace rapport
