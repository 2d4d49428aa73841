#include "mail/imap_client.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <memory>
#include <sstream>

namespace rapport::mail {
namespace {

// Bounds the untagged replies of STATUS and SEARCH: a UID list of a million messages is ~8 MB.
constexpr size_t kMaxReplyBytes = 16 * 1024 * 1024;

bool ParseNumber(std::string_view text, uint32_t& value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

// The number after `key ` in "* STATUS INBOX (UIDVALIDITY 17 UIDNEXT 5)".
bool FindItem(std::string_view reply, std::string_view key, uint32_t& value) {
  const size_t at = reply.find(std::string(key) + " ");
  if (at == std::string_view::npos) return false;
  const size_t start = at + key.size() + 1;
  const size_t end = reply.find_first_not_of("0123456789", start);
  return ParseNumber(reply.substr(start, end - start), value);
}

// Every number on "* SEARCH 3 4 9" lines.
std::vector<uint32_t> ParseSearch(std::string_view reply) {
  std::vector<uint32_t> uids;
  std::istringstream lines{std::string(reply)};
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("* SEARCH", 0) != 0) continue;
    std::istringstream words(line.substr(std::strlen("* SEARCH")));
    std::string word;
    uint32_t uid = 0;
    while (words >> word) {
      if (ParseNumber(word, uid)) uids.push_back(uid);
    }
  }
  return uids;
}

std::string Escape(CURL* curl, const std::string& text) {
  std::unique_ptr<char, decltype(&curl_free)> escaped(
      curl_easy_escape(curl, text.c_str(), static_cast<int>(text.size())), &curl_free);
  return escaped ? std::string(escaped.get()) : std::string();
}

}  // namespace

std::string ImapServerUrl(const ImapMailboxConfig& config) {
  return std::string(config.tls ? "imaps" : "imap") + "://" + config.host + ":" +
         std::to_string(config.port) + "/";
}

std::string QuoteImapString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

ImapClient::ImapClient(ImapMailboxConfig config, size_t max_message_bytes)
    : config_(std::move(config)), max_message_bytes_(max_message_bytes) {
  base_url_ = ImapServerUrl(config_);
  folder_url_ = base_url_ + Escape(curl_.get(), config_.folder);
}

void ImapClient::Prepare(const std::string& url) {
  // Options persist on a handle: reset them, keeping the connection cache, so one call's
  // upload or custom request never leaks into the next.
  curl_easy_reset(curl_.get());
  curl_.SetCommon(config_.timeout, config_.ca_file, config_.user, config_.password);
  curl_easy_setopt(curl_.get(), CURLOPT_URL, url.c_str());
  // One connection per client: a fresh one replaces the cached one instead of joining it.
  curl_easy_setopt(curl_.get(), CURLOPT_MAXCONNECTS, 1L);
}

Error ImapClient::ToError(CURLcode code) const {
  const std::string where = "IMAP mailbox " + config_.name + ": ";
  switch (ClassifyCurl(code)) {
    case CurlFailure::kAuth:
      return Error::Unauthenticated(where + "the server refused the user and password");
    case CurlFailure::kNetwork:
      return Error::Unavailable(where + curl_.ErrorText(code));
    case CurlFailure::kRejected:
      return Error::NotFound(where + "folder " + config_.folder + ": " + curl_.ErrorText(code));
    default:
      return Error::Internal(where + curl_.ErrorText(code));
  }
}

Result<std::string> ImapClient::Command(std::string_view command, bool select_folder,
                                        bool fresh_connection) {
  Prepare(select_folder ? folder_url_ : base_url_);
  if (fresh_connection) curl_easy_setopt(curl_.get(), CURLOPT_FRESH_CONNECT, 1L);
  const std::string request(command);
  curl_easy_setopt(curl_.get(), CURLOPT_CUSTOMREQUEST, request.c_str());
  BoundedSink reply{.limit = kMaxReplyBytes};
  curl_easy_setopt(curl_.get(), CURLOPT_WRITEFUNCTION, WriteToBoundedSink);
  curl_easy_setopt(curl_.get(), CURLOPT_WRITEDATA, &reply);
  const CURLcode code = curl_easy_perform(curl_.get());
  if (reply.overflowed) return Error::TooLarge("IMAP mailbox " + config_.name + ": reply too long");
  if (code != CURLE_OK) return ToError(code);
  return std::move(reply.data);
}

Result<ImapClient::FolderStatus> ImapClient::ReadStatus() {
  RAPPORT_ASSIGN_OR_RETURN(
      std::string reply,
      Command("STATUS " + QuoteImapString(config_.folder) + " (UIDVALIDITY UIDNEXT)", false, true));
  FolderStatus status;
  if (!FindItem(reply, "UIDVALIDITY", status.uidvalidity) ||
      !FindItem(reply, "UIDNEXT", status.uidnext)) {
    return Error::Unavailable("IMAP mailbox " + config_.name + ": STATUS reply without UIDs");
  }
  return status;
}

Result<std::vector<uint32_t>> ImapClient::UidsAfter(uint32_t last_uid) {
  RAPPORT_ASSIGN_OR_RETURN(std::string reply,
                           Command("UID SEARCH UID " + std::to_string(last_uid + 1) + ":*", true));
  std::vector<uint32_t> uids = ParseSearch(reply);
  std::erase_if(uids, [last_uid](uint32_t uid) { return uid <= last_uid; });
  std::sort(uids.begin(), uids.end());
  return uids;
}

Result<FetchedMessage> ImapClient::Fetch(uint32_t uidvalidity, uint32_t uid) {
  Prepare(folder_url_ + ";UIDVALIDITY=" + std::to_string(uidvalidity) +
          ";UID=" + std::to_string(uid));
  FetchedMessage message{.uid = uid};
  BoundedSink body{.limit = max_message_bytes_};
  curl_easy_setopt(curl_.get(), CURLOPT_WRITEFUNCTION, WriteToBoundedSink);
  curl_easy_setopt(curl_.get(), CURLOPT_WRITEDATA, &body);
  const CURLcode code = curl_easy_perform(curl_.get());
  if (body.overflowed) {
    message.too_large = true;
    return message;
  }
  if (code != CURLE_OK) return ToError(code);
  message.raw = std::move(body.data);
  return message;
}

Result<FetchBatch> ImapClient::FetchNew(MailboxCursor cursor, size_t max_messages) {
  RAPPORT_ASSIGN_OR_RETURN(FolderStatus status, ReadStatus());
  FetchBatch batch{.uidvalidity = status.uidvalidity};
  if (cursor.uidvalidity != status.uidvalidity) {
    batch.uidvalidity_changed = cursor.uidvalidity != 0;
    cursor = {status.uidvalidity, 0};
  }
  if (status.uidnext != 0 && status.uidnext <= cursor.last_uid + 1) return batch;
  RAPPORT_ASSIGN_OR_RETURN(std::vector<uint32_t> uids, UidsAfter(cursor.last_uid));
  batch.more = uids.size() > max_messages;
  if (batch.more) uids.resize(max_messages);
  for (uint32_t uid : uids) {
    Result<FetchedMessage> message = Fetch(batch.uidvalidity, uid);
    if (!message.ok() && message.error().code == ErrorCode::kNotFound) {
      continue;  // expunged since the search (or UIDVALIDITY changed: the next batch sees it)
    }
    if (!message.ok()) {
      // Keep what was fetched: the caller stores it and the cursor moves that far.
      if (batch.messages.empty()) return message.error();
      batch.more = true;
      break;
    }
    batch.messages.push_back(std::move(*message));
  }
  return batch;
}

Status ImapClient::Append(std::string_view raw) {
  Prepare(folder_url_);
  const std::string body(raw);
  StringSource source{&body};
  curl_easy_setopt(curl_.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl_.get(), CURLOPT_READFUNCTION, ReadFromStringSource);
  curl_easy_setopt(curl_.get(), CURLOPT_READDATA, &source);
  curl_easy_setopt(curl_.get(), CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(body.size()));
  const CURLcode code = curl_easy_perform(curl_.get());
  if (code != CURLE_OK) return ToError(code);
  return OkStatus();
}

}  // namespace rapport::mail
