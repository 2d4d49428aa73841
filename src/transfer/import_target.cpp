#include "transfer/import_target.hpp"

#include <set>

#include "commerce/card_guard.hpp"
#include "commerce/order_service.hpp"
#include "commerce/product_service.hpp"
#include "common/text.hpp"
#include "customers/company_service.hpp"
#include "customers/contact_points.hpp"
#include "customers/custom_fields.hpp"
#include "customers/customer_service.hpp"
#include "customers/customer_store.hpp"
#include "customers/customer_writes.hpp"
#include "interactions/interaction_service.hpp"

namespace rapport::transfer {
namespace {

using storage::Tx;
using Action = RowOutcome::Action;

bool IsEmptyValue(const json::value* value) {
  if (value == nullptr || value->is_null()) return true;
  if (value->is_string()) return value->as_string().empty();
  if (value->is_array()) return value->as_array().empty();
  if (value->is_object()) return value->as_object().empty();
  return false;
}

ExistingRule RuleFor(const RowRecord& record, const std::string& key) {
  auto found = record.existing.find(key);
  return found == record.existing.end() ? ExistingRule::kOverwrite : found->second;
}

std::string ContactKey(const json::value& item, const char* key) {
  const json::value* v = item.is_object() ? item.as_object().if_contains(key) : nullptr;
  if (v == nullptr || !v->is_string()) return {};
  if (std::string_view(key) == "address") {
    return customers::NormalizeEmail(v->as_string()).value_or(std::string(v->as_string()));
  }
  return customers::NormalizePhone(v->as_string()).e164.value_or(std::string(v->as_string()));
}

// A list that keeps what the record has and adds what the row brings that it lacks: an import
// never drops a customer's second e-mail address because the file knows only one.
std::optional<json::array> MergeList(const json::value* existing, const json::array& incoming,
                                     const char* key, std::initializer_list<const char*> keep) {
  json::array merged;
  std::set<std::string> seen;
  if (existing && existing->is_array()) {
    for (const auto& item : existing->as_array()) {
      if (key == nullptr) {
        merged.push_back(item);
        if (item.is_string()) seen.insert(ToLowerAscii(item.as_string()));
        continue;
      }
      json::object copy;
      for (const char* field : keep) {
        if (const json::value* v = item.as_object().if_contains(field); v && !v->is_null()) {
          copy[field] = *v;
        }
      }
      seen.insert(ContactKey(item, key));
      merged.push_back(std::move(copy));
    }
  }
  const size_t before = merged.size();
  for (const auto& item : incoming) {
    const std::string id = key == nullptr ? (item.is_string() ? ToLowerAscii(item.as_string()) : "")
                                          : ContactKey(item, key);
    if (seen.insert(id).second) merged.push_back(item);
  }
  if (merged.size() == before) return std::nullopt;
  return merged;
}

// The patch a row makes to a matched record, after each column's rule for existing values.
json::object PatchFor(const json::object& existing, const RowRecord& record) {
  json::object patch;
  for (const auto& [key_view, value] : record.input) {
    const std::string key(key_view);
    const json::value* current = existing.if_contains(key);
    if (key == "custom_fields" && value.is_object()) {
      const json::value* current_fields = current;
      json::object fields;
      for (const auto& [field, field_value] : value.as_object()) {
        const ExistingRule rule = RuleFor(record, "custom_fields." + std::string(field));
        const json::value* old = current_fields && current_fields->is_object()
                                     ? current_fields->as_object().if_contains(field)
                                     : nullptr;
        if (rule == ExistingRule::kKeep || (rule == ExistingRule::kFillEmpty && !IsEmptyValue(old)))
          continue;
        fields[field] = field_value;
      }
      if (!fields.empty()) patch["custom_fields"] = std::move(fields);
      continue;
    }
    const ExistingRule rule = RuleFor(record, key);
    if (rule == ExistingRule::kKeep) continue;
    if (rule == ExistingRule::kFillEmpty && !IsEmptyValue(current)) continue;
    if (key == "emails" || key == "phones" || key == "tags") {
      if (!value.is_array()) continue;
      std::optional<json::array> merged =
          key == "emails"
              ? MergeList(current, value.as_array(), "address", {"address", "label", "primary"})
          : key == "phones"
              ? MergeList(current, value.as_array(), "number", {"number", "label", "primary"})
              : MergeList(current, value.as_array(), nullptr, {});
      if (merged) patch[key] = std::move(*merged);
      continue;
    }
    if (key == "addresses" && current && current->is_array() && !current->as_array().empty() &&
        value.is_array() && !value.as_array().empty()) {
      // The row's address fields update the record's first address; the others stay.
      json::array addresses = current->as_array();
      for (const auto& [field, field_value] : value.as_array()[0].as_object()) {
        addresses[0].as_object()[field] = field_value;
      }
      patch[key] = std::move(addresses);
      continue;
    }
    patch[key] = value;
  }
  return patch;
}

// A cell holding only a decimal number (optional sign, digits, optional fraction and exponent).
std::optional<double> ParseDecimalNumber(std::string_view text) {
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - start;
  };
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  size_t mantissa = digits();
  if (i < text.size() && text[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (digits() == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  return std::strtod(std::string(text).c_str(), nullptr);
}

// Custom field cells arrive as text; a number, yes/no or select field takes its own type.
void CoerceCustomFields(json::object& input,
                        const std::vector<customers::CustomFieldDefinition>& definitions,
                        const std::set<std::string>& undefined_keys) {
  json::value* custom = input.if_contains("custom_fields");
  if (custom == nullptr || !custom->is_object()) return;
  for (const std::string& key : undefined_keys) custom->as_object().erase(key);
  for (auto& [key, value] : custom->as_object()) {
    const auto* definition = customers::FindCustomField(definitions, key);
    if (definition == nullptr || !value.is_string()) continue;
    const std::string text(value.as_string());
    if (definition->type == customers::CustomFieldType::kNumber) {
      // Only a plain decimal becomes a number ("12", "-3.5", "1e3"): strtod would also read
      // "inf", "nan" and hex floats, and overflow 1e400 to infinity. What is read is checked
      // against the field's range like any API value, so 1e400 is refused naming the field.
      if (auto number = ParseDecimalNumber(text)) value = *number;
    } else if (definition->type == customers::CustomFieldType::kBoolean) {
      auto flag = ApplyTransform({TransformKind::kBool, {}}, text);
      if (flag.ok()) value = *flag == "true";
    }
  }
  if (custom->as_object().empty()) input.erase("custom_fields");
}

Result<RowOutcome> Outcome(const json::object& before_or_empty, const json::object& after,
                           bool created, const char* object_type) {
  RowOutcome outcome;
  outcome.id = std::string(after.at("id").as_string());
  if (created) {
    outcome.action = Action::kCreated;
    outcome.created.push_back({object_type, outcome.id});
  } else {
    const json::value* old_version = before_or_empty.if_contains("version");
    const bool changed = old_version == nullptr || *old_version != after.at("version");
    outcome.action = changed ? Action::kUpdated : Action::kUnchanged;
  }
  return outcome;
}

Error NoMatch(const std::string& what, const std::string& field) {
  return Error::Invalid(field, "no " + what + " matches it (mode update creates nothing)");
}

// ---- customers -----------------------------------------------------------------------------

// Targets whose records carry custom fields: the definitions are reloaded at each batch (one
// may be defined between batches), and text cells are coerced to each field's type. In a dry
// run, values for fields the import would define are left out: there is nothing to check them
// against yet.
class CustomFieldTarget : public ImportTarget {
 public:
  Status BeginBatch(Tx& tx) override {
    RAPPORT_ASSIGN_OR_RETURN(definitions_, customers::LoadCustomFields(tx, object_type_));
    return OkStatus();
  }

 protected:
  CustomFieldTarget(ImportSettings settings, std::set<std::string> pending, std::string object_type)
      : settings_(std::move(settings)),
        pending_(std::move(pending)),
        object_type_(std::move(object_type)) {}

  void Coerce(json::object& input) const {
    CoerceCustomFields(input, definitions_, settings_.dry_run ? pending_ : std::set<std::string>{});
  }

  ImportSettings settings_;

 private:
  std::set<std::string> pending_;
  std::string object_type_;
  std::vector<customers::CustomFieldDefinition> definitions_;
};

class CustomerTarget : public CustomFieldTarget {
 public:
  CustomerTarget(ImportSettings settings, std::set<std::string> pending_custom_fields)
      : CustomFieldTarget(std::move(settings), std::move(pending_custom_fields), "customer") {}

  std::string DuplicateField() const override {
    return settings_.match == "external_id" ? "external_id" : "emails[0]";
  }
  std::string DuplicateKey(const RowRecord& record) const override {
    if (settings_.match == "external_id") {
      const json::value* v = record.input.if_contains("external_id");
      return v && v->is_string() ? std::string(v->as_string()) : "";
    }
    const json::value* emails = record.input.if_contains("emails");
    if (emails == nullptr || !emails->is_array() || emails->as_array().empty()) return {};
    return ContactKey(emails->as_array()[0], "address");
  }

  Result<RowOutcome> Apply(Tx& tx, const access::Access& access,
                           const storage::WriteContext& context, RowRecord& record) override {
    Coerce(record.input);
    if (record.company) {
      RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> company,
                               customers::FindCompanyId(tx, *record.company));
      if (company) {
        // A company the caller cannot read is one that does not exist, in the same words.
        RAPPORT_ASSIGN_OR_RETURN(auto readable, customers::LoadCompanyJson(tx, access, *company));
        if (!readable) company.reset();
      }
      if (company) {
        record.input["company_id"] = *company;
      } else if (!record.company_optional) {
        return Error::Invalid("company_id", "no company has this name or domain");
      }
    }
    std::optional<std::string> match;
    const std::string key = DuplicateKey(record);
    if (settings_.mode != ImportMode::kCreate && !key.empty()) {
      if (settings_.match == "external_id") {
        RAPPORT_ASSIGN_OR_RETURN(match, customers::store::FindIdByExternalId(tx, key));
      } else {
        RAPPORT_ASSIGN_OR_RETURN(match, customers::store::FindIdByEmail(tx, key));
      }
    }
    const std::string match_field =
        settings_.match == "external_id" ? "external_id" : "emails[0].address";
    if (!match) {
      if (settings_.mode == ImportMode::kUpdate) return NoMatch("customer", match_field);
      RAPPORT_ASSIGN_OR_RETURN(json::object created,
                               customers::CreateInTx(tx, access, context, record.input));
      return Outcome({}, created, true, "customer");
    }
    RAPPORT_ASSIGN_OR_RETURN(std::optional<json::object> existing,
                             customers::LoadCustomerJson(tx, access, *match));
    if (!existing) {
      // A customer the caller may not read: refused as a create would be, without its id.
      return Error::Conflict(settings_.match == "external_id"
                                 ? "another customer already has this external id"
                                 : "this email address is already in use",
                             match_field);
    }
    json::object patch = PatchFor(*existing, record);
    if (patch.empty()) return Outcome(*existing, *existing, false, "customer");
    RAPPORT_ASSIGN_OR_RETURN(json::object updated,
                             customers::UpdateInTx(tx, access, context, *match, patch, {}));
    return Outcome(*existing, updated, false, "customer");
  }
};

// ---- companies -----------------------------------------------------------------------------

class CompanyTarget : public CustomFieldTarget {
 public:
  CompanyTarget(ImportSettings settings, std::set<std::string> pending_custom_fields)
      : CustomFieldTarget(std::move(settings), std::move(pending_custom_fields), "company") {}

  std::string DuplicateField() const override { return "domain"; }
  std::string DuplicateKey(const RowRecord& record) const override {
    const json::value* v = record.input.if_contains("domain");
    return v && v->is_string() ? ToLowerAscii(v->as_string()) : "";
  }

  Result<RowOutcome> Apply(Tx& tx, const access::Access& access,
                           const storage::WriteContext& context, RowRecord& record) override {
    Coerce(record.input);
    std::optional<std::string> match;
    const std::string domain = DuplicateKey(record);
    if (settings_.mode != ImportMode::kCreate && !domain.empty()) {
      RAPPORT_ASSIGN_OR_RETURN(match, customers::FindCompanyId(tx, domain));
    }
    if (!match) {
      if (settings_.mode == ImportMode::kUpdate) return NoMatch("company", "domain");
      RAPPORT_ASSIGN_OR_RETURN(json::object created,
                               customers::CreateCompanyInTx(tx, access, context, record.input));
      return Outcome({}, created, true, "company");
    }
    RAPPORT_ASSIGN_OR_RETURN(std::optional<json::object> existing,
                             customers::LoadCompanyJson(tx, access, *match));
    if (!existing) return Error::Conflict("another company already has this domain", "domain");
    json::object patch = PatchFor(*existing, record);
    if (patch.empty()) return Outcome(*existing, *existing, false, "company");
    RAPPORT_ASSIGN_OR_RETURN(json::object updated,
                             customers::UpdateCompanyInTx(tx, access, context, *match, patch, {}));
    return Outcome(*existing, updated, false, "company");
  }
};

// ---- products ------------------------------------------------------------------------------

class ProductTarget : public CustomFieldTarget {
 public:
  ProductTarget(ImportSettings settings, std::set<std::string> pending_custom_fields)
      : CustomFieldTarget(std::move(settings), std::move(pending_custom_fields), "product") {}

  std::string DuplicateField() const override { return "sku"; }
  std::string DuplicateKey(const RowRecord& record) const override {
    const json::value* v = record.input.if_contains("sku");
    return v && v->is_string() ? std::string(v->as_string()) : "";
  }

  Result<RowOutcome> Apply(Tx& tx, const access::Access&, const storage::WriteContext& context,
                           RowRecord& record) override {
    RAPPORT_RETURN_IF_ERROR(commerce::RefuseCardData(record.input));
    Coerce(record.input);
    const std::string sku = DuplicateKey(record);
    std::optional<std::string> match;
    if (settings_.mode != ImportMode::kCreate && !sku.empty()) {
      RAPPORT_ASSIGN_OR_RETURN(match, commerce::FindProductIdBySku(tx, sku));
    }
    if (!match) {
      if (settings_.mode == ImportMode::kUpdate) return NoMatch("product", "sku");
      RAPPORT_ASSIGN_OR_RETURN(json::object created,
                               commerce::CreateProductInTx(tx, context, record.input));
      return Outcome({}, created, true, "product");
    }
    RAPPORT_ASSIGN_OR_RETURN(std::optional<json::object> existing,
                             commerce::LoadProductJson(tx, *match));
    record.input.erase("sku");  // the product's identity, never changed
    json::object patch = PatchFor(*existing, record);
    if (patch.empty()) return Outcome(*existing, *existing, false, "product");
    RAPPORT_ASSIGN_OR_RETURN(json::object updated,
                             commerce::UpdateProductInTx(tx, context, *match, patch, {}));
    return Outcome(*existing, updated, false, "product");
  }
};

// ---- rows that belong to a customer: orders, interactions ----------------------------------

// Finds the customer a row names (Rapport id, external id or e-mail), creating it from the
// row's customer.* fields when the mapping allows.
Result<std::string> ResolveCustomer(Tx& tx, const access::Access& access,
                                    const storage::WriteContext& context, const RowRecord& record,
                                    bool create_missing, RowOutcome& outcome) {
  auto text = [&](const char* key) -> std::string {
    const json::value* v = record.customer.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : "";
  };
  std::string id = text("id");
  std::string external_id = text("external_id");
  std::string email = text("email");
  const std::string ref = text("ref");
  if (!ref.empty()) {
    if (ref.rfind("cus_", 0) == 0)
      id = ref;
    else if (ref.find('@') != std::string::npos)
      email = ref;
    else
      external_id = ref;
  }
  std::optional<std::string> found;
  if (!id.empty()) {
    RAPPORT_ASSIGN_OR_RETURN(auto customer, customers::store::LoadCustomer(tx, id));
    if (customer) found = id;
  }
  if (!found && !external_id.empty()) {
    RAPPORT_ASSIGN_OR_RETURN(found, customers::store::FindIdByExternalId(tx, external_id));
  }
  if (!found && !email.empty()) {
    if (auto normalised = customers::NormalizeEmail(email)) {
      RAPPORT_ASSIGN_OR_RETURN(found, customers::store::FindIdByEmail(tx, *normalised));
    }
  }
  const Error no_match = Error::Invalid("customer", "no customer matches it");
  if (found) {
    // A customer the caller cannot read is answered in the very words an unknown one gets (no
    // id, no "not found" of its own), so the report confirms nothing; nor is a second customer
    // created beside it when missing ones are created.
    auto readable = customers::ReadableCustomerOwner(tx, access, *found);
    if (readable.ok()) return *found;
    if (readable.error().code != ErrorCode::kNotFound) return std::move(readable).error();
    return no_match;
  }
  if (id.empty() && external_id.empty() && email.empty()) {
    return Error::Invalid("customer", "is required: a customer id, external id or e-mail");
  }
  if (!create_missing || !id.empty()) return no_match;
  json::object input;
  if (!external_id.empty()) input["external_id"] = external_id;
  if (!email.empty()) input["emails"] = json::array({json::object{{"address", email}}});
  for (const char* key : {"first_name", "last_name", "display_name"}) {
    if (!text(key).empty()) input[key] = text(key);
  }
  if (!input.contains("display_name") && !input.contains("first_name") && email.empty()) {
    input["display_name"] = "Customer " + external_id;
  }
  RAPPORT_ASSIGN_OR_RETURN(json::object created, customers::CreateInTx(tx, access, context, input));
  std::string created_id(created.at("id").as_string());
  outcome.created.push_back({"customer", created_id});
  return created_id;
}

class OrderTarget : public ImportTarget {
 public:
  OrderTarget(ImportSettings settings, bool create_missing)
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

  Result<RowOutcome> Apply(Tx& tx, const access::Access& access,
                           const storage::WriteContext& context, RowRecord& record) override {
    RAPPORT_RETURN_IF_ERROR(commerce::RefuseCardData(record.input));
    RAPPORT_RETURN_IF_ERROR(commerce::RefuseCardData(record.customer));
    RowOutcome outcome;
    const std::string external_id = GroupKey(record);
    if (!external_id.empty() && settings_.mode == ImportMode::kUpsert) {
      RAPPORT_ASSIGN_OR_RETURN(
          storage::Rows rows,
          tx.Query("SELECT id FROM orders WHERE external_id = ?", {external_id}));
      if (!rows.empty()) {
        // An order is a fact that happened; a re-import does not rewrite it.
        outcome.action = Action::kUnchanged;
        outcome.id = rows[0].Text(0);
        return outcome;
      }
    }
    RAPPORT_ASSIGN_OR_RETURN(std::string customer_id, ResolveCustomer(tx, access, context, record,
                                                                      create_missing_, outcome));
    RAPPORT_ASSIGN_OR_RETURN(json::object order,
                             commerce::PlaceInTx(tx, access, context, customer_id, record.input));
    outcome.action = Action::kCreated;
    outcome.id = std::string(order.at("id").as_string());
    outcome.created.push_back({"order", outcome.id});
    return outcome;
  }

 private:
  ImportSettings settings_;
  bool create_missing_;
};

class InteractionTarget : public ImportTarget {
 public:
  explicit InteractionTarget(bool create_missing) : create_missing_(create_missing) {}

  std::string DuplicateField() const override { return "external_ref"; }
  std::string DuplicateKey(const RowRecord& record) const override {
    const json::value* v = record.input.if_contains("external_ref");
    return v && v->is_string() ? std::string(v->as_string()) : "";
  }

  Result<RowOutcome> Apply(Tx& tx, const access::Access& access,
                           const storage::WriteContext& context, RowRecord& record) override {
    RowOutcome outcome;
    RAPPORT_ASSIGN_OR_RETURN(std::string customer_id, ResolveCustomer(tx, access, context, record,
                                                                      create_missing_, outcome));
    RAPPORT_ASSIGN_OR_RETURN(json::object logged,
                             interactions::LogInTx(tx, access, context, customer_id, record.input));
    outcome.action = Action::kCreated;
    outcome.id = std::string(logged.at("id").as_string());
    outcome.created.push_back({"interaction", outcome.id});
    return outcome;
  }

 private:
  bool create_missing_;
};

bool Feeds(const Mapping& mapping, std::string_view field) {
  for (const auto& column : mapping.columns) {
    if (column.field == field) return true;
  }
  for (const auto& value : mapping.templates) {
    if (value.field == field) return true;
  }
  return false;
}

}  // namespace

std::optional<ImportMode> ParseImportMode(std::string_view name) {
  if (name == "create") return ImportMode::kCreate;
  if (name == "update") return ImportMode::kUpdate;
  if (name == "upsert") return ImportMode::kUpsert;
  return std::nullopt;
}

std::string_view ImportModeName(ImportMode mode) {
  switch (mode) {
    case ImportMode::kCreate:
      return "create";
    case ImportMode::kUpdate:
      return "update";
    case ImportMode::kUpsert:
      return "upsert";
  }
  return "create";
}

Status CheckMayImport(ImportObject object, const access::Access& access) {
  using access::Object;
  auto may_import = [&](Object area) -> Status {
    if (access.LevelFor(area, access::Action::kImport) == access::Level::kNone) {
      return access::NotPermitted(area, access::Action::kImport);
    }
    return OkStatus();
  };
  switch (object) {
    case ImportObject::kCustomers:
    case ImportObject::kOrders:  // orders belong to customers: importing them is a customer import
      return may_import(Object::kCustomers);
    case ImportObject::kCompanies:
      return may_import(Object::kCompanies);
    case ImportObject::kProducts:
      if (!access.is_admin()) {
        return Error::PermissionDenied("Only administrators may import products.");
      }
      return OkStatus();
    case ImportObject::kInteractions:
      return may_import(Object::kInteractions);
  }
  return Error::Invalid("object", "is not importable");
}

Result<std::unique_ptr<ImportTarget>> MakeImportTarget(const ImportSettings& given,
                                                       const Mapping& mapping,
                                                       const access::Access& access) {
  ImportSettings settings = given;
  using access::Object;
  RAPPORT_RETURN_IF_ERROR(CheckMayImport(settings.object, access));
  auto match_error = [&](const std::string& allowed) {
    return Error::Invalid(
        "match", "must be " + allowed + " for " + std::string(ImportObjectName(settings.object)));
  };
  const std::set<std::string> pending(mapping.new_custom_fields.begin(),
                                      mapping.new_custom_fields.end());
  switch (settings.object) {
    case ImportObject::kCustomers: {
      if (settings.match.empty())
        settings.match =
            Feeds(mapping, "external_id") && !Feeds(mapping, "email") ? "external_id" : "email";
      if (settings.match != "email" && settings.match != "external_id") {
        return match_error("email or external_id");
      }
      if (access.IsHidden(Object::kCustomers, settings.match)) return match_error("email");
      // A vCard (no header) always brings its e-mails and UID.
      if (settings.mode != ImportMode::kCreate && !mapping.header.empty() &&
          !Feeds(mapping, settings.match)) {
        return Error::Invalid("match", "no column of the file maps to " + settings.match);
      }
      return std::unique_ptr<ImportTarget>(new CustomerTarget(settings, pending));
    }
    case ImportObject::kCompanies:
      if (settings.match.empty()) settings.match = "domain";
      if (settings.match != "domain") return match_error("domain");
      return std::unique_ptr<ImportTarget>(new CompanyTarget(settings, pending));
    case ImportObject::kProducts:
      if (settings.match.empty()) settings.match = "sku";
      if (settings.match != "sku") return match_error("sku");
      return std::unique_ptr<ImportTarget>(new ProductTarget(settings, pending));
    case ImportObject::kOrders:
      if (settings.match.empty()) settings.match = "external_id";
      if (settings.match != "external_id") return match_error("external_id");
      if (settings.mode == ImportMode::kUpdate) {
        return Error::Invalid("mode",
                              "orders are created, or skipped when they exist (upsert); "
                              "change them with the orders API");
      }
      return std::unique_ptr<ImportTarget>(
          new OrderTarget(settings, mapping.create_missing_customers));
    case ImportObject::kInteractions:
      if (settings.mode != ImportMode::kCreate) {
        return Error::Invalid("mode", "interactions are only created; the timeline is history");
      }
      return std::unique_ptr<ImportTarget>(new InteractionTarget(mapping.create_missing_customers));
  }
  return Error::Invalid("object", "is not importable");
}

}  // namespace rapport::transfer
