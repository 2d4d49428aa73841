// The customer adapter (customer_transfer.hpp): customers in from CSV and vCard, matched by
// e-mail or external id; out as CSV, NDJSON and vCard through CustomerService::List.
#include "customers/customer_transfer.hpp"

#include "customers/company_service.hpp"
#include "customers/contact_points.hpp"
#include "customers/custom_field_transfer.hpp"
#include "customers/customer_service.hpp"
#include "customers/customer_store.hpp"
#include "customers/customer_writes.hpp"
#include "customers/filter.hpp"
#include "transfer/import_patch.hpp"
#include "transfer/vcard.hpp"

namespace rapport::customers {
namespace {

using access::Action;
using access::Object;
using transfer::ExportColumn;
using transfer::ExportRow;
using transfer::FieldType;
using transfer::ImportMode;
using transfer::RowOutcome;
using transfer::RowRecord;

constexpr std::string_view kCustomerVersion = "SELECT version FROM customers WHERE id = ?";
constexpr std::string_view kCountCustomers = "SELECT count(*) FROM customers c WHERE ";

const transfer::Catalogue& Catalogue() {
  static const transfer::Catalogue kCatalogue = [] {
    transfer::Catalogue catalogue = {
        {"first_name",
         FieldType::kText,
         {"first_name", "firstname", "first", "given_name", "forename", "vorname"}},
        {"last_name",
         FieldType::kText,
         {"last_name", "lastname", "last", "surname", "family_name", "nachname"}},
        {"display_name",
         FieldType::kText,
         {"display_name", "name", "full_name", "fullname", "contact_name"}},
        {"email",
         FieldType::kEmail,
         {"email", "e_mail", "email_address", "e_mail_address", "mail", "primary_email", "email_1",
          "email1"}},
        {"phone",
         FieldType::kPhone,
         {"phone", "phone_number", "telephone", "tel", "phone_1", "phone1", "work_phone",
          "home_phone"}},
        {"mobile", FieldType::kMobile, {"mobile", "mobile_phone", "cell", "cell_phone", "handy"}},
        {"emails", FieldType::kEmailList, {"emails", "email_addresses", "all_emails"}},
        {"phones", FieldType::kPhoneList, {"phones", "phone_numbers", "all_phones"}},
        {"birthday",
         FieldType::kText,
         {"birthday", "birth_date", "date_of_birth", "dob", "birthdate"}},
        {"language", FieldType::kText, {"language", "locale", "lang"}},
        {"time_zone", FieldType::kText, {"time_zone", "timezone", "tz"}},
        {"lifecycle_stage", FieldType::kText, {"lifecycle_stage", "stage", "lifecycle"}},
        {"relationship_type", FieldType::kText, {"relationship_type", "relationship"}},
        {"preferred_channel", FieldType::kText, {"preferred_channel", "channel"}},
        {"external_id",
         FieldType::kText,
         {"external_id", "customer_id", "customer_number", "client_id", "contact_id", "id",
          "customer_no"}},
        {"owner_id", FieldType::kText, {"owner_id"}},
        {"tags", FieldType::kTags, {"tags", "labels", "tag"}},
        {"company",
         FieldType::kLink,
         {"company", "company_name", "organization", "organisation", "account", "employer"}},
        {"company_id", FieldType::kText, {"company_id"}},
    };
    transfer::AppendAddressFields(catalogue, FieldType::kAddressPart);
    return catalogue;
  }();
  return kCatalogue;
}

// E-mail addresses and phone numbers compare in their normal forms.
std::string ContactIdentity(const json::value& item, std::string_view key) {
  const json::value* v = item.is_object() ? item.as_object().if_contains(key) : nullptr;
  if (v == nullptr || !v->is_string()) return {};
  if (key == "address") return NormalizeEmail(v->as_string()).value_or(std::string(v->as_string()));
  return NormalizePhone(v->as_string()).e164.value_or(std::string(v->as_string()));
}

class CustomerTarget : public CustomFieldTarget {
 public:
  CustomerTarget(transfer::ImportSettings settings, const transfer::Mapping& mapping)
      : CustomFieldTarget(std::move(settings), mapping, "customer") {}

  std::string DuplicateField() const override {
    return ByExternalId() ? "external_id" : "emails[0]";
  }
  // A create checks e-mails and external ids against every customer (CheckEmailsFree,
  // store::CheckUnique), so a row repeating an earlier one is refused by the database.
  KeyHolderFunction KeyHolder() const override {
    if (settings_.mode != ImportMode::kCreate) return nullptr;
    if (ByExternalId()) return store::FindIdByExternalId;
    return store::FindIdByEmail;
  }
  std::string DuplicateKey(const RowRecord& record) const override {
    if (ByExternalId()) {
      const json::value* v = record.input.if_contains("external_id");
      return v && v->is_string() ? std::string(v->as_string()) : "";
    }
    const json::value* emails = record.input.if_contains("emails");
    if (emails == nullptr || !emails->is_array() || emails->as_array().empty()) return {};
    return ContactIdentity(emails->as_array()[0], "address");
  }

  // A create-only batch writes its customers' full-text rows in one statement at its end.
  Status WrapBatch(storage::Tx& tx, bool deferrable, const std::function<Status()>& rows) override {
    if (!deferrable || settings_.mode != ImportMode::kCreate) return rows();
    store::SearchRowBatch search_rows;
    RAPPORT_RETURN_IF_ERROR(rows());
    return search_rows.Flush(tx);
  }

  Result<RowOutcome> Apply(storage::Tx& tx, const access::Access& access,
                           const storage::WriteContext& context, RowRecord& record) override {
    Coerce(record.input);
    if (record.link) RAPPORT_RETURN_IF_ERROR(LinkCompany(tx, access, record));
    std::optional<std::string> match;
    // A create matches nothing: no key to normalise (a phone or ICU call fewer per row).
    const std::string key = settings_.mode == ImportMode::kCreate ? "" : DuplicateKey(record);
    if (!key.empty()) {
      if (ByExternalId()) {
        RAPPORT_ASSIGN_OR_RETURN(match, store::FindIdByExternalId(tx, key));
      } else {
        RAPPORT_ASSIGN_OR_RETURN(match, store::FindIdByEmail(tx, key));
      }
    }
    const std::string match_field = ByExternalId() ? "external_id" : "emails[0].address";
    if (!match) {
      if (settings_.mode == ImportMode::kUpdate) return transfer::NoMatch("customer", match_field);
      RAPPORT_ASSIGN_OR_RETURN(json::object created, CreateInTx(tx, access, context, record.input));
      return transfer::OutcomeOf({}, created, true, "customer");
    }
    RAPPORT_ASSIGN_OR_RETURN(std::optional<json::object> existing,
                             LoadCustomerJson(tx, access, *match));
    if (!existing) {
      // A customer the caller may not read: refused as a create would be, without its id.
      return Error::Conflict(ByExternalId() ? "another customer already has this external id"
                                            : "this email address is already in use",
                             match_field);
    }
    json::object patch = transfer::PatchFor(*existing, record, ContactIdentity);
    if (patch.empty()) return transfer::OutcomeOf(*existing, *existing, false, "customer");
    RAPPORT_ASSIGN_OR_RETURN(json::object updated,
                             UpdateInTx(tx, access, context, *match, patch, {}));
    return transfer::OutcomeOf(*existing, updated, false, "customer");
  }

 private:
  bool ByExternalId() const { return settings_.match == "external_id"; }

  // The company a row names (by name or domain) becomes its company_id.
  static Status LinkCompany(storage::Tx& tx, const access::Access& access, RowRecord& record) {
    RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> company, FindCompanyId(tx, *record.link));
    if (company) {
      // A company the caller cannot read is one that does not exist, in the same words.
      RAPPORT_ASSIGN_OR_RETURN(auto readable, LoadCompanyJson(tx, access, *company));
      if (!readable) company.reset();
    }
    if (company) {
      record.input["company_id"] = *company;
    } else if (!record.link_optional) {
      return Error::Invalid("company_id", "no company has this name or domain");
    }
    return OkStatus();
  }
};

// A contact column: the primary entry's `key`, or all of them joined.
ExportColumn ContactColumn(std::string header, std::string list, std::string key, bool all) {
  return {std::move(header), list, [list, key, all](const ExportRow& row) {
            if (all) return transfer::Joined(row.record, list, key);
            const json::object* primary = transfer::Primary(row.record, list);
            return primary ? transfer::Cell(*primary, key) : std::string();
          }};
}

class CustomerAdapter : public CustomFieldAdapter {
 public:
  explicit CustomerAdapter(const CustomerTraits& traits)
      : CustomFieldAdapter("customer"), traits_(traits) {}

  std::string_view name() const override { return "customers"; }
  std::string_view item_type() const override { return "customer"; }
  const transfer::Catalogue& catalogue() const override { return Catalogue(); }
  bool ImportsFormat(transfer::TransferFormat format) const override {
    return format != transfer::TransferFormat::kNdjson;
  }
  bool ExportsFormat(transfer::TransferFormat) const override { return true; }

  Status CheckMayImport(const access::Access& access) const override {
    return transfer::RequireLevel(access, Object::kCustomers, Action::kImport);
  }

  Result<std::unique_ptr<transfer::ImportTarget>> MakeImportTarget(
      const transfer::ImportSettings& given, const transfer::Mapping& mapping,
      const access::Access& access) const override {
    RAPPORT_RETURN_IF_ERROR(CheckMayImport(access));
    transfer::ImportSettings settings = given;
    if (settings.match.empty()) {
      settings.match = transfer::Feeds(mapping, "external_id") && !transfer::Feeds(mapping, "email")
                           ? "external_id"
                           : "email";
    }
    if (settings.match != "email" && settings.match != "external_id") {
      return transfer::MatchError("email or external_id", name());
    }
    if (access.IsHidden(Object::kCustomers, settings.match)) {
      return transfer::MatchError("email", name());
    }
    // A vCard (no header) always brings its e-mails and UID.
    if (settings.mode != ImportMode::kCreate && !mapping.header.empty() &&
        !transfer::Feeds(mapping, settings.match)) {
      return Error::Invalid("match", "no column of the file maps to " + settings.match);
    }
    return std::unique_ptr<transfer::ImportTarget>(new CustomerTarget(settings, mapping));
  }

  Result<transfer::RevertOutcome> RemoveImported(storage::Tx& tx, const access::Access& access,
                                                 const storage::WriteContext& context,
                                                 const std::string& id) const override {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kCustomerVersion, {id}));
    if (rows.empty()) return transfer::RevertOutcome::kMissing;
    if (rows[0].Int(0) > 1) return transfer::RevertOutcome::kKept;
    return transfer::RemovedUnlessRefused(DeleteInTx(tx, access, context, id, 1));
  }

  Status CheckMayExport(const access::Access& access) const override {
    return transfer::RequireLevel(access, Object::kCustomers, Action::kExport);
  }
  transfer::ExportOptionSupport export_options() const override {
    return {.filter = true, .q = true};
  }

  Status ValidateExport(storage::Database& database, const access::Access& access,
                        const transfer::ExportQuery& query) const override {
    if (query.filter.is_null() && !query.q) return OkStatus();
    // The list path refuses a bad filter naming the node at fault; ask it with one record.
    CustomerService service(database, traits_);
    RAPPORT_RETURN_IF_ERROR(
        service.List(access, {.q = query.q, .filter = query.filter, .limit = 1}));
    return OkStatus();
  }

  // With `q` the full-text condition is not counted, so the number is an upper bound.
  Result<int64_t> CountExport(storage::Database& database, const access::Access& access,
                              const transfer::ExportQuery& query) const override {
    int64_t count = 0;
    RAPPORT_RETURN_IF_ERROR(database.Read([&](storage::Tx& tx) -> Status {
      transfer::SqlWhere where;
      where.And(access.Scope(Object::kCustomers, Action::kRead, "c.owner_id"));
      where.And(access.Scope(Object::kCustomers, Action::kExport, "c.owner_id"));
      if (!query.filter.is_null()) {
        RAPPORT_ASSIGN_OR_RETURN(auto filter, CompileListFilter(tx, access, traits_, query.filter));
        where.And(std::move(filter.sql), std::move(filter.params));
      }
      RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows,
                               tx.Query(std::string(kCountCustomers) + where.sql, where.params));
      count = rows.at(0).Int(0);
      return OkStatus();
    }));
    return count;
  }

  Result<transfer::ExportPage> ReadExportPage(storage::Database& database,
                                              const access::Access& access,
                                              const transfer::ExportQuery& query,
                                              const std::optional<std::string>& cursor,
                                              bool with_extra) const override {
    CustomerService service(database, traits_);
    CustomerQuery list{.q = query.q,
                       .filter = query.filter,
                       .sort = "created_at",
                       .limit = transfer::kExportPageSize,
                       .cursor = cursor};
    RAPPORT_ASSIGN_OR_RETURN(Page page, service.List(access, list));
    transfer::ExportPage out;
    out.next = page.next_cursor;
    for (auto& value : page.data) {
      json::object& record = value.as_object();
      // Read access was the list's; export has its own level.
      if (access.Allows(Object::kCustomers, Action::kExport, access::OwnerOf(record))) {
        out.records.push_back({std::move(record), {}});
      }
    }
    if (with_extra) RAPPORT_RETURN_IF_ERROR(AddExtra(database, access, out.records));
    return out;
  }

  // The names FieldForHeader maps back, so an export re-imports with automatic mapping. The
  // Rapport id is "rapport_id" because the importer reads "id" as an external id; "emails",
  // "phones", the traits and timestamps are for people and ignored by the importer.
  Result<std::vector<ExportColumn>> CsvColumns(storage::Database& database,
                                               const access::Access& access) const override {
    using transfer::PlainColumn;
    std::vector<ExportColumn> columns = {
        PlainColumn("rapport_id", "id"),
        PlainColumn("external_id"),
        PlainColumn("first_name"),
        PlainColumn("last_name"),
        PlainColumn("display_name"),
        ContactColumn("email", "emails", "address", false),
        ContactColumn("emails", "emails", "address", true),
        ContactColumn("phone", "phones", "number", false),
        ContactColumn("phones", "phones", "number", true),
        PlainColumn("lifecycle_stage"),
        PlainColumn("relationship_type"),
        PlainColumn("preferred_channel"),
        PlainColumn("owner_id"),
        {"company", "company_id",
         [](const ExportRow& row) { return transfer::Cell(row.extra, "company_name"); }},
        PlainColumn("company_id"),
        PlainColumn("tags"),
        PlainColumn("birthday"),
        PlainColumn("language"),
        PlainColumn("time_zone"),
    };
    transfer::AddAddressColumns(columns, "addresses");
    RAPPORT_ASSIGN_OR_RETURN(std::vector<std::string> keys, CustomFieldKeys(database, "customer"));
    transfer::AddCustomFieldColumns(columns, keys);
    // What other areas publish about each customer (order count, spend, contacts, ...).
    for (const CustomerTrait& trait : traits_.all()) {
      if (traits_.IsVisible(trait, access)) {
        columns.push_back(transfer::ExtraColumn(trait.name, "traits", trait.name));
      }
    }
    columns.push_back(PlainColumn("created_at"));
    columns.push_back(PlainColumn("updated_at"));
    transfer::DropHiddenColumns(columns, access, Object::kCustomers);
    return columns;
  }

  std::string FormatVcard(const transfer::ExportRecord& record) const override {
    std::optional<std::string> organization = transfer::StringAt(record.extra, "company_name");
    if (organization && organization->empty()) organization.reset();
    return transfer::FormatVcard(record.record, organization);
  }

 private:
  // The company's name (only one the caller may read, as in the customer's overview) and the
  // traits other areas publish, read for the whole page at once.
  Status AddExtra(storage::Database& database, const access::Access& access,
                  std::vector<transfer::ExportRecord>& records) const {
    return database.Read([&](storage::Tx& tx) -> Status {
      std::map<std::string, std::string> company_names;
      for (auto& [record, extra] : records) {
        if (auto company_id = transfer::StringAt(record, "company_id")) {
          auto found = company_names.find(*company_id);
          if (found == company_names.end()) {
            RAPPORT_ASSIGN_OR_RETURN(auto company, LoadCompanyJson(tx, access, *company_id));
            found = company_names
                        .emplace(*company_id,
                                 company ? transfer::StringAt(*company, "name").value_or("") : "")
                        .first;
          }
          extra["company_name"] = found->second;
        }
      }
      std::vector<std::string> ids;
      for (const auto& exported : records) ids.emplace_back(exported.record.at("id").as_string());
      RAPPORT_ASSIGN_OR_RETURN(auto traits, traits_.ReadForCustomers(tx, access, ids));
      for (auto& [record, extra] : records) {
        auto found = traits.find(std::string(record.at("id").as_string()));
        if (found != traits.end()) extra["traits"] = std::move(found->second);
      }
      return OkStatus();
    });
  }

  const CustomerTraits& traits_;
};

}  // namespace

std::unique_ptr<transfer::ObjectAdapter> MakeCustomerTransferAdapter(const CustomerTraits& traits) {
  return std::make_unique<CustomerAdapter>(traits);
}

}  // namespace rapport::customers
