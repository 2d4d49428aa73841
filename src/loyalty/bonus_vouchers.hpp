// A voucher given instead of bonus points (docs/design/loyalty.md § Review rewards): issued once
// per programme, customer and cause, the cause recorded in `loyalty_bonus_vouchers` in the same
// transaction as the voucher (IssueVoucherInTx: timeline, event, audit). Stateless;
// REQUIRES: inside Database::Write.
#pragma once

#include <string>

#include "loyalty/programme.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::loyalty {

// Issues `reward`'s voucher to the customer unless `cause` already got one in this programme,
// named "<name>: <programme>" with `why` on the timeline. Nothing for a customer erased meanwhile
// or outside the programme's dates.
Status IssueBonusVoucher(storage::Tx& tx, const storage::WriteContext& context,
                         const Programme& programme, const PointsOrVoucher& reward,
                         const std::string& customer_id, const std::string& cause,
                         const std::string& name, const std::string& why, int64_t now_millis);

}  // namespace rapport::loyalty
