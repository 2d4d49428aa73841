#include "support/customer_priority.hpp"

#include <algorithm>
#include <memory>
#include <mutex>

#include "support/ticket_rules.hpp"

namespace rapport::support {
namespace {

// Set at start-up; the mutex only keeps tests that set it in their set-up race-free.
std::mutex g_mutex;
std::shared_ptr<const CustomerPriorityLookup> g_lookup;

std::shared_ptr<const CustomerPriorityLookup> Current() {
  std::lock_guard lock(g_mutex);
  return g_lookup;
}

// Position in kPriorities (low < normal < high < urgent); -1 when unknown.
int Rank(std::string_view priority) {
  const auto found = std::find(kPriorities.begin(), kPriorities.end(), priority);
  return found == kPriorities.end() ? -1 : static_cast<int>(found - kPriorities.begin());
}

}  // namespace

void UseCustomerPriority(CustomerPriorityLookup lookup) {
  std::lock_guard lock(g_mutex);
  g_lookup = lookup ? std::make_shared<const CustomerPriorityLookup>(std::move(lookup)) : nullptr;
}

Status ApplyCustomerPriority(storage::Tx& tx, const std::string& customer_id,
                             std::string& priority) {
  const auto lookup = Current();
  if (lookup == nullptr) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> floor, (*lookup)(tx, customer_id));
  if (floor && Rank(*floor) > Rank(priority)) priority = *floor;
  return OkStatus();
}

}  // namespace rapport::support
