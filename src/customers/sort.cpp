#include "customers/sort.hpp"

#include <array>
#include <utility>

namespace rapport::customers {

Result<SortSpec> ParseCustomerSort(std::string_view sort) {
  // Names sort by their ICU collation keys (hex text, so cursors carry them as they are).
  // Value sorts read the commerce area's customer_value row. Keyset cursors carry text, so
  // amounts and counts sort as zero-padded text (never negative: refunds stop at the total).
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kSorts{{
      {"created_at", "c.created_at"},
      {"updated_at", "c.updated_at"},
      {"display_name", "collation_key(c.display_name)"},
      {"last_name", "collation_key(COALESCE(c.last_name, ''))"},
      {"first_name", "collation_key(COALESCE(c.first_name, ''))"},
      {"total_spent",
       "printf('%020d', COALESCE((SELECT v.total_spent_cents FROM customer_value v "
       "WHERE v.customer_id = c.id), 0))"},
      {"order_count",
       "printf('%010d', COALESCE((SELECT v.order_count FROM customer_value v "
       "WHERE v.customer_id = c.id), 0))"},
      {"last_purchase_at",
       "COALESCE((SELECT v.last_purchase_at FROM customer_value v WHERE v.customer_id = c.id), "
       "'')"},
  }};
  const bool descending = !sort.empty() && sort.front() == '-';
  if (descending) sort.remove_prefix(1);
  for (const auto& [name, expression] : kSorts) {
    if (name == sort) return SortSpec{std::string(expression), descending};
  }
  return Error::Invalid("sort",
                        "must be one of created_at, updated_at, display_name, last_name, "
                        "first_name, total_spent, order_count, last_purchase_at, optionally "
                        "prefixed with - for descending order");
}

}  // namespace rapport::customers
