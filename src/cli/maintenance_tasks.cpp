#include "cli/maintenance_tasks.hpp"

#include <spdlog/spdlog.h>

#include "analytics/health_tracker.hpp"
#include "common/time.hpp"
#include "storage/event_retention.hpp"
#include "storage/idempotency.hpp"
#include "transfer/export_retention.hpp"

namespace rapport::cli {
namespace {

// Ten years: generous for any retention policy, and far from overflowing the cutoff arithmetic.
constexpr double kMaxHours = 10 * 366 * 24;
constexpr int64_t kMaxIntervalSeconds = 24 * 3600;
constexpr double kMillisPerHour = 3600.0 * 1000.0;

Status ReadHours(const toml::table& config, std::string_view key, double& target) {
  if (!config.contains(key)) return OkStatus();
  auto value = config[key].value<double>();  // integers convert too
  if (!value || !(*value > 0) || *value > kMaxHours) {
    return Error::Invalid(std::string(key),
                          std::string(key) + " must be a number of hours above 0, at most 87840");
  }
  target = *value;
  return OkStatus();
}

int64_t CutoffMillis(double hours) {
  return NowMillis() - static_cast<int64_t>(hours * kMillisPerHour);
}

}  // namespace

Status ReadMaintenanceSettings(const toml::table& config, MaintenanceSettings& settings) {
  RAPPORT_RETURN_IF_ERROR(ReadHours(config, "idempotency_hours", settings.idempotency_hours));
  RAPPORT_RETURN_IF_ERROR(
      ReadHours(config, "export_retention_hours", settings.export_retention_hours));
  RAPPORT_RETURN_IF_ERROR(
      ReadHours(config, "event_retention_hours", settings.event_retention_hours));
  if (config.contains("ticket_auto_close_days")) {
    auto value = config["ticket_auto_close_days"].value<double>();
    if (!value || !(*value >= 0) || *value * 24 > kMaxHours) {
      return Error::Invalid("ticket_auto_close_days",
                            "ticket_auto_close_days must be a number of days from 0 (off) to 3660");
    }
    settings.ticket_auto_close_days = *value;
  }
  if (config.contains("maintenance_interval_seconds")) {
    auto value = config["maintenance_interval_seconds"].value<int64_t>();
    if (!value || *value < 1 || *value > kMaxIntervalSeconds) {
      return Error::Invalid("maintenance_interval_seconds",
                            "maintenance_interval_seconds must be a whole number of seconds from 1 "
                            "to 86400");
    }
    settings.interval = std::chrono::seconds(*value);
  }
  return OkStatus();
}

void AddMaintenanceTasks(PeriodicTasks& tasks, storage::Database& database,
                         const std::string& transfer_dir, const MaintenanceSettings& settings,
                         std::vector<std::string> event_subscribers) {
  tasks.Add({.name = "idempotency sweep",
             .interval = settings.interval,
             .run = [&database, hours = settings.idempotency_hours] {
               auto removed = storage::SweepIdempotencyRecords(database, CutoffMillis(hours));
               if (!removed.ok()) {
                 spdlog::warn("idempotency sweep: {}", removed.error().message);
               } else if (*removed > 0) {
                 spdlog::info("idempotency sweep: {} expired records removed", *removed);
               }
             }});
  tasks.Add({.name = "export retention",
             .interval = settings.interval,
             .run = [&database, transfer_dir, hours = settings.export_retention_hours] {
               auto expired =
                   transfer::ExpireExportFiles(database, transfer_dir, CutoffMillis(hours));
               if (!expired.ok()) {
                 spdlog::warn("export retention: {}", expired.error().message);
               } else if (*expired > 0) {
                 spdlog::info("export retention: {} export files deleted", *expired);
               }
             }});
  tasks.Add({.name = "event retention",
             .interval = settings.interval,
             .run = [&database, subscribers = std::move(event_subscribers),
                     hours = settings.event_retention_hours] {
               auto pruned = storage::PruneEvents(database, subscribers, CutoffMillis(hours));
               if (!pruned.ok()) {
                 spdlog::warn("event retention: {}", pruned.error().message);
               } else if (*pruned > 0) {
                 spdlog::info("event retention: {} delivered events past the window removed",
                              *pruned);
               }
             }});
  if (settings.ticket_auto_close_days > 0) {
    tasks.Add({.name = "ticket auto-close",
               .interval = settings.interval,
               .run = [&database, hours = settings.ticket_auto_close_days * 24] {
                 const storage::WriteContext context{.actor = "system:auto_close", .via = "system"};
                 auto closed = support::TicketService(database).AutoClose(
                     context, FormatInstant(CutoffMillis(hours)));
                 if (!closed.ok()) {
                   spdlog::warn("ticket auto-close: {}", closed.error().message);
                 } else if (*closed > 0) {
                   spdlog::info("ticket auto-close: {} solved tickets closed", *closed);
                 }
               }});
  }
}

void AddAttachmentSweep(PeriodicTasks& tasks, support::AttachmentService& attachments,
                        std::chrono::seconds interval) {
  tasks.Add({.name = "attachment sweep", .interval = interval, .run = [&attachments] {
               auto removed = attachments.RemoveUnreferenced(
                   FormatInstant(CutoffMillis(support::kUnreferencedUploadHours)));
               if (!removed.ok()) {
                 spdlog::warn("attachment sweep: {}", removed.error().message);
               } else if (*removed > 0) {
                 spdlog::info("attachment sweep: {} uploads no message named removed", *removed);
               }
             }});
}

void AddChatFileSweep(PeriodicTasks& tasks, support::chat::ChatFiles& files,
                      std::chrono::seconds interval) {
  tasks.Add({.name = "chat file sweep", .interval = interval, .run = [&files] {
               auto removed = files.RemoveUnsent(
                   FormatInstant(CutoffMillis(support::kUnreferencedUploadHours)));
               if (!removed.ok()) {
                 spdlog::warn("chat file sweep: {}", removed.error().message);
               } else if (*removed > 0) {
                 spdlog::info("chat file sweep: {} uploads no message sent removed", *removed);
               }
             }});
}

void AddHealthReview(PeriodicTasks& tasks, storage::Database& database,
                     std::chrono::seconds interval) {
  tasks.Add({.name = "health review", .interval = interval, .run = [&database] {
               const int64_t today = NowMillis() / 86'400'000;
               // Batches keep each write short: the single writer serves requests in between.
               constexpr int64_t kBatch = 500;
               int64_t total = 0;
               for (;;) {
                 auto done = analytics::ReviewDueHealth(database, today, kBatch);
                 if (!done.ok()) {
                   spdlog::warn("health review: {}", done.error().message);
                   return;
                 }
                 total += *done;
                 if (*done < kBatch) break;
               }
               if (total > 0) spdlog::info("health review: {} customers re-scored", total);
               if (Status snapshot = analytics::SnapshotHealthDistribution(database, today);
                   !snapshot.ok()) {
                 spdlog::warn("health distribution: {}", snapshot.error().message);
               }
             }});
}

}  // namespace rapport::cli
