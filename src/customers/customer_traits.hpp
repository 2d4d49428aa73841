// CustomerTraits: the registry of figures other areas publish about a customer — commerce's
// order count and spend, analytics' contact counts, and later health score, NPS or loyalty tier —
// so the customers area can filter, sort and export by them without reading those areas' tables
// by name (docs/design/customer_traits.md).
//
// A trait is a name, a value type, an SQL expression over the customer row alias `c` (a scalar
// subquery into the publishing area's own table), an optional sort key for keyset paging, and
// who may see it. Areas contribute with one call in their own folder
// (`commerce::RegisterCustomerTraits(traits)`), made by the composition root (serve, the CLI
// commands that build services, tests); the customers library never links them.
//
// Ownership and threads: built once at start-up, then only read. Register is not thread-safe;
// everything const is, so one registry is shared by all requests.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"

namespace rapport::customers {

enum class TraitType {
  kNumber,  // a count or score: served and filtered as a JSON number
  kMoney,   // minor units (cents) in SQL; served as "18.98", filtered as a number of units
  kTime,    // an RFC 3339 instant as stored; filtered as a time
  kText,    // served and filtered as text
};

// A trait's set form (docs/design/customer_traits.md § Lookups): the publishing area's table with
// at most one row per customer, whose column an index leads with. A filter that selects few
// customers reads them from the index, `c.id IN (SELECT <customer> FROM <from> WHERE <column> =
// ?)`, instead of computing the scalar expression for every customer it walks. The filter
// compiler uses it only where it selects exactly the rows the scalar form would.
struct TraitLookup {
  std::string from;      // the table with its alias, e.g. "customer_health h"
  std::string customer;  // the customer id column, e.g. "h.customer_id"
  std::string column;    // the value as the expression serves it, e.g. "h.risk"
  // The expression's value for a customer without a row (or with the column NULL): nullopt when
  // NULL, else the COALESCE default (bad_experiences_open: 0).
  std::optional<int64_t> absent;
};

struct CustomerTrait {
  std::string name;  // snake_case, unique, never a customer field's name
  TraitType type = TraitType::kNumber;
  // SQL over alias `c`, NULL when the customer has no value. Must read only the publishing
  // area's own tables and bind no parameters.
  std::string expression;
  // SQL over `c` that orders like the value, is never NULL and compares as text (keyset cursors
  // carry text), e.g. printf('%020d', ...). Empty: the trait is not a sort order.
  std::string sort_key;
  // Whether `access` may see the trait; unset: whoever may read the customer, unless a role
  // hides the field of this name on customers.
  std::function<bool(const access::Access&)> visible;
  // The set form for filters, when the value is one indexed column; never for kMoney.
  std::optional<TraitLookup> lookup;
};

class CustomerTraits {
 public:
  // kInvalidArgument (field "name") when the name is empty, taken, or not snake_case, or (field
  // "lookup") when a lookup is incomplete or on a money trait: a programming mistake found at
  // start-up, before any request.
  Status Register(CustomerTrait trait);

  // nullptr when no trait has this name.
  const CustomerTrait* Find(std::string_view name) const;
  // nullptr when no trait has this name or `access` may not see it.
  const CustomerTrait* FindVisible(std::string_view name, const access::Access& access) const;
  // In registration order.
  const std::vector<CustomerTrait>& all() const { return traits_; }
  bool IsVisible(const CustomerTrait& trait, const access::Access& access) const;

  // For export and other bulk readers: the traits `access` may see, for each of `customer_ids`,
  // as served ({"order_count": 3, "total_spent": "18.98", "last_purchase_at": null, ...}); one
  // query per call. REQUIRES: the caller checked that `access` may read these customers.
  Result<std::map<std::string, json::object>> ReadForCustomers(
      storage::Tx& tx, const access::Access& access,
      const std::vector<std::string>& customer_ids) const;

 private:
  std::vector<CustomerTrait> traits_;
};

// The empty registry: for paths that filter and sort by the customer's own fields only.
const CustomerTraits& NoCustomerTraits();

// The served JSON of one trait value read from a row (money as a decimal string).
json::value TraitValue(const CustomerTrait& trait, const storage::Row& row, size_t column);

}  // namespace rapport::customers
