#include "customers/sort.hpp"

#include <array>
#include <utility>

namespace rapport::customers {

Result<SortSpec> ParseCustomerSort(std::string_view sort) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kSorts{{
      {"created_at", "c.created_at"},
      {"updated_at", "c.updated_at"},
      {"display_name", "c.display_name COLLATE NOCASE"},
      {"last_name", "COALESCE(c.last_name, '') COLLATE NOCASE"},
      {"first_name", "COALESCE(c.first_name, '') COLLATE NOCASE"},
  }};
  const bool descending = !sort.empty() && sort.front() == '-';
  if (descending) sort.remove_prefix(1);
  for (const auto& [name, expression] : kSorts) {
    if (name == sort) return SortSpec{std::string(expression), descending};
  }
  return Error::Invalid("sort",
                        "must be one of created_at, updated_at, display_name, last_name, "
                        "first_name, optionally prefixed with - for descending order");
}

}  // namespace rapport::customers
