// ImapClient: fetches new messages from one IMAP folder by UID (libcurl), as raw RFC 5322 bytes.
//
// The protocol (RFC 3501). A message's UID never changes and grows with each arrival, as long as
// the folder's UIDVALIDITY stays the same. So the caller keeps one cursor per mailbox,
// (uidvalidity, last uid), and a fetch is:
//   1. STATUS folder (UIDVALIDITY UIDNEXT)     - nothing new when UIDNEXT <= last uid + 1;
//   2. UID SEARCH UID last+1:*                 - the new UIDs ("n:*" always matches the newest
//                                                message, even an older one, so it is filtered);
//   3. UID FETCH uid BODY[], one at a time     - up to `max_messages`, in ascending UID order,
//                                                checked against UIDVALIDITY by libcurl.
// The caller stores each message and then advances its cursor to that UID, in one transaction;
// a crash between the two re-fetches that one message on restart (at-least-once), and the
// ticket layer drops it again by Message-ID. Nothing is lost: the cursor never passes a message
// that was not stored.
//
// A changed UIDVALIDITY (the folder was re-created, or the server's index rebuilt) makes every
// stored UID meaningless. The batch then says `uidvalidity_changed` and starts over from UID 0
// under the new value: every message in the folder is offered again, and duplicates are dropped
// by Message-ID downstream. Re-reading is the only safe choice; skipping would lose mail.
//
// Messages over kMaxMessageBytes are not read into memory: they come back `too_large` with an
// empty body, so the caller can record them and move on instead of failing forever.
//
// Errors: kUnauthenticated (wrong user or password), kUnavailable (network, TLS, timeout,
// server busy; try again later), kNotFound (no such folder), kInternal (a broken setup).
//
// Thread-safety: one client per thread at a time. It keeps its connection between calls, so a
// poller holds one client per mailbox.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "mail/mail_config.hpp"
#include "mail/mail_curl.hpp"

namespace rapport::mail {

// 64 MiB: a 25 MB attachment (the ticket default) grows by a third in base64; twice the limit
// leaves room for larger configured limits without letting one message take unbounded memory.
inline constexpr size_t kMaxMessageBytes = 64 * 1024 * 1024;

struct MailboxCursor {
  uint32_t uidvalidity = 0;  // 0: never fetched
  uint32_t last_uid = 0;     // the highest UID stored under that uidvalidity
};

struct FetchedMessage {
  uint32_t uid = 0;
  std::string raw;         // the message exactly as the server holds it
  bool too_large = false;  // over kMaxMessageBytes; raw is empty
};

struct FetchBatch {
  uint32_t uidvalidity = 0;              // the server's; cursors for these messages carry it
  bool uidvalidity_changed = false;      // the caller's cursor was from another UIDVALIDITY
  std::vector<FetchedMessage> messages;  // ascending UIDs, all above the cursor
  bool more = false;                     // more new messages wait beyond max_messages
};

// "imap://host:port/" or "imaps://host:port/" for a mailbox.
std::string ImapServerUrl(const ImapMailboxConfig& config);
// An IMAP quoted string (RFC 3501 §4.3), backslash and double quote escaped: for folder names.
std::string QuoteImapString(std::string_view text);

class ImapClient {
 public:
  // `max_message_bytes` below kMaxMessageBytes is for tests.
  explicit ImapClient(ImapMailboxConfig config, size_t max_message_bytes = kMaxMessageBytes);

  // The messages after `cursor`, at most `max_messages` (REQUIRES: > 0).
  Result<FetchBatch> FetchNew(MailboxCursor cursor, size_t max_messages);

  // Adds a message to the folder (IMAP APPEND), e.g. a copy of a reply in a Sent folder.
  Status Append(std::string_view raw);

  // A command, the untagged replies returned ("UID SEARCH ALL"); `select_folder` selects the
  // folder first, `fresh_connection` logs in anew instead of reusing the connection.
  // REQUIRES: `command` is a fixed string or properly quoted; it is sent as written.
  Result<std::string> Command(std::string_view command, bool select_folder,
                              bool fresh_connection = false);

  const ImapMailboxConfig& config() const { return config_; }

 private:
  struct FolderStatus {
    uint32_t uidvalidity = 0;
    uint32_t uidnext = 0;
  };
  Result<FolderStatus> ReadStatus();
  Result<std::vector<uint32_t>> UidsAfter(uint32_t last_uid);
  Result<FetchedMessage> Fetch(uint32_t uidvalidity, uint32_t uid);
  Error ToError(CURLcode code) const;
  void Prepare(const std::string& url);

  ImapMailboxConfig config_;
  size_t max_message_bytes_;
  std::string base_url_;    // imap(s)://host:port/
  std::string folder_url_;  // base_url_ + the escaped folder
  CurlEasy curl_;
};

}  // namespace rapport::mail
