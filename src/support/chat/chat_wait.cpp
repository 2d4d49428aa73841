#include "support/chat/chat_wait.hpp"

#include <algorithm>

#include "common/time.hpp"

namespace rapport::support::chat {
namespace {

constexpr int64_t kDayMillis = int64_t{24} * 60 * 60 * 1000;
constexpr size_t kMinimumHistory = 3;

constexpr std::string_view kRecentWaits =
    "SELECT started_at, accepted_at FROM chat_conversations WHERE queue_id IS ? "
    "AND accepted_at IS NOT NULL AND accepted_at >= ? ORDER BY accepted_at DESC LIMIT ?";

}  // namespace

Result<std::vector<int64_t>> RecentWaits(storage::Tx& tx,
                                         const std::optional<std::string>& queue_id,
                                         int64_t now_millis) {
  const storage::Value queue = queue_id ? storage::Value(*queue_id) : storage::Value();
  RAPPORT_ASSIGN_OR_RETURN(
      storage::Rows rows,
      tx.Query(kRecentWaits,
               {queue, FormatInstant(now_millis - kWaitWindowDays * kDayMillis), kWaitSample}));
  std::vector<int64_t> waits;
  for (const auto& row : rows) {
    auto started = ParseInstant(row.Text(0));
    auto accepted = ParseInstant(row.Text(1));
    if (started && accepted && *accepted >= *started)
      waits.push_back((*accepted - *started) / 1000);
  }
  return waits;
}

std::optional<int64_t> EstimateWaitSeconds(std::vector<int64_t> waits, int64_t position,
                                           int64_t agents_with_room) {
  if (waits.size() < kMinimumHistory || position < 1) return std::nullopt;
  std::sort(waits.begin(), waits.end());
  const int64_t median = waits[(waits.size() - 1) / 2];
  const int64_t agents = std::max<int64_t>(agents_with_room, 1);
  const int64_t rounds = (position + agents - 1) / agents;
  const int64_t seconds = median * rounds;
  return std::max<int64_t>((seconds + 59) / 60, 1) * 60;
}

}  // namespace rapport::support::chat
