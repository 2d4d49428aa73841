// MailOutQueue: the event subscriber that decides which ticket events send mail, and queues it
// (docs/design/mail_out.md):
//   ticket.replied, ticket.opened  -> each public staff reply still `delivery = queued` without an
//                                     outbox row: kind "reply", to the requester (+ participants)
//   ticket.opened, channel web_form -> kind "form_confirmation" to the requester
//   ticket.solved                   -> kind "rating_request", once per ticket, when enabled
// Only tickets whose requester is an e-mail address get mail. Rows are written in the dispatcher's
// round, the transaction that also saves this subscriber's position, and each carries a dedupe key
// ("reply:<message id>", …), so a replayed event never queues twice. A reply's fixed Message-ID is
// also stored on its ticket message, so the customer's answer threads back to it (mail in).
// Service mail ignores marketing consent: a reply, a confirmation and a rating request answer the
// customer's own request. Thread-safe as the dispatcher uses it (one round at a time).
#pragma once

#include "storage/event_dispatcher.hpp"
#include "support/mail_out.hpp"

namespace rapport::support {

class MailOutQueue : public storage::EventSubscriber {
 public:
  MailOutQueue(const MailOutSettings& settings, MailOutHooks& hooks)
      : settings_(settings), hooks_(hooks) {}

  std::string_view name() const override { return "support.mail_out"; }
  Status Apply(storage::Tx& tx, const storage::Event& event) override;
  bool Wants(std::string_view type) const override;

 private:
  const MailOutSettings& settings_;
  MailOutHooks& hooks_;
};

}  // namespace rapport::support
