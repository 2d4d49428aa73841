#include "interactions/interaction_transfer.hpp"

#include "customers/customer_transfer.hpp"
#include "interactions/interaction_service.hpp"
#include "transfer/export_columns.hpp"

namespace rapport::interactions {
namespace {

using access::Action;
using access::Object;
using transfer::FieldType;
using transfer::RowOutcome;
using transfer::RowRecord;

constexpr std::string_view kInteractionExists = "SELECT 1 FROM interactions WHERE id = ?";
constexpr std::string_view kCountInteractions =
    "SELECT count(*) FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE ";
// Interactions page by their insertion sequence (the rowid): unique, never changes, needs no
// index beyond the table itself.
constexpr std::string_view kInteractionPageInner =
    "SELECT i.seq FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE ";

const transfer::Catalogue& Catalogue() {
  static const transfer::Catalogue kCatalogue = [] {
    transfer::Catalogue catalogue = customers::LinkedCustomerFields(/*with_names=*/false);
    const transfer::Catalogue rest = {
        {"channel", FieldType::kText, {"channel", "medium"}},
        {"direction", FieldType::kText, {"direction"}},
        {"kind", FieldType::kText, {"kind", "type", "activity_type"}},
        {"subject", FieldType::kText, {"subject", "title"}},
        {"body", FieldType::kText, {"body", "notes", "note", "description", "details", "text"}},
        {"occurred_at", FieldType::kInstant, {"occurred_at", "date", "timestamp", "time", "when"}},
        {"duration_seconds", FieldType::kInteger, {"duration_seconds", "duration"}},
        {"sentiment", FieldType::kText, {"sentiment"}},
        {"external_ref", FieldType::kText, {"external_ref", "reference", "ref"}},
        {"staff_id", FieldType::kText, {"staff_id"}},
    };
    catalogue.insert(catalogue.end(), rest.begin(), rest.end());
    return catalogue;
  }();
  return kCatalogue;
}

class InteractionTarget : public transfer::ImportTarget {
 public:
  explicit InteractionTarget(bool create_missing) : create_missing_(create_missing) {}

  std::string DuplicateField() const override { return "external_ref"; }
  std::string DuplicateKey(const RowRecord& record) const override {
    const json::value* v = record.input.if_contains("external_ref");
    return v && v->is_string() ? std::string(v->as_string()) : "";
  }

  Result<RowOutcome> Apply(storage::Tx& tx, const access::Access& access,
                           const storage::WriteContext& context, RowRecord& record) override {
    return customers::CreateCustomerRecord(tx, access, context, record, create_missing_,
                                           "interaction", [&](const std::string& customer_id) {
                                             return LogInTx(tx, access, context, customer_id,
                                                            record.input);
                                           });
  }

 private:
  bool create_missing_;
};

class InteractionAdapter : public transfer::ObjectAdapter {
 public:
  std::string_view name() const override { return "interactions"; }
  std::string_view item_type() const override { return "interaction"; }
  const transfer::Catalogue& catalogue() const override { return Catalogue(); }

  Status CheckMayImport(const access::Access& access) const override {
    return transfer::RequireLevel(access, Object::kInteractions, Action::kImport);
  }

  Result<std::unique_ptr<transfer::ImportTarget>> MakeImportTarget(
      const transfer::ImportSettings& settings, const transfer::Mapping& mapping,
      const access::Access& access) const override {
    RAPPORT_RETURN_IF_ERROR(CheckMayImport(access));
    if (settings.mode != transfer::ImportMode::kCreate) {
      return Error::Invalid("mode", "interactions are only created; the timeline is history");
    }
    return std::unique_ptr<transfer::ImportTarget>(
        new InteractionTarget(mapping.create_missing_customers));
  }

  Result<transfer::RevertOutcome> RemoveImported(storage::Tx& tx, const access::Access& access,
                                                 const storage::WriteContext& context,
                                                 const std::string& id) const override {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows found, tx.Query(kInteractionExists, {id}));
    if (found.empty()) return transfer::RevertOutcome::kMissing;
    return transfer::RemovedUnlessRefused(DeleteInteractionInTx(tx, access, context, id));
  }

  Status CheckMayExport(const access::Access& access) const override {
    return transfer::RequireLevel(access, Object::kInteractions, Action::kExport);
  }
  transfer::ExportOptionSupport export_options() const override { return {.customer_id = true}; }
  Status ValidateExport(storage::Database& database, const access::Access& access,
                        const transfer::ExportQuery& query) const override {
    return customers::ValidateExportCustomer(database, access, query.customer_id);
  }

  Result<int64_t> CountExport(storage::Database& database, const access::Access& access,
                              const transfer::ExportQuery& query) const override {
    transfer::SqlWhere where =
        customers::CustomerRecordScope(access, Object::kInteractions, query.customer_id);
    return transfer::CountRows(database, std::string(kCountInteractions) + where.sql, where.params);
  }

  // Our own cursor: the decimal seq of the last interaction, never seen by clients. The inner
  // query applies access over the join; the outer one selects the served columns unprefixed.
  Result<transfer::ExportPage> ReadExportPage(storage::Database& database,
                                              const access::Access& access,
                                              const transfer::ExportQuery& query,
                                              const std::optional<std::string>& cursor,
                                              bool with_extra) const override {
    transfer::SqlWhere where =
        customers::CustomerRecordScope(access, Object::kInteractions, query.customer_id);
    where.And("i.seq > ?", {cursor ? std::stoll(*cursor) : int64_t{0}});
    where.params.emplace_back(int64_t{transfer::kExportPageSize});
    const std::string sql =
        "SELECT " + std::string(InteractionColumns()) + ", seq FROM interactions WHERE seq IN (" +
        std::string(kInteractionPageInner) + where.sql + " ORDER BY i.seq LIMIT ?) ORDER BY seq";
    transfer::ExportPage page;
    RAPPORT_RETURN_IF_ERROR(database.Read([&](storage::Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(sql, where.params));
      for (const auto& row : rows) {
        page.records.push_back({InteractionFromRow(row, access), {}});
      }
      if (rows.size() == static_cast<size_t>(transfer::kExportPageSize)) {
        page.next = std::to_string(rows.back().Int(rows.back().size() - 1));
      }
      return OkStatus();
    }));
    if (with_extra) {
      RAPPORT_RETURN_IF_ERROR(customers::AddLinkedCustomers(database, access, page.records));
    }
    return page;
  }

  Result<std::vector<transfer::ExportColumn>> CsvColumns(
      storage::Database&, const access::Access& access) const override {
    std::vector<transfer::ExportColumn> columns = {transfer::PlainColumn("rapport_id", "id")};
    for (auto& column : customers::LinkedCustomerColumns()) columns.push_back(std::move(column));
    for (const char* key :
         {"channel", "direction", "kind", "subject", "body", "occurred_at", "duration_seconds",
          "staff_id", "sentiment", "external_ref", "metadata", "created_at"}) {
      columns.push_back(transfer::PlainColumn(key));
    }
    transfer::DropHiddenColumns(columns, access, Object::kInteractions);
    return columns;
  }
};

}  // namespace

std::unique_ptr<transfer::ObjectAdapter> MakeInteractionTransferAdapter() {
  return std::make_unique<InteractionAdapter>();
}

}  // namespace rapport::interactions
