// SavedViews: named list views (search text, sort, filters, columns) that staff keep for
// themselves or share with every colleague. The definition is the client's JSON, stored whole
// (bounded in size); it holds no records, so it needs no record access — only ownership: anyone
// sees their own and the shared ones, only the owner changes a view, the owner or an admin
// deletes it. Every change is audited (object type "saved_view").
//
// A definition may filter, sort or show columns on fields: each reader gets it without the
// conditions, sorts and columns on fields their role hides (access::RedactViewDefinition), with
// `redacted: true` on the view when something was taken out — a shared view never shows a value
// of a hidden field (a birthday, a sensitive custom field). Thread-safe; calls block.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::customers {

// The lists a view can be saved for: "customers", "companies", "tickets" (the agent inbox).
inline bool IsViewObject(std::string_view object_type) {
  return object_type == "customers" || object_type == "companies" || object_type == "tickets";
}

class SavedViews {
 public:
  explicit SavedViews(storage::Database& database) : database_(database) {}

  // The caller's own views and those shared with everyone, by name.
  Result<json::array> List(const access::Access& access, const std::string& user_id,
                           const std::string& object_type);
  // {object_type, name, shared?, definition}; kConflict when the caller has a view of that name.
  Result<json::object> Create(const access::Access& access, const storage::WriteContext& context,
                              const std::string& user_id, const json::object& input);
  // Merge patch of name, shared, definition; owner only (others: kPermissionDenied when they
  // can see it, else kNotFound).
  Result<json::object> Update(const access::Access& access, const storage::WriteContext& context,
                              const std::string& user_id, const std::string& id,
                              const json::object& patch, std::optional<int64_t> if_version);
  Status Delete(const storage::WriteContext& context, const std::string& user_id, bool admin,
                const std::string& id);

 private:
  storage::Database& database_;
};

}  // namespace rapport::customers
