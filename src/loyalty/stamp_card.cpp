#include "loyalty/stamp_card.hpp"

#include <algorithm>

#include "common/unicode_text.hpp"

namespace rapport::loyalty {
namespace {

constexpr size_t kMaxList = 200;
constexpr size_t kMaxName = 200;
constexpr size_t kMaxId = 100;

void ReadList(const json::object& input, std::string_view key, std::vector<std::string>& out,
              std::vector<FieldError>& errors) {
  const json::value* v = input.if_contains(key);
  if (v == nullptr || v->is_null()) return;
  if (!v->is_array() || v->as_array().size() > kMaxList) {
    errors.push_back({std::string(key), "must be a list of at most 200 strings"});
    return;
  }
  for (size_t i = 0; i < v->as_array().size(); ++i) {
    const json::value& item = v->as_array()[i];
    if (!item.is_string() || item.as_string().empty() || item.as_string().size() > kMaxId) {
      errors.push_back({std::string(key) + "[" + std::to_string(i) + "]",
                        "must be a non-empty string of at most 100 characters"});
      continue;
    }
    out.emplace_back(item.as_string());
  }
}

json::array ToArray(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& item : items) out.push_back(json::value(item));
  return out;
}

bool Contains(const std::vector<std::string>& items, const std::optional<std::string>& item) {
  return item && std::find(items.begin(), items.end(), *item) != items.end();
}

}  // namespace

Result<StampCard> ParseStampCard(const std::string& id, const json::object& input) {
  static constexpr std::array<std::string_view, 8> kKeys = {
      "name",       "stamps_required",   "per",        "products",
      "categories", "reward_product_id", "valid_days", "active"};
  std::vector<FieldError> errors;
  for (const auto& [key, value] : input) {
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end() && key != "id" &&
        key != "version" && key != "created_at" && key != "updated_at") {
      errors.push_back({std::string(key), "is not a stamp card setting"});
    }
  }
  StampCard card{.id = id};
  const bool id_ok =
      !id.empty() && id.size() <= 40 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      });
  if (!id_ok) errors.push_back({"id", "must be 1 to 40 of a-z, 0-9, _ and -"});
  if (const json::value* v = input.if_contains("name"); v == nullptr) {
    errors.push_back({"name", "is required"});
  } else {
    CleanedText cleaned = v->is_string()
                              ? CleanText(v->as_string(), kMaxName, TextKind::kSingleLine)
                              : CleanedText{.problem = "must be a string"};
    if (cleaned.problem.empty() && cleaned.text.empty()) cleaned.problem = "is required";
    if (!cleaned.problem.empty()) {
      errors.push_back({"name", std::move(cleaned.problem)});
    } else {
      card.name = std::move(cleaned.text);
    }
  }
  if (const json::value* v = input.if_contains("stamps_required");
      v == nullptr || !v->is_int64() || v->as_int64() < 2 || v->as_int64() > 100) {
    errors.push_back({"stamps_required", "must be a whole number from 2 to 100"});
  } else {
    card.stamps_required = v->as_int64();
  }
  if (const json::value* v = input.if_contains("per"); v != nullptr) {
    if (v->is_string() && v->as_string() == "order") {
      card.per = StampPer::kOrder;
    } else if (v->is_string() && v->as_string() == "item") {
      card.per = StampPer::kItem;
    } else {
      errors.push_back({"per", "must be order or item"});
    }
  }
  ReadList(input, "products", card.products, errors);
  ReadList(input, "categories", card.categories, errors);
  if (const json::value* v = input.if_contains("reward_product_id");
      v == nullptr || !v->is_string() || v->as_string().empty() || v->as_string().size() > kMaxId) {
    errors.push_back({"reward_product_id", "must name the product a full card gives free"});
  } else {
    card.reward_product_id = std::string(v->as_string());
  }
  if (const json::value* v = input.if_contains("valid_days"); v != nullptr && !v->is_null()) {
    if (!v->is_int64() || v->as_int64() < 1 || v->as_int64() > 3650) {
      errors.push_back({"valid_days", "must be a whole number from 1 to 3650, or null"});
    } else {
      card.valid_days = v->as_int64();
    }
  }
  if (const json::value* v = input.if_contains("active"); v != nullptr) {
    if (!v->is_bool()) {
      errors.push_back({"active", "must be true or false"});
    } else {
      card.active = v->as_bool();
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return card;
}

json::object StampCardToJson(const StampCard& card) {
  return json::object{
      {"id", card.id},
      {"name", card.name},
      {"stamps_required", card.stamps_required},
      {"per", card.per == StampPer::kOrder ? "order" : "item"},
      {"products", ToArray(card.products)},
      {"categories", ToArray(card.categories)},
      {"reward_product_id", card.reward_product_id},
      {"valid_days", card.valid_days ? json::value(*card.valid_days) : json::value(nullptr)},
      {"active", card.active}};
}

bool Qualifies(const StampCard& card, const StampLine& line) {
  // Discount lines (vouchers) and free lines never stamp.
  if (line.total_cents <= 0 || line.quantity <= 0) return false;
  if (card.products.empty() && card.categories.empty()) return true;
  return Contains(card.products, line.product_id) || Contains(card.categories, line.category);
}

int64_t StampsFor(const StampCard& card, const std::vector<StampLine>& lines) {
  int64_t stamps = 0;
  for (const StampLine& line : lines) {
    if (!Qualifies(card, line)) continue;
    if (card.per == StampPer::kOrder) return 1;
    stamps = std::min(kMaxStampsPerOrder, stamps + line.quantity);
  }
  return stamps;
}

int64_t StampsKept(int64_t stamps, int64_t total_cents, int64_t refunded_cents) {
  if (total_cents <= 0) return refunded_cents > 0 ? 0 : stamps;
  const int64_t unrefunded = std::clamp<int64_t>(total_cents - refunded_cents, 0, total_cents);
  const __int128 kept = static_cast<__int128>(stamps) * unrefunded / total_cents;
  return static_cast<int64_t>(kept);
}

CardState StateOf(const StampCard& card, int64_t stamps, int64_t filled) {
  const int64_t on_card = stamps - filled * card.stamps_required;
  return CardState{.on_card = on_card, .to_fill = on_card > 0 ? on_card / card.stamps_required : 0};
}

}  // namespace rapport::loyalty
