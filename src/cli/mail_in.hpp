// Mail coming in, as the server and the CLI run it (docs/design/mail_in.md): the settings it
// reads from rapport.toml (`attachment_max_bytes`, the `[[mail.imap]]` mailboxes of
// mail/mail_config.hpp), where attachments live in the data directory, and MailInRunner, which
// fetches every configured mailbox concurrently (ImapPoller, IMAP IDLE where offered) into the
// support area's ingest. The composition root owns it; Start after listening, Stop before storage
// closes. Start/Stop from one thread.
#pragma once

#include <toml++/toml.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mail/imap_idle.hpp"
#include "mail/imap_poller.hpp"
#include "mail/mail_config.hpp"
#include "storage/database.hpp"
#include "support/mail_ingest.hpp"
#include "support/mailbox_store.hpp"

namespace rapport::cli {

inline constexpr std::string_view kAttachmentLimitKey = "attachment_max_bytes";

// DIR/attachments: the content-addressed blob store of ticket attachments.
std::string AttachmentDir(const std::string& data_dir);

// `attachment_max_bytes` when present: a whole number of bytes from 1 to 1 GiB.
Status ReadAttachmentLimit(const toml::table& config, size_t& max_bytes);

// DIR/rapport.toml, or an empty table when there is none; kInvalidArgument on a syntax error.
Result<toml::table> ReadDataDirConfig(const std::string& data_dir);

class MailInRunner {
 public:
  MailInRunner(storage::Database& database, support::MailIngest& ingest,
               std::vector<mail::ImapMailboxConfig> mailboxes);
  ~MailInRunner() { Stop(); }
  MailInRunner(const MailInRunner&) = delete;
  MailInRunner& operator=(const MailInRunner&) = delete;

  void Start();  // nothing to do without mailboxes
  void Stop();   // idempotent

 private:
  std::vector<mail::ImapMailboxConfig> mailboxes_;
  support::SupportMailboxStore store_;
  std::unique_ptr<mail::ImapPoller> poller_;
  std::unique_ptr<mail::ImapIdleWatcher> idle_;
};

}  // namespace rapport::cli
