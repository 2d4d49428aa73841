#include "common/time.hpp"

#include <gtest/gtest.h>

namespace rapport {
namespace {

TEST(TimeTest, NormalizesOffsetsToUtcMillis) {
  EXPECT_EQ(NormalizeInstant("2026-11-25T15:35:43+01:00"), "2026-11-25T14:35:43.000Z");
  EXPECT_EQ(NormalizeInstant("2026-11-25T14:35:43.5Z"), "2026-11-25T14:35:43.500Z");
  EXPECT_EQ(NormalizeInstant("1997-01-01T00:00:00.123456Z"), "1997-01-01T00:00:00.123Z");
}

TEST(TimeTest, RejectsMalformedInstants) {
  for (const char* bad :
       {"", "2026-11-25", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-25T14:35:43",
        "2026-11-25T14:35:43.Z", "2026-11-25T25:00:00Z", "2026-11-25T14:35:43Zjunk"}) {
    EXPECT_FALSE(ParseInstant(bad).has_value()) << bad;
  }
}

TEST(TimeTest, FormatRoundTrips) {
  const int64_t millis = 1764081343123;
  EXPECT_EQ(ParseInstant(FormatInstant(millis)), millis);
}

TEST(TimeTest, ValidatesCalendarDates) {
  EXPECT_TRUE(IsValidDate("2000-02-29"));
  EXPECT_FALSE(IsValidDate("1900-02-29"));
  EXPECT_FALSE(IsValidDate("2024-1-01"));
  EXPECT_FALSE(IsValidDate("2024-04-31"));
}

}  // namespace
}  // namespace rapport
