// Bringing tickets in from another helpdesk, and taking an import back: the support area's write
// paths behind its transfer adapter (ticket_transfer.hpp, docs/design/ticket_transfer.md).
//
// An imported ticket keeps what the old desk knew — its number when that number is free, status
// (solved and closed included), created and solved times, queue by name, assignee by e-mail — and
// carries the first message as the customer's. It is written like any opened ticket: with
// ticket.opened, a timeline entry at its creation time and audit entries, in the caller's
// transaction. Stateless; REQUIRES: inside Database::Write.
#pragma once

#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::support {

// `input`: {number?, subject, requester?, status?, priority?, type?, channel?, queue? (a queue's
// name), assignee? (a user's e-mail), tags?, created_at?, solved_at?, body?}. Field errors name
// those keys. The ticket is `customer_id`'s (readable to `access`: the caller found it); the
// tickets import level must reach the queue it lands in. Answers the served ticket.
Result<json::object> ImportTicketInTx(storage::Tx& tx, const access::Access& access,
                                      const storage::WriteContext& context,
                                      const std::string& customer_id, const json::object& input);

enum class ImportedTicketRemoval { kRemoved, kKept, kMissing };

// Revert: removes a ticket an import created, with its messages and its timeline entry, unless it
// changed since (version > 1: kKept) or `access` may not import where it sits (kKept). Appends
// ticket.deleted and the audit entry.
Result<ImportedTicketRemoval> RemoveImportedTicketInTx(storage::Tx& tx,
                                                       const access::Access& access,
                                                       const storage::WriteContext& context,
                                                       const std::string& id);

}  // namespace rapport::support
