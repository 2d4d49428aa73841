// VoucherService: what staff do with vouchers through the API (docs/design/loyalty.md §
// Vouchers) — batches (bulk-generated single-use codes, or one shared code with a usage limit),
// their CSV export, and a voucher issued to one customer; plus IssueVoucherInTx, which the rewards
// catalogue calls inside its own write.
//
// Access (docs/design/access.md § Feedback, tasks and loyalty): batches are programme settings
// (`loyalty_programmes` read to list, create to generate, edit to export the codes, which are
// secrets a customer could spend); issuing a voucher to a customer is `loyalty` create with the
// customer readable; a customer's vouchers need `loyalty` read and the customer readable (else
// "not found"). Each write is audited; an issued voucher is on the customer's timeline and
// announced as `loyalty.voucher_issued`, which names the code by its last four letters only.
// Thread-safe; calls block on storage.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "loyalty/voucher_store.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::loyalty {

class VoucherService {
 public:
  // `now`: RFC 3339.
  VoucherService(storage::Database& database, std::function<std::string()> now)
      : database_(database), now_(std::move(now)) {}
  using Access = access::Access;

  // {name, kind: bulk, count: 1..10000, ...rules} or {name, kind: shared, code, max_uses,
  // ...rules}; rules as voucher_rules.hpp reads them.
  Result<json::object> CreateBatch(const Access& access, const storage::WriteContext& context,
                                   const json::object& input);
  Result<json::array> ListBatches(const Access& access);
  // "code,max_uses,uses,customer_id\r\n…": the printed codes; audited as an export.
  Result<std::string> ExportBatchCsv(const Access& access, const storage::WriteContext& context,
                                     const std::string& batch_id);
  // {name?, note?, ...rules}: one single-use code only this customer may use.
  Result<json::object> Issue(const Access& access, const storage::WriteContext& context,
                             const std::string& customer_id, const json::object& input);
  // The codes issued to the customer, newest first (at most 100).
  Result<json::array> ListForCustomer(const Access& access, const std::string& customer_id);

 private:
  storage::Database& database_;
  std::function<std::string()> now_;
};

// Issues one single-use voucher to the customer with its timeline entry, event and audit entry;
// `kind`: issued | reward; `why`: the timeline's words ("issued by staff", "reward: Coffee");
// `code`: the normal form of a code the voucher must have (an imported one; kConflict on "code"
// when taken), else one is generated.
// REQUIRES: inside Database::Write; the caller checked access.
Result<json::object> IssueVoucherInTx(storage::Tx& tx, const storage::WriteContext& context,
                                      const std::string& customer_id, const std::string& kind,
                                      const std::string& name, const VoucherRules& rules,
                                      const std::string& why, const std::string& now,
                                      const std::optional<std::string>& code = std::nullopt);

}  // namespace rapport::loyalty
