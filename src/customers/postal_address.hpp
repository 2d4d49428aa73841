// Postal addresses, one rule for every record that has them: a customer's `addresses[i]` and a
// company's `address`. Keys: label, line1, line2, city, region, postal_code, country (ISO 3166-1
// alpha-2, upper case); each a single line of at most 500 characters; null parts are left out.
// Pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/json.hpp"

namespace rapport::customers {

// The address as stored, cleaned (NFC, one line). Problems are appended to `errors`, each named
// "<path>.<key>" (path is e.g. "address" or "addresses[0]").
json::object ReadPostalAddress(const json::object& input, const std::string& path,
                               std::vector<FieldError>& errors);

}  // namespace rapport::customers
