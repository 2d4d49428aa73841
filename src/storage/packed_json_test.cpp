#include "storage/packed_json.hpp"

#include <gtest/gtest.h>

#include "storage/pack_dictionaries.hpp"
#include "testing/fuzz.hpp"

namespace rapport::storage {
namespace {

// The dictionaries as released.
constexpr size_t kDictionarySize = 32768;
constexpr uint64_t kAuditV1Fingerprint = 0x6ad3c47ed52201b5ull;
constexpr uint64_t kEventV1Fingerprint = 0x18f5e8912319914aull;

constexpr Packing kBoth[] = {Packing::kAuditV1, Packing::kEventV1};

// FNV-1a: a stable fingerprint of the dictionary's bytes, the same on every platform.
uint64_t Fingerprint(std::string_view bytes) {
  uint64_t hash = 14695981039346656037ull;
  for (const unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

TEST(PackedJsonTest, ReleasedDictionariesNeverChange) {
  // Values packed with a version read only with these exact bytes. If this fails, a dictionary
  // was edited: restore it and add a new version instead (pack_dictionaries.hpp).
  EXPECT_EQ(AuditDictionaryV1().size(), kDictionarySize);
  EXPECT_EQ(Fingerprint(AuditDictionaryV1()), kAuditV1Fingerprint);
  EXPECT_EQ(EventDictionaryV1().size(), kDictionarySize);
  EXPECT_EQ(Fingerprint(EventDictionaryV1()), kEventV1Fingerprint);
}

TEST(PackedJsonTest, RoundTripsTypicalValuesWithTheirVersionByte) {
  for (const Packing packing : kBoth) {
    for (const std::string_view json : {
             std::string_view(
                 R"({"new":{"id":"cus_01JEXAMPLE0000000000000000","first_name":"Ann"}})"),
             std::string_view(R"([{"field":"status","old":"open","new":"pending"}])"),
             std::string_view(R"({"interaction":{"id":"int_01JEXAMPLE0000000000000000"}})"),
             std::string_view(""),
             std::string_view("{}"),
         }) {
      const std::string packed = PackJson(packing, json);
      EXPECT_EQ(packed[0], static_cast<char>(packing));
      auto unpacked = UnpackJson(packed);
      ASSERT_TRUE(unpacked.ok());
      EXPECT_EQ(*unpacked, json);
    }
  }
}

TEST(PackedJsonTest, PacksACustomerToAFractionOfItsText) {
  const std::string customer =
      R"({"id":"cus_01JFQ3M5YB8W2K9T4R7N6P1XZC","first_name":"Lena","last_name":)"
      R"("Hoffmann","display_name":"Lena Hoffmann","emails":[{"address":"lena.hoffmann@)"
      R"(example.de","label":"work","primary":true}],"phones":[{"number":"+49 30 1234567",)"
      R"("label":"mobile","primary":true}],"language":"de","country":"DE","lifecycle_stage":)"
      R"("customer","relationship_type":"customer","tags":["vip","newsletter"],"owner_id":)"
      R"("usr_01JFQ3M5YB8W2K9T4R7N6P1XZD","source":"demo"})";
  const std::string audit_entry = R"({"new":)" + customer + "}";
  const std::string event_payload = R"({"customer":)" + customer + "}";
  const std::string audit = PackJson(Packing::kAuditV1, audit_entry);
  EXPECT_LT(audit.size() * 2, audit_entry.size()) << audit.size() << " of " << audit_entry.size();
  const std::string event = PackJson(Packing::kEventV1, event_payload);
  EXPECT_LT(event.size() * 2, event_payload.size())
      << event.size() << " of " << event_payload.size();
}

TEST(PackedJsonTest, PacksAnInteractionEventAgainstItsOwnDictionary) {
  // The most common event (nine in ten of a demo's): its own dictionary knows its shape.
  const std::string payload =
      R"({"interaction":{"id":"int_01JFQ3M5YB8W2K9T4R7N6P1XZE","customer_id":)"
      R"("cus_01JFQ3M5YB8W2K9T4R7N6P1XZC","channel":"email","direction":"inbound","kind":)"
      R"("message","occurred_at":"2026-11-30T09:17:11.576Z","sentiment":"neutral"}})";
  const std::string packed = PackJson(Packing::kEventV1, payload);
  EXPECT_LT(packed.size() * 2, payload.size()) << packed.size() << " of " << payload.size();
  EXPECT_LE(packed.size(), PackJson(Packing::kAuditV1, payload).size());
}

TEST(PackedJsonTest, RefusesWhatIsNotAPackedValue) {
  const std::string packed = PackJson(Packing::kEventV1, R"({"new":{"name":"Acme"}})");
  EXPECT_FALSE(UnpackJson("").ok());
  EXPECT_FALSE(UnpackJson(std::string("\x03") + packed.substr(1)).ok());  // unknown version
  EXPECT_FALSE(UnpackJson(std::string("\x00", 1) + packed.substr(1)).ok());
  EXPECT_FALSE(UnpackJson(packed.substr(0, packed.size() - 2)).ok());  // cut short
  EXPECT_FALSE(UnpackJson(R"({"new":{}})").ok());                      // plain text
}

// Any text packs and unpacks to itself; any damaged value is refused or unpacks to something,
// never crashes or reads out of bounds (ASan watches).
TEST(PackedJsonFuzzTest, RoundTripsAndSurvivesDamage) {
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
    const Packing packing = kBoth[run.Below(2)];
    const std::string packed = PackJson(packing, text);
    auto unpacked = UnpackJson(packed);
    ASSERT_TRUE(unpacked.ok()) << run.Reproduce(text);
    ASSERT_EQ(*unpacked, text) << run.Reproduce(text);
    const std::string damaged = run.Mutate(packed, kTokens);
    (void)UnpackJson(damaged);
    (void)UnpackJson(damaged.substr(0, run.Below(damaged.size() + 1)));
  }
}

}  // namespace
}  // namespace rapport::storage
