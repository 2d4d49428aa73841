#include "common/json_member.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "common/json.hpp"

namespace rapport {
namespace {

TEST(TopLevelMember, FindsTheMemberAsWritten) {
  const std::string text =
      R"( { "id" : "a", "consent" : {"email": {"status": "granted"}} , "n": 1 } )";
  EXPECT_EQ(TopLevelMember(text, "consent"), R"({"email": {"status": "granted"}})");
  EXPECT_EQ(TopLevelMember(text, "id"), R"("a")");
  EXPECT_EQ(TopLevelMember(text, "n"), "1");
  EXPECT_EQ(TopLevelMember(text, "email"), std::nullopt) << "nested, not top-level";
  EXPECT_EQ(TopLevelMember(text, "status"), std::nullopt);
}

TEST(TopLevelMember, IsNotFooledByTheKeyInStringsOrNestedObjects) {
  const std::string text = R"({"tags": ["consent", "\"consent\":1"], "note": "{\"consent\": 2}",)"
                           R"( "custom_fields": {"consent": 3}, "consent": [4, {"a": "}"}]})";
  EXPECT_EQ(TopLevelMember(text, "consent"), R"([4, {"a": "}"}])");
  EXPECT_EQ(TopLevelMember(text, "note"), R"("{\"consent\": 2}")");
}

TEST(TopLevelMember, AnswersNothingForWhatIsNotThere) {
  for (std::string_view text :
       {"", "  ", "[]", R"("consent")", "{}", R"({"consent")", R"({"consent":)", R"({"consent": {)",
        R"({"consent": "open)", R"({"a": 1})", R"({"a": {"consent": 1}})", R"({"consent" 1})",
        R"({"consent": , "a": 1})", R"(}{"consent": 1})", R"({"a": "\)"}) {
    EXPECT_EQ(TopLevelMember(text, "consent"), std::nullopt) << text;
  }
}

// Random documents written by Boost.JSON: the member found in the text is exactly what the
// library writes for the parsed document's member, for every key, at any nesting.
json::value RandomValue(std::mt19937& random, int depth) {
  static const std::vector<std::string> kStrings = {
      "consent", "\"consent\":", "{", "}", "[", "]", ",", "a\\b", "é ü", "", ":", "\"", " "};
  auto pick = [&](size_t n) { return static_cast<size_t>(random() % n); };
  switch (depth > 3 ? pick(4) : pick(6)) {
    case 0:
      return json::value(kStrings[pick(kStrings.size())]);
    case 1:
      return json::value(static_cast<int64_t>(random() % 2001) - 1000);
    case 2:
      return pick(2) ? json::value(true) : json::value(nullptr);
    case 3:
      return json::value(static_cast<double>(random() % 1000) / 8.0);
    case 4: {
      json::array array;
      for (size_t n = pick(4); n > 0; --n) array.push_back(RandomValue(random, depth + 1));
      return array;
    }
    default: {
      json::object object;
      for (size_t n = pick(5); n > 0; --n) {
        object[kStrings[pick(kStrings.size())]] = RandomValue(random, depth + 1);
      }
      return object;
    }
  }
}

TEST(TopLevelMember, AgreesWithTheParserOnRandomDocuments) {
  std::mt19937 random(20261207);
  for (int round = 0; round < 3000; ++round) {
    json::object document;
    for (size_t n = random() % 6; n > 0; --n) {
      document["k" + std::to_string(random() % 8)] = RandomValue(random, 1);
    }
    if (random() % 2) document["consent"] = RandomValue(random, 1);
    const std::string text = json::serialize(document);
    for (int k = 0; k < 8; ++k) {
      const std::string key = "k" + std::to_string(k);
      const json::value* member = document.if_contains(key);
      auto found = TopLevelMember(text, key);
      ASSERT_EQ(found.has_value(), member != nullptr) << text << " key " << key;
      if (member) {
        EXPECT_EQ(*found, json::serialize(*member)) << text;
      }
    }
    auto consent = TopLevelMember(text, "consent");
    ASSERT_EQ(consent.has_value(), document.contains("consent")) << text;
    if (consent) {
      EXPECT_EQ(*consent, json::serialize(document.at("consent")));
    }
  }
}

// Damaged texts (cut short, bytes changed): never a read past the text, and any answer is a part
// of the text.
TEST(TopLevelMember, StaysInsideDamagedTexts) {
  std::mt19937 random(7);
  const std::string alphabet = "{}[]\":,\\ ac1";
  for (int round = 0; round < 3000; ++round) {
    json::object document;
    document["consent"] = RandomValue(random, 1);
    document["b"] = RandomValue(random, 1);
    std::string text = json::serialize(document);
    text.resize(random() % (text.size() + 1));
    for (int n = random() % 3; n > 0 && !text.empty(); --n) {
      text[random() % text.size()] = alphabet[random() % alphabet.size()];
    }
    auto found = TopLevelMember(text, "consent");
    if (!found) continue;
    EXPECT_GE(found->data(), text.data());
    EXPECT_LE(found->data() + found->size(), text.data() + text.size());
  }
}

}  // namespace
}  // namespace rapport
