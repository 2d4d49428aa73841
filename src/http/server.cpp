#include "http/server.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url.hpp>
#include <charconv>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "common/ids.hpp"
#include "http/caller.hpp"
#include "http/rate_limiter.hpp"
#include "http/web_assets.hpp"

namespace rapport::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr size_t kMaxRequestIdLength = 64;
constexpr auto kWriteTimeout = std::chrono::seconds(30);

// One client connection. With TLS the TCP stream moves into `tls`; transport() is the TCP stream
// either way (deadlines, cancellation, shutdown).
struct Connection {
  explicit Connection(tcp::socket socket)
      : executor(socket.get_executor()), plain(std::move(socket)) {}
  beast::tcp_stream& transport() { return tls ? tls->next_layer() : plain; }

  asio::any_io_executor executor;  // the connection's strand; stays valid after the TLS move
  beast::tcp_stream plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
  bool idle = true;  // touched only on the connection's strand
};

std::string SafeRequestId(const bhttp::request<bhttp::string_body>& message) {
  auto it = message.find("x-request-id");
  if (it != message.end()) {
    const std::string_view given = it->value();
    const bool safe = !given.empty() && given.size() <= kMaxRequestIdLength &&
                      std::all_of(given.begin(), given.end(), [](char c) {
                        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
                      });
    if (safe) return std::string(given);
  }
  return NewId("req");
}

Result<Request> ToRequest(bhttp::request<bhttp::string_body>&& message) {
  Request request;
  request.method = std::string(message.method_string());
  auto url = boost::urls::parse_origin_form(message.target());
  if (!url) return Error::Malformed("The request target is not a valid URL path.");
  request.path = url->path();
  for (const auto& param : url->params()) request.query.emplace(param.key, param.value);
  for (const auto& field : message) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    request.headers[name] = std::string(field.value());
  }
  request.request_id = SafeRequestId(message);
  request.body = std::move(message.body());
  return request;
}

bhttp::response<bhttp::string_body> ToMessage(const Response& response, unsigned version,
                                              bool keep_alive, const std::string& request_id,
                                              bool tls) {
  bhttp::response<bhttp::string_body> message{static_cast<bhttp::status>(response.status), version};
  message.set(bhttp::field::server, "rapport");
  if (!response.content_type.empty())
    message.set(bhttp::field::content_type, response.content_type);
  message.set("X-Request-Id", request_id);
  // API answers are personal data: never sniffed, cached, framed or leaked through Referer.
  message.set("X-Content-Type-Options", "nosniff");
  message.set(bhttp::field::cache_control, "no-store");
  message.set("Referrer-Policy", "no-referrer");
  message.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  // Only over TLS: a browser must not pin HTTPS for a host that serves plain HTTP.
  if (tls) message.set(bhttp::field::strict_transport_security, "max-age=31536000");
  for (const auto& [name, value] : response.headers) message.set(name, value);
  message.body() = response.body;
  message.keep_alive(keep_alive);
  message.prepare_payload();
  return message;
}

bool IsUpload(const bhttp::request<bhttp::string_body>& request) {
  const std::string_view target = request.target();
  return request.method() == bhttp::verb::post &&
         target.substr(0, target.find('?')) == "/api/v1/imports";
}

}  // namespace

struct HttpServer::Impl {
  Impl(ServerOptions options_in, const Router& router_in, Authenticator& authenticator_in)
      : options(std::move(options_in)),
        router(router_in),
        authenticator(authenticator_in),
        web(options.web_dir.empty() ? WebAssets() : WebAssets::Load(options.web_dir)),
        rate_limiter(options.rate_limit_per_minute),
        io(options.io_threads),
        workers(static_cast<size_t>(options.worker_threads)),
        acceptor(io),
        signals(io, SIGINT, SIGTERM) {}

  Response Dispatch(const Request& request) {
    Match match = router.Find(request.method, request.path);
    if (match.route == nullptr) {
      if (match.path_known) {
        std::string allow;
        for (const auto& method : match.allowed_methods) {
          allow += (allow.empty() ? "" : ", ") + method;
        }
        Error error{ErrorCode::kMalformed, "This path does not accept " + request.method + ".", {}};
        Response response = ProblemResponse(error, request.path);
        response.status = 405;
        response.body =
            json::serialize(json::object{{"type", "urn:rapport:problem:method_not_allowed"},
                                         {"title", "Method not allowed"},
                                         {"status", 405},
                                         {"detail", error.message},
                                         {"instance", request.path}});
        return response.WithHeader("Allow", allow);
      }
      if (auto page = web.Serve(request)) return *page;
      return ProblemResponse(Error::NotFound("No such endpoint: " + request.path), request.path);
    }
    Caller caller{.principal = {}, .request_id = request.request_id};
    if (match.route->requires_auth) {
      auto authenticated = authenticator.Authenticate(request);
      if (!authenticated.ok()) return ProblemResponse(authenticated.error(), request.path);
      caller = std::move(authenticated).value();
      if (auto retry_after = rate_limiter.Take(caller.principal)) {
        const std::string seconds = std::to_string(retry_after->count());
        Response response = Response::Json(
            429, json::object{{"type", "urn:rapport:problem:too_many_requests"},
                              {"title", "Too many requests"},
                              {"status", 429},
                              {"detail", "Rate limit reached; retry in " + seconds + " seconds."},
                              {"instance", request.path}});
        response.content_type = "application/problem+json";
        return response.WithHeader("Retry-After", seconds);
      }
    }
    try {
      Response response = match.route->handler(request, match.params, caller);
      if (response.status == 403 && !caller.principal.empty()) {
        authenticator.RecordDenial(caller, request, match.route->pattern);
      }
      return response;
    } catch (const std::exception& e) {
      spdlog::error("handler for {} {} threw: {} (request {})", request.method,
                    match.route->pattern, e.what(), request.request_id);
      return ProblemResponse(Error::Internal(e.what()), request.path);
    }
  }

  asio::awaitable<void> Serve(std::shared_ptr<Connection> connection) {
    if (!tls_context) {
      co_await ServeRequests(connection->plain, connection);
      beast::error_code ignored;
      connection->plain.socket().shutdown(tcp::socket::shutdown_send, ignored);
      co_return;
    }
    connection->tls.emplace(std::move(connection->plain), *tls_context);
    connection->transport().expires_after(
        options.read_timeout);  // a handshake must not hang either
    auto [handshake_error] = co_await connection->tls->async_handshake(
        asio::ssl::stream_base::server, asio::as_tuple(asio::use_awaitable));
    if (handshake_error) co_return;  // not TLS, or a scanner: nothing to answer
    co_await ServeRequests(*connection->tls, connection);
    connection->transport().expires_after(kWriteTimeout);
    auto [shutdown_error] =
        co_await connection->tls->async_shutdown(asio::as_tuple(asio::use_awaitable));
    (void)shutdown_error;  // peers often close without a TLS close_notify; nothing to do
  }

  template <class Stream>
  asio::awaitable<void> ServeRequests(Stream& stream, std::shared_ptr<Connection> connection) {
    const bool tls = tls_context != nullptr;
    beast::flat_buffer buffer;
    while (true) {
      connection->idle = true;
      if (stopping) break;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<uint32_t>(options.max_header_bytes));
      // Beast checks a Content-Length against the limit while reading the header, before the
      // route is known: allow the larger limit there and narrow it once the target is read.
      parser.body_limit(std::max(options.max_body_bytes, options.max_upload_bytes));
      // One absolute deadline for the whole request (headers and body): slow-loris safe.
      connection->transport().expires_after(options.read_timeout);
      auto [read_error, bytes] = co_await bhttp::async_read_header(
          stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
      // Only the import upload route takes large bodies; it gets a longer deadline to match, and
      // (with an upload directory) its body goes to a file as it arrives, so a 100 MB upload
      // does not become 100 MB of server memory.
      std::string body_file;
      std::optional<bhttp::request<bhttp::string_body>> spooled;
      const bool upload = !read_error && IsUpload(parser.get());
      const bool spool = upload && !options.upload_dir.empty() && !parser.is_done();
      if (upload) {
        parser.body_limit(options.max_upload_bytes);
        connection->transport().expires_after(options.upload_timeout);
      } else if (!read_error) {
        const auto length = parser.content_length();
        if (length && *length > options.max_body_bytes) {
          read_error = bhttp::error::body_limit;
        } else {
          parser.body_limit(options.max_body_bytes);
        }
      }
      if (spool) {
        body_file = options.upload_dir + "/" + NewId("upl") + ".part";
        bhttp::request_parser<bhttp::file_body> file_parser{std::move(parser)};
        file_parser.body_limit(options.max_upload_bytes);
        file_parser.get().body().open(body_file.c_str(), beast::file_mode::write, read_error);
        if (!read_error) {
          ::chmod(body_file.c_str(), 0600);  // customer data: readable by the server only
          std::tie(read_error, bytes) = co_await bhttp::async_read(
              stream, buffer, file_parser, asio::as_tuple(asio::use_awaitable));
          file_parser.get().body().close();
          spooled.emplace(std::move(file_parser.get().base()));
        }
        if (read_error) {
          std::error_code ignored;
          std::filesystem::remove(body_file, ignored);
        }
      } else if (!read_error && !parser.is_done()) {
        std::tie(read_error, bytes) =
            co_await bhttp::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
      }
      (void)bytes;
      if (read_error == bhttp::error::end_of_stream) break;  // client closed: leave the loop
      if (read_error) {
        const bool too_large =
            read_error == bhttp::error::body_limit || read_error == bhttp::error::header_limit;
        const bool bad =
            read_error.category() == beast::error_code(bhttp::error::bad_target).category();
        if (too_large || bad) {
          // The target may not have been read yet, so the problem names the header's path when
          // the parser got that far.
          std::string instance = "/";
          if (spool) {
            instance = "/api/v1/imports";
          } else if (parser.is_header_done()) {
            const std::string_view target = parser.get().target();
            instance = std::string(target.substr(0, target.find('?')));
          }
          Response problem = ProblemResponse(
              too_large ? Error::TooLarge("The request is larger than the server accepts "
                                          "(1 MiB body, 256 MiB for an import upload, "
                                          "16 KiB headers).")
                        : Error::Malformed("The request is not valid HTTP/1.1."),
              instance);
          const std::string request_id = NewId("req");
          spdlog::info("- {} {} rejected: {} {}", instance, problem.status, read_error.message(),
                       request_id);
          auto message = ToMessage(problem, 11, false, request_id, tls);
          connection->transport().expires_after(kWriteTimeout);
          co_await bhttp::async_write(stream, message, asio::as_tuple(asio::use_awaitable));
        }
        break;
      }
      connection->idle = false;
      in_flight.fetch_add(1);
      auto message = spooled ? std::move(*spooled) : parser.release();
      const unsigned version = message.version();
      const bool keep_alive = message.keep_alive();
      const auto started = std::chrono::steady_clock::now();
      Response response;
      std::string request_id;
      std::string method(message.method_string());
      auto request = ToRequest(std::move(message));
      if (request.ok()) {
        beast::error_code ignored;
        request->remote_address =
            connection->transport().socket().remote_endpoint(ignored).address().to_string();
        request->body_file = body_file;
      }
      if (!request.ok()) {
        request_id = NewId("req");
        response = ProblemResponse(request.error(), "/");
      } else {
        request_id = request->request_id;
        // Hop to the worker pool for the handler, then back to this connection's strand.
        response = co_await asio::co_spawn(
            workers,
            [this, &request]() -> asio::awaitable<Response> { co_return Dispatch(*request); },
            asio::use_awaitable);
      }
      if (!body_file.empty()) {
        // A handler that keeps the upload moves it away; whatever is left was refused.
        std::error_code ignored;
        std::filesystem::remove(body_file, ignored);
      }
      const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - started);
      // Paths only: query strings can carry search terms, i.e. personal data.
      spdlog::info("{} {} {} {:.1f}ms {}", method, request.ok() ? request->path : "-",
                   response.status, static_cast<double>(elapsed.count()) / 1000.0, request_id);
      const bool keep = keep_alive && !stopping;
      auto reply = ToMessage(response, version, keep, request_id, tls);
      connection->transport().expires_after(kWriteTimeout);
      auto [write_error, written] =
          co_await bhttp::async_write(stream, reply, asio::as_tuple(asio::use_awaitable));
      (void)written;
      in_flight.fetch_sub(1);
      if (write_error || !keep) break;
    }
  }

  asio::awaitable<void> Accept() {
    while (!stopping) {
      auto [error, socket] = co_await acceptor.async_accept(asio::make_strand(io),
                                                            asio::as_tuple(asio::use_awaitable));
      if (error) {
        if (stopping || error == asio::error::operation_aborted) break;
        spdlog::warn("accept failed: {}", error.message());
        continue;
      }
      auto connection = std::make_shared<Connection>(std::move(socket));
      const uint64_t id = next_connection_id++;
      {
        std::lock_guard lock(connections_mutex);
        connections[id] = connection;
      }
      auto executor = connection->executor;
      asio::co_spawn(executor, Serve(connection), [this, id](const std::exception_ptr& failure) {
        if (failure) {
          try {
            std::rethrow_exception(failure);
          } catch (const std::exception& e) {
            spdlog::error("connection failed: {}", e.what());
          }
        }
        std::lock_guard lock(connections_mutex);
        connections.erase(id);
      });
    }
  }

  void BeginStop() {
    if (stopping.exchange(true)) return;
    beast::error_code ignored;
    acceptor.close(ignored);
    // Idle keep-alive connections are waiting in a read; cancel those on their own strands.
    std::lock_guard lock(connections_mutex);
    for (auto& [id, weak] : connections) {
      if (auto connection = weak.lock()) {
        asio::post(connection->executor, [connection] {
          if (connection->idle) connection->transport().cancel();
        });
      }
    }
  }

  ServerOptions options;
  const Router& router;
  Authenticator& authenticator;
  const WebAssets web;
  RateLimiter rate_limiter;
  asio::io_context io;
  asio::thread_pool workers;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::unique_ptr<asio::ssl::context> tls_context;  // set by Listen when TLS is configured
  std::atomic<bool> stopping = false;
  std::atomic<int> in_flight = 0;
  std::mutex connections_mutex;
  std::unordered_map<uint64_t, std::weak_ptr<Connection>> connections;  // GUARDED_BY(mutex)
  uint64_t next_connection_id = 0;                                      // accept loop only
};

HttpServer::HttpServer(ServerOptions options, const Router& router, Authenticator& authenticator)
    : impl_(std::make_unique<Impl>(std::move(options), router, authenticator)) {}

HttpServer::~HttpServer() { impl_->workers.join(); }

Result<uint16_t> HttpServer::Listen() {
  beast::error_code error;
  if (!impl_->options.tls_cert_file.empty() || !impl_->options.tls_key_file.empty()) {
    if (impl_->options.tls_cert_file.empty() || impl_->options.tls_key_file.empty()) {
      return Error::Invalid("tls", "TLS needs both --tls-cert and --tls-key");
    }
    auto context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    // TLS 1.2 is the oldest version without known protocol weaknesses.
    SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
    context->set_options(asio::ssl::context::default_workarounds |
                         asio::ssl::context::single_dh_use);
    context->use_certificate_chain_file(impl_->options.tls_cert_file, error);
    if (error) {
      return Error::Invalid("tls-cert",
                            "cannot load " + impl_->options.tls_cert_file + ": " + error.message());
    }
    context->use_private_key_file(impl_->options.tls_key_file, asio::ssl::context::pem, error);
    if (error) {
      return Error::Invalid("tls-key",
                            "cannot load " + impl_->options.tls_key_file + ": " + error.message());
    }
    impl_->tls_context = std::move(context);
  }
  auto address = asio::ip::make_address(impl_->options.host, error);
  if (error) return Error::Invalid("listen", "is not an IP address: " + impl_->options.host);
  tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return Error::Unavailable("cannot listen on " + impl_->options.host + ":" +
                              std::to_string(impl_->options.port) + ": " + error.message());
  }
  return acceptor.local_endpoint().port();
}

void HttpServer::RequestStop() {
  asio::post(impl_->io, [this] { impl_->BeginStop(); });
}

void HttpServer::Run(const std::function<void()>& on_draining) {
  Impl& impl = *impl_;
  impl.signals.async_wait([&impl, &on_draining](const beast::error_code& error, int signal) {
    if (error) return;
    spdlog::info("received signal {}: finishing in-flight requests", signal);
    if (on_draining) on_draining();
    impl.BeginStop();
  });
  asio::co_spawn(impl.io, impl.Accept(), asio::detached);
  // A guard so io.run() keeps going until the drain below decides to stop it.
  auto guard = asio::make_work_guard(impl.io);
  std::vector<std::thread> threads;
  threads.reserve(static_cast<size_t>(impl.options.io_threads));
  for (int i = 0; i < impl.options.io_threads; ++i)
    threads.emplace_back([&impl] { impl.io.run(); });
  // Wait for the stop, then for in-flight requests (bounded by drain_timeout).
  while (!impl.stopping) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto deadline = std::chrono::steady_clock::now() + impl.options.drain_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    bool open;
    {
      std::lock_guard lock(impl.connections_mutex);
      open = !impl.connections.empty();
    }
    if (!open && impl.in_flight == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  impl.signals.cancel();
  guard.reset();
  impl.io.stop();
  for (auto& thread : threads) thread.join();
  impl.workers.join();
}

Status ParseListenAddress(const std::string& text, ServerOptions& options) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Error::Invalid("listen", "must be host:port, e.g. 127.0.0.1:8080");
  }
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  const std::string port_text = text.substr(colon + 1);
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return Error::Invalid("listen", "has an invalid port: " + port_text);
  }
  options.host = host;
  options.port = static_cast<uint16_t>(port);
  return OkStatus();
}

}  // namespace rapport::http
