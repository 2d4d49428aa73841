#include "mail/imap_idle.hpp"

#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "mail/imap_client.hpp"
#include "mail/mail_curl.hpp"

namespace rapport::mail {
namespace {

using Clock = std::chrono::steady_clock;

// A line longer than this is not an IDLE notice; dropping it keeps a hostile server from growing
// the buffer without bound.
constexpr size_t kMaxLineBytes = 64 * 1024;

// "* 12 EXISTS": a message count changed, which is what IDLE reports new mail as.
bool IsExists(std::string_view line) {
  if (line.rfind("* ", 0) != 0) return false;
  const size_t space = line.find(' ', 2);
  return space != std::string_view::npos && space > 2 &&
         std::all_of(line.begin() + 2, line.begin() + space,
                     [](char c) { return c >= '0' && c <= '9'; }) &&
         line.substr(space + 1, 6) == "EXISTS";
}

int PollMillis(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::max<int64_t>(left.count(), 0));
}

}  // namespace

struct ImapIdleWatcher::Connection {
  ImapMailboxConfig config;
  std::unique_ptr<CurlEasy> curl;  // null while not connected
  curl_socket_t socket = CURL_SOCKET_BAD;
  std::string buffer;  // received bytes after the last complete line
  Clock::time_point retry_at;
  Clock::time_point renew_at;
  bool unsupported = false;  // no IDLE in the server's CAPABILITY: polling only

  void Close() {
    curl.reset();
    socket = CURL_SOCKET_BAD;
    buffer.clear();
  }

  bool Send(std::string_view text, Clock::time_point deadline) {
    while (!text.empty()) {
      size_t sent = 0;
      const CURLcode code = curl_easy_send(curl->get(), text.data(), text.size(), &sent);
      if (code == CURLE_AGAIN) {
        pollfd out{socket, POLLOUT, 0};
        if (poll(&out, 1, PollMillis(deadline)) <= 0) return false;
        continue;
      }
      if (code != CURLE_OK) return false;
      text.remove_prefix(sent);
    }
    return true;
  }

  // Reads what has arrived, without waiting. Appends complete lines to `lines`; false when the
  // connection ended.
  bool Drain(std::vector<std::string>& lines) {
    char chunk[4096];
    for (;;) {
      size_t got = 0;
      const CURLcode code = curl_easy_recv(curl->get(), chunk, sizeof(chunk), &got);
      if (code == CURLE_AGAIN) return true;
      if (code != CURLE_OK || got == 0) return false;
      buffer.append(chunk, got);
      size_t end;
      while ((end = buffer.find("\r\n")) != std::string::npos) {
        lines.push_back(buffer.substr(0, end));
        buffer.erase(0, end + 2);
      }
      if (buffer.size() > kMaxLineBytes) buffer.clear();
    }
  }

  // Waits for the line starting with `prefix` (a tagged reply, or "+" for a continuation);
  // the lines before it are collected in `lines`.
  bool WaitFor(std::string_view prefix, std::vector<std::string>& lines,
               Clock::time_point deadline) {
    for (;;) {
      if (!Drain(lines)) return false;
      for (const std::string& line : lines) {
        if (line.rfind(prefix, 0) == 0) return true;
      }
      pollfd in{socket, POLLIN, 0};
      if (poll(&in, 1, PollMillis(deadline)) <= 0) return false;
    }
  }

  // Logs in (libcurl), checks for IDLE, selects the folder and starts idling.
  bool Open() {
    const auto deadline = Clock::now() + config.timeout;
    curl = std::make_unique<CurlEasy>();
    curl->SetCommon(config.timeout, config.ca_file, config.user, config.password);
    const std::string url = std::string(config.tls ? "imaps" : "imap") + "://" + config.host + ":" +
                            std::to_string(config.port) + "/";
    curl_easy_setopt(curl->get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl->get(), CURLOPT_CONNECT_ONLY, 1L);
    if (const CURLcode code = curl_easy_perform(curl->get()); code != CURLE_OK) {
      spdlog::warn("mail idle {}: {}", config.name, curl->ErrorText(code));
      return false;
    }
    curl_easy_getinfo(curl->get(), CURLINFO_ACTIVESOCKET, &socket);
    std::vector<std::string> lines;
    if (!Send("i1 CAPABILITY\r\n", deadline) || !WaitFor("i1 ", lines, deadline)) return false;
    const bool has_idle = std::any_of(lines.begin(), lines.end(), [](const std::string& line) {
      return line.rfind("* CAPABILITY ", 0) == 0 &&
             (line + " ").find(" IDLE ") != std::string::npos;
    });
    if (!has_idle) {
      spdlog::info("mail idle {}: the server has no IDLE; polling every {} s", config.name,
                   config.poll_interval.count());
      unsupported = true;
      return false;
    }
    lines.clear();
    if (!Send("i2 SELECT " + QuoteImapString(config.folder) + "\r\n", deadline) ||
        !WaitFor("i2 ", lines, deadline) || lines.back().rfind("i2 OK", 0) != 0) {
      return false;
    }
    lines.clear();
    if (!Send("i3 IDLE\r\n", deadline) || !WaitFor("+", lines, deadline)) return false;
    renew_at = Clock::now() + kIdleRenew;
    return true;
  }
};

ImapIdleWatcher::ImapIdleWatcher(const std::vector<ImapMailboxConfig>& mailboxes,
                                 std::function<void(const std::string&)> on_new_mail)
    : on_new_mail_(std::move(on_new_mail)) {
  for (const ImapMailboxConfig& config : mailboxes) {
    if (!config.idle) continue;
    auto connection = std::make_unique<Connection>();
    connection->config = config;
    connections_.push_back(std::move(connection));
  }
}

ImapIdleWatcher::~ImapIdleWatcher() { Stop(); }

void ImapIdleWatcher::Start() {
  if (connections_.empty() || thread_.joinable()) return;
  stop_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  thread_ = std::thread([this] { Loop(); });
}

void ImapIdleWatcher::Stop() {
  if (!thread_.joinable()) return;
  const uint64_t one = 1;
  (void)!write(stop_fd_, &one, sizeof(one));
  thread_.join();
  close(stop_fd_);
  stop_fd_ = -1;
}

void ImapIdleWatcher::Loop() {
  for (;;) {
    // (Re)connect what is due; renew what has idled long enough.
    auto wake_at = Clock::now() + kIdleRetry;
    for (auto& connection : connections_) {
      Connection& c = *connection;
      if (c.curl && Clock::now() >= c.renew_at) {
        c.Close();
        --idling_;
      }
      if (!c.curl && !c.unsupported && Clock::now() >= c.retry_at) {
        if (c.Open()) {
          ++idling_;
          on_new_mail_(c.config.name);  // whatever arrived while not watching
        } else {
          c.Close();
          c.retry_at = Clock::now() + kIdleRetry;
        }
      }
      if (c.unsupported) continue;
      wake_at = std::min(wake_at, c.curl ? c.renew_at : c.retry_at);
    }
    std::vector<pollfd> fds = {{stop_fd_, POLLIN, 0}};
    std::vector<Connection*> watched;
    for (auto& connection : connections_) {
      if (!connection->curl) continue;
      fds.push_back({connection->socket, POLLIN, 0});
      watched.push_back(connection.get());
    }
    if (poll(fds.data(), fds.size(), PollMillis(wake_at)) < 0 && errno != EINTR) break;
    if (fds[0].revents != 0) break;
    for (size_t i = 0; i < watched.size(); ++i) {
      if (fds[i + 1].revents == 0) continue;
      Connection& c = *watched[i];
      std::vector<std::string> lines;
      const bool open = c.Drain(lines);
      if (std::any_of(lines.begin(), lines.end(),
                      [](const std::string& l) { return IsExists(l); })) {
        on_new_mail_(c.config.name);
      }
      if (!open) {
        spdlog::info("mail idle {}: the server closed the connection", c.config.name);
        c.Close();
        --idling_;
        c.retry_at = Clock::now() + kIdleRetry;
      }
    }
  }
  for (auto& connection : connections_) connection->Close();
  idling_ = 0;
}

}  // namespace rapport::mail
