#include "common/json_writer.hpp"

#include <gtest/gtest.h>

namespace rapport {
namespace {

// Every control character, quotes, backslashes, a slash, DEL and multi-byte UTF-8.
std::string Awkward() {
  std::string text = "a\"b\\c/d\x7f é ☃ 𝄞 ";
  for (char c = 1; c < 0x20; ++c) text.push_back(c);
  text.push_back('\0');
  return text;
}

json::value Sample() {
  return json::object{
      {"text", Awkward()},
      {Awkward(), "a key that needs escaping"},
      {"empty", json::object{}},
      {"none", json::array{}},
      {"numbers", json::array{0, -1, INT64_MIN, INT64_MAX, UINT64_MAX, 1.5, -2.25e-300, 1e300}},
      {"flags", json::array{true, false, nullptr}},
      {"nested", json::array{json::object{{"a", json::array{json::array{}, json::object{}}}}}}};
}

TEST(AppendJsonString, ParsesBackToTheSameBytes) {
  std::string out;
  AppendJsonString(out, Awkward());
  auto parsed = ParseJson(out);
  ASSERT_TRUE(parsed.ok()) << out;
  EXPECT_EQ(parsed->as_string(), Awkward());
  EXPECT_EQ(out.find('\n'), std::string::npos);
}

TEST(JsonWriter, WritesWhatBoostJsonParsesToTheSameValue) {
  std::string out;
  JsonWriter writer(out);
  writer.BeginArray();
  writer.Value(Sample());
  writer.Int(7);
  writer.EndArray();
  auto parsed = ParseJson(out);
  ASSERT_TRUE(parsed.ok()) << out;
  EXPECT_EQ(*parsed, (json::array{Sample(), 7})) << out;
}

TEST(JsonTreeBuilder, BuildsTheSameValueFromTheSameEvents) {
  JsonTreeBuilder builder;
  builder.BeginObject();
  builder.Key("sample");
  builder.Value(Sample());
  builder.Key("list");
  builder.BeginArray();
  builder.String("x");
  builder.BeginObject();
  builder.Key("k");
  builder.Null();
  builder.EndObject();
  builder.Bool(true);
  builder.EndArray();
  builder.Key("last");
  builder.Int(-3);
  builder.EndObject();
  EXPECT_EQ(builder.Release(),
            (json::object{{"sample", Sample()},
                          {"list", json::array{"x", json::object{{"k", nullptr}}, true}},
                          {"last", -3}}));
}

}  // namespace
}  // namespace rapport
