#include "loyalty/voucher_rules.hpp"

#include <algorithm>
#include <array>

#include "common/money.hpp"
#include "common/time.hpp"

namespace rapport::loyalty {
namespace {

constexpr size_t kMaxScope = 200;
constexpr int64_t kMaxPerCustomer = 1'000'000;

std::optional<std::string> OptText(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

void ReadIdList(const json::value* value, const std::string& field, std::vector<std::string>& out,
                std::vector<FieldError>& errors) {
  if (value == nullptr || value->is_null()) return;
  if (!value->is_array() || value->as_array().size() > kMaxScope) {
    errors.push_back({field, "must be an array of at most 200 strings"});
    return;
  }
  for (const json::value& item : value->as_array()) {
    if (!item.is_string() || item.as_string().empty() || item.as_string().size() > 200) {
      errors.push_back({field, "must be an array of at most 200 strings"});
      return;
    }
    out.emplace_back(item.as_string());
  }
}

void ReadValue(const json::value* value, VoucherRules& rules, std::vector<FieldError>& errors) {
  if (value == nullptr || !value->is_object()) {
    errors.push_back({"value",
                      "is required: {type: amount_off | percent_off | free_product | "
                      "free_shipping, ...}"});
    return;
  }
  const json::object& v = value->as_object();
  const std::string type = OptText(v, "type").value_or("");
  std::string_view expected_key;
  if (type == "amount_off") {
    rules.value = VoucherValue::kAmountOff;
    expected_key = "amount";
    const json::value* amount = v.if_contains("amount");
    auto cents = amount != nullptr ? CentsFromJson(*amount) : std::nullopt;
    if (!cents || *cents <= 0) {
      errors.push_back({"value.amount", "must be a positive amount like 10.00"});
    } else {
      rules.amount_cents = *cents;
    }
  } else if (type == "percent_off") {
    rules.value = VoucherValue::kPercentOff;
    expected_key = "percent";
    const json::value* percent = v.if_contains("percent");
    if (percent == nullptr || !percent->is_int64() || percent->as_int64() < 1 ||
        percent->as_int64() > 100) {
      errors.push_back({"value.percent", "must be a whole number from 1 to 100"});
    } else {
      rules.percent = percent->as_int64();
    }
  } else if (type == "free_product") {
    rules.value = VoucherValue::kFreeProduct;
    expected_key = "product_id";
    auto product = OptText(v, "product_id");
    if (!product || product->empty() || product->size() > 200) {
      errors.push_back({"value.product_id", "is required: the product given free"});
    } else {
      rules.product_id = *product;
    }
  } else if (type == "free_shipping") {
    rules.value = VoucherValue::kFreeShipping;
  } else {
    errors.push_back(
        {"value.type", "must be one of amount_off, percent_off, free_product, free_shipping"});
    return;
  }
  for (const auto& [key, unused] : v) {
    if (key != "type" && key != expected_key) {
      errors.push_back({"value." + std::string(key), "is not a field of this kind of value"});
    }
  }
}

bool Contains(const std::vector<std::string>& list, const std::optional<std::string>& item) {
  return item && std::find(list.begin(), list.end(), *item) != list.end();
}

}  // namespace

Result<VoucherRules> ParseVoucherRules(const json::object& input,
                                       std::initializer_list<std::string_view> other_keys) {
  static constexpr std::array<std::string_view, 8> kKeys = {
      "value",      "currency",           "min_order",  "scope",
      "expires_at", "per_customer_limit", "combinable", "return_on_cancel"};
  std::vector<FieldError> errors;
  for (const auto& [key, unused] : input) {
    const bool known = std::find(kKeys.begin(), kKeys.end(), key) != kKeys.end() ||
                       std::find(other_keys.begin(), other_keys.end(), key) != other_keys.end();
    if (!known) errors.push_back({std::string(key), "is not a known field"});
  }
  VoucherRules rules;
  ReadValue(input.if_contains("value"), rules, errors);
  if (const json::value* c = input.if_contains("currency"); c != nullptr && !c->is_null()) {
    if (!c->is_string() || !IsCurrencyCode(c->as_string())) {
      errors.push_back({"currency", "must be an ISO 4217 code such as EUR"});
    } else {
      rules.currency = std::string(c->as_string());
    }
  }
  if (const json::value* m = input.if_contains("min_order"); m != nullptr && !m->is_null()) {
    auto cents = CentsFromJson(*m);
    if (!cents) {
      errors.push_back({"min_order", "must be an amount like 50.00"});
    } else {
      rules.min_order_cents = *cents;
    }
  }
  const bool needs_currency = rules.value == VoucherValue::kAmountOff || rules.min_order_cents > 0;
  if (needs_currency && !rules.currency &&
      std::none_of(errors.begin(), errors.end(), [](auto& e) { return e.field == "currency"; })) {
    errors.push_back({"currency", "is required with an amount off or a minimum order"});
  }
  if (const json::value* s = input.if_contains("scope"); s != nullptr && !s->is_null()) {
    if (!s->is_object()) {
      errors.push_back({"scope", "must be {product_ids?, categories?}"});
    } else {
      for (const auto& [key, unused] : s->as_object()) {
        if (key != "product_ids" && key != "categories")
          errors.push_back({"scope." + std::string(key), "is not a known field"});
      }
      ReadIdList(s->as_object().if_contains("product_ids"), "scope.product_ids",
                 rules.scope_products, errors);
      ReadIdList(s->as_object().if_contains("categories"), "scope.categories",
                 rules.scope_categories, errors);
    }
  }
  if (const json::value* e = input.if_contains("expires_at"); e != nullptr && !e->is_null()) {
    auto normal = e->is_string() ? NormalizeInstant(e->as_string()) : std::nullopt;
    if (!normal) {
      errors.push_back({"expires_at", "must be an RFC 3339 time"});
    } else {
      rules.expires_at = *normal;
    }
  }
  if (const json::value* l = input.if_contains("per_customer_limit");
      l != nullptr && !l->is_null()) {
    if (!l->is_int64() || l->as_int64() < 1 || l->as_int64() > kMaxPerCustomer) {
      errors.push_back({"per_customer_limit", "must be a whole number from 1 to 1000000"});
    } else {
      rules.per_customer_limit = l->as_int64();
    }
  }
  for (auto [key, flag] : {std::pair<std::string_view, bool*>{"combinable", &rules.combinable},
                           {"return_on_cancel", &rules.return_on_cancel}}) {
    if (const json::value* b = input.if_contains(key); b != nullptr && !b->is_null()) {
      if (!b->is_bool()) {
        errors.push_back({std::string(key), "must be true or false"});
      } else {
        *flag = b->as_bool();
      }
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return rules;
}

json::object VoucherRulesToJson(const VoucherRules& rules) {
  json::object value;
  switch (rules.value) {
    case VoucherValue::kAmountOff:
      value = {{"type", "amount_off"}, {"amount", FormatCents(rules.amount_cents)}};
      break;
    case VoucherValue::kPercentOff:
      value = {{"type", "percent_off"}, {"percent", rules.percent}};
      break;
    case VoucherValue::kFreeProduct:
      value = {{"type", "free_product"}, {"product_id", rules.product_id}};
      break;
    case VoucherValue::kFreeShipping:
      value = {{"type", "free_shipping"}};
      break;
  }
  json::array products, categories;
  for (const auto& id : rules.scope_products) products.emplace_back(id);
  for (const auto& name : rules.scope_categories) categories.emplace_back(name);
  auto optional = [](const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
  };
  return json::object{
      {"value", std::move(value)},
      {"currency", optional(rules.currency)},
      {"min_order", rules.min_order_cents > 0 ? json::value(FormatCents(rules.min_order_cents))
                                              : json::value(nullptr)},
      {"scope",
       json::object{{"product_ids", std::move(products)}, {"categories", std::move(categories)}}},
      {"expires_at", optional(rules.expires_at)},
      {"per_customer_limit",
       rules.per_customer_limit ? json::value(*rules.per_customer_limit) : json::value(nullptr)},
      {"combinable", rules.combinable},
      {"return_on_cancel", rules.return_on_cancel}};
}

Result<VoucherRules> VoucherRulesFromStored(std::string_view text) {
  auto parsed = ParseJsonObject(text);
  if (!parsed.ok()) return Error::Internal("a voucher batch's stored rules cannot be read");
  json::object input = std::move(*parsed);
  // Stored nulls and empty scopes read back as absent.
  auto rules = ParseVoucherRules(input, {});
  if (!rules.ok()) return Error::Internal("a voucher batch's stored rules are not valid");
  return rules;
}

std::string DescribeVoucherValue(const VoucherRules& rules) {
  switch (rules.value) {
    case VoucherValue::kAmountOff:
      return FormatCents(rules.amount_cents) + " " + rules.currency.value_or("") + " off";
    case VoucherValue::kPercentOff:
      return std::to_string(rules.percent) + "% off";
    case VoucherValue::kFreeProduct:
      return "a free product";
    case VoucherValue::kFreeShipping:
      return "free shipping";
  }
  return {};
}

VoucherPrice PriceVoucher(const VoucherRules& rules, const commerce::DraftOrder& order,
                          int64_t remaining_cents, std::string_view now) {
  if (rules.expires_at && *rules.expires_at <= now) {
    return {.problem = "expired at " + *rules.expires_at};
  }
  if (rules.currency && *rules.currency != order.currency &&
      (rules.value == VoucherValue::kAmountOff || rules.min_order_cents > 0)) {
    return {.problem = "is for orders in " + *rules.currency};
  }
  if (order.total_cents < rules.min_order_cents) {
    return {.problem = "needs an order of at least " + FormatCents(rules.min_order_cents) + " " +
                       rules.currency.value_or("")};
  }
  const bool scoped = !rules.scope_products.empty() || !rules.scope_categories.empty();
  int64_t eligible = 0;
  bool any = false;
  for (const auto& line : order.lines) {
    if (scoped && !Contains(rules.scope_products, line.product_id) &&
        !Contains(rules.scope_categories, line.category)) {
      continue;
    }
    any = true;
    eligible += line.line_total_cents;
  }
  if (!any) return {.problem = "applies to none of the order's products"};
  int64_t discount = 0;
  switch (rules.value) {
    case VoucherValue::kAmountOff:
      discount = std::min(rules.amount_cents, eligible);
      break;
    case VoucherValue::kPercentOff:
      discount = eligible / 100 * rules.percent + eligible % 100 * rules.percent / 100;
      break;
    case VoucherValue::kFreeProduct: {
      auto line = std::find_if(order.lines.begin(), order.lines.end(),
                               [&](const auto& l) { return l.product_id == rules.product_id; });
      if (line == order.lines.end()) return {.problem = "needs its free product in the order"};
      discount = std::min(line->unit_price_cents, line->line_total_cents);
      break;
    }
    case VoucherValue::kFreeShipping:
      discount = 0;
      break;
  }
  return {.discount_cents =
              std::clamp<int64_t>(discount, 0, std::max<int64_t>(remaining_cents, 0))};
}

}  // namespace rapport::loyalty
