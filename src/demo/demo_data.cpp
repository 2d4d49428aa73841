#include "demo/demo_data.hpp"

#include <algorithm>
#include <cstdio>
#include <span>
#include <string_view>

#include "demo/demo_companies.hpp"
#include "demo/demo_emails.hpp"
#include "demo/demo_format.hpp"
#include "demo/demo_interactions.hpp"
#include "demo/demo_places.hpp"
#include "demo/demo_random.hpp"
#include "demo/demo_staff.hpp"
#include "demo/demo_vocabulary.hpp"

namespace rapport::demo {
namespace {

constexpr int kCustomersPerCompany = 8;
constexpr int kMinCompanies = 3;

// Shares in percent, picked to look like the contact list of a small business that sells to
// both companies and private customers.
constexpr int kCompanyMemberPercent = 60;
constexpr int kSameCountryAsCompanyPercent = 85;  // the rest work remotely from abroad
constexpr int kSameCityAsCompanyPercent = 70;
constexpr int kHomeCulturePercent = 82;      // the rest carry names from another culture
constexpr int kCultureLanguagePercent = 40;  // of those, who prefer their own language
constexpr int kEnglishPercent = 8;           // expats and international staff
constexpr int kBirthdayPercent = 70;
constexpr int kPrivateEmailPercent = 97;  // private customers without: reached by phone only
constexpr int kSecondPrivateEmailPercent = 10;
constexpr int kMemberHomeEmailPercent = 40;
constexpr int kHomeEmailPrimaryPercent = 20;  // of members who have one
constexpr int kMobilePercent = 85;
constexpr int kWorkPhonePercent = 55;
constexpr int kHomePhonePercent = 12;
constexpr int kHomeAddressPercent = 70;
constexpr int kWorkAddressPercent = 50;
constexpr int kEmailConsentPercent = 85;
constexpr int kSmsConsentPercent = 45;
constexpr int kServiceConsentPercent = 75;  // a record for service messages exists at all
constexpr int kMarketingGrantedPercent = 60;
constexpr int kServiceGrantedPercent = 92;

constexpr int64_t kMinAdultAge = 18;

constexpr WeightedValue kLifecycleStages[] = {  // in LifecycleStage order
    {"lead", 20},
    {"prospect", 20},
    {"customer", 50},
    {"churned", 10}};
constexpr WeightedValue kMemberRelationships[] = {{"transactional", 10},
                                                  {"long_term", 25},
                                                  {"self_service", 8},
                                                  {"personal_assistance", 12},
                                                  {"dedicated_assistance", 20},
                                                  {"automated", 5},
                                                  {"community", 8},
                                                  {"co_creation", 12}};
constexpr WeightedValue kPrivateRelationships[] = {{"transactional", 30},
                                                   {"long_term", 15},
                                                   {"self_service", 20},
                                                   {"personal_assistance", 12},
                                                   {"dedicated_assistance", 3},
                                                   {"automated", 10},
                                                   {"community", 8},
                                                   {"co_creation", 2}};

constexpr std::string_view kCustomerTags[] = {"vip",        "newsletter", "wholesale",
                                              "event-2026", "beta",       "referral"};
constexpr int kTagCountWeights[] = {35, 35, 20, 10};  // 0 to 3 tags

constexpr WeightedValue kConsentSources[] = {{"signup form", 55}, {"event", 15}, {"import", 30}};
constexpr std::string_view kConsentWordingVersion = "2025-03";

// Who a customer is and where they live. Views point into the vocabulary.
struct Person {
  const CompanyFacts* company;  // nullptr for a private customer
  const Country& country;
  const City& city;
  const NameCulture& culture;
  bool home_culture;  // named like most people in their country
  std::string_view first_name;
  std::string_view last_name;
  std::optional<int64_t> birthday;  // days since the epoch
};

// What every customer is generated against.
struct Context {
  const DemoOptions& options;
  const PlacePicker& places;
  const GeneratedCompanies& companies;
  const CompanyPicker& company_picker;
  EmailRegistry& emails;
};

Person DrawPerson(const CompanyFacts* company, const Context& context, DemoRandom& random) {
  size_t country_index = context.places.PickCountry(random);
  size_t city_index = context.places.PickCity(country_index, random);
  if (company != nullptr && random.Percent(kSameCountryAsCompanyPercent)) {
    country_index = company->country;
    city_index = random.Percent(kSameCityAsCompanyPercent)
                     ? company->city
                     : context.places.PickCity(country_index, random);
  }
  const Country& country = Countries()[country_index];
  const bool home_culture = random.Percent(kHomeCulturePercent);
  const NameCulture& culture =
      home_culture ? NameCultures()[country.name_culture] : random.Pick(NameCultures());
  const std::string_view first_name = random.Pick(culture.first_names);
  const std::string_view last_name = random.Pick(culture.last_names);
  std::optional<int64_t> birthday;
  if (random.Percent(kBirthdayPercent)) {
    // Ages 18 to 79, most around 50: the sum of two uniform draws.
    const int64_t today = context.options.now_millis / kMillisPerDay;
    const int64_t age = kMinAdultAge + random.Between(0, 30) + random.Between(0, 31);
    birthday = today - age * 36525 / 100 - random.Between(0, 364);
  }
  return Person{company,   country, country.cities[city_index], culture, home_culture, first_name,
                last_name, birthday};
}

json::object ContactPoint(std::string_view key, const std::string& value, std::string_view label,
                          bool primary) {
  json::object point(3);
  point.emplace(key, value);
  point.emplace("label", label);
  point.emplace("primary", primary);
  return point;
}

// Staff have a work address at their company's domain and some a private one; private
// customers have one or two private ones, or rarely none.
json::array MakeEmails(const Person& person, EmailRegistry& emails, DemoRandom& random) {
  std::string first = EmailToken(person.first_name, person.culture.expand_umlauts);
  std::string last = EmailToken(person.last_name, person.culture.expand_umlauts);
  if (first.empty()) first = "contact";  // unreachable with today's name lists
  if (last.empty()) last = "demo";
  std::optional<int> birth_year;
  if (person.birthday) birth_year = CivilFromDays(*person.birthday).year;
  const auto personal_address = [&] {
    const std::string local =
        EmailLocalPart(PickPersonalEmailStyle(random), first, last, birth_year, random);
    return emails.Claim(local, random.Pick(PersonalEmailDomains()));
  };

  json::array list;
  if (person.company != nullptr) {
    const bool home = random.Percent(kMemberHomeEmailPercent);
    const bool home_primary = home && random.Percent(kHomeEmailPrimaryPercent);
    const std::string local =
        EmailLocalPart(person.company->email_style, first, last, birth_year, random);
    list.push_back(ContactPoint("address", emails.Claim(local, person.company->domain), "work",
                                !home_primary));
    if (home) list.push_back(ContactPoint("address", personal_address(), "home", home_primary));
  } else if (random.Percent(kPrivateEmailPercent)) {
    const int count = random.Percent(kSecondPrivateEmailPercent) ? 2 : 1;
    for (int i = 0; i < count; ++i) {
      list.push_back(ContactPoint("address", personal_address(), "home", i == 0));
    }
  }
  return list;
}

struct Phones {
  json::array numbers;
  bool has_mobile;
};

// A mobile for most (always for someone without e-mail), a direct line at the company for some
// staff, a landline at home for a few. The first is primary.
Phones MakePhones(const Person& person, bool needs_mobile, DemoRandom& random) {
  Phones phones{.numbers = {}, .has_mobile = needs_mobile || random.Percent(kMobilePercent)};
  if (phones.has_mobile) {
    phones.numbers.push_back(ContactPoint(
        "number",
        MakePhoneNumber(person.country, MobilePattern(person.country, person.city), random),
        "mobile", true));
  }
  if (person.company != nullptr && random.Percent(kWorkPhonePercent)) {
    const Country& country = Countries()[person.company->country];
    const City& city = country.cities[person.company->city];
    phones.numbers.push_back(ContactPoint("number",
                                          MakePhoneNumber(country, city.landline_pattern, random),
                                          "work", phones.numbers.empty()));
  }
  if (random.Percent(kHomePhonePercent)) {
    phones.numbers.push_back(ContactPoint(
        "number", MakePhoneNumber(person.country, person.city.landline_pattern, random), "home",
        phones.numbers.empty()));
  }
  return phones;
}

json::object LabeledAddress(std::string_view label, const json::object& address) {
  json::object labeled(address.size() + 1);
  labeled.emplace("label", label);
  for (const auto& field : address) labeled.emplace(field.key(), field.value());
  return labeled;
}

json::array MakeAddresses(const Person& person, DemoRandom& random) {
  json::array addresses;
  if (random.Percent(kHomeAddressPercent)) {
    addresses.push_back(LabeledAddress("home", MakeAddress(person.country, person.city, random)));
  }
  if (person.company != nullptr && random.Percent(kWorkAddressPercent)) {
    addresses.push_back(LabeledAddress("work", person.company->address));
  }
  return addresses;
}

std::string_view PickLanguage(const Person& person, DemoRandom& random) {
  if (!person.home_culture && !person.culture.language.empty() &&
      random.Percent(kCultureLanguagePercent)) {
    return person.culture.language;
  }
  return random.Percent(kEnglishPercent) ? "en" : person.country.language;
}

// Only channels the customer can be reached on.
std::string_view PickPreferredChannel(bool has_email, bool has_phone, bool has_mobile,
                                      DemoRandom& random) {
  const WeightedValue channels[] = {{"email", has_email ? 40 : 0},
                                    {"phone", has_phone ? 20 : 0},
                                    {"chat", 15},
                                    {"sms", has_mobile ? 10 : 0},
                                    {"in_person", 15}};
  return random.PickValue(channels);
}

std::vector<std::string_view> PickTags(bool company_member, bool has_email, DemoRandom& random) {
  std::vector<std::string_view> candidates;
  for (const std::string_view tag : kCustomerTags) {
    if (tag == "wholesale" && !company_member) continue;  // a business arrangement
    if (tag == "newsletter" && !has_email) continue;
    candidates.push_back(tag);
  }
  return random.PickDistinct(std::move(candidates), random.PickWeighted(kTagCountWeights));
}

json::object ConsentRecord(bool granted, std::string_view source) {
  json::object record(3);
  record.emplace("status", granted ? "granted" : "denied");
  record.emplace("source", source);
  record.emplace("wording_version", kConsentWordingVersion);
  return record;
}

json::object ChannelConsent(bool marketing_granted, std::string_view source, DemoRandom& random) {
  json::object channel;
  channel.emplace("marketing", ConsentRecord(marketing_granted, source));
  if (random.Percent(kServiceConsentPercent)) {
    channel.emplace("service", ConsentRecord(random.Percent(kServiceGrantedPercent), source));
  }
  return channel;
}

// Consent per channel the customer has, not for everyone. One source per person (where they
// signed up); event contacts gave it at the event, newsletter readers granted e-mail marketing.
json::object MakeConsent(const std::vector<std::string_view>& tags, bool has_email, bool has_mobile,
                         DemoRandom& random) {
  const auto tagged = [&](std::string_view tag) {
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
  };
  const std::string_view source =
      tagged("event-2026") ? std::string_view("event") : random.PickValue(kConsentSources);
  const bool newsletter = tagged("newsletter");
  json::object consent;
  if (has_email && (newsletter || random.Percent(kEmailConsentPercent))) {
    const bool marketing = newsletter || random.Percent(kMarketingGrantedPercent);
    consent.emplace("email", ChannelConsent(marketing, source, random));
  }
  if (has_mobile && random.Percent(kSmsConsentPercent)) {
    consent.emplace("sms",
                    ChannelConsent(random.Percent(kMarketingGrantedPercent), source, random));
  }
  return consent;
}

DemoCustomer GenerateCustomer(size_t index, const Context& context) {
  DemoRandom random = DemoRandom::ForEntity(context.options.seed, Stream::kCustomers, index);
  DemoCustomer customer;
  const CompanyFacts* company = nullptr;
  if (random.Percent(kCompanyMemberPercent)) {
    const size_t company_index = context.company_picker.Pick(random);
    company = &context.companies.facts[company_index];
    customer.company_key = context.companies.companies[company_index].key;
  }
  const Person person = DrawPerson(company, context, random);
  if (auto owner = DemoOwnerKey(context.options.seed, index))
    customer.owner_key = std::string(*owner);

  json::array emails = MakeEmails(person, context.emails, random);
  const bool has_email = !emails.empty();
  Phones phones = MakePhones(person, /*needs_mobile=*/!has_email, random);
  const bool has_phone = !phones.numbers.empty();
  json::array addresses = MakeAddresses(person, random);
  const std::string_view language = PickLanguage(person, random);
  const size_t stage = random.PickWeighted(kLifecycleStages);
  const std::span<const WeightedValue> relationships =
      company != nullptr ? std::span(kMemberRelationships) : std::span(kPrivateRelationships);
  const std::string_view relationship = random.PickValue(relationships);
  const std::string_view preferred_channel =
      PickPreferredChannel(has_email, has_phone, phones.has_mobile, random);
  const std::vector<std::string_view> tags = PickTags(company != nullptr, has_email, random);
  json::object consent = MakeConsent(tags, has_email, phones.has_mobile, random);
  char external_id[32];
  std::snprintf(external_id, sizeof external_id, "crm-%06zu", index + 1);

  json::object& body = customer.body;
  body.reserve(14);
  body.emplace("first_name", person.first_name);
  body.emplace("last_name", person.last_name);
  body.emplace("emails", std::move(emails));
  body.emplace("phones", std::move(phones.numbers));
  body.emplace("addresses", std::move(addresses));
  if (person.birthday) body.emplace("birthday", FormatDate(*person.birthday));
  body.emplace("language", language);
  body.emplace("time_zone", person.city.time_zone);
  body.emplace("lifecycle_stage", kLifecycleStages[stage].value);
  body.emplace("relationship_type", relationship);
  body.emplace("preferred_channel", preferred_channel);
  body.emplace("tags", json::array(tags.begin(), tags.end()));
  body.emplace("consent", std::move(consent));
  body.emplace("external_id", external_id);

  DemoRandom interaction_random =
      DemoRandom::ForEntity(context.options.seed, Stream::kInteractions, index);
  const InteractionProfile profile{
      .stage = static_cast<LifecycleStage>(stage),
      .first_name = person.first_name,
      .city = person.city.name,
      .currency = person.country.currency,
      .utc_offset_minutes = person.city.utc_offset_minutes,
      .has_email = has_email,
      .has_phone = has_phone,
      .has_mobile = phones.has_mobile,
  };
  customer.interactions =
      GenerateInteractions(profile, context.options.now_millis, interaction_random);
  return customer;
}

}  // namespace

struct DemoGenerator::State {
  explicit State(const DemoOptions& demo_options)
      : options(demo_options),
        customer_count(static_cast<size_t>(std::max(options.customers, 0))),
        companies(GenerateCompanies(
            std::max<size_t>(kMinCompanies, customer_count / kCustomersPerCompany), options.seed,
            places)),
        company_picker(companies.facts),
        emails(customer_count * 2),  // every customer has at most two e-mail addresses
        context{options, places, companies, company_picker, emails} {}

  const DemoOptions options;
  const size_t customer_count;
  const PlacePicker places;
  GeneratedCompanies companies;
  const CompanyPicker company_picker;
  EmailRegistry emails;
  const Context context;  // refers to the members above
  size_t next = 0;
};

DemoGenerator::DemoGenerator(const DemoOptions& options)
    : state_(std::make_unique<State>(options)) {}
DemoGenerator::~DemoGenerator() = default;

const std::vector<DemoCompany>& DemoGenerator::companies() const {
  return state_->companies.companies;
}
size_t DemoGenerator::customer_count() const { return state_->customer_count; }
size_t DemoGenerator::customers_taken() const { return state_->next; }

DemoCustomer DemoGenerator::NextCustomer() {
  return GenerateCustomer(state_->next++, state_->context);
}

DemoData GenerateDemoData(const DemoOptions& options) {
  DemoGenerator generator(options);
  DemoData data;
  data.customers.reserve(generator.customer_count());
  while (generator.customers_taken() < generator.customer_count()) {
    data.customers.push_back(generator.NextCustomer());
  }
  data.companies = generator.companies();
  return data;
}

}  // namespace rapport::demo
