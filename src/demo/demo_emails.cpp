#include "demo/demo_emails.hpp"

#include <algorithm>
#include <cstdio>
#include <span>

namespace rapport::demo {
namespace {

struct WeightedStyle {
  EmailStyle style;
  int weight;
};

// Personal mailboxes vary; companies mostly use first.last.
constexpr WeightedStyle kPersonalStyles[] = {
    {EmailStyle::kFirstDotLast, 30},       {EmailStyle::kFirstLast, 12},
    {EmailStyle::kFirstUnderscoreLast, 5}, {EmailStyle::kInitialLast, 8},
    {EmailStyle::kInitialDotLast, 10},     {EmailStyle::kFirstDotLastYear, 10},
    {EmailStyle::kLastDotFirst, 5},        {EmailStyle::kFirstInitial, 5},
    {EmailStyle::kFirstDotLastNumber, 10}};
constexpr WeightedStyle kWorkStyles[] = {{EmailStyle::kFirstDotLast, 55},
                                         {EmailStyle::kInitialLast, 20},
                                         {EmailStyle::kInitialDotLast, 15},
                                         {EmailStyle::kFirstUnderscoreLast, 5},
                                         {EmailStyle::kFirstOnly, 5}};

EmailStyle PickStyle(std::span<const WeightedStyle> styles, DemoRandom& random) {
  return styles[random.PickWeightedBy(styles, [](const WeightedStyle& s) { return s.weight; })]
      .style;
}

// FNV-1a: the same value on every platform, unlike std::hash, so the addresses handed out (and
// with them the demo data of a seed) never depend on the standard library.
uint64_t AddressHash(std::string_view address) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : address) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return hash;
}

std::string TwoDigits(int64_t value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", static_cast<int>(value % 100));
  return buffer;
}

}  // namespace

EmailStyle PickPersonalEmailStyle(DemoRandom& random) { return PickStyle(kPersonalStyles, random); }
EmailStyle PickWorkEmailStyle(DemoRandom& random) { return PickStyle(kWorkStyles, random); }

std::string EmailLocalPart(EmailStyle style, std::string_view first_token,
                           std::string_view last_token, std::optional<int> birth_year,
                           DemoRandom& random) {
  std::string first(first_token);  // not const: the kFirstOnly case moves it out
  const std::string last(last_token);
  switch (style) {
    case EmailStyle::kFirstDotLast:
      return first + "." + last;
    case EmailStyle::kFirstLast:
      return first + last;
    case EmailStyle::kFirstUnderscoreLast:
      return first + "_" + last;
    case EmailStyle::kInitialLast:
      return first.substr(0, 1) + last;
    case EmailStyle::kInitialDotLast:
      return first.substr(0, 1) + "." + last;
    case EmailStyle::kFirstDotLastYear:
      return first + "." + last + TwoDigits(birth_year ? *birth_year : random.Between(60, 99));
    case EmailStyle::kLastDotFirst:
      return last + "." + first;
    case EmailStyle::kFirstInitial:
      return first + last.substr(0, 1);
    case EmailStyle::kFirstDotLastNumber:
      return first + "." + last + TwoDigits(random.Between(0, 99));
    case EmailStyle::kFirstOnly:
      return first;
  }
  return first + "." + last;
}

EmailRegistry::EmailRegistry(size_t expected_addresses) {
  size_t capacity = 64;
  while (capacity < expected_addresses * 2) capacity *= 2;  // at most half full
  slots_.assign(capacity, 0);
}

bool EmailRegistry::Insert(std::string_view address) {
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  const uint64_t hash = std::max<uint64_t>(AddressHash(address), 1);  // 0 marks a free slot
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    if (slots_[i] == hash) return false;
    if (slots_[i] == 0) {
      slots_[i] = hash;
      ++size_;
      return true;
    }
  }
}

void EmailRegistry::Grow() {
  std::vector<uint64_t> old(slots_.size() * 2, 0);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const uint64_t hash : old) {
    if (hash == 0) continue;
    size_t i = hash & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = hash;
  }
}

std::string EmailRegistry::Claim(std::string_view local, std::string_view domain) {
  const std::string at_domain = "@" + std::string(domain);
  std::string address = std::string(local) + at_domain;
  if (Insert(address)) return address;
  int& next = next_suffix_[AddressHash(address)];
  next = std::max(next, 2);
  for (;;) {
    std::string candidate = std::string(local) + std::to_string(next++) + at_domain;
    if (Insert(candidate)) return candidate;
  }
}

}  // namespace rapport::demo
