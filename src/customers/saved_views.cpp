#include "customers/saved_views.hpp"

#include "access/audit_redaction.hpp"
#include "common/card_numbers.hpp"
#include "common/ids.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "storage/audit.hpp"

namespace rapport::customers {
namespace {

using storage::Rows;
using storage::Tx;

constexpr size_t kMaxName = 100;
constexpr size_t kMaxDefinitionBytes = size_t{16} * 1024;  // a view, not a data store
constexpr size_t kMaxViewsPerUser = 200;

#define RAPPORT_VIEW_COLUMNS \
  "id, object_type, owner_id, name, shared, definition, created_at, updated_at, version"

constexpr std::string_view kList =
    "SELECT " RAPPORT_VIEW_COLUMNS
    " FROM saved_views WHERE object_type = ?1 AND (owner_id = ?2 OR shared = 1) "
    "ORDER BY name COLLATE NOCASE, id";
constexpr std::string_view kFind = "SELECT " RAPPORT_VIEW_COLUMNS " FROM saved_views WHERE id = ?";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM saved_views WHERE owner_id = ?";
constexpr std::string_view kNameTaken =
    "SELECT id FROM saved_views WHERE owner_id = ? AND object_type = ? AND name = ?";
constexpr std::string_view kInsert =
    "INSERT INTO saved_views (id, object_type, owner_id, name, shared, definition, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdate =
    "UPDATE saved_views SET name = ?, shared = ?, definition = ?, updated_at = ?, "
    "version = version + 1 WHERE id = ?";
constexpr std::string_view kDelete = "DELETE FROM saved_views WHERE id = ?";

json::object FromRow(const storage::Row& row) {
  auto definition = ParseJson(row.Text(5));
  return json::object{{"id", row.Text(0)},
                      {"object_type", row.Text(1)},
                      {"owner_id", row.Text(2)},
                      {"name", row.Text(3)},
                      {"shared", row.Int(4) != 0},
                      {"definition", definition.ok() ? *definition : json::value(json::object())},
                      {"created_at", row.Text(6)},
                      {"updated_at", row.Text(7)},
                      {"version", row.Int(8)}};
}

// The view as `access` may see it: no condition, sort or column on a field the role hides.
json::object ViewAsSeenBy(const access::Access& access, json::object view) {
  // Ticket views filter the ticket's own fields, which no role hides (yet).
  if (view.at("object_type") == "tickets") return view;
  const auto object = view.at("object_type") == "companies" ? access::Object::kCompanies
                                                            : access::Object::kCustomers;
  if (access::RedactViewDefinition(access, object, view["definition"])) view["redacted"] = true;
  return view;
}

Error NoSuchView(const std::string& id) {
  return Error::NotFound("No view has the id " + id + ".");
}

// Validates the fields present in `input` onto `view` (served shape).
Status Apply(const json::object& input, bool is_create, json::object& view) {
  // A view's name and definition (its search text, filter values) are free text too.
  RAPPORT_RETURN_IF_ERROR(RefuseCardData(input));
  std::vector<FieldError> errors;
  for (const auto& [key, value] : input) {
    if (key == "name") {
      const std::string_view name = value.is_string() ? TrimWhitespace(value.as_string()) : "";
      if (name.empty() || name.size() > kMaxName) {
        errors.push_back({"name", "must be 1 to 100 characters"});
      } else {
        view["name"] = std::string(name);
      }
    } else if (key == "shared") {
      if (!value.is_bool()) {
        errors.push_back({"shared", "must be true or false"});
      } else {
        view["shared"] = value.as_bool();
      }
    } else if (key == "definition") {
      if (!value.is_object()) {
        errors.push_back({"definition", "must be an object"});
      } else if (ToJsonString(value).size() > kMaxDefinitionBytes) {
        errors.push_back({"definition", "must be at most 16 KiB"});
      } else {
        view["definition"] = value;
      }
    } else if (key == "object_type" && is_create) {
      if (!value.is_string() || !IsViewObject(value.as_string())) {
        errors.push_back({"object_type", "must be customers, companies or tickets"});
      } else {
        view["object_type"] = value;
      }
    } else {
      errors.push_back({std::string(key),
                        is_create ? "is not a known field" : "is not a field that can be changed"});
    }
  }
  if (is_create) {
    for (const char* required : {"object_type", "name", "definition"}) {
      if (!input.contains(required)) errors.push_back({required, "is required"});
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return OkStatus();
}

Status CheckNameFree(Tx& tx, const json::object& view) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows,
                           tx.Query(kNameTaken, {std::string(view.at("owner_id").as_string()),
                                                 std::string(view.at("object_type").as_string()),
                                                 std::string(view.at("name").as_string())}));
  if (!rows.empty() && rows[0].Text(0) != view.at("id").as_string()) {
    return Error::Conflict("you already have a view with this name", "name");
  }
  return OkStatus();
}

}  // namespace

Result<json::array> SavedViews::List(const access::Access& access, const std::string& user_id,
                                     const std::string& object_type) {
  json::array views;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kList, {object_type, user_id}));
    for (const auto& row : rows) views.push_back(ViewAsSeenBy(access, FromRow(row)));
    return OkStatus();
  }));
  return views;
}

Result<json::object> SavedViews::Create(const access::Access& access,
                                        const storage::WriteContext& context,
                                        const std::string& user_id, const json::object& input) {
  if (user_id.empty()) return Error::PermissionDenied("Views belong to staff accounts.");
  json::object view{{"id", NewId("viw")}, {"owner_id", user_id}, {"shared", false}};
  RAPPORT_RETURN_IF_ERROR(Apply(input, true, view));
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows count, tx.Query(kCount, {user_id}));
    if (static_cast<size_t>(count[0].Int(0)) >= kMaxViewsPerUser) {
      return Error::Conflict("You have 200 views; delete some first.");
    }
    RAPPORT_RETURN_IF_ERROR(CheckNameFree(tx, view));
    const std::string now = NowInstant();
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsert,
        {std::string(view["id"].as_string()), std::string(view["object_type"].as_string()), user_id,
         std::string(view["name"].as_string()), int64_t{view["shared"].as_bool() ? 1 : 0},
         ToJsonString(view["definition"]), now, now}));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFind, {std::string(view["id"].as_string())}));
    view = FromRow(rows.at(0));
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "create", "saved_view",
                                                 view["id"].as_string(), {}, view));
    return context.Written(tx, view);
  }));
  return ViewAsSeenBy(access, std::move(view));
}

Result<json::object> SavedViews::Update(const access::Access& access,
                                        const storage::WriteContext& context,
                                        const std::string& user_id, const std::string& id,
                                        const json::object& patch,
                                        std::optional<int64_t> if_version) {
  json::object view;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFind, {id}));
    if (rows.empty()) return NoSuchView(id);
    const json::object before = FromRow(rows[0]);
    const bool own = before.at("owner_id").as_string() == user_id;
    if (!own && !before.at("shared").as_bool()) return NoSuchView(id);
    if (!own) return Error::PermissionDenied("Only the view's owner may change it.");
    if (if_version && *if_version != before.at("version").as_int64()) {
      return Error::PreconditionFailed("The view was changed since you read it.");
    }
    view = before;
    RAPPORT_RETURN_IF_ERROR(Apply(patch, false, view));
    RAPPORT_RETURN_IF_ERROR(CheckNameFree(tx, view));
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kUpdate, {std::string(view["name"].as_string()), int64_t{view["shared"].as_bool() ? 1 : 0},
                  ToJsonString(view["definition"]), NowInstant(), id}));
    RAPPORT_ASSIGN_OR_RETURN(Rows after, tx.Query(kFind, {id}));
    view = FromRow(after.at(0));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "saved_view", id, before, view));
    return context.Written(tx, view);
  }));
  return ViewAsSeenBy(access, std::move(view));
}

Status SavedViews::Delete(const storage::WriteContext& context, const std::string& user_id,
                          bool admin, const std::string& id) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFind, {id}));
    if (rows.empty()) return NoSuchView(id);
    const json::object before = FromRow(rows[0]);
    const bool own = before.at("owner_id").as_string() == user_id;
    if (!own && !admin && !before.at("shared").as_bool()) return NoSuchView(id);
    if (!own && !admin) return Error::PermissionDenied("Only the view's owner may delete it.");
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDelete, {id}));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "delete", "saved_view", id, before, {}));
    return context.Written(tx, json::object{{"id", id}});
  });
}

}  // namespace rapport::customers
