#include "customers/company_service.hpp"

#include <algorithm>
#include <cctype>

#include "common/card_numbers.hpp"
#include "common/collation.hpp"
#include "common/ids.hpp"
#include "common/search_text.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "customers/custom_fields.hpp"
#include "customers/customer_service.hpp"
#include "customers/customer_store.hpp"
#include "customers/postal_address.hpp"
#include "storage/audit.hpp"
#include "storage/event_payload.hpp"
#include "storage/outbox.hpp"

namespace rapport::customers {
namespace {

using storage::Rows;
using storage::Tx;

constexpr access::Object kCompanies = access::Object::kCompanies;

Error NoSuchCompany(const std::string& id) {
  return Error::NotFound("No company has the id " + id + ".");
}

#define RAPPORT_COMPANY_COLUMNS                                                            \
  "id, name, domain, industry, size, address, owner_id, tags, custom_fields, created_at, " \
  "updated_at, version"

constexpr std::string_view kSelectCompany =
    "SELECT " RAPPORT_COMPANY_COLUMNS " FROM companies WHERE id = ?";
constexpr std::string_view kDomainOwner = "SELECT id FROM companies WHERE domain = ?";
constexpr std::string_view kInsertCompany = "INSERT INTO companies (" RAPPORT_COMPANY_COLUMNS
                                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateCompany =
    "UPDATE companies SET name = ?, domain = ?, industry = ?, size = ?, address = ?, owner_id = ?, "
    "tags = ?, custom_fields = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?";
constexpr std::string_view kDeleteCompany = "DELETE FROM companies WHERE id = ?";
constexpr std::string_view kCompanyCustomers = "SELECT id FROM customers WHERE company_id = ?";
constexpr std::string_view kTouchCustomer =
    "UPDATE customers SET version = version + 1, updated_at = ? WHERE id = ?";

// A domain match wins over a name match; names are not unique, so the oldest company wins.
constexpr std::string_view kCompanyByDomainOrName =
    "SELECT id FROM companies WHERE domain = lower(?) OR name = ? COLLATE NOCASE "
    "ORDER BY domain IS NULL OR domain <> lower(?), seq LIMIT 1";

constexpr size_t kMaxTextLength = 500;
constexpr std::array<std::string_view, 9> kKnownKeys = {
    "name", "domain", "industry", "size", "address", "owner_id", "tags", "custom_fields", "id"};

json::object FromRow(const storage::Row& row) {
  auto parse = [](const std::string& text, json::value fallback) {
    auto parsed = ParseJson(text);
    return parsed.ok() ? std::move(parsed).value() : std::move(fallback);
  };
  auto optional = [&](size_t i) {
    return row.IsNull(i) ? json::value(nullptr) : json::value(row.Text(i));
  };
  return json::object{
      {"id", row.Text(0)},
      {"name", row.Text(1)},
      {"domain", optional(2)},
      {"industry", optional(3)},
      {"size", optional(4)},
      {"address", row.IsNull(5) ? json::value(nullptr) : parse(row.Text(5), nullptr)},
      {"owner_id", optional(6)},
      {"tags", parse(row.Text(7), json::array())},
      {"custom_fields", parse(row.Text(8), json::object())},
      {"created_at", row.Text(9)},
      {"updated_at", row.Text(10)},
      {"version", row.Int(11)}};
}

constexpr size_t kMaxTagLength = 64;

// Company text fields are one line, counted in characters (see customer_input.cpp).
CleanedText Clean(std::string_view text) {
  return CleanText(text, kMaxTextLength, TextKind::kSingleLine);
}

bool IsDomain(std::string_view domain) {
  if (domain.size() < 3 || domain.size() > 253 || domain.find('.') == std::string_view::npos ||
      domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return false;
  }
  return std::all_of(domain.begin(), domain.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
  });
}

// Applies a create body or merge patch onto `company` (served JSON shape) and validates it.
Status ApplyCompanyInput(const json::object& input,
                         const std::vector<CustomFieldDefinition>& definitions, bool is_create,
                         json::object& company) {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : input) {
    if (std::find(kKnownKeys.begin(), kKnownKeys.end(), key) == kKnownKeys.end()) {
      errors.push_back({std::string(key), "is not a known field"});
    } else if (key == "id") {
      errors.push_back({"id", "is read-only"});
    } else if (key == "custom_fields") {
      if (value.is_null()) {
        company["custom_fields"] = json::object();
        continue;
      }
      json::object values = company["custom_fields"].as_object();
      MergeCustomFieldValues(value, definitions, values, errors);
      company["custom_fields"] = std::move(values);
    } else if (key == "tags") {
      json::array tags;
      if (!value.is_null() && !value.is_array()) {
        errors.push_back({"tags", "must be an array of strings"});
        continue;
      }
      if (value.is_array()) {
        for (size_t i = 0; i < value.as_array().size(); ++i) {
          const auto& tag = value.as_array()[i];
          const std::string path = "tags[" + std::to_string(i) + "]";
          CleanedText cleaned =
              tag.is_string() ? CleanText(tag.as_string(), kMaxTagLength, TextKind::kSingleLine)
                              : CleanedText{};
          if (!cleaned.problem.empty()) {
            errors.push_back({path, std::move(cleaned.problem)});
          } else if (cleaned.text.empty()) {
            errors.push_back({path, "must be 1 to 64 characters"});
          } else if (std::find(tags.begin(), tags.end(), json::value(cleaned.text)) == tags.end()) {
            tags.emplace_back(cleaned.text);
          }
        }
      }
      company["tags"] = std::move(tags);
    } else if (key == "address") {
      if (!value.is_null() && !value.is_object()) {
        errors.push_back({"address", "must be an object"});
        continue;
      }
      if (value.is_null()) {
        company["address"] = nullptr;
        continue;
      }
      company["address"] = ReadPostalAddress(value.as_object(), "address", errors);
    } else {
      if (!value.is_null() && !value.is_string()) {
        errors.push_back({std::string(key), "must be a string of at most 500 characters or null"});
        continue;
      }
      if (value.is_string()) {
        CleanedText cleaned = Clean(value.as_string());
        if (!cleaned.problem.empty()) {
          errors.push_back({std::string(key), std::move(cleaned.problem)});
          continue;
        }
        std::string text = std::move(cleaned.text);
        if (text.empty() && key != "name") {
          company[key] = nullptr;  // a blank optional field is no value
          continue;
        }
        if (key != "domain") {
          company[key] = text;
          continue;
        }
      }
      if (key == "domain" && value.is_string()) {
        std::string domain = Clean(value.as_string()).text;
        std::transform(domain.begin(), domain.end(), domain.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (!IsDomain(domain)) {
          errors.push_back({"domain", "must be a domain name such as example.com"});
          continue;
        }
        company["domain"] = domain;
        continue;
      }
      company[key] = value;
    }
  }
  const json::value& name = company["name"];
  if (!name.is_string() || name.as_string().empty()) {
    errors.push_back({"name", "is required and cannot be blank"});
  }
  if (is_create)
    CheckRequiredCustomFields(definitions, company["custom_fields"].as_object(), errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return OkStatus();
}

std::vector<storage::Value> RowValues(const json::object& c) {
  auto text = [&](std::string_view key) -> storage::Value {
    const json::value& v = c.at(key);
    return v.is_string() ? storage::Value(std::string(v.as_string())) : storage::Null();
  };
  const json::value& address = c.at("address");
  return {text("name"),
          text("domain"),
          text("industry"),
          text("size"),
          address.is_null() ? storage::Null() : storage::Value(ToJsonString(address)),
          text("owner_id"),
          ToJsonString(c.at("tags")),
          ToJsonString(c.at("custom_fields"))};
}

Status CheckDomain(Tx& tx, const json::object& company) {
  const json::value& domain = company.at("domain");
  if (!domain.is_string()) return OkStatus();
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kDomainOwner, {std::string(domain.as_string())}));
  if (!rows.empty() && rows[0].Text(0) != company.at("id").as_string()) {
    return Error::Conflict("another company already has this domain", "domain");
  }
  return OkStatus();
}

}  // namespace

Result<std::optional<json::object>> LoadCompanyJson(Tx& tx, const access::Access& access,
                                                    const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectCompany, {id}));
  if (rows.empty()) return std::optional<json::object>();
  json::object company = FromRow(rows[0]);
  if (!access.Allows(kCompanies, access::Action::kRead, access::OwnerOf(company))) {
    return std::optional<json::object>();
  }
  access.Redact(kCompanies, company);
  return std::optional<json::object>(std::move(company));
}

Result<json::object> CreateCompanyInTx(Tx& tx, const access::Access& access,
                                       const storage::WriteContext& context,
                                       const json::object& original_input) {
  std::vector<FieldError> hidden;
  RAPPORT_ASSIGN_OR_RETURN(json::object input,
                           access.PrepareInput(kCompanies, original_input, {}, hidden));
  RAPPORT_RETURN_IF_ERROR(RefuseCardData(input));  // every create path (API, import) is here
  RAPPORT_RETURN_IF_ERROR(access.AuthorizeCreate(kCompanies, input));
  json::object company{
      {"id", NewId("cmp")},  {"name", nullptr},       {"domain", nullptr},
      {"industry", nullptr}, {"size", nullptr},       {"address", nullptr},
      {"owner_id", nullptr}, {"tags", json::array()}, {"custom_fields", json::object()}};
  RAPPORT_ASSIGN_OR_RETURN(auto definitions, LoadCustomFields(tx, "company"));
  RAPPORT_RETURN_IF_ERROR(access::WithHiddenFields(
      ApplyCompanyInput(input, AsSeenBy(access, kCompanies, std::move(definitions)), true, company),
      hidden));
  RAPPORT_RETURN_IF_ERROR(CheckDomain(tx, company));
  const std::string now = NowInstant();
  company["created_at"] = now;
  company["updated_at"] = now;
  company["version"] = 1;
  std::vector<storage::Value> values{std::string(company["id"].as_string())};
  for (auto& v : RowValues(company)) values.push_back(std::move(v));
  values.emplace_back(now);
  values.emplace_back(now);
  values.emplace_back(int64_t{1});
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertCompany, values));
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(
      tx, context, "company.created", "company", company["id"].as_string(),
      json::object{{"company", storage::LeanRecord(company, {"updated_at"})}}));
  RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "create", "company",
                                               company["id"].as_string(), {}, company));
  return company;
}

Result<std::optional<std::string>> FindCompanyId(Tx& tx, const std::string& domain_or_name) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kCompanyByDomainOrName,
                                               {domain_or_name, domain_or_name, domain_or_name}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Result<json::object> CompanyService::Create(const Access& access,
                                            const storage::WriteContext& context,
                                            const json::object& input) {
  json::object company;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(company, CreateCompanyInTx(tx, access, context, input));
    access.Redact(kCompanies, company);
    return context.Written(tx, company);
  }));
  return company;
}

Result<json::object> CompanyService::Get(const Access& access, const std::string& id) {
  std::optional<json::object> company;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(company, LoadCompanyJson(tx, access, id));
    return OkStatus();
  }));
  if (!company) return NoSuchCompany(id);
  return std::move(*company);
}

Result<json::object> UpdateCompanyInTx(Tx& tx, const access::Access& access,
                                       const storage::WriteContext& context, const std::string& id,
                                       const json::object& patch,
                                       std::optional<int64_t> if_version) {
  using access::Access;
  json::object company;
  RAPPORT_ASSIGN_OR_RETURN(std::optional<json::object> existing,
                           LoadCompanyJson(tx, Access::Unrestricted(), id));
  if (!existing || !access.Allows(kCompanies, access::Action::kRead, access::OwnerOf(*existing))) {
    return NoSuchCompany(id);
  }
  RAPPORT_RETURN_IF_ERROR(access.AuthorizeEdit(kCompanies, access::OwnerOf(*existing), patch));
  std::vector<FieldError> hidden;
  RAPPORT_ASSIGN_OR_RETURN(
      json::object allowed,
      access.PrepareInput(kCompanies, patch, existing->at("custom_fields").as_object(), hidden));
  RAPPORT_RETURN_IF_ERROR(RefuseCardData(allowed));
  const int64_t version = existing->at("version").as_int64();
  if (if_version && *if_version != version) {
    return Error::PreconditionFailed("The company was changed since you read it.");
  }
  company = *existing;
  RAPPORT_ASSIGN_OR_RETURN(auto definitions, LoadCustomFields(tx, "company"));
  RAPPORT_RETURN_IF_ERROR(access::WithHiddenFields(
      ApplyCompanyInput(allowed, definitions, false, company), std::move(hidden)));
  json::array changed;
  for (const auto& [key, value] : company) {
    if (existing->at(key) != value) changed.emplace_back(key);
  }
  if (changed.empty()) return company;
  RAPPORT_RETURN_IF_ERROR(CheckDomain(tx, company));
  const std::string now = NowInstant();
  company["updated_at"] = now;
  company["version"] = version + 1;
  std::vector<storage::Value> values = RowValues(company);
  values.emplace_back(now);
  values.emplace_back(version + 1);
  values.emplace_back(id);
  values.emplace_back(version);
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kUpdateCompany, values));
  if (existing->at("name") != company.at("name")) {
    // Customers are found by their company's name: keep their search rows current.
    RAPPORT_RETURN_IF_ERROR(store::ReindexCompanyCustomers(tx, id));
  }
  RAPPORT_RETURN_IF_ERROR(
      storage::AppendEvent(tx, context, "company.updated", "company", id,
                           json::object{{"company", storage::ChangedPart(company, changed)},
                                        {"changed", std::move(changed)}}));
  RAPPORT_RETURN_IF_ERROR(
      storage::AppendAudit(tx, context, "update", "company", id, *existing, company));
  return company;
}

Result<json::object> CompanyService::Update(const Access& access,
                                            const storage::WriteContext& context,
                                            const std::string& id, const json::object& patch,
                                            std::optional<int64_t> if_version) {
  json::object company;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(company,
                             UpdateCompanyInTx(tx, access, context, id, patch, if_version));
    access.Redact(kCompanies, company);
    return context.Written(tx, company);
  }));
  return company;
}

Status DeleteCompanyInTx(Tx& tx, const access::Access& access, const storage::WriteContext& context,
                         const std::string& id, std::optional<int64_t> expected_version) {
  using access::Access;
  RAPPORT_ASSIGN_OR_RETURN(std::optional<json::object> existing,
                           LoadCompanyJson(tx, Access::Unrestricted(), id));
  if (!existing || !access.Allows(kCompanies, access::Action::kRead, access::OwnerOf(*existing))) {
    return NoSuchCompany(id);
  }
  RAPPORT_RETURN_IF_ERROR(access.AuthorizeDelete(kCompanies, access::OwnerOf(*existing)));
  if (expected_version && *expected_version != existing->at("version").as_int64()) {
    return Error::PreconditionFailed("The company was changed since you read it.");
  }
  RAPPORT_ASSIGN_OR_RETURN(Rows members, tx.Query(kCompanyCustomers, {id}));
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteCompany, {id}));  // members: company_id SET NULL
  // Detaching is a change to each member: new version, search row and event, like any edit.
  const std::string now = NowInstant();
  for (const auto& row : members) {
    const std::string customer_id = row.Text(0);
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kTouchCustomer, {now, customer_id}));
    RAPPORT_ASSIGN_OR_RETURN(auto customer, store::LoadCustomer(tx, customer_id));
    if (!customer) continue;
    RAPPORT_RETURN_IF_ERROR(store::IndexCustomer(tx, *customer));
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "update", "customer", customer_id,
                                                 json::object{{"company_id", id}},
                                                 json::object{{"company_id", nullptr}}));
    RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(
        tx, context, "customer.updated", "customer", customer_id,
        json::object{{"customer", json::object{{"id", customer_id},
                                               {"version", customer->version},
                                               {"updated_at", customer->updated_at},
                                               {"company_id", nullptr}}},
                     {"changed", json::array{"company_id"}}}));
  }
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(
      tx, context, "company.deleted", "company", id,
      json::object{{"company_id", id}, {"customers_detached", members.size()}}));
  return storage::AppendAudit(tx, context, "delete", "company", id, *existing, {});
}

Status CompanyService::Delete(const Access& access, const storage::WriteContext& context,
                              const std::string& id, std::optional<int64_t> if_version) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(DeleteCompanyInTx(tx, access, context, id, if_version));
    return context.Written(tx, json::object{{"id", id}});
  });
}

void AppendCompanyTextMatch(std::string_view q, std::string& where,
                            std::vector<storage::Value>& params) {
  // Accents and case do not matter: "muller" finds "Müller GmbH" (docs/design/unicode.md).
  where += " AND (instr(search_fold(name), ?) > 0 OR instr(domain, lower(?)) > 0)";
  params.emplace_back(SearchFold(q));
  params.emplace_back(std::string(q));
}

Result<Page> CompanyService::List(const Access& access, const CompanyQuery& query) {
  RAPPORT_RETURN_IF_ERROR(CheckSearchText(query.q));
  std::string_view sort = query.sort;
  const bool descending = !sort.empty() && sort.front() == '-';
  if (descending) sort.remove_prefix(1);
  if (sort != "created_at" && sort != "name") {
    return Error::Invalid("sort", "must be created_at or name, optionally prefixed with -");
  }
  // Names sort by locale collation, matching the companies_name_key index (migration 0012).
  const bool by_name = sort == "name";
  const std::string order_key = by_name ? "collation_key(name)" : "created_at";
  std::optional<CursorPosition> after;
  if (query.cursor) {
    RAPPORT_ASSIGN_OR_RETURN(after, DecodeCursor(*query.cursor, query.sort));
    if (!after->value.is_string()) return Error::Malformed("The cursor is not valid.");
  }
  Page page;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    access::ScopeCondition scope = access.Scope(kCompanies, access::Action::kRead, "owner_id");
    std::string where = std::move(scope.sql);
    std::vector<storage::Value> params = std::move(scope.params);
    if (query.q && !query.q->empty()) AppendCompanyTextMatch(*query.q, where, params);
    if (after) {
      // Scalar bound first so SQLite can seek the index (see CustomerService::List).
      const std::string value(after->value.as_string());
      where += " AND " + order_key + (descending ? " <= ?" : " >= ?") + " AND (" + order_key +
               ", id) " + (descending ? "<" : ">") + " (?, ?)";
      params.emplace_back(value);
      params.emplace_back(value);
      params.emplace_back(after->id);
    }
    const std::string direction = descending ? " DESC" : "";
    const std::string sql = "SELECT " RAPPORT_COMPANY_COLUMNS " FROM companies WHERE " + where +
                            " ORDER BY " + order_key + direction + ", id" + direction + " LIMIT ?";
    params.emplace_back(static_cast<int64_t>(query.limit + 1));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
    for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(query.limit); ++i) {
      page.data.push_back(FromRow(rows[i]));
    }
    if (rows.size() > static_cast<size_t>(query.limit)) {
      const json::object& last = page.data.back().as_object();
      const json::value key =
          by_name ? json::value(CollationKey(last.at("name").as_string())) : last.at("created_at");
      page.next_cursor = EncodeCursor({query.sort, key, std::string(last.at("id").as_string())});
    }
    for (auto& company : page.data) access.Redact(kCompanies, company.as_object());
    return OkStatus();
  }));
  return page;
}

}  // namespace rapport::customers
