// Where demo people and companies are: weighted choice of a country and city, and postal
// addresses and phone numbers in that country's formats. Private to src/demo. PlacePicker is
// immutable after construction, so one instance may be shared between threads; the functions
// are pure apart from the DemoRandom they draw from.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "demo/demo_random.hpp"
#include "demo/demo_vocabulary.hpp"

namespace rapport::demo {

// Picks a country by its share of customers, then a city in it by population.
class PlacePicker {
 public:
  PlacePicker();
  size_t PickCountry(DemoRandom& random) const;               // index into Countries()
  size_t PickCity(size_t country, DemoRandom& random) const;  // index into its cities

 private:
  std::vector<int> country_weights_;
  std::vector<std::vector<int>> city_weights_;
};

// {line1, city, region, postal_code, country} in the API's address shape.
json::object MakeAddress(const Country& country, const City& city, DemoRandom& random);

// An E.164 number ("+4915112345678") from one of `pattern`'s alternatives.
std::string MakePhoneNumber(const Country& country, std::string_view pattern, DemoRandom& random);

// Mobile numbers come from the country's ranges, except in the US where they share the city's
// area codes.
std::string_view MobilePattern(const Country& country, const City& city);

}  // namespace rapport::demo
