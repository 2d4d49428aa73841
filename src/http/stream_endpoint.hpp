// StreamEndpoint: the HTTP side of GET /api/v1/stream before and while it is a WebSocket — who
// may open it, from where, and from which seq (docs/design/stream.md). The server hands it the
// request head of a stream request; the WebSocket session (websocket_session.hpp) then runs the
// connection against the EventStream.
//
// A browser's WebSocket carries the session cookie but no CSRF header, so a cookie-authenticated
// upgrade must name this site as its Origin (no cross-site WebSocket hijacking); tokens
// (Authorization: Bearer) need no Origin. Holds references only; thread-safe (Admit and Recheck
// block on storage: call them on a worker pool).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "common/result.hpp"
#include "http/authenticator.hpp"
#include "http/caller.hpp"
#include "http/event_stream.hpp"
#include "http/message.hpp"
#include "http/presence.hpp"

namespace rapport::http {

inline constexpr std::string_view kStreamPath = "/api/v1/stream";

struct StreamAdmission {
  Caller caller;
  std::optional<int64_t> after;  // the last seq the client saw (?after=N)
};

class StreamEndpoint {
 public:
  StreamEndpoint(EventStream& stream, Authenticator& authenticator)
      : stream_(stream), authenticator_(authenticator) {}

  EventStream& stream() { return stream_; }

  // The caller, when `head` may open the stream: authenticated, same-origin for a cookie, a
  // WebSocket upgrade (`is_upgrade`), and `after` a seq. Errors name the field at fault.
  Result<StreamAdmission> Admit(const Request& head, bool is_upgrade) const;
  // The caller's access now, for an open stream (its credential may have been revoked, its
  // roles changed): kUnauthenticated when the credential no longer holds.
  Result<std::shared_ptr<const access::Access>> Recheck(const Request& head) const;

  // Presence on tickets (presence.hpp): `may_read` says whether a caller reads a ticket (it
  // blocks on storage). Set once before serving; without it presence messages are refused.
  using TicketCheck = std::function<bool(const access::Access&, const std::string& ticket_id)>;
  void EnablePresence(TicketCheck may_read) { may_read_ticket_ = std::move(may_read); }
  bool presence_enabled() const { return static_cast<bool>(may_read_ticket_); }
  bool MayReadTicket(const access::Access& access, const std::string& ticket_id) const {
    return may_read_ticket_ && may_read_ticket_(access, ticket_id);
  }
  PresenceBoard& presence() { return presence_; }

 private:
  EventStream& stream_;
  Authenticator& authenticator_;
  TicketCheck may_read_ticket_;
  PresenceBoard presence_;
};

}  // namespace rapport::http
