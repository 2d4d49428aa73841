// Bounded generative test of the vCard reader and writer: random bytes and mutated cards never
// crash the reader, every error names a line, every card it returns holds UTF-8 text only, and
// generated customers survive FormatVcard -> VcardReader with their names, contact points,
// addresses and birthday unchanged. tests/testing/fuzz.hpp says how to run it longer.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "testing/fuzz.hpp"
#include "transfer/vcard.hpp"

namespace rapport::transfer {
namespace {

using testing::FuzzRun;

constexpr std::string_view kTokens[] = {"\r\n",
                                        "\n",
                                        "\r\n ",
                                        "=\r\n",
                                        ":",
                                        ";",
                                        ",",
                                        "\\",
                                        "\\n",
                                        "\"",
                                        "BEGIN:VCARD\r\n",
                                        "END:VCARD\r\n",
                                        "VERSION:2.1\r\n",
                                        "VERSION:4.0\r\n",
                                        ";ENCODING=QUOTED-PRINTABLE",
                                        ";CHARSET=ISO-8859-1",
                                        ";CHARSET=KOI8-R",
                                        "=C3=A9",
                                        "=\xff",
                                        "item1.",
                                        "X-ABLabel:",
                                        "TEL;VALUE=uri:tel:",
                                        "PREF=1",
                                        "\xff",
                                        "\xc3",
                                        "\xed\xa0\x80",
                                        "BEGIN:VCARD\r\nAGENT:",
                                        "\xEF\xBB\xBF"};

// A 2.1 card in quoted-printable Latin-1, as old phones export, to mutate beside generated ones.
constexpr std::string_view kOldPhoneCard =
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=\r\n"
    "=FCrgen\r\nTEL;CELL;PREF:+49 151 2345678\r\nEMAIL;INTERNET:j@example.de\r\n"
    "ADR;HOME:;;Hauptstr. 1;Berlin;;10115;DE\r\nBDAY:19800101\r\nEND:VCARD\r\n";

struct ReadResult {
  std::vector<VcardCard> cards;
  std::vector<Error> errors;
};

// Reads to the end, stepping over cards that fail alone (content errors), as the importer does.
ReadResult ReadAll(std::string_view text) {
  std::istringstream in{std::string(text)};
  VcardReader reader(in);
  ReadResult result;
  // A card is at least three lines, so this bounds a reader that stopped making progress.
  for (size_t guard = 0; guard <= text.size() + 1; ++guard) {
    auto card = reader.Next();
    if (!card.ok()) {
      result.errors.push_back(card.error());
      if (card.error().field_errors.empty() || card.error().field_errors[0].field == "file") break;
      continue;
    }
    if (!card->has_value()) return result;
    result.cards.push_back(std::move(**card));
  }
  return result;
}

// Every string anywhere in `value` is UTF-8.
bool AllUtf8(const json::value& value) {
  if (value.is_string()) return testing::IsValidUtf8(value.as_string());
  if (value.is_array()) {
    for (const auto& item : value.as_array()) {
      if (!AllUtf8(item)) return false;
    }
  }
  if (value.is_object()) {
    for (const auto& [key, item] : value.as_object()) {
      if (!AllUtf8(item)) return false;
    }
  }
  return true;
}

void CheckRead(const FuzzRun& run, std::string_view input) {
  const ReadResult result = ReadAll(input);
  for (const Error& error : result.errors) {
    EXPECT_EQ(error.code, ErrorCode::kInvalidArgument) << run.Reproduce(input);
    ASSERT_FALSE(error.field_errors.empty()) << error.message << "\n" << run.Reproduce(input);
    const std::string& field = error.field_errors[0].field;
    EXPECT_TRUE(field.starts_with("line ") || field == "file") << field << "\n"
                                                               << run.Reproduce(input);
  }
  for (const VcardCard& card : result.cards) {
    EXPECT_TRUE(AllUtf8(card.customer)) << ToJsonString(card.customer) << "\n"
                                        << run.Reproduce(input);
    EXPECT_TRUE(!card.organization || testing::IsValidUtf8(*card.organization))
        << run.Reproduce(input);
    EXPECT_TRUE(!card.uid || testing::IsValidUtf8(*card.uid)) << run.Reproduce(input);
    // What the reader hands on stays serialisable JSON (the importer stores it in its job).
    EXPECT_TRUE(ParseJson(ToJsonString(card.customer)).ok()) << run.Reproduce(input);
  }
}

// Text with what vCard escapes or splits on, non-ASCII and, now and then, enough to be folded.
std::string Text(FuzzRun& run, bool allow_newline) {
  std::string text(1, static_cast<char>(run.Between('A', 'Z')));
  for (size_t i = 0, n = run.Below(run.Chance(0.1) ? 120 : 14); i < n; ++i) {
    if (run.Chance(0.3)) {
      text += run.Pick({";", ",", "\\", ":", "\"", "=", " ", "é", "ß", "東", "😀", "Ω", "\\n"});
    } else if (allow_newline && run.Chance(0.02)) {
      text += "\n";
    } else {
      text += static_cast<char>(run.Between('a', 'z'));
    }
  }
  // The reader trims; names and labels never end in white space in the API either.
  text += static_cast<char>(run.Between('a', 'z'));
  return text;
}

json::object GenerateCustomer(FuzzRun& run) {
  json::object customer{{"display_name", Text(run, true)}};
  if (run.Chance(0.7)) customer["first_name"] = Text(run, false);
  if (run.Chance(0.7)) customer["last_name"] = Text(run, false);
  json::array emails, phones, addresses;
  const auto label = [&](bool phone) -> std::optional<std::string> {
    if (run.Chance(0.3)) return std::nullopt;
    if (run.Chance(0.5)) {
      return std::string(phone ? run.Pick({"home", "work", "mobile", "fax", "pager", "other"})
                               : run.Pick({"home", "work", "other"}));
    }
    return Text(run, false);
  };
  const size_t email_count = run.Below(4);
  const size_t primary_email = run.Below(email_count + 1);
  for (size_t i = 0; i < email_count; ++i) {
    json::object email{{"address", "p" + std::to_string(i) + "." + std::to_string(run.Below(1000)) +
                                       "@example.com"}};
    if (auto l = label(false)) email["label"] = *l;
    if (i == primary_email) email["primary"] = true;
    emails.push_back(std::move(email));
  }
  const size_t phone_count = run.Below(4);
  const size_t primary_phone = run.Below(phone_count + 1);
  for (size_t i = 0; i < phone_count; ++i) {
    json::object phone{{"number", "+4915" + std::to_string(100000000 + i * 1000 + run.Below(999))}};
    if (auto l = label(true)) phone["label"] = *l;
    if (i == primary_phone) phone["primary"] = true;
    phones.push_back(std::move(phone));
  }
  for (size_t i = 0, n = run.Below(3); i < n; ++i) {
    json::object address{{"line1", Text(run, false)}};
    if (run.Chance(0.5)) address["line2"] = Text(run, false);
    for (const char* key : {"city", "region", "postal_code"}) {
      if (run.Chance(0.6)) address[key] = Text(run, false);
    }
    if (run.Chance(0.6)) address["country"] = run.Pick({"DE", "GR", "JP", "US"});
    if (auto l = label(false)) address["label"] = *l;
    addresses.push_back(std::move(address));
  }
  if (!emails.empty()) customer["emails"] = std::move(emails);
  if (!phones.empty()) customer["phones"] = std::move(phones);
  if (!addresses.empty()) customer["addresses"] = std::move(addresses);
  if (run.Chance(0.5)) customer["birthday"] = run.Pick({"1990-02-28", "2000-02-29", "1815-12-10"});
  return customer;
}

TEST(VcardFuzzTest, RandomBytesFailOnALineOrReadAsUtf8) {
  FuzzRun run(2000, 2.0);
  while (run.Next()) {
    std::string input;
    for (size_t i = 0, n = run.Below(80); i < n; ++i) {
      input += run.Chance(0.5) ? std::string(run.Pick(kTokens))
                               : std::string(1, static_cast<char>(run.Below(256)));
    }
    CheckRead(run, input);
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(VcardFuzzTest, MutatedCardsFailOnALineOrReadAsUtf8) {
  FuzzRun run(2000, 3.0);
  while (run.Next()) {
    std::string valid(kOldPhoneCard);
    for (size_t i = 0, n = run.Below(3); i < n; ++i) {
      valid += FormatVcard(GenerateCustomer(run), "Org; Inc.");
    }
    CheckRead(run, run.Mutate(valid, kTokens));
    if (::testing::Test::HasFailure()) break;
  }
}

// The fields FormatVcard writes and VcardReader reads back, compared one by one.
void ExpectSameCustomer(const FuzzRun& run, const json::object& original, const VcardCard& card,
                        std::string_view vcard) {
  const json::object& copy = card.customer;
  for (const char* key : {"display_name", "first_name", "last_name", "birthday", "addresses"}) {
    EXPECT_EQ(copy.if_contains(key) ? ToJsonString(copy.at(key)) : "",
              original.if_contains(key) ? ToJsonString(original.at(key)) : "")
        << key << "\n"
        << run.Reproduce(vcard);
  }
  for (const auto& [list, value_key] : {std::pair{"emails", "address"}, {"phones", "number"}}) {
    const json::value* expected = original.if_contains(list);
    const json::value* actual = copy.if_contains(list);
    ASSERT_EQ(actual == nullptr, expected == nullptr) << list << "\n" << run.Reproduce(vcard);
    if (expected == nullptr) continue;
    ASSERT_EQ(actual->as_array().size(), expected->as_array().size()) << list << "\n"
                                                                      << run.Reproduce(vcard);
    for (size_t i = 0; i < expected->as_array().size(); ++i) {
      const json::object& want = expected->as_array()[i].as_object();
      const json::object& got = actual->as_array()[i].as_object();
      for (const char* key : {value_key, "label", "primary"}) {
        EXPECT_EQ(got.if_contains(key) ? ToJsonString(got.at(key)) : "",
                  want.if_contains(key) ? ToJsonString(want.at(key)) : "")
            << list << "[" << i << "]." << key << "\n"
            << run.Reproduce(vcard);
      }
    }
  }
}

TEST(VcardFuzzTest, GeneratedCustomersRoundTrip) {
  FuzzRun run(1500, 3.0);
  while (run.Next()) {
    const json::object customer = GenerateCustomer(run);
    const std::string organization = Text(run, false);
    const std::string vcard = FormatVcard(customer, organization);
    const ReadResult result = ReadAll(vcard);
    ASSERT_TRUE(result.errors.empty()) << result.errors[0].message << "\n" << run.Reproduce(vcard);
    ASSERT_EQ(result.cards.size(), 1u) << run.Reproduce(vcard);
    EXPECT_TRUE(result.cards[0].warnings.empty()) << result.cards[0].warnings[0] << "\n"
                                                  << run.Reproduce(vcard);
    EXPECT_EQ(result.cards[0].organization, organization) << run.Reproduce(vcard);
    ExpectSameCustomer(run, customer, result.cards[0], vcard);
    if (::testing::Test::HasFailure()) break;
  }
}

// Logical lines past 1 MiB fail on the line they start on, however they were joined (a single
// long line and a long card are vcard_test.cpp's).
TEST(VcardFuzzTest, OversizedInputFailsOnItsLine) {
  const auto repeat = [](std::string_view piece, size_t times) {
    std::string out;
    for (size_t i = 0; i < times; ++i) out += piece;
    return out;
  };
  const std::pair<std::string, std::string_view> cases[] = {
      // Short physical lines folded into one logical line of over 1 MiB.
      {"BEGIN:VCARD\r\nNOTE:a\r\n" + repeat(" abcdefghijklmnopqrstuvwxyz0123456789\r\n", 40000) +
           "END:VCARD\r\n",
       "line 2"},
      // Quoted-printable soft line breaks joining over 1 MiB.
      {"BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;ENCODING=QUOTED-PRINTABLE:" +
           repeat("abcdefghijklmnopqrstuvwxyz12345678=\r\n", 40000) + "x\r\nEND:VCARD\r\n",
       "line 3"},
  };
  for (const auto& [input, line] : cases) {
    const ReadResult result = ReadAll(input);
    ASSERT_FALSE(result.errors.empty()) << testing::Escape(input.substr(0, 80));
    EXPECT_TRUE(result.cards.empty());
    EXPECT_EQ(result.errors[0].field_errors.at(0).field, line)
        << result.errors[0].message << " " << testing::Escape(input.substr(0, 80));
  }
}

}  // namespace
}  // namespace rapport::transfer
