// Movements: one change of a member's ledger with everything that goes with it, in the caller's
// transaction — the ledger loaded, the pure rule applied, what it added stored (ledger_store), and
// for each new transaction a timeline entry on the customer, a `loyalty.points_moved` event and
// an audit entry (`loyalty_transaction`); then the member's job is moved to its next due day.
//
// The member's job (kind "loyalty.member", key the member id) releases pending lots whose window
// passed, expires lots whose day came (only what remains in them, once), and announces
// `loyalty.expiry_warning` once per lot `warning_days` before it expires, and reviews the member's
// tier once its qualification period and grace are over (tiers.hpp). It runs through the
// durable scheduler in the transaction of its effects, so a restart neither skips nor repeats it.
//
// Stateless functions; REQUIRES: inside Database::Write.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "loyalty/ledger_store.hpp"
#include "loyalty/programme.hpp"
#include "storage/scheduler.hpp"
#include "storage/write_context.hpp"

namespace rapport::loyalty {

inline constexpr std::string_view kMemberJobKind = "loyalty.member";

using LedgerOperation = std::function<Status(Ledger& ledger)>;

struct Moved {
  std::vector<Transaction> added;
  Balances balances;
};

// Applies `operation` to the member's ledger on day `today` and records it (above). An error
// from the operation changes nothing.
Result<Moved> Move(storage::Tx& tx, const storage::WriteContext& context,
                   const Programme& programme, const Member& member, int64_t today,
                   const LedgerOperation& operation);

// Moves the member's job to its next due day: NextDue, or the tier's review day if earlier.
Status RescheduleMember(storage::Tx& tx, const Programme& programme, const Member& member);

// The day the member's job must run next, if any: the earliest pending lot's release, open lot's
// expiry, or unannounced warning.
std::optional<int64_t> NextDue(const Programme& programme, const Ledger& ledger);

// The scheduler's handler of kMemberJobKind; `clock` gives Unix milliseconds.
storage::Scheduler::Handler MemberJobHandler(std::function<int64_t()> clock);

}  // namespace rapport::loyalty
