#include "mail/mime_compose.hpp"

#include <gmime/gmime.h>

#include <algorithm>
#include <string>

#include "common/ids.hpp"
#include "common/time.hpp"
#include "mail/gmime_runtime.hpp"
#include "mail/mime_text.hpp"

namespace rapport::mail {
namespace {

using internal::GCharPtr;
using internal::GObjectPtr;

// RFC 5321 §4.5.3.1: 254 octets for an address, 255 for a domain; ids have no limit of their own
// but must fit a 998-octet header line.
constexpr size_t kMaxAddressBytes = 254;
constexpr size_t kMaxDomainBytes = 253;
constexpr size_t kMaxIdBytes = 250;
// 128 bits: Message-IDs must be unique across every mail system that ever sees them.
constexpr size_t kMessageIdRandomBytes = 16;

bool IsPrintableAscii(char c) { return c > 0x20 && c < 0x7F; }

bool ValidDomain(std::string_view domain) {
  return !domain.empty() && domain.size() <= kMaxDomainBytes && domain.front() != '.' &&
         domain.back() != '.' && std::all_of(domain.begin(), domain.end(), [](char c) {
           return g_ascii_isalnum(c) || c == '-' || c == '.';
         });
}

bool ValidAddress(std::string_view address) {
  const size_t at = address.rfind('@');
  if (address.size() > kMaxAddressBytes || at == std::string_view::npos || at == 0) return false;
  const bool clean = std::all_of(address.begin(), address.end(), [](char c) {
    return IsPrintableAscii(c) &&
           std::string_view("<>()[]\\,;:\"").find(c) == std::string_view::npos;
  });
  return clean && ValidDomain(address.substr(at + 1));
}

bool ValidId(std::string_view id) {
  return !id.empty() && id.size() <= kMaxIdBytes && std::all_of(id.begin(), id.end(), [](char c) {
    return IsPrintableAscii(c) && c != '<' && c != '>';
  });
}

// Control characters (line breaks above all) as spaces: a header value can never end early.
std::string OneLine(std::string_view text) {
  std::string out = MakeValidUtf8(text);
  std::replace_if(
      out.begin(), out.end(),
      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }, ' ');
  return out;
}

Status CheckAddresses(const std::vector<MailAddress>& list, const std::string& field) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (!ValidAddress(list[i].address)) {
      return Error::Invalid(field + "[" + std::to_string(i) + "].address",
                            "Not an e-mail address this server can send to (ASCII local@domain).");
    }
  }
  return OkStatus();
}

Status Validate(const OutgoingMessage& message) {
  if (!ValidAddress(message.from.address)) {
    return Error::Invalid("from.address", "The sender is not an e-mail address (local@domain).");
  }
  if (message.to.empty() && message.cc.empty()) {
    return Error::Invalid("to", "The message needs at least one recipient.");
  }
  RAPPORT_RETURN_IF_ERROR(CheckAddresses(message.reply_to, "reply_to"));
  RAPPORT_RETURN_IF_ERROR(CheckAddresses(message.to, "to"));
  RAPPORT_RETURN_IF_ERROR(CheckAddresses(message.cc, "cc"));
  if (!message.in_reply_to.empty() && !ValidId(message.in_reply_to)) {
    return Error::Invalid("in_reply_to", "Not a message id.");
  }
  for (size_t i = 0; i < message.references.size(); ++i) {
    if (!ValidId(message.references[i])) {
      return Error::Invalid("references[" + std::to_string(i) + "]", "Not a message id.");
    }
  }
  if (!message.message_id.empty() && !ValidId(message.message_id)) {
    return Error::Invalid("message_id", "Not a message id.");
  }
  if (!message.message_id_domain.empty() && !ValidDomain(message.message_id_domain)) {
    return Error::Invalid("message_id_domain", "Not a domain name.");
  }
  return OkStatus();
}

void AddMailboxes(GMimeMessage* out, GMimeAddressType type, const std::vector<MailAddress>& list) {
  for (const MailAddress& address : list) {
    g_mime_message_add_mailbox(out, type, OneLine(address.name).c_str(), address.address.c_str());
  }
}

// Bodies are always labelled UTF-8 (g_mime_text_part_set_text would pick Latin-1 where it fits,
// which readers then take for Windows-1252).
GMimeObject* TextPart(const char* subtype, const std::string& text) {
  const std::string utf8 = MakeValidUtf8(text);
  GMimeTextPart* part = g_mime_text_part_new_with_subtype(subtype);
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(utf8.data(), utf8.size()));
  GObjectPtr<GMimeDataWrapper> content(
      g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(GMIME_PART(part), content.get());
  g_mime_text_part_set_charset(part, "utf-8");
  g_mime_part_set_content_encoding(
      GMIME_PART(part),
      g_mime_part_get_best_content_encoding(GMIME_PART(part), GMIME_ENCODING_CONSTRAINT_7BIT));
  return GMIME_OBJECT(part);
}

GMimeObject* Body(const OutgoingMessage& message) {
  if (message.html.empty()) return TextPart("plain", message.text);
  GMimeMultipart* alternative = g_mime_multipart_new_with_subtype("alternative");
  const std::string text = message.text.empty() ? HtmlToText(message.html) : message.text;
  for (GMimeObject* part : {TextPart("plain", text), TextPart("html", message.html)}) {
    g_mime_multipart_add(alternative, part);
    g_object_unref(part);
  }
  return GMIME_OBJECT(alternative);
}

GMimeObject* AttachmentPart(const OutgoingAttachment& attachment, bool inline_image) {
  const std::string& type = attachment.content_type;
  const size_t slash = type.find('/');
  const auto token = [](std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
      return g_ascii_isalnum(c) || std::string_view("!#$&-^_.+").find(c) != std::string_view::npos;
    });
  };
  const bool valid = slash != std::string::npos && token(std::string_view(type).substr(0, slash)) &&
                     token(std::string_view(type).substr(slash + 1));
  GMimePart* part = valid ? g_mime_part_new_with_type(type.substr(0, slash).c_str(),
                                                      type.substr(slash + 1).c_str())
                          : g_mime_part_new_with_type("application", "octet-stream");
  GObjectPtr<GMimeStream> stream(
      g_mime_stream_mem_new_with_buffer(attachment.bytes.data(), attachment.bytes.size()));
  GObjectPtr<GMimeDataWrapper> content(
      g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(part, content.get());
  g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
  g_mime_object_set_disposition(
      GMIME_OBJECT(part), inline_image ? GMIME_DISPOSITION_INLINE : GMIME_DISPOSITION_ATTACHMENT);
  g_mime_part_set_filename(part, SafeFilename(attachment.filename).c_str());
  if (inline_image) g_mime_object_set_content_id(GMIME_OBJECT(part), attachment.content_id.c_str());
  return GMIME_OBJECT(part);
}

bool IsInlineImage(const OutgoingAttachment& attachment, const OutgoingMessage& message) {
  return !message.html.empty() && !attachment.content_id.empty() && ValidId(attachment.content_id);
}

// `body` inside a multipart/`subtype` with the attachments that are (or are not) inline images
// after it; `body` itself when there are none. Inline images sit in multipart/related beside the
// HTML that names them (RFC 2387), the rest in multipart/mixed around that.
GObjectPtr<GMimeObject> Wrap(const char* subtype, GObjectPtr<GMimeObject> body,
                             const OutgoingMessage& message, bool inline_images) {
  GObjectPtr<GMimeObject> multipart;
  for (const OutgoingAttachment& attachment : message.attachments) {
    if (IsInlineImage(attachment, message) != inline_images) continue;
    if (multipart == nullptr) {
      multipart.reset(GMIME_OBJECT(g_mime_multipart_new_with_subtype(subtype)));
      g_mime_multipart_add(GMIME_MULTIPART(multipart.get()), body.get());
    }
    GObjectPtr<GMimeObject> part(AttachmentPart(attachment, inline_images));
    g_mime_multipart_add(GMIME_MULTIPART(multipart.get()), part.get());
  }
  return multipart == nullptr ? std::move(body) : std::move(multipart);
}

void SetThreading(GMimeObject* object, const OutgoingMessage& message) {
  if (!message.in_reply_to.empty()) {
    g_mime_object_set_header(object, "In-Reply-To", ("<" + message.in_reply_to + ">").c_str(),
                             nullptr);
  }
  if (!message.references.empty()) {
    std::string references;
    for (const std::string& id : message.references) {
      if (!references.empty()) references += ' ';
      references += "<" + id + ">";
    }
    g_mime_object_set_header(object, "References", references.c_str(), nullptr);
  }
}

}  // namespace

Result<ComposedMessage> ComposeMessage(const OutgoingMessage& message) {
  internal::EnsureGmime();
  RAPPORT_RETURN_IF_ERROR(Validate(message));
  GObjectPtr<GMimeMessage> out(g_mime_message_new(TRUE));
  GMimeObject* object = GMIME_OBJECT(out.get());
  AddMailboxes(out.get(), GMIME_ADDRESS_TYPE_FROM, {message.from});
  AddMailboxes(out.get(), GMIME_ADDRESS_TYPE_REPLY_TO, message.reply_to);
  AddMailboxes(out.get(), GMIME_ADDRESS_TYPE_TO, message.to);
  AddMailboxes(out.get(), GMIME_ADDRESS_TYPE_CC, message.cc);
  g_mime_message_set_subject(out.get(), OneLine(message.subject).c_str(), "utf-8");

  const int64_t millis = message.date_millis.value_or(NowMillis());
  GDateTime* date = g_date_time_new_from_unix_utc(millis / 1000);
  g_mime_message_set_date(out.get(), date);
  g_date_time_unref(date);

  const std::string domain = message.message_id_domain.empty()
                                 ? message.from.address.substr(message.from.address.rfind('@') + 1)
                                 : message.message_id_domain;
  ComposedMessage composed;
  composed.message_id = message.message_id.empty()
                            ? RandomToken(kMessageIdRandomBytes) + "@" + domain
                            : message.message_id;
  g_mime_message_set_message_id(out.get(), composed.message_id.c_str());
  SetThreading(object, message);
  if (message.auto_submitted != AutoSubmitted::kNo) {
    const bool replied = message.auto_submitted == AutoSubmitted::kAutoReplied;
    g_mime_object_set_header(object, "Auto-Submitted", replied ? "auto-replied" : "auto-generated",
                             nullptr);
    g_mime_object_set_header(object, "X-Auto-Response-Suppress", "All", nullptr);
  }

  GObjectPtr<GMimeObject> body(Body(message));
  body = Wrap("related", std::move(body), message, /*inline_images=*/true);
  body = Wrap("mixed", std::move(body), message, /*inline_images=*/false);
  g_mime_message_set_mime_part(out.get(), body.get());

  GMimeFormatOptions* options = g_mime_format_options_new();
  g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
  GCharPtr text(g_mime_object_to_string(object, options));
  g_mime_format_options_free(options);
  composed.bytes = text.get();
  return composed;
}

}  // namespace rapport::mail
