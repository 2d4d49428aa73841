#include "commerce/payment_fingerprints.hpp"

namespace rapport::commerce {
namespace {

constexpr std::string_view kMethods =
    "SELECT processor_token, brand, last4, exp_month, exp_year FROM payment_methods "
    "WHERE customer_id = ? LIMIT 100";

}  // namespace

Result<std::vector<std::string>> PaymentFingerprints(storage::Tx& tx,
                                                     const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kMethods, {customer_id}));
  std::vector<std::string> out;
  for (const auto& row : rows) {
    out.push_back("token:" + row.Text(0));
    if (!row.IsNull(1) && !row.IsNull(2) && !row.IsNull(3) && !row.IsNull(4)) {
      out.push_back("card:" + row.Text(1) + ":" + row.Text(2) + ":" + std::to_string(row.Int(3)) +
                    "/" + std::to_string(row.Int(4)));
    }
  }
  return out;
}

}  // namespace rapport::commerce
