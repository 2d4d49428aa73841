#include "storage/audit_codec.hpp"

#include <gtest/gtest.h>

#include "storage/audit_dictionary.hpp"
#include "testing/fuzz.hpp"

namespace rapport::storage {
namespace {

// audit_dictionary_v1.zdict as released.
constexpr size_t kDictionaryV1Size = 32768;
constexpr uint64_t kDictionaryV1Fingerprint = 0x6ad3c47ed52201b5ull;

// FNV-1a: a stable fingerprint of the dictionary's bytes, the same on every platform.
uint64_t Fingerprint(std::string_view bytes) {
  uint64_t hash = 14695981039346656037ull;
  for (const unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

TEST(AuditCodecTest, DictionaryVersionOneNeverChanges) {
  // Entries packed with version 1 read only with these exact bytes. If this fails, the
  // dictionary was edited: restore it and add a version 2 instead (audit_dictionary.hpp).
  EXPECT_EQ(AuditDictionaryV1().size(), kDictionaryV1Size);
  EXPECT_EQ(Fingerprint(AuditDictionaryV1()), kDictionaryV1Fingerprint);
}

TEST(AuditCodecTest, RoundTripsTypicalEntries) {
  for (const std::string_view json : {
           std::string_view(
               R"({"new":{"id":"cus_01JEXAMPLE0000000000000000","first_name":"Ann"}})"),
           std::string_view(R"([{"field":"status","old":"open","new":"pending"}])"),
           std::string_view(""),
           std::string_view("{}"),
       }) {
    const std::string packed = PackChanges(json);
    EXPECT_EQ(packed[0], 1);
    auto unpacked = UnpackChanges(packed);
    ASSERT_TRUE(unpacked.ok());
    EXPECT_EQ(*unpacked, json);
  }
}

TEST(AuditCodecTest, PacksACustomerCreateToAFractionOfItsText) {
  const std::string json =
      R"({"new":{"id":"cus_01JFQ3M5YB8W2K9T4R7N6P1XZC","first_name":"Lena","last_name":)"
      R"("Hoffmann","display_name":"Lena Hoffmann","emails":[{"address":"lena.hoffmann@)"
      R"(example.de","label":"work","primary":true}],"phones":[{"number":"+49 30 1234567",)"
      R"("label":"mobile","primary":true}],"language":"de","country":"DE","lifecycle_stage":)"
      R"("customer","relationship_type":"customer","tags":["vip","newsletter"],"owner_id":)"
      R"("usr_01JFQ3M5YB8W2K9T4R7N6P1XZD","source":"demo"}})";
  const std::string packed = PackChanges(json);
  EXPECT_LT(packed.size() * 2, json.size()) << packed.size() << " of " << json.size();
}

TEST(AuditCodecTest, RefusesWhatIsNotAPackedValue) {
  const std::string packed = PackChanges(R"({"new":{"name":"Acme"}})");
  EXPECT_FALSE(UnpackChanges("").ok());
  EXPECT_FALSE(UnpackChanges(std::string("\x02") + packed.substr(1)).ok());  // unknown version
  EXPECT_FALSE(UnpackChanges(packed.substr(0, packed.size() - 2)).ok());     // cut short
  EXPECT_FALSE(UnpackChanges(R"({"new":{}})").ok());                         // plain text
}

// Any text packs and unpacks to itself; any damaged value is refused or unpacks to something,
// never crashes or reads out of bounds (ASan watches).
TEST(AuditCodecFuzzTest, RoundTripsAndSurvivesDamage) {
  testing::FuzzRun run(3000, 3.0);
  // Mostly JSON-like bytes, so the dictionary's matches are exercised, with any byte mixed in.
  constexpr std::string_view kAlphabet = R"({}[]":,0123456789abcdefghijklmnop_-. )";
  constexpr std::string_view kTokens[] = {R"({"new":{)", R"("field":)", R"("old":null)", "\\u0000"};
  while (run.Next()) {
    std::string text(run.Below(3000), '\0');
    for (char& c : text) {
      c = run.Chance(0.9) ? kAlphabet[run.Below(kAlphabet.size())]
                          : static_cast<char>(run.Below(256));
    }
    const std::string packed = PackChanges(text);
    auto unpacked = UnpackChanges(packed);
    ASSERT_TRUE(unpacked.ok()) << run.Reproduce(text);
    ASSERT_EQ(*unpacked, text) << run.Reproduce(text);
    const std::string damaged = run.Mutate(packed, kTokens);
    (void)UnpackChanges(damaged);
    (void)UnpackChanges(damaged.substr(0, run.Below(damaged.size() + 1)));
  }
}

}  // namespace
}  // namespace rapport::storage
