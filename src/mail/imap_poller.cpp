#include "mail/imap_poller.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace rapport::mail {

ImapPoller::ImapPoller(std::vector<ImapMailboxConfig> mailboxes, MailboxStore& store,
                       ImapPollerOptions options)
    : store_(store), options_(options) {
  options_.threads = std::clamp<size_t>(options_.threads, 1, kMaxPollerThreads);
  options_.threads = std::min(options_.threads, std::max<size_t>(mailboxes.size(), 1));
  options_.batch_size = std::max<size_t>(options_.batch_size, 1);
  mailboxes_.reserve(mailboxes.size());
  for (ImapMailboxConfig& config : mailboxes) {
    Mailbox mailbox{.config = std::move(config)};
    mailbox.client = std::make_unique<ImapClient>(mailbox.config);
    mailboxes_.push_back(std::move(mailbox));
  }
}

void ImapPoller::Start() {
  if (mailboxes_.empty() || !threads_.empty()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
    for (Mailbox& mailbox : mailboxes_) mailbox.due = Clock::now();
  }
  for (size_t i = 0; i < options_.threads; ++i) threads_.emplace_back([this] { Work(); });
}

void ImapPoller::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

void ImapPoller::Wake(const std::string& name) {
  {
    std::lock_guard lock(mutex_);
    for (Mailbox& mailbox : mailboxes_) {
      if (mailbox.config.name != name) continue;
      mailbox.due = Clock::now();
      mailbox.woken = mailbox.busy;
    }
  }
  changed_.notify_all();
}

bool ImapPoller::Stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void ImapPoller::Work() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    Mailbox* next = nullptr;
    for (Mailbox& mailbox : mailboxes_) {
      if (!mailbox.busy && (next == nullptr || mailbox.due < next->due)) next = &mailbox;
    }
    if (next == nullptr || next->due > Clock::now()) {
      // Woken by Wake, a finished fetch (its mailbox is free again) or Stop.
      if (next == nullptr) {
        changed_.wait(lock);
      } else {
        changed_.wait_until(lock, next->due);
      }
      continue;
    }
    next->busy = true;
    next->woken = false;
    lock.unlock();
    const bool ok = Fetch(*next);
    lock.lock();
    next->busy = false;
    next->failures = ok ? 0 : next->failures + 1;
    auto delay = std::chrono::duration_cast<Clock::duration>(next->config.poll_interval);
    // Doubling on each failure in a row: 1, 2, 4 ... intervals, capped.
    for (int i = 1; i < next->failures && delay < kMaxPollBackoff; ++i) delay *= 2;
    delay = std::min<Clock::duration>(delay, kMaxPollBackoff);
    next->due = next->woken ? Clock::now() : Clock::now() + delay;
    changed_.notify_all();
  }
}

bool ImapPoller::Fetch(Mailbox& mailbox) {
  const std::string& name = mailbox.config.name;
  Result<MailboxCursor> cursor = store_.LoadCursor(name);
  if (!cursor.ok()) {
    spdlog::warn("mail fetch {}: cursor: {}", name, cursor.error().message);
    return false;
  }
  bool more = true;
  while (more && !Stopping()) {
    Result<FetchBatch> batch = mailbox.client->FetchNew(*cursor, options_.batch_size);
    if (!batch.ok()) {
      spdlog::warn("mail fetch {}: {}", name, batch.error().message);
      return false;
    }
    if (batch->uidvalidity_changed) {
      spdlog::warn("mail fetch {}: UIDVALIDITY changed from {} to {}; reading the folder again",
                   name, cursor->uidvalidity, batch->uidvalidity);
    }
    for (const FetchedMessage& message : batch->messages) {
      if (Status stored = store_.StoreMessage(name, batch->uidvalidity, message); !stored.ok()) {
        spdlog::warn("mail fetch {}: storing UID {}: {}", name, message.uid,
                     stored.error().message);
        return false;
      }
      *cursor = {batch->uidvalidity, message.uid};
    }
    more = batch->more;
  }
  return true;
}

}  // namespace rapport::mail
