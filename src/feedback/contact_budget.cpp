#include "feedback/contact_budget.hpp"

#include <algorithm>

#include "common/time.hpp"

namespace rapport::feedback {
namespace {

using storage::Rows;

constexpr int64_t kMillisPerDay = int64_t{24} * 60 * 60 * 1000;
constexpr size_t kMaxKindLength = 40;

// Newest first: the window's asks, exempt kinds filtered out in code (a handful of rows per
// customer; the index on (customer_id, asked_at) finds them).
constexpr std::string_view kRecentAsks =
    "SELECT kind, asked_at FROM contact_asks WHERE customer_id = ? AND asked_at > ? "
    "ORDER BY asked_at DESC";
constexpr std::string_view kInsertAsk =
    "INSERT INTO contact_asks (customer_id, kind, asked_at) VALUES (?, ?, ?)";

bool IsKindWord(std::string_view kind) {
  return !kind.empty() && kind.size() <= kMaxKindLength &&
         std::all_of(kind.begin(), kind.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

// The counted asks in the window ending at `now_millis`, newest first.
Result<std::vector<std::string>> CountedAsks(storage::Tx& tx, const std::string& customer_id,
                                             const ContactBudgetPolicy& policy,
                                             int64_t now_millis) {
  const std::string since = FormatInstant(now_millis - policy.per_days * kMillisPerDay);
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kRecentAsks, {customer_id, since}));
  std::vector<std::string> times;
  for (const auto& row : rows) {
    if (!policy.exempt.contains(row.Text(0))) times.push_back(row.Text(1));
  }
  return times;
}

}  // namespace

Result<AskOutcome> TryAsk(storage::Tx& tx, const std::string& customer_id, std::string_view kind,
                          const ContactBudgetPolicy& policy, int64_t now_millis) {
  if (!IsKindWord(kind)) return Error::Invalid("kind", "must be a lower-case word");
  if (!policy.exempt.contains(kind)) {
    RAPPORT_ASSIGN_OR_RETURN(auto counted, CountedAsks(tx, customer_id, policy, now_millis));
    if (static_cast<int64_t>(counted.size()) >= policy.max_asks) return AskOutcome::kThrottled;
  }
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kInsertAsk, {customer_id, std::string(kind), FormatInstant(now_millis)}));
  return AskOutcome::kAllowed;
}

Result<AskOutcome> TryAsk(storage::Tx& tx, const std::string& customer_id, std::string_view kind) {
  return TryAsk(tx, customer_id, kind, ContactBudgetPolicy{}, NowMillis());
}

Result<std::string> NextAskAllowedAt(storage::Tx& tx, const std::string& customer_id,
                                     const ContactBudgetPolicy& policy, int64_t now_millis) {
  if (policy.max_asks <= 0) return std::string();  // asking is off altogether: no date to give
  RAPPORT_ASSIGN_OR_RETURN(auto counted, CountedAsks(tx, customer_id, policy, now_millis));
  if (static_cast<int64_t>(counted.size()) < policy.max_asks) return std::string();
  // The ask that has to leave the window first: the max_asks-th newest.
  const auto oldest = ParseInstant(counted[static_cast<size_t>(policy.max_asks) - 1]);
  if (!oldest) return std::string();
  return FormatInstant(*oldest + policy.per_days * kMillisPerDay);
}

}  // namespace rapport::feedback
