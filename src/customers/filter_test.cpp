#include "customers/filter.hpp"

#include <gtest/gtest.h>

#include "testing/customer_traits.hpp"

namespace rapport::customers {
namespace {

json::value J(std::string_view text) { return ParseJson(text).value(); }

TEST(FilterTest, CompilesNestedTreesWithBoundValues) {
  auto compiled =
      CompileCustomerFilter(J(R"({"and":[{"field":"lifecycle_stage","op":"eq","value":"customer"},
                   {"or":[{"field":"tags","op":"contains","value":"vip"},
                          {"not":{"field":"email","op":"exists","value":true}}]}]})"),
                            {});
  ASSERT_TRUE(compiled.ok()) << compiled.error().message;
  EXPECT_EQ(compiled->params.size(), 2u);
  EXPECT_EQ(compiled->sql.find("customer'"), std::string::npos);  // values never inlined
}

TEST(FilterTest, ErrorsNameTheExactNode) {
  struct Case {
    const char* filter;
    const char* field;
  };
  const Case cases[] = {
      {R"({"and":[{"field":"nope","op":"eq","value":1}]})", "filter.and[0].field"},
      {R"({"or":[{"field":"first_name","op":"like","value":"a"}]})", "filter.or[0].op"},
      {R"({"not":{"field":"created_at","op":"gt","value":"yesterday"}})", "filter.not.value"},
      {R"({"field":"custom_fields.x","op":"eq","value":1})", "filter.field"},
      {R"({"field":"interaction_count","op":"gt","value":"3"})", "filter.value"},
      {R"({"field":"first_name","op":"in","value":"a"})", "filter.value"},
      {R"({"and":[]})", "filter.and"},
      {R"({"field":"first_name","op":"eq"})", "filter.value"},
  };
  for (const auto& c : cases) {
    auto compiled =
        CompileCustomerFilter(J(c.filter), {}, {}, "filter", &testing::ShippedCustomerTraits());
    ASSERT_FALSE(compiled.ok()) << c.filter;
    EXPECT_EQ(compiled.error().field_errors.at(0).field, c.field) << c.filter;
  }
}

TEST(FilterTest, LimitsDepth) {
  std::string deep = R"({"field":"first_name","op":"eq","value":"a"})";
  for (int i = 0; i < 9; ++i) deep.insert(0, R"({"not":)").append("}");
  EXPECT_FALSE(CompileCustomerFilter(J(deep), {}).ok());
}

TEST(FilterTest, TypedCustomFields) {
  std::vector<CustomFieldDefinition> definitions{
      {"customer", "score", "Score", CustomFieldType::kNumber, {}, false, false, ""}};
  EXPECT_TRUE(CompileCustomerFilter(J(R"({"field":"custom_fields.score","op":"gte","value":3.5})"),
                                    definitions)
                  .ok());
  EXPECT_FALSE(CompileCustomerFilter(J(R"({"field":"custom_fields.score","op":"gte","value":"3"})"),
                                     definitions)
                   .ok());
}

}  // namespace
}  // namespace rapport::customers
