#include "loyalty/bonus_vouchers.hpp"

#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "loyalty/voucher_service.hpp"

namespace rapport::loyalty {
namespace {

constexpr std::string_view kClaim =
    "INSERT INTO loyalty_bonus_vouchers (programme_id, customer_id, cause, voucher_id, created_at) "
    "VALUES (?, ?, ?, '', ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kRecordVoucher =
    "UPDATE loyalty_bonus_vouchers SET voucher_id = ? "
    "WHERE programme_id = ? AND customer_id = ? AND cause = ?";

}  // namespace

Status IssueBonusVoucher(storage::Tx& tx, const storage::WriteContext& context,
                         const Programme& programme, const PointsOrVoucher& reward,
                         const std::string& customer_id, const std::string& cause,
                         const std::string& name, const std::string& why, int64_t now_millis) {
  if (!Runs(programme, DayOfMillis(now_millis))) return OkStatus();
  auto owner = customers::ReadableCustomerOwner(tx, access::Access::Unrestricted(), customer_id);
  if (!owner.ok()) {
    // Erased before the event was delivered: no one to reward (a failing round would retry).
    return owner.error().code == ErrorCode::kNotFound ? OkStatus()
                                                      : Status(std::move(owner).error());
  }
  const std::string now = FormatInstant(now_millis);
  // The claim first: a second delivery of the same cause inserts nothing and issues nothing.
  RAPPORT_ASSIGN_OR_RETURN(int64_t claimed,
                           tx.Exec(kClaim, {programme.id, customer_id, cause, now}));
  if (claimed == 0) return OkStatus();
  VoucherRules rules = reward.rules;
  if (reward.expires_in_days > 0) {
    rules.expires_at = FormatInstant(now_millis + reward.expires_in_days * kMillisPerDay);
  }
  RAPPORT_ASSIGN_OR_RETURN(json::object voucher,
                           IssueVoucherInTx(tx, context, customer_id, "reward",
                                            name + ": " + programme.name, rules, why, now));
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kRecordVoucher, {std::string(voucher.at("id").as_string()),
                                                   programme.id, customer_id, cause}));
  return OkStatus();
}

}  // namespace rapport::loyalty
