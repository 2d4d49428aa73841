#include "cli/mail_out_runtime.hpp"

#include <spdlog/spdlog.h>

#include "common/time.hpp"

namespace rapport::cli {
namespace {

support::MailOutSettings Settings(const mail::MailConfig& config,
                                  std::function<std::string(const std::string&)> rating_link,
                                  const feedback::ContactBudgetPolicy& budget) {
  support::MailOutSettings settings;
  if (config.smtp) {
    settings.message_id_domain = config.smtp->from_domain;
    settings.default_from =
        config.smtp->from.empty() ? "support@" + config.smtp->from_domain : config.smtp->from;
  }
  settings.retry = {.max_attempts = config.outbox.max_attempts,
                    .first_delay = config.outbox.first_retry,
                    .max_delay = config.outbox.max_retry};
  settings.rating_requests = static_cast<bool>(rating_link);
  settings.rating_link = std::move(rating_link);
  // The desk does not link feedback; the one contact budget is joined here.
  settings.ask_for_rating = [budget](storage::Tx& tx,
                                     const std::string& customer_id) -> Result<bool> {
    RAPPORT_ASSIGN_OR_RETURN(
        feedback::AskOutcome outcome,
        feedback::TryAsk(tx, customer_id, feedback::kAskTicketRating, budget, NowMillis()));
    return outcome == feedback::AskOutcome::kAllowed;
  };
  return settings;
}

}  // namespace

MailOutRuntime::MailOutRuntime(storage::Database& database, const mail::MailConfig& config,
                               std::function<std::string(const std::string&)> rating_link,
                               const feedback::ContactBudgetPolicy& budget,
                               support::MailOutHooks* hooks)
    : database_(database),
      settings_(Settings(config, std::move(rating_link), budget)),
      hooks_(hooks != nullptr ? hooks : &default_hooks_),
      queue_(settings_, *hooks_),
      smtp_(config.smtp) {}

Status MailOutRuntime::Start() {
  if (!smtp_) {
    spdlog::info("no [mail.smtp] in rapport.toml: outgoing mail stays queued");
    return OkStatus();
  }
  sender_ = std::make_unique<support::MailOutSender>(database_, *smtp_, settings_, *hooks_);
  return sender_->Start();
}

void MailOutRuntime::Notify() {
  if (sender_) sender_->Notify();
}

void MailOutRuntime::Stop() {
  if (sender_) sender_->Stop();
}

}  // namespace rapport::cli
