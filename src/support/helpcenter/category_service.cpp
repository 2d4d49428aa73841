#include "support/helpcenter/category_service.hpp"

#include "common/ids.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"
#include "support/helpcenter/article.hpp"

namespace rapport::helpcenter {
namespace {

using storage::Rows;
using storage::Tx;

constexpr size_t kMaxName = 100;
constexpr size_t kMaxDescription = 1000;

#define RAPPORT_KB_CATEGORY_COLUMNS \
  "id, slug, name, position, description, created_at, updated_at, version"
constexpr std::string_view kSelect =
    "SELECT " RAPPORT_KB_CATEGORY_COLUMNS " FROM kb_categories WHERE id = ?";
constexpr std::string_view kSelectAll =
    "SELECT " RAPPORT_KB_CATEGORY_COLUMNS
    " FROM kb_categories ORDER BY position, name, id LIMIT 1000";
constexpr std::string_view kByName = "SELECT id FROM kb_categories WHERE name = ?";
constexpr std::string_view kSlugTaken = "SELECT 1 FROM kb_categories WHERE slug = ? AND id <> ?";
constexpr std::string_view kInsert =
    "INSERT INTO kb_categories (id, slug, name, position, description, created_at, updated_at, "
    "version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)";
constexpr std::string_view kUpdate =
    "UPDATE kb_categories SET slug = ?, name = ?, position = ?, description = ?, updated_at = ?, "
    "version = version + 1 WHERE id = ? AND version = ?";
constexpr std::string_view kInUse = "SELECT 1 FROM kb_articles WHERE category_id = ? LIMIT 1";
constexpr std::string_view kDelete = "DELETE FROM kb_categories WHERE id = ?";

struct Category {
  std::string id;
  std::string slug;
  std::string name;
  int64_t position = 0;
  std::string description;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

Category FromRow(const storage::Row& row) {
  return Category{.id = row.Text(0),
                  .slug = row.Text(1),
                  .name = row.Text(2),
                  .position = row.Int(3),
                  .description = row.Text(4),
                  .created_at = row.Text(5),
                  .updated_at = row.Text(6),
                  .version = row.Int(7)};
}

json::object ToJson(const Category& category) {
  return json::object{{"id", category.id},
                      {"slug", category.slug},
                      {"name", category.name},
                      {"position", category.position},
                      {"description", category.description},
                      {"created_at", category.created_at},
                      {"updated_at", category.updated_at},
                      {"version", category.version}};
}

Status ReadInput(const json::object& input, bool creating, Category& category) {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : input) {
    const std::string field(key);
    if (key == "name" || key == "description") {
      const bool name = key == "name";
      CleanedText text = value.is_string()
                             ? CleanText(value.as_string(), name ? kMaxName : kMaxDescription,
                                         name ? TextKind::kSingleLine : TextKind::kMultiLine)
                             : CleanedText{.problem = "must be a string"};
      if (name && text.problem.empty() && text.text.empty()) text.problem = "must not be empty";
      if (!text.problem.empty()) errors.push_back({field, text.problem});
      (name ? category.name : category.description) = text.text;
    } else if (key == "slug") {
      if (!value.is_string() || !IsValidSlug(value.as_string())) {
        errors.push_back({field, "must be 1 to 100 of a-z, 0-9 and single hyphens"});
      } else {
        category.slug = std::string(value.as_string());
      }
    } else if (key == "position") {
      if (!value.is_int64() || value.as_int64() < 0 || value.as_int64() > 1000000) {
        errors.push_back({field, "must be a whole number from 0 to 1000000"});
      } else {
        category.position = value.as_int64();
      }
    } else {
      errors.push_back({field, "is not a known field"});
    }
  }
  if (creating && !input.contains("name")) errors.push_back({"name", "is required"});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (category.slug.empty()) category.slug = SlugFrom(category.name);
  if (category.slug.empty())
    return Error::Invalid("slug", "is required when the name has no letters");
  return OkStatus();
}

Result<Category> Load(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelect, {id}));
  if (rows.empty()) return Error::NotFound("No category has the id " + id + ".");
  return FromRow(rows.front());
}

Status CheckSlugFree(Tx& tx, const Category& category) {
  RAPPORT_ASSIGN_OR_RETURN(Rows taken, tx.Query(kSlugTaken, {category.slug, category.id}));
  if (!taken.empty()) {
    return Error::Conflict("Another category already has the slug " + category.slug + ".", "slug");
  }
  return OkStatus();
}

json::object Payload(const Category& category) {
  return json::object{{"kb_category", json::object{{"id", category.id}, {"slug", category.slug}}}};
}

Status InsertInTx(Tx& tx, const storage::WriteContext& context, Category& category) {
  RAPPORT_RETURN_IF_ERROR(CheckSlugFree(tx, category));
  category.created_at = category.updated_at = NowInstant();
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kInsert, {category.id, category.slug, category.name, category.position,
                        category.description, category.created_at, category.updated_at}));
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "kb_category.created", "kb_category",
                                               category.id, Payload(category)));
  return storage::AppendAudit(tx, context, "create", "kb_category", category.id, {},
                              ToJson(category));
}

}  // namespace

Result<json::object> CategoryService::Create(const Access& access,
                                             const storage::WriteContext& context,
                                             const json::object& input) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckKbAction(access, access::Action::kEdit));
    Category category{.id = NewId("kbc")};
    RAPPORT_RETURN_IF_ERROR(ReadInput(input, true, category));
    RAPPORT_RETURN_IF_ERROR(InsertInTx(tx, context, category));
    served = ToJson(category);
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> CategoryService::List(const Access& access) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckKbRead(access));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectAll));
    json::array data;
    for (const auto& row : rows) data.push_back(ToJson(FromRow(row)));
    served = json::object{{"data", std::move(data)}};
    return OkStatus();
  }));
  return served;
}

Result<json::object> CategoryService::Get(const Access& access, const std::string& id) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckKbRead(access));
    RAPPORT_ASSIGN_OR_RETURN(Category category, Load(tx, id));
    served = ToJson(category);
    return OkStatus();
  }));
  return served;
}

Result<json::object> CategoryService::Update(const Access& access,
                                             const storage::WriteContext& context,
                                             const std::string& id, const json::object& patch,
                                             std::optional<int64_t> if_version) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckKbRead(access));
    RAPPORT_ASSIGN_OR_RETURN(Category category, Load(tx, id));
    RAPPORT_RETURN_IF_ERROR(CheckKbAction(access, access::Action::kEdit));
    const json::object before = ToJson(category);
    const int64_t expected = if_version.value_or(category.version);
    RAPPORT_RETURN_IF_ERROR(ReadInput(patch, false, category));
    RAPPORT_RETURN_IF_ERROR(CheckSlugFree(tx, category));
    category.updated_at = NowInstant();
    RAPPORT_ASSIGN_OR_RETURN(
        int64_t changed,
        tx.Exec(kUpdate, {category.slug, category.name, category.position, category.description,
                          category.updated_at, id, expected}));
    if (changed == 0)
      return Error::PreconditionFailed("The category was changed since you read it.");
    category.version = expected + 1;
    served = ToJson(category);
    RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "kb_category.updated", "kb_category",
                                                 id, Payload(category)));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "kb_category", id, before, served));
    return context.Written(tx, served);
  }));
  return served;
}

Status CategoryService::Delete(const Access& access, const storage::WriteContext& context,
                               const std::string& id, std::optional<int64_t> if_version) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckKbRead(access));
    RAPPORT_ASSIGN_OR_RETURN(Category category, Load(tx, id));
    RAPPORT_RETURN_IF_ERROR(CheckKbAction(access, access::Action::kDelete));
    if (if_version && *if_version != category.version) {
      return Error::PreconditionFailed("The category was changed since you read it.");
    }
    RAPPORT_ASSIGN_OR_RETURN(Rows in_use, tx.Query(kInUse, {id}));
    if (!in_use.empty()) {
      return Error::Conflict("The category still has articles; move or delete them first.");
    }
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDelete, {id}));
    RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "kb_category.deleted", "kb_category",
                                                 id, Payload(category)));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "delete", "kb_category", id, ToJson(category), {}));
    return context.Written(tx, json::object{{"id", id}});
  });
}

Result<std::string> EnsureCategoryInTx(Tx& tx, const storage::WriteContext& context,
                                       const std::string& name, int64_t position) {
  RAPPORT_ASSIGN_OR_RETURN(Rows found, tx.Query(kByName, {name}));
  if (!found.empty()) return found.front().Text(0);
  Category category{.id = NewId("kbc"), .name = name, .position = position};
  RAPPORT_RETURN_IF_ERROR(ReadInput(json::object{{"name", name}}, true, category));
  RAPPORT_RETURN_IF_ERROR(InsertInTx(tx, context, category));
  return category.id;
}

}  // namespace rapport::helpcenter
