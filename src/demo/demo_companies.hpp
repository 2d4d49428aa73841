// Demo companies: names built from word lists and surnames ("Northwind Logistics",
// "Becker & Rossi Consulting GmbH"), each with its own .example domain, plus an industry, size,
// address and tags; and the choice of employer for the customers who have one. Private to
// src/demo. GenerateCompanies is pure; CompanyPicker is immutable after construction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "demo/demo_data.hpp"
#include "demo/demo_emails.hpp"
#include "demo/demo_places.hpp"
#include "demo/demo_random.hpp"

namespace rapport::demo {

// What customers need to know about their company beyond its body.
struct CompanyFacts {
  size_t country;  // index into Countries()
  size_t city;     // index into the country's cities
  std::string domain;
  EmailStyle email_style;  // how the company names its staff's mailboxes
  int contact_weight;      // bigger companies have more contacts in a CRM
  json::object address;
};

struct GeneratedCompanies {
  std::vector<DemoCompany> companies;
  std::vector<CompanyFacts> facts;  // facts[i] belongs to companies[i]
};

// `count` companies with unique names and domains, keys "company-00001" onwards.
GeneratedCompanies GenerateCompanies(size_t count, uint64_t seed, const PlacePicker& places);

// Picks an employer, weighted by CompanyFacts::contact_weight, in O(log companies).
class CompanyPicker {
 public:
  // REQUIRES: facts is not empty.
  explicit CompanyPicker(const std::vector<CompanyFacts>& facts);
  size_t Pick(DemoRandom& random) const;  // an index into facts

 private:
  std::vector<uint64_t> cumulative_weights_;
};

}  // namespace rapport::demo
