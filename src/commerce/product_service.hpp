// ProductService: the catalogue — SKU (unique), name, category, price, active flag. Products are
// the business's own, not any customer's: everyone reads them, administrators change them.
// Every change is audited (object type "product"). Thread-safe; calls block on storage.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/page.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::commerce {

class ProductService {
 public:
  explicit ProductService(storage::Database& database) : database_(database) {}

  // {sku, name, category?, price, currency, active?, custom_fields?}; kConflict on a taken SKU.
  Result<json::object> Create(const storage::WriteContext& context, const json::object& input);
  Result<json::object> Get(const std::string& id);
  // Merge patch of name, category, price, currency, active, custom_fields (the SKU is the
  // product's identity).
  Result<json::object> Update(const storage::WriteContext& context, const std::string& id,
                              const json::object& patch, std::optional<int64_t> if_version);
  // Administrators only. Order lines that sold it keep their SKU and description.
  Status Delete(const access::Access& access, const storage::WriteContext& context,
                const std::string& id, std::optional<int64_t> if_version);
  // By name; `q` matches name or SKU; inactive ones only with `include_inactive`.
  Result<Page> List(const std::optional<std::string>& q, bool include_inactive, int limit,
                    const std::optional<std::string>& cursor);

 private:
  storage::Database& database_;
};

// Create and Update inside an open transaction, for bulk paths (import). REQUIRES: inside
// Database::Write.
Result<json::object> CreateProductInTx(storage::Tx& tx, const storage::WriteContext& context,
                                       const json::object& input);
Result<json::object> UpdateProductInTx(storage::Tx& tx, const storage::WriteContext& context,
                                       const std::string& id, const json::object& patch,
                                       std::optional<int64_t> if_version);
// Delete's body: kPermissionDenied unless `access` is an administrator's, kNotFound when missing,
// kPreconditionFailed when `expected_version` is set and stale. Appends `product.deleted`
// ({product: old values}) and the audit entry. REQUIRES: inside Database::Write.
Status DeleteProductInTx(storage::Tx& tx, const access::Access& access,
                         const storage::WriteContext& context, const std::string& id,
                         std::optional<int64_t> expected_version);
Result<std::optional<std::string>> FindProductIdBySku(storage::Tx& tx, const std::string& sku);
Result<std::optional<json::object>> LoadProductJson(storage::Tx& tx, const std::string& id);

}  // namespace rapport::commerce
