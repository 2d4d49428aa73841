// Referral fraud signals, pure (docs/design/loyalty.md § Referrals): the normal forms that make
// two customers' contact points "the same" — an email after normalisation, a postal address, a
// network address's neighbourhood — and the names of the signals a refusal records. Stateless;
// thread-safe.
//
// Email: lower case; the local part loses any "+tag" (every provider that supports sub-addressing
// delivers a+x@ to a@); for gmail.com and googlemail.com (one mailbox under both) the dots in the
// local part go too, and googlemail.com reads as gmail.com. So "A.Da+promo@GoogleMail.com" and
// "ada@gmail.com" are one mailbox.
// Address: the first line, postal code and country, lower case, letters and digits only — so
// "1 Main St." and "1 main st" in 62701 US match; city and region are left out (they are spelt
// many ways and the postal code already says where).
// Network: an IPv4 address's /24 or an IPv6 address's /48, hashed (BLAKE2b) so the raw address is
// never stored — the neighbourhood is what a burst of self-made accounts shares.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/json.hpp"

namespace rapport::loyalty {

std::string NormalizeEmailForReferral(std::string_view email);
// Empty when the address has no first line and postal code to compare.
std::string AddressKey(const json::object& address);
// nullopt when `address` is not an IPv4 or IPv6 address.
std::optional<std::string> NetworkKey(std::string_view address);

// The signals a refused referral names.
inline constexpr std::string_view kSignalSelf = "self_referral";
inline constexpr std::string_view kSignalAlreadyReferred = "already_referred";
inline constexpr std::string_view kSignalNotFirstOrder = "not_first_order";
inline constexpr std::string_view kSignalSameEmail = "same_email";
inline constexpr std::string_view kSignalSamePhone = "same_phone";
inline constexpr std::string_view kSignalSameAddress = "same_address";
inline constexpr std::string_view kSignalSamePaymentMethod = "same_payment_method";
inline constexpr std::string_view kSignalNetworkBurst = "network_burst";
inline constexpr std::string_view kSignalReferrerCap = "referrer_cap";
// The referee's first order carries `placed_by` = the referrer (checked when it is placed).
inline constexpr std::string_view kSignalReferrerPlacedOrder = "referrer_placed_order";

// The limits (referrals from one network neighbourhood per week, per referrer per period) are
// each programme's settings: ReferralLimits in programme.hpp.

}  // namespace rapport::loyalty
