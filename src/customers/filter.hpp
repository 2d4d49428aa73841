// The filter language: one JSON tree used by structured search now and by segments later
// (docs/design/filters.md). Compiles a tree into a SQL boolean expression over the alias `c`
// (customers) plus its bound parameters. Field names map through a fixed table of the customer's
// own fields, or to a trait another area registered (customer_traits.hpp), to SQL fragments;
// every value is a bound parameter, so no input ever becomes SQL text.
//
// Limits: depth 8 and 200 conditions, so one request cannot build an unbounded query.
// Pure; thread-safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "customers/custom_fields.hpp"
#include "customers/customer_traits.hpp"
#include "storage/value.hpp"

namespace rapport::customers {

struct CompiledFilter {
  std::string sql;  // "1" when the filter is empty
  std::vector<storage::Value> params;
};

// Whether a field ("birthday", "custom_fields.<key>", a trait's name) is hidden from the caller;
// such fields are refused as unknown, so a filter cannot probe values the caller may not see.
using FieldHidden = std::function<bool(std::string_view)>;

// `path` names the filter's place in the request ("filter"), so errors point at the exact node,
// e.g. "filter.and[1].op". `traits` (may be null: none) adds the registered traits as fields;
// `hidden` decides their visibility too.
Result<CompiledFilter> CompileCustomerFilter(const json::value& filter,
                                             const std::vector<CustomFieldDefinition>& definitions,
                                             const FieldHidden& hidden = {},
                                             const std::string& path = "filter",
                                             const CustomerTraits* traits = nullptr);

}  // namespace rapport::customers
