#include "http/server.hpp"

#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url.hpp>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "common/card_numbers.hpp"
#include "common/ids.hpp"
#include "common/log_text.hpp"
#include "common/metrics.hpp"
#include "common/work_budget.hpp"
#include "http/caller.hpp"
#include "http/rate_limiter.hpp"
#include "http/stream_endpoint.hpp"
#include "http/web_assets.hpp"
#include "http/websocket_session.hpp"

namespace rapport::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr size_t kMaxRequestIdLength = 64;
constexpr auto kWriteTimeout = std::chrono::seconds(30);
// Bytes asked of the socket per read while the header block is gathered.
constexpr size_t kHeaderReadChunk = 4096;
// After refusing an upload from its headers, the rest of its body is read and thrown away for at
// most this long and this much (a "lingering close"), so the client sees the answer instead of a
// connection reset; then the connection closes.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr size_t kLingerBytes = size_t{8} * 1024 * 1024;
// Work whose client hung up is stopped only after it has run this long (see WorkBudget): short
// requests of clients that half-close after sending are always answered.
constexpr auto kHangUpGrace = std::chrono::seconds(1);

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

std::string SafeRequestId(const bhttp::request_header<>& message) {
  auto it = message.find("x-request-id");
  if (it != message.end()) {
    const std::string_view given = it->value();
    // A request id is logged and stored with every event, so one that reads as a card number is
    // replaced like any other unusable id.
    const bool safe =
        !given.empty() && given.size() <= kMaxRequestIdLength &&
        std::all_of(given.begin(), given.end(),
                    [](char c) {
                      return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
                    }) &&
        !ContainsCardNumber(given);
    if (safe) return std::string(given);
  }
  return NewId("req");
}

// Where the header block in `data` ends (just past its empty line), nullopt while incomplete, or
// a problem: RFC 9112 lets a server refuse obs-fold (§5.2) and bare LF line ends (§2.2), and both
// have been used to make two parsers disagree about where a request ends. Beast would accept them
// quietly, so the raw bytes are checked before it parses them.
struct HeaderScan {
  std::optional<size_t> end;
  std::optional<std::string> problem;
};

HeaderScan ScanHeaderBlock(std::string_view data) {
  size_t start = 0;
  bool first_line = true;
  while (true) {
    const size_t newline = data.find('\n', start);
    if (newline == std::string_view::npos) return {};
    if (newline == 0 || data[newline - 1] != '\r') {
      return {.end = std::nullopt, .problem = "A header line ends in a bare LF; use CRLF."};
    }
    const std::string_view line = data.substr(start, newline - 1 - start);
    if (line.empty() && !first_line) return {.end = newline + 1, .problem = std::nullopt};
    if (!first_line && (line.front() == ' ' || line.front() == '\t')) {
      return {.end = std::nullopt,
              .problem =
                  "Folded header lines (obs-fold) are not accepted; send each field on "
                  "one line."};
    }
    if (!line.empty()) first_line = false;
    start = newline + 1;
  }
}

// Framing rules Beast leaves to the application (RFC 9112 §3.2, §6.1): an HTTP/1.1 request names
// exactly one Host, and the only transfer coding accepted is chunked, alone — with anything else
// the body's end is unknowable, and guessing it is how requests get smuggled.
template <class Parser>
std::optional<std::string> FramingProblem(const Parser& parser) {
  const auto& header = parser.get();
  if (header.version() == 11 && header.count(bhttp::field::host) != 1) {
    return "An HTTP/1.1 request needs exactly one Host header.";
  }
  if (header.count(bhttp::field::transfer_encoding) > 0) {
    const std::string_view coding = header[bhttp::field::transfer_encoding];
    if (header.count(bhttp::field::transfer_encoding) != 1 || !parser.chunked() ||
        !beast::iequals(coding, "chunked")) {
      return "Transfer-Encoding must be exactly chunked.";
    }
  }
  return std::nullopt;
}

// The request line and header fields as handlers see them; the body is added by the caller.
Result<Request> RequestHead(const bhttp::request_header<>& message) {
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
  return request;
}

Result<Request> ToRequest(bhttp::request<bhttp::string_body>&& message) {
  RAPPORT_ASSIGN_OR_RETURN(Request request, RequestHead(message));
  request.body = std::move(message.body());
  return request;
}

// A request's method and path as written to the log: escaped (a decoded path can hold CR, LF
// and NUL, which would forge log lines), bounded, and with card-like digit runs masked.
std::string LoggedPath(std::string_view path) { return EscapeForLog(MaskCardNumbers(path)); }

// By value: the served path moves its response in, so the body (a list page is 77 KB) is not
// copied once more.
bhttp::response<bhttp::string_body> ToMessage(Response response, unsigned version, bool keep_alive,
                                              const std::string& request_id, bool tls) {
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
  message.body() = std::move(response.body);
  message.keep_alive(keep_alive);
  message.prepare_payload();
  return message;
}

// The per-route series of GET /metrics, created once at start so recording takes no lock.
struct RouteMetrics {
  Histogram* latency = nullptr;
  std::array<Counter*, 5> by_class{};  // 1xx .. 5xx

  static RouteMetrics For(const std::string& method, const std::string& route) {
    RouteMetrics metrics;
    const MetricLabels labels{{"method", method}, {"route", route}};
    metrics.latency = &Metrics().GetHistogram(
        "rapport_http_request_duration_seconds",
        "Time from the end of the request to the response being ready, per route.", labels,
        LatencyBuckets());
    for (size_t i = 0; i < metrics.by_class.size(); ++i) {
      MetricLabels with_code = labels;
      with_code.emplace_back("code", std::to_string(i + 1) + "xx");
      metrics.by_class[i] =
          &Metrics().GetCounter("rapport_http_requests_total",
                                "Requests answered, per route and status class.", with_code);
    }
    return metrics;
  }

  void Record(int status, std::chrono::microseconds elapsed) const {
    latency->Observe(static_cast<double>(elapsed.count()) / 1e6);
    const int index = std::clamp(status / 100, 1, 5) - 1;
    by_class[static_cast<size_t>(index)]->Add();
  }
};

size_t ReadThreads(const ServerOptions& options) {
  if (options.read_threads > 0) return static_cast<size_t>(options.read_threads);
  return size_t{2} * std::max(1u, std::thread::hardware_concurrency());
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
        readers(ReadThreads(options)),
        acceptor(io),
        signals(io, SIGINT, SIGTERM) {
    for (const Route& route : router.routes()) {
      route_metrics.emplace(&route, RouteMetrics::For(route.method, route.pattern));
    }
    // Requests no route took (the web app, unknown paths) and requests refused while parsing.
    other_metrics = RouteMetrics::For("*", "(other)");
    Metrics().SetGauge("rapport_http_open_connections", "Client connections open now.", {}, [this] {
      std::lock_guard lock(connections_mutex);
      return static_cast<double>(connections.size());
    });
    Metrics().SetGauge("rapport_http_in_flight_requests", "Requests being handled now.", {},
                       [this] { return static_cast<double>(in_flight.load()); });
  }

  ~Impl() {
    Metrics().RemoveGauge("rapport_http_open_connections", {});
    Metrics().RemoveGauge("rapport_http_in_flight_requests", {});
  }

  const RouteMetrics& MetricsFor(const Route* route) const {
    auto it = route_metrics.find(route);
    return it == route_metrics.end() ? other_metrics : it->second;
  }

  // 429 with Retry-After when the caller's bucket is empty; nullopt when it may go on.
  std::optional<Response> RateLimit(const Caller& caller, const std::string& path) {
    auto retry_after = rate_limiter.Take(caller.principal);
    if (!retry_after) return std::nullopt;
    return ProblemResponse(
        Error::RateLimited(
            "Rate limit reached; retry in " + std::to_string(retry_after->count()) + " seconds.",
            *retry_after),
        path);
  }

  // An upload's check from its headers alone, before a byte of the body is read: the caller is
  // authenticated, rate-limited and passes the route's own admission rule (e.g. may import).
  struct Admission {
    std::optional<Caller> caller;  // set when admitted
    Response refusal;
  };
  Admission Admit(const Request& head, const Route& route) {
    // A public upload (the chat widget's files) has no credential: its `admit` decides alone.
    auto caller = route.requires_auth
                      ? authenticator.Authenticate(head)
                      : Result<Caller>(Caller{.principal = {}, .request_id = head.request_id});
    if (!caller.ok())
      return {.caller = std::nullopt, .refusal = ProblemResponse(caller.error(), head.path)};
    if (route.requires_auth) {
      if (auto limited = RateLimit(*caller, head.path))
        return {.caller = std::nullopt, .refusal = *limited};
    }
    if (route.admit) {
      Status admitted = route.admit(head, *caller);
      if (!admitted.ok()) {
        Response refusal = ProblemResponse(admitted.error(), head.path);
        if (refusal.status == 403 && !caller->principal.empty()) {
          authenticator.RecordDenial(*caller, head, route.pattern);
        }
        return {.caller = std::nullopt, .refusal = std::move(refusal)};
      }
    }
    return {.caller = std::move(caller).value(), .refusal = {}};
  }

  struct Dispatched {
    Response response;
    const Route* route = nullptr;
  };

  // Runs the matched route for `request`. `admitted`: the caller an upload was admitted as
  // (already authenticated and counted by the rate limiter).
  Response DispatchTo(const Match& match, const Request& request, std::optional<Caller> admitted) {
    if (match.route == nullptr) {
      if (match.path_known) {
        return ProblemResponse(
            Error::MethodNotAllowed("This path does not accept " + request.method + ".",
                                    match.allowed_methods),
            request.path);
      }
      if (auto page = web.Serve(request)) return *page;
      return ProblemResponse(Error::NotFound("No such endpoint: " + request.path), request.path);
    }
    Caller caller{.principal = {}, .request_id = request.request_id};
    if (admitted) {
      caller = std::move(*admitted);
    } else if (match.route->requires_auth) {
      auto authenticated = authenticator.Authenticate(request);
      if (!authenticated.ok()) return ProblemResponse(authenticated.error(), request.path);
      caller = std::move(authenticated).value();
      if (auto limited = RateLimit(caller, request.path)) return *limited;
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

  // Writes a refusal made before the request was handled, with Connection: close.
  template <class Stream>
  asio::awaitable<void> WriteRefusal(Stream& stream, std::shared_ptr<Connection> connection,
                                     const Response& problem, const std::string& instance,
                                     const std::string& why, unsigned version) {
    const std::string request_id = NewId("req");
    spdlog::info("- {} {} rejected: {} {}", LoggedPath(instance), problem.status, EscapeForLog(why),
                 request_id);
    other_metrics.Record(problem.status, std::chrono::microseconds(0));
    auto message = ToMessage(problem, version, false, request_id, tls_context != nullptr);
    connection->transport().expires_after(kWriteTimeout);
    co_await bhttp::async_write(stream, message, asio::as_tuple(asio::use_awaitable));
  }

  // Reads until the header block of the next request is buffered, checking its raw bytes (see
  // ScanHeaderBlock). Returns the read error (end of stream, timeout), or a problem to answer.
  template <class Stream>
  asio::awaitable<std::pair<beast::error_code, std::optional<std::string>>> GatherHeader(
      Stream& stream, beast::flat_buffer& buffer) {
    while (true) {
      const std::string_view data(static_cast<const char*>(buffer.data().data()), buffer.size());
      HeaderScan scan = ScanHeaderBlock(data.substr(0, options.max_header_bytes + 4));
      if (scan.problem || scan.end) co_return std::pair{beast::error_code{}, scan.problem};
      // Past the limit without an end: Beast reports header_limit (413) from what is buffered.
      if (data.size() > options.max_header_bytes)
        co_return std::pair{beast::error_code{}, std::nullopt};
      auto [error, bytes] = co_await stream.async_read_some(buffer.prepare(kHeaderReadChunk),
                                                            asio::as_tuple(asio::use_awaitable));
      if (error) {
        if (error == asio::error::eof || error == asio::ssl::error::stream_truncated) {
          error = bhttp::error::end_of_stream;
        }
        co_return std::pair{error, std::nullopt};
      }
      buffer.commit(bytes);
    }
  }

  // After refusing an upload from its headers: read and drop what the client still sends, for a
  // bounded time and size, so it reads the refusal instead of a reset. Then the caller closes.
  template <class Stream>
  asio::awaitable<void> Linger(Stream& stream, std::shared_ptr<Connection> connection) {
    beast::error_code ignored;
    connection->transport().socket().shutdown(tcp::socket::shutdown_send, ignored);
    connection->transport().expires_after(kLingerTime);
    std::array<char, 16384> scratch;
    size_t drained = 0;
    while (drained < kLingerBytes) {
      auto [error, bytes] = co_await stream.async_read_some(asio::buffer(scratch),
                                                            asio::as_tuple(asio::use_awaitable));
      if (error) break;
      drained += bytes;
    }
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
      // One absolute deadline for the header and the body: slow-loris safe. Only an upload that
      // has been admitted (authenticated, allowed) gets the longer upload deadline.
      connection->transport().expires_after(options.read_timeout);
      auto [read_error, raw_problem] = co_await GatherHeader(stream, buffer);
      if (read_error == bhttp::error::end_of_stream) break;  // client closed: leave the loop
      if (read_error) break;                                 // timeout or reset: nothing to say
      size_t bytes = 0;
      if (!raw_problem) {
        std::tie(read_error, bytes) = co_await bhttp::async_read_header(
            stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
        if (!read_error) raw_problem = FramingProblem(parser);
      }
      if (raw_problem) {
        std::string instance = "/";
        if (parser.is_header_done()) {
          const std::string_view target = parser.get().target();
          instance = std::string(target.substr(0, target.find('?')));
        }
        co_await WriteRefusal(stream, connection,
                              ProblemResponse(Error::Malformed(*raw_problem), instance), instance,
                              *raw_problem, 11);
        break;
      }
      // The route is known once the header is: uploads are admitted (or refused) now, before the
      // body, and their body goes to a file as it arrives.
      const Route* upload_route = nullptr;
      std::optional<Caller> admitted;
      std::string body_file;
      std::optional<bhttp::request<bhttp::string_body>> spooled;
      if (!read_error) {
        const std::string_view target = parser.get().target();
        auto url = boost::urls::parse_origin_form(target);
        if (url) {
          Match match = router.Find(std::string(parser.get().method_string()), url->path());
          if (match.route != nullptr && match.route->upload) upload_route = match.route;
        }
      }
      if (upload_route != nullptr) {
        auto head = RequestHead(parser.get());
        if (head.ok()) {
          beast::error_code ignored;
          head->remote_address =
              connection->transport().socket().remote_endpoint(ignored).address().to_string();
          Admission admission = co_await asio::co_spawn(
              workers,
              [this, &head, upload_route]() -> asio::awaitable<Admission> {
                co_return Admit(*head, *upload_route);
              },
              asio::use_awaitable);
          if (!admission.caller) {
            const Response& refusal = admission.refusal;
            spdlog::info("{} {} {} refused before the body {}", head->method,
                         LoggedPath(head->path), refusal.status, head->request_id);
            MetricsFor(upload_route).Record(refusal.status, std::chrono::microseconds(0));
            auto message = ToMessage(refusal, parser.get().version(), false, head->request_id, tls);
            connection->transport().expires_after(kWriteTimeout);
            auto [write_error, written] =
                co_await bhttp::async_write(stream, message, asio::as_tuple(asio::use_awaitable));
            (void)written;
            if (!write_error && !parser.is_done()) co_await Linger(stream, connection);
            break;
          }
          admitted = std::move(admission.caller);
          if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
            // The client waits for this before sending a large body (curl does for > 1 MiB).
            bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, 11};
            co_await bhttp::async_write(stream, go_on, asio::as_tuple(asio::use_awaitable));
          }
        }
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
      const bool spool =
          upload_route != nullptr && admitted && !options.upload_dir.empty() && !parser.is_done();
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
            instance = upload_route->pattern;
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
          co_await WriteRefusal(stream, connection, problem, instance, read_error.message(), 11);
          // The client may still be sending the body it declared: drain a bounded amount so it
          // reads the 413 rather than a connection reset.
          if (too_large) co_await Linger(stream, connection);
        }
        break;
      }
      connection->idle = false;
      if (visitor_endpoint != nullptr && !spooled && IsVisitorSocketRequest(parser.get())) {
        // The chat widget's socket (or a refusal); the connection ends with it.
        co_await ServeVisitorSocket(stream, connection, parser.release());
        break;
      }
      if (stream_endpoint != nullptr && !spooled && IsStreamRequest(parser.get())) {
        // The connection becomes the caller's live stream (or gets a refusal) and ends with it.
        co_await ServeStream(stream, connection, parser.release());
        break;
      }
      in_flight.fetch_add(1);
      auto message = spooled ? std::move(*spooled) : parser.release();
      const unsigned version = message.version();
      const bool keep_alive = message.keep_alive();
      const auto started = std::chrono::steady_clock::now();
      Response response;
      const Route* route = nullptr;
      std::string request_id;
      std::string method(message.method_string());
      auto request = ToRequest(std::move(message));
      if (request.ok()) {
        beast::error_code ignored;
        request->remote_address =
            connection->transport().socket().remote_endpoint(ignored).address().to_string();
        request->body_file = body_file;
        if (admitted) request->request_id = admitted->request_id;
      }
      if (!request.ok()) {
        request_id = NewId("req");
        response = ProblemResponse(request.error(), "/");
      } else {
        request_id = request->request_id;
        // While the handler runs, watch the socket: a client that closes its side gives up on
        // the answer, so the work stops (the budget's `cancelled`) instead of running on.
        auto cancelled = std::make_shared<std::atomic<bool>>(false);
        WatchForHangUp(connection, cancelled);
        const WorkBudget budget{.deadline = started + options.work_deadline,
                                .cancelled = cancelled.get(),
                                .cancel_not_before = started + kHangUpGrace};
        // Hop to a worker pool for the handler, then back to this connection's strand.
        const Match match = router.Find(request->method, request->path);
        Dispatched dispatched = co_await asio::co_spawn(
            IsReadOnly(match.route) ? readers.get_executor() : workers.get_executor(),
            [this, &match, &request, &admitted, &budget]() -> asio::awaitable<Dispatched> {
              ScopedWorkBudget scope(budget);
              co_return Dispatched{.response = DispatchTo(match, *request, std::move(admitted)),
                                   .route = match.route};
            },
            asio::use_awaitable);
        beast::error_code ignored;
        connection->transport().socket().cancel(ignored);  // ends the watch
        response = std::move(dispatched.response);
        route = dispatched.route;
        if (cancelled->load()) {
          // Answered anyway: a half-closed client still reads; a gone one fails the write.
          spdlog::info("{} {}: the client closed its side while it ran {}", EscapeForLog(method),
                       LoggedPath(request->path), request_id);
        }
      }
      if (!body_file.empty()) {
        // A handler that keeps the upload moves it away; whatever is left was refused.
        std::error_code ignored;
        std::filesystem::remove(body_file, ignored);
      }
      const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - started);
      MetricsFor(route).Record(response.status, elapsed);
      // Paths only: query strings can carry search terms, i.e. personal data.
      spdlog::info("{} {} {} {:.1f}ms {}", EscapeForLog(method),
                   request.ok() ? LoggedPath(request->path) : "-", response.status,
                   static_cast<double>(elapsed.count()) / 1000.0, request_id);
      const bool keep = keep_alive && !stopping;
      auto reply = ToMessage(std::move(response), version, keep, request_id, tls);
      connection->transport().expires_after(kWriteTimeout);
      auto [write_error, written] =
          co_await bhttp::async_write(stream, reply, asio::as_tuple(asio::use_awaitable));
      (void)written;
      in_flight.fetch_sub(1);
      if (write_error || !keep) break;
    }
  }

  static bool IsStreamRequest(const bhttp::request<bhttp::string_body>& message) {
    const std::string_view target = message.target();
    return message.method() == bhttp::verb::get &&
           target.substr(0, target.find('?')) == kStreamPath;
  }

  static bool IsVisitorSocketRequest(const bhttp::request<bhttp::string_body>& message) {
    const std::string_view target = message.target();
    return message.method() == bhttp::verb::get &&
           target.substr(0, target.find('?')) == kVisitorSocketPath;
  }

  // GET /widget/ws: the Origin is checked against the chat's allowed origins on the read pool
  // (it reads the settings), before any upgrade; a refusal is an ordinary problem response.
  template <class Stream>
  asio::awaitable<void> ServeVisitorSocket(Stream& stream, std::shared_ptr<Connection> connection,
                                           bhttp::request<bhttp::string_body> message) {
    const bool upgrade = IsWebSocketUpgrade(message);
    auto head = RequestHead(message);
    struct Admitted {
      Result<VisitorAdmission> result = Error::Malformed("The request target is not a valid URL.");
    };
    Admitted admitted;
    if (head.ok()) {
      beast::error_code ignored;
      head->remote_address =
          connection->transport().socket().remote_endpoint(ignored).address().to_string();
      admitted = co_await asio::co_spawn(
          readers,
          [this, &head, upgrade]() -> asio::awaitable<Admitted> {
            co_return Admitted{.result = visitor_endpoint->Admit(*head, upgrade)};
          },
          asio::use_awaitable);
    }
    const std::string request_id = head.ok() ? head->request_id : NewId("req");
    if (!admitted.result.ok()) {
      Response refusal = ProblemResponse(admitted.result.error(), std::string(kVisitorSocketPath));
      other_metrics.Record(refusal.status, std::chrono::microseconds(0));
      spdlog::info("GET {} {} {}", kVisitorSocketPath, refusal.status, request_id);
      auto reply = ToMessage(refusal, message.version(), false, request_id, tls_context != nullptr);
      connection->transport().expires_after(kWriteTimeout);
      co_await bhttp::async_write(stream, reply, asio::as_tuple(asio::use_awaitable));
      co_return;
    }
    co_await RunVisitorSession(
        stream, std::move(message), std::move(*admitted.result),
        VisitorSessionContext{.endpoint = *visitor_endpoint, .pool = workers.get_executor()});
  }

  // GET /api/v1/stream: admitted on the read pool (authentication reads storage), then run as a
  // WebSocket until either side closes; a refusal is an ordinary problem response.
  template <class Stream>
  asio::awaitable<void> ServeStream(Stream& stream, std::shared_ptr<Connection> connection,
                                    bhttp::request<bhttp::string_body> message) {
    const auto started = std::chrono::steady_clock::now();
    const bool upgrade = IsWebSocketUpgrade(message);
    auto head = RequestHead(message);
    // co_spawn needs a default-constructible result.
    struct Admitted {
      Result<StreamAdmission> result = Error::Malformed("The request target is not a valid URL.");
    };
    Admitted admitted;
    if (head.ok()) {
      beast::error_code ignored;
      head->remote_address =
          connection->transport().socket().remote_endpoint(ignored).address().to_string();
      admitted = co_await asio::co_spawn(
          readers,
          [this, &head, upgrade]() -> asio::awaitable<Admitted> {
            Admitted out{.result = stream_endpoint->Admit(*head, upgrade)};
            if (out.result.ok()) {
              if (auto retry_after = rate_limiter.Take(out.result->caller.principal)) {
                out.result =
                    Error::RateLimited("Rate limit reached; retry in " +
                                           std::to_string(retry_after->count()) + " seconds.",
                                       *retry_after);
              }
            }
            co_return out;
          },
          asio::use_awaitable);
    }
    const std::string request_id = head.ok() ? head->request_id : NewId("req");
    if (!admitted.result.ok()) {
      Response refusal = ProblemResponse(admitted.result.error(), std::string(kStreamPath));
      other_metrics.Record(refusal.status, std::chrono::microseconds(0));
      spdlog::info("GET {} {} {}", kStreamPath, refusal.status, request_id);
      auto reply = ToMessage(refusal, message.version(), false, request_id, tls_context != nullptr);
      connection->transport().expires_after(kWriteTimeout);
      co_await bhttp::async_write(stream, reply, asio::as_tuple(asio::use_awaitable));
      co_return;
    }
    spdlog::info("GET {} 101 {}", kStreamPath, request_id);
    co_await RunStreamSession(stream, std::move(message), std::move(*head),
                              std::move(*admitted.result),
                              StreamSessionContext{.endpoint = *stream_endpoint,
                                                   .pool = readers.get_executor(),
                                                   .recheck_interval = options.stream_recheck});
    const auto open_for = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::steady_clock::now() - started);
    spdlog::info("GET {} closed after {}s {}", kStreamPath, open_for.count(), request_id);
  }

  // Sets `cancelled` when the client closes the connection (or it resets) before the answer is
  // ready. Readable-with-data means a pipelined next request: that is not a hang-up, and the
  // watch simply ends. Over TLS a close arrives as an alert record (data), so only a reset or a
  // bare FIN is noticed there.
  static void WatchForHangUp(const std::shared_ptr<Connection>& connection,
                             const std::shared_ptr<std::atomic<bool>>& cancelled) {
    auto& socket = connection->transport().socket();
    socket.async_wait(
        tcp::socket::wait_read, [connection, cancelled](const beast::error_code& error) {
          if (error) return;  // cancelled: the answer was ready first
          char byte;
          auto& watched = connection->transport().socket();
          const ssize_t n = ::recv(watched.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
          if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
            cancelled->store(true);
          }
        });
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
    {
      std::lock_guard lock(stop_mutex);
      if (stopping.exchange(true)) return;
    }
    stop_cv.notify_all();
    beast::error_code ignored;
    acceptor.close(ignored);
    // Live streams never go idle: tell their clients the server is going away.
    if (stream_endpoint != nullptr) stream_endpoint->stream().Stop();
    if (visitor_endpoint != nullptr) visitor_endpoint->hub().CloseAll("server shutting down");
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
  asio::thread_pool workers;  // writes: many, since they mostly wait on a group commit
  asio::thread_pool readers;  // reads: about the cores
  tcp::acceptor acceptor;
  asio::signal_set signals;
  std::unique_ptr<asio::ssl::context> tls_context;     // set by Listen when TLS is configured
  StreamEndpoint* stream_endpoint = nullptr;           // set by EnableStream before Run
  VisitorEndpoint* visitor_endpoint = nullptr;         // set by EnableChat before Run
  std::map<const Route*, RouteMetrics> route_metrics;  // built in the constructor, then read-only
  RouteMetrics other_metrics;
  std::atomic<bool> stopping = false;
  std::mutex stop_mutex;
  std::condition_variable stop_cv;  // signalled when `stopping` turns true
  std::atomic<int> in_flight = 0;
  std::mutex connections_mutex;
  std::unordered_map<uint64_t, std::weak_ptr<Connection>> connections;  // GUARDED_BY(mutex)
  uint64_t next_connection_id = 0;                                      // accept loop only
};

HttpServer::HttpServer(ServerOptions options, const Router& router, Authenticator& authenticator)
    : impl_(std::make_unique<Impl>(std::move(options), router, authenticator)) {}

HttpServer::~HttpServer() {
  impl_->workers.join();
  impl_->readers.join();
}

void HttpServer::EnableStream(StreamEndpoint& endpoint) { impl_->stream_endpoint = &endpoint; }

void HttpServer::EnableChat(VisitorEndpoint& endpoint) { impl_->visitor_endpoint = &endpoint; }

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
  // Sleep until the stop begins (an idle server must not wake up on a timer), then wait for
  // in-flight requests, polling briefly, bounded by drain_timeout.
  {
    std::unique_lock lock(impl.stop_mutex);
    impl.stop_cv.wait(lock, [&impl] { return impl.stopping.load(); });
  }
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
  impl.readers.join();
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
