// Voucher storage (migration 0034; docs/design/loyalty.md § Vouchers): batches with their rules,
// codes, and the uses of codes on orders. Creating a batch generates its codes (or stores the one
// shared code); a use is counted with `uses < max_uses` checked in the same UPDATE and recorded
// as a row, so a cancelled order can give exactly its own uses back, once.
//
// Stateless functions over the caller's transaction; REQUIRES: inside Database::Read/Write as
// their names say (writes inside Write). No access checks: the callers decide.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "loyalty/voucher_rules.hpp"
#include "storage/database.hpp"

namespace rapport::loyalty {

inline constexpr int64_t kMaxBatchCodes = 10'000;
inline constexpr int64_t kMaxSharedUses = 1'000'000;

struct StoredVoucher {
  std::string id;
  std::string batch_id;
  std::string kind;  // the batch's: bulk | shared | issued | reward
  std::string code;  // normal form
  std::optional<std::string> customer_id;
  int64_t max_uses = 1;
  int64_t uses = 0;
  std::string created_at;
  VoucherRules rules;
};

struct NewBatch {
  std::string kind;  // bulk | shared | issued | reward
  std::string name;
  VoucherRules rules;
  int64_t count = 1;                       // codes to generate (bulk, issued, reward)
  std::optional<std::string> shared_code;  // shared: the normal form staff chose
  int64_t max_uses = 1;                    // per code
  std::optional<std::string> customer_id;  // issued, reward: the only customer who may use it
  std::string created_by;
};

struct CreatedBatch {
  json::object batch;
  std::vector<StoredVoucher> vouchers;
};

// Inserts the batch and its codes. A shared code already taken is a conflict on `code`.
Result<CreatedBatch> InsertBatch(storage::Tx& tx, const NewBatch& batch, const std::string& now);

Result<std::optional<StoredVoucher>> FindVoucherByCode(storage::Tx& tx, const std::string& code);
// Uses of the batch by the customer, not given back.
Result<int64_t> CustomerUses(storage::Tx& tx, const std::string& batch_id,
                             const std::string& customer_id);
// One use of the voucher on the order: false when none is left (nothing written then).
Result<bool> SpendUse(storage::Tx& tx, const StoredVoucher& voucher, const std::string& order_id,
                      const std::string& customer_id, int64_t discount_cents,
                      const std::string& now);
// Gives back the order's uses whose batch returns them on cancel; how many.
Result<int64_t> ReturnUses(storage::Tx& tx, const std::string& order_id, const std::string& now);

// The batches, newest first, with their codes' uses summed; at most `limit`.
Result<json::array> ListBatches(storage::Tx& tx, int limit);
Result<std::optional<json::object>> GetBatch(storage::Tx& tx, const std::string& id);
// The batch's codes, for the CSV export (at most kMaxBatchCodes by construction).
Result<std::vector<StoredVoucher>> BatchCodes(storage::Tx& tx, const std::string& batch_id);
// Codes issued to the customer, newest first, at most `limit`.
Result<std::vector<StoredVoucher>> CustomerVouchers(storage::Tx& tx, const std::string& customer_id,
                                                    int limit);

// {id, batch_id, kind, code (printed form), customer_id, max_uses, uses, state, description,
// rules, created_at}; state: available | used_up | expired as of `now`.
json::object VoucherToJson(const StoredVoucher& voucher, const std::string& now);

}  // namespace rapport::loyalty
