// JobRunner: runs imports and exports in the background for the server, one at a time, in the
// order they were started — a transfer is long work on the single writer, and two at once would
// only interleave their batches. Live counts of the running job are kept here (an atomic import
// or a dry run commits its progress only at the end), so GET /imports/{id} shows progress as
// it happens. Stop() lets the running job finish its current batch-free point and drops queued
// ones; they are marked interrupted at the next start.
//
// Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "transfer/transfer_jobs.hpp"

namespace rapport::transfer {

class JobRunner {
 public:
  JobRunner();
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Queues `work` for job `id`. Returns false once stopping.
  bool Submit(const std::string& id, std::function<void()> work);
  // Live counts while a job runs (set by the job through Report); nullopt otherwise.
  std::optional<JobCounts> Live(const std::string& id) const;
  void Report(const std::string& id, const JobCounts& counts);
  // Jobs waiting or running (for /metrics).
  size_t QueueDepth() const;
  void Stop();

 private:
  void Loop();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::pair<std::string, std::function<void()>>> queue_;
  std::map<std::string, JobCounts> live_;
  bool running_ = false;  // GUARDED_BY(mutex_)
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace rapport::transfer
