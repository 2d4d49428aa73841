#include "common/log_text.hpp"

#include <gtest/gtest.h>

namespace rapport {
namespace {

TEST(EscapeForLogTest, EscapesWhatCouldForgeOrHideALine) {
  struct Case {
    std::string in;
    std::string out;
  };
  const Case cases[] = {
      {"/api/v1/customers", "/api/v1/customers"},
      {"/a\r\n200 GET /forged", "/a\\x0d\\x0a200 GET /forged"},
      {std::string("/a\0b", 4), "/a\\x00b"},
      {"/\x1b[31mred", "/\\x1b[31mred"},
      {"/tab\there", "/tab\\x09here"},
      {"/quote\"back\\slash", "/quote\\x22back\\x5cslash"},
      {"/del\x7f", "/del\\x7f"},
      {"/Müller/日本", "/Müller/日本"},
      {"/bad\xff\xfe", "/bad\\xff\\xfe"},
      {"/overlong\xc0\xaf", "/overlong\\xc0\\xaf"},
      {"/cut\xe2\x82", "/cut\\xe2\\x82"},
      {"/surrogate\xed\xa0\x80", "/surrogate\\xed\\xa0\\x80"},
      {"/c1\xc2\x85", "/c1\\xc2\\x85"},
      {"/ls\xe2\x80\xa8", "/ls\\xe2\\x80\\xa8"},
  };
  for (const auto& c : cases) EXPECT_EQ(EscapeForLog(c.in), c.out) << c.in;
}

TEST(EscapeForLogTest, BoundsLongValues) {
  const std::string long_path(20000, 'a');
  const std::string logged = EscapeForLog(long_path);
  EXPECT_EQ(logged, std::string(kMaxLoggedValueBytes, 'a') + "...");
  EXPECT_EQ(EscapeForLog("abcdef", 3), "abc...");
}

TEST(EscapeForLogTest, NeverEmitsARawControlByteForAnyInput) {
  // Every single byte, and every pair, stays on one line.
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; b += 7) {
      const std::string in{static_cast<char>(a), static_cast<char>(b)};
      for (unsigned char c : EscapeForLog(in)) {
        ASSERT_TRUE(c >= 0x20 && c != 0x7F) << "byte " << a << "," << b;
      }
    }
  }
}

}  // namespace
}  // namespace rapport
