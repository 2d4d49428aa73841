// The support area's SQL: tickets (with tags and followers), their messages and the ticket
// number counter (migration 0018). Private to src/support/: other areas reach tickets through
// TicketService. Plain functions over an open transaction; no rules are decided here except the
// version check, which is part of the UPDATE itself so no concurrent change can slip between a
// read and a write. Stateless; thread-safety is the Tx's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "storage/database.hpp"

namespace rapport::support {

struct Ticket {
  std::string id;
  int64_t number = 0;
  std::string subject;
  std::string customer_id;
  std::optional<std::string> requester;
  std::string status = "new";
  std::string priority = "normal";
  std::optional<std::string> type;
  std::string channel = "api";
  std::optional<std::string> queue_id;
  std::optional<std::string> assignee_id;
  json::object custom_fields;
  std::optional<std::string> merged_into;
  std::optional<std::string> linked_ticket_id;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> first_response_at;
  std::optional<std::string> solved_at;
  std::optional<std::string> closed_at;
  int64_t version = 1;
  std::vector<std::string> tags;          // sorted, distinct
  std::vector<std::string> follower_ids;  // sorted, distinct
  json::value sla;  // the evaluated SLA clock, read-only here: written by ticket_sla.cpp
};

struct Message {
  std::string id;
  std::string ticket_id;
  std::string customer_id;
  std::string kind = "reply";  // reply | note
  std::string author_type = "staff";
  std::optional<std::string> author_id;
  std::string body_text;
  std::optional<std::string> body_html;
  std::optional<std::string> message_id;
  std::optional<std::string> in_reply_to;
  json::array references;
  std::optional<std::string> delivery;
  std::optional<std::string> delivery_error;
  std::string created_at;
};

json::object TicketToJson(const Ticket& ticket);
json::object MessageToJson(const Message& message);

namespace store {

// The next number from the `ticket_number` counter, taken inside the creating transaction.
Result<int64_t> NextTicketNumber(storage::Tx& tx);
Status InsertTicket(storage::Tx& tx, const Ticket& ticket);
Result<std::optional<Ticket>> LoadTicket(storage::Tx& tx, const std::string& id);
// The tickets of `ids` in that order (missing ones left out), with tags and followers: three
// queries for any number of tickets (a page of the inbox).
Result<std::vector<Ticket>> LoadTickets(storage::Tx& tx, const std::vector<std::string>& ids);
// Writes every changed column of `ticket` with version `ticket.version + 1` when the stored
// version is still `ticket.version` (kPreconditionFailed otherwise), replacing its tags and
// followers; `ticket.version` is then the new version.
Status SaveTicket(storage::Tx& tx, Ticket& ticket);
// Reads the stored SLA clock into `ticket.sla` (after a change re-evaluated it).
Status LoadSla(storage::Tx& tx, Ticket& ticket);

Status InsertMessage(storage::Tx& tx, const Message& message);
// The conversation, oldest first.
Result<std::vector<Message>> LoadMessages(storage::Tx& tx, const std::string& ticket_id);
Result<std::optional<Message>> LoadMessage(storage::Tx& tx, const std::string& ticket_id,
                                           const std::string& id);
// Whether the customer already has a message with this RFC 5322 Message-ID (a repeat delivery).
Result<bool> MessageIdSeen(storage::Tx& tx, const std::string& customer_id,
                           const std::string& message_id);
// Moves every message of `from` (or only `message_id` when given) to ticket `to`; the count.
Result<int64_t> MoveMessages(storage::Tx& tx, const std::string& from, const std::string& to,
                             const std::optional<std::string>& message_id = std::nullopt);
Status SetDelivery(storage::Tx& tx, const std::string& message_id, const std::string& delivery,
                   const std::optional<std::string>& error);
Result<std::optional<Message>> LoadMessageById(storage::Tx& tx, const std::string& id);
// Ids of tickets solved before `cutoff` (RFC 3339), oldest first, at most `limit`.
Result<std::vector<std::string>> SolvedBefore(storage::Tx& tx, const std::string& cutoff,
                                              int64_t limit);

}  // namespace store
}  // namespace rapport::support
