// Reading rapport.toml for `rapport serve` (serve_config.hpp).
#include "cli/serve_config.hpp"

#include <spdlog/spdlog.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <tuple>

#include "cli/mail_in.hpp"
#include "common/collation.hpp"
#include "customers/contact_points.hpp"

namespace rapport::cli {
namespace {

constexpr int64_t kMaxThreads = 256;
constexpr int64_t kMaxSessionSeconds = int64_t{366} * 24 * 3600;
constexpr int64_t kMaxRatingLinkDays = 366;

}  // namespace

Status ApplyConfigFile(ServeFlags& flags, http::ServerOptions& options,
                       identity::SessionOptions& sessions, MaintenanceSettings& maintenance) {
  const auto path = std::filesystem::path(flags.data_dir) / "rapport.toml";
  if (!std::filesystem::exists(path)) return OkStatus();
  toml::table config;
  try {
    // Debian's toml++ reports syntax errors by exception; this is start-up, so that is fine.
    config = toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    return Error::Invalid("rapport.toml", std::string(e.description()) + " at line " +
                                              std::to_string(e.source().begin.line));
  }
  for (const auto& [key, unused] : config) {
    static constexpr std::string_view kKnown[] = {"listen",
                                                  "io_threads",
                                                  "worker_threads",
                                                  "read_threads",
                                                  "log_level",
                                                  "session_idle_seconds",
                                                  "session_absolute_seconds",
                                                  "rate_limit_per_minute",
                                                  "work_deadline_seconds",
                                                  "stream_recheck_seconds",
                                                  "default_phone_region",
                                                  "collation_locale",
                                                  "attachment_max_bytes",
                                                  "public_url",
                                                  "rating_link_days",
                                                  "contact_budget_asks",
                                                  "contact_budget_days",
                                                  "contact_budget_counts_ticket_ratings",
                                                  mail::kMailConfigKey};
    if (std::find(std::begin(kKnown), std::end(kKnown), key.str()) == std::end(kKnown) &&
        std::find(std::begin(kMaintenanceKeys), std::end(kMaintenanceKeys), key.str()) ==
            std::end(kMaintenanceKeys)) {
      return Error::Invalid(
          std::string(key.str()),
          "is not a known setting (listen, io_threads, worker_threads, read_threads, log_level, "
          "session_idle_seconds, session_absolute_seconds, "
          "rate_limit_per_minute, work_deadline_seconds, stream_recheck_seconds, "
          "default_phone_region, "
          "collation_locale, idempotency_hours, export_retention_hours, event_retention_hours, "
          "maintenance_interval_seconds, ticket_auto_close_days, attachment_max_bytes, public_url, "
          "rating_link_days, contact_budget_asks, contact_budget_days, "
          "contact_budget_counts_ticket_ratings, mail)");
    }
  }
  RAPPORT_RETURN_IF_ERROR(ReadMaintenanceSettings(config, maintenance));
  RAPPORT_RETURN_IF_ERROR(ReadAttachmentLimit(config, flags.attachment_max_bytes));
  auto mail_config = mail::ReadMailConfig(config);
  if (!mail_config.ok()) {
    std::string problems;
    for (const FieldError& problem : mail_config.error().field_errors) {
      problems += (problems.empty() ? "" : "; ") + problem.field + " " + problem.message;
    }
    return Error::Invalid("mail", problems);
  }
  flags.mail = std::move(mail_config).value();
  if (config.contains("public_url")) {
    auto url = config["public_url"].value<std::string>();
    if (!url || !(url->starts_with("https://") || url->starts_with("http://")) ||
        url->find_first_of(" \r\n\"<>") != std::string::npos) {
      return Error::Invalid("public_url",
                            "must be an http(s) URL, e.g. \"https://desk.example.com\"");
    }
    flags.public_url = url->ends_with('/') ? url->substr(0, url->size() - 1) : *url;
  }
  if (config.contains("rating_link_days")) {
    auto days = config["rating_link_days"].value_exact<int64_t>();
    if (!days || *days < 0 || *days > kMaxRatingLinkDays) {
      return Error::Invalid("rating_link_days",
                            "must be a whole number of days from 0 (no rating "
                            "requests) to 366");
    }
    flags.rating_link_days = *days;
  }
  for (auto [key, out, low, high] :
       {std::tuple{"contact_budget_asks", &flags.contact_budget_asks, 0, 1000},
        std::tuple{"contact_budget_days", &flags.contact_budget_days, 1, 366}}) {
    if (!config.contains(key)) continue;
    auto value = config[key].value_exact<int64_t>();
    if (!value || *value < low || *value > high) {
      return Error::Invalid(key, "must be a whole number from " + std::to_string(low) + " to " +
                                     std::to_string(high));
    }
    *out = *value;
  }
  if (config.contains("contact_budget_counts_ticket_ratings")) {
    auto counts = config["contact_budget_counts_ticket_ratings"].value<bool>();
    if (!counts)
      return Error::Invalid("contact_budget_counts_ticket_ratings", "must be true or false");
    flags.contact_budget_counts_ticket_ratings = *counts;
  }
  if (auto listen = config["listen"].value<std::string>(); listen && !flags.listen_given) {
    flags.listen = *listen;
  }
  auto threads = [&](std::string_view key, int& target) -> Status {
    if (!config.contains(key)) return OkStatus();
    auto value = config[key].value<int64_t>();
    if (!value || *value < 1 || *value > kMaxThreads) {
      return Error::Invalid(std::string(key), "must be a whole number from 1 to 256");
    }
    target = static_cast<int>(*value);
    return OkStatus();
  };
  auto seconds = [&](std::string_view key, std::chrono::seconds& target) -> Status {
    if (!config.contains(key)) return OkStatus();
    auto value = config[key].value<int64_t>();
    if (!value || *value < 1 || *value > kMaxSessionSeconds) {
      return Error::Invalid(std::string(key), "must be a whole number of seconds, at most a year");
    }
    target = std::chrono::seconds(*value);
    return OkStatus();
  };
  RAPPORT_RETURN_IF_ERROR(seconds("session_idle_seconds", sessions.idle));
  RAPPORT_RETURN_IF_ERROR(seconds("session_absolute_seconds", sessions.absolute));
  RAPPORT_RETURN_IF_ERROR(seconds("work_deadline_seconds", options.work_deadline));
  RAPPORT_RETURN_IF_ERROR(seconds("stream_recheck_seconds", options.stream_recheck));
  if (config.contains("rate_limit_per_minute")) {
    auto limit = config["rate_limit_per_minute"].value<int64_t>();
    if (!limit || *limit < 0) {
      return Error::Invalid("rate_limit_per_minute", "must be a whole number, 0 for no limit");
    }
    options.rate_limit_per_minute = *limit;
  }
  if (config.contains("default_phone_region")) {
    auto region = config["default_phone_region"].value<std::string>();
    if (!region || !customers::SetDefaultPhoneRegion(*region)) {
      return Error::Invalid("default_phone_region",
                            "must be an ISO 3166 country code with phone numbers, e.g. \"DE\"");
    }
  }
  if (config.contains("collation_locale")) {
    auto locale = config["collation_locale"].value<std::string>();
    // Checked here so a typo stops the start with the setting's name, before the database opens.
    if (!locale || !SetCollationLocale(*locale).ok()) {
      return Error::Invalid("collation_locale",
                            "must be a BCP 47 locale ICU can collate in, e.g. \"und\" or \"de\"");
    }
    flags.collation_locale = *locale;
  }
  RAPPORT_RETURN_IF_ERROR(threads("io_threads", options.io_threads));
  RAPPORT_RETURN_IF_ERROR(threads("worker_threads", options.worker_threads));
  RAPPORT_RETURN_IF_ERROR(threads("read_threads", options.read_threads));
  if (config.contains("log_level")) {
    auto level = config["log_level"].value<std::string>();
    const auto parsed = level ? spdlog::level::from_str(*level) : spdlog::level::off;
    // from_str answers "off" for anything it does not know; only "off" itself may mean off.
    if (!level || (parsed == spdlog::level::off && *level != "off")) {
      return Error::Invalid("log_level", "must be one of trace, debug, info, warn, error, off");
    }
    spdlog::set_level(parsed);
  }
  return OkStatus();
}

}  // namespace rapport::cli
