// Sort orders that customer lists accept. The record's own fields are each backed by an index
// (migrations/0001_init.sql, 0012_unicode_keys.sql for the names' collation keys) whose
// expression matches exactly, so keyset paging is an index range scan. Traits other areas
// registered with a sort key (total_spent, order_count, ...) read the publisher's table per row
// and sort the readable set — fine for tens of thousands, a scan at millions. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "access/access.hpp"
#include "common/result.hpp"
#include "customers/customer_traits.hpp"

namespace rapport::customers {

struct SortSpec {
  std::string expression;  // SQL over alias c; never NULL, so row-value comparison works
  bool descending = false;
};

// "created_at", "-display_name", "-total_spent" (a trait `access` may see) ...; field "sort" on
// error, listing what the caller may sort by.
Result<SortSpec> ParseCustomerSort(std::string_view sort, const CustomerTraits& traits,
                                   const access::Access& access);

}  // namespace rapport::customers
