// The referral conversions of the loyalty reports (docs/design/loyalty.md § Reports): per period,
// the referrals made in it and what became of them since — qualified (the referee placed a first
// order), rewarded, refused (per fraud signal) — and the conversion rate, rewarded of made less
// refused. A cohort view: a referral counts in the period it was made, so an old period's rate
// still rises while its referrals qualify.
//
// Referrals belong to no programme (every programme rewards them): all count, but only those
// whose referrer the caller may read (the customers read scope). Stateless; REQUIRES: inside the
// caller's read transaction.
#pragma once

#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "loyalty/loyalty_reports.hpp"
#include "storage/database.hpp"

namespace rapport::loyalty {

// One object per period: {made, qualified, rewarded, refused, refused_by_signal: {signal: n},
// conversion_rate: 0-1 | null (none made but refused)}.
Result<std::vector<json::object>> ReferralConversions(storage::Tx& tx,
                                                      const access::ScopeCondition& scope,
                                                      const std::vector<ReportPeriod>& periods);

}  // namespace rapport::loyalty
