// Real mail servers for tests, on 127.0.0.1 and free ports, stopped when the object goes away
// (also when an assertion ends the test early): SmtpTestServer runs Debian's aiosmtpd through
// tests/testing/smtp_server.py and keeps each message it receives as a file; ImapTestServer runs
// Debian's dovecot with a throwaway configuration, passwd-file users and maildirs under the
// test's directory. Nothing is mocked: the code under test speaks real SMTP and IMAP.
//
// Servers are child processes that die with the test process (PR_SET_PDEATHSIG), so a crashed
// test leaves nothing listening. Start-up waits until the port accepts connections (bounded);
// a server that does not come up throws std::runtime_error with its log, failing the test.
//
// Running as root (CI): dovecot refuses to run its login processes or mail access as root, so
// those run as Debian's `dovenull` and `dovecot` users, and the test directory is opened to
// them (mode 0755, the maildir root 1777). As any other user, everything runs as that user.
//
// Not thread-safe: one test thread drives a server.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace rapport::testing {

// A loopback port nothing listens on right now.
int FreeLoopbackPort();

// A port that accepts connections (the kernel's backlog) and never says a word: for timeouts.
class SilentServer {
 public:
  SilentServer();
  ~SilentServer();
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A self-signed certificate for 127.0.0.1 and localhost, made with the openssl command. Its
// certificate file is also the CA file clients verify against.
struct TestCertificate {
  std::string cert_file;
  std::string key_file;
};
TestCertificate MakeTestCertificate(const std::string& dir);

// A process started with execv, ended with SIGTERM (SIGKILL after a grace period) and reaped.
class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess() { Stop(); }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // stdout and stderr go to `log_file`.
  void Start(const std::vector<std::string>& argv, const std::string& log_file);
  void Stop();
  bool running() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
};

class SmtpTestServer {
 public:
  struct Options {
    bool starttls = false;  // offer and require STARTTLS, with a certificate made for the test
    std::string user;       // non-empty: AUTH required with user/password
    std::string password;
    std::vector<std::string> reject_permanent;  // RCPT TO answers 550
    std::vector<std::string> reject_temporary;  // RCPT TO answers 451
  };
  struct Received {
    std::string raw;  // the DATA bytes as the server got them
    std::string mail_from;
    std::vector<std::string> rcpt_tos;
    std::string user;  // the authenticated user, "" without AUTH
  };

  // Starts at once. `dir` must exist; the server writes into dir/smtp.
  SmtpTestServer(const std::string& dir, Options options);
  explicit SmtpTestServer(const std::string& dir) : SmtpTestServer(dir, Options{}) {}

  int port() const { return port_; }
  const std::string& ca_file() const { return certificate_.cert_file; }  // with starttls
  // Every message received so far, in order.
  std::vector<Received> Messages() const;
  // Waits until at least `count` messages arrived or `timeout` passed; returns what arrived.
  std::vector<Received> WaitForMessages(
      size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
  void Stop() { process_.Stop(); }

 private:
  std::string dir_;
  int port_ = 0;
  TestCertificate certificate_;
  ChildProcess process_;
};

class ImapTestServer {
 public:
  // Starts at once with one user. `dir` must exist; the server lives in dir/dovecot.
  ImapTestServer(const std::string& dir, std::string user, std::string password);

  int port() const { return port_; }
  const std::string& log_file() const { return log_file_; }
  // Stop and start again on the same port with the same mail (for "server down" and restarts).
  // Stop returns once nothing accepts on the port (dovecot's children outlive its master).
  void Stop();
  void Start();

 private:
  std::string root_;
  std::string log_file_;
  int port_ = 0;
  ChildProcess process_;
};

}  // namespace rapport::testing
