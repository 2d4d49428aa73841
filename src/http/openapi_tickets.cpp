// The support area's body schemas (tickets, messages, queues), kept beside the main list in
// openapi.cpp so neither file outgrows a read; BuildOpenApi merges them into the document.
#include "http/api.hpp"

namespace rapport::http {
namespace {

constexpr std::string_view kTicketSchemas = R"json({
  "TicketFields": {"type": "object", "properties": {
    "subject": {"type": "string", "minLength": 1, "maxLength": 500},
    "priority": {"enum": ["low", "normal", "high", "urgent"]},
    "type": {"enum": ["question", "problem", "incident", "task", null]},
    "queue_id": {"type": ["string", "null"]}, "assignee_id": {"type": ["string", "null"]},
    "tags": {"type": "array", "maxItems": 20, "items": {"type": "string", "pattern": "^[a-z0-9_-]{1,40}$"}},
    "follower_ids": {"type": "array", "maxItems": 50, "items": {"type": "string"}},
    "custom_fields": {"type": "object", "additionalProperties": true}}},
  "TicketMessageInput": {"type": "object", "required": ["body_text"], "properties": {
    "kind": {"enum": ["reply", "note"], "description": "a note is internal: never sent, never shown to the customer"},
    "author_type": {"enum": ["customer", "staff", "system"]},
    "body_text": {"type": "string", "minLength": 1, "maxLength": 100000},
    "body_html": {"type": ["string", "null"], "description": "an email's original HTML, stored raw; render only through a sanitiser"},
    "message_id": {"type": "string"}, "in_reply_to": {"type": "string"},
    "references": {"type": "array", "maxItems": 100, "items": {"type": "string"}},
    "status": {"enum": ["open", "pending", "on_hold", "solved"], "description": "staff: reply and set this status"},
    "attachment_ids": {"type": "array", "maxItems": 50, "items": {"type": "string"},
      "description": "uploads of this ticket (POST /tickets/{id}/attachments) no message has named yet"}}},
  "TicketInput": {"type": "object", "required": ["subject", "message"], "allOf": [{"$ref": "#/components/schemas/TicketFields"}],
    "properties": {
    "channel": {"enum": ["email", "web_form", "chat", "phone", "social", "api"]},
    "customer_id": {"type": "string"},
    "mailbox": {"type": "string", "description": "the address the request was sent to: routing rules may match it"},
    "requester": {"type": "object", "properties": {"email": {"type": "string"}, "phone": {"type": "string"},
      "name": {"type": "string"}}, "description": "matched to a customer by address, or a new customer"},
    "message": {"$ref": "#/components/schemas/TicketMessageInput"}}},
  "TicketPatch": {"allOf": [{"$ref": "#/components/schemas/TicketFields"}], "type": "object", "properties": {
    "status": {"enum": ["open", "pending", "on_hold", "solved", "closed"]}}},
  "Ticket": {"type": "object", "required": ["id", "number", "subject", "customer_id", "status", "priority",
      "channel", "tags", "follower_ids", "custom_fields", "created_at", "updated_at", "version"],
    "allOf": [{"$ref": "#/components/schemas/TicketFields"}], "properties": {
    "id": {"type": "string"}, "number": {"type": "integer"}, "customer_id": {"type": "string"},
    "requester": {"type": ["string", "null"]},
    "status": {"enum": ["new", "open", "pending", "on_hold", "solved", "closed"]},
    "channel": {"type": "string"}, "merged_into": {"type": ["string", "null"]},
    "linked_ticket_id": {"type": ["string", "null"]},
    "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"},
    "first_response_at": {"type": ["string", "null"]}, "solved_at": {"type": ["string", "null"]},
    "closed_at": {"type": ["string", "null"]}, "version": {"type": "integer"},
    "sla": {"$ref": "#/components/schemas/TicketSla"},
    "rating": {"type": ["object", "null"], "description": "the requester's answer to the rating request (null: none yet); on one ticket (GET, PATCH), not in lists",
      "required": ["score", "comment", "rated_at"], "properties": {"score": {"enum": ["good", "bad"]},
      "comment": {"type": ["string", "null"]}, "rated_at": {"type": "string", "format": "date-time"}}},
    "customer_name": {"type": "string", "description": "the customer's display name; in lists (the inbox) only"}}},
  "TicketPage": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Ticket"}},
    "next_cursor": {"type": ["string", "null"]}}},
  "TicketSearch": {"type": "object", "properties": {"filter": {"description": "and/or/not tree of {field, op, value} over ticket fields; see docs/design/support.md"},
    "q": {"type": "string"}, "sort": {"enum": ["-updated_at", "updated_at", "-created_at", "created_at", "-number", "number", "sla_due_at"],
      "description": "sla_due_at: breaching soon (tickets with a target still owed, earliest due first)"},
    "limit": {"type": "integer", "minimum": 1, "maximum": 200}, "cursor": {"type": ["string", "null"]}}},
  "TicketCounts": {"type": "object", "required": ["mine", "unassigned", "pending", "unsolved", "all", "capped_at"], "properties": {
    "mine": {"type": "integer"}, "unassigned": {"type": "integer"}, "pending": {"type": "integer"},
    "unsolved": {"type": "integer"}, "all": {"type": "integer"},
    "capped_at": {"type": "integer", "description": "a count equal to this (1000) means at least that many: each count stops there"}}},
  "TicketMerge": {"type": "object", "required": ["into"], "properties": {"into": {"type": "string"}}},
  "TicketSplit": {"type": "object", "properties": {"subject": {"type": "string", "maxLength": 500}}},
  "TicketMessage": {"type": "object", "required": ["id", "ticket_id", "kind", "author_type", "body_text", "created_at"],
    "properties": {"id": {"type": "string"}, "ticket_id": {"type": "string"}, "kind": {"enum": ["reply", "note"]},
    "author_type": {"enum": ["customer", "staff", "system"]}, "author_id": {"type": ["string", "null"]},
    "body_text": {"type": "string"}, "body_html": {"type": ["string", "null"]},
    "message_id": {"type": ["string", "null"]}, "in_reply_to": {"type": ["string", "null"]},
    "references": {"type": "array", "items": {"type": "string"}},
    "delivery": {"enum": ["queued", "sent", "failed", null]}, "delivery_error": {"type": ["string", "null"]},
    "attachments": {"type": "array", "items": {"$ref": "#/components/schemas/TicketAttachment"}},
    "created_at": {"type": "string", "format": "date-time"}}},
  "TicketAttachment": {"type": "object", "required": ["id", "name", "type", "size", "created_at"], "properties": {
    "id": {"type": "string"}, "name": {"type": "string", "description": "a safe file name, never a path"},
    "type": {"type": "string", "description": "sniffed from the bytes, never the sender's word"},
    "size": {"type": "integer"}, "inline_cid": {"type": ["string", "null"]},
    "dropped": {"enum": ["too_large", null], "description": "a received file that was not kept"},
    "ticket_id": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"}}},
  "TicketMessageResult": {"type": "object", "required": ["message", "ticket"], "properties": {
    "message": {"$ref": "#/components/schemas/TicketMessage"},
    "ticket": {"$ref": "#/components/schemas/Ticket", "description": "a new linked ticket when the customer wrote to a closed one"}}},
  "TicketMessageList": {"type": "object", "required": ["data"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/TicketMessage"}}}},
  "QueueInput": {"type": "object", "properties": {"name": {"type": "string", "maxLength": 100},
    "email": {"type": ["string", "null"]}, "team_id": {"type": ["string", "null"]},
    "default_priority": {"enum": ["low", "normal", "high", "urgent"]},
    "calendar_id": {"type": ["string", "null"], "description": "business hours of its SLA targets"},
    "sla_policy_id": {"type": ["string", "null"], "description": "its SLA policy (else the default policy)"},
    "assignment": {"enum": ["manual", "round_robin"], "description": "round_robin: new unassigned tickets go to the team's available agents in turn"},
    "agent_cap": {"type": "integer", "minimum": 1, "maximum": 10000, "description": "open tickets per agent for round robin (default 20)"}}},
  "Queue": {"type": "object", "required": ["id", "name", "email", "team_id", "default_priority", "version"],
    "allOf": [{"$ref": "#/components/schemas/QueueInput"}], "properties": {"id": {"type": "string"},
    "created_at": {"type": "string"}, "updated_at": {"type": "string"}, "version": {"type": "integer"}}},
  "QueueList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Queue"}}, "next_cursor": {"type": "null"}}},
  "ReportTimes": {"type": "object", "required": ["count", "median_seconds", "p90_seconds"], "properties": {
    "count": {"type": "integer"}, "median_seconds": {"type": ["integer", "null"]},
    "p90_seconds": {"type": ["integer", "null"], "description": "nearest-rank 90th percentile"}}},
  "ReportFigures": {"type": "object", "required": ["opened", "solved", "first_response", "resolution"], "properties": {
    "opened": {"type": "integer"}, "solved": {"type": "integer"},
    "first_response": {"$ref": "#/components/schemas/ReportTimes"},
    "resolution": {"$ref": "#/components/schemas/ReportTimes"},
    "queue_id": {"type": ["string", "null"]}, "assignee_id": {"type": ["string", "null"]}}},
  "SupportReport": {"type": "object", "required": ["from", "to", "bucket", "days", "totals", "by_queue", "by_agent", "sla", "satisfaction"],
    "properties": {"from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
    "bucket": {"enum": ["day"]},
    "days": {"type": "array", "items": {"type": "object", "required": ["date", "opened", "solved", "backlog"], "properties": {
      "date": {"type": "string", "format": "date"}, "opened": {"type": "integer"}, "solved": {"type": "integer"},
      "backlog": {"type": "integer", "description": "tickets neither solved nor closed at the end of the day"}}}},
    "totals": {"$ref": "#/components/schemas/ReportFigures"},
    "by_queue": {"type": "array", "items": {"$ref": "#/components/schemas/ReportFigures"}},
    "by_agent": {"type": "array", "items": {"$ref": "#/components/schemas/ReportFigures"}},
    "sla": {"description": "SLA attainment, when the SLA part is connected; else null"},
    "satisfaction": {"description": "satisfaction ratings of tickets and chats together — {ratings, good, bad, score, comments, requests, response_rate} — and by_channel: [{channel: ticket | chat, the same figures}] (chat requests: conversations ended in the range; the ticket entry also held_back: rating requests the contact budget held back, not counted in requests), when the ratings part is connected; else null"}}},
  "RatingInput": {"type": "object", "required": ["score"], "description": "JSON or application/x-www-form-urlencoded",
    "properties": {"score": {"enum": ["good", "bad"]}, "comment": {"type": "string", "maxLength": 2000}}},
  "Rating": {"type": "object", "required": ["rating"], "properties": {"rating": {"type": "object",
    "required": ["score"], "properties": {"score": {"enum": ["good", "bad"]}}}}},
  "SupportRequestInput": {"type": "object", "required": ["email", "subject", "message"],
    "description": "JSON or application/x-www-form-urlencoded; `website` is a honeypot that people leave empty",
    "properties": {"name": {"type": "string", "maxLength": 200}, "email": {"type": "string", "maxLength": 254},
    "subject": {"type": "string", "minLength": 1, "maxLength": 200},
    "message": {"type": "string", "minLength": 1, "maxLength": 10000},
    "queue_id": {"type": "string"}, "website": {"type": "string"}}},
  "SupportRequestReceived": {"type": "object", "required": ["status"], "properties": {"status": {"const": "received"}}}
})json";

}  // namespace

json::object TicketSchemas() { return json::parse(kTicketSchemas).as_object(); }

}  // namespace rapport::http
