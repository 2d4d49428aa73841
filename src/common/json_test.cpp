#include "common/json.hpp"

#include <gtest/gtest.h>

namespace rapport {
namespace {

TEST(ParseJson, RefusesNumbersBeyondTheDoubleRangeNamingTheField) {
  for (std::string_view body :
       {R"({"custom_fields": {"score": 1e400}})", R"({"custom_fields": {"score": -1e400}})"}) {
    auto parsed = ParseJson(body);
    ASSERT_FALSE(parsed.ok()) << body;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(parsed.error().field_errors.size(), 1u);
    EXPECT_EQ(parsed.error().field_errors[0].field, "custom_fields.score");
  }
  auto in_array = ParseJson(R"({"lines": [{"discount": 1}, {"discount": 2e999}]})");
  ASSERT_FALSE(in_array.ok());
  EXPECT_EQ(in_array.error().field_errors[0].field, "lines[1].discount");
  auto bare = ParseJson("1e400");
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(bare.error().field_errors[0].field, "body");
}

TEST(ParseJson, KeepsLargeFiniteNumbers) {
  auto parsed = ParseJson(R"({"a": 1.5e308, "b": 18446744073709551615, "c": 1e-400})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(ToJsonString(*parsed).find("Infinity"), std::string::npos);
}

TEST(ParseJson, StillReportsSyntaxErrorsAsMalformed) {
  auto parsed = ParseJson(R"({"a": Infinity})");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kMalformed);
}

}  // namespace
}  // namespace rapport
