#include "loyalty/referral_store.hpp"

#include "interactions/interaction_service.hpp"
#include "loyalty/days.hpp"
#include "loyalty/voucher_code.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::loyalty {
namespace {

using storage::Rows;
using storage::Tx;
using storage::Value;

constexpr std::string_view kFindCode =
    "SELECT code FROM loyalty_referral_codes WHERE customer_id = ?";
constexpr std::string_view kInsertCode =
    "INSERT INTO loyalty_referral_codes (customer_id, code, created_at) VALUES (?, ?, ?) "
    "ON CONFLICT DO NOTHING";
constexpr std::string_view kCodeOwner =
    "SELECT customer_id FROM loyalty_referral_codes WHERE code = ?";
#define RAPPORT_REFERRAL_COLUMNS                                                     \
  "id, referrer_id, referee_id, state, signal, detail, via, network_key, order_id, " \
  "order_cents, refunded_cents, qualifies_on, created_at, updated_at"
constexpr std::string_view kSelectOne =
    "SELECT " RAPPORT_REFERRAL_COLUMNS " FROM loyalty_referrals WHERE id = ?";
constexpr std::string_view kStanding = "SELECT " RAPPORT_REFERRAL_COLUMNS
                                       " FROM loyalty_referrals WHERE referee_id = ? AND "
                                       "state <> 'refused'";
constexpr std::string_view kForOrder =
    "SELECT " RAPPORT_REFERRAL_COLUMNS " FROM loyalty_referrals WHERE order_id = ?";
constexpr std::string_view kByReferrer =
    "SELECT " RAPPORT_REFERRAL_COLUMNS
    " FROM loyalty_referrals WHERE referrer_id = ? ORDER BY created_at DESC, id DESC LIMIT ?";
constexpr std::string_view kListAll = "SELECT " RAPPORT_REFERRAL_COLUMNS
                                      " FROM loyalty_referrals ORDER BY created_at DESC, id DESC "
                                      "LIMIT ?";
constexpr std::string_view kListState =
    "SELECT " RAPPORT_REFERRAL_COLUMNS
    " FROM loyalty_referrals WHERE state = ? ORDER BY created_at DESC, id DESC LIMIT ?";
constexpr std::string_view kFromNetwork =
    "SELECT COUNT(*) FROM loyalty_referrals WHERE network_key = ? AND created_at >= ?";
constexpr std::string_view kByReferrerSince =
    "SELECT COUNT(*) FROM loyalty_referrals WHERE referrer_id = ? AND created_at >= ? AND "
    "state <> 'refused'";
constexpr std::string_view kInsert = "INSERT INTO loyalty_referrals (" RAPPORT_REFERRAL_COLUMNS
                                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdate =
    "UPDATE loyalty_referrals SET state = ?, signal = ?, detail = ?, order_id = ?, "
    "order_cents = ?, refunded_cents = ?, qualifies_on = ?, updated_at = ? WHERE id = ?";
constexpr std::string_view kDisplayName = "SELECT display_name FROM customers WHERE id = ?";

constexpr int kCodeAttempts = 8;

Value Opt(const std::optional<std::string>& v) { return v ? Value(*v) : Value(); }
Value Opt(const std::optional<int64_t>& v) { return v ? Value(*v) : Value(); }

Referral FromRow(const storage::Row& row) {
  auto text = [&](size_t i) { return row.IsNull(i) ? std::nullopt : row.OptText(i); };
  auto integer = [&](size_t i) {
    return row.IsNull(i) ? std::nullopt : std::optional<int64_t>(row.Int(i));
  };
  return Referral{.id = row.Text(0),
                  .referrer_id = row.Text(1),
                  .referee_id = row.Text(2),
                  .state = row.Text(3),
                  .signal = text(4),
                  .detail = text(5),
                  .via = row.Text(6),
                  .network_key = text(7),
                  .order_id = text(8),
                  .order_cents = integer(9),
                  .refunded_cents = row.Int(10),
                  .qualifies_on = integer(11),
                  .created_at = row.Text(12),
                  .updated_at = row.Text(13)};
}

Result<std::vector<Referral>> Many(Tx& tx, std::string_view sql,
                                   std::initializer_list<Value> params) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
  std::vector<Referral> out;
  for (const auto& row : rows) out.push_back(FromRow(row));
  return out;
}

Result<std::optional<Referral>> One(Tx& tx, std::string_view sql, const std::string& key) {
  RAPPORT_ASSIGN_OR_RETURN(std::vector<Referral> found, Many(tx, sql, {key}));
  if (found.empty()) return std::optional<Referral>();
  return std::optional<Referral>(std::move(found.front()));
}

Result<std::string> DisplayName(Tx& tx, const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kDisplayName, {customer_id}));
  return rows.empty() ? customer_id : rows[0].Text(0);
}

std::string Describe(const Referral& r, const std::string& referee) {
  if (r.state == "linked") return "Referral: " + referee + " joined with this customer's code";
  if (r.state == "qualifying") {
    return "Referral: " + referee + " placed a first order (rewarded after the return window)";
  }
  if (r.state == "rewarded") return "Referral: " + referee + " qualified; both rewarded";
  if (r.state == "lapsed") return "Referral: " + referee + "'s first order was returned";
  return "Referral of " + referee + " refused (" + r.signal.value_or("") + ")";
}

// One event type per state, written out so every type is where the redaction test looks.
std::string_view EventType(std::string_view state) {
  if (state == "linked") return "loyalty.referral_linked";
  if (state == "qualifying") return "loyalty.referral_qualifying";
  if (state == "rewarded") return "loyalty.referral_rewarded";
  if (state == "lapsed") return "loyalty.referral_lapsed";
  return "loyalty.referral_refused";
}

}  // namespace

Result<std::string> EnsureReferralCode(Tx& tx, const std::string& customer_id,
                                       const std::string& now) {
  RAPPORT_ASSIGN_OR_RETURN(auto found, FindReferralCode(tx, customer_id));
  if (found) return *found;
  for (int i = 0; i < kCodeAttempts; ++i) {
    const std::string code = GenerateVoucherCode();
    RAPPORT_ASSIGN_OR_RETURN(Rows taken, tx.Query(kCodeOwner, {code}));
    if (!taken.empty()) continue;  // about 59 bits: never in practice
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertCode, {customer_id, code, now}));
    return code;
  }
  return Error::Internal("no free referral code was found");
}

Result<std::optional<std::string>> FindReferralCode(Tx& tx, const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFindCode, {customer_id}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Result<std::optional<std::string>> ReferrerOfCode(Tx& tx, const std::string& code) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kCodeOwner, {code}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Result<std::optional<Referral>> LoadReferral(Tx& tx, const std::string& id) {
  return One(tx, kSelectOne, id);
}

Result<std::optional<Referral>> StandingReferralOf(Tx& tx, const std::string& referee_id) {
  return One(tx, kStanding, referee_id);
}

Result<std::vector<Referral>> ReferralsForOrder(Tx& tx, const std::string& order_id) {
  return Many(tx, kForOrder, {order_id});
}

Result<std::vector<Referral>> ReferralsBy(Tx& tx, const std::string& referrer_id, int limit) {
  return Many(tx, kByReferrer, {referrer_id, int64_t{limit}});
}

Result<std::vector<Referral>> ListReferrals(Tx& tx, const std::optional<std::string>& state,
                                            int limit) {
  if (state) return Many(tx, kListState, {*state, int64_t{limit}});
  return Many(tx, kListAll, {int64_t{limit}});
}

Result<int64_t> CountFromNetwork(Tx& tx, const std::string& network_key, const std::string& since) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFromNetwork, {network_key, since}));
  return rows[0].Int(0);
}

Result<int64_t> CountByReferrer(Tx& tx, const std::string& referrer_id, const std::string& since) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kByReferrerSince, {referrer_id, since}));
  return rows[0].Int(0);
}

json::object ReferralToJson(const Referral& r) {
  auto opt = [](const auto& v) { return v ? json::value(*v) : json::value(nullptr); };
  return json::object{{"id", r.id},
                      {"referrer_id", r.referrer_id},
                      {"referee_id", r.referee_id},
                      {"state", r.state},
                      {"signal", opt(r.signal)},
                      {"detail", opt(r.detail)},
                      {"via", r.via},
                      {"order_id", opt(r.order_id)},
                      {"qualifies_on", r.qualifies_on ? json::value(DateOfDay(*r.qualifies_on))
                                                      : json::value(nullptr)},
                      {"created_at", r.created_at},
                      {"updated_at", r.updated_at}};
}

Status SaveReferral(Tx& tx, const storage::WriteContext& context, const Referral& r, bool created) {
  if (created) {
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kInsert, {r.id, r.referrer_id, r.referee_id, r.state, Opt(r.signal), Opt(r.detail),
                          r.via, Opt(r.network_key), Opt(r.order_id), Opt(r.order_cents),
                          r.refunded_cents, Opt(r.qualifies_on), r.created_at, r.updated_at}));
  } else {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kUpdate, {r.state, Opt(r.signal), Opt(r.detail), Opt(r.order_id), Opt(r.order_cents),
                  r.refunded_cents, Opt(r.qualifies_on), r.updated_at, r.id}));
  }
  const json::object record = ReferralToJson(r);
  RAPPORT_ASSIGN_OR_RETURN(std::string referee, DisplayName(tx, r.referee_id));
  json::object entry{
      {"channel", "other"},          {"direction", "internal"},
      {"kind", "loyalty"},           {"subject", Describe(r, referee)},
      {"occurred_at", r.updated_at}, {"metadata", json::object{{"referral_id", r.id}}}};
  auto logged =
      interactions::LogInTx(tx, access::Access::Unrestricted(), context, r.referrer_id, entry);
  if (!logged.ok()) return std::move(logged).error();
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, EventType(r.state), "customer",
                                               r.referrer_id, json::object{{"referral", record}}));
  return storage::AppendAudit(tx, context, created ? "create" : "update", "loyalty_referral", r.id,
                              {}, record);
}

}  // namespace rapport::loyalty
