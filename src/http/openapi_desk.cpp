// The schemas of the desk's working rules (business calendars, SLA policies and the SLA clock a
// ticket carries), kept beside openapi_tickets.cpp; BuildOpenApi merges them into the document.
// The calendar and policy bodies are described in docs/design/sla.md.
#include "http/api.hpp"

namespace rapport::http {
namespace {

constexpr std::string_view kDeskSchemas = R"json({
  "BusinessCalendarInput": {"type": "object", "description": "name plus the calendar JSON of docs/design/sla.md",
    "properties": {"name": {"type": "string", "maxLength": 100},
    "time_zone": {"type": "string", "description": "IANA zone, e.g. Europe/Berlin"},
    "week": {"type": "object", "description": "monday..sunday: lists of {start, end} as HH:MM; end 24:00 is midnight"},
    "holidays": {"type": "array", "maxItems": 1000, "items": {"type": "object", "required": ["date"], "properties": {
      "date": {"type": "string", "format": "date"}, "name": {"type": "string"},
      "closed_from": {"type": "string"}, "closed_until": {"type": "string"}}}}}},
  "BusinessCalendar": {"type": "object", "required": ["id", "name", "time_zone", "week", "holidays", "version"],
    "allOf": [{"$ref": "#/components/schemas/BusinessCalendarInput"}], "properties": {"id": {"type": "string"},
    "created_at": {"type": "string"}, "updated_at": {"type": "string"}, "version": {"type": "integer"}}},
  "BusinessCalendarList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/BusinessCalendar"}}, "next_cursor": {"type": "null"}}},
  "SlaPolicyInput": {"type": "object", "description": "name plus the policy JSON of docs/design/sla.md",
    "properties": {"name": {"type": "string", "maxLength": 100},
    "default": {"type": "boolean", "description": "the policy of tickets whose queue names none (one at most)"},
    "warning_minutes": {"type": "integer", "minimum": 0},
    "pause_on_hold": {"type": "boolean"},
    "targets": {"type": "object", "description": "per priority: {first_response, next_response, resolution}: {minutes, hours: business|calendar}"},
    "tag_rules": {"type": "array", "maxItems": 50, "items": {"type": "object"}},
    "applies_to": {"$ref": "#/components/schemas/CustomerConditions"},
    "position": {"type": "integer", "minimum": 0, "maximum": 1000000, "description": "order in which conditional policies are tried"}}},
  "CustomerConditions": {"type": "object", "description": "all given must hold for the ticket's customer; a conditional policy overrides the queue's",
    "minProperties": 1, "properties": {"customer_tag": {"type": "string"}, "company_id": {"type": "string"}, "language": {"type": "string"},
    "customer_min_value": {"$ref": "#/components/schemas/CustomerValueBound"},
    "customer_max_value": {"$ref": "#/components/schemas/CustomerValueBound"}}},
  "CustomerValueBound": {"type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,2})?$",
    "description": "inclusive bound on the customer's total_spent, a decimal amount such as \"1000.00\""},
  "SlaPolicy": {"type": "object", "required": ["id", "name", "default", "targets", "version"],
    "allOf": [{"$ref": "#/components/schemas/SlaPolicyInput"}], "properties": {"id": {"type": "string"},
    "created_at": {"type": "string"}, "updated_at": {"type": "string"}, "version": {"type": "integer"}}},
  "SlaPolicyList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/SlaPolicy"}}, "next_cursor": {"type": "null"}}},
  "RoutingRuleInput": {"type": "object", "description": "the first rule (by position) whose conditions all hold routes a ticket opened without a queue",
    "properties": {"name": {"type": "string", "maxLength": 100},
    "position": {"type": "integer", "minimum": 0, "maximum": 1000000},
    "conditions": {"type": "object", "properties": {
      "channel": {"type": "array", "items": {"enum": ["email", "web_form", "chat", "phone", "social", "api"]}},
      "mailbox": {"type": "string", "description": "the address the request was sent to (ticket create's mailbox)"},
      "keywords": {"type": "array", "maxItems": 50, "items": {"type": "string"}, "description": "any, in the subject or first message; case and accents ignored"},
      "customer_tag": {"type": "string"}, "company_id": {"type": "string"}, "language": {"type": "string"},
      "customer_min_value": {"$ref": "#/components/schemas/CustomerValueBound"},
      "customer_max_value": {"$ref": "#/components/schemas/CustomerValueBound"}}},
    "queue_id": {"type": "string"}, "priority": {"enum": ["low", "normal", "high", "urgent", null]},
    "tags": {"type": "array", "maxItems": 20, "items": {"type": "string"}}}},
  "RoutingRule": {"type": "object", "required": ["id", "name", "position", "conditions", "queue_id", "priority", "tags", "version"],
    "allOf": [{"$ref": "#/components/schemas/RoutingRuleInput"}], "properties": {"id": {"type": "string"},
    "created_at": {"type": "string"}, "updated_at": {"type": "string"}, "version": {"type": "integer"}}},
  "RoutingRuleList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/RoutingRule"}}, "next_cursor": {"type": "null"}}},
  "CannedReplyInput": {"type": "object", "properties": {"name": {"type": "string", "maxLength": 100},
    "shared": {"type": "boolean", "description": "shared (administrators write them) or the caller's own (default)"},
    "body": {"type": "string", "maxLength": 100000, "description": "plain text with merge fields: {{customer.first_name}}, {{customer.last_name}}, {{customer.name}}, {{ticket.number}}, {{ticket.subject}}, {{ticket.status}}, {{ticket.priority}}, {{agent.name}}, {{agent.email}}"},
    "actions": {"type": "object", "properties": {"status": {"enum": ["open", "pending", "on_hold", "solved"]},
      "priority": {"enum": ["low", "normal", "high", "urgent"]},
      "add_tags": {"type": "array", "maxItems": 20, "items": {"type": "string"}}}}}},
  "CannedReply": {"type": "object", "required": ["id", "name", "shared", "owner_id", "body", "actions", "version"],
    "allOf": [{"$ref": "#/components/schemas/CannedReplyInput"}], "properties": {"id": {"type": "string"},
    "owner_id": {"type": ["string", "null"]},
    "created_at": {"type": "string"}, "updated_at": {"type": "string"}, "version": {"type": "integer"}}},
  "CannedReplyList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/CannedReply"}}, "next_cursor": {"type": "null"}}},
  "CannedReplyRendering": {"type": "object", "required": ["body", "actions"], "properties": {
    "body": {"type": "string", "description": "plain text: show as text, never as HTML"},
    "actions": {"type": "object", "description": "for the composer to apply with the reply"}}},
  "AgentAvailability": {"type": "object", "required": ["available"], "properties": {"available": {"type": "boolean"}}},
  "Agent": {"type": "object", "required": ["user_id", "name", "available", "open_tickets"], "properties": {
    "user_id": {"type": "string"}, "name": {"type": "string"}, "available": {"type": "boolean"},
    "open_tickets": {"type": "integer", "description": "new, open, pending or on hold, assigned to them"}}},
  "AgentList": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Agent"}}, "next_cursor": {"type": "null"}}},
  "SlaTarget": {"type": ["object", "null"], "properties": {
    "state": {"enum": ["running", "paused", "met", "breached", "not_applicable"]},
    "cycle": {"type": "integer"}, "minutes": {"type": "integer"}, "hours": {"enum": ["business", "calendar"]},
    "started_at": {"type": ["string", "null"]}, "stopped_at": {"type": ["string", "null"]},
    "due_at": {"type": ["string", "null"]}, "warning_at": {"type": ["string", "null"]},
    "remaining_seconds": {"type": "integer", "description": "while paused: the time left"}}},
  "TicketSla": {"type": ["object", "null"], "description": "null when no SLA policy applies", "properties": {
    "policy_id": {"type": "string"},
    "due_at": {"type": ["string", "null"], "description": "the earliest due time of a target still owed"},
    "breached": {"type": "boolean"},
    "first_response": {"$ref": "#/components/schemas/SlaTarget"},
    "next_response": {"$ref": "#/components/schemas/SlaTarget"},
    "resolution": {"$ref": "#/components/schemas/SlaTarget"}}}
})json";

}  // namespace

json::object DeskSchemas() { return json::parse(kDeskSchemas).as_object(); }

}  // namespace rapport::http
