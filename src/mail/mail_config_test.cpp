#include "mail/mail_config.hpp"

#include <gtest/gtest.h>

namespace rapport::mail {
namespace {

Result<MailConfig> Read(std::string_view text) { return ReadMailConfig(toml::parse(text)); }

std::vector<std::string> Fields(const Result<MailConfig>& result) {
  std::vector<std::string> fields;
  for (const FieldError& e : result.error().field_errors) fields.push_back(e.field);
  return fields;
}

TEST(MailConfig, AbsentMeansNoMail) {
  auto config = Read("listen = \"127.0.0.1:8080\"\n");
  ASSERT_TRUE(config.ok());
  EXPECT_FALSE(config->smtp.has_value());
  EXPECT_TRUE(config->imap.empty());
}

TEST(MailConfig, ReadsSmtpAndMailboxes) {
  auto config = Read(R"(
[mail.smtp]
host = "smtp.example.com"
security = "tls"
user = "rapport"
password = "s3cret"
from_domain = "example.com"
timeout_seconds = 10

[[mail.imap]]
host = "imap.example.com"
user = "support@example.com"
password = "pw"

[[mail.imap]]
name = "billing"
host = "127.0.0.1"
port = 1143
tls = false
user = "billing"
password = "pw2"
folder = "Billing"
poll_seconds = 30
idle = false
)");
  ASSERT_TRUE(config.ok()) << config.error().message;
  const SmtpConfig& smtp = *config->smtp;
  EXPECT_EQ(smtp.host, "smtp.example.com");
  EXPECT_EQ(smtp.security, SmtpSecurity::kTls);
  EXPECT_EQ(smtp.port, 465);  // the TLS default
  EXPECT_EQ(smtp.password.reveal(), "s3cret");
  EXPECT_EQ(smtp.timeout, std::chrono::seconds(10));
  ASSERT_EQ(config->imap.size(), 2u);
  EXPECT_EQ(config->imap[0].name, "support@example.com@imap.example.com/INBOX");
  EXPECT_EQ(config->imap[0].port, 993);
  EXPECT_TRUE(config->imap[0].tls);
  EXPECT_TRUE(config->imap[0].idle);
  EXPECT_EQ(config->imap[0].poll_interval, std::chrono::seconds(60));
  EXPECT_EQ(config->imap[1].name, "billing");
  EXPECT_EQ(config->imap[1].port, 1143);
  EXPECT_FALSE(config->imap[1].tls);
  EXPECT_EQ(config->imap[1].folder, "Billing");
  EXPECT_EQ(config->imap[1].poll_interval, std::chrono::seconds(30));
  EXPECT_FALSE(config->imap[1].idle);
}

TEST(MailConfig, ReadsTheSenderAndTheOutboxRetries) {
  auto config = Read(R"(
[mail.smtp]
host = "127.0.0.1"
from_domain = "shop.example"
from = "help@shop.example"

[mail.outbox]
max_attempts = 3
first_retry_seconds = 2
max_retry_seconds = 30
)");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->smtp->from, "help@shop.example");
  EXPECT_EQ(config->outbox.max_attempts, 3);
  EXPECT_EQ(config->outbox.first_retry, std::chrono::seconds(2));
  EXPECT_EQ(config->outbox.max_retry, std::chrono::seconds(30));
  auto bad = Read(R"(
[mail.smtp]
host = "127.0.0.1"
from_domain = "shop.example"
from = "Help <help@shop.example>"

[mail.outbox]
max_attempts = 0
first_retry_seconds = 60
max_retry_seconds = 30
)");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Fields(bad), (std::vector<std::string>{"mail.smtp.from", "mail.outbox.max_attempts",
                                                   "mail.outbox.max_retry_seconds"}));
}

TEST(MailConfig, NamesEveryBadFieldAtOnce) {
  auto config = Read(R"(
[mail.smtp]
port = 70000
security = "ssl"
user = "rapport"
pasword = "typo"

[[mail.imap]]
host = "a"
user = "u"
password = "p"
poll_seconds = 0

[[mail.imap]]
name = "u@a/INBOX"
host = ""
user = "u"
tls = "yes"
)");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code, ErrorCode::kInvalidArgument);
  const std::vector<std::string> expected = {
      "mail.smtp.pasword",         "mail.smtp.host",    "mail.smtp.from_domain",
      "mail.smtp.security",        "mail.smtp.port",    "mail.smtp.password",
      "mail.imap[0].poll_seconds", "mail.imap[1].host", "mail.imap[1].tls",
      "mail.imap[1].password",     "mail.imap[1].name"};
  EXPECT_EQ(Fields(config), expected);
}

TEST(MailConfig, RejectsLineBreaksAndWrongShapes) {
  auto injected = Read("[mail.smtp]\nhost = \"a\\r\\nRCPT TO:<x>\"\nfrom_domain = \"x\"\n");
  ASSERT_FALSE(injected.ok());
  EXPECT_EQ(Fields(injected), std::vector<std::string>{"mail.smtp.host"});

  auto not_table = Read("mail = 3\n");
  ASSERT_FALSE(not_table.ok());
  EXPECT_EQ(Fields(not_table), std::vector<std::string>{"mail"});

  auto imap_table = Read("[mail.imap]\nhost = \"a\"\n[mail.pop3]\n");
  ASSERT_FALSE(imap_table.ok());
  EXPECT_EQ(Fields(imap_table), (std::vector<std::string>{"mail.pop3", "mail.imap"}));
}

TEST(MailConfig, AMailboxNamesItsAddressAndQueue) {
  auto config = Read(R"(
[[mail.imap]]
host = "imap.example.com"
user = "support@example.com"
password = "pw"

[[mail.imap]]
host = "imap.example.com"
user = "billing"
password = "pw"
address = "billing@example.com"
queue = "Billing"
)");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->imap[0].address, "support@example.com");  // the user, when it is an address
  EXPECT_EQ(config->imap[0].queue, "");
  EXPECT_EQ(config->imap[1].address, "billing@example.com");
  EXPECT_EQ(config->imap[1].queue, "Billing");
}

}  // namespace
}  // namespace rapport::mail
