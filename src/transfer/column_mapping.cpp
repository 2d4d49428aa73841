#include "transfer/column_mapping.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/text.hpp"

namespace rapport::transfer {
namespace {

struct CatalogueField {
  std::string_view field;
  std::vector<std::string_view> aliases;  // normalised header spellings
};

using Catalogue = std::vector<CatalogueField>;

const Catalogue& CustomerCatalogue() {
  static const Catalogue kCatalogue = {
      {"first_name", {"first_name", "firstname", "first", "given_name", "forename", "vorname"}},
      {"last_name", {"last_name", "lastname", "last", "surname", "family_name", "nachname"}},
      {"display_name", {"display_name", "name", "full_name", "fullname", "contact_name"}},
      {"email",
       {"email", "e_mail", "email_address", "e_mail_address", "mail", "primary_email", "email_1",
        "email1"}},
      {"phone",
       {"phone", "phone_number", "telephone", "tel", "phone_1", "phone1", "work_phone",
        "home_phone"}},
      {"mobile", {"mobile", "mobile_phone", "cell", "cell_phone", "handy"}},
      {"emails", {"emails", "email_addresses", "all_emails"}},
      {"phones", {"phones", "phone_numbers", "all_phones"}},
      {"birthday", {"birthday", "birth_date", "date_of_birth", "dob", "birthdate"}},
      {"language", {"language", "locale", "lang"}},
      {"time_zone", {"time_zone", "timezone", "tz"}},
      {"lifecycle_stage", {"lifecycle_stage", "stage", "lifecycle"}},
      {"relationship_type", {"relationship_type", "relationship"}},
      {"preferred_channel", {"preferred_channel", "channel"}},
      {"external_id",
       {"external_id", "customer_id", "customer_number", "client_id", "contact_id", "id",
        "customer_no"}},
      {"owner_id", {"owner_id"}},
      {"tags", {"tags", "labels", "tag"}},
      {"company",
       {"company", "company_name", "organization", "organisation", "account", "employer"}},
      {"company_id", {"company_id"}},
      {"address.line1",
       {"address", "street", "address_line_1", "address1", "street_address", "line1",
        "address_line1"}},
      {"address.line2", {"address_line_2", "address2", "line2", "address_line2"}},
      {"address.city", {"city", "town", "locality"}},
      {"address.region", {"region", "state", "province", "county"}},
      {"address.postal_code", {"postal_code", "zip", "zip_code", "postcode", "post_code"}},
      {"address.country", {"country", "country_code"}},
  };
  return kCatalogue;
}

const Catalogue& CompanyCatalogue() {
  static const Catalogue kCatalogue = {
      {"name", {"name", "company", "company_name", "organization", "organisation", "account"}},
      {"domain", {"domain", "website", "web", "url", "company_domain"}},
      {"industry", {"industry", "sector"}},
      {"size", {"size", "employees", "company_size", "headcount"}},
      {"owner_id", {"owner_id"}},
      {"tags", {"tags", "labels"}},
  };
  return kCatalogue;
}

const Catalogue& ProductCatalogue() {
  static const Catalogue kCatalogue = {
      {"sku", {"sku", "product_code", "item_code", "code", "article_number"}},
      {"name", {"name", "product", "product_name", "title", "item"}},
      {"category", {"category", "product_category", "type"}},
      {"price", {"price", "unit_price", "list_price"}},
      {"currency", {"currency", "currency_code"}},
      {"active", {"active", "enabled", "available"}},
  };
  return kCatalogue;
}

const Catalogue& OrderCatalogue() {
  static const Catalogue kCatalogue = {
      {"external_id", {"order_id", "external_id", "order_number", "order_no", "order"}},
      {"customer", {"customer", "customer_id", "customer_number", "client_id"}},
      {"customer.external_id", {"customer_external_id"}},
      {"customer.email", {"email", "customer_email", "e_mail"}},
      {"customer.id", {"rapport_customer_id"}},
      {"customer.first_name", {"first_name", "customer_first_name"}},
      {"customer.last_name", {"last_name", "customer_last_name"}},
      {"customer.display_name", {"customer_name", "name"}},
      {"placed_at", {"placed_at", "date", "order_date", "ordered_at", "purchase_date", "created"}},
      {"status", {"status", "order_status"}},
      {"currency", {"currency", "currency_code"}},
      {"channel", {"channel", "sales_channel"}},
      {"notes", {"notes", "note", "comment"}},
      {"line.sku", {"sku", "product_code", "item_code"}},
      {"line.product_id", {"product_id"}},
      {"line.description", {"description", "product", "product_name", "item"}},
      {"line.quantity", {"quantity", "qty", "units", "count"}},
      {"line.unit_price", {"unit_price", "price"}},
      {"line.line_total", {"line_total", "amount", "total", "value", "line_amount"}},
      {"line.discount", {"discount"}},
  };
  return kCatalogue;
}

const Catalogue& InteractionCatalogue() {
  static const Catalogue kCatalogue = {
      {"customer", {"customer", "customer_id", "customer_number", "client_id"}},
      {"customer.external_id", {"customer_external_id"}},
      {"customer.email", {"email", "customer_email", "e_mail"}},
      {"customer.id", {"rapport_customer_id"}},
      {"customer.display_name", {"customer_name", "name"}},
      {"channel", {"channel", "medium"}},
      {"direction", {"direction"}},
      {"kind", {"kind", "type", "activity_type"}},
      {"subject", {"subject", "title"}},
      {"body", {"body", "notes", "note", "description", "details", "text"}},
      {"occurred_at", {"occurred_at", "date", "timestamp", "time", "when"}},
      {"duration_seconds", {"duration_seconds", "duration"}},
      {"sentiment", {"sentiment"}},
      {"external_ref", {"external_ref", "reference", "ref"}},
      {"staff_id", {"staff_id"}},
  };
  return kCatalogue;
}

const Catalogue& CatalogueFor(ImportObject object) {
  switch (object) {
    case ImportObject::kCustomers:
      return CustomerCatalogue();
    case ImportObject::kCompanies:
      return CompanyCatalogue();
    case ImportObject::kProducts:
      return ProductCatalogue();
    case ImportObject::kOrders:
      return OrderCatalogue();
    case ImportObject::kInteractions:
      return InteractionCatalogue();
  }
  return CustomerCatalogue();
}

bool HasCustomFields(ImportObject object) {
  return object == ImportObject::kCustomers || object == ImportObject::kCompanies ||
         object == ImportObject::kProducts;
}

// "E-mail Address" → "e_mail_address".
std::string NormaliseHeader(std::string_view header) {
  std::string out;
  for (char c : header) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out.push_back(static_cast<char>(std::tolower(u)));
    } else if (!out.empty() && out.back() != '_') {
      out.push_back('_');
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

bool IsKnownField(ImportObject object, std::string_view field) {
  if (HasCustomFields(object) && field.rfind("custom.", 0) == 0 && field.size() > 7) return true;
  for (const auto& entry : CatalogueFor(object)) {
    if (entry.field == field) return true;
  }
  return false;
}

std::string KnownFieldList(ImportObject object) {
  std::string list;
  for (const auto& entry : CatalogueFor(object)) {
    list += (list.empty() ? "" : ", ") + std::string(entry.field);
  }
  if (HasCustomFields(object)) list += ", custom.<key>";
  return list;
}

Result<ExistingRule> ParseExistingRule(const json::value& value, const std::string& field) {
  if (value.is_string()) {
    if (value.as_string() == "overwrite") return ExistingRule::kOverwrite;
    if (value.as_string() == "fill") return ExistingRule::kFillEmpty;
    if (value.as_string() == "keep") return ExistingRule::kKeep;
  }
  return Error::Invalid(field, "must be overwrite, fill or keep");
}

// Fields whose values are whole numbers or yes/no in the API.
bool IsIntegerField(std::string_view field) {
  return field == "line.quantity" || field == "duration_seconds";
}
bool IsBoolField(std::string_view field) { return field == "active"; }
// Fields that take an RFC 3339 time: a plain date means midnight UTC.
bool IsInstantField(std::string_view field) {
  return field == "placed_at" || field == "occurred_at";
}

// Builds a record from the fields in `mapping` order; `set` receives (field, value, source).
void SetField(RowRecord& record, ImportObject object, const std::string& field,
              const std::string& value, const std::string& source, ExistingRule rule) {
  json::object& input = record.input;
  auto note = [&](const std::string& path, const std::string& key) {
    record.sources.emplace(path, source);
    if (rule != ExistingRule::kOverwrite) record.existing[key] = rule;
  };
  if (IsIntegerField(field)) {
    int64_t number = 0;
    bool ok = !value.empty();
    for (char c : value) ok = ok && std::isdigit(static_cast<unsigned char>(c));
    if (ok && value.size() < 12) {
      number = std::stoll(value);
    } else {
      record.errors.push_back({source, value, "must be a whole number"});
      return;
    }
    if (field == "line.quantity") {
      record.input["lines"].as_array()[0].as_object()["quantity"] = number;
      record.sources.emplace("lines[0].quantity", source);
    } else {
      input[field] = number;
      note(field, field);
    }
    return;
  }
  if (field.rfind("line.", 0) == 0) {
    const std::string key = field.substr(5);
    input["lines"].as_array()[0].as_object()[key] = value;
    record.sources.emplace("lines[0]." + key, source);
    return;
  }
  if (field.rfind("customer.", 0) == 0) {
    record.customer[field.substr(9)] = value;
    return;
  }
  if (field == "customer") {
    record.customer["ref"] = value;
    return;
  }
  if (object == ImportObject::kCustomers && field == "company") {
    record.company = value;
    record.sources.emplace("company_id", source);
    return;
  }
  if (object == ImportObject::kCustomers && (field == "emails" || field == "phones")) {
    // A list column (as exports write it): each `;`-separated part is one address or number.
    const std::string single = field == "emails" ? "email" : "phone";
    size_t start = 0;
    while (start <= value.size()) {
      size_t end = value.find(';', start);
      if (end == std::string::npos) end = value.size();
      const std::string part(TrimWhitespace(std::string_view(value).substr(start, end - start)));
      if (!part.empty()) SetField(record, object, single, part, source, rule);
      start = end + 1;
    }
    return;
  }
  if (object == ImportObject::kCustomers &&
      (field == "email" || field == "phone" || field == "mobile")) {
    const bool email = field == "email";
    const char* key = email ? "address" : "number";
    json::value& list = input[email ? "emails" : "phones"];
    if (!list.is_array()) list = json::array();
    // The same address from two columns (a primary and an "all addresses" column) is one.
    for (const auto& known : list.as_array()) {
      const json::value* text = known.as_object().if_contains(key);
      if (text && text->is_string() && ToLowerAscii(text->as_string()) == ToLowerAscii(value)) {
        return;
      }
    }
    const std::string path =
        std::string(email ? "emails[" : "phones[") + std::to_string(list.as_array().size()) + "]";
    json::object point{{key, value}};
    if (field == "mobile") point["label"] = "mobile";
    list.as_array().push_back(std::move(point));
    note(path, email ? "emails" : "phones");
    return;
  }
  if (field.rfind("address.", 0) == 0) {
    json::value& list = input["addresses"];
    if (!list.is_array()) list = json::array({json::object()});
    list.as_array()[0].as_object()[field.substr(8)] = value;
    note("addresses[0]." + field.substr(8), "addresses");
    return;
  }
  if (field == "tags") {
    json::value& list = input["tags"];
    if (!list.is_array()) list = json::array();
    // Parts split by a transform arrive joined by \x1f; otherwise ; and , separate tags.
    const char separator = value.find('\x1f') != std::string::npos ? '\x1f'
                           : value.find(';') != std::string::npos  ? ';'
                                                                   : ',';
    size_t start = 0;
    while (start <= value.size()) {
      size_t end = value.find(separator, start);
      if (end == std::string::npos) end = value.size();
      const std::string_view tag =
          TrimWhitespace(std::string_view(value).substr(start, end - start));
      if (!tag.empty()) list.as_array().emplace_back(tag);
      start = end + 1;
    }
    note("tags", "tags");
    return;
  }
  if (field.rfind("custom.", 0) == 0) {
    const std::string key = field.substr(7);
    json::value& custom = input["custom_fields"];
    if (!custom.is_object()) custom = json::object();
    custom.as_object()[key] = value;
    note("custom_fields." + key, "custom_fields." + key);
    return;
  }
  if (IsBoolField(field)) {
    auto flag = ApplyTransform({TransformKind::kBool, {}}, value);
    if (!flag.ok()) {
      record.errors.push_back({source, value, "must be yes or no"});
      return;
    }
    input[field] = *flag == "true";
    note(field, field);
    return;
  }
  if (IsInstantField(field) && value.size() == 10) {
    input[field] = value + "T00:00:00Z";
  } else {
    input[field] = value;
  }
  note(field, field);
}

std::string ExpandTemplate(const std::string& text, const Mapping& mapping,
                           const std::vector<std::string>& cells, int64_t row) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('{', i);
    if (open == std::string::npos) break;
    const size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    out.append(text, i, open - i);
    const std::string name = text.substr(open + 1, close - open - 1);
    if (name == "row") {
      out += std::to_string(row);
    } else {
      for (size_t c = 0; c < mapping.header.size() && c < cells.size(); ++c) {
        if (mapping.header[c] == name) out += TrimWhitespace(cells[c]);
      }
    }
    i = close + 1;
  }
  out.append(text, std::min(i, text.size()));
  return out;
}

}  // namespace

std::optional<ImportObject> ParseImportObject(std::string_view name) {
  for (ImportObject object :
       {ImportObject::kCustomers, ImportObject::kCompanies, ImportObject::kProducts,
        ImportObject::kOrders, ImportObject::kInteractions}) {
    if (ImportObjectName(object) == name) return object;
  }
  return std::nullopt;
}

std::string_view ImportObjectName(ImportObject object) {
  switch (object) {
    case ImportObject::kCustomers:
      return "customers";
    case ImportObject::kCompanies:
      return "companies";
    case ImportObject::kProducts:
      return "products";
    case ImportObject::kOrders:
      return "orders";
    case ImportObject::kInteractions:
      return "interactions";
  }
  return "customers";
}

std::optional<std::string> FieldForHeader(ImportObject object, std::string_view header) {
  // "custom.<key>" is how exports name custom fields: they come back where they came from.
  if (header.rfind("custom.", 0) == 0 && IsKnownField(object, header)) return std::string(header);
  const std::string normalised = NormaliseHeader(header);
  if (normalised.empty()) return std::nullopt;
  for (const auto& entry : CatalogueFor(object)) {
    if (entry.field == normalised) return std::string(entry.field);
    for (auto alias : entry.aliases) {
      if (alias == normalised) return std::string(entry.field);
    }
  }
  return std::nullopt;
}

Result<Mapping> BuildMapping(ImportObject object, const std::vector<std::string>& header,
                             const json::value& spec) {
  Mapping mapping;
  mapping.object = object;
  mapping.header = header;
  std::vector<FieldError> errors;
  const json::object empty;
  if (!spec.is_null() && !spec.is_object()) return Error::Invalid("mapping", "must be an object");
  const json::object& document = spec.is_object() ? spec.as_object() : empty;
  for (const auto& [key, unused] : document) {
    static constexpr std::array<std::string_view, 7> kKeys = {
        "columns", "constants", "templates", "unmapped", "existing", "create_missing_customers",
        "auto"};
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
      errors.push_back({"mapping." + std::string(key), "is not a known mapping key"});
    }
  }
  ExistingRule default_rule = ExistingRule::kOverwrite;
  if (const json::value* v = document.if_contains("existing")) {
    auto rule = ParseExistingRule(*v, "mapping.existing");
    if (rule.ok())
      default_rule = *rule;
    else
      errors.push_back(rule.error().field_errors.at(0));
  }
  bool automatic = true;
  if (const json::value* v = document.if_contains("auto")) {
    if (!v->is_bool())
      errors.push_back({"mapping.auto", "must be true or false"});
    else
      automatic = v->as_bool();
  }
  std::string unmapped = "ignore";
  if (const json::value* v = document.if_contains("unmapped")) {
    if (!v->is_string() || (v->as_string() != "ignore" && v->as_string() != "custom_fields" &&
                            v->as_string() != "error")) {
      errors.push_back({"mapping.unmapped", "must be ignore, custom_fields or error"});
    } else {
      unmapped = std::string(v->as_string());
    }
    if (unmapped == "custom_fields" && !HasCustomFields(object)) {
      errors.push_back(
          {"mapping.unmapped", "custom fields exist for customers, companies and products"});
    }
  }
  if (const json::value* v = document.if_contains("create_missing_customers")) {
    if (!v->is_bool() ||
        (object != ImportObject::kOrders && object != ImportObject::kInteractions)) {
      errors.push_back(
          {"mapping.create_missing_customers", "is true or false, for orders and interactions"});
    } else {
      mapping.create_missing_customers = v->as_bool();
    }
  }

  std::vector<bool> explicitly(header.size(), false);
  if (const json::value* v = document.if_contains("columns")) {
    if (!v->is_object()) errors.push_back({"mapping.columns", "must be an object"});
    for (const auto& [name, rule_value] : v->is_object() ? v->as_object() : empty) {
      const std::string path = "mapping.columns." + std::string(name);
      auto found = std::find(header.begin(), header.end(), std::string(name));
      if (found == header.end()) {
        errors.push_back({path, "is not a column of this file"});
        continue;
      }
      const size_t index = static_cast<size_t>(found - header.begin());
      explicitly[index] = true;
      if (rule_value.is_null()) {
        mapping.ignored.push_back(std::string(name));
        continue;
      }
      ColumnRule rule{.column = index, .header = std::string(name), .existing = default_rule};
      const json::object* options = rule_value.is_object() ? &rule_value.as_object() : nullptr;
      const json::value* field = options ? options->if_contains("field") : &rule_value;
      if (field == nullptr || !field->is_string()) {
        errors.push_back({path, "must be a field name, null, or {field, transforms, existing}"});
        continue;
      }
      rule.field = std::string(field->as_string());
      if (!IsKnownField(object, rule.field)) {
        errors.push_back({path, "\"" + rule.field + "\" is not a field of " +
                                    std::string(ImportObjectName(object)) + " (" +
                                    KnownFieldList(object) + ")"});
        continue;
      }
      if (options) {
        for (const auto& [key, option] : *options) {
          if (key == "field") continue;
          if (key == "existing") {
            auto parsed = ParseExistingRule(option, path + ".existing");
            if (parsed.ok())
              rule.existing = *parsed;
            else
              errors.push_back(parsed.error().field_errors.at(0));
          } else if (key == "transforms" || key == "transform") {
            json::array specs;
            if (option.is_string())
              specs.push_back(option);
            else if (option.is_array())
              specs = option.as_array();
            for (const auto& item : specs) {
              if (!item.is_string()) {
                errors.push_back({path + ".transforms", "must be names such as \"lower\""});
                continue;
              }
              auto transform = ParseTransform(item.as_string(), path + ".transforms");
              if (transform.ok())
                rule.transforms.push_back(*transform);
              else
                errors.push_back(transform.error().field_errors.at(0));
            }
          } else {
            errors.push_back({path + "." + std::string(key), "is not a known column option"});
          }
        }
      }
      // A custom field named in the mapping that does not exist yet is defined by the import,
      // as for unmapped columns (the importer checks which exist).
      if (rule.field.rfind("custom.", 0) == 0)
        mapping.new_custom_fields.push_back(rule.field.substr(7));
      mapping.columns.push_back(std::move(rule));
    }
  }
  for (const char* kind : {"constants", "templates"}) {
    const json::value* v = document.if_contains(kind);
    if (v == nullptr) continue;
    if (!v->is_object()) {
      errors.push_back({std::string("mapping.") + kind, "must be an object of field: value"});
      continue;
    }
    for (const auto& [field, value] : v->as_object()) {
      const std::string path = std::string("mapping.") + kind + "." + std::string(field);
      if (!IsKnownField(object, field)) {
        errors.push_back({path, "is not a field of " + std::string(ImportObjectName(object))});
      } else if (!value.is_string()) {
        errors.push_back({path, "must be a string"});
      } else {
        (std::string_view(kind) == "constants" ? mapping.constants : mapping.templates)
            .push_back({std::string(field), std::string(value.as_string())});
      }
    }
  }
  for (size_t i = 0; i < header.size(); ++i) {
    if (explicitly[i]) continue;
    std::optional<std::string> field = automatic ? FieldForHeader(object, header[i]) : std::nullopt;
    // A field fed by an explicit column is not fed again by a look-alike header.
    if (field &&
        std::any_of(mapping.columns.begin(), mapping.columns.end(), [&](const ColumnRule& r) {
          return r.field == *field && *field != "email" && *field != "phone" && *field != "mobile";
        })) {
      field.reset();
    }
    if (field) {
      ColumnRule rule{.column = i, .header = header[i], .field = *field, .existing = default_rule};
      if (field->rfind("custom.", 0) == 0) mapping.new_custom_fields.push_back(field->substr(7));
      // E-mail addresses compare lower-case; an automatic mapping does what a person would.
      if (*field == "email" || *field == "emails" || *field == "customer.email") {
        rule.transforms.push_back({TransformKind::kLower, {}});
      }
      mapping.columns.push_back(std::move(rule));
    } else if (unmapped == "custom_fields") {
      const std::string key = NormaliseHeader(header[i]);
      if (key.empty()) {
        mapping.ignored.push_back(header[i]);
        continue;
      }
      mapping.columns.push_back(
          {.column = i, .header = header[i], .field = "custom." + key, .existing = default_rule});
      mapping.new_custom_fields.push_back(key);
    } else if (unmapped == "error") {
      errors.push_back({"mapping.columns." + header[i],
                        "is not mapped (map it, set it to null, or change \"unmapped\")"});
    } else {
      mapping.ignored.push_back(header[i]);
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return mapping;
}

RowRecord BuildRow(const Mapping& mapping, const std::vector<std::string>& cells, int64_t row,
                   int64_t line) {
  RowRecord record;
  record.row = row;
  record.line = line;
  if (mapping.object == ImportObject::kOrders) {
    record.input["lines"] = json::array({json::object()});
  }
  if (cells.size() != mapping.header.size()) {
    record.errors.push_back({"", "",
                             "has " + std::to_string(cells.size()) + " fields; the header has " +
                                 std::to_string(mapping.header.size())});
    return record;
  }
  for (const auto& constant : mapping.constants) {
    SetField(record, mapping.object, constant.field, constant.value, constant.field,
             ExistingRule::kOverwrite);
  }
  for (const auto& rule : mapping.columns) {
    std::string value(TrimWhitespace(cells[rule.column]));
    if (value.empty()) continue;  // an empty cell sets nothing: it never erases a value
    // Exports put a ' before values a spreadsheet would run as a formula ('+49…, '=…); read
    // back, the value is the one without it.
    if (value.size() > 1 && value[0] == '\'' &&
        std::string_view("=+-@").find(value[1]) != std::string_view::npos) {
      value.erase(0, 1);
    }
    bool ok = true;
    for (const auto& transform : rule.transforms) {
      auto transformed = ApplyTransform(transform, value);
      if (!transformed.ok()) {
        record.errors.push_back({rule.header, value,
                                 transformed.error().field_errors.empty()
                                     ? transformed.error().message
                                     : transformed.error().field_errors[0].message});
        ok = false;
        break;
      }
      value = std::move(transformed).value();
    }
    if (ok) SetField(record, mapping.object, rule.field, value, rule.header, rule.existing);
  }
  for (const auto& entry : mapping.templates) {
    const std::string value = ExpandTemplate(entry.value, mapping, cells, row);
    if (!value.empty()) {
      SetField(record, mapping.object, entry.field, value, entry.field, ExistingRule::kOverwrite);
    }
  }
  return record;
}

std::string ColumnFor(const RowRecord& record, const std::string& field) {
  std::string best = field;
  size_t best_length = 0;
  for (const auto& [path, column] : record.sources) {
    const bool prefix =
        field.rfind(path, 0) == 0 &&
        (field.size() == path.size() || field[path.size()] == '.' || field[path.size()] == '[');
    if (prefix && path.size() > best_length) {
      best = column;
      best_length = path.size();
    }
  }
  return best;
}

}  // namespace rapport::transfer
