#include "support/mail_out_sender.hpp"

#include <spdlog/spdlog.h>

#include "common/time.hpp"
#include "support/ticket_changes.hpp"

namespace rapport::support {
namespace {

using storage::Tx;

// After a storage error the loop waits this long before it looks again, instead of spinning.
constexpr std::chrono::seconds kStorageRetry{5};

const storage::WriteContext kContext{.actor = "system:mail_out", .via = "system"};

// The message's delivery line for the row's new state.
std::pair<std::string, std::optional<std::string>> Delivery(const NextState& next,
                                                            const std::string& error) {
  if (next.state == "sent") return {"sent", std::nullopt};
  if (next.state == "failed") return {"failed", error};
  return {"queued", "not delivered yet: " + error + "; trying again at " +
                        FormatInstant(NowMillis() + next.retry_after.count())};
}

}  // namespace

Status MailOutSender::Start() {
  RAPPORT_RETURN_IF_ERROR(database_.Write([](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(int64_t reset, outbox::ResetInterrupted(tx));
    if (reset > 0)
      spdlog::warn("{} outgoing mail(s) interrupted mid-send will be sent again", reset);
    return OkStatus();
  }));
  thread_ = std::thread([this] { Loop(); });
  return OkStatus();
}

void MailOutSender::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MailOutSender::Notify() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  cv_.notify_all();
}

Result<int> MailOutSender::SendDue() {
  int attempted = 0;
  for (;;) {
    RAPPORT_ASSIGN_OR_RETURN(bool sent, SendOne());
    if (!sent) return attempted;
    ++attempted;
  }
}

Result<bool> MailOutSender::SendOne() {
  std::optional<OutboxMail> claimed;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(claimed, outbox::ClaimDue(tx, NowInstant()));
    return OkStatus();
  }));
  if (!claimed) return false;
  const OutboxMail& mail = *claimed;

  // Composed in a read transaction and sent outside any: SMTP may take seconds.
  Result<mail::OutgoingMessage> message = Error::Internal("not composed");
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    message = BuildOutgoing(tx, mail, settings_, hooks_);
    return OkStatus();
  }));
  SendOutcome outcome = SendOutcome::kPermanentFailure;
  std::string error;
  Result<mail::ComposedMessage> composed = message.ok()
                                               ? mail::ComposeMessage(*message)
                                               : Result<mail::ComposedMessage>(message.error());
  if (!composed.ok()) {
    error = composed.error().message;
  } else {
    mail::OutgoingMail envelope{.envelope_from = message->from.address, .raw = composed->bytes};
    for (const auto& to : message->to) envelope.recipients.push_back(to.address);
    for (const auto& cc : message->cc) envelope.recipients.push_back(cc.address);
    const mail::SendResult result = smtp_.Send(envelope);
    outcome = result.ok()                                       ? SendOutcome::kSent
              : result.failure == mail::SendFailure::kTransient ? SendOutcome::kTransientFailure
                                                                : SendOutcome::kPermanentFailure;
    error = result.message;
  }
  const NextState next = AfterAttempt(settings_.retry, mail.attempts, outcome);
  if (next.state != "sent") {
    spdlog::warn("mail {} ({} of ticket {}) attempt {}: {} -> {}", mail.id, mail.kind,
                 mail.ticket_id, mail.attempts, error, next.state);
  }
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(
        outbox::Finish(tx, mail.id, next,
                       next.state == "sent" ? std::nullopt : std::optional<std::string>(error)));
    if (!mail.message_id) return OkStatus();
    const auto [delivery, line] = Delivery(next, error);
    Status recorded = RecordDeliveryInTx(tx, kContext, *mail.message_id, delivery, line);
    // A message merged away or deleted with its ticket has nothing left to mark.
    return recorded.ok() || recorded.error().code == ErrorCode::kNotFound ? OkStatus() : recorded;
  }));
  return true;
}

void MailOutSender::Loop() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      pending_ = false;
    }
    Result<int> sent = SendDue();
    std::optional<std::string> next_due;
    if (sent.ok()) {
      Status read = database_.Read([&](Tx& tx) -> Status {
        RAPPORT_ASSIGN_OR_RETURN(next_due, outbox::NextDueAt(tx));
        return OkStatus();
      });
      if (!read.ok()) sent = read.error();
    }
    std::unique_lock lock(mutex_);
    auto woken = [this] { return stopping_ || pending_; };
    if (!sent.ok()) {
      spdlog::warn("outgoing mail: {}", sent.error().message);
      cv_.wait_for(lock, kStorageRetry, woken);
    } else if (!next_due) {
      cv_.wait(lock, woken);  // nothing queued: only a commit can bring work
    } else {
      const int64_t wait_ms = ParseInstant(*next_due).value_or(0) - NowMillis();
      if (wait_ms > 0) cv_.wait_for(lock, std::chrono::milliseconds(wait_ms), woken);
    }
  }
}

}  // namespace rapport::support
