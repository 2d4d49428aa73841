#include "mail/mail_classify.hpp"

#include <gtest/gtest.h>

namespace rapport::mail {
namespace {

ParsedMessage WithHeader(std::string name, std::string value) {
  ParsedMessage message;
  message.from = MailAddress{"", "someone@example.com"};
  message.headers.push_back({std::move(name), std::move(value)});
  return message;
}

TEST(ClassifyOrigin, HeadersThatMarkAutomaticMail) {
  struct Case {
    std::string name;
    std::string value;
    MailOrigin origin;
  };
  const Case cases[] = {
      {"Auto-Submitted", "auto-replied", MailOrigin::kAutomatic},
      {"auto-submitted", "Auto-Generated; owner=x", MailOrigin::kAutomatic},
      {"Auto-Submitted", "no", MailOrigin::kPerson},
      {"Auto-Submitted", " No (a person)", MailOrigin::kPerson},
      {"Precedence", "bulk", MailOrigin::kAutomatic},
      {"Precedence", "JUNK", MailOrigin::kAutomatic},
      {"Precedence", "list", MailOrigin::kAutomatic},
      {"Precedence", "first-class", MailOrigin::kPerson},
      {"X-Autoreply", "yes", MailOrigin::kAutomatic},
      {"X-Autorespond", "", MailOrigin::kAutomatic},
      {"X-Auto-Response-Suppress", "All", MailOrigin::kAutomatic},
      {"List-Id", "<users.lists.example>", MailOrigin::kPerson},
      {"Return-Path", "<someone@example.com>", MailOrigin::kPerson},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ClassifyOrigin(WithHeader(c.name, c.value)), c.origin) << c.name << ": " << c.value;
  }
}

TEST(ClassifyOrigin, BouncesByReportSenderOrNullReturnPath) {
  ParsedMessage report = WithHeader("Subject", "x");
  report.report_type = "delivery-status";
  EXPECT_EQ(ClassifyOrigin(report), MailOrigin::kBounce);

  for (std::string_view sender : {"MAILER-DAEMON@mx.example", "postmaster@example.com"}) {
    ParsedMessage daemon = WithHeader("Subject", "x");
    daemon.from->address = sender;
    EXPECT_EQ(ClassifyOrigin(daemon), MailOrigin::kBounce) << sender;
  }
  ParsedMessage null_sender = WithHeader("Subject", "x");
  null_sender.return_path = "<>";
  EXPECT_EQ(ClassifyOrigin(null_sender), MailOrigin::kBounce);

  ParsedMessage disposition = WithHeader("Subject", "x");
  disposition.report_type = "disposition-notification";  // a read receipt
  EXPECT_EQ(ClassifyOrigin(disposition), MailOrigin::kAutomatic);
}

TEST(TicketReference, FoundInRepliesAndForwards) {
  EXPECT_EQ(ExtractTicketReference("[#1042] Your order"), 1042);
  EXPECT_EQ(ExtractTicketReference("Re: AW: [#1042] Your order"), 1042);
  EXPECT_EQ(ExtractTicketReference("Fwd: order [#7]"), 7);
  EXPECT_EQ(ExtractTicketReference("[#] x [#12a] y [#99]"), 99);
  EXPECT_EQ(ExtractTicketReference("#1042 without brackets"), std::nullopt);
  EXPECT_EQ(ExtractTicketReference("[#0]"), std::nullopt);
  EXPECT_EQ(ExtractTicketReference("[#1234567890123456]"), std::nullopt);  // 16 digits
  EXPECT_EQ(ExtractTicketReference("[#123456789012345]"), int64_t{123456789012345});
  EXPECT_EQ(ExtractTicketReference("[#42"), std::nullopt);
}

TEST(TicketReference, WrittenOnceIntoTheSubject) {
  EXPECT_EQ(FormatTicketReference(1042), "[#1042]");
  EXPECT_EQ(SubjectWithTicketReference("Your order", 1042), "[#1042] Your order");
  EXPECT_EQ(SubjectWithTicketReference("Re: [#1042] Your order", 1042), "Re: [#1042] Your order");
  EXPECT_EQ(SubjectWithTicketReference("  ", 5), "[#5]");
  EXPECT_EQ(ExtractTicketReference(SubjectWithTicketReference("Hi", 31)), 31);
}

}  // namespace
}  // namespace rapport::mail
