#include "http/stream_endpoint.hpp"

#include <charconv>

namespace rapport::http {
namespace {

// A browser always sends Origin with a WebSocket handshake; it must be this site.
bool FromThisSite(const Request& head) {
  const auto origin = head.Header("origin");
  const auto host = head.Header("host");
  return origin && host && (*origin == "http://" + *host || *origin == "https://" + *host);
}

Result<std::optional<int64_t>> ParseAfter(const Request& head) {
  const auto text = head.Query("after");
  if (!text) return std::optional<int64_t>();
  int64_t value = -1;
  const char* end = text->data() + text->size();
  auto [at, error] = std::from_chars(text->data(), end, value);
  if (error != std::errc() || at != end || value < 0) {
    return Error::Invalid("after", "must be the seq of the last event received (an integer >= 0)");
  }
  return std::optional<int64_t>(value);
}

}  // namespace

Result<StreamAdmission> StreamEndpoint::Admit(const Request& head, bool is_upgrade) const {
  RAPPORT_ASSIGN_OR_RETURN(Caller caller, authenticator_.Authenticate(head));
  if (!caller.session_id.empty() && !FromThisSite(head)) {
    return Error::PermissionDenied("A signed-in stream must be opened by this site's pages.");
  }
  if (!is_upgrade) {
    return Error::Malformed(
        "GET /api/v1/stream is a WebSocket: send Connection: Upgrade and Upgrade: websocket.");
  }
  RAPPORT_ASSIGN_OR_RETURN(auto after, ParseAfter(head));
  return StreamAdmission{.caller = std::move(caller), .after = after};
}

Result<std::shared_ptr<const access::Access>> StreamEndpoint::Recheck(const Request& head) const {
  RAPPORT_ASSIGN_OR_RETURN(Caller caller, authenticator_.Authenticate(head));
  return caller.access;
}

}  // namespace rapport::http
