#include "mail/mime_parser.hpp"

#include <gmime/gmime.h>

#include <algorithm>
#include <string>

#include "mail/gmime_runtime.hpp"
#include "mail/mail_classify.hpp"
#include "mail/mime_sniff.hpp"
#include "mail/mime_text.hpp"

namespace rapport::mail {
namespace {

using internal::GCharPtr;
using internal::GObjectPtr;
using internal::OrEmpty;

// Case-insensitive count of `needle` (lower case) in `haystack`, stopping once past `stop_after`.
size_t CountMarkers(std::string_view haystack, std::string_view needle, size_t stop_after) {
  size_t count = 0;
  for (size_t i = 0; i + needle.size() <= haystack.size() && count <= stop_after; ++i) {
    if (g_ascii_tolower(haystack[i]) == needle[0] &&
        g_ascii_strncasecmp(haystack.data() + i, needle.data(), needle.size()) == 0) {
      ++count;
    }
  }
  return count;
}

std::string StripAngles(std::string_view id) {
  const size_t first = id.find_first_not_of(" \t\r\n<");
  if (first == std::string_view::npos) return {};
  const size_t last = id.find_last_not_of(" \t\r\n>");
  return MakeValidUtf8(id.substr(first, last - first + 1));
}

void AppendAddresses(InternetAddressList* list, std::vector<MailAddress>& out, int depth = 0) {
  if (list == nullptr) return;
  const int count = internet_address_list_length(list);
  for (int i = 0; i < count; ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
      out.push_back({MakeValidUtf8(OrEmpty(internet_address_get_name(address))),
                     MakeValidUtf8(OrEmpty(
                         internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address))))});
    } else if (INTERNET_ADDRESS_IS_GROUP(address) && depth == 0) {  // groups do not nest
      AppendAddresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), out,
                      depth + 1);
    }
  }
}

std::string Lowered(const char* text) {
  std::string out = OrEmpty(text);
  for (char& c : out) c = g_ascii_tolower(c);
  return out;
}

class Walker {
 public:
  Walker(const ParseLimits& limits, ParsedMessage& out) : limits_(limits), out_(out) {}

  Status CheckHeaders(GMimeObject* object) {
    GMimeHeaderList* headers = g_mime_object_get_header_list(object);
    const int count = g_mime_header_list_get_count(headers);
    if (static_cast<size_t>(count) > limits_.max_headers) {
      return Error::TooLarge("A part of the message has more than " +
                             std::to_string(limits_.max_headers) + " headers.");
    }
    for (int i = 0; i < count; ++i) {
      GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
      if (OrEmpty(g_mime_header_get_raw_value(header)).size() > limits_.max_header_bytes) {
        return Error::TooLarge("A header of the message is longer than " +
                               std::to_string(limits_.max_header_bytes) + " bytes.");
      }
    }
    return OkStatus();
  }

  Status Walk(GMimeObject* object, size_t depth) {
    if (object == nullptr) return OkStatus();
    if (++parts_ > limits_.max_parts) {
      return Error::TooLarge("The message has more than " + std::to_string(limits_.max_parts) +
                             " parts.");
    }
    if (depth > limits_.max_depth) {
      return Error::TooLarge("The message nests parts more than " +
                             std::to_string(limits_.max_depth) + " deep.");
    }
    RAPPORT_RETURN_IF_ERROR(CheckHeaders(object));
    if (GMIME_IS_MULTIPART(object)) {
      GMimeMultipart* multipart = GMIME_MULTIPART(object);
      for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i) {
        RAPPORT_RETURN_IF_ERROR(Walk(g_mime_multipart_get_part(multipart, i), depth + 1));
      }
      return OkStatus();
    }
    if (GMIME_IS_MESSAGE_PART(object)) return AttachMessage(GMIME_MESSAGE_PART(object));
    if (GMIME_IS_PART(object)) return Leaf(GMIME_PART(object));
    return OkStatus();
  }

 private:
  Result<std::string> Decode(GMimePart* part) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (content == nullptr) return std::string();
    GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, stream.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
    if (bytes->len > limits_.max_attachment_bytes) {
      return Error::TooLarge("A part of the message is larger than " +
                             std::to_string(limits_.max_attachment_bytes) + " bytes.");
    }
    return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
  }

  Status Leaf(GMimePart* part) {
    GMimeObject* object = GMIME_OBJECT(part);
    GMimeContentType* type = g_mime_object_get_content_type(object);
    GMimeContentDisposition* disposition = g_mime_object_get_content_disposition(object);
    const bool attachment =
        disposition != nullptr && g_mime_content_disposition_is_attachment(disposition);
    const char* filename = g_mime_part_get_filename(part);
    RAPPORT_ASSIGN_OR_RETURN(std::string bytes, Decode(part));
    if (!attachment && filename == nullptr && g_mime_content_type_is_type(type, "text", "*")) {
      const std::string subtype = Lowered(g_mime_content_type_get_media_subtype(type));
      if (subtype == "plain" || subtype == "html") {
        std::string& body = subtype == "plain" ? out_.text : out_.html;
        if (!body.empty()) body += '\n';
        body += NormalizeLineEnds(
            ToUtf8(bytes, OrEmpty(g_mime_content_type_get_parameter(type, "charset"))));
        return OkStatus();
      }
    }
    MailAttachment item;
    item.filename = SafeFilename(OrEmpty(filename));
    item.declared_type = Lowered(GCharPtr(g_mime_content_type_get_mime_type(type)).get());
    item.sniffed_type = std::string(SniffContentType(bytes));
    item.content_id = StripAngles(OrEmpty(g_mime_object_get_content_id(object)));
    item.inline_part = !attachment && !item.content_id.empty();
    item.bytes = std::move(bytes);
    out_.attachments.push_back(std::move(item));
    return OkStatus();
  }

  Status AttachMessage(GMimeMessagePart* part) {
    GMimeMessage* inner = g_mime_message_part_get_message(part);
    if (inner == nullptr) return OkStatus();
    GCharPtr text(g_mime_object_to_string(GMIME_OBJECT(inner), nullptr));
    MailAttachment item;
    const char* filename =
        g_mime_object_get_content_disposition_parameter(GMIME_OBJECT(part), "filename");
    item.filename = SafeFilename(filename != nullptr ? filename : "message.eml");
    item.declared_type = Lowered(GCharPtr(g_mime_content_type_get_mime_type(
                                              g_mime_object_get_content_type(GMIME_OBJECT(part))))
                                     .get());
    item.bytes = OrEmpty(text.get());
    if (item.bytes.size() > limits_.max_attachment_bytes) {
      return Error::TooLarge("An attached message is larger than " +
                             std::to_string(limits_.max_attachment_bytes) + " bytes.");
    }
    item.sniffed_type = std::string(SniffContentType(item.bytes));
    out_.attachments.push_back(std::move(item));
    return OkStatus();
  }

  const ParseLimits& limits_;
  ParsedMessage& out_;
  size_t parts_ = 0;
};

void ReadEnvelope(GMimeMessage* message, ParsedMessage& out) {
  GMimeObject* object = GMIME_OBJECT(message);
  GMimeHeaderList* headers = g_mime_object_get_header_list(object);
  for (int i = 0; i < g_mime_header_list_get_count(headers); ++i) {
    GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
    out.headers.push_back({MakeValidUtf8(OrEmpty(g_mime_header_get_name(header))),
                           MakeValidUtf8(OrEmpty(g_mime_header_get_value(header)))});
  }
  out.message_id = StripAngles(OrEmpty(g_mime_message_get_message_id(message)));
  if (const char* in_reply_to = g_mime_object_get_header(object, "In-Reply-To")) {
    GCharPtr id(g_mime_utils_decode_message_id(in_reply_to));
    out.in_reply_to = StripAngles(OrEmpty(id.get()));
  }
  if (const char* references = g_mime_object_get_header(object, "References")) {
    GMimeReferences* parsed = g_mime_references_parse(nullptr, references);
    const int count = parsed == nullptr ? 0 : g_mime_references_length(parsed);
    const int first = std::max(0, count - static_cast<int>(kMaxReferences));
    for (int i = first; i < count; ++i) {
      out.references.push_back(StripAngles(OrEmpty(g_mime_references_get_message_id(parsed, i))));
    }
    if (parsed != nullptr) g_mime_references_free(parsed);
  }
  out.thread_index = StripAngles(OrEmpty(g_mime_object_get_header(object, "Thread-Index")));
  if (GDateTime* date = g_mime_message_get_date(message)) {
    out.date_millis = g_date_time_to_unix(date) * 1000;
  }
  out.subject = MakeValidUtf8(OrEmpty(g_mime_message_get_subject(message)));
  std::vector<MailAddress> from;
  AppendAddresses(g_mime_message_get_from(message), from);
  if (!from.empty()) out.from = std::move(from.front());
  AppendAddresses(g_mime_message_get_reply_to(message), out.reply_to);
  AppendAddresses(g_mime_message_get_to(message), out.to);
  AppendAddresses(g_mime_message_get_cc(message), out.cc);
  if (const char* return_path = g_mime_object_get_header(object, "Return-Path")) {
    out.return_path = MakeValidUtf8(return_path);
  }
  GMimeObject* body = g_mime_message_get_mime_part(message);
  if (body != nullptr && GMIME_IS_MULTIPART(body)) {
    GMimeContentType* type = g_mime_object_get_content_type(body);
    if (g_mime_content_type_is_type(type, "multipart", "report")) {
      out.report_type = Lowered(g_mime_content_type_get_parameter(type, "report-type"));
    }
  }
}

}  // namespace

Result<ParsedMessage> ParseMessage(std::string_view raw, const ParseLimits& limits) {
  internal::EnsureGmime();
  if (raw.size() > limits.max_message_bytes) {
    return Error::TooLarge("The message is larger than " +
                           std::to_string(limits.max_message_bytes) + " bytes.");
  }
  if (CountMarkers(raw, "multipart", limits.max_parts) +
          CountMarkers(raw, "message/", limits.max_parts) >
      limits.max_parts) {
    return Error::TooLarge("The message has more than " + std::to_string(limits.max_parts) +
                           " parts.");
  }
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  if (message == nullptr || g_mime_header_list_get_count(
                                g_mime_object_get_header_list(GMIME_OBJECT(message.get()))) == 0) {
    return Error::Malformed("The message has no header; it is not an RFC 5322 message.");
  }
  ParsedMessage out;
  Walker walker(limits, out);
  RAPPORT_RETURN_IF_ERROR(walker.CheckHeaders(GMIME_OBJECT(message.get())));
  ReadEnvelope(message.get(), out);
  RAPPORT_RETURN_IF_ERROR(walker.Walk(g_mime_message_get_mime_part(message.get()), 0));
  if (out.text.empty() && !out.html.empty()) out.text = HtmlToText(out.html);
  out.origin = ClassifyOrigin(out);
  return out;
}

}  // namespace rapport::mail
