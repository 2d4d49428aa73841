#include "commerce/card_guard.hpp"

#include <gtest/gtest.h>

namespace rapport::commerce {
namespace {

TEST(CardGuardTest, FindsLuhnValidCardNumbersAnywhere) {
  EXPECT_TRUE(LooksLikeCardNumber("4111111111111111"));
  EXPECT_TRUE(LooksLikeCardNumber("card 4111 1111 1111 1111 exp 12/29"));
  EXPECT_TRUE(LooksLikeCardNumber("5500-0000-0000-0004"));
  EXPECT_TRUE(LooksLikeCardNumber("378282246310005"));    // Amex, 15 digits
  EXPECT_FALSE(LooksLikeCardNumber("4111111111111112"));  // fails Luhn
  EXPECT_FALSE(LooksLikeCardNumber("+49 151 2345678"));
  EXPECT_FALSE(LooksLikeCardNumber("order 123456789012"));     // 12 digits
  EXPECT_TRUE(LooksLikeCardNumber("4111  1111 1111 1111"));    // double spaces still join groups
  EXPECT_TRUE(LooksLikeCardNumber("4111111111111111 12/27"));  // followed by its expiry
}

TEST(CardGuardTest, RefusesCardDataNamingTheFieldNotTheValue) {
  auto refused = RefuseCardData(
      ParseJson(R"({"lines":[{"description":"ok"},{"description":"pan 4111111111111111"}]})")
          .value());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field_errors.at(0).field, "lines[1].description");
  EXPECT_EQ(refused.error().message.find("4111"), std::string::npos);
  auto cvv = RefuseCardData(ParseJson(R"({"card":{"CVV":"123"}})").value());
  ASSERT_FALSE(cvv.ok());
  EXPECT_EQ(cvv.error().field_errors.at(0).field, "card.CVV");
  EXPECT_TRUE(
      RefuseCardData(ParseJson(R"({"last4":"1111","processor_token":"tok_visa"})").value()).ok());
  for (const char* body :
       {R"({"metadata":{"Card-Security_Code":"123"}})", R"({"metadata":{"csc":"123"}})",
        R"({"note":"4111.1111.1111.1111"})", R"({"metadata":{"4111111111111111":"as a key"}})",
        R"({"tags":["vip","4111 1111 1111 1111"]})"}) {
    auto refused_body = RefuseCardData(ParseJson(body).value());
    ASSERT_FALSE(refused_body.ok()) << body;
    EXPECT_EQ(refused_body.error().field_errors.at(0).field.find("4111"), std::string::npos);
  }
}

}  // namespace
}  // namespace rapport::commerce
