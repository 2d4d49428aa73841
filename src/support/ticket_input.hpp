// Reading ticket and message bodies from API-shaped JSON into checked values, before any storage
// is touched: every problem is collected as a FieldError naming the exact field ("requester.email",
// "message.body_text", "tags[2]"), so one answer lists them all. What needs the database (does the
// queue exist? the custom field definitions?) is the service's. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "support/ticket_store.hpp"

namespace rapport::support {

struct MessageInput {
  std::string kind = "reply";
  std::string author_type = "staff";
  std::string body_text;
  std::optional<std::string> body_html;
  std::optional<std::string> message_id;
  std::optional<std::string> in_reply_to;
  json::array references;
  std::optional<std::string> status;        // "reply and set pending"; staff only
  std::vector<std::string> attachment_ids;  // uploads of this ticket (attachment_service.hpp)
  std::optional<std::string> author_id;     // internal (mail ingest's staff sender); not JSON
};

// The changeable fields of a ticket; each set only when the input named it. A null clears the
// optional ones (type, queue_id, assignee_id).
struct TicketFields {
  std::optional<std::string> subject;
  std::optional<std::string> status;
  std::optional<std::string> priority;
  std::optional<std::optional<std::string>> type;
  std::optional<std::optional<std::string>> queue_id;
  std::optional<std::optional<std::string>> assignee_id;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::vector<std::string>> follower_ids;
  json::value custom_fields;  // null when not named
};

struct CreateInput {
  TicketFields fields;  // status is not accepted on create
  std::string channel = "api";
  std::optional<std::string> customer_id;
  std::optional<std::string> requester_email;
  std::optional<std::string> requester_phone;
  std::optional<std::string> requester_name;
  std::optional<std::string> mailbox;  // the address the request was sent to (routing.hpp)
  MessageInput message;
  std::optional<std::string> linked_ticket_id;  // internal (mail ingest); not read from JSON
};

Result<CreateInput> ParseCreate(const json::object& input);
Result<TicketFields> ParsePatch(const json::object& input);
// `path` prefixes field names ("message." inside a create).
Result<MessageInput> ParseMessage(const json::object& input, const std::string& path = {});
void ReadMessage(const json::object& input, const std::string& path, MessageInput& out,
                 std::vector<FieldError>& errors);

}  // namespace rapport::support
