// ImapClient against a real IMAP server (dovecot, tests/testing/mail_servers.hpp).
#include "mail/imap_client.hpp"

#include <gtest/gtest.h>

#include "testing/mail_servers.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::mail {
namespace {

using testing::ImapTestServer;

std::string Message(int n) {
  return "From: ann@example.org\r\nSubject: message " + std::to_string(n) + "\r\nMessage-ID: <m" +
         std::to_string(n) + "@example.org>\r\n\r\nBody " + std::to_string(n) + "\r\n";
}

ImapMailboxConfig Config(int port, std::string password = "secret") {
  return ImapMailboxConfig{.name = "support",
                           .host = "127.0.0.1",
                           .port = port,
                           .tls = false,
                           .user = "support",
                           .password = Secret(std::move(password)),
                           .timeout = std::chrono::seconds(5)};
}

class ImapClientTest : public ::testing::Test {
 protected:
  void Deliver(int n) {
    ImapClient delivery(Config(server_.port()));
    ASSERT_TRUE(delivery.Append(Message(n)).ok());
  }
  // Fetches like a restarted poller would: a new client from the stored cursor.
  FetchBatch FetchFrom(MailboxCursor cursor, size_t max = 50) {
    ImapClient client(Config(server_.port()));
    auto batch = client.FetchNew(cursor, max);
    EXPECT_TRUE(batch.ok()) << batch.error().message;
    return batch.ok() ? std::move(*batch) : FetchBatch{};
  }

  testing::TempDir dir_;
  ImapTestServer server_{dir_.path(), "support", "secret"};
};

TEST_F(ImapClientTest, FetchesEachMessageOnceAcrossRestarts) {
  Deliver(1);
  Deliver(2);
  FetchBatch first = FetchFrom({});
  ASSERT_EQ(first.messages.size(), 2u);
  EXPECT_NE(first.uidvalidity, 0u);
  EXPECT_FALSE(first.uidvalidity_changed);
  EXPECT_EQ(first.messages[0].raw, Message(1));  // byte for byte
  EXPECT_EQ(first.messages[1].raw, Message(2));
  MailboxCursor cursor{first.uidvalidity, first.messages.back().uid};

  EXPECT_TRUE(FetchFrom(cursor).messages.empty());  // nothing twice after a "restart"
  Deliver(3);
  FetchBatch next = FetchFrom(cursor);
  ASSERT_EQ(next.messages.size(), 1u);
  EXPECT_EQ(next.messages[0].raw, Message(3));
  EXPECT_GT(next.messages[0].uid, cursor.last_uid);
}

TEST_F(ImapClientTest, BatchesAreBoundedAndContinue) {
  for (int n = 1; n <= 5; ++n) Deliver(n);
  MailboxCursor cursor;
  std::vector<std::string> seen;
  for (int round = 0; round < 3; ++round) {
    FetchBatch batch = FetchFrom(cursor, 2);
    EXPECT_LE(batch.messages.size(), 2u);
    for (const FetchedMessage& m : batch.messages) seen.push_back(m.raw);
    if (!batch.messages.empty()) cursor = {batch.uidvalidity, batch.messages.back().uid};
    EXPECT_EQ(batch.more, round < 2);
  }
  ASSERT_EQ(seen.size(), 5u);
  for (int n = 1; n <= 5; ++n) EXPECT_EQ(seen[n - 1], Message(n));
}

TEST_F(ImapClientTest, ChangedUidValidityStartsOver) {
  Deliver(1);
  FetchBatch first = FetchFrom({});
  ASSERT_EQ(first.messages.size(), 1u);
  MailboxCursor cursor{first.uidvalidity, first.messages.back().uid};
  // A cursor from another UIDVALIDITY (the folder was re-created): everything comes again.
  FetchBatch again = FetchFrom({cursor.uidvalidity - 1, 999});
  EXPECT_TRUE(again.uidvalidity_changed);
  EXPECT_EQ(again.uidvalidity, first.uidvalidity);
  ASSERT_EQ(again.messages.size(), 1u);
  EXPECT_EQ(again.messages[0].raw, Message(1));
}

TEST_F(ImapClientTest, RecreatedFolderIsNoticed) {
  ImapMailboxConfig config = Config(server_.port());
  config.folder = "Billing";
  ImapClient admin(Config(server_.port()));
  ASSERT_TRUE(admin.Command("CREATE \"Billing\"", false).ok());
  ImapClient billing(config);
  ASSERT_TRUE(billing.Append(Message(1)).ok());
  auto first = billing.FetchNew({}, 10);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->messages.size(), 1u);
  MailboxCursor cursor{first->uidvalidity, first->messages[0].uid};

  ASSERT_TRUE(admin.Command("DELETE \"Billing\"", false).ok());
  ASSERT_TRUE(admin.Command("CREATE \"Billing\"", false).ok());
  ImapClient fresh(config);
  ASSERT_TRUE(fresh.Append(Message(2)).ok());
  auto after = fresh.FetchNew(cursor, 10);
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_TRUE(after->uidvalidity_changed);
  EXPECT_NE(after->uidvalidity, cursor.uidvalidity);
  ASSERT_EQ(after->messages.size(), 1u);
  EXPECT_EQ(after->messages[0].raw, Message(2));  // same UID 1, a different message: not lost
}

TEST_F(ImapClientTest, WrongPasswordIsAClearError) {
  ImapClient client(Config(server_.port(), "wrong-secret"));
  auto batch = client.FetchNew({}, 10);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(batch.error().message.find("support"), std::string::npos);
  EXPECT_EQ(batch.error().message.find("wrong-secret"), std::string::npos);
}

TEST_F(ImapClientTest, ServerDownIsUnavailableAndRecovers) {
  Deliver(1);
  ImapClient client(Config(server_.port()));
  server_.Stop();
  auto down = client.FetchNew({}, 10);
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().code, ErrorCode::kUnavailable);
  server_.Start();
  auto up = client.FetchNew({}, 10);
  ASSERT_TRUE(up.ok()) << up.error().message;
  EXPECT_EQ(up->messages.size(), 1u);
}

TEST_F(ImapClientTest, OversizedMessageIsReportedNotRead) {
  Deliver(1);
  const std::string big = "Subject: big\r\n\r\n" + std::string(4000, 'x') + "\r\n";
  ImapClient delivery(Config(server_.port()));
  ASSERT_TRUE(delivery.Append(big).ok());
  Deliver(3);
  ImapClient client(Config(server_.port()), 1000);
  auto batch = client.FetchNew({}, 10);
  ASSERT_TRUE(batch.ok()) << batch.error().message;
  ASSERT_EQ(batch->messages.size(), 3u);
  EXPECT_EQ(batch->messages[0].raw, Message(1));
  EXPECT_TRUE(batch->messages[1].too_large);
  EXPECT_TRUE(batch->messages[1].raw.empty());
  EXPECT_EQ(batch->messages[2].raw, Message(3));  // the connection recovers after the abort
}

TEST(ImapClient, SilentServerTimesOut) {
  testing::SilentServer silent;
  ImapMailboxConfig config = Config(silent.port());
  config.timeout = std::chrono::seconds(1);
  const auto start = std::chrono::steady_clock::now();
  auto batch = ImapClient(config).FetchNew({}, 10);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().code, ErrorCode::kUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST_F(ImapClientTest, MissingFolderIsNotFound) {
  ImapMailboxConfig config = Config(server_.port());
  config.folder = "No \"such\" folder";
  ImapClient client(config);
  auto batch = client.FetchNew({}, 10);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace rapport::mail
