// Help center categories (docs/design/helpcenter.md § Data model): slug, name, position,
// description. Staff with knowledge-base read list them; edit writes them; delete removes an
// empty one (a category with articles is a 409). Events kb_category.created|updated|deleted with
// audit entries ("kb_category"). Holds only a reference to the Database; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::helpcenter {

class CategoryService {
 public:
  explicit CategoryService(storage::Database& database) : database_(database) {}
  using Access = access::Access;

  // {slug?, name, position?, description?}
  Result<json::object> Create(const Access& access, const storage::WriteContext& context,
                              const json::object& input);
  // {data: [...]} by position, then name.
  Result<json::object> List(const Access& access);
  Result<json::object> Get(const Access& access, const std::string& id);
  Result<json::object> Update(const Access& access, const storage::WriteContext& context,
                              const std::string& id, const json::object& patch,
                              std::optional<int64_t> if_version);
  Status Delete(const Access& access, const storage::WriteContext& context, const std::string& id,
                std::optional<int64_t> if_version);

 private:
  storage::Database& database_;
};

// Finds the category named `name` or creates it (slug from the name): the demo loader's way in.
Result<std::string> EnsureCategoryInTx(storage::Tx& tx, const storage::WriteContext& context,
                                       const std::string& name, int64_t position);

}  // namespace rapport::helpcenter
