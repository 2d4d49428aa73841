// A voucher's rules (docs/design/loyalty.md § Vouchers), pure: what it is worth (amount off,
// percent off, a free product, free shipping), in which currency, from which order value, on
// which products or categories, until when, how often per customer, whether it combines with
// other vouchers and whether a cancelled order gives its use back — parsed from the API's JSON
// with a field for every error, written back as served, and priced against an order being placed.
// Plain value types; thread-compatible.
//
// Pricing: amount off takes at most what the eligible lines (the whole order without a scope)
// come to; percent off is rounded down to the cent; a free product takes one unit's price of the
// first line selling it; free shipping takes nothing (orders do not price shipping, the line says
// it). No voucher takes more than the order has left after the vouchers before it.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commerce/voucher_hook.hpp"
#include "common/json.hpp"
#include "common/result.hpp"

namespace rapport::loyalty {

enum class VoucherValue { kAmountOff, kPercentOff, kFreeProduct, kFreeShipping };

struct VoucherRules {
  VoucherValue value = VoucherValue::kAmountOff;
  int64_t amount_cents = 0;             // kAmountOff
  int64_t percent = 0;                  // kPercentOff: 1..100
  std::string product_id;               // kFreeProduct
  std::optional<std::string> currency;  // required with an amount or a minimum order
  int64_t min_order_cents = 0;
  std::vector<std::string> scope_products;    // product ids; empty with no categories: all
  std::vector<std::string> scope_categories;  // product categories
  std::optional<std::string> expires_at;      // RFC 3339, normalised
  std::optional<int64_t> per_customer_limit;  // uses per customer across the batch
  bool combinable = true;
  bool return_on_cancel = true;
};

// The rules from {value: {type, amount|percent|product_id}, currency?, min_order?, scope?:
// {product_ids?, categories?}, expires_at?, per_customer_limit?, combinable?, return_on_cancel?};
// any other key must be in `other_keys` (the caller's own fields). Errors name the field.
Result<VoucherRules> ParseVoucherRules(const json::object& input,
                                       std::initializer_list<std::string_view> other_keys);
json::object VoucherRulesToJson(const VoucherRules& rules);
// The stored JSON back (it was validated when written).
Result<VoucherRules> VoucherRulesFromStored(std::string_view text);

// "10.00 EUR off", "15% off", "a free product", "free shipping".
std::string DescribeVoucherValue(const VoucherRules& rules);

// What the voucher takes off `order`, or why it cannot be used (a sentence for the field's error).
// `remaining_cents`: the order's total less the vouchers before this one; `now`: RFC 3339.
struct VoucherPrice {
  std::optional<std::string> problem;
  int64_t discount_cents = 0;
};
VoucherPrice PriceVoucher(const VoucherRules& rules, const commerce::DraftOrder& order,
                          int64_t remaining_cents, std::string_view now);

}  // namespace rapport::loyalty
