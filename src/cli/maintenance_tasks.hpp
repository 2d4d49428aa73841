// The server's periodic maintenance (docs/design/maintenance.md): how long idempotency records,
// export files and delivered events are kept and when solved tickets close, read from rapport.toml,
// and the sweeps that enforce it, registered on a PeriodicTasks that `rapport serve` starts after
// it listens and stops before storage closes. Plain functions; the tasks log their own failures and
// retry on the next round.
#pragma once

#include <toml++/toml.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/periodic_tasks.hpp"
#include "storage/database.hpp"
#include "support/attachment_service.hpp"
#include "support/chat/chat_files.hpp"
#include "support/ticket_service.hpp"

namespace rapport::cli {

struct MaintenanceSettings {
  // Hours may be fractional ("0.5"), so a test can make retention seconds long.
  double idempotency_hours = 24;
  double export_retention_hours = 7 * 24;
  // The event feed's window: events every subscriber has passed go once they are this old.
  // Thirty days lets a polling integration be down for weeks without losing its place.
  double event_retention_hours = 30 * 24;
  // Solved tickets close by themselves this long after they were solved (docs/design/support.md);
  // 0 turns it off. Fractional, so a test can make it seconds long.
  double ticket_auto_close_days = support::kDefaultAutoCloseDays;
  std::chrono::seconds interval{3600};  // how often the sweeps run
};

// The rapport.toml keys these settings read.
inline constexpr std::string_view kMaintenanceKeys[] = {
    "idempotency_hours", "export_retention_hours", "event_retention_hours",
    "maintenance_interval_seconds", "ticket_auto_close_days"};

// Reads the keys present in `config`; kInvalidArgument naming the key when one is out of range.
Status ReadMaintenanceSettings(const toml::table& config, MaintenanceSettings& settings);

// `event_subscribers`: the dispatcher's subscribers, whose positions the event retention waits for.
// REQUIRES: `database` outlives `tasks`' thread (Stop it first).
void AddMaintenanceTasks(PeriodicTasks& tasks, storage::Database& database,
                         const std::string& transfer_dir, const MaintenanceSettings& settings,
                         std::vector<std::string> event_subscribers);

// Uploads no message named are removed a day after they were made (support::
// kUnreferencedUploadHours), with their bytes when nothing else names them.
// REQUIRES: `attachments` outlives `tasks`' thread.
void AddAttachmentSweep(PeriodicTasks& tasks, support::AttachmentService& attachments,
                        std::chrono::seconds interval);
// The same for chat files no message sent (support/chat/chat_files.hpp).
// REQUIRES: `files` outlives `tasks`' thread.
void AddChatFileSweep(PeriodicTasks& tasks, support::chat::ChatFiles& files,
                      std::chrono::seconds interval);

// Re-scores the customers whose health time alone has changed (their next review day came) and
// writes the day's distribution row; also shortly after start, so a server started on a new day
// is current. REQUIRES: `database` outlives `tasks`' thread.
void AddHealthReview(PeriodicTasks& tasks, storage::Database& database,
                     std::chrono::seconds interval);

}  // namespace rapport::cli
