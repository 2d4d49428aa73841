// ReferralService: referrals through the API (docs/design/loyalty.md § Referrals) — a customer's
// code, link and referrals (made the first time they are asked for), the list staff review
// (refused ones with their signal), and the programme's statistics. Everything needs `loyalty`
// read; a customer's view also the customer readable (else "not found"). Referrals themselves are
// made by arrivals (referrals.hpp). Thread-safe; calls block on storage.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"

namespace rapport::loyalty {

class ReferralService {
 public:
  // `clock`: Unix milliseconds; `link_base`: the public address the link starts with.
  ReferralService(storage::Database& database, std::function<int64_t()> clock,
                  std::string link_base)
      : database_(database), clock_(std::move(clock)), link_base_(std::move(link_base)) {}
  using Access = access::Access;

  // {code, link, referred_by: referral | null, referrals: [...newest first, ≤ 100], counts:
  // {linked, qualifying, rewarded, lapsed, refused}}.
  Result<json::object> ForCustomer(const Access& access, const std::string& customer_id);
  // Newest first, optionally one state (e.g. refused, to review); at most `limit`.
  Result<json::array> List(const Access& access, const std::optional<std::string>& state,
                           int limit);
  // {by_state, refused_by_signal, months: [{month, referred, rewarded}] (last 12), conversion}.
  Result<json::object> Stats(const Access& access);

 private:
  storage::Database& database_;
  std::function<int64_t()> clock_;
  std::string link_base_;
};

}  // namespace rapport::loyalty
