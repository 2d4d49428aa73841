// TicketService: the service desk's public face — open tickets, write replies and notes, change
// a ticket's fields and status, merge, split, close solved tickets after N days, record the mail
// part's delivery outcome (docs/design/support.md).
//
// Every change is written in one transaction with its domain event (outbox), the entry on the
// customer's timeline (interactions area) and its audit entry. Changes carry the ticket's version
// (If-Match): a stale one is kPreconditionFailed and nothing is written. Every call takes the
// caller's Access; a ticket the caller may not read is "not found". Returns API-shaped JSON. Holds
// only a reference to the Database; thread-safe. Calls block on storage: call from worker
// threads, never from I/O threads.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/page.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::support {

// How long a solved ticket stays solved before the system closes it, unless configured.
inline constexpr int kDefaultAutoCloseDays = 4;
// Tickets closed per transaction by AutoClose: bounds one write's time on the single writer.
inline constexpr int64_t kAutoCloseBatch = 500;

// A page of tickets: GET /tickets (q, sort, cursor) and POST /tickets/search (filter too).
struct TicketQuery {
  json::value filter;                // ticket_filter.hpp; null = all
  std::optional<std::string> q;      // "#1042" or "1042": that number; else words in the subject
  std::string sort = "-updated_at";  // [-]updated_at, [-]created_at, [-]number
  int limit = kDefaultPageSize;
  std::optional<std::string> cursor;
};

class TicketService {
 public:
  explicit TicketService(storage::Database& database) : database_(database) {}

  using Access = access::Access;

  // {subject, customer_id | requester {email|phone, name?}, channel?, priority?, type?,
  // queue_id?, assignee_id?, tags?, follower_ids?, custom_fields?, message {body_text, …}}.
  Result<json::object> Create(const Access& access, const storage::WriteContext& context,
                              const json::object& input);
  Result<json::object> Get(const Access& access, const std::string& id);
  // Keyset-paged under the caller's access (tickets of customers whose timelines it reads).
  Result<Page> List(const Access& access, const TicketQuery& query);
  // `if_version`: the version the caller last saw (If-Match); kPreconditionFailed when stale.
  Result<json::object> Update(const Access& access, const storage::WriteContext& context,
                              const std::string& id, const json::object& patch,
                              std::optional<int64_t> if_version);
  // A reply or note; {message, ticket}. A customer's message to a closed ticket lands on a new
  // linked ticket (the answer's `ticket`); a repeated Message-ID answers kConflict.
  Result<json::object> AddMessage(const Access& access, const storage::WriteContext& context,
                                  const std::string& id, const json::object& input,
                                  std::optional<int64_t> if_version);
  // The conversation, oldest first, notes included (staff only: callers who may read the ticket).
  Result<json::array> Messages(const Access& access, const std::string& id);
  // Merges ticket `id` into `into` (same customer); answers the target ticket.
  Result<json::object> Merge(const Access& access, const storage::WriteContext& context,
                             const std::string& id, const std::string& into,
                             std::optional<int64_t> if_version);
  // Moves message `message_id` to a new ticket linked to `id`; answers the new ticket.
  // `input`: {subject?}.
  Result<json::object> Split(const Access& access, const storage::WriteContext& context,
                             const std::string& id, const std::string& message_id,
                             const json::object& input);
  // Closes tickets solved before `cutoff` (RFC 3339), in batches; how many closed.
  Result<int64_t> AutoClose(const storage::WriteContext& context, const std::string& cutoff);
  // The mail part's outcome for an outbound reply: "sent", or "failed" with `error`.
  Status RecordDelivery(const storage::WriteContext& context, const std::string& message_id,
                        const std::string& delivery, const std::optional<std::string>& error);
  // How many readable tickets each inbox view holds: {mine, unassigned, pending, unsolved, all,
  // capped_at} ("mine" and "unassigned" count unsolved tickets; `user_id` is the caller's). A
  // count stops at `cap` (then it equals `capped_at`: "at least that many").
  static constexpr int64_t kCountCap = 1000;
  Result<json::object> Counts(const Access& access, const std::string& user_id,
                              int64_t cap = kCountCap);

 private:
  storage::Database& database_;
};

}  // namespace rapport::support
