// SmtpSender against a real SMTP server (aiosmtpd, tests/testing/mail_servers.hpp).
#include "mail/smtp_sender.hpp"

#include <gtest/gtest.h>

#include "testing/mail_servers.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::mail {
namespace {

using testing::FreeLoopbackPort;
using testing::SmtpTestServer;

// Dot-stuffing, a line that is only a dot, 8-bit text and a long line: all must arrive as sent.
const std::string kMessage =
    "From: Support <support@example.com>\r\n"
    "To: Ann <ann@example.org>\r\n"
    "Subject: Re: [#1042] Your order\r\n"
    "Message-ID: <r1@example.com>\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n"
    "\r\n"
    ".leading dot\r\n"
    ".\r\n"
    "Gr\xC3\xBC\xC3\x9F"
    "e\r\n" +
    std::string(900, 'x') + "\r\n";

SmtpConfig PlainConfig(int port) {
  return SmtpConfig{.host = "127.0.0.1",
                    .port = port,
                    .security = SmtpSecurity::kNone,
                    .from_domain = "example.com",
                    .timeout = std::chrono::seconds(5)};
}

// STARTTLS against the test server's own certificate, with AUTH as `user`.
SmtpConfig StartTlsConfig(const SmtpTestServer& server, std::string password) {
  SmtpConfig config = PlainConfig(server.port());
  config.security = SmtpSecurity::kStartTls;
  config.ca_file = server.ca_file();
  config.user = "rapport";
  config.password = Secret(std::move(password));
  return config;
}

OutgoingMail Mail(std::vector<std::string> recipients) {
  return {
      .envelope_from = "bounces@example.com", .recipients = std::move(recipients), .raw = kMessage};
}

TEST(SmtpSender, DeliversTheExactBytesAndEnvelope) {
  testing::TempDir dir;
  SmtpTestServer server(dir.path());
  SmtpSender sender(PlainConfig(server.port()));
  SendResult result = sender.Send(Mail({"ann@example.org", "bcc@example.net"}));
  ASSERT_TRUE(result.ok()) << result.message;
  auto received = server.WaitForMessages(1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].raw, kMessage);
  EXPECT_EQ(received[0].mail_from, "bounces@example.com");
  EXPECT_EQ(received[0].rcpt_tos, (std::vector<std::string>{"ann@example.org", "bcc@example.net"}));
}

TEST(SmtpSender, StartTlsWithAuth) {
  testing::TempDir dir;
  SmtpTestServer server(dir.path(), {.starttls = true, .user = "rapport", .password = "pa55 word"});
  SendResult result =
      SmtpSender(StartTlsConfig(server, "pa55 word")).Send(Mail({"ann@example.org"}));
  ASSERT_TRUE(result.ok()) << result.message;
  auto received = server.WaitForMessages(1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].raw, kMessage);
  EXPECT_EQ(received[0].user, "rapport");
}

TEST(SmtpSender, WrongPasswordIsTransientAndSaysSo) {
  testing::TempDir dir;
  SmtpTestServer server(dir.path(), {.starttls = true, .user = "rapport", .password = "right"});
  SendResult result =
      SmtpSender(StartTlsConfig(server, "wrong-secret")).Send(Mail({"ann@example.org"}));
  EXPECT_EQ(result.failure, SendFailure::kTransient);
  EXPECT_NE(result.message.find("refused the user and password"), std::string::npos)
      << result.message;
  EXPECT_EQ(result.message.find("wrong-secret"), std::string::npos);
  EXPECT_TRUE(server.Messages().empty());
}

TEST(SmtpSender, UntrustedCertificateIsRefused) {
  testing::TempDir dir;
  SmtpTestServer server(dir.path(), {.starttls = true});
  SmtpConfig config = PlainConfig(server.port());
  config.security = SmtpSecurity::kStartTls;  // the system CA store does not know the test CA
  SendResult result = SmtpSender(config).Send(Mail({"ann@example.org"}));
  EXPECT_EQ(result.failure, SendFailure::kTransient);
  EXPECT_TRUE(server.Messages().empty());
}

TEST(SmtpSender, RefusedRecipientIsPermanentGreylistingTransient) {
  testing::TempDir dir;
  SmtpTestServer server(dir.path(), {.reject_permanent = {"gone@example.org"},
                                     .reject_temporary = {"later@example.org"}});
  SmtpSender sender(PlainConfig(server.port()));
  SendResult gone = sender.Send(Mail({"gone@example.org"}));
  EXPECT_EQ(gone.failure, SendFailure::kPermanent);
  EXPECT_EQ(gone.reply_code, 550);
  EXPECT_EQ(gone.ToError().code, ErrorCode::kInvalidArgument);
  SendResult later = sender.Send(Mail({"later@example.org"}));
  EXPECT_EQ(later.failure, SendFailure::kTransient);
  EXPECT_EQ(later.reply_code, 451);
  EXPECT_EQ(later.ToError().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(server.Messages().empty());
}

TEST(SmtpSender, ServerDownIsTransient) {
  SendResult result = SmtpSender(PlainConfig(FreeLoopbackPort())).Send(Mail({"a@example.org"}));
  EXPECT_EQ(result.failure, SendFailure::kTransient);
  EXPECT_EQ(result.reply_code, 0);
}

TEST(SmtpSender, SilentServerTimesOutAsTransient) {
  testing::SilentServer silent;
  SmtpConfig config = PlainConfig(silent.port());
  config.timeout = std::chrono::seconds(1);
  const auto start = std::chrono::steady_clock::now();
  SendResult result = SmtpSender(config).Send(Mail({"a@example.org"}));
  EXPECT_EQ(result.failure, SendFailure::kTransient);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(SmtpSender, EnvelopeInjectionIsRefusedBeforeConnecting) {
  SendResult result = SmtpSender(PlainConfig(FreeLoopbackPort()))
                          .Send(Mail({"a@example.org>\r\nRCPT TO:<b@example.org"}));
  EXPECT_EQ(result.failure, SendFailure::kPermanent);
}

}  // namespace
}  // namespace rapport::mail
