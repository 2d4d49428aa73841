#include "common/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace rapport {
namespace {

TEST(MetricsTest, RendersCountersHistogramsAndGaugesInTheTextFormat) {
  MetricsRegistry registry;
  registry.GetCounter("t_requests_total", "Requests.", {{"route", "/a"}, {"code", "2xx"}}).Add(3);
  Histogram& latency = registry.GetHistogram("t_seconds", "Latency.", {{"route", "/a"}}, {0.1, 1});
  latency.Observe(0.05);
  latency.Observe(0.5);
  latency.Observe(7);
  registry.SetGauge("t_depth", "Depth.", {}, [] { return 4.0; });
  const std::string text = registry.Render();
  EXPECT_NE(text.find("# TYPE t_requests_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("t_requests_total{route=\"/a\",code=\"2xx\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_bucket{route=\"/a\",le=\"0.1\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("t_seconds_bucket{route=\"/a\",le=\"1\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_bucket{route=\"/a\",le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_count{route=\"/a\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("t_seconds_sum{route=\"/a\"} 7.5"), std::string::npos);
  EXPECT_NE(text.find("# TYPE t_depth gauge\nt_depth 4\n"), std::string::npos);
}

TEST(MetricsTest, SameSeriesIsOneObjectAndLabelValuesAreEscaped) {
  MetricsRegistry registry;
  Counter& a = registry.GetCounter("t_total", "T.", {{"k", "v"}});
  Counter& b = registry.GetCounter("t_total", "T.", {{"k", "v"}});
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(RenderLabels({{"k", "a\"b\\c\nd"}}), "{k=\"a\\\"b\\\\c\\nd\"}");
  EXPECT_THROW(registry.GetHistogram("t_total", "T.", {}, {1}), std::logic_error);
}

TEST(MetricsTest, ConcurrentObservationsAreAllCounted) {
  MetricsRegistry registry;
  Histogram& h = registry.GetHistogram("t_h", "H.", {}, LatencyBuckets());
  Counter& c = registry.GetCounter("t_c", "C.");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        h.Observe(0.003);
        c.Add();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(h.Read().count, 40000u);
  EXPECT_EQ(c.value(), 40000u);
}

TEST(MetricsTest, ProcessMetricsAreReported) {
  std::string out;
  AppendProcessMetrics(out);
  EXPECT_NE(out.find("process_resident_memory_bytes "), std::string::npos);
  EXPECT_NE(out.find("process_cpu_seconds_total "), std::string::npos);
  EXPECT_NE(out.find("process_open_fds "), std::string::npos);
}

}  // namespace
}  // namespace rapport
