// Sort orders that customer lists accept. The record's own fields are each backed by an index
// (migrations/0001_init.sql, 0013_unicode_keys.sql for the names' collation keys) whose
// expression matches exactly, so keyset paging is an index range
// scan; the value sorts (total_spent, order_count, last_purchase_at) read customer_value per row
// and sort the readable set — fine for tens of thousands, a scan at millions. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace rapport::customers {

struct SortSpec {
  std::string expression;  // SQL over alias c; never NULL, so row-value comparison works
  bool descending = false;
};

// "created_at", "-display_name", ...; field "sort" on error.
Result<SortSpec> ParseCustomerSort(std::string_view sort);

}  // namespace rapport::customers
