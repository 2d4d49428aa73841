#include "customers/customer_traits.hpp"

#include <algorithm>
#include <cmath>

#include "common/money.hpp"

namespace rapport::customers {
namespace {

bool IsSnakeCase(std::string_view name) {
  return !name.empty() && name.front() >= 'a' && name.front() <= 'z' &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
         });
}

}  // namespace

Status CustomerTraits::Register(CustomerTrait trait) {
  if (!IsSnakeCase(trait.name)) {
    return Error::Invalid("name", "a customer trait's name is snake_case: " + trait.name);
  }
  if (Find(trait.name) != nullptr) {
    return Error::Invalid("name", "the customer trait " + trait.name + " is registered twice");
  }
  if (trait.expression.empty()) {
    return Error::Invalid("expression", "the customer trait " + trait.name + " has no expression");
  }
  if (trait.lookup && (trait.type == TraitType::kMoney || trait.lookup->from.empty() ||
                       trait.lookup->customer.empty() || trait.lookup->column.empty())) {
    return Error::Invalid(
        "lookup", "the customer trait " + trait.name + " has an incomplete lookup or is money");
  }
  traits_.push_back(std::move(trait));
  return OkStatus();
}

const CustomerTrait* CustomerTraits::Find(std::string_view name) const {
  for (const auto& trait : traits_) {
    if (trait.name == name) return &trait;
  }
  return nullptr;
}

bool CustomerTraits::IsVisible(const CustomerTrait& trait, const access::Access& access) const {
  // A role may hide a trait by name like any customer field; the publisher may narrow further.
  if (access.IsHidden(access::Object::kCustomers, trait.name)) return false;
  return !trait.visible || trait.visible(access);
}

const CustomerTrait* CustomerTraits::FindVisible(std::string_view name,
                                                 const access::Access& access) const {
  const CustomerTrait* trait = Find(name);
  return trait != nullptr && IsVisible(*trait, access) ? trait : nullptr;
}

Result<std::map<std::string, json::object>> CustomerTraits::ReadForCustomers(
    storage::Tx& tx, const access::Access& access,
    const std::vector<std::string>& customer_ids) const {
  std::map<std::string, json::object> out;
  std::vector<const CustomerTrait*> visible;
  for (const auto& trait : traits_) {
    if (IsVisible(trait, access)) visible.push_back(&trait);
  }
  if (customer_ids.empty()) return out;
  // The expressions are the registered constants; the ids are one bound JSON array.
  std::string sql = "SELECT c.id";
  for (const CustomerTrait* trait : visible) sql += ", (" + trait->expression + ")";
  sql += " FROM customers c WHERE c.id IN (SELECT value FROM json_each(?))";
  RAPPORT_ASSIGN_OR_RETURN(
      storage::Rows rows,
      tx.Query(sql, {ToJsonString(json::array(customer_ids.begin(), customer_ids.end()))}));
  for (const auto& row : rows) {
    json::object& values = out[row.Text(0)];
    for (size_t i = 0; i < visible.size(); ++i) {
      values[visible[i]->name] = TraitValue(*visible[i], row, i + 1);
    }
  }
  return out;
}

const CustomerTraits& NoCustomerTraits() {
  static const CustomerTraits kNone;
  return kNone;
}

json::value TraitValue(const CustomerTrait& trait, const storage::Row& row, size_t column) {
  if (row.IsNull(column)) return nullptr;
  switch (trait.type) {
    case TraitType::kMoney:
      return json::value(FormatCents(row.Int(column)));
    case TraitType::kNumber: {
      const double number = row.Real(column);
      if (std::trunc(number) == number) return json::value(row.Int(column));
      return json::value(number);
    }
    case TraitType::kTime:
    case TraitType::kText:
      return json::value(row.Text(column));
  }
  return nullptr;
}

}  // namespace rapport::customers
