// The product adapter (commerce_transfer.hpp).
#include "commerce/card_guard.hpp"
#include "commerce/commerce_transfer.hpp"
#include "commerce/product_service.hpp"
#include "customers/custom_field_transfer.hpp"
#include "transfer/export_columns.hpp"
#include "transfer/import_patch.hpp"

namespace rapport::commerce {
namespace {

using transfer::FieldType;
using transfer::ImportMode;
using transfer::RowOutcome;
using transfer::RowRecord;

constexpr std::string_view kProductVersion = "SELECT version FROM products WHERE id = ?";
constexpr std::string_view kWasSold = "SELECT 1 FROM order_lines WHERE product_id = ? LIMIT 1";
constexpr std::string_view kCountProducts = "SELECT count(*) FROM products WHERE 1";
// The same substring match as ProductService::List, for the count.
constexpr std::string_view kProductText =
    " AND (instr(lower(name), lower(?)) > 0 OR instr(lower(sku), lower(?)) > 0)";

const transfer::Catalogue& Catalogue() {
  static const transfer::Catalogue kCatalogue = {
      {"sku", FieldType::kText, {"sku", "product_code", "item_code", "code", "article_number"}},
      {"name", FieldType::kText, {"name", "product", "product_name", "title", "item"}},
      {"category", FieldType::kText, {"category", "product_category", "type"}},
      {"price", FieldType::kText, {"price", "unit_price", "list_price"}},
      {"currency", FieldType::kText, {"currency", "currency_code"}},
      {"active", FieldType::kBoolean, {"active", "enabled", "available"}},
  };
  return kCatalogue;
}

std::string TextIdentity(const json::value& item, std::string_view key) {
  const json::value* v = item.is_object() ? item.as_object().if_contains(key) : nullptr;
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

class ProductTarget : public customers::CustomFieldTarget {
 public:
  ProductTarget(transfer::ImportSettings settings, const transfer::Mapping& mapping)
      : CustomFieldTarget(std::move(settings), mapping, "product") {}

  std::string DuplicateField() const override { return "sku"; }
  std::string DuplicateKey(const RowRecord& record) const override {
    const json::value* v = record.input.if_contains("sku");
    return v && v->is_string() ? std::string(v->as_string()) : "";
  }

  Result<RowOutcome> Apply(storage::Tx& tx, const access::Access&,
                           const storage::WriteContext& context, RowRecord& record) override {
    RAPPORT_RETURN_IF_ERROR(RefuseCardData(record.input));
    Coerce(record.input);
    const std::string sku = DuplicateKey(record);
    std::optional<std::string> match;
    if (settings_.mode != ImportMode::kCreate && !sku.empty()) {
      RAPPORT_ASSIGN_OR_RETURN(match, FindProductIdBySku(tx, sku));
    }
    if (!match) {
      if (settings_.mode == ImportMode::kUpdate) return transfer::NoMatch("product", "sku");
      RAPPORT_ASSIGN_OR_RETURN(json::object created, CreateProductInTx(tx, context, record.input));
      return transfer::OutcomeOf({}, created, true, "product");
    }
    RAPPORT_ASSIGN_OR_RETURN(std::optional<json::object> existing, LoadProductJson(tx, *match));
    record.input.erase("sku");  // the product's identity, never changed
    json::object patch = transfer::PatchFor(*existing, record, TextIdentity);
    if (patch.empty()) return transfer::OutcomeOf(*existing, *existing, false, "product");
    RAPPORT_ASSIGN_OR_RETURN(json::object updated,
                             UpdateProductInTx(tx, context, *match, patch, {}));
    return transfer::OutcomeOf(*existing, updated, false, "product");
  }
};

class ProductAdapter : public customers::CustomFieldAdapter {
 public:
  ProductAdapter() : customers::CustomFieldAdapter("product") {}

  std::string_view name() const override { return "products"; }
  std::string_view item_type() const override { return "product"; }
  const transfer::Catalogue& catalogue() const override { return Catalogue(); }

  Status CheckMayImport(const access::Access& access) const override {
    if (!access.is_admin()) {
      return Error::PermissionDenied("Only administrators may import products.");
    }
    return OkStatus();
  }

  Result<std::unique_ptr<transfer::ImportTarget>> MakeImportTarget(
      const transfer::ImportSettings& given, const transfer::Mapping& mapping,
      const access::Access& access) const override {
    RAPPORT_RETURN_IF_ERROR(CheckMayImport(access));
    transfer::ImportSettings settings = given;
    if (settings.match.empty()) settings.match = "sku";
    if (settings.match != "sku") return transfer::MatchError("sku", name());
    return std::unique_ptr<transfer::ImportTarget>(new ProductTarget(settings, mapping));
  }

  // A product someone changed, or that has been sold since, is no longer only the import's.
  Result<transfer::RevertOutcome> RemoveImported(storage::Tx& tx, const access::Access& access,
                                                 const storage::WriteContext& context,
                                                 const std::string& id) const override {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows version, tx.Query(kProductVersion, {id}));
    if (version.empty()) return transfer::RevertOutcome::kMissing;
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows sold, tx.Query(kWasSold, {id}));
    if (version[0].Int(0) > 1 || !sold.empty()) return transfer::RevertOutcome::kKept;
    return transfer::RemovedUnlessRefused(DeleteProductInTx(tx, access, context, id, 1));
  }

  // Products are the business's own: everyone may export them.
  Status CheckMayExport(const access::Access&) const override { return OkStatus(); }
  transfer::ExportOptionSupport export_options() const override { return {.q = true}; }

  Result<int64_t> CountExport(storage::Database& database, const access::Access&,
                              const transfer::ExportQuery& query) const override {
    if (!query.q) return transfer::CountRows(database, std::string(kCountProducts), {});
    return transfer::CountRows(database, std::string(kCountProducts) + std::string(kProductText),
                               {*query.q, *query.q});
  }

  Result<transfer::ExportPage> ReadExportPage(storage::Database& database, const access::Access&,
                                              const transfer::ExportQuery& query,
                                              const std::optional<std::string>& cursor,
                                              bool /*with_extra*/) const override {
    ProductService service(database);
    RAPPORT_ASSIGN_OR_RETURN(Page page, service.List(query.q, /*include_inactive=*/true,
                                                     transfer::kExportPageSize, cursor));
    transfer::ExportPage out;
    out.next = page.next_cursor;
    for (auto& product : page.data) out.records.push_back({std::move(product.as_object()), {}});
    return out;
  }

  Result<std::vector<transfer::ExportColumn>> CsvColumns(storage::Database&,
                                                         const access::Access&) const override {
    using transfer::PlainColumn;
    return std::vector<transfer::ExportColumn>{
        PlainColumn("rapport_id", "id"), PlainColumn("sku"),        PlainColumn("name"),
        PlainColumn("category"),         PlainColumn("price"),      PlainColumn("currency"),
        PlainColumn("active"),           PlainColumn("created_at"), PlainColumn("updated_at")};
  }
};

}  // namespace

std::unique_ptr<transfer::ObjectAdapter> MakeProductTransferAdapter() {
  return std::make_unique<ProductAdapter>();
}

}  // namespace rapport::commerce
