#include "analytics/health_inputs.hpp"

#include <algorithm>

namespace rapport::analytics {
namespace {

constexpr int64_t kSpendMonths = 24;

std::optional<int64_t> IntAt(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_int64()) return std::nullopt;
  return value->as_int64();
}

const json::array* ArrayAt(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_array() ? &value->as_array() : nullptr;
}

json::value Optional(const std::optional<int64_t>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::value AnswerJson(const std::optional<AnswerMark>& answer) {
  if (!answer) return nullptr;
  return json::object{{"score", answer->score}, {"day", answer->day}};
}

std::optional<AnswerMark> AnswerFrom(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_object()) return std::nullopt;
  auto score = IntAt(value->as_object(), "score");
  auto day = IntAt(value->as_object(), "day");
  if (!score || !day) return std::nullopt;
  return AnswerMark{*score, *day};
}

}  // namespace

void AddPurchase(HealthInputs& inputs, std::string_view order_id, int64_t day, int64_t cents) {
  ++inputs.purchases;
  if (!inputs.first_purchase_day || day < *inputs.first_purchase_day)
    inputs.first_purchase_day = day;
  if (!inputs.last_purchase_day || day > *inputs.last_purchase_day) inputs.last_purchase_day = day;
  inputs.spend_by_month[MonthOfDay(day)] += cents;
  const int64_t newest = inputs.spend_by_month.rbegin()->first;
  std::erase_if(inputs.spend_by_month,
                [&](const auto& entry) { return entry.first <= newest - kSpendMonths; });
  auto& orders = inputs.recent_orders;
  auto at = std::find_if(orders.begin(), orders.end(),
                         [&](const OrderMark& order) { return order.day < day; });
  orders.insert(at, OrderMark{std::string(order_id), day, cents});
  if (orders.size() > kRecentOrders) orders.resize(kRecentOrders);
}

bool RemovePurchase(HealthInputs& inputs, std::string_view order_id) {
  auto& orders = inputs.recent_orders;
  auto at = std::find_if(orders.begin(), orders.end(),
                         [&](const OrderMark& order) { return order.id == order_id; });
  if (at == orders.end()) return false;
  const OrderMark gone = *at;
  orders.erase(at);
  inputs.purchases = std::max<int64_t>(0, inputs.purchases - 1);
  if (auto month = inputs.spend_by_month.find(MonthOfDay(gone.day));
      month != inputs.spend_by_month.end()) {
    month->second -= gone.cents;
    if (month->second <= 0) inputs.spend_by_month.erase(month);
  }
  if (inputs.purchases == 0) {
    inputs.first_purchase_day.reset();
    inputs.last_purchase_day.reset();
  } else if (inputs.last_purchase_day == gone.day) {
    // The newest remaining recent order is the last purchase; with none recent left, the older
    // history keeps its last day.
    if (!orders.empty()) inputs.last_purchase_day = orders.front().day;
  }
  return true;
}

void OpenTicket(HealthInputs& inputs, std::string_view ticket_id) {
  auto& open = inputs.open_tickets;
  if (std::find(open.begin(), open.end(), ticket_id) != open.end()) return;
  if (open.size() >= kOpenTickets) return;  // the penalty is capped far below this
  open.emplace_back(ticket_id);
}

void CloseTicket(HealthInputs& inputs, std::string_view ticket_id) {
  std::erase(inputs.open_tickets, std::string(ticket_id));
}

void AddBreach(HealthInputs& inputs, std::string_view key, int64_t day, int64_t today,
               int64_t window_days) {
  auto& breaches = inputs.breaches;
  std::erase_if(breaches, [&](const BreachMark& b) { return today - b.day >= window_days; });
  if (today - day >= window_days) return;
  if (std::any_of(breaches.begin(), breaches.end(),
                  [&](const BreachMark& b) { return b.key == key; })) {
    return;
  }
  breaches.push_back({std::string(key), day});
  std::sort(breaches.begin(), breaches.end(),
            [](const BreachMark& a, const BreachMark& b) { return a.day > b.day; });
  if (breaches.size() > kBreaches) breaches.resize(kBreaches);
}

void NoteContact(HealthInputs& inputs, int64_t day) {
  if (!inputs.last_contact_day || day > *inputs.last_contact_day) inputs.last_contact_day = day;
}

void NoteAnswer(std::optional<AnswerMark>& slot, int64_t score, int64_t day) {
  if (slot && slot->day > day) return;
  slot = AnswerMark{score, day};
}

json::object InputsToJson(const HealthInputs& inputs) {
  json::object spend;
  for (const auto& [month, cents] : inputs.spend_by_month) spend[std::to_string(month)] = cents;
  json::array orders;
  for (const OrderMark& order : inputs.recent_orders) {
    orders.push_back(json::array{json::value(order.id), order.day, order.cents});
  }
  json::array tickets(inputs.open_tickets.begin(), inputs.open_tickets.end());
  json::array breaches;
  for (const BreachMark& breach : inputs.breaches) {
    breaches.push_back(json::array{json::value(breach.key), breach.day});
  }
  return json::object{{"purchases", inputs.purchases},
                      {"first", Optional(inputs.first_purchase_day)},
                      {"last", Optional(inputs.last_purchase_day)},
                      {"spend", std::move(spend)},
                      {"orders", std::move(orders)},
                      {"nps", AnswerJson(inputs.nps)},
                      {"csat", AnswerJson(inputs.csat)},
                      {"tickets", std::move(tickets)},
                      {"breaches", std::move(breaches)},
                      {"contact", Optional(inputs.last_contact_day)}};
}

HealthInputs InputsFromJson(const json::object& object) {
  HealthInputs inputs;
  inputs.purchases = IntAt(object, "purchases").value_or(0);
  inputs.first_purchase_day = IntAt(object, "first");
  inputs.last_purchase_day = IntAt(object, "last");
  if (const json::value* spend = object.if_contains("spend"); spend && spend->is_object()) {
    for (const auto& entry : spend->as_object()) {
      if (!entry.value().is_int64()) continue;
      try {
        inputs.spend_by_month[std::stoll(std::string(entry.key()))] = entry.value().as_int64();
      } catch (const std::exception&) {  // a malformed month is skipped, as documented
      }
    }
  }
  if (const json::array* orders = ArrayAt(object, "orders")) {
    for (const json::value& order : *orders) {
      if (!order.is_array() || order.as_array().size() != 3) continue;
      const json::array& o = order.as_array();
      if (!o[0].is_string() || !o[1].is_int64() || !o[2].is_int64()) continue;
      inputs.recent_orders.push_back(
          {std::string(o[0].as_string()), o[1].as_int64(), o[2].as_int64()});
    }
  }
  inputs.nps = AnswerFrom(object, "nps");
  inputs.csat = AnswerFrom(object, "csat");
  if (const json::array* tickets = ArrayAt(object, "tickets")) {
    for (const json::value& id : *tickets) {
      if (id.is_string()) inputs.open_tickets.emplace_back(id.as_string());
    }
  }
  if (const json::array* breaches = ArrayAt(object, "breaches")) {
    for (const json::value& breach : *breaches) {
      if (!breach.is_array() || breach.as_array().size() != 2) continue;
      const json::array& b = breach.as_array();
      if (!b[0].is_string() || !b[1].is_int64()) continue;
      inputs.breaches.push_back({std::string(b[0].as_string()), b[1].as_int64()});
    }
  }
  inputs.last_contact_day = IntAt(object, "contact");
  return inputs;
}

}  // namespace rapport::analytics
