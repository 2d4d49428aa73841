// Mail transport settings from rapport.toml: one SMTP relay for everything Rapport sends and any
// number of IMAP mailboxes it fetches from (docs/design/mail_transport.md has the full table).
//
//   [mail.smtp]                      [[mail.imap]]
//   host = "smtp.example.com"        name = "support"          # key for the stored UID cursor
//   port = 587                       host = "imap.example.com"
//   security = "starttls"            port = 993
//   user = "rapport"                 tls = true
//   password = "..."                 user = "support@example.com"
//   from_domain = "example.com"      password = "..."
//   from = "help@example.com"
//                                    folder = "INBOX"
//                                    poll_seconds = 60
//                                    idle = true
//                                    address = "support@…"    # optional
//                                    queue = "Billing"        # optional
//
// Both take `timeout_seconds` and `ca_file` (a PEM bundle for a private CA). Passwords are
// Secret values: they have no formatter, so they cannot end up in a log line by accident; code
// hands them to libcurl with reveal() and nowhere else. Plain values; thread-compatible.
#pragma once

#include <toml++/toml.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace rapport::mail {

// A password. Deliberately not printable (no operator<<, no fmt formatter).
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  const std::string& reveal() const { return value_; }
  bool empty() const { return value_.empty(); }

 private:
  std::string value_;
};

enum class SmtpSecurity {
  kNone,      // plain SMTP: only for a relay on the same host or in tests
  kStartTls,  // connect in plain text, then STARTTLS, required (port 587)
  kTls,       // TLS from the first byte, "SMTPS" (port 465)
};

struct SmtpConfig {
  std::string host;
  int port = 587;
  SmtpSecurity security = SmtpSecurity::kStartTls;
  std::string user;  // empty: no AUTH
  Secret password;
  std::string from_domain;  // the right-hand side of Message-IDs and default senders
  std::string from;         // the sender when nothing more specific has one; empty: none
  std::chrono::seconds timeout{30};
  std::string ca_file;  // empty: the system's CA store
};

struct ImapMailboxConfig {
  std::string name;  // unique; what the caller keys its (uidvalidity, last uid) cursor by
  std::string host;
  int port = 993;
  bool tls = true;  // false: plain IMAP, for tests and a server on the same host
  std::string user;
  Secret password;
  std::string folder = "INBOX";
  std::chrono::seconds poll_interval{60};
  bool idle = true;  // wait with IMAP IDLE between polls where the server offers it
  std::chrono::seconds timeout{30};
  std::string ca_file;
  // What the receiving side is told (src/mail/ does not use them): the mailbox's own address
  // (default: `user` when it is one) and the queue its mail goes to (a name or id; empty: by the
  // recipient address).
  std::string address;
  std::string queue;
};

// How the outgoing mail queue retries ([mail.outbox]): attempts in all, and the first and the
// longest wait between two of them (the wait doubles from the first up to the longest).
struct OutboxConfig {
  int max_attempts = 8;
  std::chrono::seconds first_retry{60};
  std::chrono::seconds max_retry{3600};
};

struct MailConfig {
  std::optional<SmtpConfig> smtp;  // absent: nothing is sent
  OutboxConfig outbox;
  std::vector<ImapMailboxConfig> imap;
};

// The top-level rapport.toml key these settings live under.
inline constexpr std::string_view kMailConfigKey = "mail";

// Reads and validates root["mail"]. Absent means no mail. Every problem is reported at once as
// kInvalidArgument with one FieldError per field, named like "mail.smtp.port" or
// "mail.imap[1].host" (0-based, as in the file's order).
Result<MailConfig> ReadMailConfig(const toml::table& root);

}  // namespace rapport::mail
