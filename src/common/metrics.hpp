// Metrics: counters, histograms and gauges for GET /metrics, in the Prometheus text format.
//
// One process-wide registry (Metrics()), as Prometheus client libraries keep, so the storage
// writer, the HTTP server and the job runner can each record what they know without a new
// constructor parameter through every layer. Series are created once (at start-up, or on first
// use) and then updated lock-free: Counter and Histogram are atomics, so recording on a hot path
// costs a few relaxed increments. Gauges are callbacks evaluated at scrape time. Label values are
// fixed by the code (route patterns, never request paths), which keeps the series count bounded.
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace rapport {

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void Add(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_ = 0;
};

class Histogram {
 public:
  // REQUIRES: `bounds` ascending (the upper bounds of the buckets; +Inf is implied).
  explicit Histogram(std::vector<double> bounds);
  void Observe(double value);

  struct Snapshot {
    std::vector<double> bounds;
    std::vector<uint64_t> cumulative;  // one per bound, then +Inf
    double sum = 0;
    uint64_t count = 0;
  };
  Snapshot Read() const;

 private:
  const std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // bounds_.size() + 1 (the +Inf bucket)
  std::atomic<double> sum_ = 0;
};

// Bucket bounds, in seconds, for request and commit latencies: 0.5 ms to 10 s.
std::vector<double> LatencyBuckets();

class MetricsRegistry {
 public:
  // The series `name{labels}`, created on first use; the reference stays valid for the life of
  // the registry. The same name must always be used with the same kind and help text.
  Counter& GetCounter(const std::string& name, const std::string& help,
                      const MetricLabels& labels = {});
  Histogram& GetHistogram(const std::string& name, const std::string& help,
                          const MetricLabels& labels, std::vector<double> bounds);
  // A value read when scraped (queue depth, open connections). Replaces a gauge of the same
  // name and labels, so a component started twice (tests) does not leave a stale callback.
  void SetGauge(const std::string& name, const std::string& help, const MetricLabels& labels,
                std::function<double()> read);
  void RemoveGauge(const std::string& name, const MetricLabels& labels);

  // Everything, in the Prometheus text exposition format (version 0.0.4).
  std::string Render() const;

 private:
  enum class Kind { kCounter, kHistogram, kGauge };
  struct Family {
    Kind kind;
    std::string help;
    std::map<std::string, std::unique_ptr<Counter>> counters;      // by rendered labels
    std::map<std::string, std::unique_ptr<Histogram>> histograms;  // by rendered labels
    std::map<std::string, std::function<double()>> gauges;         // by rendered labels
  };
  Family& FamilyFor(const std::string& name, const std::string& help, Kind kind);

  mutable std::mutex mutex_;
  std::map<std::string, Family> families_;  // GUARDED_BY(mutex_)
};

// The process-wide registry.
MetricsRegistry& Metrics();

// `{a="x",b="y"}` with values escaped as the text format requires; empty for no labels.
std::string RenderLabels(const MetricLabels& labels);

// Process figures for the scrape: resident and virtual memory, CPU seconds, open descriptors,
// as process_* gauges (the names every Prometheus client uses). Linux /proc only.
void AppendProcessMetrics(std::string& out);

}  // namespace rapport
