#include "transfer/exporter.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "commerce/customer_value.hpp"
#include "commerce/order_service.hpp"
#include "commerce/product_service.hpp"
#include "customers/company_service.hpp"
#include "customers/custom_fields.hpp"
#include "customers/customer_service.hpp"
#include "customers/filter.hpp"
#include "interactions/interaction_service.hpp"
#include "transfer/csv_writer.hpp"
#include "transfer/vcard.hpp"

namespace rapport::transfer {
namespace {

using access::Action;
using access::Object;
using storage::Rows;
using storage::Tx;

// Records per read snapshot: large enough that round trips do not dominate, small enough that a
// page of customers with their contact points stays a few megabytes and other readers interleave.
constexpr int kPageSize = 500;

constexpr std::array<std::string_view, 3> kFormats = {"csv", "ndjson", "vcard"};
constexpr std::array<std::string_view, 6> kRequestKeys = {
    "object", "format", "filter", "q", "customer_id", "neutralise_formulas"};

constexpr std::string_view kCountCustomers = "SELECT count(*) FROM customers c WHERE ";
constexpr std::string_view kCountCompanies = "SELECT count(*) FROM companies WHERE ";
constexpr std::string_view kCountProducts = "SELECT count(*) FROM products WHERE 1";
constexpr std::string_view kCountOrders =
    "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE ";
constexpr std::string_view kCountInteractions =
    "SELECT count(*) FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE ";
// The same substring matches as CompanyService::List and ProductService::List, for the count.
constexpr std::string_view kCompanyText =
    " AND (instr(lower(name), lower(?)) > 0 OR instr(domain, lower(?)) > 0)";
constexpr std::string_view kProductText =
    " AND (instr(lower(name), lower(?)) > 0 OR instr(lower(sku), lower(?)) > 0)";
// Orders and interactions page by their insertion sequence (the rowid): a keyset that is
// unique, never changes and needs no index beyond the table itself.
constexpr std::string_view kOrderPage =
    "SELECT o.seq, o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE ";
constexpr std::string_view kInteractionPageInner =
    "SELECT i.seq FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE ";

bool IsCustomers(const ExportRequest& r) { return r.object == ImportObject::kCustomers; }

// The access object whose export level governs `object` (orders belong to their customer);
// nullopt for products, which are the business's own and everyone's to export.
std::optional<Object> GoverningObject(ImportObject object) {
  switch (object) {
    case ImportObject::kCustomers:
    case ImportObject::kOrders:
      return Object::kCustomers;
    case ImportObject::kCompanies:
      return Object::kCompanies;
    case ImportObject::kInteractions:
      return Object::kInteractions;
    case ImportObject::kProducts:
      return std::nullopt;
  }
  return std::nullopt;
}

// ANDs conditions into one WHERE clause with their parameters, in order.
struct Where {
  std::string sql = "1";
  std::vector<storage::Value> params;

  void And(access::ScopeCondition condition) {
    sql += " AND (" + condition.sql + ")";
    params.insert(params.end(), std::make_move_iterator(condition.params.begin()),
                  std::make_move_iterator(condition.params.end()));
  }
  void And(std::string condition, std::vector<storage::Value> values = {}) {
    And(access::ScopeCondition{std::move(condition), std::move(values)});
  }
};

// Orders and interactions belong to their customer's owner (alias c): the customer must be
// readable and exportable, and an interaction also readable and exportable as an interaction.
Where CustomerRecordScope(const access::Access& access, const ExportRequest& request) {
  Where where;
  where.And(access.Scope(Object::kCustomers, Action::kRead, "c.owner_id"));
  if (request.object == ImportObject::kInteractions) {
    where.And(access.Scope(Object::kInteractions, Action::kRead, "c.owner_id"));
    where.And(access.Scope(Object::kInteractions, Action::kExport, "c.owner_id"));
  } else {
    where.And(access.Scope(Object::kCustomers, Action::kExport, "c.owner_id"));
  }
  if (request.customer_id) where.And("c.id = ?", {*request.customer_id});
  return where;
}

// The filter as CustomerService::List compiles it, with the same rule for which fields the caller
// may not filter on (contact counts need timeline access to every readable customer).
Result<customers::CompiledFilter> CompileFilter(Tx& tx, const access::Access& access,
                                                const json::value& filter) {
  RAPPORT_ASSIGN_OR_RETURN(auto definitions, customers::LoadCustomFields(tx, "customer"));
  return customers::CompileCustomerFilter(filter, definitions, [&](std::string_view field) {
    if (field == "interaction_count" || field == "last_contact_at") {
      return access.LevelFor(Object::kInteractions, Action::kRead) <
             access.LevelFor(Object::kCustomers, Action::kRead);
    }
    return access.IsHidden(Object::kCustomers, field);
  });
}

// ----- Reading pages -----

// What CSV and vCard show beside a record, looked up once per page with the caller's access.
struct Extras {
  std::map<std::string, std::string> company_names;  // customers: company id -> readable name
  std::map<std::string, json::object> values;        // customers: id -> customer value
  std::map<std::string, json::object> customers;     // orders, interactions: id -> customer
};

struct Batch {
  std::vector<json::object> records;
  Extras extras;
  std::optional<std::string> next;
};

std::optional<std::string> StringAt(const json::object& record, std::string_view key) {
  const json::value* v = record.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

Status AddCustomerExtras(storage::Database& database, const access::Access& access, Batch& batch) {
  return database.Read([&](Tx& tx) -> Status {
    for (const auto& record : batch.records) {
      const std::string id(record.at("id").as_string());
      if (auto company_id = StringAt(record, "company_id");
          company_id && !batch.extras.company_names.contains(*company_id)) {
        // Only a company the caller may read is named (as in the customer's overview).
        RAPPORT_ASSIGN_OR_RETURN(auto company, customers::LoadCompanyJson(tx, access, *company_id));
        batch.extras.company_names[*company_id] =
            company ? StringAt(*company, "name").value_or("") : "";
      }
      RAPPORT_ASSIGN_OR_RETURN(batch.extras.values[id], commerce::LoadCustomerValue(tx, id));
    }
    return OkStatus();
  });
}

Status AddLinkedCustomers(storage::Database& database, const access::Access& access, Batch& batch) {
  return database.Read([&](Tx& tx) -> Status {
    for (const auto& record : batch.records) {
      const std::string id(record.at("customer_id").as_string());
      if (batch.extras.customers.contains(id)) continue;
      RAPPORT_ASSIGN_OR_RETURN(auto customer, customers::LoadCustomerJson(tx, access, id));
      batch.extras.customers[id] = customer.value_or(json::object());
    }
    return OkStatus();
  });
}

// Keeps the records whose owner the caller's export level reaches (read access was applied by
// the list that produced them).
void KeepExportable(const access::Access& access, Object object, json::array& data, Batch& batch) {
  for (auto& value : data) {
    json::object& record = value.as_object();
    if (access.Allows(object, Action::kExport, access::OwnerOf(record))) {
      batch.records.push_back(std::move(record));
    }
  }
}

Result<Batch> ReadOrders(storage::Database& database, const access::Access& access,
                         const ExportRequest& request, int64_t after) {
  Where where = CustomerRecordScope(access, request);
  where.And("o.seq > ?", {after});
  where.params.emplace_back(int64_t{kPageSize});
  const std::string sql = std::string(kOrderPage) + where.sql + " ORDER BY o.seq LIMIT ?";
  std::vector<std::string> ids;
  int64_t last = after;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, where.params));
    for (const auto& row : rows) {
      last = row.Int(0);
      ids.push_back(row.Text(1));
    }
    return OkStatus();
  }));
  Batch batch;
  if (ids.size() == static_cast<size_t>(kPageSize)) batch.next = std::to_string(last);
  // Each order through the service, so the export is exactly GET /orders/{id}.
  commerce::OrderService orders(database);
  for (const auto& id : ids) {
    auto order = orders.Get(access, id);
    if (!order.ok()) {
      if (order.error().code == ErrorCode::kNotFound) continue;  // deleted since the page
      return std::move(order).error();
    }
    batch.records.push_back(std::move(order).value());
  }
  return batch;
}

Result<Batch> ReadInteractions(storage::Database& database, const access::Access& access,
                               const ExportRequest& request, int64_t after) {
  Where where = CustomerRecordScope(access, request);
  where.And("i.seq > ?", {after});
  where.params.emplace_back(int64_t{kPageSize});
  // The inner query applies access over the join; the outer one selects the served columns
  // unprefixed, as the interactions area defines them.
  const std::string sql = "SELECT " + std::string(interactions::InteractionColumns()) +
                          ", seq FROM interactions WHERE seq IN (" +
                          std::string(kInteractionPageInner) + where.sql +
                          " ORDER BY i.seq LIMIT ?) ORDER BY seq";
  Batch batch;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, where.params));
    for (const auto& row : rows) {
      json::object record = interactions::InteractionFromRow(row);
      access.Redact(Object::kInteractions, record);
      batch.records.push_back(std::move(record));
    }
    if (rows.size() == static_cast<size_t>(kPageSize)) {
      batch.next = std::to_string(rows.back().Int(rows.back().size() - 1));
    }
    return OkStatus();
  }));
  return batch;
}

// One page after `cursor` (nullopt: the first), with the extras the format needs.
Result<Batch> ReadBatch(storage::Database& database, const access::Access& access,
                        const ExportRequest& request, const std::optional<std::string>& cursor) {
  const bool csv_or_vcard = request.format != "ndjson";
  Batch batch;
  switch (request.object) {
    case ImportObject::kCustomers: {
      customers::CustomerService service(database);
      customers::CustomerQuery query{.q = request.q,
                                     .filter = request.filter,
                                     .sort = "created_at",
                                     .limit = kPageSize,
                                     .cursor = cursor};
      RAPPORT_ASSIGN_OR_RETURN(Page page, service.List(access, query));
      batch.next = page.next_cursor;
      KeepExportable(access, Object::kCustomers, page.data, batch);
      if (csv_or_vcard) RAPPORT_RETURN_IF_ERROR(AddCustomerExtras(database, access, batch));
      return batch;
    }
    case ImportObject::kCompanies: {
      customers::CompanyService service(database);
      customers::CompanyQuery query{
          .q = request.q, .sort = "created_at", .limit = kPageSize, .cursor = cursor};
      RAPPORT_ASSIGN_OR_RETURN(Page page, service.List(access, query));
      batch.next = page.next_cursor;
      KeepExportable(access, Object::kCompanies, page.data, batch);
      return batch;
    }
    case ImportObject::kProducts: {
      commerce::ProductService service(database);
      RAPPORT_ASSIGN_OR_RETURN(
          Page page, service.List(request.q, /*include_inactive=*/true, kPageSize, cursor));
      batch.next = page.next_cursor;
      for (auto& product : page.data) batch.records.push_back(std::move(product.as_object()));
      return batch;
    }
    case ImportObject::kOrders:
    case ImportObject::kInteractions: {
      // Our own cursors: the decimal seq of the last record, never seen by clients.
      const int64_t after = cursor ? std::stoll(*cursor) : 0;
      RAPPORT_ASSIGN_OR_RETURN(batch, request.object == ImportObject::kOrders
                                          ? ReadOrders(database, access, request, after)
                                          : ReadInteractions(database, access, request, after));
      if (csv_or_vcard) RAPPORT_RETURN_IF_ERROR(AddLinkedCustomers(database, access, batch));
      return batch;
    }
  }
  return Error::Internal("unknown export object");
}

// ----- CSV columns -----

// One CSV cell from a JSON value: strings as they are, lists joined with "; " (how the importer
// splits tags), numbers and booleans as JSON writes them, objects as JSON.
std::string Cell(const json::value* value) {
  if (value == nullptr || value->is_null()) return {};
  if (value->is_string()) return std::string(value->as_string());
  if (value->is_array()) {
    std::string joined;
    for (const auto& item : value->as_array()) {
      if (!joined.empty()) joined += "; ";
      joined += Cell(&item);
    }
    return joined;
  }
  return json::serialize(*value);
}

std::string Cell(const json::object& record, std::string_view key) {
  return Cell(record.if_contains(key));
}

// The primary entry of a contact list (emails, phones), else the first.
const json::object* Primary(const json::object& record, std::string_view list) {
  const json::value* v = record.if_contains(list);
  if (v == nullptr || !v->is_array() || v->as_array().empty()) return nullptr;
  for (const auto& item : v->as_array()) {
    const json::value* primary = item.as_object().if_contains("primary");
    if (primary && primary->is_bool() && primary->as_bool()) return &item.as_object();
  }
  return &v->as_array().front().as_object();
}

std::string Joined(const json::object& record, std::string_view list, std::string_view key) {
  const json::value* v = record.if_contains(list);
  if (v == nullptr || !v->is_array()) return {};
  std::string joined;
  for (const auto& item : v->as_array()) {
    if (!joined.empty()) joined += "; ";
    joined += Cell(item.as_object(), key);
  }
  return joined;
}

struct RowView {
  const json::object& record;
  const json::object* line;  // orders: the line item this row is for
  const Extras& extras;
};

struct Column {
  std::string header;
  // The API field the column shows: the column is left out when that field is hidden from the
  // caller (the values would be absent anyway). Empty for derived columns.
  std::string field;
  std::function<std::string(const RowView&)> value;
};

Column Plain(std::string header, const std::string& field = {}) {
  std::string key = field.empty() ? header : field;
  return Column{std::move(header), key,
                [key](const RowView& row) { return Cell(row.record, key); }};
}

// Address columns under the import's header names (address_line_1 ... country), from the first
// of a customer's addresses or a company's single address.
void AddAddressColumns(std::vector<Column>& columns, const std::string& field) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kParts = {
      {{"address_line_1", "line1"},
       {"address_line_2", "line2"},
       {"city", "city"},
       {"region", "region"},
       {"postal_code", "postal_code"},
       {"country", "country"}}};
  for (const auto& [header, key] : kParts) {
    columns.push_back(
        {std::string(header), field, [field, key = std::string(key)](const RowView& row) {
           const json::value* v = row.record.if_contains(field);
           if (v && v->is_array() && !v->as_array().empty()) v = &v->as_array()[0];
           return v && v->is_object() ? Cell(v->as_object(), key) : std::string();
         }});
  }
}

void AddCustomFieldColumns(std::vector<Column>& columns,
                           const std::vector<customers::CustomFieldDefinition>& definitions) {
  for (const auto& definition : definitions) {
    const std::string key = definition.key;
    columns.push_back({"custom." + key, "custom_fields." + key, [key](const RowView& row) {
                         const json::value* custom = row.record.if_contains("custom_fields");
                         return custom && custom->is_object() ? Cell(custom->as_object(), key)
                                                              : std::string();
                       }});
  }
}

// Customers: the names FieldForHeader (column_mapping.cpp) maps back, so an export re-imports
// with automatic mapping. The Rapport id is "rapport_id" because the importer reads "id" as an
// external id; "emails", "phones", the value figures and timestamps are for people and ignored
// by the importer.
std::vector<Column> CustomerColumns(const std::vector<customers::CustomFieldDefinition>& custom) {
  std::vector<Column> columns = {
      Plain("rapport_id", "id"),
      Plain("external_id"),
      Plain("first_name"),
      Plain("last_name"),
      Plain("display_name"),
      {"email", "emails",
       [](const RowView& row) {
         const json::object* primary = Primary(row.record, "emails");
         return primary ? Cell(*primary, "address") : std::string();
       }},
      {"emails", "emails",
       [](const RowView& row) { return Joined(row.record, "emails", "address"); }},
      {"phone", "phones",
       [](const RowView& row) {
         const json::object* primary = Primary(row.record, "phones");
         return primary ? Cell(*primary, "number") : std::string();
       }},
      {"phones", "phones",
       [](const RowView& row) { return Joined(row.record, "phones", "number"); }},
      Plain("lifecycle_stage"),
      Plain("relationship_type"),
      Plain("preferred_channel"),
      Plain("owner_id"),
      {"company", "company_id",
       [](const RowView& row) {
         auto id = StringAt(row.record, "company_id");
         auto found = id ? row.extras.company_names.find(*id) : row.extras.company_names.end();
         return found == row.extras.company_names.end() ? std::string() : found->second;
       }},
      Plain("company_id"),
      Plain("tags"),
      Plain("birthday"),
      Plain("language"),
      Plain("time_zone"),
  };
  AddAddressColumns(columns, "addresses");
  AddCustomFieldColumns(columns, custom);
  for (const char* key : {"order_count", "total_spent", "last_purchase_at"}) {
    columns.push_back({key, "", [key = std::string(key)](const RowView& row) {
                         auto found = row.extras.values.find(Cell(row.record, "id"));
                         return found == row.extras.values.end() ? std::string()
                                                                 : Cell(found->second, key);
                       }});
  }
  columns.push_back(Plain("created_at"));
  columns.push_back(Plain("updated_at"));
  return columns;
}

std::vector<Column> CompanyColumns(const std::vector<customers::CustomFieldDefinition>& custom) {
  std::vector<Column> columns = {
      Plain("rapport_id", "id"), Plain("name"), Plain("domain"), Plain("industry"), Plain("size"),
      Plain("owner_id"),         Plain("tags")};
  AddAddressColumns(columns, "address");
  AddCustomFieldColumns(columns, custom);
  columns.push_back(Plain("created_at"));
  columns.push_back(Plain("updated_at"));
  return columns;
}

std::vector<Column> ProductColumns() {
  return {Plain("rapport_id", "id"), Plain("sku"),        Plain("name"),
          Plain("category"),         Plain("price"),      Plain("currency"),
          Plain("active"),           Plain("created_at"), Plain("updated_at")};
}

// The customer an order or interaction belongs to, as the caller may see them, for the columns
// that let an import into another database find that customer by external id or e-mail.
std::vector<Column> LinkedCustomerColumns() {
  return {Plain("customer_id"),
          {"customer_external_id", "",
           [](const RowView& row) {
             auto found = row.extras.customers.find(Cell(row.record, "customer_id"));
             return found == row.extras.customers.end() ? std::string()
                                                        : Cell(found->second, "external_id");
           }},
          {"customer_email", "", [](const RowView& row) {
             auto found = row.extras.customers.find(Cell(row.record, "customer_id"));
             if (found == row.extras.customers.end()) return std::string();
             const json::object* primary = Primary(found->second, "emails");
             return primary ? Cell(*primary, "address") : std::string();
           }}};
}

// Orders: one row per line item, the order's fields repeated, so `rapport import orders` groups
// the rows back into orders by order_id. "order_total" (not "total", which the importer reads as
// a line total) and "refunded" are for people.
std::vector<Column> OrderColumns() {
  auto line = [](std::string header, std::string key = {}) {
    if (key.empty()) key = header;
    return Column{std::move(header), "", [key](const RowView& row) {
                    return row.line ? Cell(*row.line, key) : std::string();
                  }};
  };
  std::vector<Column> columns = {{"order_id", "",
                                  [](const RowView& row) {
                                    std::string external = Cell(row.record, "external_id");
                                    return external.empty() ? Cell(row.record, "id") : external;
                                  }},
                                 Plain("rapport_order_id", "id")};
  for (auto& column : LinkedCustomerColumns()) columns.push_back(std::move(column));
  for (const char* key : {"placed_at", "status", "currency", "channel", "notes"}) {
    columns.push_back(Plain(key));
  }
  for (const char* key :
       {"sku", "description", "quantity", "unit_price", "discount", "line_total"}) {
    columns.push_back(line(key));
  }
  columns.push_back(Plain("order_total", "total"));
  columns.push_back(Plain("refunded"));
  return columns;
}

std::vector<Column> InteractionColumns() {
  std::vector<Column> columns = {Plain("rapport_id", "id")};
  for (auto& column : LinkedCustomerColumns()) columns.push_back(std::move(column));
  for (const char* key :
       {"channel", "direction", "kind", "subject", "body", "occurred_at", "duration_seconds",
        "staff_id", "sentiment", "external_ref", "metadata", "created_at"}) {
    columns.push_back(Plain(key));
  }
  return columns;
}

// ----- Writers -----

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  virtual void Write(const json::object& record, const Extras& extras) = 0;
};

class NdjsonWriter : public RecordWriter {
 public:
  explicit NdjsonWriter(std::ostream& out) : out_(out) {}
  void Write(const json::object& record, const Extras& /*extras*/) override {
    out_ << json::serialize(record) << '\n';
  }

 private:
  std::ostream& out_;
};

class VcardWriter : public RecordWriter {
 public:
  explicit VcardWriter(std::ostream& out) : out_(out) {}
  void Write(const json::object& record, const Extras& extras) override {
    std::optional<std::string> organization;
    if (auto company_id = StringAt(record, "company_id")) {
      auto found = extras.company_names.find(*company_id);
      if (found != extras.company_names.end() && !found->second.empty()) {
        organization = found->second;
      }
    }
    out_ << FormatVcard(record, organization);
  }

 private:
  std::ostream& out_;
};

class CsvRecordWriter : public RecordWriter {
 public:
  CsvRecordWriter(std::ostream& out, const CsvWriteOptions& options, std::vector<Column> columns,
                  bool line_per_row)
      : csv_(out, options), columns_(std::move(columns)), line_per_row_(line_per_row) {
    std::vector<std::string> header;
    header.reserve(columns_.size());
    for (const auto& column : columns_) header.push_back(column.header);
    csv_.Write(header);
  }

  void Write(const json::object& record, const Extras& extras) override {
    const json::value* lines = line_per_row_ ? record.if_contains("lines") : nullptr;
    if (lines && lines->is_array() && !lines->as_array().empty()) {
      for (const auto& line : lines->as_array()) WriteRow({record, &line.as_object(), extras});
    } else {
      WriteRow({record, nullptr, extras});
    }
  }

 private:
  void WriteRow(const RowView& row) {
    cells_.clear();
    for (const auto& column : columns_) cells_.push_back(column.value(row));
    csv_.Write(cells_);
  }

  CsvWriter csv_;
  std::vector<Column> columns_;
  bool line_per_row_;
  std::vector<std::string> cells_;
};

Result<std::unique_ptr<RecordWriter>> MakeWriter(storage::Database& database,
                                                 const access::Access& access,
                                                 const ExportRequest& request, std::ostream& out) {
  std::unique_ptr<RecordWriter> writer;
  if (request.format == "ndjson" || request.format == "vcard") {
    if (request.format == "ndjson")
      writer = std::make_unique<NdjsonWriter>(out);
    else
      writer = std::make_unique<VcardWriter>(out);
    return writer;
  }
  std::vector<Column> columns;
  std::optional<Object> object;
  switch (request.object) {
    case ImportObject::kCustomers:
    case ImportObject::kCompanies: {
      object = IsCustomers(request) ? Object::kCustomers : Object::kCompanies;
      std::vector<customers::CustomFieldDefinition> definitions;
      RAPPORT_RETURN_IF_ERROR(database.Read([&](Tx& tx) -> Status {
        RAPPORT_ASSIGN_OR_RETURN(
            definitions,
            customers::LoadCustomFields(tx, IsCustomers(request) ? "customer" : "company"));
        return OkStatus();
      }));
      columns = IsCustomers(request) ? CustomerColumns(definitions) : CompanyColumns(definitions);
      break;
    }
    case ImportObject::kProducts:
      columns = ProductColumns();
      break;
    case ImportObject::kOrders:
      columns = OrderColumns();
      break;
    case ImportObject::kInteractions:
      object = Object::kInteractions;
      columns = InteractionColumns();
      break;
  }
  if (object) {
    std::erase_if(columns, [&](const Column& column) {
      return !column.field.empty() && access.IsHidden(*object, column.field);
    });
  }
  CsvWriteOptions options;
  options.neutralise_formulas = request.neutralise_formulas;
  writer = std::make_unique<CsvRecordWriter>(out, options, std::move(columns),
                                             request.object == ImportObject::kOrders);
  return writer;
}

bool OneOf(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

Result<ExportRequest> ExportRequestFromJson(const json::object& input) {
  ExportRequest request;
  std::vector<FieldError> errors;
  for (const auto& [key, unused] : input) {
    if (!OneOf(kRequestKeys, key)) {
      errors.push_back({std::string(key),
                        "is not an export option (object, format, filter, q, customer_id, "
                        "neutralise_formulas)"});
    }
  }
  const json::value* object = input.if_contains("object");
  std::optional<ImportObject> parsed;
  if (object && object->is_string()) parsed = ParseImportObject(object->as_string());
  if (parsed) {
    request.object = *parsed;
  } else {
    errors.push_back({"object", "must be customers, companies, products, orders or interactions"});
  }
  if (const json::value* format = input.if_contains("format"); format && !format->is_null()) {
    if (format->is_string() && OneOf(kFormats, format->as_string())) {
      request.format = std::string(format->as_string());
    } else {
      errors.push_back({"format", "must be csv, ndjson or vcard"});
    }
  }
  if (const json::value* filter = input.if_contains("filter")) {
    if (filter->is_string()) {
      // The query-string form: the filter tree as JSON text, as GET /customers?filter= takes it.
      auto tree = ParseJson(filter->as_string());
      if (tree.ok())
        request.filter = std::move(tree).value();
      else
        errors.push_back({"filter", "is not valid JSON"});
    } else {
      request.filter = *filter;
    }
  }
  using TextOption = std::pair<std::string_view, std::optional<std::string>*>;
  for (auto [key, target] :
       {TextOption{"q", &request.q}, TextOption{"customer_id", &request.customer_id}}) {
    auto text = OptionalString(input, key, key);
    if (!text.ok())
      errors.push_back({std::string(key), "must be a string"});
    else if (*text && !(*text)->empty())
      *target = **text;
  }
  if (const json::value* flag = input.if_contains("neutralise_formulas");
      flag && !flag->is_null()) {
    if (flag->is_bool())
      request.neutralise_formulas = flag->as_bool();
    else
      errors.push_back({"neutralise_formulas", "must be true or false"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return request;
}

json::object ExportRequestToJson(const ExportRequest& request) {
  json::object out{{"object", ImportObjectName(request.object)},
                   {"format", request.format},
                   {"neutralise_formulas", request.neutralise_formulas}};
  if (!request.filter.is_null()) out["filter"] = request.filter;
  if (request.q) out["q"] = *request.q;
  if (request.customer_id) out["customer_id"] = *request.customer_id;
  return out;
}

std::string_view ExportExtension(std::string_view format) {
  if (format == "ndjson") return ".ndjson";
  if (format == "vcard") return ".vcf";
  return ".csv";
}

std::string_view ExportContentType(std::string_view format) {
  if (format == "ndjson") return "application/x-ndjson";
  if (format == "vcard") return "text/vcard; charset=utf-8";
  return "text/csv; charset=utf-8";
}

Status CheckExportPermission(const access::Access& access, ImportObject object) {
  if (auto governing = GoverningObject(object);
      governing && access.LevelFor(*governing, Action::kExport) == access::Level::kNone) {
    return access::NotPermitted(*governing, Action::kExport);
  }
  return OkStatus();
}

Status ValidateExport(storage::Database& database, const access::Access& access,
                      const ExportRequest& request) {
  RAPPORT_RETURN_IF_ERROR(CheckExportPermission(access, request.object));
  const ImportObject object = request.object;
  std::vector<FieldError> errors;
  if (!OneOf(kFormats, request.format)) {
    errors.push_back({"format", "must be csv, ndjson or vcard"});
  } else if (request.format == "vcard" && object != ImportObject::kCustomers) {
    errors.push_back({"format", "vcard is for customers only"});
  }
  if (!request.filter.is_null() && object != ImportObject::kCustomers) {
    errors.push_back({"filter", "applies to customers only"});
  }
  if (request.q && object != ImportObject::kCustomers && object != ImportObject::kCompanies &&
      object != ImportObject::kProducts) {
    errors.push_back({"q", "applies to customers, companies and products"});
  }
  if (request.customer_id && object != ImportObject::kOrders &&
      object != ImportObject::kInteractions) {
    errors.push_back({"customer_id", "applies to orders and interactions"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (object == ImportObject::kCustomers && (!request.filter.is_null() || request.q)) {
    // The list path refuses a bad filter naming the node at fault; ask it with one record.
    customers::CustomerService service(database);
    RAPPORT_RETURN_IF_ERROR(
        service.List(access, {.q = request.q, .filter = request.filter, .limit = 1}));
  }
  if (request.customer_id) {
    return database.Read([&](Tx& tx) -> Status {
      if (!customers::ReadableCustomerOwner(tx, access, *request.customer_id).ok()) {
        return Error::Invalid("customer_id",
                              "No customer has the id " + *request.customer_id + ".");
      }
      return OkStatus();
    });
  }
  return OkStatus();
}

Result<int64_t> CountExport(storage::Database& database, const access::Access& access,
                            const ExportRequest& request) {
  int64_t count = 0;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](Tx& tx) -> Status {
    std::string sql;
    Where where;
    switch (request.object) {
      case ImportObject::kCustomers:
        sql = kCountCustomers;
        where.And(access.Scope(Object::kCustomers, Action::kRead, "c.owner_id"));
        where.And(access.Scope(Object::kCustomers, Action::kExport, "c.owner_id"));
        if (!request.filter.is_null()) {
          RAPPORT_ASSIGN_OR_RETURN(auto filter, CompileFilter(tx, access, request.filter));
          where.And(std::move(filter.sql), std::move(filter.params));
        }
        break;
      case ImportObject::kCompanies:
        sql = kCountCompanies;
        where.And(access.Scope(Object::kCompanies, Action::kRead, "owner_id"));
        where.And(access.Scope(Object::kCompanies, Action::kExport, "owner_id"));
        break;
      case ImportObject::kProducts:
        sql = kCountProducts;
        break;
      case ImportObject::kOrders:
        sql = kCountOrders;
        where = CustomerRecordScope(access, request);
        break;
      case ImportObject::kInteractions:
        sql = kCountInteractions;
        where = CustomerRecordScope(access, request);
        break;
    }
    if (request.object != ImportObject::kProducts) sql += where.sql;
    if (request.q &&
        (request.object == ImportObject::kCompanies || request.object == ImportObject::kProducts)) {
      sql += request.object == ImportObject::kCompanies ? kCompanyText : kProductText;
      where.params.emplace_back(*request.q);
      where.params.emplace_back(*request.q);
    }
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, where.params));
    count = rows.at(0).Int(0);
    return OkStatus();
  }));
  return count;
}

Result<JobRef> StartExportJob(storage::Database& database, const access::Access& access,
                              const storage::WriteContext& context, const ExportRequest& request,
                              const std::string& file_name) {
  RAPPORT_RETURN_IF_ERROR(ValidateExport(database, access, request));
  return CreateJob(database, access, context,
                   NewJob{.kind = "export",
                          .object_type = std::string(ImportObjectName(request.object)),
                          .options = ExportRequestToJson(request),
                          .file_name = file_name,
                          .total_bytes = 0});
}

Result<JobCounts> RunExport(storage::Database& database, const access::Access& access,
                            const ExportRequest& request, const JobRef& job, std::ostream& out,
                            const ExportProgressFunction& on_progress) {
  JobCounts counts;
  auto report = [&] {
    counts.rows = counts.done_bytes;
    if (on_progress) on_progress(counts);
  };
  Status status = [&]() -> Status {
    RAPPORT_ASSIGN_OR_RETURN(counts.total_bytes, CountExport(database, access, request));
    RAPPORT_RETURN_IF_ERROR(
        database.Write([&](Tx& tx) { return RecordProgress(tx, job.seq, counts); }));
    report();
    RAPPORT_ASSIGN_OR_RETURN(auto writer, MakeWriter(database, access, request, out));
    std::optional<std::string> cursor;
    do {
      RAPPORT_ASSIGN_OR_RETURN(Batch batch, ReadBatch(database, access, request, cursor));
      for (const auto& record : batch.records) writer->Write(record, batch.extras);
      counts.done_bytes += static_cast<int64_t>(batch.records.size());
      // Records added while the export runs can take it past the count made at the start.
      counts.total_bytes = std::max(counts.total_bytes, counts.done_bytes);
      if (!out) return Error::Unavailable("Writing the export failed (is the disk full?).");
      report();
      cursor = std::move(batch.next);
    } while (cursor);
    out.flush();
    if (!out) return Error::Unavailable("Writing the export failed (is the disk full?).");
    return OkStatus();
  }();
  if (!status.ok()) {
    // The job row says why; the caller gets the same error.
    (void)FinishJob(database, job, "failed", counts, status.error().message, {});
    return std::move(status).error();
  }
  // Exact now: a full-text query or records deleted meanwhile make the count an estimate.
  counts.total_bytes = counts.done_bytes;
  RAPPORT_RETURN_IF_ERROR(FinishJob(database, job, "completed", counts, "", {}));
  return counts;
}

}  // namespace rapport::transfer
