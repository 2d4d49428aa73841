#include "commerce/order_summary.hpp"

#include "common/money.hpp"

namespace rapport::commerce {
namespace {

std::string Text(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

// Cuts after `max_characters` code points (never inside a UTF-8 sequence), marking the cut.
std::string Shorten(const std::string& text, size_t max_characters) {
  size_t characters = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool starts_character = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_character && characters++ == max_characters) return text.substr(0, i) + "…";
  }
  return text;
}

std::string TotalWithCurrency(const json::object& order) {
  return Text(order, "total") + " " + Text(order, "currency");
}

}  // namespace

std::string OrderReference(const json::object& order) {
  const json::value* number = order.if_contains("number");
  if (number != nullptr && number->is_int64()) return "#" + std::to_string(number->as_int64());
  return Text(order, "id");
}

std::string ItemsSummary(const json::object& order) {
  const json::value* lines = order.if_contains("lines");
  if (lines == nullptr || !lines->is_array()) return {};
  std::string out;
  size_t listed = 0;
  for (const json::value& line : lines->as_array()) {
    if (!line.is_object()) continue;
    if (listed == kMaxListedItems) {
      return out + " and " + std::to_string(lines->as_array().size() - listed) + " more";
    }
    const json::value* quantity = line.as_object().if_contains("quantity");
    if (listed++ > 0) out += ", ";
    if (quantity != nullptr && quantity->is_int64() && quantity->as_int64() != 1) {
      out += std::to_string(quantity->as_int64()) + " × ";
    }
    out += Shorten(Text(line.as_object(), "description"), kMaxItemCharacters);
  }
  return out;
}

std::string PlacedSummary(const json::object& order) {
  return "Order " + OrderReference(order) + ": " + ItemsSummary(order) + " — " +
         TotalWithCurrency(order);
}

std::string CancelledSummary(const json::object& order) {
  return "Order " + OrderReference(order) + " cancelled: " + ItemsSummary(order) + " — " +
         TotalWithCurrency(order);
}

std::string RefundedSummary(const json::object& order, int64_t refund_cents) {
  return "Order " + OrderReference(order) + " refunded " + FormatCents(refund_cents) + " " +
         Text(order, "currency") + ": " + ItemsSummary(order);
}

}  // namespace rapport::commerce
