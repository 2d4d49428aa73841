#include "cli/remote_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace rapport::cli {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

// Responses a command reads are job descriptions and error reports: bounded, but an error
// report of 10,000 rows is a few MB.
constexpr uint64_t kMaxResponseBytes = uint64_t{256} << 20;

template <class Stream>
Result<RemoteResponse> Exchange(Stream& stream, bhttp::request<bhttp::string_body>& request) {
  beast::error_code error;
  bhttp::write(stream, request, error);
  if (error) return Error::Unavailable("could not send the request: " + error.message());
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(kMaxResponseBytes);
  bhttp::read(stream, buffer, parser, error);
  if (error) return Error::Unavailable("could not read the response: " + error.message());
  auto& response = parser.get();
  return RemoteResponse{.status = static_cast<int>(response.result_int()),
                        .content_type = std::string(response[bhttp::field::content_type]),
                        .location = std::string(response[bhttp::field::location]),
                        .body = std::move(response.body())};
}

}  // namespace

std::string UrlEncode(const std::string& value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Result<RemoteClient> RemoteClient::Create(const std::string& base_url, std::string token) {
  RemoteClient client;
  std::string rest;
  if (base_url.rfind("http://", 0) == 0) {
    rest = base_url.substr(7);
  } else if (base_url.rfind("https://", 0) == 0) {
    client.tls_ = true;
    rest = base_url.substr(8);
  } else {
    return Error::Invalid("--server", "must be an http:// or https:// URL");
  }
  const size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  client.prefix_ = slash == std::string::npos ? "" : rest.substr(slash);
  while (!client.prefix_.empty() && client.prefix_.back() == '/') client.prefix_.pop_back();
  const size_t colon = authority.rfind(':');
  if (colon != std::string::npos && authority.find(']') == std::string::npos) {
    client.host_ = authority.substr(0, colon);
    client.port_ = authority.substr(colon + 1);
  } else {
    client.host_ = authority;
    client.port_ = client.tls_ ? "443" : "80";
  }
  if (client.host_.empty()) return Error::Invalid("--server", "names no host");
  if (token.empty()) return Error::Invalid("--token", "is required with --server");
  client.token_ = std::move(token);
  return client;
}

Result<RemoteResponse> RemoteClient::Send(const std::string& method, const std::string& target,
                                          const std::string& body,
                                          const std::string& content_type) const {
  asio::io_context io;
  tcp::resolver resolver(io);
  beast::error_code error;
  auto endpoints = resolver.resolve(host_, port_, error);
  if (error) return Error::Unavailable("cannot resolve " + host_ + ": " + error.message());
  bhttp::request<bhttp::string_body> request(bhttp::string_to_verb(method), prefix_ + target, 11);
  request.set(bhttp::field::host, host_);
  request.set(bhttp::field::user_agent, "rapport-cli");
  request.set(bhttp::field::authorization, "Bearer " + token_);
  request.set(bhttp::field::accept, "application/json, text/csv");
  if (!body.empty() || method == "POST") {
    request.set(bhttp::field::content_type, content_type);
    request.body() = body;
    request.prepare_payload();
  }
  if (!tls_) {
    beast::tcp_stream stream(io);
    stream.connect(endpoints, error);
    if (error) return Error::Unavailable("cannot connect to " + host_ + ":" + port_);
    return Exchange(stream, request);
  }
  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.set_default_verify_paths();
  tls.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(io, tls);
  SSL_set_tlsext_host_name(stream.native_handle(), host_.c_str());
  stream.set_verify_callback(asio::ssl::host_name_verification(host_));
  beast::get_lowest_layer(stream).connect(endpoints, error);
  if (error) return Error::Unavailable("cannot connect to " + host_ + ":" + port_);
  stream.handshake(asio::ssl::stream_base::client, error);
  if (error)
    return Error::Unavailable("TLS handshake with " + host_ + " failed: " + error.message());
  return Exchange(stream, request);
}

}  // namespace rapport::cli
