// Customer conditions: what the desk's rules may ask about the customer behind a ticket — shared
// by routing rules (`conditions`, routing.hpp) and SLA policy selection (`applies_to`,
// sla_policy_choice.hpp), so both read and judge them alike (docs/design/support.md § Customer
// conditions):
//
//   "customer_tag": "vip"                 the customer carries the tag (case ignored)
//   "company_id": "com_…"                 the customer belongs to the company
//   "language": "de"                      the customer's language (case ignored)
//   "customer_min_value": "1000.00"       the customer's total spent is at least this
//   "customer_max_value": "99.99"         … and at most this (both bounds inclusive)
//
// The value is the `total_spent` customer trait (customers/customer_traits.hpp), read by name
// from the registry the composition root hands over with UseCustomerTraits: the support area
// never includes the commerce area that publishes it. Amounts are exact decimal strings held as
// cents (common/money.hpp), never floats; they are stored normalised ("1000" → "1000.00"). While
// no area publishes `total_spent`, a value condition never holds.
//
// Thread-safety: UseCustomerTraits is called once at start-up, before any request (like
// RegisterCustomerTraits); everything else is pure or reads inside the caller's Tx.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "customers/customer_traits.hpp"
#include "storage/database.hpp"

namespace rapport::support {

// The trait whose value the value conditions compare.
inline constexpr std::string_view kCustomerValueTrait = "total_spent";

// The registry customer values are read from. `traits` must outlive every request.
void UseCustomerTraits(const customers::CustomerTraits& traits);

// What the conditions look at, read once per decision.
struct CustomerFacts {
  std::vector<std::string> tags;  // case-folded
  std::string company_id;
  std::string language;
  std::optional<int64_t> value_cents;  // nullopt: no area publishes the value
};

// The facts of customer `customer_id` (empty facts for an unknown id). REQUIRES: inside a Tx.
Result<CustomerFacts> LoadCustomerFacts(storage::Tx& tx, const std::string& customer_id);

// Whether `key` names a customer condition.
bool IsCustomerCondition(std::string_view key);

// Validates customer condition `key` (named `field` in errors) and stores its normalised form in
// `out[key]`; appends a FieldError instead when it is bad. REQUIRES: IsCustomerCondition(key).
void ReadCustomerCondition(std::string_view key, const json::value& condition,
                           const std::string& field, json::object& out,
                           std::vector<FieldError>& errors);

// Checks that a minimum is not above the maximum in normalised `conditions`; `prefix` names the
// object in the field ("conditions.", "applies_to.").
void CheckValueRange(const json::object& conditions, const std::string& prefix,
                     std::vector<FieldError>& errors);

// Whether normalised customer condition `key` holds for `facts`.
bool CustomerConditionHolds(std::string_view key, const json::value& condition,
                            const CustomerFacts& facts);

}  // namespace rapport::support
