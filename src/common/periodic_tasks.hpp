// PeriodicTasks: one thread that runs a few maintenance tasks, each every `interval` (the
// server's sweeps of expired idempotency records and export files, docs/design/maintenance.md).
//
// The thread sleeps on a condition variable until the earliest task is due, so an idle server
// wakes only as often as its most frequent task asks (hourly by default) and stays near 0 CPU.
// Tasks run one after another on that thread, never overlapping themselves; a slow task delays
// the others rather than piling up. Every task runs once at Start, so a server restarted more
// often than a task's interval still runs it. Stop wakes the thread and waits for a running
// task to return. Add before Start; Start and Stop from one thread (the composition root).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace rapport {

class PeriodicTasks {
 public:
  struct Task {
    std::string name;                    // for logs
    std::chrono::milliseconds interval;  // REQUIRES: > 0
    std::function<void()> run;           // errors are the task's to log
  };

  PeriodicTasks() = default;
  ~PeriodicTasks() { Stop(); }
  PeriodicTasks(const PeriodicTasks&) = delete;
  PeriodicTasks& operator=(const PeriodicTasks&) = delete;

  // REQUIRES: not started.
  void Add(Task task);
  void Start();
  // Idempotent; returns once the thread has ended.
  void Stop();

 private:
  void Loop();

  std::vector<Task> tasks_;  // fixed once started
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace rapport
