// The health traits' lookup form (customer_traits.hpp TraitLookup, filter.cpp): a filter compiled
// with it selects exactly the customers the scalar form selects, for generated filter trees over
// generated health rows, including customers without a customer_health row and rows whose
// nps_last is NULL; and where the compiler chooses which form. Real SQLite in a temp dir.
#include <gtest/gtest.h>

#include <set>

#include "analytics/health_tracker.hpp"
#include "customers/customer_service.hpp"
#include "customers/filter.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/fuzz.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::analytics {
namespace {

using customers::CompileCustomerFilter;
using customers::CustomerTraits;
using testing::FuzzRun;

constexpr int kCustomers = 40;
constexpr std::string_view kLookupMarker = "c.id IN (SELECT h.customer_id";
constexpr std::string_view kInsertHealth =
    "INSERT INTO customer_health (customer_id, score, risk, nps_last, bad_open, reasons, inputs, "
    "updated_at) VALUES (?, ?, ?, ?, ?, '[]', '{}', '2026-12-07T00:00:00Z')";

// The shipped health traits, and the same without their lookups: the scalar form alone.
const CustomerTraits& WithLookups() {
  static const CustomerTraits traits = [] {
    CustomerTraits built;
    EXPECT_TRUE(RegisterHealthTraits(built).ok());
    return built;
  }();
  return traits;
}
const CustomerTraits& ScalarOnly() {
  static const CustomerTraits traits = [] {
    CustomerTraits built;
    for (customers::CustomerTrait trait : WithLookups().all()) {
      trait.lookup.reset();
      EXPECT_TRUE(built.Register(std::move(trait)).ok());
    }
    return built;
  }();
  return traits;
}

json::value Filter(std::string_view text) { return ParseJson(text).value(); }

class HealthTraitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("h.db")})).value();
    customers::CustomerService service(*db_);
    for (int i = 0; i < kCustomers; ++i) {
      auto created = service.Create(
          access::Access::Unrestricted(), context_,
          ParseJsonObject(R"({"first_name":"C)" + std::to_string(i) + R"("})").value());
      ASSERT_TRUE(created.ok()) << created.error().message;
      ids_.emplace_back(created->at("id").as_string());
    }
  }

  // Replaces every health row: each customer has one with `chance`, with random values.
  void RandomHealth(FuzzRun& run, double chance) {
    static constexpr std::string_view kRisks[] = {"low", "medium", "high"};
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(tx.Exec("DELETE FROM customer_health"));
                     for (const std::string& id : ids_) {
                       if (!run.Chance(chance)) continue;
                       RAPPORT_RETURN_IF_ERROR(tx.Exec(
                           kInsertHealth, {id, run.Between(0, 100), std::string(run.Pick(kRisks)),
                                           run.Chance(0.3) ? storage::Value(storage::Null())
                                                           : storage::Value(run.Between(0, 10)),
                                           run.Between(0, 3)}));
                     }
                     return OkStatus();
                   })
                    .ok());
  }

  // The ids `filter` selects, compiled against `traits`; `sql` receives the compiled text.
  std::set<std::string> Select(const json::value& filter, const CustomerTraits& traits,
                               std::string* sql = nullptr,
                               const customers::FewLookupRows& few = {}) {
    std::set<std::string> ids;
    auto compiled = CompileCustomerFilter(filter, {}, {}, "filter", &traits, {}, few);
    EXPECT_TRUE(compiled.ok()) << compiled.error().message;
    if (!compiled.ok()) return ids;
    if (sql != nullptr) *sql = compiled->sql;
    EXPECT_TRUE(
        db_->Read([&](storage::Tx& tx) -> Status {
             RAPPORT_ASSIGN_OR_RETURN(
                 storage::Rows rows,
                 tx.Query("SELECT c.id FROM customers c WHERE " + compiled->sql, compiled->params));
             for (const auto& row : rows) ids.insert(row.Text(0));
             return OkStatus();
           })
            .ok());
    return ids;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Database> db_;
  storage::WriteContext context_{.actor = "test"};
  std::vector<std::string> ids_;
};

// A value a condition on `field` compares against: in range, at the edges and just outside.
json::value RandomValue(FuzzRun& run, std::string_view field) {
  if (field == "churn_risk") {
    static constexpr std::string_view kRisks[] = {"low", "medium", "high", "none"};
    return json::value(run.Pick(kRisks));
  }
  if (run.Chance(0.1)) return json::value(static_cast<double>(run.Between(-2, 20)) + 0.5);
  if (field == "health_score") return json::value(run.Between(-1, 101));
  if (field == "nps_last") return json::value(run.Between(-1, 11));
  return json::value(run.Between(-1, 4));  // bad_experiences_open
}

json::value RandomTree(FuzzRun& run, int depth) {
  if (depth < 3 && run.Chance(0.4)) {
    const size_t pick = run.Below(3);
    if (pick == 0) return json::object{{"not", RandomTree(run, depth + 1)}};
    json::array children;
    for (size_t i = 0, n = 1 + run.Below(3); i < n; ++i) {
      children.push_back(RandomTree(run, depth + 1));
    }
    return json::object{{pick == 1 ? "and" : "or", std::move(children)}};
  }
  static constexpr std::string_view kFields[] = {"health_score", "churn_risk", "nps_last",
                                                 "bad_experiences_open"};
  static constexpr std::string_view kOps[] = {"eq", "neq", "lt", "lte",
                                              "gt", "gte", "in", "exists"};
  const std::string_view field = run.Pick(kFields);
  const std::string_view op = run.Pick(kOps);
  json::value value;
  if (op == "exists") {
    value = run.Chance(0.5);
  } else if (op == "in") {
    json::array values;
    for (size_t i = 0, n = run.Below(4); i < n; ++i) values.push_back(RandomValue(run, field));
    value = std::move(values);
  } else {
    value = RandomValue(run, field);
  }
  return json::object{{"field", field}, {"op", op}, {"value", std::move(value)}};
}

TEST_F(HealthTraitsTest, FuzzLookupAndScalarFormsSelectTheSameCustomers) {
  FuzzRun run(300, 4.0);
  int lookups = 0;
  while (run.Next()) {
    if (run.cases_run() % 10 == 1) RandomHealth(run, run.Chance(0.2) ? 0.0 : 0.7);
    const json::value filter = RandomTree(run, 1);
    std::string sql;
    const auto with_lookups = Select(filter, WithLookups(), &sql);
    const auto scalar = Select(filter, ScalarOnly());
    ASSERT_EQ(with_lookups, scalar) << run.Reproduce(ToJsonString(filter)) << "\n" << sql;
    if (sql.find(kLookupMarker) != std::string::npos) ++lookups;
  }
  // The comparison means something only if the lookup form was compiled often.
  EXPECT_GT(lookups, run.cases_run() / 10);
}

TEST_F(HealthTraitsTest, EqualityAndRangesUseTheLookupWhereItIsExact) {
  auto uses_lookup = [&](std::string_view filter) {
    std::string sql;
    Select(Filter(filter), WithLookups(), &sql);
    return sql.find(kLookupMarker) != std::string::npos;
  };
  EXPECT_TRUE(uses_lookup(R"({"field":"churn_risk","op":"eq","value":"high"})"));
  EXPECT_TRUE(uses_lookup(R"({"field":"churn_risk","op":"in","value":["high","medium"]})"));
  EXPECT_TRUE(uses_lookup(R"({"field":"health_score","op":"lt","value":30})"));
  EXPECT_TRUE(uses_lookup(R"({"field":"nps_last","op":"exists","value":true})"));
  EXPECT_TRUE(uses_lookup(R"({"field":"bad_experiences_open","op":"gt","value":0})"));
  // Under `not`, the scalar form's NULL for a customer without a row is not the lookup's false.
  EXPECT_FALSE(uses_lookup(R"({"not":{"field":"churn_risk","op":"eq","value":"high"}})"));
  // `neq` and `exists false` are true for a customer without a row.
  EXPECT_FALSE(uses_lookup(R"({"field":"churn_risk","op":"neq","value":"high"})"));
  EXPECT_FALSE(uses_lookup(R"({"field":"nps_last","op":"exists","value":false})"));
  // bad_experiences_open is 0 without a row: a comparison 0 satisfies needs the scalar form...
  EXPECT_FALSE(uses_lookup(R"({"field":"bad_experiences_open","op":"eq","value":0})"));
  EXPECT_FALSE(uses_lookup(R"({"field":"bad_experiences_open","op":"lt","value":2})"));
  // ...one it does not is exact even under `not`, both forms being two-valued there.
  EXPECT_TRUE(uses_lookup(R"({"not":{"field":"bad_experiences_open","op":"gte","value":1}})"));
}

TEST_F(HealthTraitsTest, ManyMatchesKeepTheScalarFormAndProbesAreBounded) {
  int probes = 0;
  const customers::FewLookupRows many = [&](const std::string& select, const auto& params) {
    ++probes;
    EXPECT_EQ(select.rfind("SELECT 1 FROM customer_health h WHERE ", 0), 0u) << select;
    EXPECT_EQ(params.size(), 1u);
    return false;
  };
  std::string sql;
  Select(Filter(R"({"field":"churn_risk","op":"eq","value":"low"})"), WithLookups(), &sql, many);
  EXPECT_EQ(sql.find(kLookupMarker), std::string::npos) << sql;
  EXPECT_EQ(probes, 1);

  probes = 0;
  json::array wide;
  for (int i = 0; i < 20; ++i) {
    wide.push_back(json::object{{"field", "health_score"}, {"op", "eq"}, {"value", i}});
  }
  const customers::FewLookupRows few = [&](const std::string&, const auto&) {
    ++probes;
    return true;
  };
  Select(json::object{{"or", wide}}, WithLookups(), &sql, few);
  EXPECT_EQ(probes, 4);  // filter.cpp kMaxLookupProbes; the rest take the scalar form
}

TEST_F(HealthTraitsTest, ALookupOnAMoneyTraitIsRefused) {
  CustomerTraits traits;
  const Status status = traits.Register(
      {.name = "spent",
       .type = customers::TraitType::kMoney,
       .expression = "0",
       .lookup = customers::TraitLookup{.from = "t", .customer = "t.c", .column = "t.v"}});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().field_errors.at(0).field, "lookup");
}

}  // namespace
}  // namespace rapport::analytics
