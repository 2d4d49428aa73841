// Bounded generative test of email normalisation (contact_points.cpp): one mailbox written in
// many ways (item 14 of the hardening issue: case of an IDN domain, NFD letters, the punycode
// domain, a quoted local part, a trailing no-break space, zero-width spaces) must either give one
// EmailKey or be refused, never two keys, or uniqueness is bypassed. tests/testing/fuzz.hpp says
// how to run it longer.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "customers/contact_points.hpp"
#include "testing/fuzz.hpp"

namespace rapport::customers {
namespace {

using testing::FuzzRun;

// One domain label in the forms a person or a mail client may write it.
struct Label {
  std::string_view lower;     // NFC, lower case
  std::string_view upper;     // NFC, upper case
  std::string_view nfd;       // decomposed: base letter + combining mark
  std::string_view punycode;  // the IDNA A-label (checked with Python's idna codec)
};

constexpr Label kLabels[] = {
    {"example", "EXAMPLE", "example", "example"},
    {"mail", "MAIL", "mail", "mail"},
    {"bücher", "BÜCHER", "bu\u0308cher", "xn--bcher-kva"},
    {"münchen", "MÜNCHEN", "mu\u0308nchen", "xn--mnchen-3ya"},
    {"café", "CAFÉ", "cafe\u0301", "xn--caf-dma"},
    {"español", "ESPAÑOL", "espan\u0303ol", "xn--espaol-zwa"},
    {"köln", "KÖLN", "ko\u0308ln", "xn--kln-sna"},
    {"zürich", "ZÜRICH", "zu\u0308rich", "xn--zrich-kva"},
};
constexpr std::string_view kTopLevel[] = {"com", "de", "org", "ch"};

// Local parts: NFC and NFD spellings (identical for ASCII ones).
struct Local {
  std::string_view nfc;
  std::string_view nfd;
};
constexpr Local kLocals[] = {{"jane.doe", "jane.doe"}, {"ana+crm", "ana+crm"},
                             {"x_y-z", "x_y-z"},       {"jöhn", "jo\u0308hn"},
                             {"zoë", "zoe\u0308"},     {"renée", "rene\u0301e"}};

constexpr std::string_view kNoBreakSpace = "\u00a0";
constexpr std::string_view kZeroWidthSpace = "\u200b";

std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Every way of writing local@label.tld that names the same mailbox.
std::vector<std::string> Variants(FuzzRun& run, const Local& local, const Label& label,
                                  std::string_view tld) {
  const std::string nfc_local(local.nfc);
  std::vector<std::string> domains = {std::string(label.lower) + "." + std::string(tld),
                                      std::string(label.upper) + "." + AsciiUpper(tld),
                                      std::string(label.nfd) + "." + std::string(tld),
                                      std::string(label.punycode) + "." + std::string(tld),
                                      AsciiUpper(label.punycode) + "." + std::string(tld)};
  std::vector<std::string> locals = {nfc_local, std::string(local.nfd), AsciiUpper(nfc_local),
                                     "\"" + nfc_local + "\""};
  std::vector<std::string> variants;
  for (const auto& l : locals) {
    for (const auto& d : domains) variants.push_back(l + "@" + d);
  }
  // Invisible characters around and inside the address.
  const std::string plain = nfc_local + "@" + domains[0];
  variants.push_back(plain + std::string(kNoBreakSpace));
  variants.push_back(std::string(kNoBreakSpace) + plain);
  variants.push_back(plain + std::string(kZeroWidthSpace));
  variants.push_back(std::string(kZeroWidthSpace) + plain);
  const size_t at = plain.find('@');
  variants.push_back(plain.substr(0, at) + std::string(kZeroWidthSpace) + plain.substr(at));
  variants.push_back(plain.substr(0, at + 1) + std::string(kZeroWidthSpace) + plain.substr(at + 1));
  // ASCII white space is trimmed, as before.
  variants.push_back("  " + plain + "\t");
  // A random subset in random order, so no test depends on which variant came first.
  std::vector<std::string> picked;
  for (auto& variant : variants) {
    if (run.Chance(0.7)) picked.push_back(std::move(variant));
  }
  std::shuffle(picked.begin(), picked.end(), run.rng());
  return picked;
}

TEST(EmailFuzzTest, OneMailboxNeverGetsTwoKeys) {
  FuzzRun run(400, 2.0);
  while (run.Next()) {
    const Local& local = run.Pick(kLocals);
    const Label& label = run.Pick(kLabels);
    const std::string_view tld = run.Pick(kTopLevel);
    std::map<std::string, std::string> key_to_variant;
    std::string report;
    for (const std::string& variant : Variants(run, local, label, tld)) {
      const auto normalized = NormalizeEmail(variant);
      report += "  \"" + testing::Escape(variant) + "\" -> ";
      if (!normalized) {
        report += "refused\n";
        continue;
      }
      const std::string key = EmailKey(*normalized);
      report += "\"" + testing::Escape(key) + "\"\n";
      key_to_variant.emplace(key, variant);
      // A key is stable: normalising it again gives itself.
      const auto again = NormalizeEmail(key);
      EXPECT_TRUE(again && EmailKey(*again) == key)
          << "key \"" << testing::Escape(key) << "\" does not normalise to itself\n"
          << run.Reproduce(variant);
    }
    EXPECT_LE(key_to_variant.size(), 1u)
        << "one mailbox, " << key_to_variant.size() << " keys:\n"
        << report << run.Reproduce(std::string(local.nfc) + "@" + std::string(label.lower));
    if (::testing::Test::HasFailure()) break;
  }
}

// Refusing everything would also give "one key": the plain forms must still be accepted.
TEST(EmailFuzzTest, PlainAsciiAndPunycodeAddressesAreAccepted) {
  for (const Label& label : kLabels) {
    for (const std::string_view tld : kTopLevel) {
      const std::string address =
          "jane.doe@" + std::string(label.punycode) + "." + std::string(tld);
      EXPECT_TRUE(NormalizeEmail(address).has_value()) << address;
      EXPECT_TRUE(NormalizeEmail(AsciiUpper(address)).has_value()) << address;
    }
  }
}

// Random bytes and mutated addresses: never a crash, and whatever is accepted is stable.
TEST(EmailFuzzTest, MutatedAddressesNormaliseStablyOrAreRefused) {
  constexpr std::string_view kTokens[] = {
      "@",    ".",    "..", "\"", "\\", " ", "\u00a0", "\u200b", "\u0308", "xn--",
      "\xff", "\xc3", "<",  ">",  ",",  ";", "\u00c9", "\u0130" /* İ: lower-cases to two chars */};
  FuzzRun run(5000, 2.0);
  while (run.Next()) {
    const std::string address =
        run.Mutate(std::string(run.Pick(kLocals).nfc) + "@" + std::string(run.Pick(kLabels).lower) +
                       "." + std::string(run.Pick(kTopLevel)),
                   kTokens);
    const auto normalized = NormalizeEmail(address);
    if (!normalized) continue;
    const std::string key = EmailKey(*normalized);
    const auto again = NormalizeEmail(key);
    EXPECT_TRUE(again && EmailKey(*again) == key)
        << "key \"" << testing::Escape(key) << "\" does not normalise to itself\n"
        << run.Reproduce(address);
    if (::testing::Test::HasFailure()) break;
  }
}

}  // namespace
}  // namespace rapport::customers
