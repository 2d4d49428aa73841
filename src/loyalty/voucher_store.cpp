#include "loyalty/voucher_store.hpp"

#include "common/ids.hpp"
#include "loyalty/voucher_code.hpp"

namespace rapport::loyalty {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kInsertBatch =
    "INSERT INTO loyalty_voucher_batches (id, kind, name, rules, code_count, created_at, "
    "created_by) VALUES (?, ?, ?, ?, ?, ?, ?)";
// OR IGNORE: a generated code that collides with one already stored (about 1 in 10^17 per pair)
// is simply drawn again; a shared code staff chose is refused instead.
constexpr std::string_view kInsertGenerated =
    "INSERT OR IGNORE INTO loyalty_vouchers (id, batch_id, code, customer_id, max_uses, uses, "
    "created_at) VALUES (?, ?, ?, ?, ?, 0, ?)";
constexpr std::string_view kCodeTaken = "SELECT 1 FROM loyalty_vouchers WHERE code = ?";

#define RAPPORT_VOUCHER_COLUMNS                                                         \
  "v.id, v.batch_id, b.kind, v.code, v.customer_id, v.max_uses, v.uses, v.created_at, " \
  "b.rules"
constexpr std::string_view kByCode =
    "SELECT " RAPPORT_VOUCHER_COLUMNS
    " FROM loyalty_vouchers v JOIN loyalty_voucher_batches b ON b.id = v.batch_id "
    "WHERE v.code = ?";
constexpr std::string_view kByBatch =
    "SELECT " RAPPORT_VOUCHER_COLUMNS
    " FROM loyalty_vouchers v JOIN loyalty_voucher_batches b ON b.id = v.batch_id "
    "WHERE v.batch_id = ? ORDER BY v.id";
constexpr std::string_view kByCustomer =
    "SELECT " RAPPORT_VOUCHER_COLUMNS
    " FROM loyalty_vouchers v JOIN loyalty_voucher_batches b ON b.id = v.batch_id "
    "WHERE v.customer_id = ? ORDER BY v.created_at DESC, v.id DESC LIMIT ?";
constexpr std::string_view kCustomerUses =
    "SELECT COUNT(*) FROM loyalty_voucher_uses "
    "WHERE batch_id = ? AND customer_id = ? AND returned_at IS NULL";
// The count and the limit in one statement: a use is taken only while one is left.
constexpr std::string_view kSpend =
    "UPDATE loyalty_vouchers SET uses = uses + 1 WHERE id = ? AND uses < max_uses";
constexpr std::string_view kInsertUse =
    "INSERT INTO loyalty_voucher_uses (voucher_id, order_id, batch_id, customer_id, "
    "discount_cents, used_at) VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kOpenUses =
    "SELECT u.voucher_id, b.rules FROM loyalty_voucher_uses u "
    "JOIN loyalty_voucher_batches b ON b.id = u.batch_id "
    "WHERE u.order_id = ? AND u.returned_at IS NULL";
constexpr std::string_view kMarkReturned =
    "UPDATE loyalty_voucher_uses SET returned_at = ? "
    "WHERE voucher_id = ? AND order_id = ? AND returned_at IS NULL";
constexpr std::string_view kGiveBack =
    "UPDATE loyalty_vouchers SET uses = uses - 1 WHERE id = ? AND uses > 0";
#define RAPPORT_BATCH_SELECT                                                          \
  "SELECT b.id, b.kind, b.name, b.rules, b.code_count, b.created_at, b.created_by, "  \
  "(SELECT COALESCE(SUM(uses), 0) FROM loyalty_vouchers WHERE batch_id = b.id), "     \
  "(SELECT COALESCE(SUM(max_uses), 0) FROM loyalty_vouchers WHERE batch_id = b.id), " \
  "(SELECT code FROM loyalty_vouchers WHERE batch_id = b.id AND b.kind = 'shared') "  \
  "FROM loyalty_voucher_batches b "
constexpr std::string_view kBatches =
    RAPPORT_BATCH_SELECT "ORDER BY b.created_at DESC, b.id DESC LIMIT ?";
constexpr std::string_view kBatch = RAPPORT_BATCH_SELECT "WHERE b.id = ?";

Result<StoredVoucher> VoucherFromRow(const storage::Row& row) {
  RAPPORT_ASSIGN_OR_RETURN(VoucherRules rules, VoucherRulesFromStored(row.Text(8)));
  return StoredVoucher{.id = row.Text(0),
                       .batch_id = row.Text(1),
                       .kind = row.Text(2),
                       .code = row.Text(3),
                       .customer_id = row.OptText(4),
                       .max_uses = row.Int(5),
                       .uses = row.Int(6),
                       .created_at = row.Text(7),
                       .rules = std::move(rules)};
}

Result<std::vector<StoredVoucher>> Vouchers(const Rows& rows) {
  std::vector<StoredVoucher> out;
  for (const auto& row : rows) {
    RAPPORT_ASSIGN_OR_RETURN(StoredVoucher voucher, VoucherFromRow(row));
    out.push_back(std::move(voucher));
  }
  return out;
}

Result<json::object> BatchFromRow(const storage::Row& row) {
  RAPPORT_ASSIGN_OR_RETURN(VoucherRules rules, VoucherRulesFromStored(row.Text(3)));
  json::object batch = VoucherRulesToJson(rules);
  batch["id"] = row.Text(0);
  batch["kind"] = row.Text(1);
  batch["name"] = row.Text(2);
  batch["description"] = DescribeVoucherValue(rules);
  batch["code_count"] = row.Int(4);
  batch["created_at"] = row.Text(5);
  batch["created_by"] = row.Text(6);
  batch["uses"] = row.Int(7);
  batch["max_uses"] = row.Int(8);
  batch["code"] = row.IsNull(9) ? json::value(nullptr) : json::value(row.Text(9));
  return batch;
}

}  // namespace

Result<CreatedBatch> InsertBatch(Tx& tx, const NewBatch& batch, const std::string& now) {
  CreatedBatch created;
  const std::string batch_id = NewId("vob");
  const int64_t count = batch.shared_code ? 1 : batch.count;
  RAPPORT_RETURN_IF_ERROR(tx.Exec(
      kInsertBatch, {batch_id, batch.kind, batch.name,
                     ToJsonString(VoucherRulesToJson(batch.rules)), count, now, batch.created_by}));
  if (batch.shared_code) {
    RAPPORT_ASSIGN_OR_RETURN(Rows taken, tx.Query(kCodeTaken, {*batch.shared_code}));
    if (!taken.empty()) return Error::Conflict("another voucher has this code", "code");
  }
  for (int64_t made = 0; made < count;) {
    StoredVoucher voucher{.id = NewId("vou"),
                          .batch_id = batch_id,
                          .kind = batch.kind,
                          .code = batch.shared_code.value_or(GenerateVoucherCode()),
                          .customer_id = batch.customer_id,
                          .max_uses = batch.max_uses,
                          .created_at = now,
                          .rules = batch.rules};
    RAPPORT_ASSIGN_OR_RETURN(int64_t inserted,
                             tx.Exec(kInsertGenerated, {voucher.id, batch_id, voucher.code,
                                                        storage::OptionalText(voucher.customer_id),
                                                        voucher.max_uses, now}));
    if (inserted == 0) continue;  // drawn again
    created.vouchers.push_back(std::move(voucher));
    ++made;
  }
  RAPPORT_ASSIGN_OR_RETURN(auto stored, GetBatch(tx, batch_id));
  if (!stored) return Error::Internal("the voucher batch was not stored");
  created.batch = std::move(*stored);
  return created;
}

Result<std::optional<StoredVoucher>> FindVoucherByCode(Tx& tx, const std::string& code) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kByCode, {code}));
  if (rows.empty()) return std::optional<StoredVoucher>();
  RAPPORT_ASSIGN_OR_RETURN(StoredVoucher voucher, VoucherFromRow(rows[0]));
  return std::optional<StoredVoucher>(std::move(voucher));
}

Result<int64_t> CustomerUses(Tx& tx, const std::string& batch_id, const std::string& customer_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kCustomerUses, {batch_id, customer_id}));
  return rows.empty() ? 0 : rows[0].Int(0);
}

Result<bool> SpendUse(Tx& tx, const StoredVoucher& voucher, const std::string& order_id,
                      const std::string& customer_id, int64_t discount_cents,
                      const std::string& now) {
  RAPPORT_ASSIGN_OR_RETURN(int64_t changed, tx.Exec(kSpend, {voucher.id}));
  if (changed == 0) return false;
  RAPPORT_RETURN_IF_ERROR(tx.Exec(
      kInsertUse, {voucher.id, order_id, voucher.batch_id, customer_id, discount_cents, now}));
  return true;
}

Result<int64_t> ReturnUses(Tx& tx, const std::string& order_id, const std::string& now) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kOpenUses, {order_id}));
  int64_t returned = 0;
  for (const auto& row : rows) {
    RAPPORT_ASSIGN_OR_RETURN(VoucherRules rules, VoucherRulesFromStored(row.Text(1)));
    if (!rules.return_on_cancel) continue;
    RAPPORT_ASSIGN_OR_RETURN(int64_t marked, tx.Exec(kMarkReturned, {now, row.Text(0), order_id}));
    if (marked == 0) continue;
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kGiveBack, {row.Text(0)}));
    ++returned;
  }
  return returned;
}

Result<json::array> ListBatches(Tx& tx, int limit) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kBatches, {int64_t{limit}}));
  json::array out;
  for (const auto& row : rows) {
    RAPPORT_ASSIGN_OR_RETURN(json::object batch, BatchFromRow(row));
    out.push_back(std::move(batch));
  }
  return out;
}

Result<std::optional<json::object>> GetBatch(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kBatch, {id}));
  if (rows.empty()) return std::optional<json::object>();
  RAPPORT_ASSIGN_OR_RETURN(json::object batch, BatchFromRow(rows[0]));
  return std::optional<json::object>(std::move(batch));
}

Result<std::vector<StoredVoucher>> BatchCodes(Tx& tx, const std::string& batch_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kByBatch, {batch_id}));
  return Vouchers(rows);
}

Result<std::vector<StoredVoucher>> CustomerVouchers(Tx& tx, const std::string& customer_id,
                                                    int limit) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kByCustomer, {customer_id, int64_t{limit}}));
  return Vouchers(rows);
}

json::object VoucherToJson(const StoredVoucher& voucher, const std::string& now) {
  const bool expired = voucher.rules.expires_at && *voucher.rules.expires_at <= now;
  const std::string state = voucher.uses >= voucher.max_uses ? "used_up"
                            : expired                        ? "expired"
                                                             : "available";
  return json::object{{"id", voucher.id},
                      {"batch_id", voucher.batch_id},
                      {"kind", voucher.kind},
                      {"code", FormatVoucherCode(voucher.code)},
                      {"customer_id", voucher.customer_id ? json::value(*voucher.customer_id)
                                                          : json::value(nullptr)},
                      {"max_uses", voucher.max_uses},
                      {"uses", voucher.uses},
                      {"state", state},
                      {"description", DescribeVoucherValue(voucher.rules)},
                      {"rules", VoucherRulesToJson(voucher.rules)},
                      {"created_at", voucher.created_at}};
}

}  // namespace rapport::loyalty
