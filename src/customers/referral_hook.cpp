#include "customers/referral_hook.hpp"

#include <atomic>

namespace rapport::customers {
namespace {

std::atomic<ReferralHook*> registered{nullptr};
constexpr size_t kMaxCode = 64;
constexpr size_t kMaxNetwork = 64;

}  // namespace

void SetReferralHook(ReferralHook* hook) { registered.store(hook); }

ReferralHook* CurrentReferralHook() { return registered.load(); }

Result<std::optional<ReferralArrival>> TakeReferral(json::object& body) {
  const json::value* code = body.if_contains("referral_code");
  const json::value* network = body.if_contains("referral_network");
  if (code == nullptr && network == nullptr) return std::optional<ReferralArrival>();
  if (code == nullptr || code->is_null()) {
    if (network != nullptr && !network->is_null()) {
      return Error::Invalid("referral_network", "goes with a referral_code");
    }
    body.erase("referral_code");
    body.erase("referral_network");
    return std::optional<ReferralArrival>();
  }
  if (!code->is_string() || code->as_string().empty() || code->as_string().size() > kMaxCode) {
    return Error::Invalid("referral_code", "must be a referral code");
  }
  if (CurrentReferralHook() == nullptr) {
    return Error::Invalid("referral_code", "referrals are not available on this server");
  }
  ReferralArrival arrival{.code = std::string(code->as_string())};
  if (network != nullptr && !network->is_null()) {
    if (!network->is_string() || network->as_string().empty() ||
        network->as_string().size() > kMaxNetwork) {
      return Error::Invalid("referral_network", "must be the visitor's IP address");
    }
    arrival.network = std::string(network->as_string());
  }
  body.erase("referral_code");
  body.erase("referral_network");
  return std::optional<ReferralArrival>(std::move(arrival));
}

}  // namespace rapport::customers
