// CompanyService: organisations that customers belong to. Same conventions as CustomerService:
// API-shaped JSON, one event per change in the change's transaction, record access checked on
// every call (unreadable companies are "not found"), thread-safe, blocking.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/page.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::customers {

// The `q` condition of the company list ("AND (…)" over name and domain, folding case and
// accents), for anything that counts or reads the same set (the export's count).
void AppendCompanyTextMatch(std::string_view q, std::string& where,
                            std::vector<storage::Value>& params);

struct CompanyQuery {
  std::optional<std::string> q;  // substring of name or domain
  std::string sort = "created_at";
  int limit = kDefaultPageSize;
  std::optional<std::string> cursor;
};

class CompanyService {
 public:
  explicit CompanyService(storage::Database& database) : database_(database) {}

  using Access = access::Access;

  Result<json::object> Create(const Access& access, const storage::WriteContext& context,
                              const json::object& input);
  Result<json::object> Get(const Access& access, const std::string& id);
  Result<json::object> Update(const Access& access, const storage::WriteContext& context,
                              const std::string& id, const json::object& patch,
                              std::optional<int64_t> if_version);
  // Customers of a deleted company keep their records, with company_id cleared.
  Status Delete(const Access& access, const storage::WriteContext& context, const std::string& id,
                std::optional<int64_t> if_version);
  Result<Page> List(const Access& access, const CompanyQuery& query);

 private:
  storage::Database& database_;
};

// Loads one company as served to `access` inside an open transaction (used by the customer
// overview); nullopt when there is none or `access` may not read it.
Result<std::optional<json::object>> LoadCompanyJson(storage::Tx& tx, const access::Access& access,
                                                    const std::string& id);

// The write paths inside an open transaction, for bulk paths (import) that commit many changes
// at once; the same rules, events and audit entries as Create and Update. Results are the full
// record: callers redact before serving. REQUIRES: inside Database::Write.
Result<json::object> CreateCompanyInTx(storage::Tx& tx, const access::Access& access,
                                       const storage::WriteContext& context,
                                       const json::object& input);
Result<json::object> UpdateCompanyInTx(storage::Tx& tx, const access::Access& access,
                                       const storage::WriteContext& context, const std::string& id,
                                       const json::object& patch,
                                       std::optional<int64_t> if_version);
// Delete's body: kNotFound when missing or not readable, kPermissionDenied when the delete level
// does not reach the owner, kPreconditionFailed when `expected_version` is set and stale. Members
// are detached (each a `customer.updated`), then `company.deleted` and the audit entry (old
// values) are appended.
Status DeleteCompanyInTx(storage::Tx& tx, const access::Access& access,
                         const storage::WriteContext& context, const std::string& id,
                         std::optional<int64_t> expected_version);
// The company with this domain (stored lower-case) or, failing that, exactly this name ignoring
// case; nullopt when none. Used to link imported rows to companies.
Result<std::optional<std::string>> FindCompanyId(storage::Tx& tx,
                                                 const std::string& domain_or_name);

}  // namespace rapport::customers
