#include "access/access.hpp"

#include <gtest/gtest.h>

#include "access/grants.hpp"

namespace rapport::access {
namespace {

Access SalesOf(std::string user, std::vector<std::string> team) {
  return Access(std::move(user), std::move(team), FindBuiltInRole("sales")->levels, {}, false);
}

TEST(GrantsTest, BuiltInRolesCoverEveryObjectAndAdminHasEverything) {
  ASSERT_EQ(BuiltInRoles().size(), 6u);
  const RoleDefinition* admin = FindBuiltInRole("admin");
  ASSERT_NE(admin, nullptr);
  for (Object o :
       {Object::kCustomers, Object::kCompanies, Object::kInteractions, Object::kTickets}) {
    for (size_t a = 0; a < kActionCount; ++a) {
      EXPECT_EQ(admin->levels[static_cast<size_t>(o)][a], Level::kAll);
    }
  }
  EXPECT_EQ(FindBuiltInRole("viewer")->levels[0][static_cast<size_t>(Action::kEdit)], Level::kNone);
  EXPECT_EQ(FindBuiltInRole("nobody"), nullptr);
}

TEST(GrantsTest, ParsesARoleAndNamesEachBadPath) {
  auto role = ParseRole(
      ParseJsonObject(R"({"name":"field_agent","grants":{"customers":{"read":"team","edit":"own"}},
                          "fields":{"customers":{"sensitive":"hidden","tags":"read_only"}}})")
          .value(),
      true);
  ASSERT_TRUE(role.ok()) << role.error().message;
  EXPECT_EQ(role->levels[0][static_cast<size_t>(Action::kRead)], Level::kTeam);
  EXPECT_EQ(role->levels[0][static_cast<size_t>(Action::kDelete)], Level::kNone);
  EXPECT_EQ(role->fields[0].at("tags"), FieldRule::kReadOnly);

  auto bad = ParseRole(ParseJsonObject(R"({"name":"Bad Name","grants":{"customers":{"read":"most",
      "fly":"all"},"audit":{"read":"team"}},"fields":{"customers":{"display_name":"hidden"}}})")
                           .value(),
                       true);
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& error : bad.error().field_errors) fields.push_back(error.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"name", "grants.customers.read", "grants.customers.fly",
                                      "grants.audit.read", "fields.customers.display_name"}));
}

TEST(GrantsTest, ScopesAreObjectColonActionWithWildcards) {
  EXPECT_TRUE(IsValidScope("customers:read"));
  EXPECT_TRUE(IsValidScope("*:read"));
  EXPECT_TRUE(IsValidScope("interactions:*"));
  EXPECT_FALSE(IsValidScope("customers"));
  EXPECT_FALSE(IsValidScope("customers:fly"));
  EXPECT_TRUE(ScopeCovers("*:read", Object::kCompanies, Action::kRead));
  EXPECT_FALSE(ScopeCovers("customers:read", Object::kCustomers, Action::kEdit));
}

TEST(AccessTest, LevelsReachOwnTeamOrAllRecords) {
  const Access sales = SalesOf("usr_me", {"usr_mate"});
  EXPECT_TRUE(sales.Allows(Object::kCustomers, Action::kRead, "usr_me"));
  EXPECT_TRUE(sales.Allows(Object::kCustomers, Action::kRead, "usr_mate"));
  EXPECT_FALSE(sales.Allows(Object::kCustomers, Action::kRead, "usr_other"));
  EXPECT_FALSE(sales.Allows(Object::kCustomers, Action::kRead, std::nullopt));
  EXPECT_TRUE(sales.Allows(Object::kCustomers, Action::kEdit, "usr_me"));
  EXPECT_FALSE(sales.Allows(Object::kCustomers, Action::kEdit, "usr_mate"));
  EXPECT_TRUE(Access::Unrestricted().Allows(Object::kCustomers, Action::kDelete, std::nullopt));
}

TEST(AccessTest, ScopeSqlMatchesAllows) {
  const Access sales = SalesOf("usr_me", {"usr_mate", "usr_me"});
  ScopeCondition team = sales.Scope(Object::kCustomers, Action::kRead, "c.owner_id");
  EXPECT_EQ(team.sql, "c.owner_id IN (?, ?)");
  ASSERT_EQ(team.params.size(), 2u);
  ScopeCondition own = sales.Scope(Object::kCustomers, Action::kEdit, "c.owner_id");
  EXPECT_EQ(own.sql, "c.owner_id = ?");
  EXPECT_EQ(sales.Scope(Object::kAudit, Action::kRead, "x").sql, "0");
  EXPECT_EQ(Access::Unrestricted().Scope(Object::kCustomers, Action::kRead, "x").sql, "1");
}

TEST(AccessTest, HiddenFieldsAreRemovedAndRefusedLikeUnknownOnes) {
  FieldTable fields;
  fields[0]["birthday"] = FieldRule::kHidden;
  fields[0]["custom_fields.salary"] = FieldRule::kHidden;
  fields[0]["tags"] = FieldRule::kReadOnly;
  const Access access("usr_me", {}, FindBuiltInRole("admin")->levels, fields, false);
  json::object record = ParseJsonObject(
                            R"({"id":"c1","birthday":"1990-01-01","tags":[],
                                "custom_fields":{"salary":1,"tier":"gold"}})")
                            .value();
  access.Redact(Object::kCustomers, record);
  EXPECT_FALSE(record.contains("birthday"));
  EXPECT_EQ(record.at("custom_fields"), (json::object{{"tier", "gold"}}));

  std::vector<FieldError> hidden;
  auto prepared = access.PrepareInput(
      Object::kCustomers,
      ParseJsonObject(
          R"({"first_name":"A","birthday":"2000-01-01","custom_fields":{"salary":2,"tier":"x"}})")
          .value(),
      {}, hidden);
  ASSERT_TRUE(prepared.ok());
  EXPECT_EQ(*prepared,
            ParseJsonObject(R"({"first_name":"A","custom_fields":{"tier":"x"}})").value());
  ASSERT_EQ(hidden.size(), 2u);
  EXPECT_EQ(hidden[0].field, "birthday");
  EXPECT_EQ(hidden[0].message, "is not a known field");
  EXPECT_EQ(hidden[1].field, "custom_fields.salary");
  EXPECT_EQ(hidden[1].message, "is not a defined custom field");
  // Reported beside the area's own errors, as one validation failure.
  Status merged = WithHiddenFields(Error::Invalid("emails", "must be an array"), hidden);
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.error().field_errors.size(), 3u);

  std::vector<FieldError> none;
  auto frozen = access.PrepareInput(Object::kCustomers,
                                    ParseJsonObject(R"({"tags":["x"]})").value(), {}, none);
  ASSERT_FALSE(frozen.ok());
  EXPECT_EQ(frozen.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(frozen.error().field_errors.at(0).field, "tags");
}

TEST(AccessTest, ClearingAllCustomFieldsKeepsTheOnesTheCallerCannotSee) {
  FieldTable fields;
  fields[0]["custom_fields.salary"] = FieldRule::kHidden;
  fields[0]["custom_fields.grade"] = FieldRule::kReadOnly;
  const Access access("usr_me", {}, FindBuiltInRole("admin")->levels, fields, false);
  std::vector<FieldError> hidden;
  auto prepared = access.PrepareInput(
      Object::kCustomers, ParseJsonObject(R"({"custom_fields":null})").value(),
      ParseJsonObject(R"({"salary":1,"grade":"A","tier":"gold"})").value(), hidden);
  ASSERT_TRUE(prepared.ok());
  EXPECT_EQ(*prepared, ParseJsonObject(R"({"custom_fields":{"tier":null}})").value());
  EXPECT_TRUE(hidden.empty());
}

TEST(AccessTest, CreateDefaultsTheOwnerForOwnAndTeamLevels) {
  const Access sales = SalesOf("usr_me", {"usr_mate"});
  json::object input{{"first_name", "Ida"}};
  ASSERT_TRUE(sales.AuthorizeCreate(Object::kCustomers, input).ok());
  EXPECT_EQ(input.at("owner_id"), "usr_me");
  json::object for_mate{{"first_name", "Ida"}, {"owner_id", "usr_mate"}};
  Status refused = sales.AuthorizeCreate(Object::kCustomers, for_mate);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().field_errors.at(0).field, "owner_id");
}

TEST(AccessTest, EditMustReachTheCurrentAndTheNewOwner) {
  const Access sales = SalesOf("usr_me", {"usr_mate"});
  EXPECT_TRUE(sales.AuthorizeEdit(Object::kCustomers, "usr_me", {{"first_name", "X"}}).ok());
  EXPECT_FALSE(sales.AuthorizeEdit(Object::kCustomers, "usr_mate", {{"first_name", "X"}}).ok());
  EXPECT_FALSE(sales.AuthorizeEdit(Object::kCustomers, "usr_me", {{"owner_id", "usr_x"}}).ok());
}

}  // namespace
}  // namespace rapport::access
