// Bounded generative test of the filter language (filter.cpp, docs/design/filters.md): generated
// valid trees, broken ones and mutated JSON text either compile to SQL whose every value is a
// bound parameter, within the named limits, or fail as kInvalidArgument naming the node at
// fault; and what compiles runs on a real SQLite database holding customers with every kind of
// custom field, without a query error. tests/testing/fuzz.hpp says how to run it longer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "customers/custom_fields.hpp"
#include "customers/customer_service.hpp"
#include "customers/filter.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/customer_traits.hpp"
#include "testing/fuzz.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::customers {
namespace {

using testing::FuzzRun;

// Mirror filter.cpp's limits: a tree deeper or wider than these never compiles.
constexpr int kMaxDepth = 8;
constexpr int kMaxConditions = 200;
constexpr size_t kMaxInValues = 1000;
constexpr size_t kMaxTextValueBytes = 1000;  // filter.cpp: longest text value in a condition
// Text values carry this marker, so SQL text that holds it was built from input.
constexpr std::string_view kMarker = "ZQX";

enum class Kind { kText, kDate, kInstant, kNumber, kBoolean };

struct Field {
  std::string_view name;
  Kind kind;
};

// filter.cpp's field table, the custom fields the fixture defines, and the consent fields.
constexpr Field kFields[] = {
    {"id", Kind::kText},
    {"first_name", Kind::kText},
    {"last_name", Kind::kText},
    {"display_name", Kind::kText},
    {"birthday", Kind::kDate},
    {"language", Kind::kText},
    {"time_zone", Kind::kText},
    {"company_id", Kind::kText},
    {"owner_id", Kind::kText},
    {"lifecycle_stage", Kind::kText},
    {"relationship_type", Kind::kText},
    {"preferred_channel", Kind::kText},
    {"external_id", Kind::kText},
    {"created_at", Kind::kInstant},
    {"updated_at", Kind::kInstant},
    {"interaction_count", Kind::kNumber},
    {"last_contact_at", Kind::kInstant},
    {"email", Kind::kText},
    {"phone", Kind::kText},
    {"tags", Kind::kText},
    {"order_count", Kind::kNumber},
    {"total_spent", Kind::kNumber},
    {"last_purchase_at", Kind::kInstant},
    {"favourite_category", Kind::kText},
    {"custom_fields.score", Kind::kNumber},
    {"custom_fields.note", Kind::kText},
    {"custom_fields.since", Kind::kDate},
    {"custom_fields.vip", Kind::kBoolean},
    {"custom_fields.tier", Kind::kText},
    {"consent.email.marketing", Kind::kText},
    {"consent.sms.service", Kind::kText},
    {"consent.phone.marketing", Kind::kText},
};
constexpr std::string_view kOps[] = {"eq",  "neq", "lt",       "lte",         "gt",
                                     "gte", "in",  "contains", "starts_with", "exists"};
constexpr std::string_view kBadFields[] = {
    "nope",           "custom_fields.missing", "consent.fax.marketing",
    "custom_fields.", "consent.email",         "",
    "c.id; DROP"};
// Finite numbers at the edges of what a double and an int64 hold.
constexpr double kNumbers[] = {0, -0.0, 1, -1, 0.5, 42, 1e308, -1e308, 4.9e-324, 9.2e18, -9.2e18};
// What a number custom field may hold (finite, within ±1e15): the seeded rows.
constexpr double kStoredNumbers[] = {0, -0.0, 1, -1, 0.5, 42, 1e15, -1e15, 4.9e-324, 123456.789};
constexpr std::string_view kTokens[] = {"{",
                                        "}",
                                        "[",
                                        "]",
                                        ",",
                                        ":",
                                        "\"",
                                        "null",
                                        "true",
                                        "1e400",
                                        "-1e400",
                                        "1e309",
                                        "NaN",
                                        "\"and\":",
                                        "\"or\":[",
                                        "\"not\":",
                                        "\"in\"",
                                        "\"exists\"",
                                        "\"custom_fields.score\"",
                                        "\\u0000"};

const std::vector<CustomFieldDefinition>& Definitions() {
  static const std::vector<CustomFieldDefinition> definitions = {
      {"customer", "score", "Score", CustomFieldType::kNumber, {}, false, false, ""},
      {"customer", "note", "Note", CustomFieldType::kText, {}, false, false, ""},
      {"customer", "since", "Since", CustomFieldType::kDate, {}, false, false, ""},
      {"customer", "vip", "VIP", CustomFieldType::kBoolean, {}, false, false, ""},
      {"customer", "tier", "Tier", CustomFieldType::kSelect, {"gold", "silver"}, false, false, ""},
  };
  return definitions;
}

// What the generator built, so the test knows which answers are allowed.
struct Shape {
  int depth = 0;  // as the compiler counts: the root is 1
  int conditions = 0;
  size_t widest_in = 0;
  size_t longest_text = 0;  // longest string value compared with a text field
  bool broken = false;      // some node breaks a rule other than the limits
};

class Generator {
 public:
  explicit Generator(FuzzRun& run) : run_(run) {}

  json::value Tree(Shape& shape, double broken_rate) {
    broken_rate_ = broken_rate;
    // Sometimes one long chain of `not` (depth) or one wide `and` (conditions).
    if (run_.Chance(0.05)) {
      const int levels = static_cast<int>(run_.Between(1, 2 * kMaxDepth));
      json::value node = Condition(shape);
      for (int i = 0; i < levels; ++i) node = json::object{{"not", std::move(node)}};
      shape.depth = std::max(shape.depth, levels + 1);
      return node;
    }
    if (run_.Chance(0.05)) {
      json::array children;
      for (int i = 0, n = static_cast<int>(run_.Between(150, 260)); i < n; ++i) {
        children.push_back(Condition(shape));
      }
      shape.depth = std::max(shape.depth, 2);
      return json::object{{"and", std::move(children)}};
    }
    return Node(shape, 1);
  }

 private:
  json::value Node(Shape& shape, int depth) {
    shape.depth = std::max(shape.depth, depth);
    // Past a few hundred conditions the tree stops growing (they are over the limit already).
    if (depth >= 10 || shape.conditions > 2 * kMaxConditions || run_.Chance(0.45)) {
      return Condition(shape);
    }
    if (Broken()) {
      return run_.Pick<json::value>({json::object{{"and", json::array{}}}, json::array{1},
                                     json::object{{"or", "x"}}, json::value("and")});
    }
    if (run_.Chance(0.25)) return json::object{{"not", Node(shape, depth + 1)}};
    json::array children;
    for (size_t i = 0, n = 1 + run_.Below(4); i < n; ++i) {
      children.push_back(Node(shape, depth + 1));
    }
    return json::object{{run_.Chance(0.5) ? "and" : "or", std::move(children)}};
  }

  json::object Condition(Shape& shape) {
    ++shape.conditions;
    const Field& field = run_.Pick(kFields);
    std::string op(run_.Pick(kOps));
    json::object condition{{"field", field.name}, {"op", op}};
    if (op == "exists") {
      condition["value"] = run_.Chance(0.5);
    } else if (op == "in") {
      json::array values;
      const size_t n = run_.Chance(0.03) ? run_.Between(900, 1100) : run_.Below(6);
      shape.widest_in = std::max(shape.widest_in, n);
      for (size_t i = 0; i < n; ++i) values.push_back(ValueOf(field.kind));
      condition["value"] = std::move(values);
    } else if (op == "contains" || op == "starts_with") {
      if (field.kind != Kind::kText) shape.broken = true;
      condition["value"] = Text(1);
    } else {
      condition["value"] = ValueOf(field.kind);
    }
    if (field.kind == Kind::kText) {
      const json::value& value = condition["value"];
      auto note = [&](const json::value& v) {
        if (v.is_string()) shape.longest_text = std::max(shape.longest_text, v.as_string().size());
      };
      note(value);
      if (value.is_array()) {
        for (const auto& v : value.as_array()) note(v);
      }
    }
    if (Broken()) {
      switch (run_.Below(6)) {
        case 0:
          condition["field"] = run_.Pick(kBadFields);
          break;
        case 1:
          condition["op"] = run_.Pick({"like", "EQ", "", "=", "between"});
          break;
        case 2:
          condition.erase("value");
          break;
        case 3:
          condition["extra"] = 1;
          break;
        case 4:
          condition["value"] = run_.Pick<json::value>({nullptr, json::object{}, "not-a-date", 3});
          break;
        default:
          condition.erase(run_.Chance(0.5) ? "field" : "op");
      }
    }
    return condition;
  }

  json::value ValueOf(Kind kind) {
    switch (kind) {
      case Kind::kNumber:
        if (run_.Chance(0.5)) return run_.Between(-1000000, 1000000);
        return run_.Pick(kNumbers);
      case Kind::kBoolean:
        return run_.Chance(0.5);
      case Kind::kDate:
        return run_.Pick({"1990-02-28", "2000-02-29", "1815-12-10", "2026-12-31"});
      case Kind::kInstant:
        return run_.Pick(
            {"2026-01-02T03:04:05Z", "2026-01-02T03:04:05.123+02:00", "1970-01-01T00:00:00Z"});
      case Kind::kText:
        return Text(0);
    }
    return nullptr;
  }

  // Text with the marker, quotes, SQL and JSON-path syntax, non-ASCII and now and then length.
  json::value Text(size_t min_length) {
    std::string text(kMarker);
    const size_t length = run_.Chance(0.02) ? run_.Below(100000) : run_.Below(12);
    for (size_t i = 0; i < std::max(length, min_length); ++i) {
      text += run_.Chance(0.3) ? std::string(run_.Pick({"'", "\"", "%", "_", "?", "$.", ";", "é",
                                                        "😀", "\\", " OR 1=1 --"}))
                               : std::string(1, static_cast<char>(run_.Between('a', 'z')));
    }
    return json::value(std::move(text));
  }

  bool Broken() {
    const bool broken = run_.Chance(broken_rate_);
    broken_ = broken_ || broken;
    return broken;
  }

 public:
  bool broken() const { return broken_; }

 private:
  FuzzRun& run_;
  double broken_rate_ = 0;
  bool broken_ = false;
};

size_t Placeholders(std::string_view sql) { return std::count(sql.begin(), sql.end(), '?'); }

// The compiler's contract for one tree; `shape` is null for mutated text, whose shape is unknown.
void CheckCompiled(const FuzzRun& run, const json::value& filter, const Shape* shape, bool broken) {
  auto compiled =
      CompileCustomerFilter(filter, Definitions(), {}, "filter", &testing::ShippedCustomerTraits());
  const std::string text = ToJsonString(filter);
  if (!compiled.ok()) {
    EXPECT_EQ(compiled.error().code, ErrorCode::kInvalidArgument) << run.Reproduce(text);
    ASSERT_FALSE(compiled.error().field_errors.empty()) << run.Reproduce(text);
    EXPECT_TRUE(compiled.error().field_errors[0].field.starts_with("filter"))
        << compiled.error().field_errors[0].field << "\n"
        << run.Reproduce(text);
    if (shape != nullptr) {
      EXPECT_FALSE(!broken && !shape->broken && shape->depth <= kMaxDepth &&
                   shape->conditions <= kMaxConditions && shape->widest_in <= kMaxInValues &&
                   shape->longest_text <= kMaxTextValueBytes)
          << "a valid filter was refused: " << compiled.error().field_errors[0].field << " "
          << compiled.error().message << "\n"
          << run.Reproduce(text);
    }
    return;
  }
  if (shape != nullptr) {
    EXPECT_LE(shape->depth, kMaxDepth) << run.Reproduce(text);
    EXPECT_LE(shape->conditions, kMaxConditions) << run.Reproduce(text);
    EXPECT_LE(shape->widest_in, kMaxInValues) << run.Reproduce(text);
  }
  EXPECT_EQ(Placeholders(compiled->sql), compiled->params.size()) << run.Reproduce(text);
  EXPECT_EQ(compiled->sql.find(kMarker), std::string::npos)
      << "a value reached the SQL text: " << compiled->sql << "\n"
      << run.Reproduce(text);
  for (const auto& param : compiled->params) {
    if (const double* number = std::get_if<double>(&param)) {
      EXPECT_TRUE(std::isfinite(*number)) << run.Reproduce(text);
    }
  }
}

TEST(FilterFuzzTest, GeneratedTreesCompileWithinLimitsOrNameTheNode) {
  FuzzRun run(2000, 3.0);
  while (run.Next()) {
    Generator generator(run);
    Shape shape;
    const json::value filter = generator.Tree(shape, run.Chance(0.5) ? 0.0 : 0.05);
    CheckCompiled(run, filter, &shape, generator.broken());
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(FilterFuzzTest, MutatedFilterTextNeverCrashesTheReaderOrCompiler) {
  FuzzRun run(2000, 3.0);
  while (run.Next()) {
    Generator generator(run);
    Shape shape;
    const std::string text = run.Mutate(ToJsonString(generator.Tree(shape, 0.0)), kTokens);
    auto parsed = ParseJson(text);
    if (!parsed.ok()) continue;
    CheckCompiled(run, *parsed, nullptr, true);
    if (::testing::Test::HasFailure()) break;
  }
}

// Compiled filters run against customers that hold every kind of custom field value.
class FilterFuzzDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    service_ = std::make_unique<CustomerService>(*db_, testing::ShippedCustomerTraits());
    for (const auto* definition :
         {R"({"object_type":"customer","key":"score","label":"Score","type":"number"})",
          R"({"object_type":"customer","key":"note","label":"Note","type":"text"})",
          R"({"object_type":"customer","key":"since","label":"Since","type":"date"})",
          R"({"object_type":"customer","key":"vip","label":"VIP","type":"boolean"})",
          R"({"object_type":"customer","key":"tier","label":"Tier","type":"select",
                 "options":["gold","silver"]})"}) {
      auto defined = DefineCustomField(*db_, context_, ParseJsonObject(definition).value());
      ASSERT_TRUE(defined.ok()) << defined.error().message;
    }
    for (int i = 0; i < 24; ++i) {
      json::object custom{{"note", "note " + std::to_string(i) + " é '\""},
                          {"since", i % 2 ? "2001-01-01" : "1999-12-31"},
                          {"vip", i % 3 == 0},
                          {"tier", i % 2 ? "gold" : "silver"}};
      custom["score"] = kStoredNumbers[i % std::size(kStoredNumbers)];
      if (i % 5 == 4) custom.erase("score");  // rows without the field too
      json::object input{
          {"first_name", "F" + std::to_string(i)},
          {"last_name", "O'Neil"},
          {"birthday", "1990-02-28"},
          {"tags", json::array{"vip", "t" + std::to_string(i % 4)}},
          {"emails", json::array{json::object{{"address", "c" + std::to_string(i) + "@ex.com"}}}},
          {"phones", json::array{json::object{{"number", "+4915123456" + std::to_string(10 + i)}}}},
          {"custom_fields", std::move(custom)}};
      auto created = service_->Create(access::Access::Unrestricted(), context_, input);
      ASSERT_TRUE(created.ok()) << created.error().message;
    }
  }

  // A filter either lists or is refused as invalid input: never a query error.
  void CheckRuns(const FuzzRun& run, const json::value& filter) {
    const bool compiles = CompileCustomerFilter(filter, Definitions(), {}, "filter",
                                                &testing::ShippedCustomerTraits())
                              .ok();
    auto page = service_->List(access::Access::Unrestricted(), {.filter = filter, .limit = 50});
    const std::string text = ToJsonString(filter);
    if (page.ok()) {
      EXPECT_TRUE(compiles) << run.Reproduce(text);
      return;
    }
    EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument)
        << ErrorCodeName(page.error().code) << ": " << page.error().message << "\n"
        << run.Reproduce(text);
    EXPECT_FALSE(compiles) << "compiled, then failed in SQLite: " << page.error().message << "\n"
                           << run.Reproduce(text);
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<CustomerService> service_;
  storage::WriteContext context_{.actor = "test"};
};

TEST_F(FilterFuzzDbTest, GeneratedAndMutatedFiltersRunWithoutQueryErrors) {
  FuzzRun run(400, 3.0);
  while (run.Next()) {
    Generator generator(run);
    Shape shape;
    json::value filter = generator.Tree(shape, run.Chance(0.7) ? 0.0 : 0.05);
    if (run.Chance(0.3)) {
      auto parsed = ParseJson(run.Mutate(ToJsonString(filter), kTokens));
      if (!parsed.ok()) continue;
      filter = std::move(*parsed);
    }
    CheckRuns(run, filter);
    if (::testing::Test::HasFailure()) break;
  }
}

// Item 2 of the hardening issue through the service: a number custom field given a literal a
// double cannot hold is refused (by the body reader or naming the field), never stored; and every
// filter over the field still runs.
TEST_F(FilterFuzzDbTest, NumberCustomFieldsNeverStoreNonFiniteValues) {
  constexpr std::string_view kLiterals[] = {"1e400", "-1e400", "1e309", "-1e309",  "1.8e308",
                                            "1E999", "1e308",  "-0",    "4.9e-324"};
  FuzzRun run(60, 3.0);
  while (run.Next()) {
    const std::string body =
        R"({"first_name":"N","custom_fields":{"score":)" + std::string(run.Pick(kLiterals)) + "}}";
    auto input = ParseJsonObject(body);
    if (input.ok()) {
      auto created = service_->Create(access::Access::Unrestricted(), context_, *input);
      if (created.ok()) {
        const json::value& score = created->at("custom_fields").at("score");
        EXPECT_TRUE(score.is_int64() || score.is_uint64() ||
                    (score.is_double() && std::isfinite(score.as_double())))
            << "stored " << ToJsonString(score) << "\n"
            << run.Reproduce(body);
      } else {
        ASSERT_FALSE(created.error().field_errors.empty()) << run.Reproduce(body);
        EXPECT_EQ(created.error().field_errors[0].field, "custom_fields.score")
            << run.Reproduce(body);
      }
    }
    for (const char* filter : {R"({"field":"custom_fields.score","op":"gt","value":0})",
                               R"({"field":"custom_fields.score","op":"in","value":[1,2]})",
                               R"({"field":"custom_fields.score","op":"exists","value":true})"}) {
      auto page = service_->List(access::Access::Unrestricted(),
                                 {.filter = ParseJson(filter).value(), .limit = 50});
      EXPECT_TRUE(page.ok()) << filter << ": " << page.error().message << "\n"
                             << run.Reproduce(body);
    }
    if (::testing::Test::HasFailure()) break;
  }
}

}  // namespace
}  // namespace rapport::customers
