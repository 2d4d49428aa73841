// EventRedaction: who may see a domain event on a staff surface (the live stream, later
// webhooks scoped to a user), and what of its payload. Events carry record fields without any
// caller's field rules (docs/design/events.md), so each event type needs a rule before it may
// leave the server to anyone but an administrator; a type without one goes to administrators
// only (fail closed). event_redaction_test.cpp scans the sources for every type passed to
// storage::AppendEvent and fails when one has no rule here.
//
// The rule of a type names the object whose record access decides visibility and the payload
// key holding the record whose hidden fields must go. Access to a record depends on its owner,
// which the event does not carry: the caller looks owners up (EventOwner) once per batch of
// events and passes them in. Pure functions over immutable tables; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "access/access.hpp"
#include "storage/outbox.hpp"

namespace rapport::access {

// What the reader of an event knows about its aggregate's owner.
struct EventOwner {
  // False when the aggregate no longer exists (it was deleted): then only a reader whose level
  // reaches every record ("all") may see the event, since nothing says whose it was.
  bool exists = false;
  std::optional<std::string> owner;
  // For a ticket: where it sits (its owner above is its customer's owner).
  TicketPlace ticket_place;
  // For a chat conversation: whether it is joined to a customer (else `owner` means nothing and
  // only its place decides).
  bool has_customer = true;
  // For a task (whose `owner` above is its assignee): the records it links and their owners; a
  // linked ticket's place is `ticket_place`.
  struct TaskLinks {
    bool has_customer = false;
    std::optional<std::string> customer_owner;
    bool has_company = false;
    std::optional<std::string> company_owner;
    bool has_ticket = false;
  };
  TaskLinks task_links;
};

// The event's payload as `access` may see it, or nullopt when the event is not for this reader
// at all (no read access to the record, a definition of a hidden field, an update that changed
// only hidden fields, or a type without a rule for a non-administrator).
std::optional<json::object> VisiblePayload(const Access& access, const storage::Event& event,
                                           const EventOwner& owner);

// Whether `type` ("customer.created") has a rule, for the source scan.
bool HasEventRule(std::string_view type);

}  // namespace rapport::access
