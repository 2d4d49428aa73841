#include "common/json_writer.hpp"

#include <gtest/gtest.h>

#include <random>

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

// The escaping as first written, a byte at a time: the word-at-a-time version must match it.
std::string ReferenceEscape(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c == '\b') {
      out += "\\b";
    } else if (c == '\f') {
      out += "\\f";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
  return out;
}

// Generative: strings of every length around the 8-byte words, mostly plain text with the bytes
// that need escaping (and UTF-8 bytes, which must not) at random places, as the same bytes.
TEST(AppendJsonString, EscapesExactlyAsTheByteAtATimeReference) {
  std::mt19937 random(20261207);
  const std::string awkward = std::string("\"\\\b\f\n\r\t\x01\x1f\x7f\x80\xc3\xa9\xff/ a") + '\0';
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const size_t length = random() % 41;
    for (size_t i = 0; i < length; ++i) {
      text.push_back(random() % 6 == 0 ? awkward[random() % awkward.size()]
                                       : static_cast<char>('a' + random() % 26));
    }
    std::string out = "prefix";
    AppendJsonString(out, text);
    ASSERT_EQ(out, "prefix" + ReferenceEscape(text)) << "round " << round;
  }
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

TEST(JsonWriter, WritesArraysAndObjectsAsTheirValuesWould) {
  const json::value sample = Sample();
  const json::array list{"x", json::object{{"k", nullptr}}, true, -3, 1.5};
  std::string out;
  JsonWriter writer(out);
  writer.BeginArray();
  writer.Value(list);
  writer.Value(json::array{});
  writer.EndArray();
  EXPECT_EQ(out, json::serialize(json::array{list, json::array{}}));
  ASSERT_TRUE(sample.is_object());
  std::string direct;
  JsonWriter(direct).Value(sample.get_object());
  std::string through_value;
  JsonWriter(through_value).Value(sample);
  EXPECT_EQ(direct, through_value);
}

// PlainKey skips the escape scan; for a name that needs none it writes what Key writes.
TEST(JsonWriter, PlainKeyWritesWhatKeyWritesForPlainNames) {
  std::string keyed;
  std::string plain;
  JsonWriter by_key(keyed);
  JsonWriter by_plain_key(plain);
  by_key.BeginObject();
  by_plain_key.BeginObject();
  for (std::string_view name : {"id", "wording_version", "", "a b/c é"}) {
    by_key.Key(name);
    by_key.BeginObject();
    by_key.Key(name);
    by_key.Null();
    by_key.EndObject();
    by_plain_key.PlainKey(name);
    by_plain_key.BeginObject();
    by_plain_key.PlainKey(name);
    by_plain_key.Null();
    by_plain_key.EndObject();
  }
  by_key.EndObject();
  by_plain_key.EndObject();
  EXPECT_EQ(plain, keyed);
  EXPECT_TRUE(ParseJson(plain).ok()) << plain;
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
