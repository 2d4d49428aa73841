// E-mail addresses for demo people: the local-part styles people and companies use
// ("anna.mueller", "amueller", "anna.mueller87" ...) and a registry that hands out every address
// once. Private to src/demo. EmailRegistry is not thread-safe; the rest are pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "demo/demo_random.hpp"

namespace rapport::demo {

enum class EmailStyle {
  kFirstDotLast,         // anna.mueller
  kFirstLast,            // annamueller
  kFirstUnderscoreLast,  // anna_mueller
  kInitialLast,          // amueller
  kInitialDotLast,       // a.mueller
  kFirstDotLastYear,     // anna.mueller87 (birth year, or any two digits)
  kLastDotFirst,         // mueller.anna
  kFirstInitial,         // annam
  kFirstDotLastNumber,   // anna.mueller42
  kFirstOnly,            // anna
};

// How people name their personal mailboxes, and how companies name their staff's.
EmailStyle PickPersonalEmailStyle(DemoRandom& random);
EmailStyle PickWorkEmailStyle(DemoRandom& random);

// The local part for a person whose names are already folded to tokens (see EmailToken).
// REQUIRES: first and last are not empty.
std::string EmailLocalPart(EmailStyle style, std::string_view first, std::string_view last,
                           std::optional<int> birth_year, DemoRandom& random);

// Hands out e-mail addresses, each once. A taken address gets the lowest free number appended
// ("anna.mueller2@..."); the next number to try is remembered per address, so that a thousand
// Anna Müllers cost a lookup each rather than a scan. Addresses are lower-case ASCII, so unique
// here means unique regardless of case.
//
// Only a 64-bit FNV-1a hash of each address is kept, in an open-addressing table (16 to 32 bytes
// per address instead of ~100 for a set of strings), so `rapport demo` stays small at millions of
// customers. Two addresses with the same hash would make the second one take a number it did not
// need: about a one-in-a-billion chance at 200,000 addresses, and deterministic like the rest.
class EmailRegistry {
 public:
  explicit EmailRegistry(size_t expected_addresses);
  // REQUIRES: local and domain are lower-case ASCII.
  std::string Claim(std::string_view local, std::string_view domain);

 private:
  // Marks the address taken; false when it already was.
  bool Insert(std::string_view address);
  void Grow();

  std::vector<uint64_t> slots_;  // hashes; 0 marks a free slot; size is a power of two
  size_t size_ = 0;
  std::unordered_map<uint64_t, int> next_suffix_;  // by the hash of the unnumbered address
};

}  // namespace rapport::demo
