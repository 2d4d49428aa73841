#include "http/websocket_session.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <chrono>
#include <deque>
#include <mutex>

#include "common/json.hpp"

namespace rapport::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using namespace asio::experimental::awaitable_operators;

// A client's messages are tiny (a ping, a presence line); anything larger is refused by Beast
// (1009).
constexpr size_t kMaxClientMessage = 4096;
// A client that lets this much pile up is too slow to follow: it is closed and reconnects with
// its last seq (the catch-up costs less than holding an unbounded queue per client).
constexpr size_t kMaxQueuedFrames = 2048;
constexpr size_t kMaxQueuedBytes = size_t{4} * 1024 * 1024;
// Client messages per minute: pings and presence (a few a minute per open ticket, typing
// throttled by the app) stay well below; a flood is closed.
constexpr int kMaxClientMessagesPerMinute = 120;

// The per-connection queue between the EventStream's thread (Send, Close) and the writer
// coroutine on the connection's strand. `wake` is touched only on the strand.
// A visitor's connection is the same queue; the ChatHub also pokes it (VisitorSink): Send
// overrides both interfaces' Send.
class SessionClient final : public StreamClient,
                            public support::chat::VisitorSink,
                            public std::enable_shared_from_this<SessionClient> {
 public:
  explicit SessionClient(const asio::any_io_executor& executor)
      : executor_(executor), wake(executor) {}

  bool Send(std::string frame) override {
    bool queued = false;
    {
      std::lock_guard lock(mutex_);
      if (close_) return false;
      if (frames_.size() >= kMaxQueuedFrames || bytes_ + frame.size() > kMaxQueuedBytes) {
        close_ = websocket::close_reason(websocket::close_code::policy_error,
                                         "too slow: reconnect with after=<last seq>");
      } else {
        bytes_ += frame.size();
        frames_.push_back(std::move(frame));
        queued = true;
      }
    }
    Wake();
    return queued;
  }

  void Close(std::string_view reason) override {
    CloseWith(websocket::close_reason(websocket::close_code::going_away, std::string(reason)));
  }

  void CloseWith(websocket::close_reason reason) {
    {
      std::lock_guard lock(mutex_);
      if (!close_) close_ = std::move(reason);
    }
    Wake();
  }

  void Poke() override {
    {
      std::lock_guard lock(mutex_);
      poked_ = true;
    }
    Wake();
  }
  bool TakePoke() {
    std::lock_guard lock(mutex_);
    return std::exchange(poked_, false);
  }

  // The reader ended (the peer closed or the connection broke): the writer stops too.
  void MarkGone() {
    {
      std::lock_guard lock(mutex_);
      gone_ = true;
    }
    Wake();
  }

  std::deque<std::string> Take() {
    std::lock_guard lock(mutex_);
    bytes_ = 0;
    return std::exchange(frames_, {});
  }
  std::optional<websocket::close_reason> close_reason() const {
    std::lock_guard lock(mutex_);
    return close_;
  }
  bool gone() const {
    std::lock_guard lock(mutex_);
    return gone_;
  }

 private:
  void Wake() {
    asio::post(executor_, [self = shared_from_this()] { self->wake.cancel(); });
  }

  asio::any_io_executor executor_;
  mutable std::mutex mutex_;
  std::deque<std::string> frames_;                // GUARDED_BY(mutex_)
  size_t bytes_ = 0;                              // GUARDED_BY(mutex_)
  std::optional<websocket::close_reason> close_;  // GUARDED_BY(mutex_)
  bool gone_ = false;                             // GUARDED_BY(mutex_)
  bool poked_ = false;                            // GUARDED_BY(mutex_)

 public:
  asio::steady_timer wake;  // the writer sleeps on it; cancelled to wake it
};

std::string ErrorFrame(std::string_view detail) {
  return ToJsonString(json::object{{"type", "error"}, {"detail", detail}});
}

// What the session knows of its caller; touched only on the connection's strand.
struct SessionCaller {
  std::shared_ptr<const access::Access> access;  // updated by the periodic recheck
  std::string user_id;
  uint64_t id = 0;  // the EventStream's id for this connection, also its presence key
};

// One client message: a ping is answered; presence (presence.hpp) is admitted only for a
// ticket the caller reads, checked on the worker pool (it reads storage).
asio::awaitable<void> HandleMessage(std::string_view text,
                                    const std::shared_ptr<SessionClient>& client,
                                    SessionCaller& caller, StreamSessionContext& context) {
  auto message = ParseJsonObject(text);
  const json::value* type = message.ok() ? message->if_contains("type") : nullptr;
  if (type != nullptr && type->is_string() && type->as_string() == "ping") {
    client->Send(R"({"type":"pong"})");
    co_return;
  }
  if (type == nullptr || !type->is_string() || type->as_string() != "presence") {
    client->Send(ErrorFrame(R"(The stream accepts {"type":"ping"} and {"type":"presence",…}.)"));
    co_return;
  }
  auto presence = ParsePresence(*message);
  if (!presence.ok()) {
    client->Send(ErrorFrame("presence: " + presence.error().field_errors.at(0).field + " " +
                            presence.error().field_errors.at(0).message));
    co_return;
  }
  if (presence->state != "left") {
    auto access = caller.access;
    const bool readable = co_await asio::co_spawn(
        context.pool,
        [&]() -> asio::awaitable<bool> {
          co_return context.endpoint.MayReadTicket(*access, presence->ticket);
        },
        asio::use_awaitable);
    if (!readable) {
      client->Send(ErrorFrame("presence: no ticket " + presence->ticket));
      co_return;
    }
  }
  Status updated = context.endpoint.presence().Update(caller.id, client, caller.user_id, *presence);
  if (!updated.ok()) client->Send(ErrorFrame(updated.error().message));
}

template <class Ws>
asio::awaitable<void> ReadMessages(Ws& ws, std::shared_ptr<SessionClient> client,
                                   SessionCaller& caller, StreamSessionContext& context) {
  beast::flat_buffer buffer;
  auto window_start = std::chrono::steady_clock::now();
  int in_window = 0;
  while (true) {
    auto [error, bytes] = co_await ws.async_read(buffer, asio::as_tuple(asio::use_awaitable));
    if (error) break;
    (void)bytes;
    const auto now = std::chrono::steady_clock::now();
    if (now - window_start > std::chrono::minutes(1)) {
      window_start = now;
      in_window = 0;
    }
    if (++in_window > kMaxClientMessagesPerMinute) {
      client->CloseWith(
          websocket::close_reason(websocket::close_code::policy_error, "too many messages"));
      break;
    }
    const std::string text = beast::buffers_to_string(buffer.data());
    buffer.consume(buffer.size());
    co_await HandleMessage(text, client, caller, context);
  }
  client->MarkGone();
}

template <class Ws>
asio::awaitable<void> WriteFrames(Ws& ws, std::shared_ptr<SessionClient> client,
                                  SessionCaller& caller, const Request& head,
                                  StreamSessionContext& context) {
  auto next_check = std::chrono::steady_clock::now() + context.recheck_interval;
  while (true) {
    auto frames = client->Take();
    for (auto& frame : frames) {
      ws.text(true);
      auto [error, written] =
          co_await ws.async_write(asio::buffer(frame), asio::as_tuple(asio::use_awaitable));
      (void)written;
      if (error) {
        beast::get_lowest_layer(ws).cancel();  // ends the reader's wait too
        co_return;
      }
    }
    if (!frames.empty()) continue;
    if (auto reason = client->close_reason()) {
      auto [error] = co_await ws.async_close(*reason, asio::as_tuple(asio::use_awaitable));
      if (error) beast::get_lowest_layer(ws).cancel();
      co_return;
    }
    if (client->gone()) co_return;
    client->wake.expires_at(next_check);
    auto [waited] = co_await client->wake.async_wait(asio::as_tuple(asio::use_awaitable));
    if (waited) continue;  // woken: frames, a close, or the reader ended
    next_check = std::chrono::steady_clock::now() + context.recheck_interval;
    struct Rechecked {  // co_spawn needs a default-constructible result
      Result<std::shared_ptr<const access::Access>> result = Error::Unavailable("not checked");
    };
    auto rechecked = co_await asio::co_spawn(
        context.pool,
        [&]() -> asio::awaitable<Rechecked> {
          co_return Rechecked{.result = context.endpoint.Recheck(head)};
        },
        asio::use_awaitable);
    const auto& access = rechecked.result;
    if (access.ok()) {
      context.endpoint.stream().UpdateAccess(caller.id, *access);
      caller.access = *access;
    } else if (access.error().code == ErrorCode::kUnauthenticated) {
      client->CloseWith(websocket::close_reason(websocket::close_code::policy_error,
                                                "credentials no longer valid"));
    }  // other failures (storage busy): keep the access it had, check again next time
  }
}

template <class Stream>
asio::awaitable<void> RunSession(Stream& stream, StreamRequest request, Request head,
                                 StreamAdmission admission, StreamSessionContext context) {
  websocket::stream<Stream&> ws(stream);
  // The WebSocket's own timeouts (handshake, idle with keep-alive pings) replace the HTTP ones.
  beast::get_lowest_layer(ws).expires_never();
  ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
    response.set(beast::http::field::server, "rapport");
  }));
  ws.read_message_max(kMaxClientMessage);
  auto [accept_error] = co_await ws.async_accept(request, asio::as_tuple(asio::use_awaitable));
  if (accept_error) co_return;

  auto client = std::make_shared<SessionClient>(co_await asio::this_coro::executor);
  auto id = context.endpoint.stream().Attach(client, admission.caller.principal,
                                             admission.caller.access, admission.after);
  if (!id.ok()) {
    const auto code = id.error().code == ErrorCode::kRateLimited
                          ? websocket::close_code::try_again_later
                          : websocket::close_code::going_away;
    auto [error] = co_await ws.async_close(websocket::close_reason(code, id.error().message),
                                           asio::as_tuple(asio::use_awaitable));
    (void)error;
    co_return;
  }
  SessionCaller caller{
      .access = admission.caller.access, .user_id = admission.caller.user_id, .id = *id};
  co_await (ReadMessages(ws, client, caller, context) &&
            WriteFrames(ws, client, caller, head, context));
  context.endpoint.presence().Leave(*id);
  context.endpoint.stream().Detach(*id);
}

// ---- The chat widget's socket (GET /widget/ws) ------------------------------------------------

// A visitor's frames are small (a message is at most 4,000 characters, up to 16 KiB of UTF-8
// and JSON escapes); larger ones close with 1009.
constexpr size_t kMaxVisitorMessage = 16 * 1024;
// A person types a few messages a minute; typing notices are throttled by the widget.
constexpr int kMaxVisitorMessagesPerMinute = 60;

std::atomic<uint64_t> next_visitor_key{1};

// The state a visitor connection shares between its reader and writer; `mutex` serialises the
// endpoint calls made for it on the worker pool.
struct VisitorConnection {
  uint64_t key = 0;
  std::mutex mutex;
  VisitorState state;                   // GUARDED_BY(mutex)
  std::optional<std::string> followed;  // GUARDED_BY(mutex): the conversation the hub knows
};

// Runs `work` (an endpoint call) on the pool under the connection's mutex, then queues its
// frames and follows the conversation it is now on.
template <class Work>
asio::awaitable<void> OnPool(VisitorSessionContext& context,
                             const std::shared_ptr<VisitorConnection>& connection,
                             const std::shared_ptr<SessionClient>& client, Work work) {
  struct Done {
    std::vector<std::string> frames;
  };
  auto done = co_await asio::co_spawn(
      context.pool,
      [&]() -> asio::awaitable<Done> {
        std::lock_guard lock(connection->mutex);
        Done out{.frames = work(connection->state)};
        if (connection->state.conversation_id &&
            connection->state.conversation_id != connection->followed) {
          connection->followed = connection->state.conversation_id;
          context.endpoint.hub().Follow(connection->key, *connection->state.conversation_id,
                                        client);
        }
        co_return out;
      },
      asio::use_awaitable);
  for (auto& frame : done.frames) client->Send(std::move(frame));
}

template <class Ws>
asio::awaitable<void> ReadVisitorFrames(Ws& ws, std::shared_ptr<SessionClient> client,
                                        std::shared_ptr<VisitorConnection> connection,
                                        VisitorSessionContext& context) {
  beast::flat_buffer buffer;
  auto window_start = std::chrono::steady_clock::now();
  int in_window = 0;
  while (true) {
    // Beast refuses invalid UTF-8 in a text frame (1007) and frames over the limit (1009).
    auto [error, bytes] = co_await ws.async_read(buffer, asio::as_tuple(asio::use_awaitable));
    if (error) break;
    (void)bytes;
    if (ws.got_binary()) {
      client->CloseWith(
          websocket::close_reason(websocket::close_code::unknown_data, "frames are JSON text"));
      break;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - window_start > std::chrono::minutes(1)) {
      window_start = now;
      in_window = 0;
    }
    if (++in_window > kMaxVisitorMessagesPerMinute) {
      client->CloseWith(
          websocket::close_reason(websocket::close_code::policy_error, "too many messages"));
      break;
    }
    std::string text = beast::buffers_to_string(buffer.data());
    buffer.consume(buffer.size());
    co_await OnPool(context, connection, client,
                    [&](VisitorState& state) { return context.endpoint.HandleFrame(state, text); });
  }
  client->MarkGone();
}

template <class Ws>
asio::awaitable<void> WriteVisitorFrames(Ws& ws, std::shared_ptr<SessionClient> client,
                                         std::shared_ptr<VisitorConnection> connection,
                                         VisitorSessionContext& context) {
  while (true) {
    auto frames = client->Take();
    for (auto& frame : frames) {
      ws.text(true);
      auto [error, written] =
          co_await ws.async_write(asio::buffer(frame), asio::as_tuple(asio::use_awaitable));
      (void)written;
      if (error) {
        beast::get_lowest_layer(ws).cancel();
        co_return;
      }
    }
    if (!frames.empty()) continue;
    if (auto reason = client->close_reason()) {
      auto [error] = co_await ws.async_close(*reason, asio::as_tuple(asio::use_awaitable));
      if (error) beast::get_lowest_layer(ws).cancel();
      co_return;
    }
    if (client->gone()) co_return;
    if (client->TakePoke()) {
      co_await OnPool(context, connection, client,
                      [&](VisitorState& state) { return context.endpoint.Refresh(state); });
      continue;
    }
    // An idle visitor costs nothing: the writer sleeps until a frame, a poke or the end.
    client->wake.expires_at(std::chrono::steady_clock::time_point::max());
    auto [waited] = co_await client->wake.async_wait(asio::as_tuple(asio::use_awaitable));
    (void)waited;
  }
}

template <class Stream>
asio::awaitable<void> RunVisitor(Stream& stream, StreamRequest request, VisitorAdmission admission,
                                 VisitorSessionContext context) {
  websocket::stream<Stream&> ws(stream);
  beast::get_lowest_layer(ws).expires_never();
  ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
    response.set(beast::http::field::server, "rapport");
  }));
  ws.read_message_max(kMaxVisitorMessage);
  auto [accept_error] = co_await ws.async_accept(request, asio::as_tuple(asio::use_awaitable));
  if (!accept_error) {
    auto client = std::make_shared<SessionClient>(co_await asio::this_coro::executor);
    auto connection = std::make_shared<VisitorConnection>();
    connection->key = next_visitor_key.fetch_add(1);
    connection->state.origin = admission.origin;
    connection->state.address = admission.address;
    if (!context.endpoint.hub().Follow(connection->key, "", client)) {
      client->Close("too many chat connections");
    }
    co_await (ReadVisitorFrames(ws, client, connection, context) &&
              WriteVisitorFrames(ws, client, connection, context));
    context.endpoint.hub().Leave(connection->key);
  }
  context.endpoint.Release(admission);
}

}  // namespace

asio::awaitable<void> RunVisitorSession(beast::tcp_stream& stream, StreamRequest request,
                                        VisitorAdmission admission, VisitorSessionContext context) {
  return RunVisitor(stream, std::move(request), std::move(admission), context);
}

asio::awaitable<void> RunVisitorSession(beast::ssl_stream<beast::tcp_stream>& stream,
                                        StreamRequest request, VisitorAdmission admission,
                                        VisitorSessionContext context) {
  return RunVisitor(stream, std::move(request), std::move(admission), context);
}

bool IsWebSocketUpgrade(const StreamRequest& request) { return websocket::is_upgrade(request); }

asio::awaitable<void> RunStreamSession(beast::tcp_stream& stream, StreamRequest request,
                                       Request head, StreamAdmission admission,
                                       StreamSessionContext context) {
  return RunSession(stream, std::move(request), std::move(head), std::move(admission), context);
}

asio::awaitable<void> RunStreamSession(beast::ssl_stream<beast::tcp_stream>& stream,
                                       StreamRequest request, Request head,
                                       StreamAdmission admission, StreamSessionContext context) {
  return RunSession(stream, std::move(request), std::move(head), std::move(admission), context);
}

}  // namespace rapport::http
