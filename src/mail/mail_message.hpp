// The shape of a received e-mail once MIME is undone (ParseMessage in mime_parser.hpp fills it):
// plain values, every text already UTF-8, every attachment's bytes decoded. Other areas (support
// now; feedback, loyalty, marketing later) read it; nothing here knows about tickets.
//
// Plain value types; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rapport::mail {

struct MailAddress {
  std::string name;     // display name, RFC 2047 decoded; may be empty
  std::string address;  // addr-spec as written ("local@domain"), not case-folded
};

struct MailHeader {
  std::string name;   // as written ("X-Autoreply")
  std::string value;  // unfolded, RFC 2047 decoded where the header allows it
};

struct MailAttachment {
  std::string filename;       // SafeFilename of the declared name: never a path, never empty
  std::string declared_type;  // "image/png" as the sender wrote it, lower case
  std::string sniffed_type;   // from the bytes (SniffContentType): the one to trust
  std::string content_id;     // without <>, for inline images the HTML refers to as cid:
  bool inline_part = false;   // Content-Disposition inline with a Content-ID (an inline image)
  std::string bytes;          // decoded content
};

// Where a message comes from, for the rule that machines never open tickets or get answers.
enum class MailOrigin {
  kPerson,     // written by someone: may open a ticket and receive an automatic answer
  kAutomatic,  // an auto-reply, out-of-office, list or bulk mail
  kBounce,     // a delivery status notification or a mailer daemon's report
};

struct ParsedMessage {
  std::string message_id;               // without <>; empty when the message had none
  std::string in_reply_to;              // the first id of In-Reply-To, without <>
  std::vector<std::string> references;  // References, oldest first, without <>
  std::string thread_index;             // Outlook's Thread-Index (base64), as written
  std::optional<int64_t> date_millis;   // Date as Unix milliseconds; none when absent or invalid
  std::string subject;
  std::optional<MailAddress> from;
  std::vector<MailAddress> reply_to;
  std::vector<MailAddress> to;
  std::vector<MailAddress> cc;
  std::optional<std::string> return_path;  // as written ("<>": the null sender of a bounce)
  std::string text;                        // text/plain body, or text taken from the HTML one
  std::string html;                        // the raw HTML body, UTF-8, NOT sanitised: the app's job
  std::vector<MailAttachment> attachments;
  std::vector<MailHeader> headers;  // the top-level headers in order (bounded by ParseLimits)
  std::string report_type;          // multipart/report's report-type ("delivery-status"), or ""
  MailOrigin origin = MailOrigin::kPerson;

  bool IsAutomatic() const { return origin != MailOrigin::kPerson; }
};

}  // namespace rapport::mail
