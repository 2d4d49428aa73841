// MailOutSender: the thread that sends the mail_outbox rows after commit (docs/design/mail_out.md).
//
// Loop: claim the earliest due row (its own committed write: state sending, one more attempt),
// compose it from the ticket as it stands (BuildOutgoing), hand it to SMTP outside any
// transaction, then record the outcome in one write: the row's next state (sent, queued again
// after BackoffDelay, or failed) and, for a reply, the message's delivery (TicketService's
// RecordDeliveryInTx: "queued" with "not delivered yet: …" while it retries, "sent", "failed").
// With nothing due it sleeps until the next due time or Notify(), so an idle server spends no CPU.
// At Start, rows a crash left `sending` go back to queued (sent again under the same Message-ID).
// Owns its thread; Notify and Stop are safe from any thread. Start at most once.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "mail/smtp_sender.hpp"
#include "support/mail_out.hpp"

namespace rapport::support {

class MailOutSender {
 public:
  MailOutSender(storage::Database& database, mail::SmtpConfig smtp, const MailOutSettings& settings,
                MailOutHooks& hooks)
      : database_(database), smtp_(std::move(smtp)), settings_(settings), hooks_(hooks) {}
  ~MailOutSender() { Stop(); }
  MailOutSender(const MailOutSender&) = delete;
  MailOutSender& operator=(const MailOutSender&) = delete;

  Status Start();
  void Stop();
  // Something may have been queued: look again now (the commit listener calls it).
  void Notify();
  // Sends every row due now, on the calling thread; how many were attempted. For tests and for
  // callers without the thread. REQUIRES: the thread is not running.
  Result<int> SendDue();

 private:
  // Claims and attempts one due row; false when nothing was due.
  Result<bool> SendOne();
  void Loop();

  storage::Database& database_;
  mail::SmtpSender smtp_;
  const MailOutSettings& settings_;
  MailOutHooks& hooks_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool pending_ = true;    // GUARDED_BY(mutex_)
  bool stopping_ = false;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace rapport::support
