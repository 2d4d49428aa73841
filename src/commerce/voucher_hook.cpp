#include "commerce/voucher_hook.hpp"

#include <atomic>

namespace rapport::commerce {
namespace {

std::atomic<VoucherRedeemer*> registered{nullptr};

}  // namespace

void SetVoucherRedeemer(VoucherRedeemer* redeemer) { registered.store(redeemer); }

VoucherRedeemer* CurrentVoucherRedeemer() { return registered.load(); }

}  // namespace rapport::commerce
