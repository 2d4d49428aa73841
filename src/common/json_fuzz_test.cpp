// Bounded generative test of the JSON body reader (ParseJson): every request body passes through
// it, so hostile input must end in a value or a kMalformed error, never a crash, a document
// deeper than the limit or a string that is not UTF-8. Numbers that overflow a double are the
// consumers' to refuse (see NumbersThatOverflowADoubleAreRefusedOrInfinite). docs/testing.md
// says how to run it longer.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "common/json.hpp"
#include "testing/fuzz.hpp"

namespace rapport {
namespace {

using testing::FuzzRun;

// Mirrors ParseJson's nesting limit (json.cpp): 32 containers deep parse, 33 do not.
constexpr int kMaxDepth = 32;

// Number literals, each with whether it is finite as a double. The first group is JSON grammar
// with values a double holds; the second overflows to infinity (the shapes of item 2).
constexpr std::string_view kFiniteNumbers[] = {"0",
                                               "-0",
                                               "1",
                                               "-1",
                                               "42",
                                               "9007199254740993",
                                               "1.5",
                                               "-2.25e3",
                                               "1e308",
                                               "-1e308",
                                               "1.7976931348623157e308",
                                               "1e-400" /* underflows to 0: finite */,
                                               "18446744073709551615",
                                               "18446744073709551616",
                                               "123456789012345678901234567890",
                                               "0.000001e-5"};
constexpr std::string_view kNonFiniteNumbers[] = {
    "1e400",   "-1e400", "1e309",         "-1e309",
    "1.8e308", "1E999",  "123456789e305", "100000000000000000000e300"};
// Tokens that are not JSON at all: NaN-like words, hex, leading zeros, bare signs.
constexpr std::string_view kNotJson[] = {"NaN", "nan", "Infinity",  "-Infinity", "inf",
                                         "+1",  "01",  ".5",        "1.",        "0x10",
                                         "1e",  "--1", "undefined", "'a'",       "\"\\x41\""};
constexpr std::string_view kTokens[] = {"{",
                                        "}",
                                        "[",
                                        "]",
                                        ",",
                                        ":",
                                        "\"",
                                        "\\",
                                        "\\u0000",
                                        "\\ud83d",
                                        "\\ude00",
                                        "1e400",
                                        "-1e400",
                                        "NaN",
                                        "null",
                                        "true",
                                        "\xff",
                                        "\xc3",
                                        "\xed\xa0\x80",
                                        "\xf4\x90\x80\x80",
                                        "[[[[[[[[[[[[[[[[",
                                        "]]]]]]]]]]]]]]]]",
                                        "1e-400",
                                        "18446744073709551616"};

// Past this many bytes the generator closes what it opened instead of nesting further.
constexpr size_t kDocumentBudget = 64 * 1024;

// What the generator put into a document, so the test knows which answer is required.
struct Shape {
  int depth = 0;
  bool non_finite = false;  // a number that overflows a double
  bool invalid = false;     // not JSON: bad token or bytes that are not UTF-8
};

class Generator {
 public:
  explicit Generator(FuzzRun& run) : run_(run) {}

  std::string Document(Shape& shape) {
    std::string out;
    // Now and then a straight tower of containers around the document, past the limit or not.
    const int tower = run_.Chance(0.15) ? static_cast<int>(run_.Between(1, 2 * kMaxDepth)) : 0;
    for (int i = 0; i < tower; ++i) out += i % 2 ? "{\"k\":" : "[";
    Value(out, tower, shape);
    for (int i = tower - 1; i >= 0; --i) out += i % 2 ? "}" : "]";
    shape.depth = std::max(shape.depth, tower);
    return out;
  }

 private:
  void Value(std::string& out, int depth, Shape& shape) {
    // Containers only while the document is small: wide ones would otherwise multiply without end.
    const bool room = depth <= 40 && out.size() < kDocumentBudget;
    const size_t kind = room ? run_.Below(7) : run_.Below(4);
    switch (kind) {
      case 0:
        out += run_.Pick({"null", "true", "false"});
        return;
      case 1:
        Number(out, shape);
        return;
      case 2:
      case 3:
        String(out, shape);
        return;
      case 4:
      case 5: {
        shape.depth = std::max(shape.depth, depth + 1);
        const bool object = kind == 4;
        out += object ? '{' : '[';
        const size_t n = run_.Below(run_.Chance(0.05) ? 300 : 5);
        for (size_t i = 0; i < n && out.size() < kDocumentBudget; ++i) {
          if (i > 0) out += ',';
          if (object) {
            String(out, shape);
            out += ':';
          }
          Value(out, depth + 1, shape);
        }
        out += object ? '}' : ']';
        return;
      }
      default:
        if (run_.Chance(0.3)) {
          out += run_.Pick(kNotJson);
          shape.invalid = true;
        } else {
          Number(out, shape);
        }
    }
  }

  void Number(std::string& out, Shape& shape) {
    if (run_.Chance(0.15)) {
      out += run_.Pick(kNonFiniteNumbers);
      shape.non_finite = true;
    } else if (run_.Chance(0.5)) {
      out += run_.Pick(kFiniteNumbers);
    } else {
      // Random grammar-valid numbers with exponents around the double's range.
      std::string number = run_.Chance(0.3) ? "-" : "";
      number += std::to_string(run_.Between(0, 999999));
      if (run_.Chance(0.5)) number += "." + std::to_string(run_.Between(0, 99999));
      if (run_.Chance(0.5)) number += "e" + std::to_string(run_.Between(-330, 330));
      if (std::isinf(std::strtod(number.c_str(), nullptr))) shape.non_finite = true;
      out += number;
    }
  }

  void String(std::string& out, Shape& shape) {
    out += '"';
    const size_t length = run_.Chance(0.02) ? run_.Below(200000) : run_.Below(24);
    for (size_t i = 0; i < length; ++i) {
      switch (run_.Below(10)) {
        case 0:
          out += run_.Pick({"\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\ud83d\\ude00", "\\u0000"});
          break;
        case 1:
          out += testing::Utf8(static_cast<uint32_t>(run_.Between(0x80, 0xD7FF)));
          break;
        case 2:
          out += testing::Utf8(static_cast<uint32_t>(run_.Between(0x10000, 0x10FFFF)));
          break;
        case 3:
          if (run_.Chance(0.1)) {
            // Bytes that are not UTF-8: a lone continuation, a cut sequence, a surrogate.
            out += run_.Pick({"\x80", "\xc3", "\xed\xa0\x80", "\xc0\xaf", "\xff"});
            shape.invalid = true;
            break;
          }
          [[fallthrough]];
        default:
          out += static_cast<char>(run_.Between('a', 'z'));
      }
    }
    out += '"';
  }

  FuzzRun& run_;
};

int DepthOf(const json::value& value) {
  int deepest = 0;
  if (value.is_array()) {
    for (const auto& item : value.as_array()) deepest = std::max(deepest, DepthOf(item));
    return deepest + 1;
  }
  if (value.is_object()) {
    for (const auto& [key, item] : value.as_object()) deepest = std::max(deepest, DepthOf(item));
    return deepest + 1;
  }
  return 0;
}

bool HasNonFinite(const json::value& value) {
  if (value.is_double()) return !std::isfinite(value.as_double());
  if (value.is_array()) {
    for (const auto& item : value.as_array()) {
      if (HasNonFinite(item)) return true;
    }
  }
  if (value.is_object()) {
    for (const auto& [key, item] : value.as_object()) {
      if (HasNonFinite(item)) return true;
    }
  }
  return false;
}

// The first thing in `value` the reader must never hand on; empty when there is none.
std::string Forbidden(const json::value& value) {
  if (value.is_string() && !testing::IsValidUtf8(value.as_string())) return "a non-UTF-8 string";
  if (value.is_array()) {
    for (const auto& item : value.as_array()) {
      if (std::string why = Forbidden(item); !why.empty()) return why;
    }
  }
  if (value.is_object()) {
    for (const auto& [key, item] : value.as_object()) {
      if (!testing::IsValidUtf8(key)) return "a non-UTF-8 key";
      if (std::string why = Forbidden(item); !why.empty()) return why;
    }
  }
  return {};
}

// Equal values, doubles within a few units in the last place: Boost.JSON's fast number parsing
// may read a long decimal one ulp away from the nearest double, so what it writes back (the
// shortest form of that double) can read back one ulp away again.
bool SameValue(const json::value& a, const json::value& b) {
  if (a.is_double() && b.is_double()) {
    const double x = a.as_double();
    const double y = b.as_double();
    return x == y || std::fabs(x - y) <= 1e-15 * std::max(std::fabs(x), std::fabs(y));
  }
  if (a.is_array() && b.is_array()) {
    if (a.as_array().size() != b.as_array().size()) return false;
    for (size_t i = 0; i < a.as_array().size(); ++i) {
      if (!SameValue(a.as_array()[i], b.as_array()[i])) return false;
    }
    return true;
  }
  if (a.is_object() && b.is_object()) {
    if (a.as_object().size() != b.as_object().size()) return false;
    for (const auto& [key, item] : a.as_object()) {
      const json::value* other = b.as_object().if_contains(key);
      if (other == nullptr || !SameValue(item, *other)) return false;
    }
    return true;
  }
  return a == b;
}

// Checks one input against the reader's contract, reporting each breach with the input.
void CheckReader(const FuzzRun& run, std::string_view text, const Shape* shape) {
  auto parsed = ParseJson(text);
  if (!parsed.ok()) {
    // Refusals are parse errors; a reader that refuses a non-finite number may name the field.
    EXPECT_TRUE(parsed.error().code == ErrorCode::kMalformed ||
                parsed.error().code == ErrorCode::kInvalidArgument)
        << ErrorCodeName(parsed.error().code) << "\n"
        << run.Reproduce(text);
    EXPECT_FALSE(shape != nullptr && !shape->invalid && !shape->non_finite &&
                 shape->depth <= kMaxDepth)
        << "a valid document was refused: " << parsed.error().message << "\n"
        << run.Reproduce(text);
    return;
  }
  EXPECT_FALSE(shape != nullptr && (shape->invalid || shape->depth > kMaxDepth))
      << "accepted a document that is not JSON or nests " << (shape ? shape->depth : 0) << " deep\n"
      << run.Reproduce(text);
  EXPECT_LE(DepthOf(*parsed), kMaxDepth) << run.Reproduce(text);
  const std::string forbidden = Forbidden(*parsed);
  EXPECT_EQ(forbidden, "") << "the reader let through " << forbidden << "\n" << run.Reproduce(text);
  if (forbidden.empty() && !HasNonFinite(*parsed)) {
    // What the server writes back out, it must read again as the same value.
    auto again = ParseJson(ToJsonString(*parsed));
    ASSERT_TRUE(again.ok()) << run.Reproduce(text);
    EXPECT_TRUE(SameValue(*again, *parsed)) << ToJsonString(*again) << "\n"
                                            << ToJsonString(*parsed) << "\n"
                                            << run.Reproduce(text);
  }
}

TEST(JsonFuzzTest, GeneratedDocumentsParseOrFailCleanly) {
  FuzzRun run(3000, 3.0);
  while (run.Next()) {
    Generator generator(run);
    Shape shape;
    const std::string text = generator.Document(shape);
    CheckReader(run, text, &shape);
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(JsonFuzzTest, MutatedDocumentsParseOrFailCleanly) {
  FuzzRun run(3000, 3.0);
  while (run.Next()) {
    Generator generator(run);
    Shape shape;
    const std::string text = run.Mutate(generator.Document(shape), kTokens);
    CheckReader(run, text, nullptr);
    if (::testing::Test::HasFailure()) break;
  }
}

// Item 2 of the hardening issue: `1e400` parsed to Infinity and was stored in a number custom
// field, after which every filter over custom fields answered 500. The reader may refuse such a
// number or hand on ±Infinity for the consumers to refuse (custom fields, the filter compiler:
// filter_fuzz_test.cpp); it never turns one into NaN or into a finite number of another size.
TEST(JsonFuzzTest, NumbersThatOverflowADoubleAreRefusedOrInfinite) {
  FuzzRun run(500, 1.0);
  while (run.Next()) {
    const std::string number(run.Pick(kNonFiniteNumbers));
    const std::string text = "[1," + number + "]";
    auto parsed = ParseJson(text);
    if (!parsed.ok()) continue;
    const json::value& second = parsed->as_array().at(1);
    EXPECT_TRUE(second.is_double() && std::isinf(second.as_double()) &&
                std::signbit(second.as_double()) == number.starts_with('-'))
        << ToJsonString(second) << "\n"
        << run.Reproduce(text);
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(JsonFuzzTest, TheDepthLimitIsExact) {
  for (int depth : {kMaxDepth, kMaxDepth + 1, 1000, 100000}) {
    std::string text(static_cast<size_t>(depth), '[');
    text.append(static_cast<size_t>(depth), ']');
    EXPECT_EQ(ParseJson(text).ok(), depth <= kMaxDepth) << depth;
  }
}

}  // namespace
}  // namespace rapport
