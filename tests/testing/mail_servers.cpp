#include "testing/mail_servers.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace rapport::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

// Generous for a loaded two-core CI machine; a healthy server is up in well under a second.
constexpr milliseconds kStartTimeout{15000};
constexpr milliseconds kStopGrace{3000};
constexpr milliseconds kPollStep{20};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

sockaddr_in Loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

bool Accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = Loopback(port);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  close(fd);
  return ok;
}

void WaitUntilListening(int port, const std::string& what, const std::string& log_file) {
  const auto deadline = steady_clock::now() + kStartTimeout;
  while (!Accepts(port)) {
    if (steady_clock::now() > deadline) {
      throw std::runtime_error(what + " did not start on port " + std::to_string(port) + ":\n" +
                               ReadFile(log_file));
    }
    std::this_thread::sleep_for(kPollStep);
  }
}

}  // namespace

int FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = Loopback(0);
  socklen_t length = sizeof(address);
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd);
    throw std::runtime_error("no free loopback port");
  }
  close(fd);
  return ntohs(address.sin_port);
}

SilentServer::SilentServer() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
  sockaddr_in address = Loopback(0);
  socklen_t length = sizeof(address);
  if (bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      listen(fd_, 8) != 0 ||
      getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd_);
    throw std::runtime_error("cannot listen on a loopback port");
  }
  port_ = ntohs(address.sin_port);
}

SilentServer::~SilentServer() { close(fd_); }

TestCertificate MakeTestCertificate(const std::string& dir) {
  TestCertificate certificate{dir + "/cert.pem", dir + "/key.pem"};
  // An EC key: generated in milliseconds, where RSA would cost a test noticeable time.
  const std::string command =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
      " -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout '" +
      certificate.key_file + "' -out '" + certificate.cert_file + "' >'" + dir +
      "/openssl.log' 2>&1";
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("openssl could not make a certificate:\n" +
                             ReadFile(dir + "/openssl.log"));
  }
  return certificate;
}

void ChildProcess::Start(const std::vector<std::string>& argv, const std::string& log_file) {
  Stop();
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const int log = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  const pid_t parent = getpid();
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // The server dies with the test, even when the test process crashes.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    dup2(log, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    execv(args[0], args.data());
    _exit(127);
  }
  close(log);
}

void ChildProcess::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  const auto deadline = steady_clock::now() + kStopGrace;
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(kPollStep);
  }
  pid_ = -1;
}

SmtpTestServer::SmtpTestServer(const std::string& dir, Options options) : dir_(dir + "/smtp") {
  fs::create_directories(dir_ + "/messages");
  port_ = FreeLoopbackPort();
  std::vector<std::string> argv = {"/usr/bin/python3",
                                   RAPPORT_TESTING_DIR "/smtp_server.py",
                                   "--port",
                                   std::to_string(port_),
                                   "--dir",
                                   dir_ + "/messages"};
  if (options.starttls) {
    certificate_ = MakeTestCertificate(dir_);
    argv.insert(argv.end(), {"--cert", certificate_.cert_file, "--key", certificate_.key_file});
  }
  if (!options.user.empty()) {
    argv.insert(argv.end(), {"--user", options.user, "--password", options.password});
  }
  for (const std::string& address : options.reject_permanent) {
    argv.insert(argv.end(), {"--reject-permanent", address});
  }
  for (const std::string& address : options.reject_temporary) {
    argv.insert(argv.end(), {"--reject-temporary", address});
  }
  const std::string log_file = dir_ + "/server.log";
  process_.Start(argv, log_file);
  WaitUntilListening(port_, "aiosmtpd", log_file);
}

std::vector<SmtpTestServer::Received> SmtpTestServer::Messages() const {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir_ + "/messages")) {
    if (entry.path().extension() == ".eml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  std::vector<Received> messages;
  for (const std::string& name : names) {
    Received message{.raw = ReadFile(dir_ + "/messages/" + name + ".eml")};
    std::istringstream envelope(ReadFile(dir_ + "/messages/" + name + ".env"));
    std::string key;
    std::string value;
    while (envelope >> key && std::getline(envelope >> std::ws, value)) {
      if (key == "from") message.mail_from = value;
      if (key == "to") message.rcpt_tos.push_back(value);
      if (key == "user") message.user = value;
    }
    messages.push_back(std::move(message));
  }
  return messages;
}

std::vector<SmtpTestServer::Received> SmtpTestServer::WaitForMessages(size_t count,
                                                                      milliseconds timeout) const {
  const auto deadline = steady_clock::now() + timeout;
  std::vector<Received> messages = Messages();
  while (messages.size() < count && steady_clock::now() < deadline) {
    std::this_thread::sleep_for(kPollStep);
    messages = Messages();
  }
  return messages;
}

ImapTestServer::ImapTestServer(const std::string& dir, std::string user, std::string password)
    : root_(dir + "/dovecot"), log_file_(root_ + "/dovecot.log"), port_(FreeLoopbackPort()) {
  fs::create_directories(root_ + "/run");
  fs::create_directories(root_ + "/state");
  fs::create_directories(root_ + "/mail");
  const bool root = geteuid() == 0;
  std::string mail_uid = std::to_string(getuid());
  std::string mail_gid = std::to_string(getgid());
  std::string internal_user = getpwuid(getuid())->pw_name;
  std::string login_user = internal_user;
  if (root) {
    const passwd* dovecot = getpwnam("dovecot");
    if (dovecot == nullptr || getpwnam("dovenull") == nullptr) {
      throw std::runtime_error("running as root needs Debian's dovecot and dovenull users");
    }
    mail_uid = std::to_string(dovecot->pw_uid);
    mail_gid = std::to_string(dovecot->pw_gid);
    internal_user = "dovecot";
    login_user = "dovenull";
    // The mail processes run as dovecot: they must reach and write the maildirs.
    fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
    chmod(root_.c_str(), 0755);
    chmod((root_ + "/mail").c_str(), 01777);
  }
  WriteFile(root_ + "/passwd", user + ":{PLAIN}" + password + "\n");
  std::ostringstream conf;
  conf << "base_dir = " << root_ << "/run\n"
       << "state_dir = " << root_ << "/state\n"
       << "log_path = " << log_file_ << "\n"
       << "protocols = imap\nlisten = 127.0.0.1\nssl = no\n"
       << "disable_plaintext_auth = no\nauth_mechanisms = plain login\n"
       << "default_internal_user = " << internal_user << "\n"
       << "default_internal_group = " << internal_user << "\n"
       << "default_login_user = " << login_user << "\n"
       << "first_valid_uid = 0\nfirst_valid_gid = 0\n"
       << "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " << root_
       << "/passwd\n}\n"
       << "userdb {\n  driver = static\n  args = uid=" << mail_uid << " gid=" << mail_gid
       << " home=" << root_ << "/mail/%u\n}\n"
       << "mail_location = maildir:" << root_ << "/mail/%u\n"
       << "service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n"
       << "    port = " << port_ << "\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}\n"
       << "service anvil {\n  chroot =\n}\nservice stats {\n  chroot =\n}\n";
  WriteFile(root_ + "/dovecot.conf", conf.str());
  Start();
}

void ImapTestServer::Stop() {
  process_.Stop();
  const auto deadline = steady_clock::now() + kStopGrace;
  while (Accepts(port_) && steady_clock::now() < deadline) std::this_thread::sleep_for(kPollStep);
}

void ImapTestServer::Start() {
  process_.Start({"/usr/sbin/dovecot", "-F", "-c", root_ + "/dovecot.conf"}, root_ + "/stdout.log");
  WaitUntilListening(port_, "dovecot", log_file_);
}

}  // namespace rapport::testing
