#include "transfer/job_runner.hpp"

#include <spdlog/spdlog.h>

namespace rapport::transfer {

JobRunner::JobRunner() : thread_([this] { Loop(); }) {}

JobRunner::~JobRunner() { Stop(); }

bool JobRunner::Submit(const std::string& id, std::function<void()> work) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    queue_.emplace_back(id, std::move(work));
    live_[id] = JobCounts{};
  }
  wake_.notify_one();
  return true;
}

std::optional<JobCounts> JobRunner::Live(const std::string& id) const {
  std::lock_guard lock(mutex_);
  auto found = live_.find(id);
  if (found == live_.end()) return std::nullopt;
  return found->second;
}

void JobRunner::Report(const std::string& id, const JobCounts& counts) {
  std::lock_guard lock(mutex_);
  live_[id] = counts;
}

void JobRunner::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    queue_.clear();  // queued jobs are marked interrupted at the next start
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void JobRunner::Loop() {
  while (true) {
    std::pair<std::string, std::function<void()>> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      running_ = true;
    }
    try {
      job.second();
    } catch (const std::exception& e) {
      // A throwing job is a bug; the job row says "running" until the next start marks it.
      spdlog::error("transfer job {} threw: {}", job.first, e.what());
    }
    std::lock_guard lock(mutex_);
    live_.erase(job.first);
    running_ = false;
  }
}

size_t JobRunner::QueueDepth() const {
  std::lock_guard lock(mutex_);
  return queue_.size() + (running_ ? 1 : 0);
}

}  // namespace rapport::transfer
