#include "support/customer_conditions.hpp"

#include <algorithm>
#include <atomic>

#include "common/money.hpp"
#include "common/unicode_text.hpp"

namespace rapport::support {
namespace {

using storage::Rows;

// Tags, ids and language codes are short; a longer condition is a mistake.
constexpr size_t kMaxConditionLength = 100;

constexpr std::string_view kCustomerFacts =
    "SELECT tags, company_id, language FROM customers WHERE id = ?";

// Set once by the composition root before any request; atomic so tests that set it race-free.
std::atomic<const customers::CustomerTraits*> g_traits{nullptr};

bool IsValueCondition(std::string_view key) {
  return key == "customer_min_value" || key == "customer_max_value";
}

std::optional<int64_t> Cents(const json::object& conditions, std::string_view key) {
  auto found = conditions.find(key);
  if (found == conditions.end() || !found->value().is_string()) return std::nullopt;
  return ParseCents(found->value().as_string());
}

}  // namespace

void UseCustomerTraits(const customers::CustomerTraits& traits) { g_traits.store(&traits); }

Result<CustomerFacts> LoadCustomerFacts(storage::Tx& tx, const std::string& customer_id) {
  CustomerFacts facts;
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kCustomerFacts, {customer_id}));
  if (rows.empty()) return facts;
  auto tags = ParseJson(rows.front().Text(0));
  if (tags.ok() && tags->is_array()) {
    for (const auto& tag : tags->as_array()) {
      if (tag.is_string()) facts.tags.push_back(FoldCase(tag.as_string()));
    }
  }
  facts.company_id = rows.front().OptText(1).value_or("");
  facts.language = rows.front().OptText(2).value_or("");
  const customers::CustomerTraits* traits = g_traits.load();
  const customers::CustomerTrait* value =
      traits != nullptr ? traits->Find(kCustomerValueTrait) : nullptr;
  if (value == nullptr || value->type != customers::TraitType::kMoney) return facts;
  // The trait's SQL over the customer row `c` (customer_traits.hpp): a registered constant, never
  // input; the id is bound. Money traits give minor units.
  RAPPORT_ASSIGN_OR_RETURN(
      Rows figure, tx.Query("SELECT (" + value->expression + ") FROM customers c WHERE c.id = ?",
                            {customer_id}));
  if (!figure.empty() && !figure.front().IsNull(0)) facts.value_cents = figure.front().Int(0);
  return facts;
}

bool IsCustomerCondition(std::string_view key) {
  return key == "customer_tag" || key == "company_id" || key == "language" || IsValueCondition(key);
}

void ReadCustomerCondition(std::string_view key, const json::value& condition,
                           const std::string& field, json::object& out,
                           std::vector<FieldError>& errors) {
  if (IsValueCondition(key)) {
    // A string only: a JSON number would pass through binary floating point on its way here.
    const std::optional<int64_t> cents =
        condition.is_string() ? ParseCents(condition.as_string()) : std::nullopt;
    if (!cents || *cents > kMaxCents) {
      errors.push_back({field,
                        "must be an amount as a string with at most two decimals, e.g. "
                        "\"1000.00\""});
      return;
    }
    out[key] = FormatCents(*cents);
    return;
  }
  if (!condition.is_string() || condition.as_string().empty() ||
      condition.as_string().size() > kMaxConditionLength) {
    errors.push_back({field, "must be a non-empty string"});
    return;
  }
  out[key] = condition;
}

void CheckValueRange(const json::object& conditions, const std::string& prefix,
                     std::vector<FieldError>& errors) {
  const auto min = Cents(conditions, "customer_min_value");
  const auto max = Cents(conditions, "customer_max_value");
  if (min && max && *min > *max) {
    errors.push_back({prefix + "customer_max_value", "must not be below customer_min_value"});
  }
}

bool CustomerConditionHolds(std::string_view key, const json::value& condition,
                            const CustomerFacts& facts) {
  if (!condition.is_string()) return false;
  const std::string_view text = condition.as_string();
  if (key == "customer_tag") {
    return std::find(facts.tags.begin(), facts.tags.end(), FoldCase(text)) != facts.tags.end();
  }
  if (key == "company_id") return facts.company_id == text;
  if (key == "language") return FoldCase(facts.language) == FoldCase(text);
  const std::optional<int64_t> bound = ParseCents(text);
  if (!facts.value_cents || !bound) return false;
  if (key == "customer_min_value") return *facts.value_cents >= *bound;
  if (key == "customer_max_value") return *facts.value_cents <= *bound;
  return false;
}

}  // namespace rapport::support
