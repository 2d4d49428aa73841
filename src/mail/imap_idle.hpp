// ImapIdleWatcher: holds one IMAP IDLE connection (RFC 2177) per mailbox that asks for it, and
// calls `on_new_mail(name)` the moment a server announces a new message ("* 12 EXISTS"), so the
// poller (imap_poller.hpp) fetches it within a second instead of at the next poll.
//
// Why this shape. libcurl has no IDLE verb, but CURLOPT_CONNECT_ONLY on an imap(s):// URL does
// the whole connection set-up — TCP, TLS or STARTTLS, certificate checks, CAPABILITY and login —
// and then hands the logged-in connection over to curl_easy_send/curl_easy_recv. The watcher
// speaks the three commands it needs on it (CAPABILITY, SELECT, IDLE); a hand-written client
// would have had to repeat libcurl's TLS and SASL work. It only watches: fetching stays with
// ImapClient on its own connection, so a slow fetch never delays another mailbox's wake-up.
//
// One thread watches every connection with poll(). A server without IDLE in its CAPABILITY is
// left to polling; a broken connection is re-established after kIdleRetry (polling covers the
// gap); every connection is renewed after kIdleRenew, before the 30 minutes after which RFC 2177
// lets servers drop an idle client. Setting up a connection blocks that thread for at most the
// mailbox's timeout per step, so a dead server delays the others' set-up, never their wake-ups
// already in flight for long.
//
// Thread-safety: Start/Stop from one thread; `on_new_mail` runs on the watcher thread and must
// be quick (ImapPoller::Wake is).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "mail/mail_config.hpp"

namespace rapport::mail {

inline constexpr std::chrono::minutes kIdleRenew{25};
inline constexpr std::chrono::seconds kIdleRetry{60};

class ImapIdleWatcher {
 public:
  // Watches the mailboxes with `idle` set; the others are ignored.
  ImapIdleWatcher(const std::vector<ImapMailboxConfig>& mailboxes,
                  std::function<void(const std::string&)> on_new_mail);
  ~ImapIdleWatcher();
  ImapIdleWatcher(const ImapIdleWatcher&) = delete;
  ImapIdleWatcher& operator=(const ImapIdleWatcher&) = delete;

  void Start();
  // Idempotent; returns once the thread has ended and the connections are closed.
  void Stop();

  // Mailboxes idling right now (for tests and the health line in the log).
  size_t idling() const { return idling_.load(); }

 private:
  struct Connection;
  void Loop();

  std::vector<std::unique_ptr<Connection>> connections_;  // owned by the watcher thread
  std::function<void(const std::string&)> on_new_mail_;
  int stop_fd_ = -1;  // an eventfd Stop writes to, so poll() returns at once
  std::atomic<size_t> idling_{0};
  std::thread thread_;
};

}  // namespace rapport::mail
