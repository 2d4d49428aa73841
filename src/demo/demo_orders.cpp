#include "demo/demo_orders.hpp"

#include <algorithm>
#include <array>

#include "common/time.hpp"
#include "demo/demo_random.hpp"

namespace rapport::demo {
namespace {

struct Item {
  std::string_view sku;
  std::string_view name;
  std::string_view category;
  std::string_view price;
};

constexpr std::array<Item, 18> kCatalogue{{
    {"HW-100", "Orbit webcam", "Hardware", "89.00"},
    {"HW-110", "Orbit webcam pro", "Hardware", "149.00"},
    {"HW-200", "Desk microphone", "Hardware", "119.00"},
    {"HW-300", "Conference speaker", "Hardware", "249.00"},
    {"AC-100", "USB-C hub", "Accessories", "39.90"},
    {"AC-110", "Webcam privacy cover", "Accessories", "9.90"},
    {"AC-200", "Monitor arm", "Accessories", "79.00"},
    {"AC-300", "Noise-cancelling headset", "Accessories", "199.00"},
    {"SW-100", "Meeting suite, 1 seat, 1 year", "Software", "96.00"},
    {"SW-110", "Meeting suite, 10 seats, 1 year", "Software", "890.00"},
    {"SW-200", "Recording add-on, 1 year", "Software", "48.00"},
    {"SV-100", "Room set-up visit", "Services", "350.00"},
    {"SV-200", "Remote onboarding session", "Services", "120.00"},
    {"SP-100", "Extended warranty, 2 years", "Support", "59.00"},
    {"SP-200", "Priority support, 1 year", "Support", "240.00"},
    {"TR-100", "Admin training, half day", "Training", "290.00"},
    {"TR-200", "User training video pack", "Training", "45.00"},
    {"AC-400", "Carry case", "Accessories", "24.50"},
}};

constexpr std::array<std::string_view, 4> kChannels = {"web", "store", "phone", "marketplace"};
constexpr std::array<int, 4> kChannelWeights = {60, 15, 15, 10};
constexpr int64_t kDayMillis = int64_t{24} * 3600 * 1000;
constexpr int64_t kHistoryDays = 720;

}  // namespace

std::vector<json::object> DemoCatalogue() {
  std::vector<json::object> products;
  products.reserve(kCatalogue.size());
  for (const Item& item : kCatalogue) {
    products.push_back(json::object{{"sku", item.sku},
                                    {"name", item.name},
                                    {"category", item.category},
                                    {"price", item.price},
                                    {"currency", "USD"}});
  }
  return products;
}

std::vector<json::object> DemoOrders(const DemoOptions& options, size_t index,
                                     std::string_view lifecycle_stage) {
  DemoRandom random = DemoRandom::ForEntity(options.seed, Stream::kOrders, index);
  int count = 0;
  if (lifecycle_stage == "customer")
    count = static_cast<int>(random.Between(1, 6));
  else if (lifecycle_stage == "churned")
    count = static_cast<int>(random.Between(1, 3));
  else if (lifecycle_stage == "prospect")
    count = random.Percent(25) ? 1 : 0;
  else
    count = random.Percent(5) ? 1 : 0;
  // Each customer leans to a favourite part of the catalogue, so favourites differ.
  const size_t favourite = random.Below(kCatalogue.size());
  std::vector<int64_t> ages;
  ages.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) ages.push_back(random.Between(1, kHistoryDays));
  std::sort(ages.rbegin(), ages.rend());  // oldest first
  std::vector<json::object> orders;
  orders.reserve(ages.size());
  for (int64_t age : ages) {
    json::array lines;
    const int64_t line_count = random.Between(1, 3);
    for (int64_t l = 0; l < line_count; ++l) {
      const Item& item =
          random.Percent(60) ? kCatalogue[favourite] : kCatalogue[random.Below(kCatalogue.size())];
      json::object line{{"sku", item.sku}, {"quantity", random.Between(1, 3)}};
      if (random.Percent(10)) line["discount"] = "5.00";
      lines.push_back(std::move(line));
    }
    const int64_t placed =
        options.now_millis - age * kDayMillis - random.Between(0, kDayMillis - 1);
    orders.push_back(json::object{
        {"placed_at", FormatInstant(placed)},
        {"currency", "USD"},
        {"channel", kChannels[random.PickWeighted(std::span<const int>(kChannelWeights))]},
        {"status", age > 14 ? "fulfilled" : "paid"},
        {"lines", std::move(lines)}});
  }
  return orders;
}

}  // namespace rapport::demo
