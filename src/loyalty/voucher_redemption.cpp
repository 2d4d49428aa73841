#include "loyalty/voucher_redemption.hpp"

#include <algorithm>

#include "loyalty/voucher_code.hpp"
#include "loyalty/voucher_store.hpp"

namespace rapport::loyalty {
namespace {

std::string Field(size_t i) { return "voucher_codes[" + std::to_string(i) + "]"; }

std::string TextAt(const json::object& object, std::string_view key) {
  const json::value* v = object.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

// The order an event is about when it gives the order's uses back, else empty.
std::string ReturningOrder(const storage::Event& event) {
  if (event.type == "order.deleted") return TextAt(event.payload, "order_id");
  const char* record = event.type == "order.updated" ? "order" : "refund";
  const json::value* v = event.payload.if_contains(record);
  if (v == nullptr || !v->is_object()) return {};
  const json::object& o = v->as_object();
  if (event.type == "order.updated") {
    return TextAt(o, "status") == "cancelled" ? TextAt(o, "id") : std::string();
  }
  if (event.type == "order.refunded") {
    return TextAt(o, "order_status") == "refunded" ? TextAt(o, "order_id") : std::string();
  }
  return {};
}

}  // namespace

Result<std::vector<commerce::VoucherDiscount>> VoucherRedemption::Redeem(
    storage::Tx& tx, const storage::WriteContext&, const commerce::DraftOrder& order,
    const std::vector<std::string>& codes) {
  const std::string now = now_();
  std::vector<FieldError> errors;
  std::vector<std::pair<size_t, StoredVoucher>> found;
  std::vector<std::string> seen;
  for (size_t i = 0; i < codes.size(); ++i) {
    // An unknown code and a malformed one read the same: nothing tells a guesser which is which.
    auto normal = NormalizeVoucherCode(codes[i]);
    std::optional<StoredVoucher> voucher;
    if (normal) {
      RAPPORT_ASSIGN_OR_RETURN(voucher, FindVoucherByCode(tx, *normal));
    }
    if (!voucher) {
      errors.push_back({Field(i), "no voucher has this code"});
      continue;
    }
    if (std::find(seen.begin(), seen.end(), voucher->id) != seen.end()) {
      errors.push_back({Field(i), "is given twice"});
      continue;
    }
    seen.push_back(voucher->id);
    if (voucher->customer_id && *voucher->customer_id != order.customer_id) {
      errors.push_back({Field(i), "is not valid for this customer"});
      continue;
    }
    if (voucher->rules.expires_at && *voucher->rules.expires_at <= now) {
      errors.push_back({Field(i), "expired at " + *voucher->rules.expires_at});
      continue;
    }
    if (voucher->uses >= voucher->max_uses) {
      errors.push_back({Field(i), "has been used up"});
      continue;
    }
    if (voucher->rules.per_customer_limit) {
      RAPPORT_ASSIGN_OR_RETURN(int64_t used,
                               CustomerUses(tx, voucher->batch_id, order.customer_id));
      if (used >= *voucher->rules.per_customer_limit) {
        errors.push_back({Field(i), "this customer has used it as often as it allows (" +
                                        std::to_string(*voucher->rules.per_customer_limit) + ")"});
        continue;
      }
    }
    found.emplace_back(i, std::move(*voucher));
  }
  if (codes.size() > 1) {
    for (const auto& [i, voucher] : found) {
      if (!voucher.rules.combinable) {
        errors.push_back({Field(i), "cannot be combined with other vouchers"});
      }
    }
  }
  std::vector<commerce::VoucherDiscount> discounts;
  std::vector<int64_t> cents;
  int64_t remaining = order.total_cents;
  for (const auto& [i, voucher] : found) {
    VoucherPrice price = PriceVoucher(voucher.rules, order, remaining, now);
    if (price.problem) {
      errors.push_back({Field(i), std::move(*price.problem)});
      continue;
    }
    remaining -= price.discount_cents;
    cents.push_back(price.discount_cents);
    discounts.push_back({.description = "Voucher " + FormatVoucherCode(voucher.code) + ": " +
                                        DescribeVoucherValue(voucher.rules),
                         .discount_cents = price.discount_cents});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  for (size_t k = 0; k < found.size(); ++k) {
    RAPPORT_ASSIGN_OR_RETURN(
        bool spent, SpendUse(tx, found[k].second, order.id, order.customer_id, cents[k], now));
    if (!spent) return Error::Invalid(Field(found[k].first), "has been used up");
  }
  return discounts;
}

bool VoucherReturns::Wants(std::string_view type) const {
  return type == "order.updated" || type == "order.deleted" || type == "order.refunded";
}

Status VoucherReturns::Apply(storage::Tx& tx, const storage::Event& event) {
  if (!Wants(event.type)) return OkStatus();
  const std::string order_id = ReturningOrder(event);
  if (order_id.empty()) return OkStatus();
  auto returned = ReturnUses(tx, order_id, now_());
  return returned.ok() ? OkStatus() : Status(std::move(returned).error());
}

}  // namespace rapport::loyalty
