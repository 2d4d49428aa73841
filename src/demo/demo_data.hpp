// Demo data: a deterministic, realistic set of companies, customers and their interaction
// histories for trying Rapport out (`rapport demo`, `make run`).
//
// Bodies are in the exact JSON shapes the create services accept, so the caller only posts them
// in order: companies first, then each customer (resolving company_key to the created
// company's id), then that customer's interactions. DemoGenerator hands out the customers one at
// a time, so a writer holds only the batch it is writing (`rapport demo` at 100,000 customers);
// GenerateDemoData collects the same output in memory. Everything is drawn from a small PRNG of our
// own seeded from `seed`, and "now" is passed in, so the same options give byte-identical output
// on every machine and standard library. Contact details are fictitious: e-mail domains are under
// the reserved .example TLD; phone numbers follow real national formats and may exist.
//
// GenerateDemoData is a pure function and thread-safe; a DemoGenerator is not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
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
  // The DemoStaff() key of the customer's owner (the caller resolves it to the created user's id
  // as owner_id); nullopt for an unassigned customer.
  std::optional<std::string> owner_key;
  json::object body;
  std::vector<json::object> interactions;  // sorted by occurred_at ascending
};

struct DemoData {
  std::vector<DemoCompany> companies;
  std::vector<DemoCustomer> customers;
};

// The demo data of `options`, customer by customer: NextCustomer() returns exactly the customers
// of GenerateDemoData(options), in the same order. Customers come in order because e-mail
// addresses are handed out first come, first served. Memory: the companies and every e-mail
// address handed out so far (16 to 32 bytes each), never the customers already returned.
class DemoGenerator {
 public:
  explicit DemoGenerator(const DemoOptions& options);
  ~DemoGenerator();
  DemoGenerator(const DemoGenerator&) = delete;
  DemoGenerator& operator=(const DemoGenerator&) = delete;

  // About one company per eight customers (at least three).
  const std::vector<DemoCompany>& companies() const;
  size_t customer_count() const;  // options.customers
  size_t customers_taken() const;
  // REQUIRES: customers_taken() < customer_count().
  DemoCustomer NextCustomer();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// About one company per eight customers (at least three) and options.customers customers.
DemoData GenerateDemoData(const DemoOptions& options);

}  // namespace rapport::demo
