#include "customers/filter.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "common/collation.hpp"
#include "common/time.hpp"
#include "customers/contact_points.hpp"
#include "customers/customer.hpp"

namespace rapport::customers {
namespace {

constexpr int kMaxDepth = 8;
constexpr int kMaxConditions = 200;
constexpr size_t kMaxInValues = 1000;
// Longest text value in a condition, in bytes: longer than any stored text field, so no real
// filter is refused, while a megabyte needle cannot be compared against every row.
constexpr size_t kMaxTextValueBytes = 1000;

enum class ValueKind { kText, kDate, kInstant, kNumber, kBoolean };

// People's names compare folded (case and accents ignored) for eq and neq too.
bool IsNameField(std::string_view name) {
  return name == "first_name" || name == "last_name" || name == "display_name";
}

// How a field reaches SQL. Plain fields compare `expression`; list fields (emails, phones, tags)
// test whether any element of `source` has an `expression` that matches, inside EXISTS.
struct FieldSpec {
  std::string_view name;
  ValueKind kind;
  std::string_view expression;
  std::string_view source = {};  // "FROM <child> WHERE <join>" for list fields
};

// The customer row's own fields and its lists. Figures other areas publish about a customer
// (order count, contact count, ...) are traits from the CustomerTraits registry.
constexpr std::array<FieldSpec, 18> kFields{{
    {"id", ValueKind::kText, "c.id"},
    {"first_name", ValueKind::kText, "c.first_name"},
    {"last_name", ValueKind::kText, "c.last_name"},
    {"display_name", ValueKind::kText, "c.display_name"},
    {"birthday", ValueKind::kDate, "c.birthday"},
    {"language", ValueKind::kText, "c.language"},
    {"time_zone", ValueKind::kText, "c.time_zone"},
    {"company_id", ValueKind::kText, "c.company_id"},
    {"owner_id", ValueKind::kText, "c.owner_id"},
    {"lifecycle_stage", ValueKind::kText, "c.lifecycle_stage"},
    {"relationship_type", ValueKind::kText, "c.relationship_type"},
    {"preferred_channel", ValueKind::kText, "c.preferred_channel"},
    {"external_id", ValueKind::kText, "c.external_id"},
    {"created_at", ValueKind::kInstant, "c.created_at"},
    {"updated_at", ValueKind::kInstant, "c.updated_at"},
    {"email", ValueKind::kText, "e.address_key",
     "FROM customer_emails e WHERE e.customer_id = c.id"},
    {"phone", ValueKind::kText, "p.number", "FROM customer_phones p WHERE p.customer_id = c.id"},
    {"tags", ValueKind::kText, "t.value", "FROM json_each(c.tags) t WHERE 1"},
}};

constexpr std::string_view kConsentExpression =
    "COALESCE((SELECT r.status FROM consent_records r WHERE r.customer_id = c.id "
    "AND r.channel = ? AND r.purpose = ? ORDER BY r.recorded_at DESC, r.seq DESC LIMIT 1), "
    "'unknown')";
constexpr std::string_view kCustomFieldExpression = "json_extract(c.custom_fields, ?)";
// `contains` of three or more characters on a name or an email: a phrase of the fragment index's
// trigrams (docs/design/search.md). As `c.seq IN` SQLite starts from the matches and sorts them;
// `+c.seq` (no index can serve it) makes it walk the sort order and test each row instead.
constexpr std::string_view kFewFragmentsCondition =
    "(c.seq IN (SELECT rowid FROM customer_fragments WHERE customer_fragments MATCH ?))";
constexpr std::string_view kManyFragmentsCondition =
    "(+c.seq IN (SELECT rowid FROM customer_fragments WHERE customer_fragments MATCH ?))";
// Shortest folded value the trigram index can answer, in characters.
constexpr size_t kMinFragmentCharacters = 3;
// Trait lookups probed per filter (one count statement each); further conditions take the scalar
// form, which is always correct, so a wide filter costs a bounded number of statements.
constexpr int kMaxLookupProbes = 4;

size_t CountCharacters(std::string_view utf8) {
  return static_cast<size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // not a continuation byte
  }));
}

ValueKind TraitKind(TraitType type) {
  switch (type) {
    case TraitType::kNumber:
    case TraitType::kMoney:
      return ValueKind::kNumber;
    case TraitType::kTime:
      return ValueKind::kInstant;
    case TraitType::kText:
      return ValueKind::kText;
  }
  return ValueKind::kText;
}

// Money is kept in minor units; filters compare amounts as written ("total_spent gt 100.50").
std::string TraitExpression(const CustomerTrait& trait) {
  if (trait.type == TraitType::kMoney) return "((" + trait.expression + ") / 100.0)";
  return "(" + trait.expression + ")";
}

class Compiler {
 public:
  Compiler(const std::vector<CustomFieldDefinition>& definitions, const FieldHidden& hidden,
           const CustomerTraits* traits, const FewFragments& few_fragments,
           const FewLookupRows& few_lookup_rows, bool fragments_may_drive)
      : definitions_(definitions),
        hidden_(hidden),
        traits_(traits),
        few_fragments_(few_fragments),
        few_lookup_rows_(few_lookup_rows),
        fragments_may_drive_(fragments_may_drive) {}

  Result<std::string> Node(const json::value& node, const std::string& path, int depth) {
    if (depth > kMaxDepth) return Error::Invalid(path, "nests deeper than 8 levels");
    if (!node.is_object()) return Error::Invalid(path, "must be an object");
    const json::object& object = node.as_object();
    if (object.size() == 1 && (object.contains("and") || object.contains("or"))) {
      const bool is_and = object.contains("and");
      const std::string key = is_and ? "and" : "or";
      const json::value& children = object.at(key);
      if (!children.is_array() || children.as_array().empty()) {
        return Error::Invalid(path + "." + key, "must be a non-empty array");
      }
      std::string sql = "(";
      if (!is_and) ++disjunctions_;
      for (size_t i = 0; i < children.as_array().size(); ++i) {
        std::string child_path = path;
        child_path.append(".").append(key).append("[").append(std::to_string(i)).append("]");
        RAPPORT_ASSIGN_OR_RETURN(std::string child,
                                 Node(children.as_array()[i], child_path, depth + 1));
        if (i > 0) sql += is_and ? " AND " : " OR ";
        sql += child;
      }
      if (!is_and) --disjunctions_;
      return sql + ")";
    }
    if (object.size() == 1 && object.contains("not")) {
      ++negations_;
      auto child = Node(object.at("not"), path + ".not", depth + 1);
      --negations_;
      if (!child.ok()) return child;
      return "(NOT " + *child + ")";
    }
    return Condition(object, path);
  }

  std::vector<storage::Value> TakeParams() { return std::move(params_); }
  std::optional<std::string> TakeDriver() { return std::move(driver_); }

 private:
  Result<std::string> Condition(const json::object& object, const std::string& path) {
    if (++conditions_ > kMaxConditions) return Error::Invalid(path, "more than 200 conditions");
    for (const auto& [key, unused] : object) {
      if (key != "field" && key != "op" && key != "value") {
        return Error::Invalid(path + "." + std::string(key),
                              "is not part of a condition (field, op, value) or of and/or/not");
      }
    }
    const json::value* field = object.if_contains("field");
    const json::value* op = object.if_contains("op");
    if (field == nullptr || !field->is_string()) {
      return Error::Invalid(path + ".field", "is required and must be a string");
    }
    if (op == nullptr || !op->is_string()) {
      return Error::Invalid(path + ".op", "is required and must be a string");
    }
    const std::string name(field->as_string());
    const std::string op_name(op->as_string());
    static constexpr std::array<std::string_view, 10> kOps = {
        "eq", "neq", "lt", "lte", "gt", "gte", "in", "contains", "starts_with", "exists"};
    if (std::find(kOps.begin(), kOps.end(), op_name) == kOps.end()) {
      return Error::Invalid(path + ".op",
                            "must be one of eq, neq, lt, lte, gt, gte, in, contains, "
                            "starts_with, exists");
    }
    const json::value* value = object.if_contains("value");
    if (value == nullptr) return Error::Invalid(path + ".value", "is required");

    // Resolve the field to an expression (with its own parameters) and a value kind.
    std::vector<storage::Value> field_params;
    std::string expression;
    ValueKind kind = ValueKind::kText;
    std::string source;                   // non-empty for list fields
    const TraitLookup* lookup = nullptr;  // the trait's set form, when it has one
    // A field hidden from the caller fails exactly like one that does not exist.
    const bool hidden = hidden_ && hidden_(name);
    if (name.rfind("custom_fields.", 0) == 0) {
      const std::string key = name.substr(14);
      const CustomFieldDefinition* definition = FindCustomField(definitions_, key);
      if (definition == nullptr || hidden) {
        return Error::Invalid(path + ".field", "is not a defined custom field");
      }
      expression = std::string(kCustomFieldExpression);
      field_params.emplace_back("$.\"" + key + "\"");  // keys are snake_case: no quoting needed
      kind = definition->type == CustomFieldType::kNumber    ? ValueKind::kNumber
             : definition->type == CustomFieldType::kBoolean ? ValueKind::kBoolean
             : definition->type == CustomFieldType::kDate    ? ValueKind::kDate
                                                             : ValueKind::kText;
    } else if (name.rfind("consent.", 0) == 0) {
      const std::string rest = name.substr(8);
      const size_t dot = rest.find('.');
      const std::string channel = rest.substr(0, dot);
      const std::string purpose = dot == std::string::npos ? "" : rest.substr(dot + 1);
      const bool known_channel = std::find(std::begin(kConsentChannels), std::end(kConsentChannels),
                                           channel) != std::end(kConsentChannels);
      const bool known_purpose = std::find(std::begin(kConsentPurposes), std::end(kConsentPurposes),
                                           purpose) != std::end(kConsentPurposes);
      if (!known_channel || !known_purpose) {
        return Error::Invalid(path + ".field",
                              "consent fields are consent.<email|sms|phone>.<marketing|service>");
      }
      expression = std::string(kConsentExpression);
      field_params.emplace_back(channel);
      field_params.emplace_back(purpose);
    } else {
      const FieldSpec* spec = nullptr;
      for (const auto& candidate : kFields) {
        if (candidate.name == name) spec = &candidate;
      }
      const CustomerTrait* trait =
          spec == nullptr && traits_ != nullptr ? traits_->Find(name) : nullptr;
      if ((spec == nullptr && trait == nullptr) || hidden) {
        return Error::Invalid(path + ".field", "is not a filterable field");
      }
      if (spec != nullptr) {
        expression = std::string(spec->expression);
        kind = spec->kind;
        source = std::string(spec->source);
      } else {
        expression = TraitExpression(*trait);
        kind = TraitKind(trait->type);
        if (trait->lookup) lookup = &*trait->lookup;
      }
    }

    if (op_name == "exists") {
      if (!value->is_bool()) return Error::Invalid(path + ".value", "must be true or false");
      const bool want = value->as_bool();
      if (!source.empty()) {
        return std::string(want ? "(" : "(NOT ") + "EXISTS (SELECT 1 " + source + "))";
      }
      // Both forms are two-valued here; with a default the scalar form is never NULL.
      if (lookup != nullptr && want && !lookup->absent) {
        if (auto sql = LookupCondition(*lookup, "{x} IS NOT NULL", {})) return *sql;
      }
      Append(field_params);
      return "(" + expression + (want ? " IS NOT NULL)" : " IS NULL)");
    }

    std::vector<storage::Value> value_params;
    std::vector<storage::Value> compared;  // the values compared against, for a trait lookup
    std::string comparison;                // "{x}" stands for the field or element expression
    if (op_name == "in") {
      if (!value->is_array() || value->as_array().size() > kMaxInValues) {
        return Error::Invalid(path + ".value", "must be an array of at most 1000 values");
      }
      json::array converted;
      for (size_t i = 0; i < value->as_array().size(); ++i) {
        RAPPORT_ASSIGN_OR_RETURN(
            storage::Value v,
            Convert(name, kind, value->as_array()[i], path + ".value[" + std::to_string(i) + "]"));
        converted.push_back(ToJson(v));
        compared.push_back(std::move(v));
      }
      comparison = "{x} IN (SELECT value FROM json_each(?))";
      value_params.emplace_back(ToJsonString(converted));
    } else if (op_name == "contains" || op_name == "starts_with") {
      if (!value->is_string() || value->as_string().empty()) {
        return Error::Invalid(path + ".value", "must be a non-empty string");
      }
      if (value->as_string().size() > kMaxTextValueBytes) {
        return Error::Invalid(path + ".value",
                              "is longer than " + std::to_string(kMaxTextValueBytes) + " bytes");
      }
      if (kind != ValueKind::kText) {
        return Error::Invalid(path + ".op", "applies to text fields only");
      }
      std::string needle(value->as_string());
      if (op_name == "contains") {
        if (auto match = FragmentMatch(name, SearchFold(needle))) {
          // Decided by the filter's shape alone, never by how many match, so a page's cursor
          // stays valid for the next page however the data changes in between.
          if (fragments_may_drive_ && !driver_ && negations_ == 0 && disjunctions_ == 0) {
            driver_ = std::move(*match);
            return std::string("1");
          }
          const bool few = !few_fragments_ || few_fragments_(*match);
          params_.emplace_back(std::move(*match));
          return std::string(few ? kFewFragmentsCondition : kManyFragmentsCondition);
        }
      }
      if (name == "tags" && op_name == "contains") {
        comparison = "{x} = ?";  // "tags contains vip": the customer has the tag
      } else if (op_name == "contains") {
        // Text matches ignoring case and accents, like the full-text search (unicode.md).
        comparison = "instr(search_fold({x}), ?) > 0";
        needle = SearchFold(needle);
      } else {
        comparison = "substr(search_fold({x}), 1, length(?)) = ?";
        needle = SearchFold(needle);
        value_params.emplace_back(needle);
      }
      value_params.emplace_back(std::move(needle));
    } else if (IsNameField(name) && (op_name == "eq" || op_name == "neq") && value->is_string()) {
      // A name equals its spelling in any case, with or without accents ("muller" = "Müller").
      comparison = op_name == "eq" ? "search_fold({x}) = ?" : "search_fold({x}) IS NOT ?";
      value_params.emplace_back(SearchFold(value->as_string()));
    } else {
      RAPPORT_ASSIGN_OR_RETURN(storage::Value v, Convert(name, kind, *value, path + ".value"));
      static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kComparisons{
          {{"eq", "{x} = ?"},
           {"neq", "{x} IS NOT ?"},
           {"lt", "{x} < ?"},
           {"lte", "{x} <= ?"},
           {"gt", "{x} > ?"},
           {"gte", "{x} >= ?"}}};
      for (const auto& [candidate, sql] : kComparisons) {
        if (candidate == op_name) comparison = std::string(sql);
      }
      compared.push_back(v);
      value_params.push_back(std::move(v));
    }

    // Ordered and equality comparisons only: what an index on the column serves. `neq` keeps the
    // scalar form (it is true for customers without a row).
    static constexpr std::array<std::string_view, 6> kLookupOps = {"eq",  "in", "lt",
                                                                   "lte", "gt", "gte"};
    if (lookup != nullptr &&
        std::find(kLookupOps.begin(), kLookupOps.end(), op_name) != kLookupOps.end() &&
        LookupIsExact(*lookup, op_name, compared)) {
      if (auto sql = LookupCondition(*lookup, comparison, value_params)) return *sql;
    }

    if (!source.empty()) {
      // "neq" on a list means "no element equals", the useful reading for tags and emails.
      const bool negate = op_name == "neq";
      if (negate) comparison = "{x} = ?";
      std::string sql = std::string(negate ? "NOT " : "") + "EXISTS (SELECT 1 " + source + " AND " +
                        ReplaceAll(comparison, "{x}", expression) + ")";
      Append(value_params);
      return "(" + sql + ")";
    }
    Append(field_params);
    // The field expression comes first in every comparison, so its parameters bind first.
    std::string sql = ReplaceAll(comparison, "{x}", expression);
    Append(value_params);
    return "(" + sql + ")";
  }

  // Whether `c.id IN (<lookup rows where the comparison holds>)` is true exactly where the scalar
  // comparison is, in this place of the tree. For a customer with a row both compare the same
  // column. Without one (or with the column NULL) the lookup is false, while the scalar form
  // compares the absent value: NULL without a default, equal in effect to false unless a `not`
  // encloses it; with a default, it must be false for this comparison.
  bool LookupIsExact(const TraitLookup& lookup, const std::string& op,
                     const std::vector<storage::Value>& compared) const {
    if (!lookup.absent) return negations_ == 0;
    const double absent = static_cast<double>(*lookup.absent);
    bool any = false;
    for (const storage::Value& value : compared) {
      double number = 0;
      if (const auto* n = std::get_if<int64_t>(&value)) {
        number = static_cast<double>(*n);
      } else if (const auto* d = std::get_if<double>(&value)) {
        number = *d;
      } else {
        return false;  // not a number: keep the scalar form
      }
      const bool matches = op == "lt"    ? absent < number
                           : op == "lte" ? absent <= number
                           : op == "gt"  ? absent > number
                           : op == "gte" ? absent >= number
                                         : absent == number;  // eq, in
      any = any || matches;
    }
    return !any;
  }

  // The lookup form of `comparison` ("{x}" the column) when few rows match it, else nullopt.
  std::optional<std::string> LookupCondition(const TraitLookup& lookup,
                                             const std::string& comparison,
                                             const std::vector<storage::Value>& value_params) {
    if (lookup_probes_ >= kMaxLookupProbes) return std::nullopt;
    ++lookup_probes_;
    const std::string condition = ReplaceAll(comparison, "{x}", lookup.column);
    if (few_lookup_rows_ &&
        !few_lookup_rows_("SELECT 1 FROM " + lookup.from + " WHERE " + condition, value_params)) {
      return std::nullopt;
    }
    Append(value_params);
    return "(c.id IN (SELECT " + lookup.customer + " FROM " + lookup.from + " WHERE " + condition +
           "))";
  }

  // The fragment index's MATCH expression for "`name` contains `folded`", when it gives exactly
  // the rows the scan would: a name or email field, a value of at least three characters (the
  // trigram), no line break in an email value (the index's separator), and for the nullable names
  // no enclosing `not` (where the scan's NULL for a missing name and the index's false differ).
  std::optional<std::string> FragmentMatch(const std::string& name, const std::string& folded) {
    std::string column = name == "email" ? "emails" : name;
    const bool nullable = name == "first_name" || name == "last_name";
    if ((!IsNameField(name) && name != "email") || (nullable && negations_ > 0) ||
        CountCharacters(folded) < kMinFragmentCharacters ||
        (name == "email" && folded.find(kFragmentSeparator) != std::string::npos)) {
      return std::nullopt;
    }
    // A quoted FTS5 string is literal text but for the quote itself, written twice.
    return column + " : \"" + ReplaceAll(folded, "\"", "\"\"") + "\"";
  }

  // Converts a JSON value to the bound form for the field's kind.
  Result<storage::Value> Convert(const std::string& name, ValueKind kind, const json::value& value,
                                 const std::string& path) {
    switch (kind) {
      case ValueKind::kNumber:
        if (value.is_int64()) return storage::Value(value.as_int64());
        if (value.is_uint64()) return storage::Value(static_cast<double>(value.as_uint64()));
        if (value.is_double()) return storage::Value(value.as_double());
        return Error::Invalid(path, "must be a number");
      case ValueKind::kBoolean:
        if (!value.is_bool()) return Error::Invalid(path, "must be true or false");
        return storage::Value(int64_t{value.as_bool() ? 1 : 0});
      case ValueKind::kDate:
        if (!value.is_string() || !IsValidDate(value.as_string())) {
          return Error::Invalid(path, "must be a date (YYYY-MM-DD)");
        }
        return storage::Value(std::string(value.as_string()));
      case ValueKind::kInstant: {
        if (!value.is_string()) return Error::Invalid(path, "must be an RFC 3339 time");
        auto instant = NormalizeInstant(value.as_string());
        if (!instant) return Error::Invalid(path, "must be an RFC 3339 time");
        return storage::Value(*instant);
      }
      case ValueKind::kText:
        if (!value.is_string()) return Error::Invalid(path, "must be a string");
        if (value.as_string().size() > kMaxTextValueBytes) {
          return Error::Invalid(path,
                                "is longer than " + std::to_string(kMaxTextValueBytes) + " bytes");
        }
        if (name == "email") {
          // The same key the address was stored under, whichever spelling the filter uses.
          const std::string_view address = value.as_string();
          return storage::Value(EmailKey(NormalizeEmail(address).value_or(std::string(address))));
        }
        if (name == "phone") {
          auto phone = NormalizePhone(value.as_string());
          return storage::Value(phone.e164.value_or(std::string(value.as_string())));
        }
        return storage::Value(std::string(value.as_string()));
    }
    return Error::Internal("unknown value kind");
  }

  static json::value ToJson(const storage::Value& value) {
    if (const auto* s = std::get_if<std::string>(&value)) return json::value(*s);
    if (const auto* n = std::get_if<int64_t>(&value)) return json::value(*n);
    if (const auto* d = std::get_if<double>(&value)) return json::value(*d);
    return nullptr;
  }

  static std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
    for (size_t pos = text.find(from); pos != std::string::npos;
         pos = text.find(from, pos + to.size())) {
      text.replace(pos, from.size(), to);
    }
    return text;
  }

  void Append(const std::vector<storage::Value>& values) {
    params_.insert(params_.end(), values.begin(), values.end());
  }

  const std::vector<CustomFieldDefinition>& definitions_;
  const FieldHidden& hidden_;
  const CustomerTraits* traits_;
  const FewFragments& few_fragments_;
  const FewLookupRows& few_lookup_rows_;
  const bool fragments_may_drive_;
  std::vector<storage::Value> params_;
  std::optional<std::string> driver_;
  int conditions_ = 0;
  int negations_ = 0;     // `not` nodes enclosing the condition being compiled
  int disjunctions_ = 0;  // `or` nodes enclosing it
  int lookup_probes_ = 0;
};

}  // namespace

Result<CompiledFilter> CompileCustomerFilter(const json::value& filter,
                                             const std::vector<CustomFieldDefinition>& definitions,
                                             const FieldHidden& hidden, const std::string& path,
                                             const CustomerTraits* traits,
                                             const FewFragments& few_fragments,
                                             const FewLookupRows& few_lookup_rows,
                                             bool fragments_may_drive) {
  if (filter.is_null() || (filter.is_object() && filter.as_object().empty())) {
    return CompiledFilter{"1", {}, std::nullopt};
  }
  Compiler compiler(definitions, hidden, traits, few_fragments, few_lookup_rows,
                    fragments_may_drive);
  RAPPORT_ASSIGN_OR_RETURN(std::string sql, compiler.Node(filter, path, 1));
  return CompiledFilter{std::move(sql), compiler.TakeParams(), compiler.TakeDriver()};
}

}  // namespace rapport::customers
