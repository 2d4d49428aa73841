// `rapport mail receive`: one raw RFC 5322 message on stdin into the service desk, for delivery
// from a mail server's pipe (Postfix `pipe`, Exim `pipe` transport, procmail, fetchmail's mda).
// Prints one line and exits with a sysexits code the MTA understands:
//   0   taken (opened / threaded / linked), or dropped on purpose (duplicate, automatic)
//   65  EX_DATAERR: not a usable mail (no sender, unreadable, too large) — the MTA bounces it
//   75  EX_TEMPFAIL: cannot write now (a server holds the data directory, disk, database) — the
//       MTA keeps the mail and retries
//   78  EX_CONFIG: rapport.toml is wrong or --mailbox names no mailbox
// `--batch DIR` ingests every file of DIR instead (the benchmark's path; `--parse-only` parses
// them without writing, its baseline) and prints the rate.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/mail_in.hpp"
#include "cli/writable_database.hpp"
#include "mail/mime_parser.hpp"
#include "support/attachment_service.hpp"
#include "support/mail_ingest.hpp"
#include "support/mailbox_store.hpp"

namespace rapport::cli {
namespace {

constexpr int kExitDataError = 65;
constexpr int kExitTempFail = 75;
constexpr int kExitConfig = 78;
// More than the ingest parses (96 MiB): what is over it is refused without being held.
constexpr size_t kMaxStdinBytes = size_t{96} * 1024 * 1024;

struct ReceiveFlags {
  std::string data_dir = "data";
  std::string mailbox;
  std::string queue;
  std::string batch;
  bool parse_only = false;
};

Result<std::string> ReadAll(std::istream& in, size_t limit) {
  std::string raw;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    raw.append(buffer, static_cast<size_t>(in.gcount()));
    if (raw.size() > limit) return Error::TooLarge("the message is larger than 96 MiB");
  }
  return raw;
}

std::vector<std::filesystem::path> BatchFiles(const std::string& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// --batch: each file of the directory, ingested (or only parsed); prints the rate.
int RunBatch(const ReceiveFlags& flags, support::MailIngest* ingest,
             const support::MailboxTarget& target) {
  std::vector<std::string> raws;
  for (const auto& file : BatchFiles(flags.batch)) raws.push_back(ReadFile(file));
  const auto start = std::chrono::steady_clock::now();
  size_t failed = 0;
  for (const auto& raw : raws) {
    if (ingest == nullptr) {
      failed += mail::ParseMessage(raw).ok() ? 0 : 1;
    } else if (!ingest->IngestRaw(raw, target).ok()) {
      ++failed;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << (ingest == nullptr ? "parsed " : "ingested ") << raws.size() << " messages in "
            << seconds << " s: " << (seconds > 0 ? raws.size() / seconds : 0) << "/s (" << failed
            << " failed)\n";
  return failed == 0 ? 0 : 1;
}

int Receive(const ReceiveFlags& flags) {
  auto config = ReadDataDirConfig(flags.data_dir);
  if (!config.ok()) {
    PrintError(config.error());
    return kExitConfig;
  }
  size_t max_bytes = support::kDefaultAttachmentMaxBytes;
  auto mail_config = mail::ReadMailConfig(*config);
  Status limit = ReadAttachmentLimit(*config, max_bytes);
  if (!mail_config.ok() || !limit.ok()) {
    PrintError(mail_config.ok() ? limit.error() : mail_config.error());
    return kExitConfig;
  }
  support::MailboxTarget target{.mailbox = flags.mailbox.empty() ? "stdin" : flags.mailbox};
  if (!flags.mailbox.empty()) {
    auto it = std::find_if(mail_config->imap.begin(), mail_config->imap.end(),
                           [&](const auto& box) { return box.name == flags.mailbox; });
    if (it == mail_config->imap.end()) {
      std::cerr << "error: no [[mail.imap]] mailbox in rapport.toml is named " << flags.mailbox
                << "\n";
      return kExitConfig;
    }
    target = support::TargetOf(*it);
  }
  if (!flags.queue.empty()) target.queue = flags.queue;
  if (flags.parse_only) return RunBatch(flags, nullptr, target);

  std::string raw;
  if (flags.batch.empty()) {
    auto read = ReadAll(std::cin, kMaxStdinBytes);
    if (!read.ok()) {
      std::cout << "rejected: " << read.error().message << "\n";
      return kExitDataError;
    }
    raw = std::move(read).value();
  }
  auto writable = OpenWritable(flags.data_dir);
  if (!writable.ok()) {
    PrintError(writable.error());
    return kExitTempFail;
  }
  storage::BlobStore blobs(AttachmentDir(flags.data_dir));
  support::AttachmentService attachments(*writable->database, blobs, max_bytes);
  support::MailIngest ingest(*writable->database, attachments);
  if (!flags.batch.empty()) return RunBatch(flags, &ingest, target);
  auto outcome = ingest.IngestRaw(raw, target);
  if (!outcome.ok()) {
    PrintError(outcome.error());
    return kExitTempFail;
  }
  std::cout << support::IngestResultName(outcome->result);
  if (!outcome->ticket_id.empty()) {
    std::cout << " #" << outcome->ticket_number << " " << outcome->ticket_id;
  }
  if (!outcome->detail.empty()) std::cout << ": " << outcome->detail;
  std::cout << "\n";
  return outcome->result == support::IngestResult::kRejected ? kExitDataError : 0;
}

}  // namespace

void AddMailCommand(CLI::App& app, int& exit_code) {
  CLI::App* mail = app.add_subcommand("mail", "Mail coming in (docs/design/mail_in.md)");
  mail->require_subcommand(1);
  auto flags = std::make_shared<ReceiveFlags>();
  CLI::App* receive = mail->add_subcommand(
      "receive",
      "Read one raw RFC 5322 message from stdin into a ticket (exit 0 taken, 65 "
      "unusable, 75 try again later)");
  AddDataDirOption(*receive, flags->data_dir);
  receive->add_option("--mailbox", flags->mailbox,
                      "The [[mail.imap]] mailbox it came to (its queue and address)");
  receive->add_option("--queue", flags->queue, "The queue (name or id) new tickets go to");
  receive->add_option("--batch", flags->batch, "Ingest every file of this directory instead")
      ->check(CLI::ExistingDirectory);
  receive->add_flag("--parse-only", flags->parse_only,
                    "With --batch: only parse the files (the benchmark's baseline)");
  receive->callback([flags, &exit_code] {
    if (flags->parse_only && flags->batch.empty()) {
      std::cerr << "error: --parse-only needs --batch DIR\n";
      exit_code = 64;
      return;
    }
    exit_code = Receive(*flags);
  });
}

}  // namespace rapport::cli
