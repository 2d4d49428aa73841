// health_bench: what keeping customer health current costs (docs/design/health.md § Kept
// current). Places orders the way the API does (durable writes from 16 threads, group commit),
// then delivers their events to the HealthTracker alone, as the server's dispatcher does (500
// per round), and prints the tracker's time per event as a ratio against the order's own write
// per event. Then the review sweep's re-score per customer, against the same baseline.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "analytics/health_tracker.hpp"
#include "commerce/order_service.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kCustomers = 2'000;
constexpr int kOrdersPerCustomer = 5;
constexpr int kWriterThreads = 16;

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace rapport;
  const std::string dir =
      argc > 1 ? argv[1] : std::filesystem::temp_directory_path() / "rapport-health-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto opened = storage::SqliteDatabase::Open({.path = dir + "/rapport.db"});
  if (!opened.ok()) {
    std::fprintf(stderr, "open failed: %s\n", opened.error().message.c_str());
    return 1;
  }
  storage::Database& db = **opened;
  const storage::WriteContext context{.actor = "bench"};
  const access::Access& all = access::Access::Unrestricted();
  customers::CustomerService customers(db);
  std::vector<std::string> ids;
  for (int i = 0; i < kCustomers; ++i) {
    auto created = customers.Create(
        all, context, json::object{{"first_name", "Bench"}, {"last_name", std::to_string(i)}});
    if (!created.ok()) return 1;
    ids.emplace_back(created->at("id").as_string());
  }
  // The customers' own events first, so only orders are timed below.
  analytics::HealthTracker tracker;
  {
    storage::EventDispatcher dispatcher(db);
    dispatcher.Subscribe(tracker);
    if (!dispatcher.DrainAll().ok()) return 1;
  }

  commerce::OrderService orders(db);
  const int total = kCustomers * kOrdersPerCustomer;
  std::atomic<int> next = 0;
  std::atomic<int> failures = 0;
  const int64_t now = NowMillis();
  auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kWriterThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = next++; i < total; i = next++) {
        // Each customer's orders a month apart, the newest a few weeks ago.
        const int64_t days_ago = 20 + 30 * (i / kCustomers);
        json::object body{
            {"placed_at", FormatInstant(now - days_ago * 86'400'000)},
            {"currency", "EUR"},
            {"channel", "web"},
            {"lines", json::array{json::object{
                          {"description", "Beans"}, {"quantity", 1}, {"unit_price", "12.50"}}}}};
        if (!orders.Place(all, context, ids[i % kCustomers], body).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const double place_per_event = Seconds(start) / total;
  if (failures > 0) {
    std::fprintf(stderr, "health_bench: %d orders failed\n", failures.load());
    return 1;
  }

  start = Clock::now();
  {
    storage::EventDispatcher dispatcher(db);
    dispatcher.Subscribe(tracker);
    if (!dispatcher.DrainAll().ok()) return 1;
  }
  // Each order is three events (order.placed, its timeline entry's interaction.logged, and the
  // value traits' none): the tracker's cost is counted per order, the unit the baseline writes.
  const double track_per_event = Seconds(start) / total;

  start = Clock::now();
  const int64_t far = NowMillis() / 86'400'000 + 400;  // every customer's next review is due
  int64_t rescored = 0;
  for (;;) {
    auto done = analytics::ReviewDueHealth(db, far, 500);
    if (!done.ok()) return 1;
    rescored += *done;
    if (*done < 500) break;
  }
  const double review_per_customer = Seconds(start) / static_cast<double>(rescored);

  std::printf("health_bench: %d customers, %d orders placed by %d writers\n", kCustomers, total,
              kWriterThreads);
  std::printf(
      "ratio   health update  %8.0f orders/s  baseline (placing the order, durable) "
      "%8.0f orders/s  ratio %.2f\n",
      1 / track_per_event, 1 / place_per_event, place_per_event / track_per_event);
  std::printf(
      "ratio   health review  %8.0f customers/s  baseline (placing the order, durable) "
      "%8.0f orders/s  ratio %.2f\n",
      1 / review_per_customer, 1 / place_per_event, place_per_event / review_per_customer);
  std::printf("  (the update's share of an order's write: %.1f%%; %lld customers re-scored)\n",
              100.0 * track_per_event / (track_per_event + place_per_event),
              static_cast<long long>(rescored));
  std::filesystem::remove_all(dir);
  return 0;
}
