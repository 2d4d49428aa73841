// The stored ledger (docs/design/loyalty.md § Storage): a member's ledger read back from its rows
// into the pure Ledger, and what an operation added written out again — transactions, their
// postings and lot uses, new and changed lots — so the rules live once, in ledger.cpp. Balances
// are indexed sums of the postings (loyalty_postings_balance), never a counter.
//
// Stateless functions. REQUIRES: called inside the caller's transaction (Write for the writers);
// the single writer serialises operations on one member.
#pragma once

#include <optional>
#include <string>

#include "common/json.hpp"
#include "loyalty/ledger.hpp"
#include "storage/database.hpp"

namespace rapport::loyalty {

struct Member {
  std::string id;  // lmb_…
  std::string programme_id;
  std::string customer_id;
  std::string joined_at;
};

struct Balances {
  int64_t pending = 0;
  int64_t available = 0;
  int64_t debt = 0;  // ≤ 0
};

Result<std::optional<Member>> FindMember(storage::Tx& tx, const std::string& programme_id,
                                         const std::string& customer_id);
Result<std::optional<Member>> MemberById(storage::Tx& tx, const std::string& member_id);
// The member, joined now when the customer was not one yet.
Result<Member> EnsureMember(storage::Tx& tx, const std::string& programme_id,
                            const std::string& customer_id);

// The member's lots and whole history, in order.
Result<Ledger> LoadLedger(storage::Tx& tx, const std::string& member_id);
// Writes what `after` holds beyond `before` (the ledger as loaded): its new transactions with
// postings and lot uses, its new lots, and the lots whose remaining points, availability, expiry
// or warning changed. `actor` and `created_at` go on each new transaction.
Status SaveLedger(storage::Tx& tx, const std::string& member_id, const Ledger& before,
                  const Ledger& after, const std::string& actor, const std::string& created_at);

// Sums of the member's wallets' postings: one indexed range each.
Result<Balances> ReadBalances(storage::Tx& tx, const std::string& member_id);

// A transaction as served: {seq, kind, cause, day, postings: {account: points}, lots: [...]}.
json::object TransactionToJson(const Transaction& transaction);

}  // namespace rapport::loyalty
