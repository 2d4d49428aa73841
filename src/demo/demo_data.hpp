// Demo data: a deterministic, realistic set of companies, customers and their interaction
// histories for trying Rapport out (`rapport demo`, `make run`).
//
// Bodies are in the exact JSON shapes the create services accept, so the caller only posts them
// in order: companies first, then each customer (resolving company_key to the created
// company's id), then that customer's interactions. Everything is drawn from a small PRNG of our
// own seeded from `seed`, and "now" is passed in, so the same options give byte-identical output
// on every machine and standard library. Contact details are fictitious: e-mail domains are under
// the reserved .example TLD; phone numbers follow real national formats and may exist.
//
// Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"

namespace rapport::demo {

struct DemoOptions {
  int customers = 1000;  // REQUIRES: >= 0
  uint64_t seed = 42;
  // "Now" for every timestamp (milliseconds since the epoch), passed in so that output is
  // deterministic. REQUIRES: set by the caller, normally to NowMillis().
  int64_t now_millis = 0;
};

struct DemoCompany {
  std::string key;  // local reference for DemoCustomer::company_key, e.g. "company-00017"
  json::object body;
};

struct DemoCustomer {
  std::optional<std::string> company_key;
  json::object body;
  std::vector<json::object> interactions;  // sorted by occurred_at ascending
};

struct DemoData {
  std::vector<DemoCompany> companies;
  std::vector<DemoCustomer> customers;
};

// About one company per eight customers (at least three) and options.customers customers.
DemoData GenerateDemoData(const DemoOptions& options);

}  // namespace rapport::demo
