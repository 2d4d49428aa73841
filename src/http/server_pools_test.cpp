// The server's two handler pools: a read must be answered while every write thread is busy
// (a write blocked on a commit must never hold up reads). Drives a real HttpServer over loopback.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <string>
#include <thread>

#include "http/server.hpp"
#include "identity/password.hpp"
#include "identity/session_service.hpp"
#include "identity/sign_in_throttle.hpp"
#include "identity/token_service.hpp"
#include "storage/data_dir.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::http {
namespace {

// Sends one request on a fresh connection and returns the status line. The receive timeout only
// keeps a broken build from hanging the suite; it is no performance limit.
std::string Exchange(uint16_t port, const std::string& request) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{.tv_sec = 60, .tv_usec = 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string answer;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
    char buffer[512];
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n > 0) answer.assign(buffer, static_cast<size_t>(n));
  }
  close(fd);
  return answer.substr(0, answer.find("\r\n"));
}

TEST(ServerPoolsTest, ReadsAreAnsweredWhileEveryWriteThreadIsBusy) {
  testing::TempDir dir;
  auto database = storage::SqliteDatabase::Open({.path = storage::DatabasePath(dir.path())});
  ASSERT_TRUE(database.ok());
  identity::TokenService tokens(**database);
  identity::PasswordHasher hasher;
  identity::SignInThrottle throttle;
  identity::SessionService sessions(**database, hasher, throttle, {});
  access::AccessDirectory directory(**database);
  Authenticator authenticator(tokens, sessions, directory, **database);

  std::promise<void> write_started;
  std::promise<void> release_write;
  std::shared_future<void> released = release_write.get_future().share();
  Router router;
  router.Add({.method = "POST",
              .pattern = "/slow-write",
              .requires_auth = false,
              .handler = [&](const Request&, const PathParams&, const Caller&) {
                write_started.set_value();
                released.wait();  // like a write waiting for its group commit
                return Response::NoContent();
              }});
  router.Add({.method = "GET",
              .pattern = "/read",
              .requires_auth = false,
              .handler = [](const Request&, const PathParams&, const Caller&) {
                return Response::NoContent();
              }});
  router.Add({.method = "POST",
              .pattern = "/search",
              .requires_auth = false,
              .read_only = true,
              .handler = [](const Request&, const PathParams&, const Caller&) {
                return Response::NoContent();
              }});
  ServerOptions options;
  options.port = 0;
  options.io_threads = 1;
  options.worker_threads = 1;  // the single write thread is taken by /slow-write
  options.read_threads = 1;
  HttpServer server(options, router, authenticator);
  auto port = server.Listen();
  ASSERT_TRUE(port.ok());
  std::thread runner([&] { server.Run({}); });

  auto write = std::async(std::launch::async, [&] {
    return Exchange(*port, "POST /slow-write HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");
  });
  write_started.get_future().wait();
  EXPECT_EQ(Exchange(*port, "GET /read HTTP/1.1\r\nHost: t\r\n\r\n"), "HTTP/1.1 204 No Content");
  EXPECT_EQ(Exchange(*port, "POST /search HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n"),
            "HTTP/1.1 204 No Content");
  release_write.set_value();
  EXPECT_EQ(write.get(), "HTTP/1.1 204 No Content");
  server.RequestStop();
  runner.join();
}

}  // namespace
}  // namespace rapport::http
