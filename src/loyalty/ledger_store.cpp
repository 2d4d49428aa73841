#include "loyalty/ledger_store.hpp"

#include <map>

#include "common/ids.hpp"
#include "common/time.hpp"

namespace rapport::loyalty {
namespace {

using storage::Rows;
using storage::Tx;
using storage::Value;

constexpr std::string_view kFindMember =
    "SELECT id, programme_id, customer_id, joined_at FROM loyalty_members "
    "WHERE programme_id = ? AND customer_id = ?";
constexpr std::string_view kMemberById =
    "SELECT id, programme_id, customer_id, joined_at FROM loyalty_members WHERE id = ?";
constexpr std::string_view kInsertMember =
    "INSERT INTO loyalty_members (id, programme_id, customer_id, joined_at) VALUES (?, ?, ?, ?)";

constexpr std::string_view kLots =
    "SELECT lot, cause, points, remaining, earned_on, available_on, expires_on, available, warned "
    "FROM loyalty_lots WHERE member_id = ? ORDER BY lot";
constexpr std::string_view kTransactions =
    "SELECT seq, kind, cause, day FROM loyalty_transactions WHERE member_id = ? ORDER BY seq";
constexpr std::string_view kPostings =
    "SELECT seq, account, points FROM loyalty_postings WHERE member_id = ? ORDER BY seq";
constexpr std::string_view kLotUses =
    "SELECT seq, lot, points FROM loyalty_lot_uses WHERE member_id = ? ORDER BY seq, n";

constexpr std::string_view kInsertTransaction =
    "INSERT INTO loyalty_transactions (member_id, seq, kind, cause, day, created_at, actor) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertPosting =
    "INSERT INTO loyalty_postings (member_id, seq, account, points) VALUES (?, ?, ?, ?)";
constexpr std::string_view kInsertLotUse =
    "INSERT INTO loyalty_lot_uses (member_id, seq, n, lot, points) VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kInsertLot =
    "INSERT INTO loyalty_lots (member_id, lot, cause, points, remaining, earned_on, available_on, "
    "expires_on, available, warned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateLot =
    "UPDATE loyalty_lots SET remaining = ?, expires_on = ?, available = ?, warned = ? "
    "WHERE member_id = ? AND lot = ?";

constexpr std::string_view kBalances =
    "SELECT account, SUM(points) FROM loyalty_postings "
    "WHERE member_id = ? AND account IN ('pending', 'available', 'debt') GROUP BY account";

Member MemberFromRow(const storage::Row& row) {
  return Member{.id = row.Text(0),
                .programme_id = row.Text(1),
                .customer_id = row.Text(2),
                .joined_at = row.Text(3)};
}

Value OptionalDay(const std::optional<int64_t>& day) { return day ? Value(*day) : storage::Null(); }

bool LotChanged(const Lot& a, const Lot& b) {
  return a.remaining != b.remaining || a.available != b.available || a.expires_on != b.expires_on ||
         a.warned != b.warned;
}

}  // namespace

Result<std::optional<Member>> FindMember(Tx& tx, const std::string& programme_id,
                                         const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFindMember, {programme_id, customer_id}));
  if (rows.empty()) return std::optional<Member>();
  return std::optional<Member>(MemberFromRow(rows[0]));
}

Result<std::optional<Member>> MemberById(Tx& tx, const std::string& member_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kMemberById, {member_id}));
  if (rows.empty()) return std::optional<Member>();
  return std::optional<Member>(MemberFromRow(rows[0]));
}

Result<Member> EnsureMember(Tx& tx, const std::string& programme_id,
                            const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(auto found, FindMember(tx, programme_id, customer_id));
  if (found) return std::move(*found);
  Member member{.id = NewId("lmb"),
                .programme_id = programme_id,
                .customer_id = customer_id,
                .joined_at = NowInstant()};
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kInsertMember, {member.id, programme_id, customer_id, member.joined_at}));
  return member;
}

Result<Ledger> LoadLedger(Tx& tx, const std::string& member_id) {
  std::vector<Lot> lots;
  RAPPORT_ASSIGN_OR_RETURN(Rows lot_rows, tx.Query(kLots, {member_id}));
  for (const auto& row : lot_rows) {
    lots.push_back(Lot{.id = row.Int(0),
                       .cause = row.Text(1),
                       .points = row.Int(2),
                       .remaining = row.Int(3),
                       .earned_on = row.Int(4),
                       .available_on = row.Int(5),
                       .expires_on = row.IsNull(6) ? std::nullopt : std::optional(row.Int(6)),
                       .available = row.Int(7) != 0,
                       .warned = row.Int(8) != 0});
  }
  std::vector<Transaction> history;
  RAPPORT_ASSIGN_OR_RETURN(Rows tx_rows, tx.Query(kTransactions, {member_id}));
  for (const auto& row : tx_rows) {
    auto kind = KindFromName(row.Text(1));
    if (!kind) return Error::Internal("unknown loyalty transaction kind " + row.Text(1));
    history.push_back(
        Transaction{.id = row.Int(0), .kind = *kind, .cause = row.Text(2), .day = row.Int(3)});
  }
  // seq runs 1..n, so a transaction's index is seq − 1.
  auto at = [&](int64_t seq) -> Transaction* {
    if (seq < 1 || seq > static_cast<int64_t>(history.size())) return nullptr;
    return &history[static_cast<size_t>(seq - 1)];
  };
  RAPPORT_ASSIGN_OR_RETURN(Rows posting_rows, tx.Query(kPostings, {member_id}));
  for (const auto& row : posting_rows) {
    auto account = AccountFromName(row.Text(1));
    Transaction* t = at(row.Int(0));
    if (!account || t == nullptr) return Error::Internal("a loyalty posting without its place");
    t->postings.push_back({*account, row.Int(2)});
  }
  RAPPORT_ASSIGN_OR_RETURN(Rows use_rows, tx.Query(kLotUses, {member_id}));
  for (const auto& row : use_rows) {
    Transaction* t = at(row.Int(0));
    if (t == nullptr) return Error::Internal("a loyalty lot use without its transaction");
    t->lots.push_back({row.Int(1), row.Int(2)});
  }
  return Ledger::Restore(std::move(lots), std::move(history));
}

Status SaveLedger(Tx& tx, const std::string& member_id, const Ledger& before, const Ledger& after,
                  const std::string& actor, const std::string& created_at) {
  const auto& old_history = before.history();
  for (size_t i = old_history.size(); i < after.history().size(); ++i) {
    const Transaction& t = after.history()[i];
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertTransaction,
        {member_id, t.id, std::string(KindName(t.kind)), t.cause, t.day, created_at, actor}));
    for (const Posting& p : t.postings) {
      RAPPORT_RETURN_IF_ERROR(tx.Exec(
          kInsertPosting, {member_id, t.id, std::string(AccountName(p.account)), p.points}));
    }
    for (size_t n = 0; n < t.lots.size(); ++n) {
      RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertLotUse, {member_id, t.id, static_cast<int64_t>(n),
                                                      t.lots[n].lot_id, t.lots[n].points}));
    }
  }
  const auto& old_lots = before.lots();
  for (size_t i = 0; i < after.lots().size(); ++i) {
    const Lot& lot = after.lots()[i];
    if (i >= old_lots.size()) {
      RAPPORT_RETURN_IF_ERROR(
          tx.Exec(kInsertLot, {member_id, lot.id, lot.cause, lot.points, lot.remaining,
                               lot.earned_on, lot.available_on, OptionalDay(lot.expires_on),
                               int64_t{lot.available ? 1 : 0}, int64_t{lot.warned ? 1 : 0}}));
    } else if (LotChanged(old_lots[i], lot)) {
      RAPPORT_RETURN_IF_ERROR(tx.Exec(
          kUpdateLot, {lot.remaining, OptionalDay(lot.expires_on), int64_t{lot.available ? 1 : 0},
                       int64_t{lot.warned ? 1 : 0}, member_id, lot.id}));
    }
  }
  return OkStatus();
}

Result<Balances> ReadBalances(Tx& tx, const std::string& member_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kBalances, {member_id}));
  Balances balances;
  for (const auto& row : rows) {
    const std::string account = row.Text(0);
    if (account == "pending") balances.pending = row.Int(1);
    if (account == "available") balances.available = row.Int(1);
    if (account == "debt") balances.debt = row.Int(1);
  }
  return balances;
}

json::object TransactionToJson(const Transaction& t) {
  json::object postings;
  for (const Posting& p : t.postings) postings[AccountName(p.account)] = p.points;
  json::array lots;
  for (const LotUse& use : t.lots)
    lots.push_back(json::object{{"lot", use.lot_id}, {"points", use.points}});
  return json::object{{"seq", t.id},  {"kind", KindName(t.kind)},        {"cause", t.cause},
                      {"day", t.day}, {"postings", std::move(postings)}, {"lots", std::move(lots)}};
}

}  // namespace rapport::loyalty
