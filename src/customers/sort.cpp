#include "customers/sort.hpp"

#include <array>
#include <utility>

namespace rapport::customers {

Result<SortSpec> ParseCustomerSort(std::string_view sort, const CustomerTraits& traits,
                                   const access::Access& access) {
  // Names sort by their ICU collation keys (hex text, so cursors carry them as they are).
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kSorts{{
      {"created_at", "c.created_at"},
      {"updated_at", "c.updated_at"},
      {"display_name", "collation_key(c.display_name)"},
      {"last_name", "collation_key(COALESCE(c.last_name, ''))"},
      {"first_name", "collation_key(COALESCE(c.first_name, ''))"},
  }};
  const bool descending = !sort.empty() && sort.front() == '-';
  if (descending) sort.remove_prefix(1);
  std::string names;
  for (const auto& [name, expression] : kSorts) {
    if (name == sort) return SortSpec{std::string(expression), descending};
    names += std::string(names.empty() ? "" : ", ") + std::string(name);
  }
  // A trait the caller may not see fails like one that does not exist.
  for (const auto& trait : traits.all()) {
    if (trait.sort_key.empty() || !traits.IsVisible(trait, access)) continue;
    if (trait.name == sort) return SortSpec{trait.sort_key, descending};
    names += ", " + trait.name;
  }
  return Error::Invalid(
      "sort", "must be one of " + names + ", optionally prefixed with - for descending order");
}

}  // namespace rapport::customers
