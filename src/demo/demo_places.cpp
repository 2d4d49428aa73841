#include "demo/demo_places.hpp"

#include "demo/demo_format.hpp"

namespace rapport::demo {
namespace {

std::string StreetLine(const Country& country, DemoRandom& random) {
  const std::string street(random.Pick(country.streets));
  const std::string number =
      std::to_string(random.Between(country.min_house_number, country.max_house_number));
  switch (country.street_style) {
    case StreetStyle::kNameNumber:
      return street + " " + number;
    case StreetStyle::kNumberName:
      return number + " " + street;
    case StreetStyle::kNameCommaNumber:
      return street + ", " + number;
  }
  return street + " " + number;
}

}  // namespace

PlacePicker::PlacePicker() {
  for (const Country& country : Countries()) {
    country_weights_.push_back(country.weight);
    std::vector<int>& cities = city_weights_.emplace_back();
    for (const City& city : country.cities) cities.push_back(city.weight);
  }
}

size_t PlacePicker::PickCountry(DemoRandom& random) const {
  return random.PickWeighted(country_weights_);
}

size_t PlacePicker::PickCity(size_t country, DemoRandom& random) const {
  return random.PickWeighted(city_weights_[country]);
}

json::object MakeAddress(const Country& country, const City& city, DemoRandom& random) {
  json::object address(5);
  address.emplace("line1", StreetLine(country, random));
  address.emplace("city", city.name);
  address.emplace("region", city.region);
  address.emplace("postal_code", ExpandPattern(city.postal_pattern, random));
  address.emplace("country", country.code);
  return address;
}

std::string MakePhoneNumber(const Country& country, std::string_view pattern, DemoRandom& random) {
  return "+" + std::string(country.calling_code) + ExpandPattern(pattern, random);
}

std::string_view MobilePattern(const Country& country, const City& city) {
  return city.mobile_pattern.empty() ? country.mobile_pattern : city.mobile_pattern;
}

}  // namespace rapport::demo
