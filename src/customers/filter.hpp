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
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "customers/custom_fields.hpp"
#include "customers/customer_traits.hpp"
#include "storage/value.hpp"

namespace rapport::customers {

// customer_fragments (migration 0015) holds each customer's folded email keys joined by this
// character, so a `contains` value holding it is answered by the scan instead.
inline constexpr char kFragmentSeparator = '\n';

struct CompiledFilter {
  std::string sql;  // "1" when the filter is empty
  std::vector<storage::Value> params;
  // With `fragments_may_drive`: the MATCH expression over customer_fragments of the first
  // `contains` the whole filter requires (not under an `or` or a `not`) that the index answers.
  // Its condition is then left out of `sql`, and the caller must keep only the index's rows: it
  // walks the index in rowid order (customers.seq), which a LIMIT ends early however many match.
  std::optional<std::string> fragment_driver;
};

// Whether a field ("birthday", "custom_fields.<key>", a trait's name) is hidden from the caller;
// such fields are refused as unknown, so a filter cannot probe values the caller may not see.
using FieldHidden = std::function<bool(std::string_view)>;

// Whether the fragment index holds few rows for an FTS5 MATCH expression over customer_fragments
// (docs/design/search.md): then the query starts from those rows and sorts them; otherwise it
// walks its sort order and tests each row against them, which the LIMIT ends early. Empty: few.
using FewFragments = std::function<bool(const std::string& match)>;

// Whether a trait's lookup (customer_traits.hpp) selects few rows: `select` is "SELECT 1 FROM
// <table> WHERE <condition>" with its `params`. Few: the query starts from those rows (the
// lookup form); otherwise it walks its sort order and computes the trait per customer (the
// scalar form), which the LIMIT ends early. Empty: few.
using FewLookupRows =
    std::function<bool(const std::string& select, const std::vector<storage::Value>& params)>;

// `path` names the filter's place in the request ("filter"), so errors point at the exact node,
// e.g. "filter.and[1].op". `traits` (may be null: none) adds the registered traits as fields;
// `hidden` decides their visibility too. `fragments_may_drive`: the caller can walk the fragment
// index in its row order (a page in creation order), so a required `contains` becomes the
// CompiledFilter's fragment_driver.
Result<CompiledFilter> CompileCustomerFilter(
    const json::value& filter, const std::vector<CustomFieldDefinition>& definitions,
    const FieldHidden& hidden = {}, const std::string& path = "filter",
    const CustomerTraits* traits = nullptr, const FewFragments& few_fragments = {},
    const FewLookupRows& few_lookup_rows = {}, bool fragments_may_drive = false);

}  // namespace rapport::customers
