#include "mail/mime_compose.hpp"

#include <gtest/gtest.h>

#include "mail/mime_parser.hpp"

namespace rapport::mail {
namespace {

OutgoingMessage Reply() {
  OutgoingMessage m;
  m.from = {"Support – Café Ölberg", "support@shop.example"};
  m.reply_to = {{"", "support+1042@shop.example"}};
  m.to = {{"Jürgen Müller", "juergen@example.de"}};
  m.cc = {{"Carla M.", "carla@example.org"}};
  m.subject = "[#1042] Grüße – your order";
  m.text = "Hello Jürgen,\n\nyour parcel is on its way.\n";
  m.html = "<p>Hello Jürgen,</p><p>your parcel is on its way.</p>";
  m.in_reply_to = "CAF1234@mail.example.com";
  m.references = {"first@example.com", "CAF1234@mail.example.com"};
  m.date_millis = int64_t{1796116500} * 1000;
  return m;
}

ParsedMessage RoundTrip(const OutgoingMessage& message, ComposedMessage* composed = nullptr) {
  auto bytes = ComposeMessage(message);
  EXPECT_TRUE(bytes.ok()) << (bytes.ok() ? "" : bytes.error().message);
  if (!bytes.ok()) return {};
  if (composed != nullptr) *composed = *bytes;
  auto parsed = ParseMessage(bytes->bytes);
  EXPECT_TRUE(parsed.ok());
  return parsed.ok() ? std::move(parsed).value() : ParsedMessage{};
}

TEST(ComposeMessage, RoundTripGivesTheSameFields) {
  const OutgoingMessage out = Reply();
  ComposedMessage composed;
  const ParsedMessage in = RoundTrip(out, &composed);
  EXPECT_EQ(in.message_id, composed.message_id);
  EXPECT_TRUE(composed.message_id.ends_with("@shop.example"));
  EXPECT_EQ(in.from->name, out.from.name);
  EXPECT_EQ(in.from->address, out.from.address);
  ASSERT_EQ(in.to.size(), 1u);
  EXPECT_EQ(in.to[0].name, "Jürgen Müller");
  EXPECT_EQ(in.to[0].address, "juergen@example.de");
  ASSERT_EQ(in.cc.size(), 1u);
  EXPECT_EQ(in.cc[0].address, "carla@example.org");
  ASSERT_EQ(in.reply_to.size(), 1u);
  EXPECT_EQ(in.reply_to[0].address, "support+1042@shop.example");
  EXPECT_EQ(in.subject, out.subject);
  EXPECT_EQ(in.date_millis, out.date_millis);
  EXPECT_EQ(in.in_reply_to, out.in_reply_to);
  EXPECT_EQ(in.references, out.references);
  EXPECT_EQ(in.text, out.text);
  EXPECT_EQ(in.html, out.html);
  EXPECT_EQ(in.origin, MailOrigin::kPerson);
}

TEST(ComposeMessage, KeepsAGivenMessageIdAndRefusesABadOne) {
  OutgoingMessage out = Reply();
  out.message_id = "mob_1.retry@shop.example";
  EXPECT_EQ(RoundTrip(out).message_id, "mob_1.retry@shop.example");
  out.message_id = "bad id>";
  auto refused = ComposeMessage(out);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field_errors.front().field, "message_id");
}

TEST(ComposeMessage, IsSevenBitWithCrlfLineEnds) {
  const auto composed = ComposeMessage(Reply());
  ASSERT_TRUE(composed.ok());
  const std::string& bytes = composed->bytes;
  for (size_t i = 0; i < bytes.size(); ++i) {
    ASSERT_LT(static_cast<unsigned char>(bytes[i]), 0x80) << "8-bit byte at " << i;
    if (bytes[i] == '\n') {
      ASSERT_TRUE(i > 0 && bytes[i - 1] == '\r') << "bare LF at " << i;
    }
  }
  EXPECT_NE(bytes.find("Content-Type: multipart/alternative"), std::string::npos);
  EXPECT_NE(bytes.find("Content-Type: text/plain; charset=utf-8"), std::string::npos);
  EXPECT_NE(bytes.find("Content-Type: text/html; charset=utf-8"), std::string::npos);
  EXPECT_NE(bytes.find("In-Reply-To: <CAF1234@mail.example.com>"), std::string::npos);
  EXPECT_EQ(bytes.find("Auto-Submitted"), std::string::npos);
}

TEST(ComposeMessage, AttachmentsAndInlineImagesRoundTrip) {
  OutgoingMessage out = Reply();
  out.attachments.push_back({"Résumé déc.pdf", "application/pdf", "", "%PDF-1.4 body"});
  out.attachments.push_back({"../logo.png", "image/png", "logo@shop.example",
                             std::string("\x89PNG\r\n\x1A\n\0\x01", 10)});
  out.attachments.push_back({"", "not a type", "", std::string("\0\1\2", 3)});
  ComposedMessage composed;
  const ParsedMessage in = RoundTrip(out, &composed);
  EXPECT_NE(composed.bytes.find("Content-Type: multipart/related"), std::string::npos);
  EXPECT_NE(composed.bytes.find("Content-Type: multipart/mixed"), std::string::npos);
  // Related (alternative, logo) comes first, then the other attachments.
  ASSERT_EQ(in.attachments.size(), 3u);
  const MailAttachment& logo = in.attachments[0];
  EXPECT_EQ(logo.filename, "logo.png");
  EXPECT_EQ(logo.content_id, "logo@shop.example");
  EXPECT_TRUE(logo.inline_part);
  EXPECT_EQ(logo.bytes, out.attachments[1].bytes);
  const MailAttachment& pdf = in.attachments[1];
  EXPECT_EQ(pdf.filename, "Résumé déc.pdf");
  EXPECT_EQ(pdf.declared_type, "application/pdf");
  EXPECT_EQ(pdf.bytes, "%PDF-1.4 body");
  EXPECT_FALSE(pdf.inline_part);
  EXPECT_EQ(in.attachments[2].filename, "attachment");
  EXPECT_EQ(in.attachments[2].declared_type, "application/octet-stream");

  out.html.clear();  // no HTML to show the image: it is an ordinary attachment
  const auto text_only = ComposeMessage(out);
  ASSERT_TRUE(text_only.ok());
  EXPECT_EQ(text_only->bytes.find("multipart/related"), std::string::npos);
  EXPECT_EQ(in.text, out.text);
}

TEST(ComposeMessage, HtmlOnlyGetsATextAlternativeAndTextOnlyStaysPlain) {
  OutgoingMessage out = Reply();
  out.text.clear();
  EXPECT_EQ(RoundTrip(out).text, "Hello Jürgen,\n\nyour parcel is on its way.");
  out = Reply();
  out.html.clear();
  const ParsedMessage in = RoundTrip(out);
  EXPECT_EQ(in.text, out.text);
  EXPECT_TRUE(in.html.empty());
}

TEST(ComposeMessage, AutomaticMailSaysSoAndIsClassifiedAsSuch) {
  OutgoingMessage out = Reply();
  out.auto_submitted = AutoSubmitted::kAutoReplied;
  out.message_id_domain = "mail.shop.example";
  ComposedMessage composed;
  const ParsedMessage in = RoundTrip(out, &composed);
  EXPECT_NE(composed.bytes.find("Auto-Submitted: auto-replied"), std::string::npos);
  EXPECT_NE(composed.bytes.find("X-Auto-Response-Suppress: All"), std::string::npos);
  EXPECT_TRUE(composed.message_id.ends_with("@mail.shop.example"));
  EXPECT_EQ(in.origin, MailOrigin::kAutomatic);
}

TEST(ComposeMessage, EachMessageGetsItsOwnId) {
  const auto a = ComposeMessage(Reply());
  const auto b = ComposeMessage(Reply());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->message_id, b->message_id);
}

TEST(ComposeMessage, HeaderInjectionIsImpossible) {
  OutgoingMessage out = Reply();
  out.subject = "Hi\r\nBcc: victim@example.com";
  out.to[0].name = "Name\r\nX-Evil: 1";
  const auto composed = ComposeMessage(out);
  ASSERT_TRUE(composed.ok());
  EXPECT_EQ(composed->bytes.find("\r\nBcc:"), std::string::npos);
  EXPECT_EQ(composed->bytes.find("\r\nX-Evil:"), std::string::npos);
  const auto parsed = ParseMessage(composed->bytes);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->subject, "Hi  Bcc: victim@example.com");
}

TEST(ComposeMessage, BadInputNamesTheField) {
  struct Case {
    void (*change)(OutgoingMessage&);
    std::string_view field;
  };
  const Case cases[] = {
      {[](OutgoingMessage& m) { m.from.address = "not an address"; }, "from.address"},
      {[](OutgoingMessage& m) { m.to.clear(), m.cc.clear(); }, "to"},
      {[](OutgoingMessage& m) { m.to[0].address = "a@b\r\nRCPT TO:<x@y>"; }, "to[0].address"},
      {[](OutgoingMessage& m) { m.cc[0].address = "<carla@example.org>"; }, "cc[0].address"},
      {[](OutgoingMessage& m) { m.reply_to[0].address = "x@"; }, "reply_to[0].address"},
      {[](OutgoingMessage& m) { m.in_reply_to = "a b"; }, "in_reply_to"},
      {[](OutgoingMessage& m) { m.references[1] = "<x@y>"; }, "references[1]"},
      {[](OutgoingMessage& m) { m.message_id_domain = "bad domain"; }, "message_id_domain"},
  };
  for (const Case& c : cases) {
    OutgoingMessage out = Reply();
    c.change(out);
    const auto composed = ComposeMessage(out);
    ASSERT_FALSE(composed.ok()) << c.field;
    EXPECT_EQ(composed.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(composed.error().field_errors.size(), 1u);
    EXPECT_EQ(composed.error().field_errors[0].field, c.field);
  }
}

}  // namespace
}  // namespace rapport::mail
