// ImapPoller: keeps every configured IMAP mailbox fetched, concurrently and promptly, and hands
// each new message to the caller's MailboxStore, which persists it with the mailbox's cursor.
//
// Scheduling. Each mailbox is due every poll_interval. A fixed set of worker threads (at most
// kMaxPollerThreads, never more than there are mailboxes) takes whichever mailbox is due
// earliest and not being fetched; so 50 mailboxes on a one-minute interval cost 50 short fetches
// spread over the threads, not 50 fetches in a row. Wake(name) makes a mailbox due at once: the
// IDLE watcher (imap_idle.hpp) calls it when the server announces new mail, and a wake during a
// fetch makes the mailbox due again right after it. A mailbox that fails (server down, wrong
// password, store refused) is retried with doubling delays up to kMaxPollBackoff, and its error
// is logged once per failure, never with its password.
//
// Delivery. A fetch loads the cursor from the store, reads batches of `batch_size` messages
// (ImapClient::FetchNew) until the folder has no more, and stores them one at a time in UID
// order. The store commits each message with its new cursor; if it fails, the fetch stops there
// and the next attempt starts from the last stored cursor: nothing is skipped, and at most the
// message being stored is read again (dropped downstream by Message-ID).
//
// Thread-safety: Start/Stop from one thread; Wake from any thread. The store is called from the
// worker threads, at most once at a time per mailbox, concurrently across mailboxes.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/result.hpp"
#include "mail/imap_client.hpp"
#include "mail/mail_config.hpp"

namespace rapport::mail {

// Enough to overlap the network waits of many mailboxes; the work per message is the store's.
inline constexpr size_t kMaxPollerThreads = 8;
inline constexpr std::chrono::seconds kMaxPollBackoff{15 * 60};

// Implemented by whoever keeps the mail (the support area: its inbound queue).
class MailboxStore {
 public:
  virtual ~MailboxStore() = default;
  // The cursor last committed for `mailbox`; {0, 0} when never fetched.
  virtual Result<MailboxCursor> LoadCursor(const std::string& mailbox) = 0;
  // Keeps `message` and moves the cursor to {uidvalidity, message.uid}, atomically.
  virtual Status StoreMessage(const std::string& mailbox, uint32_t uidvalidity,
                              const FetchedMessage& message) = 0;
};

struct ImapPollerOptions {
  size_t threads = 4;      // clamped to [1, kMaxPollerThreads] and to the number of mailboxes
  size_t batch_size = 50;  // messages per FetchNew
};

class ImapPoller {
 public:
  ImapPoller(std::vector<ImapMailboxConfig> mailboxes, MailboxStore& store,
             ImapPollerOptions options = {});
  ~ImapPoller() { Stop(); }
  ImapPoller(const ImapPoller&) = delete;
  ImapPoller& operator=(const ImapPoller&) = delete;

  // Every mailbox is due at once on Start.
  void Start();
  // Idempotent; waits for fetches in progress to finish their current message.
  void Stop();
  // Makes the named mailbox due now; unknown names are ignored.
  void Wake(const std::string& name);

 private:
  using Clock = std::chrono::steady_clock;
  struct Mailbox {
    ImapMailboxConfig config;
    std::unique_ptr<ImapClient> client;  // used only by the worker holding `busy`
    Clock::time_point due;
    bool busy = false;
    bool woken = false;  // Wake arrived during a fetch
    int failures = 0;
  };

  void Work();
  // One fetch of one mailbox until it has nothing new; false on failure.
  bool Fetch(Mailbox& mailbox);
  bool Stopping();

  MailboxStore& store_;
  ImapPollerOptions options_;
  std::vector<Mailbox>
      mailboxes_;  // fixed size; fields other than config/client GUARDED_BY(mutex_)
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;  // GUARDED_BY(mutex_)
  std::vector<std::thread> threads_;
};

}  // namespace rapport::mail
