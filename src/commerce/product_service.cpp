#include "commerce/product_service.hpp"

#include "common/collation.hpp"
#include "common/ids.hpp"
#include "common/money.hpp"
#include "common/search_text.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "customers/custom_fields.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::commerce {
namespace {

using storage::Rows;
using storage::Tx;

#define RAPPORT_PRODUCT_COLUMNS                                                               \
  "id, sku, name, category, price_cents, currency, active, created_at, updated_at, version, " \
  "custom_fields"

constexpr std::string_view kInsert =
    "INSERT INTO products (" RAPPORT_PRODUCT_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelect =
    "SELECT " RAPPORT_PRODUCT_COLUMNS " FROM products WHERE id = ?";
constexpr std::string_view kSkuTaken = "SELECT id FROM products WHERE sku = ?";
constexpr std::string_view kUpdate =
    "UPDATE products SET name = ?, category = ?, price_cents = ?, currency = ?, active = ?, "
    "custom_fields = ?, updated_at = ?, version = version + 1 WHERE id = ?";

constexpr std::string_view kDelete = "DELETE FROM products WHERE id = ?";

constexpr size_t kMaxText = 200;

// Stored custom fields are JSON the service wrote; an unreadable value serves as none.
json::object StoredObject(const std::string& text) {
  auto parsed = ParseJsonObject(text);
  return parsed.ok() ? std::move(parsed).value() : json::object();
}

json::object FromRow(const storage::Row& row) {
  return json::object{{"id", row.Text(0)},
                      {"sku", row.Text(1)},
                      {"name", row.Text(2)},
                      {"category", row.IsNull(3) ? json::value(nullptr) : json::value(row.Text(3))},
                      {"price", FormatCents(row.Int(4))},
                      {"currency", row.Text(5)},
                      {"active", row.Int(6) != 0},
                      {"created_at", row.Text(7)},
                      {"custom_fields", StoredObject(row.Text(10))},
                      {"updated_at", row.Text(8)},
                      {"version", row.Int(9)}};
}

struct Fields {
  std::string sku, name, currency;
  std::optional<std::string> category;
  int64_t price_cents = 0;
  bool active = true;
  json::object custom_fields;
};

Status Apply(const json::object& input, bool is_create,
             const std::vector<customers::CustomFieldDefinition>& definitions, Fields& product) {
  std::vector<FieldError> errors;
  // One line each, counted in characters (a name of 200 "ü" is 200 characters).
  auto text = [&](const json::value& value, std::string_view field) -> std::optional<std::string> {
    CleanedText cleaned = value.is_string()
                              ? CleanText(value.as_string(), kMaxText, TextKind::kSingleLine)
                              : CleanedText{};
    if (!cleaned.problem.empty()) {
      errors.push_back({std::string(field), std::move(cleaned.problem)});
      return std::nullopt;
    }
    if (cleaned.text.empty()) {
      errors.push_back({std::string(field), "must be 1 to 200 characters"});
      return std::nullopt;
    }
    return std::move(cleaned.text);
  };
  for (const auto& [key, value] : input) {
    if (key == "sku" && is_create) {
      if (auto sku = text(value, "sku")) product.sku = *sku;
    } else if (key == "name") {
      if (auto name = text(value, "name")) product.name = *name;
    } else if (key == "category") {
      if (value.is_null())
        product.category.reset();
      else if (auto category = text(value, "category"))
        product.category = category;
    } else if (key == "price") {
      auto cents = CentsFromJson(value);
      if (!cents)
        errors.push_back({"price", "must be an amount like 19.99"});
      else
        product.price_cents = *cents;
    } else if (key == "currency") {
      if (!value.is_string() || !IsCurrencyCode(value.as_string())) {
        errors.push_back({"currency", "must be an ISO 4217 code such as EUR"});
      } else {
        product.currency = std::string(value.as_string());
      }
    } else if (key == "custom_fields") {
      if (value.is_null()) {
        product.custom_fields.clear();
      } else {
        customers::MergeCustomFieldValues(value, definitions, product.custom_fields, errors);
      }
    } else if (key == "active") {
      if (!value.is_bool())
        errors.push_back({"active", "must be true or false"});
      else
        product.active = value.as_bool();
    } else {
      errors.push_back({std::string(key), key == "sku"
                                              ? "cannot be changed; it identifies the product"
                                              : "is not a known field"});
    }
  }
  if (is_create) {
    for (const char* required : {"sku", "name", "price", "currency"}) {
      if (!input.contains(required)) errors.push_back({required, "is required"});
    }
    customers::CheckRequiredCustomFields(definitions, product.custom_fields, errors);
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return OkStatus();
}

}  // namespace

Result<json::object> CreateProductInTx(Tx& tx, const storage::WriteContext& context,
                                       const json::object& input) {
  Fields product;
  RAPPORT_ASSIGN_OR_RETURN(auto definitions, customers::LoadCustomFields(tx, "product"));
  RAPPORT_RETURN_IF_ERROR(Apply(input, true, definitions, product));
  RAPPORT_ASSIGN_OR_RETURN(Rows taken, tx.Query(kSkuTaken, {product.sku}));
  if (!taken.empty()) return Error::Conflict("another product has this SKU", "sku");
  const std::string id = NewId("prd");
  const std::string now = NowInstant();
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kInsert, {id, product.sku, product.name, storage::OptionalText(product.category),
                        product.price_cents, product.currency, int64_t{product.active ? 1 : 0}, now,
                        now, int64_t{1}, ToJsonString(product.custom_fields)}));
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelect, {id}));
  json::object served = FromRow(rows.at(0));
  RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "create", "product", id, {}, served));
  return served;
}

Result<json::object> UpdateProductInTx(Tx& tx, const storage::WriteContext& context,
                                       const std::string& id, const json::object& patch,
                                       std::optional<int64_t> if_version) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelect, {id}));
  if (rows.empty()) return Error::NotFound("No product has the id " + id + ".");
  const json::object before = FromRow(rows[0]);
  if (if_version && *if_version != before.at("version").as_int64()) {
    return Error::PreconditionFailed("The product was changed since you read it.");
  }
  Fields product{.sku = rows[0].Text(1),
                 .name = rows[0].Text(2),
                 .currency = rows[0].Text(5),
                 .category = rows[0].OptText(3),
                 .price_cents = rows[0].Int(4),
                 .active = rows[0].Int(6) != 0,
                 .custom_fields = StoredObject(rows[0].Text(10))};
  RAPPORT_ASSIGN_OR_RETURN(auto definitions, customers::LoadCustomFields(tx, "product"));
  RAPPORT_RETURN_IF_ERROR(Apply(patch, false, definitions, product));
  RAPPORT_RETURN_IF_ERROR(tx.Exec(
      kUpdate,
      {product.name, storage::OptionalText(product.category), product.price_cents, product.currency,
       int64_t{product.active ? 1 : 0}, ToJsonString(product.custom_fields), NowInstant(), id}));
  RAPPORT_ASSIGN_OR_RETURN(Rows after, tx.Query(kSelect, {id}));
  json::object served = FromRow(after.at(0));
  RAPPORT_RETURN_IF_ERROR(
      storage::AppendAudit(tx, context, "update", "product", id, before, served));
  return served;
}

Status DeleteProductInTx(Tx& tx, const access::Access& access, const storage::WriteContext& context,
                         const std::string& id, std::optional<int64_t> expected_version) {
  if (!access.is_admin()) return Error::PermissionDenied("Only administrators may do this.");
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelect, {id}));
  if (rows.empty()) return Error::NotFound("No product has the id " + id + ".");
  const json::object before = FromRow(rows[0]);
  if (expected_version && *expected_version != before.at("version").as_int64()) {
    return Error::PreconditionFailed("The product was changed since you read it.");
  }
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kDelete, {id}));  // order lines keep sku and description
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "product.deleted", "product", id,
                                               json::object{{"product", before}}));
  return storage::AppendAudit(tx, context, "delete", "product", id, before, {});
}

Result<std::optional<json::object>> LoadProductJson(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelect, {id}));
  if (rows.empty()) return std::optional<json::object>();
  return std::optional<json::object>(FromRow(rows[0]));
}

Result<std::optional<std::string>> FindProductIdBySku(Tx& tx, const std::string& sku) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSkuTaken, {sku}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Result<json::object> ProductService::Create(const storage::WriteContext& context,
                                            const json::object& input) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(served, CreateProductInTx(tx, context, input));
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> ProductService::Get(const std::string& id) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelect, {id}));
    if (rows.empty()) return Error::NotFound("No product has the id " + id + ".");
    served = FromRow(rows[0]);
    return OkStatus();
  }));
  return served;
}

Result<json::object> ProductService::Update(const storage::WriteContext& context,
                                            const std::string& id, const json::object& patch,
                                            std::optional<int64_t> if_version) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(served, UpdateProductInTx(tx, context, id, patch, if_version));
    return context.Written(tx, served);
  }));
  return served;
}

Status ProductService::Delete(const access::Access& access, const storage::WriteContext& context,
                              const std::string& id, std::optional<int64_t> if_version) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(DeleteProductInTx(tx, access, context, id, if_version));
    return context.Written(tx, json::object{{"id", id}});
  });
}

Result<Page> ProductService::List(const std::optional<std::string>& q, bool include_inactive,
                                  int limit, const std::optional<std::string>& cursor) {
  RAPPORT_RETURN_IF_ERROR(CheckSearchText(q));
  const std::string sort = "name";
  std::optional<CursorPosition> after;
  if (cursor) {
    RAPPORT_ASSIGN_OR_RETURN(after, DecodeCursor(*cursor, sort));
    if (!after->value.is_string()) return Error::Malformed("The cursor is not valid.");
  }
  Page page;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    std::string sql = "SELECT " RAPPORT_PRODUCT_COLUMNS " FROM products WHERE 1";
    std::vector<storage::Value> params;
    if (!include_inactive) sql += " AND active = 1";
    if (q && !q->empty()) {
      // Accents and case do not matter in names (docs/design/unicode.md); SKUs are codes.
      sql += " AND (instr(search_fold(name), ?) > 0 OR instr(lower(sku), lower(?)) > 0)";
      params.emplace_back(SearchFold(*q));
      params.emplace_back(*q);
    }
    if (after) {
      // Scalar bound first so SQLite can seek the products_name_key index.
      const std::string key(after->value.as_string());
      sql += " AND collation_key(name) >= ? AND (collation_key(name), id) > (?, ?)";
      params.emplace_back(key);
      params.emplace_back(key);
      params.emplace_back(after->id);
    }
    sql += " ORDER BY collation_key(name), id LIMIT ?";
    params.emplace_back(static_cast<int64_t>(limit + 1));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
    for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(limit); ++i) {
      page.data.push_back(FromRow(rows[i]));
    }
    if (rows.size() > static_cast<size_t>(limit)) {
      const json::object& last = page.data.back().as_object();
      page.next_cursor = EncodeCursor({sort, json::value(CollationKey(last.at("name").as_string())),
                                       std::string(last.at("id").as_string())});
    }
    return OkStatus();
  }));
  return page;
}

}  // namespace rapport::commerce
