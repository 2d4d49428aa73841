#include "cli/mail_in.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

namespace rapport::cli {
namespace {

constexpr int64_t kMaxAttachmentLimit = int64_t{1} << 30;

}  // namespace

std::string AttachmentDir(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "attachments").string();
}

Status ReadAttachmentLimit(const toml::table& config, size_t& max_bytes) {
  if (!config.contains(kAttachmentLimitKey)) return OkStatus();
  auto value = config[kAttachmentLimitKey].value<int64_t>();
  if (!value || *value < 1 || *value > kMaxAttachmentLimit) {
    return Error::Invalid(std::string(kAttachmentLimitKey),
                          "must be a whole number of bytes from 1 to 1073741824");
  }
  max_bytes = static_cast<size_t>(*value);
  return OkStatus();
}

Result<toml::table> ReadDataDirConfig(const std::string& data_dir) {
  const auto path = std::filesystem::path(data_dir) / "rapport.toml";
  if (!std::filesystem::exists(path)) return toml::table();
  try {
    // Debian's toml++ reports syntax errors by exception.
    return toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    return Error::Invalid("rapport.toml", std::string(e.description()) + " at line " +
                                              std::to_string(e.source().begin.line));
  }
}

MailInRunner::MailInRunner(storage::Database& database, support::MailIngest& ingest,
                           std::vector<mail::ImapMailboxConfig> mailboxes)
    : mailboxes_(std::move(mailboxes)), store_(database, ingest, mailboxes_) {}

void MailInRunner::Start() {
  if (mailboxes_.empty() || poller_) return;
  poller_ = std::make_unique<mail::ImapPoller>(mailboxes_, store_);
  poller_->Start();
  idle_ = std::make_unique<mail::ImapIdleWatcher>(
      mailboxes_, [poller = poller_.get()](const std::string& name) { poller->Wake(name); });
  idle_->Start();
  spdlog::info("mail: fetching {} IMAP mailbox(es)", mailboxes_.size());
}

void MailInRunner::Stop() {
  if (idle_) idle_->Stop();  // first: it wakes the poller
  if (poller_) poller_->Stop();
  idle_.reset();
  poller_.reset();
}

}  // namespace rapport::cli
