#include "demo/demo_companies.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <string_view>
#include <unordered_set>

#include "demo/demo_format.hpp"
#include "demo/demo_vocabulary.hpp"

namespace rapport::demo {
namespace {

struct CompanySize {
  std::string_view label;
  int weight;          // share of companies
  int contact_weight;  // relative number of contacts per company
};
constexpr CompanySize kCompanySizes[] = {
    {"1-10", 25, 1}, {"11-50", 35, 2}, {"51-200", 22, 3}, {"201-1000", 12, 4}, {"1000+", 6, 5}};
constexpr size_t kFirstLargeSize = 3;  // "201-1000" and up may be tagged "enterprise"
constexpr size_t kLastSmallSize = 1;   // "11-50" and below may be tagged "smb"

constexpr int kNamePatternWeights[] = {50, 30, 20};  // brand + noun, surname + noun, two surnames
// After this many draws of taken names, the city and then a number make the name unique. The
// patterns give several hundred thousand names, so at 12,500 companies (100,000 customers) a
// draw rarely collides and the fallback stays theory.
constexpr int kMaxNameAttempts = 100;
constexpr int kLegalSuffixPercent = 60;
constexpr int kTagCountWeights[] = {40, 40, 20};  // 0, 1 or 2 tags
constexpr std::string_view kTags[] = {"partner", "key-account", "reseller", "priority"};
constexpr std::string_view kDemoTld = ".example";

// "de Jong & Bakker" reads "De Jong & Bakker" at the start of a company name.
std::string Capitalized(std::string_view word) {
  std::string out(word);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  }
  return out;
}

std::string BaseName(const Country& country, const Industry& industry, DemoRandom& random) {
  const std::span<const std::string_view> surnames =
      NameCultures()[country.name_culture].last_names;
  const std::string noun(random.Pick(industry.nouns));
  switch (random.PickWeighted(kNamePatternWeights)) {
    case 0:
      return std::string(random.Pick(CompanyBrandWords())) + " " + noun;
    case 1:
      return Capitalized(random.Pick(surnames)) + " " + noun;
    default: {
      const size_t first = random.Below(surnames.size());
      const size_t second = (first + 1 + random.Below(surnames.size() - 1)) % surnames.size();
      return Capitalized(surnames[first]) + " & " + Capitalized(surnames[second]) + " " + noun;
    }
  }
}

// `labels` holds the domain labels already taken; the new company's is added.
std::pair<DemoCompany, CompanyFacts> GenerateCompany(size_t index, uint64_t seed,
                                                     const PlacePicker& places,
                                                     std::unordered_set<std::string>& labels) {
  DemoRandom random = DemoRandom::ForEntity(seed, Stream::kCompanies, index);
  const size_t country_index = places.PickCountry(random);
  const size_t city_index = places.PickCity(country_index, random);
  const Country& country = Countries()[country_index];
  const City& city = country.cities[city_index];
  const Industry& industry = random.Pick(Industries());

  std::string name;
  std::string label;
  for (int attempt = 0;; ++attempt) {
    name = BaseName(country, industry, random);
    if (attempt >= kMaxNameAttempts) name += " " + std::string(city.name);
    if (attempt > kMaxNameAttempts) name += " " + std::to_string(attempt - kMaxNameAttempts);
    label = DomainLabel(name);
    if (!label.empty() && labels.insert(label).second) break;
  }
  if (random.Percent(kLegalSuffixPercent)) {
    name += " " + std::string(PickAlternative(country.legal_suffixes, random));
  }

  static constexpr auto kSizeWeights = [] {
    std::array<int, std::size(kCompanySizes)> weights{};
    for (size_t i = 0; i < weights.size(); ++i) weights[i] = kCompanySizes[i].weight;
    return weights;
  }();
  const size_t size = random.PickWeighted(kSizeWeights);
  const EmailStyle email_style = PickWorkEmailStyle(random);
  json::object address = MakeAddress(country, city, random);
  CompanyFacts facts{
      .country = country_index,
      .city = city_index,
      .domain = label + std::string(kDemoTld),
      .email_style = email_style,
      .contact_weight = kCompanySizes[size].contact_weight,
      .address = std::move(address),
  };

  std::vector<std::string_view> tag_candidates(std::begin(kTags), std::end(kTags));
  if (size >= kFirstLargeSize) tag_candidates.push_back("enterprise");
  if (size <= kLastSmallSize) tag_candidates.push_back("smb");
  const std::vector<std::string_view> tags =
      random.PickDistinct(std::move(tag_candidates), random.PickWeighted(kTagCountWeights));

  DemoCompany company;
  char key[32];
  std::snprintf(key, sizeof key, "company-%05zu", index + 1);
  company.key = key;
  company.body.reserve(6);
  company.body.emplace("name", name);
  company.body.emplace("domain", facts.domain);
  company.body.emplace("industry", industry.name);
  company.body.emplace("size", kCompanySizes[size].label);
  company.body.emplace("address", facts.address);
  company.body.emplace("tags", json::array(tags.begin(), tags.end()));
  return {std::move(company), std::move(facts)};
}

}  // namespace

GeneratedCompanies GenerateCompanies(size_t count, uint64_t seed, const PlacePicker& places) {
  GeneratedCompanies generated;
  generated.companies.reserve(count);
  generated.facts.reserve(count);
  // Labels of the personal mail providers are taken from the start, so no company shares a
  // domain with people's private mailboxes.
  std::unordered_set<std::string> labels;
  labels.reserve(count + PersonalEmailDomains().size());
  for (const std::string_view domain : PersonalEmailDomains()) {
    labels.insert(std::string(domain.substr(0, domain.find('.'))));
  }
  for (size_t i = 0; i < count; ++i) {
    auto [company, facts] = GenerateCompany(i, seed, places, labels);
    generated.companies.push_back(std::move(company));
    generated.facts.push_back(std::move(facts));
  }
  return generated;
}

CompanyPicker::CompanyPicker(const std::vector<CompanyFacts>& facts) {
  cumulative_weights_.reserve(facts.size());
  uint64_t total = 0;
  for (const CompanyFacts& company : facts) {
    total += static_cast<uint64_t>(company.contact_weight);
    cumulative_weights_.push_back(total);
  }
}

size_t CompanyPicker::Pick(DemoRandom& random) const {
  const uint64_t target = random.Below(cumulative_weights_.back());
  return static_cast<size_t>(
      std::upper_bound(cumulative_weights_.begin(), cumulative_weights_.end(), target) -
      cumulative_weights_.begin());
}

}  // namespace rapport::demo
