#include "mail/mime_parser.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "mail/mime_test_data.hpp"

namespace rapport::mail {
namespace {

ParsedMessage Parse(std::string_view sample) {
  auto parsed = ParseMessage(testdata::Read(sample));
  EXPECT_TRUE(parsed.ok()) << sample << ": " << (parsed.ok() ? "" : parsed.error().message);
  return parsed.ok() ? std::move(parsed).value() : ParsedMessage{};
}

TEST(ParseMessage, MultipartAlternativePrefersTheTextAndKeepsTheHtml) {
  const ParsedMessage m = Parse("alternative.eml");
  EXPECT_EQ(m.message_id, "CAF1234@mail.example.com");
  EXPECT_EQ(m.subject, "Order 1001 has not arrived");
  ASSERT_TRUE(m.from.has_value());
  EXPECT_EQ(m.from->name, "Anna Berg");
  EXPECT_EQ(m.from->address, "anna@example.com");
  ASSERT_EQ(m.to.size(), 1u);
  EXPECT_EQ(m.to[0].address, "support@shop.example");
  ASSERT_EQ(m.cc.size(), 2u);
  EXPECT_EQ(m.cc[1].name, "Carla M.");
  EXPECT_EQ(m.cc[1].address, "carla@example.org");
  EXPECT_EQ(m.date_millis, int64_t{1796116500} * 1000);  // 2026-12-01T09:15:00Z
  EXPECT_EQ(
      m.text,
      "Hello,\n\nmy order has not arrived \u2013 can you check?\n\nAnna");  // the last line end is
                                                                            // the boundary's
  EXPECT_NE(m.html.find("<p>Hello,</p>"), std::string::npos);
  EXPECT_TRUE(m.attachments.empty());
  EXPECT_EQ(m.origin, MailOrigin::kPerson);
}

TEST(ParseMessage, Latin1BodyAndEncodedWordsBecomeUtf8) {
  const ParsedMessage m = Parse("latin1.eml");
  EXPECT_EQ(m.subject, "Grüße aus Köln€");
  EXPECT_EQ(m.from->name, "Jürgen Müller");
  // 0x80 in mail labelled ISO-8859-1 is the Windows-1252 euro sign, as every client shows it.
  EXPECT_EQ(m.text, "Schöne Grüße, die Rechnung über 20 € ist falsch.\n");
}

TEST(ParseMessage, Base64BodiesAndUnlabelledEightBitAreDecoded) {
  const auto base64 = ParseMessage(
      "From: a@example.com\r\nSubject: =?utf-8?b?w6l0w6k=?=\r\n"
      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
      "w6l0w6kg4oKsCg==\r\n");
  ASSERT_TRUE(base64.ok());
  EXPECT_EQ(base64->subject, "été");
  EXPECT_EQ(base64->text, "été €\n");
  // No charset at all and 8-bit bytes: read as Windows-1252, never invalid UTF-8.
  const auto unlabelled = ParseMessage("From: a@example.com\n\ncaf\xE9\n");
  ASSERT_TRUE(unlabelled.ok());
  EXPECT_EQ(unlabelled->text, "café\n");
}

TEST(ParseMessage, Rfc2231FilenameIsDecodedAndTheTypeSniffed) {
  const ParsedMessage m = Parse("attachment_rfc2231.eml");
  EXPECT_EQ(m.subject, "Facture déjà payée");
  EXPECT_EQ(m.from->name, "Élodie Durand");
  EXPECT_EQ(m.text, "Voir la pièce jointe.");
  ASSERT_EQ(m.attachments.size(), 1u);
  const MailAttachment& a = m.attachments[0];
  EXPECT_EQ(a.filename, "Résumé déc.pdf");
  EXPECT_EQ(a.declared_type, "application/octet-stream");
  EXPECT_EQ(a.sniffed_type, "application/pdf");
  EXPECT_EQ(a.bytes.substr(0, 8), "%PDF-1.4");
  EXPECT_FALSE(a.inline_part);
}

TEST(ParseMessage, InlineImageKeepsItsContentIdAndHtmlGivesTheText) {
  const ParsedMessage m = Parse("inline_image.eml");
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].content_id, "shot1@example.com");
  EXPECT_TRUE(m.attachments[0].inline_part);
  EXPECT_EQ(m.attachments[0].sniffed_type, "image/png");
  EXPECT_EQ(m.attachments[0].filename, "shot.png");
  EXPECT_EQ(m.text, "See the error:");
  EXPECT_NE(m.html.find("cid:shot1@example.com"), std::string::npos);
}

TEST(ParseMessage, DeliveryStatusNotificationIsABounce) {
  const ParsedMessage m = Parse("bounce_dsn.eml");
  EXPECT_EQ(m.report_type, "delivery-status");
  EXPECT_EQ(m.return_path, "<>");
  EXPECT_EQ(m.origin, MailOrigin::kBounce);
  EXPECT_TRUE(m.IsAutomatic());
  EXPECT_EQ(m.text, "This is the mail system. Your message could not be delivered.");
  // The returned message is one attachment; its body is not taken for this one's.
  ASSERT_EQ(m.attachments.size(), 2u);
  EXPECT_EQ(m.attachments[1].declared_type, "message/rfc822");
  EXPECT_NE(m.attachments[1].bytes.find("orig@shop.example"), std::string::npos);
}

TEST(ParseMessage, AutoReplyIsAutomatic) {
  const ParsedMessage m = Parse("auto_reply.eml");
  EXPECT_EQ(m.origin, MailOrigin::kAutomatic);
  EXPECT_EQ(m.in_reply_to, "reply1@shop.example");
}

TEST(ParseMessage, OutlookReplyKeepsThreadingHeaders) {
  const ParsedMessage m = Parse("outlook_reply.eml");
  EXPECT_EQ(m.thread_index, "AQHZ1a2b3c4d5e6f7g8h9i0jAAABBBCCC==");
  EXPECT_EQ(m.in_reply_to, "reply1@shop.example");
  EXPECT_EQ(m.references, (std::vector<std::string>{"first@example.com", "reply1@shop.example"}));
  EXPECT_EQ(m.subject, "RE: [#1042] Your order");
  EXPECT_EQ(m.text, "Thanks \u2013 that\u2019s fixed.\n");
  EXPECT_EQ(m.origin, MailOrigin::kPerson);
}

TEST(ParseMessage, MalformedMimeYieldsWhatCanBeRead) {
  const ParsedMessage m = Parse("malformed.eml");
  EXPECT_EQ(m.message_id, "broken@example.com");
  EXPECT_NE(m.text.find("First part text."), std::string::npos);
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].filename, "cut.pdf");
}

TEST(ParseMessage, HtmlWithScriptsGivesTextWithoutThemAndKeepsTheRawHtml) {
  const ParsedMessage m = Parse("html_script.eml");
  EXPECT_EQ(m.text, "Visible & safe\n\nSecond line");
  EXPECT_NE(m.html.find("<script>"), std::string::npos);  // sanitising is the app's job
  EXPECT_NE(m.html.find("tracker.example.net"), std::string::npos);
}

TEST(ParseMessage, PathInAFilenameIsDropped) {
  const ParsedMessage m = Parse("traversal.eml");
  EXPECT_EQ(m.text, "See attached.");
  EXPECT_TRUE(m.html.empty());  // an attached HTML file is not the body
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].filename, "x");
  EXPECT_EQ(m.attachments[0].sniffed_type, "text/html");
}

TEST(ParseMessage, OversizeMessageIsRefusedBeforeParsing) {
  ParseLimits limits;
  limits.max_message_bytes = 25 * 1024 * 1024;
  std::string raw = testdata::Read("attachment_rfc2231.eml");
  raw.append(50 * 1024 * 1024, 'A');  // a 50 MB attachment's worth of base64
  const auto parsed = ParseMessage(raw, limits);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kTooLarge);
}

TEST(ParseMessage, LimitsOnPartsDepthHeadersAndAttachmentSize) {
  struct Case {
    const char* what;
    void (*tighten)(ParseLimits&);
    std::string_view sample;
  };
  const Case cases[] = {
      // The multipart and its two children are three parts.
      {"parts", [](ParseLimits& l) { l.max_parts = 2; }, "alternative.eml"},
      {"depth", [](ParseLimits& l) { l.max_depth = 0; }, "alternative.eml"},
      {"headers", [](ParseLimits& l) { l.max_headers = 5; }, "alternative.eml"},
      {"header bytes", [](ParseLimits& l) { l.max_header_bytes = 10; }, "alternative.eml"},
      {"attachment", [](ParseLimits& l) { l.max_attachment_bytes = 20; }, "attachment_rfc2231.eml"},
  };
  for (const Case& c : cases) {
    ParseLimits limits;
    c.tighten(limits);
    const auto parsed = ParseMessage(testdata::Read(c.sample), limits);
    ASSERT_FALSE(parsed.ok()) << c.what;
    EXPECT_EQ(parsed.error().code, ErrorCode::kTooLarge) << c.what;
  }
}

TEST(ParseMessage, DeepNestingIsRefusedWithoutRecursingIntoIt) {
  std::string raw = "From: a@example.com\nMIME-Version: 1.0\n";
  constexpr int kLevels = 20000;
  for (int i = 0; i < kLevels; ++i) {
    raw += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\n\n--b" +
           std::to_string(i) + "\n";
  }
  const auto parsed = ParseMessage(raw);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kTooLarge);
}

TEST(ParseMessage, NoHeaderIsMalformed) {
  for (std::string_view raw : {std::string_view(""), std::string_view("\n\nbody only\n")}) {
    const auto parsed = ParseMessage(raw);
    ASSERT_FALSE(parsed.ok()) << raw;
    EXPECT_EQ(parsed.error().code, ErrorCode::kMalformed);
  }
}

TEST(ParseMessage, ManyThreadsParseAtOnce) {
  const std::string raw = testdata::Read("attachment_rfc2231.eml");
  std::vector<std::thread> threads;
  std::atomic<int> good = 0;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        auto parsed = ParseMessage(raw);
        if (parsed.ok() && parsed->attachments.size() == 1) ++good;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(good, 8 * 50);
}

}  // namespace
}  // namespace rapport::mail
