// ImapPoller against a real IMAP server (dovecot): every message stored once, mailboxes fetched
// side by side, a restart continuing from the stored cursors.
#include "mail/imap_poller.hpp"

#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "mail/imap_idle.hpp"
#include "testing/mail_servers.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::mail {
namespace {

using namespace std::chrono_literals;

// What the support area will do in SQLite, in memory: messages and cursors, committed together.
class MemoryStore : public MailboxStore {
 public:
  explicit MemoryStore(std::chrono::milliseconds store_delay = 0ms) : delay_(store_delay) {}

  Result<MailboxCursor> LoadCursor(const std::string& mailbox) override {
    std::lock_guard lock(mutex_);
    return cursors_[mailbox];
  }
  Status StoreMessage(const std::string& mailbox, uint32_t uidvalidity,
                      const FetchedMessage& message) override {
    std::this_thread::sleep_for(delay_);
    std::lock_guard lock(mutex_);
    messages_[mailbox].push_back(message.raw);
    cursors_[mailbox] = {uidvalidity, message.uid};
    return OkStatus();
  }
  size_t Count() {
    std::lock_guard lock(mutex_);
    size_t count = 0;
    for (const auto& [unused, list] : messages_) count += list.size();
    return count;
  }
  std::vector<std::string> Messages(const std::string& mailbox) {
    std::lock_guard lock(mutex_);
    return messages_[mailbox];
  }
  bool WaitFor(size_t count, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (Count() < count) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(20ms);
    }
    return true;
  }

 private:
  std::chrono::milliseconds delay_;
  std::mutex mutex_;
  std::map<std::string, MailboxCursor> cursors_;
  std::map<std::string, std::vector<std::string>> messages_;
};

std::string Message(const std::string& folder, int n) {
  return "From: ann@example.org\r\nSubject: " + folder + " " + std::to_string(n) + "\r\n\r\nHi\r\n";
}

class ImapPollerTest : public ::testing::Test {
 protected:
  ImapMailboxConfig Mailbox(const std::string& folder, std::chrono::seconds poll = 3600s) {
    return ImapMailboxConfig{.name = folder,
                             .host = "127.0.0.1",
                             .port = server_.port(),
                             .tls = false,
                             .user = "support",
                             .password = Secret("secret"),
                             .folder = folder,
                             .poll_interval = poll,
                             .timeout = 5s};
  }
  void Deliver(const std::string& folder, int n) {
    ImapClient client(Mailbox(folder));
    if (folder != "INBOX") (void)client.Command("CREATE \"" + folder + "\"", false);
    ASSERT_TRUE(client.Append(Message(folder, n)).ok());
  }

  testing::TempDir dir_;
  testing::ImapTestServer server_{dir_.path(), "support", "secret"};
};

TEST_F(ImapPollerTest, MailboxesAreFetchedSideBySide) {
  const std::vector<std::string> folders = {"INBOX", "Billing", "Returns", "Sales"};
  for (const std::string& folder : folders) Deliver(folder, 1);
  std::vector<ImapMailboxConfig> mailboxes;
  for (const std::string& folder : folders) mailboxes.push_back(Mailbox(folder));
  // Each store takes 1.5 s: four in a row would take over 6 s, four threads about 1.5 s (the
  // margin is for a loaded CI machine).
  MemoryStore store(1500ms);
  ImapPoller poller(mailboxes, store, {.threads = 4});
  const auto start = std::chrono::steady_clock::now();
  poller.Start();
  ASSERT_TRUE(store.WaitFor(4, 10s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 4500ms);
  for (const std::string& folder : folders) {
    EXPECT_EQ(store.Messages(folder), std::vector<std::string>{Message(folder, 1)});
  }
}

TEST_F(ImapPollerTest, PollsAgainAndRestartsFromTheStoredCursor) {
  Deliver("INBOX", 1);
  MemoryStore store;
  {
    ImapPoller poller({Mailbox("INBOX", 1s)}, store);
    poller.Start();
    ASSERT_TRUE(store.WaitFor(1, 10s));
    Deliver("INBOX", 2);
    ASSERT_TRUE(store.WaitFor(2, 10s));  // the next poll, a second later
  }
  Deliver("INBOX", 3);
  ImapPoller restarted({Mailbox("INBOX", 1s)}, store);
  restarted.Start();
  ASSERT_TRUE(store.WaitFor(3, 10s));
  std::this_thread::sleep_for(1500ms);  // another poll: still nothing twice
  EXPECT_EQ(
      store.Messages("INBOX"),
      (std::vector<std::string>{Message("INBOX", 1), Message("INBOX", 2), Message("INBOX", 3)}));
}

TEST_F(ImapPollerTest, WakeFetchesAtOnceAndFailuresRecover) {
  MemoryStore store;
  ImapPoller poller({Mailbox("INBOX")}, store);  // polls hourly: only Wake can be this quick
  server_.Stop();
  poller.Start();  // the first fetch fails: server down
  std::this_thread::sleep_for(300ms);
  server_.Start();
  Deliver("INBOX", 1);
  poller.Wake("INBOX");
  ASSERT_TRUE(store.WaitFor(1, 10s));
  EXPECT_EQ(store.Messages("INBOX"), std::vector<std::string>{Message("INBOX", 1)});
}

TEST_F(ImapPollerTest, IdleBringsNewMailWithoutWaitingForThePoll) {
  MemoryStore store;
  const std::vector<ImapMailboxConfig> mailboxes = {Mailbox("INBOX")};  // polls hourly
  ImapPoller poller(mailboxes, store);
  ImapIdleWatcher watcher(mailboxes, [&poller](const std::string& name) { poller.Wake(name); });
  poller.Start();
  watcher.Start();
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (watcher.idling() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_EQ(watcher.idling(), 1u);
  Deliver("INBOX", 1);
  ASSERT_TRUE(store.WaitFor(1, 5s));
  Deliver("INBOX", 2);
  ASSERT_TRUE(store.WaitFor(2, 5s));
  watcher.Stop();
  EXPECT_EQ(watcher.idling(), 0u);
}

TEST_F(ImapPollerTest, IdleWatcherNoticesAClosedConnection) {
  std::atomic<int> wakes{0};
  ImapIdleWatcher watcher({Mailbox("INBOX")}, [&wakes](const std::string&) { ++wakes; });
  watcher.Start();
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (watcher.idling() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_EQ(watcher.idling(), 1u);
  // The watcher sees the connection end and goes back to waiting. Dovecot's mail process
  // outlives its master by about ten seconds before it closes the connection.
  server_.Stop();
  const auto closed = std::chrono::steady_clock::now() + 30s;
  while (watcher.idling() != 0 && std::chrono::steady_clock::now() < closed) {
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_EQ(watcher.idling(), 0u);
  watcher.Stop();  // promptly, although a reconnect is pending
}

}  // namespace
}  // namespace rapport::mail
