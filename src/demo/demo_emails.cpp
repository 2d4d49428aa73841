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

EmailRegistry::EmailRegistry(size_t expected_addresses) { taken_.reserve(expected_addresses); }

std::string EmailRegistry::Claim(std::string_view local, std::string_view domain) {
  const std::string at_domain = "@" + std::string(domain);
  std::string address = std::string(local) + at_domain;
  if (taken_.insert(address).second) return address;
  int& next = next_suffix_[address];
  next = std::max(next, 2);
  for (;;) {
    std::string candidate = std::string(local) + std::to_string(next++) + at_domain;
    if (taken_.insert(candidate).second) return candidate;
  }
}

}  // namespace rapport::demo
