// Sort orders that customer lists accept, each backed by an index (migrations/0001_init.sql) whose
// expression matches exactly, so keyset paging is an index range scan. Pure; thread-safe.
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
