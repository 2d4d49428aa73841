// The support area's transfer adapter (transfer/adapter.hpp): tickets in from CSV — a business
// moving from another helpdesk (ticket_import.hpp) — linked to their customer by the requester's
// e-mail, and tickets out as CSV and NDJSON with the caller's ticket access. Exports never hold
// an internal note: NDJSON carries the ticket record (no messages), CSV's `body` is the first
// public message. The composition root registers it (docs/design/ticket_transfer.md).
//
// Immutable: thread-safe.
#pragma once

#include <memory>

#include "transfer/adapter.hpp"

namespace rapport::support {

std::unique_ptr<transfer::ObjectAdapter> MakeTicketTransferAdapter();

}  // namespace rapport::support
