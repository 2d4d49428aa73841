// SmtpSender: hands one finished RFC 5322 message to the configured SMTP relay (libcurl), and
// says whether a failure is worth retrying.
//
// The message is sent byte for byte as given (composing it, with CRLF line ends, is
// mail/mime's job); libcurl adds only the SMTP dot-stuffing and the final "." line. The envelope
// (MAIL FROM, RCPT TO) is separate from the headers: Bcc recipients are envelope-only.
//
// Failures are sorted for the outbox's retry policy:
//   kPermanent - the server refused this message for good: a 5xx reply to MAIL FROM, RCPT TO or
//                DATA (unknown mailbox, message too large, policy). Retrying cannot help.
//   kTransient - a 4xx reply (greylisting, full mailbox, rate limit), no connection, TLS or
//                network failure, timeout, and also refused credentials: the message itself is
//                fine and will go once the operator fixes the password, so it is kept, with
//                backoff, instead of being marked failed.
// Any recipient refused fails the whole message (one reply normally has one recipient); the
// reply code and libcurl's text ("RCPT failed: 550") are kept for the message's status line.
//
// Thread-safety: Send may be called from several threads at once; each call uses its own
// connection (no pooling: a service desk sends a few messages a minute, not thousands).
#pragma once

#include <string>
#include <vector>

#include "common/result.hpp"
#include "mail/mail_config.hpp"

namespace rapport::mail {

struct OutgoingMail {
  std::string envelope_from;            // bare address, no angle brackets; "" for a null sender
  std::vector<std::string> recipients;  // bare addresses; REQUIRES: at least one
  std::string raw;                      // the whole message, CRLF line ends
};

enum class SendFailure { kNone, kTransient, kPermanent };

struct SendResult {
  SendFailure failure = SendFailure::kNone;
  int reply_code = 0;   // last SMTP reply (550, 421 ...), 0 when the server never answered
  std::string message;  // for people: what failed, in a line; no credentials

  bool ok() const { return failure == SendFailure::kNone; }
  // The protocol-neutral error: kUnavailable (retry later) or kInvalidArgument (give up).
  Error ToError() const;
};

class SmtpSender {
 public:
  explicit SmtpSender(SmtpConfig config);

  SendResult Send(const OutgoingMail& mail) const;

  const SmtpConfig& config() const { return config_; }

 private:
  SmtpConfig config_;
};

}  // namespace rapport::mail
