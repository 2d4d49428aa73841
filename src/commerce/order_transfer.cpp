// The order adapter (commerce_transfer.hpp).
#include "commerce/card_guard.hpp"
#include "commerce/commerce_transfer.hpp"
#include "commerce/order_service.hpp"
#include "customers/customer_transfer.hpp"
#include "transfer/export_columns.hpp"
#include "transfer/import_patch.hpp"

namespace rapport::commerce {
namespace {

using transfer::ExportColumn;
using transfer::ExportRow;
using transfer::FieldType;
using transfer::ImportMode;
using transfer::RowOutcome;
using transfer::RowRecord;

constexpr std::string_view kOrderVersion = "SELECT version FROM orders WHERE id = ?";
constexpr std::string_view kOrderByExternalId = "SELECT id FROM orders WHERE external_id = ?";
constexpr std::string_view kCountOrders =
    "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE ";
// Orders page by their insertion sequence (the rowid): a keyset that is unique, never changes
// and needs no index beyond the table itself.
constexpr std::string_view kOrderPage =
    "SELECT o.seq, o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE ";

const transfer::Catalogue& Catalogue() {
  static const transfer::Catalogue kCatalogue = [] {
    transfer::Catalogue catalogue = {
        {"external_id",
         FieldType::kText,
         {"order_id", "external_id", "order_number", "order_no", "order"}}};
    for (auto& field : customers::LinkedCustomerFields(/*with_names=*/true)) {
      catalogue.push_back(std::move(field));
    }
    const transfer::Catalogue rest = {
        {"placed_at",
         FieldType::kInstant,
         {"placed_at", "date", "order_date", "ordered_at", "purchase_date", "created"}},
        {"status", FieldType::kText, {"status", "order_status"}},
        {"currency", FieldType::kText, {"currency", "currency_code"}},
        {"channel", FieldType::kText, {"channel", "sales_channel"}},
        {"notes", FieldType::kText, {"notes", "note", "comment"}},
        {"line.sku", FieldType::kLinePart, {"sku", "product_code", "item_code"}},
        {"line.product_id", FieldType::kLinePart, {"product_id"}},
        {"line.description",
         FieldType::kLinePart,
         {"description", "product", "product_name", "item"}},
        {"line.quantity", FieldType::kLineInteger, {"quantity", "qty", "units", "count"}},
        {"line.unit_price", FieldType::kLinePart, {"unit_price", "price"}},
        {"line.line_total",
         FieldType::kLinePart,
         {"line_total", "amount", "total", "value", "line_amount"}},
        {"line.discount", FieldType::kLinePart, {"discount"}},
    };
    catalogue.insert(catalogue.end(), rest.begin(), rest.end());
    return catalogue;
  }();
  return kCatalogue;
}

class OrderTarget : public transfer::ImportTarget {
 public:
  OrderTarget(transfer::ImportSettings settings, bool create_missing)
      : settings_(std::move(settings)), create_missing_(create_missing) {}

  std::string DuplicateField() const override { return "external_id"; }
  std::string DuplicateKey(const RowRecord& record) const override { return GroupKey(record); }
  std::string GroupKey(const RowRecord& record) const override {
    const json::value* v = record.input.if_contains("external_id");
    return v && v->is_string() ? std::string(v->as_string()) : "";
  }
  void MergeIntoGroup(RowRecord& into, RowRecord&& next) const override {
    json::array& lines = into.input["lines"].as_array();
    const std::string path = "lines[" + std::to_string(lines.size()) + "]";
    for (const auto& [source_path, column] : next.sources) {
      if (source_path.rfind("lines[0]", 0) == 0) {
        into.sources.emplace(path + source_path.substr(8), column);
      }
    }
    lines.push_back(std::move(next.input["lines"].as_array()[0]));
    for (auto& error : next.errors) into.errors.push_back(std::move(error));
  }

  Result<RowOutcome> Apply(storage::Tx& tx, const access::Access& access,
                           const storage::WriteContext& context, RowRecord& record) override {
    RAPPORT_RETURN_IF_ERROR(RefuseCardData(record.input));
    RAPPORT_RETURN_IF_ERROR(RefuseCardData(record.customer));
    const std::string external_id = GroupKey(record);
    if (!external_id.empty() && settings_.mode == ImportMode::kUpsert) {
      RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kOrderByExternalId, {external_id}));
      if (!rows.empty()) {
        // An order is a fact that happened; a re-import does not rewrite it.
        return RowOutcome{.action = RowOutcome::Action::kUnchanged, .id = rows[0].Text(0)};
      }
    }
    return customers::CreateCustomerRecord(
        tx, access, context, record, create_missing_, "order", [&](const std::string& customer_id) {
          return PlaceInTx(tx, access, context, customer_id, record.input);
        });
  }

 private:
  transfer::ImportSettings settings_;
  bool create_missing_;
};

// One row per line item, the order's fields repeated, so `rapport import orders` groups the rows
// back into orders by order_id. "order_total" (not "total", which the importer reads as a line
// total) and "refunded" are for people.
std::vector<ExportColumn> OrderColumns() {
  auto line = [](std::string key) {
    return ExportColumn{key, "", [key](const ExportRow& row) {
                          return row.line ? transfer::Cell(*row.line, key) : std::string();
                        }};
  };
  std::vector<ExportColumn> columns = {
      {"order_id", "",
       [](const ExportRow& row) {
         std::string external = transfer::Cell(row.record, "external_id");
         return external.empty() ? transfer::Cell(row.record, "id") : external;
       }},
      transfer::PlainColumn("rapport_order_id", "id")};
  for (auto& column : customers::LinkedCustomerColumns()) columns.push_back(std::move(column));
  for (const char* key : {"placed_at", "status", "currency", "channel", "notes"}) {
    columns.push_back(transfer::PlainColumn(key));
  }
  for (const char* key :
       {"sku", "description", "quantity", "unit_price", "discount", "line_total"}) {
    columns.push_back(line(key));
  }
  columns.push_back(transfer::PlainColumn("order_total", "total"));
  columns.push_back(transfer::PlainColumn("refunded"));
  return columns;
}

class OrderAdapter : public transfer::ObjectAdapter {
 public:
  std::string_view name() const override { return "orders"; }
  std::string_view item_type() const override { return "order"; }
  const transfer::Catalogue& catalogue() const override { return Catalogue(); }

  // Orders belong to customers: importing and exporting them is importing and exporting
  // customers.
  Status CheckMayImport(const access::Access& access) const override {
    return transfer::RequireLevel(access, access::Object::kCustomers, access::Action::kImport);
  }

  Result<std::unique_ptr<transfer::ImportTarget>> MakeImportTarget(
      const transfer::ImportSettings& given, const transfer::Mapping& mapping,
      const access::Access& access) const override {
    RAPPORT_RETURN_IF_ERROR(CheckMayImport(access));
    transfer::ImportSettings settings = given;
    if (settings.match.empty()) settings.match = "external_id";
    if (settings.match != "external_id") return transfer::MatchError("external_id", name());
    if (settings.mode == ImportMode::kUpdate) {
      return Error::Invalid("mode",
                            "orders are created, or skipped when they exist (upsert); "
                            "change them with the orders API");
    }
    return std::unique_ptr<transfer::ImportTarget>(
        new OrderTarget(settings, mapping.create_missing_customers));
  }

  Result<transfer::RevertOutcome> RemoveImported(storage::Tx& tx, const access::Access&,
                                                 const storage::WriteContext& context,
                                                 const std::string& id) const override {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows version, tx.Query(kOrderVersion, {id}));
    if (version.empty()) return transfer::RevertOutcome::kMissing;
    if (version[0].Int(0) > 1) return transfer::RevertOutcome::kKept;
    RAPPORT_RETURN_IF_ERROR(DeleteOrderInTx(tx, context, id));
    return transfer::RevertOutcome::kRemoved;
  }

  Status CheckMayExport(const access::Access& access) const override {
    return transfer::RequireLevel(access, access::Object::kCustomers, access::Action::kExport);
  }
  transfer::ExportOptionSupport export_options() const override { return {.customer_id = true}; }
  Status ValidateExport(storage::Database& database, const access::Access& access,
                        const transfer::ExportQuery& query) const override {
    return customers::ValidateExportCustomer(database, access, query.customer_id);
  }

  Result<int64_t> CountExport(storage::Database& database, const access::Access& access,
                              const transfer::ExportQuery& query) const override {
    transfer::SqlWhere where =
        customers::CustomerRecordScope(access, access::Object::kCustomers, query.customer_id);
    return transfer::CountRows(database, std::string(kCountOrders) + where.sql, where.params);
  }

  // A page of ids by keyset (our own cursor: the decimal seq of the last order, never seen by
  // clients), then each order through the service, so the export is exactly GET /orders/{id}.
  Result<transfer::ExportPage> ReadExportPage(storage::Database& database,
                                              const access::Access& access,
                                              const transfer::ExportQuery& query,
                                              const std::optional<std::string>& cursor,
                                              bool with_extra) const override {
    transfer::SqlWhere where =
        customers::CustomerRecordScope(access, access::Object::kCustomers, query.customer_id);
    where.And("o.seq > ?", {cursor ? std::stoll(*cursor) : int64_t{0}});
    where.params.emplace_back(int64_t{transfer::kExportPageSize});
    const std::string sql = std::string(kOrderPage) + where.sql + " ORDER BY o.seq LIMIT ?";
    std::vector<std::string> ids;
    int64_t last = 0;
    RAPPORT_RETURN_IF_ERROR(database.Read([&](storage::Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(sql, where.params));
      for (const auto& row : rows) {
        last = row.Int(0);
        ids.push_back(row.Text(1));
      }
      return OkStatus();
    }));
    transfer::ExportPage page;
    if (ids.size() == static_cast<size_t>(transfer::kExportPageSize)) {
      page.next = std::to_string(last);
    }
    OrderService orders(database);
    for (const auto& id : ids) {
      auto order = orders.Get(access, id);
      if (!order.ok()) {
        if (order.error().code == ErrorCode::kNotFound) continue;  // deleted since the page
        return std::move(order).error();
      }
      page.records.push_back({std::move(order).value(), {}});
    }
    if (with_extra) {
      RAPPORT_RETURN_IF_ERROR(customers::AddLinkedCustomers(database, access, page.records));
    }
    return page;
  }

  Result<std::vector<ExportColumn>> CsvColumns(storage::Database&,
                                               const access::Access&) const override {
    return OrderColumns();
  }
  std::string_view csv_row_list() const override { return "lines"; }
};

}  // namespace

std::unique_ptr<transfer::ObjectAdapter> MakeOrderTransferAdapter() {
  return std::make_unique<OrderAdapter>();
}

}  // namespace rapport::commerce
