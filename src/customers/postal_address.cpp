#include "customers/postal_address.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/unicode_text.hpp"

namespace rapport::customers {
namespace {

constexpr size_t kMaxPartLength = 500;
constexpr std::array<std::string_view, 7> kAddressKeys = {"label",  "line1",       "line2",  "city",
                                                          "region", "postal_code", "country"};

bool IsCountryCode(std::string_view country) {
  return country.size() == 2 && std::isupper(static_cast<unsigned char>(country[0])) &&
         std::isupper(static_cast<unsigned char>(country[1]));
}

}  // namespace

json::object ReadPostalAddress(const json::object& input, const std::string& path,
                               std::vector<FieldError>& errors) {
  json::object address;
  for (const auto& [key, part] : input) {
    const std::string field = path + "." + std::string(key);
    if (std::find(kAddressKeys.begin(), kAddressKeys.end(), key) == kAddressKeys.end()) {
      errors.push_back({field, "is not a known field"});
      continue;
    }
    if (part.is_null()) continue;
    if (!part.is_string()) {
      errors.push_back({field, "must be a string of at most 500 characters"});
      continue;
    }
    CleanedText cleaned = CleanText(part.as_string(), kMaxPartLength, TextKind::kSingleLine);
    if (!cleaned.problem.empty()) {
      errors.push_back({field, std::move(cleaned.problem)});
    } else if (key == "country" && !IsCountryCode(cleaned.text)) {
      errors.push_back({field, "must be an ISO 3166-1 alpha-2 code such as DE"});
    } else {
      address[key] = std::move(cleaned.text);
    }
  }
  return address;
}

}  // namespace rapport::customers
