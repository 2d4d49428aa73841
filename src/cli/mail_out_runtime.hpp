// MailOutRuntime: the service desk's outgoing mail as `rapport serve` runs it — the settings taken
// from rapport.toml ([mail.smtp], [mail.outbox]), the event subscriber that queues mail and the
// sender thread (docs/design/mail_out.md). Without [mail.smtp] mail is still queued (the replies
// show "queued": not delivered yet) and goes once a relay is configured and the server restarts.
// Owned by Serve; Notify is safe from any thread.
#pragma once

#include <memory>

#include "feedback/contact_budget.hpp"
#include "mail/mail_config.hpp"
#include "storage/event_dispatcher.hpp"
#include "support/mail_out_queue.hpp"
#include "support/mail_out_sender.hpp"

namespace rapport::cli {

class MailOutRuntime {
 public:
  // `rating_link`: the signed rating page link for a ticket; empty: no rating requests. Each
  // rating request is an ask under `budget` (kind ticket_rating), held back when it is spent.
  // `hooks`: what the mail-in part supplies (participants to copy, attachments); null: the
  // defaults (requester only, no attachments). Must outlive this object.
  MailOutRuntime(storage::Database& database, const mail::MailConfig& config,
                 std::function<std::string(const std::string&)> rating_link,
                 const feedback::ContactBudgetPolicy& budget,
                 support::MailOutHooks* hooks = nullptr);

  // REQUIRES: before the dispatcher starts.
  void Subscribe(storage::EventDispatcher& dispatcher) { dispatcher.Subscribe(queue_); }
  // How mail of `kind` that belongs to no ticket is written (a survey invitation).
  // REQUIRES: before Start.
  void AddComposer(std::string kind, support::MailComposer composer) {
    settings_.composers.emplace(std::move(kind), std::move(composer));
  }
  // The right-hand side of Message-IDs fixed when other areas queue mail.
  const std::string& message_id_domain() const { return settings_.message_id_domain; }
  // Starts the sender when a relay is configured.
  Status Start();
  void Notify();
  void Stop();

 private:
  storage::Database& database_;
  support::MailOutSettings settings_;
  support::MailOutHooks default_hooks_;
  support::MailOutHooks* hooks_;
  support::MailOutQueue queue_;
  std::optional<mail::SmtpConfig> smtp_;
  std::unique_ptr<support::MailOutSender> sender_;
};

}  // namespace rapport::cli
