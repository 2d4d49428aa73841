#include "common/metrics.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace rapport {
namespace {

std::string FormatNumber(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (std::isnan(value)) return "NaN";
  // Shortest text that reads back as the same double: 0.1 prints as 0.1.
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return error == std::errc() ? std::string(buffer, end) : "NaN";
}

std::string EscapeLabelValue(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// `{a="x"}` plus one more label (`le` of a bucket) appended inside the braces.
std::string WithLabel(const std::string& labels, const std::string& name,
                      const std::string& value) {
  const std::string extra = name + "=\"" + value + "\"";
  if (labels.empty()) return "{" + extra + "}";
  return labels.substr(0, labels.size() - 1) + "," + extra + "}";
}

}  // namespace

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)),
      buckets_(std::make_unique<std::atomic<uint64_t>[]>(bounds_.size() + 1)) {
  if (!std::is_sorted(bounds_.begin(), bounds_.end())) {
    throw std::logic_error("histogram bounds must ascend");
  }
}

void Histogram::Observe(double value) {
  const size_t bucket = static_cast<size_t>(
      std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin());
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot snapshot{.bounds = bounds_, .cumulative = {}, .sum = 0, .count = 0};
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    snapshot.cumulative.push_back(running);
  }
  snapshot.sum = sum_.load(std::memory_order_relaxed);
  // The count is the +Inf bucket, so the two can never disagree within one scrape.
  snapshot.count = running;
  return snapshot;
}

std::vector<double> LatencyBuckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

std::string RenderLabels(const MetricLabels& labels) {
  if (labels.empty()) return "";
  std::string out = "{";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += ",";
    out += labels[i].first + "=\"" + EscapeLabelValue(labels[i].second) + "\"";
  }
  return out + "}";
}

MetricsRegistry::Family& MetricsRegistry::FamilyFor(const std::string& name,
                                                    const std::string& help, Kind kind) {
  auto [it, inserted] = families_.try_emplace(name, Family{kind, help, {}, {}, {}});
  if (!inserted && it->second.kind != kind) {
    throw std::logic_error("metric " + name + " registered with two kinds");
  }
  return it->second;
}

Counter& MetricsRegistry::GetCounter(const std::string& name, const std::string& help,
                                     const MetricLabels& labels) {
  std::lock_guard lock(mutex_);
  auto& slot = FamilyFor(name, help, Kind::kCounter).counters[RenderLabels(labels)];
  if (!slot) slot = std::make_unique<Counter>();
  return *slot;
}

Histogram& MetricsRegistry::GetHistogram(const std::string& name, const std::string& help,
                                         const MetricLabels& labels, std::vector<double> bounds) {
  std::lock_guard lock(mutex_);
  auto& slot = FamilyFor(name, help, Kind::kHistogram).histograms[RenderLabels(labels)];
  if (!slot) slot = std::make_unique<Histogram>(std::move(bounds));
  return *slot;
}

void MetricsRegistry::SetGauge(const std::string& name, const std::string& help,
                               const MetricLabels& labels, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  FamilyFor(name, help, Kind::kGauge).gauges[RenderLabels(labels)] = std::move(read);
}

void MetricsRegistry::RemoveGauge(const std::string& name, const MetricLabels& labels) {
  std::lock_guard lock(mutex_);
  auto it = families_.find(name);
  if (it != families_.end()) it->second.gauges.erase(RenderLabels(labels));
}

std::string MetricsRegistry::Render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, family] : families_) {
    static constexpr const char* kTypes[] = {"counter", "histogram", "gauge"};
    out += "# HELP " + name + " " + family.help + "\n";
    out += "# TYPE " + name + " " + kTypes[static_cast<int>(family.kind)] + "\n";
    for (const auto& [labels, counter] : family.counters) {
      out += name + labels + " " + std::to_string(counter->value()) + "\n";
    }
    for (const auto& [labels, histogram] : family.histograms) {
      const Histogram::Snapshot s = histogram->Read();
      for (size_t i = 0; i < s.bounds.size(); ++i) {
        out += name + "_bucket" + WithLabel(labels, "le", FormatNumber(s.bounds[i])) + " " +
               std::to_string(s.cumulative[i]) + "\n";
      }
      out += name + "_bucket" + WithLabel(labels, "le", "+Inf") + " " +
             std::to_string(s.cumulative.back()) + "\n";
      out += name + "_sum" + labels + " " + FormatNumber(s.sum) + "\n";
      out += name + "_count" + labels + " " + std::to_string(s.count) + "\n";
    }
    for (const auto& [labels, read] : family.gauges) {
      out += name + labels + " " + FormatNumber(read()) + "\n";
    }
  }
  return out;
}

MetricsRegistry& Metrics() {
  static MetricsRegistry registry;  // never destroyed before the threads that record into it
  return registry;
}

void AppendProcessMetrics(std::string& out) {
  const long page_size = ::sysconf(_SC_PAGESIZE);
  const long ticks = ::sysconf(_SC_CLK_TCK);
  std::ifstream statm("/proc/self/statm");
  uint64_t virtual_pages = 0;
  uint64_t resident_pages = 0;
  if (statm >> virtual_pages >> resident_pages) {
    out += "# HELP process_resident_memory_bytes Resident memory size in bytes.\n";
    out += "# TYPE process_resident_memory_bytes gauge\n";
    out += "process_resident_memory_bytes " +
           std::to_string(resident_pages * static_cast<uint64_t>(page_size)) + "\n";
    out += "# HELP process_virtual_memory_bytes Virtual memory size in bytes.\n";
    out += "# TYPE process_virtual_memory_bytes gauge\n";
    out += "process_virtual_memory_bytes " +
           std::to_string(virtual_pages * static_cast<uint64_t>(page_size)) + "\n";
  }
  // Fields 14 and 15 of /proc/self/stat (utime, stime), counted after the command name, which
  // is in parentheses and may itself contain spaces.
  std::ifstream stat_file("/proc/self/stat");
  std::string stat((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
  const size_t close = stat.rfind(')');
  if (close != std::string::npos && ticks > 0) {
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    uint64_t utime = 0;
    uint64_t stime = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
      if (i == 14) utime = std::stoull(field);
      if (i == 15) stime = std::stoull(field);
    }
    out += "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n";
    out += "# TYPE process_cpu_seconds_total counter\n";
    out += "process_cpu_seconds_total " +
           FormatNumber(static_cast<double>(utime + stime) / static_cast<double>(ticks)) + "\n";
  }
  std::error_code error;
  size_t descriptors = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", error);
       !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    ++descriptors;
  }
  out += "# HELP process_open_fds Number of open file descriptors.\n";
  out += "# TYPE process_open_fds gauge\n";
  out += "process_open_fds " + std::to_string(descriptors) + "\n";
}

}  // namespace rapport
