// The company adapter (customer_transfer.hpp): companies in from CSV, matched by domain; out as
// CSV and NDJSON through CompanyService::List.
#include "common/text.hpp"
#include "customers/company_service.hpp"
#include "customers/custom_field_transfer.hpp"
#include "customers/customer_transfer.hpp"
#include "transfer/import_patch.hpp"

namespace rapport::customers {
namespace {

using access::Action;
using access::Object;
using transfer::FieldType;
using transfer::ImportMode;
using transfer::RowOutcome;
using transfer::RowRecord;

constexpr std::string_view kCompanyVersion = "SELECT version FROM companies WHERE id = ?";
constexpr std::string_view kHasPeople = "SELECT 1 FROM customers WHERE company_id = ? LIMIT 1";
constexpr std::string_view kCountCompanies = "SELECT count(*) FROM companies WHERE ";

const transfer::Catalogue& Catalogue() {
  static const transfer::Catalogue kCatalogue = [] {
    transfer::Catalogue catalogue = {
        {"name",
         FieldType::kText,
         {"name", "company", "company_name", "organization", "organisation", "account"}},
        {"domain", FieldType::kText, {"domain", "website", "web", "url", "company_domain"}},
        {"industry", FieldType::kText, {"industry", "sector"}},
        {"size", FieldType::kText, {"size", "employees", "company_size", "headcount"}},
        {"owner_id", FieldType::kText, {"owner_id"}},
        {"tags", FieldType::kTags, {"tags", "labels"}},
    };
    transfer::AppendAddressFields(catalogue, FieldType::kSingleAddressPart);
    return catalogue;
  }();
  return kCatalogue;
}

std::string PlainIdentity(const json::value& item, std::string_view key) {
  const json::value* v = item.is_object() ? item.as_object().if_contains(key) : nullptr;
  return v && v->is_string() ? ToLowerAscii(v->as_string()) : std::string();
}

class CompanyTarget : public CustomFieldTarget {
 public:
  CompanyTarget(transfer::ImportSettings settings, const transfer::Mapping& mapping)
      : CustomFieldTarget(std::move(settings), mapping, "company") {}

  std::string DuplicateField() const override { return "domain"; }
  std::string DuplicateKey(const RowRecord& record) const override {
    const json::value* v = record.input.if_contains("domain");
    return v && v->is_string() ? ToLowerAscii(v->as_string()) : "";
  }

  Result<RowOutcome> Apply(storage::Tx& tx, const access::Access& access,
                           const storage::WriteContext& context, RowRecord& record) override {
    Coerce(record.input);
    std::optional<std::string> match;
    const std::string domain = DuplicateKey(record);
    if (settings_.mode != ImportMode::kCreate && !domain.empty()) {
      RAPPORT_ASSIGN_OR_RETURN(match, FindCompanyId(tx, domain));
    }
    if (!match) {
      if (settings_.mode == ImportMode::kUpdate) return transfer::NoMatch("company", "domain");
      RAPPORT_ASSIGN_OR_RETURN(json::object created,
                               CreateCompanyInTx(tx, access, context, record.input));
      return transfer::OutcomeOf({}, created, true, "company");
    }
    RAPPORT_ASSIGN_OR_RETURN(std::optional<json::object> existing,
                             LoadCompanyJson(tx, access, *match));
    if (!existing) return Error::Conflict("another company already has this domain", "domain");
    json::object patch = transfer::PatchFor(*existing, record, PlainIdentity);
    if (patch.empty()) return transfer::OutcomeOf(*existing, *existing, false, "company");
    RAPPORT_ASSIGN_OR_RETURN(json::object updated,
                             UpdateCompanyInTx(tx, access, context, *match, patch, {}));
    return transfer::OutcomeOf(*existing, updated, false, "company");
  }
};

class CompanyAdapter : public CustomFieldAdapter {
 public:
  CompanyAdapter() : CustomFieldAdapter("company") {}

  std::string_view name() const override { return "companies"; }
  std::string_view item_type() const override { return "company"; }
  const transfer::Catalogue& catalogue() const override { return Catalogue(); }

  Status CheckMayImport(const access::Access& access) const override {
    return transfer::RequireLevel(access, Object::kCompanies, Action::kImport);
  }

  Result<std::unique_ptr<transfer::ImportTarget>> MakeImportTarget(
      const transfer::ImportSettings& given, const transfer::Mapping& mapping,
      const access::Access& access) const override {
    RAPPORT_RETURN_IF_ERROR(CheckMayImport(access));
    transfer::ImportSettings settings = given;
    if (settings.match.empty()) settings.match = "domain";
    if (settings.match != "domain") return transfer::MatchError("domain", name());
    return std::unique_ptr<transfer::ImportTarget>(new CompanyTarget(settings, mapping));
  }

  // A company someone changed, or that people now belong to, is no longer only the import's.
  Result<transfer::RevertOutcome> RemoveImported(storage::Tx& tx, const access::Access& access,
                                                 const storage::WriteContext& context,
                                                 const std::string& id) const override {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows version, tx.Query(kCompanyVersion, {id}));
    if (version.empty()) return transfer::RevertOutcome::kMissing;
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows people, tx.Query(kHasPeople, {id}));
    if (version[0].Int(0) > 1 || !people.empty()) return transfer::RevertOutcome::kKept;
    return transfer::RemovedUnlessRefused(DeleteCompanyInTx(tx, access, context, id, 1));
  }

  Status CheckMayExport(const access::Access& access) const override {
    return transfer::RequireLevel(access, Object::kCompanies, Action::kExport);
  }
  transfer::ExportOptionSupport export_options() const override { return {.q = true}; }

  Result<int64_t> CountExport(storage::Database& database, const access::Access& access,
                              const transfer::ExportQuery& query) const override {
    transfer::SqlWhere where;
    where.And(access.Scope(Object::kCompanies, Action::kRead, "owner_id"));
    where.And(access.Scope(Object::kCompanies, Action::kExport, "owner_id"));
    std::string sql = std::string(kCountCompanies) + where.sql;
    // The list's own match, so the count is of the same records ReadExportPage reads.
    if (query.q && !query.q->empty()) AppendCompanyTextMatch(*query.q, sql, where.params);
    return transfer::CountRows(database, sql, where.params);
  }

  Result<transfer::ExportPage> ReadExportPage(storage::Database& database,
                                              const access::Access& access,
                                              const transfer::ExportQuery& query,
                                              const std::optional<std::string>& cursor,
                                              bool /*with_extra*/) const override {
    CompanyService service(database);
    CompanyQuery list{
        .q = query.q, .sort = "created_at", .limit = transfer::kExportPageSize, .cursor = cursor};
    RAPPORT_ASSIGN_OR_RETURN(Page page, service.List(access, list));
    transfer::ExportPage out;
    out.next = page.next_cursor;
    for (auto& value : page.data) {
      json::object& record = value.as_object();
      if (access.Allows(Object::kCompanies, Action::kExport, access::OwnerOf(record))) {
        out.records.push_back({std::move(record), {}});
      }
    }
    return out;
  }

  Result<std::vector<transfer::ExportColumn>> CsvColumns(
      storage::Database& database, const access::Access& access) const override {
    using transfer::PlainColumn;
    std::vector<transfer::ExportColumn> columns = {PlainColumn("rapport_id", "id"),
                                                   PlainColumn("name"),
                                                   PlainColumn("domain"),
                                                   PlainColumn("industry"),
                                                   PlainColumn("size"),
                                                   PlainColumn("owner_id"),
                                                   PlainColumn("tags")};
    transfer::AddAddressColumns(columns, "address");
    RAPPORT_ASSIGN_OR_RETURN(std::vector<std::string> keys, CustomFieldKeys(database, "company"));
    transfer::AddCustomFieldColumns(columns, keys);
    columns.push_back(PlainColumn("created_at"));
    columns.push_back(PlainColumn("updated_at"));
    transfer::DropHiddenColumns(columns, access, Object::kCompanies);
    return columns;
  }
};

}  // namespace

std::unique_ptr<transfer::ObjectAdapter> MakeCompanyTransferAdapter() {
  return std::make_unique<CompanyAdapter>();
}

}  // namespace rapport::customers
