// The SLA clock wired to tickets (docs/design/sla.md § Wiring): after every change of a ticket,
// and whenever its scheduled job comes due, the ticket's history (status changes and public
// messages) is evaluated against its policy (the first conditional policy its customer meets,
// else the queue's, else the default: sla_policy_choice.hpp) in its queue's calendar (else around
// the clock in UTC); settings changes re-evaluate open tickets through sla_sweep.hpp. The result is
// stored on the ticket (`sla`, `sla_due_at`, `sla_breached`; no version bump: it is not anyone's
// change), warnings and breaches that came due are announced once each (`ticket.sla_warning`,
// `ticket.sla_breached`: outbox event + timeline entry, keyed by ticket, target and cycle in
// ticket_sla_notices), and the ticket's one scheduler job (kind kSlaJobKind, key the ticket id) is
// moved to the next warning or breach instant, or removed when no clock runs. A reply that meets a
// target or a pause for `pending` therefore cancels or moves the pending job in the same
// transaction.
//
// Stateless; REQUIRES for the Tx functions: inside Database::Write. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/database.hpp"
#include "storage/scheduler.hpp"
#include "storage/write_context.hpp"

namespace rapport::support {

inline constexpr std::string_view kSlaJobKind = "ticket.sla";

// Re-evaluates ticket `ticket_id` as of `now` (Unix milliseconds) and does everything above. A
// ticket that no longer exists only loses its job.
Status RefreshTicketSla(storage::Tx& tx, const storage::WriteContext& context,
                        const std::string& ticket_id, int64_t now);

// Appends `status` to the ticket's status history at `at` (RFC 3339): call on every status move.
Status RecordTicketStatus(storage::Tx& tx, const std::string& ticket_id,
                          const std::string& customer_id, std::string_view status,
                          const std::string& at);

// The handler the composition root registers for kSlaJobKind: refreshes the job's ticket as of
// `clock()` (the scheduler's clock), as the system.
storage::Scheduler::Handler SlaJobHandler(storage::Scheduler::Clock clock);

}  // namespace rapport::support
