// HttpServer: Beast + Asio (C++20 coroutines) in front of the Router.
//
// I/O threads only parse and write HTTP; every handler runs on a bounded worker pool, because
// handlers block on SQLite and on the group-commit writer (DESIGN §4). Each connection runs on
// its own strand, with header/body limits and an absolute read deadline so slow clients cannot hold
// connections. On SIGINT/SIGTERM it stops accepting, lets in-flight requests finish, closes idle
// keep-alive connections and returns from Run. This is the only translation unit that includes
// Beast, which keeps builds fast. Construct, Listen, then Run on one thread.
//
// Parsing is strict where leniency lets two parsers disagree about where a request ends (RFC
// 9112): bare-LF line ends, folded header lines, a missing or repeated Host on HTTP/1.1 and any
// Transfer-Encoding but `chunked` are refused with 400 and the connection closed. An upload route
// (Route::upload) is authenticated and admitted from its headers before its body is read. Each
// request runs under a WorkBudget (work_deadline, or until the client hangs up). Everything
// logged from a request is escaped (common/log_text.hpp). Per-route counts and latencies go to
// the metrics registry (common/metrics.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/result.hpp"
#include "http/authenticator.hpp"
#include "http/router.hpp"
#include "http/stream_endpoint.hpp"
#include "http/visitor_endpoint.hpp"

namespace rapport::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int io_threads = 2;
  // Handlers block on storage; group commit needs many concurrent writers to batch, so the pool
  // is much larger than the core count. Threads waiting on a commit cost no CPU.
  int worker_threads = 32;
  // Reads (GET, HEAD, POST searches) run on a pool of their own, sized for the cores rather than
  // for waiting: they are CPU work, and apart from the writers they never queue behind requests
  // blocked on a group commit. 0: twice the number of cores.
  int read_threads = 0;
  size_t max_body_bytes = size_t{1024} * 1024;
  // File uploads (POST /api/v1/imports) may be larger: a million-row CSV is about 100 MB.
  size_t max_upload_bytes = size_t{256} * 1024 * 1024;
  // Where upload bodies are written as they arrive (Request::body_file); empty: held in memory.
  std::string upload_dir;
  std::chrono::seconds upload_timeout{600};
  size_t max_header_bytes = size_t{16} * 1024;
  std::chrono::seconds read_timeout{30};
  // How long one request's work may run (searches, filters, pages): its reads are interrupted
  // past this, and at once when the client hangs up (kDeadlineExceeded). Writes are never cut.
  std::chrono::seconds work_deadline{10};
  std::chrono::seconds drain_timeout{10};
  // How often an open live stream (GET /api/v1/stream) checks its credential again, so that a
  // revoked token, a signed-out session or a changed role reaches streams already open.
  std::chrono::seconds stream_recheck{60};
  // Requests per minute per API token or signed-in user (a token bucket; 0 = unlimited). The
  // default lets a busy integration burst 6,000 requests and then run at 100 per second.
  int64_t rate_limit_per_minute = 6000;
  // PEM files; both set turns HTTPS on (with HSTS). Neither: plain HTTP, for loopback or behind
  // a TLS-terminating proxy.
  std::string tls_cert_file;
  std::string tls_key_file;
  // The built web app (index.html + assets/), served at "/"; empty: API only.
  std::string web_dir;
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, const Router& router, Authenticator& authenticator);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Serves GET /api/v1/stream (the live event stream) through `endpoint`, which must outlive
  // the server. Call before Run; without it the path is an ordinary unknown route.
  void EnableStream(StreamEndpoint& endpoint);
  // Serves the chat widget's WebSocket, GET /widget/ws, through `endpoint` (same rules).
  void EnableChat(VisitorEndpoint& endpoint);
  // Binds the listening socket; returns the bound port (useful with port 0).
  Result<uint16_t> Listen();
  // Serves until SIGINT/SIGTERM (or RequestStop), then drains. `on_draining` runs when the stop
  // begins (readiness turns false).
  void Run(const std::function<void()>& on_draining);
  void RequestStop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "host:port" -> options.host/port; kInvalidArgument naming `field` on bad input.
Status ParseListenAddress(const std::string& text, ServerOptions& options);

}  // namespace rapport::http
