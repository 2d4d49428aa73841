// ParseMessage: one raw RFC 5322 message (bytes from IMAP or `rapport mail receive`) into a
// ParsedMessage (mail_message.hpp).
//
// Library. GMime 3 (Debian's libgmime-3.0) does the MIME work: header unfolding, RFC 2047
// encoded words (also the broken ones real mailers write), RFC 2231 parameters, address lists,
// multipart boundaries, base64/quoted-printable/uuencode. docs/design/mail.md says why GMime and
// not a hand-written parser, vmime or mimetic.
//
// What becomes what.
// - message_id, in_reply_to, references: ids without angle brackets; References keeps the last
//   kMaxReferences ids (a thread's newest are the ones that match).
// - subject and display names: decoded to UTF-8; invalid bytes become U+FFFD.
// - Body: every text/plain part that is not an attachment (no attachment disposition, no file
//   name) is appended to `text`, every such text/html part to `html`, in document order, each
//   converted from its charset (mime_text.hpp ToUtf8). With no text/plain, `text` is the HTML's
//   text (HtmlToText). `html` is kept raw: showing it safely is the app's job (DOMPurify).
// - Every other leaf part is an attachment: decoded bytes, the declared type, the sniffed type
//   (mime_sniff.hpp), a SafeFilename, the Content-ID. A part with a Content-ID and no attachment
//   disposition is an inline image. An attached message (message/rfc822) is one attachment, its
//   inside is not searched for bodies.
// - origin: ClassifyOrigin (mail_classify.hpp).
//
// Limits and errors. The size is checked before any work (kTooLarge: a 50 MB attachment costs
// nothing beyond the caller's own buffer). GMime builds the whole tree recursively, so before
// parsing the container markers ("multipart", "message/") are counted, which bounds the nesting
// GMime can see by max_parts; after parsing, parts, depth and headers are counted (kTooLarge,
// naming the limit). GMime recovers from almost anything (a missing closing boundary ends the
// part at the end of input; a garbage header line is skipped), so malformed MIME mostly yields
// what could be read; input with no header at all is kMalformed. Memory: one copy of the raw
// message for GMime, plus the decoded parts.
//
// Thread-safe: no shared state besides GMime's one-time initialisation (gmime_runtime.hpp).
#pragma once

#include <cstddef>
#include <string_view>

#include "common/result.hpp"
#include "mail/mail_message.hpp"

namespace rapport::mail {

inline constexpr size_t kMaxReferences = 100;

struct ParseLimits {
  // 25 MiB of attachments (the default) base64-encoded (x 4/3) plus room for headers and
  // bodies. Mail servers commonly refuse larger messages anyway.
  size_t max_message_bytes = 36 * 1024 * 1024;
  size_t max_attachment_bytes = 25 * 1024 * 1024;  // one decoded part
  size_t max_parts = 256;               // real mail has a handful; newsletters a few dozen
  size_t max_depth = 16;                // forwarded-within-forwarded mail nests 5-6 deep at most
  size_t max_headers = 500;             // per part; long Received chains stay well under 100
  size_t max_header_bytes = 64 * 1024;  // one header's raw value (References grow long)
};

Result<ParsedMessage> ParseMessage(std::string_view raw, const ParseLimits& limits = {});

}  // namespace rapport::mail
