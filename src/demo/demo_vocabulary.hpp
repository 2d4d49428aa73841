// The word lists and place data the demo data is built from: countries with their cities,
// phone, postcode and street formats; name pools of several cultures; the words company names
// are made of; the products and staff that interactions talk about. Private to src/demo.
// Constant data; thread-safe.
//
// Patterns (postcodes, phone numbers): '#' is any digit, '%' a digit 2-9 (a subscriber number
// or district never starts with 0 or 1), '@' a postcode letter from a set valid in both the UK
// and the Netherlands; '|' separates alternatives, one of which is picked.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace rapport::demo {

enum class StreetStyle {
  kNameNumber,       // "Hauptstraße 12"
  kNumberName,       // "12 rue de la République"
  kNameCommaNumber,  // "Calle Mayor, 12"
};

struct City {
  std::string_view name;
  std::string_view region;
  std::string_view postal_pattern;
  std::string_view landline_pattern;  // national significant number, without trunk prefix
  std::string_view mobile_pattern;    // empty: the country's (only the US sets it per city)
  std::string_view time_zone;         // IANA
  int utc_offset_minutes;             // standard time; only puts interactions in office hours
  int weight;                         // relative share of people living there
};

struct Country {
  std::string_view code;          // ISO 3166-1 alpha-2
  std::string_view calling_code;  // E.164 country code, without '+'
  std::string_view language;      // ISO 639-1
  std::string_view currency;      // symbol written before amounts
  std::string_view mobile_pattern;
  std::span<const std::string_view> streets;
  StreetStyle street_style;
  int min_house_number;  // US numbers run by block, so start in the hundreds
  int max_house_number;
  std::string_view legal_suffixes;  // alternatives
  size_t name_culture;              // index into NameCultures()
  std::span<const City> cities;
  int weight;  // relative share of customers and companies
};

struct NameCulture {
  std::string_view language;  // ISO 639-1 if one Rapport supports, else empty
  bool expand_umlauts;        // German habit in e-mail addresses: ü -> ue
  std::span<const std::string_view> first_names;
  std::span<const std::string_view> last_names;
};

struct Industry {
  std::string_view name;
  std::span<const std::string_view> nouns;  // "Logistics", "Freight" ...
};

std::span<const Country> Countries();
std::span<const NameCulture> NameCultures();
std::span<const Industry> Industries();
// Evocative first words of company names: "Northwind", "Bluefin" ...
std::span<const std::string_view> CompanyBrandWords();
// Providers of personal mailboxes. All under the reserved .example TLD so that a demo install
// that sends mail can never reach a real person.
std::span<const std::string_view> PersonalEmailDomains();
// First names of the demo tenant's own staff, who own accounts and sign messages.
std::span<const std::string_view> AgentNames();
std::span<const std::string_view> Products();
std::span<const std::string_view> Plans();

}  // namespace rapport::demo
