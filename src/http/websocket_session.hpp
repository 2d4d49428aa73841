// The WebSocket side of GET /api/v1/stream (docs/design/stream.md): after the server has read a
// stream request and StreamEndpoint has admitted it, RunStreamSession completes the handshake and
// runs the connection until either side closes — a writer sends the frames the EventStream
// queues for this client, a reader answers the client's small messages (ping; presence on a
// ticket, presence.hpp), and periodically the credential is checked again so that a revoked
// token or a changed role takes effect on an open stream too.
//
// RunVisitorSession does the same for the chat widget's GET /widget/ws (visitor_endpoint.hpp):
// a reader that hands each client frame to the endpoint on the worker pool, a writer that sends
// the answers and, when the ChatHub pokes the connection, what changed in storage.
//
// Kept out of server.cpp so that only this translation unit includes Beast's WebSocket headers.
// Runs on the connection's strand; the stream passed in must outlive the returned awaitable.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>

#include "http/message.hpp"
#include "http/stream_endpoint.hpp"
#include "http/visitor_endpoint.hpp"

namespace rapport::http {

struct StreamSessionContext {
  StreamEndpoint& endpoint;
  boost::asio::any_io_executor pool;  // where the periodic credential check runs (it blocks)
  std::chrono::seconds recheck_interval;
};

using StreamRequest = boost::beast::http::request<boost::beast::http::string_body>;

// Whether the request asks for a WebSocket (Connection: Upgrade, Upgrade: websocket).
bool IsWebSocketUpgrade(const StreamRequest& request);

boost::asio::awaitable<void> RunStreamSession(boost::beast::tcp_stream& stream,
                                              StreamRequest request, Request head,
                                              StreamAdmission admission,
                                              StreamSessionContext context);
boost::asio::awaitable<void> RunStreamSession(
    boost::beast::ssl_stream<boost::beast::tcp_stream>& stream, StreamRequest request, Request head,
    StreamAdmission admission, StreamSessionContext context);

struct VisitorSessionContext {
  VisitorEndpoint& endpoint;
  boost::asio::any_io_executor pool;  // where frames are handled (they block on storage)
};

boost::asio::awaitable<void> RunVisitorSession(boost::beast::tcp_stream& stream,
                                               StreamRequest request, VisitorAdmission admission,
                                               VisitorSessionContext context);
boost::asio::awaitable<void> RunVisitorSession(
    boost::beast::ssl_stream<boost::beast::tcp_stream>& stream, StreamRequest request,
    VisitorAdmission admission, VisitorSessionContext context);

}  // namespace rapport::http
