#include "customers/sort.hpp"

#include <array>
#include <utility>

namespace rapport::customers {

Result<SortSpec> ParseCustomerSort(std::string_view sort, const CustomerTraits& traits,
                                   const access::Access& access) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kSorts{{
      {"created_at", "c.created_at"},
      {"updated_at", "c.updated_at"},
      {"display_name", "c.display_name COLLATE NOCASE"},
      {"last_name", "COALESCE(c.last_name, '') COLLATE NOCASE"},
      {"first_name", "COALESCE(c.first_name, '') COLLATE NOCASE"},
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
