// CompanyService: organisations that customers belong to. Same conventions as CustomerService:
// API-shaped JSON, one event per change in the change's transaction, thread-safe, blocking.
#pragma once

#include <optional>
#include <string>

#include "common/json.hpp"
#include "common/page.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::customers {

struct CompanyQuery {
  std::optional<std::string> q;  // substring of name or domain
  std::string sort = "created_at";
  int limit = kDefaultPageSize;
  std::optional<std::string> cursor;
};

class CompanyService {
 public:
  explicit CompanyService(storage::Database& database) : database_(database) {}

  Result<json::object> Create(const storage::WriteContext& context, const json::object& input);
  Result<json::object> Get(const std::string& id);
  Result<json::object> Update(const storage::WriteContext& context, const std::string& id,
                              const json::object& patch, std::optional<int64_t> if_version);
  // Customers of a deleted company keep their records, with company_id cleared.
  Status Delete(const storage::WriteContext& context, const std::string& id,
                std::optional<int64_t> if_version);
  Result<Page> List(const CompanyQuery& query);

 private:
  storage::Database& database_;
};

// Loads one company as served JSON inside an open transaction (used by the customer overview).
Result<std::optional<json::object>> LoadCompanyJson(storage::Tx& tx, const std::string& id);

}  // namespace rapport::customers
