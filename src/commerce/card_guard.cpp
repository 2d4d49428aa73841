#include "commerce/card_guard.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace rapport::commerce {
namespace {

constexpr size_t kMinDigits = 13;
constexpr size_t kMaxDigits = 19;

bool Luhn(const std::vector<int>& digits, size_t begin, size_t length) {
  int sum = 0;
  for (size_t i = 0; i < length; ++i) {
    int d = digits[begin + length - 1 - i];
    if (i % 2 == 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 == 0;
}

// A run of digits is a card number when it is exactly 13–19 digits long and passes Luhn. Windows
// inside longer runs are not tried: about one in ten of them passes Luhn by chance, which would
// refuse ordinary long reference numbers.
bool RunHasCard(const std::vector<int>& run) {
  return run.size() >= kMinDigits && run.size() <= kMaxDigits && Luhn(run, 0, run.size());
}

bool IsSecurityCodeKey(std::string_view key) {
  std::string lower(key);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::erase(lower, '-');
  static constexpr std::array<std::string_view, 7> kKeys = {
      "cvv", "cvc", "cvv2", "cvc2", "security_code", "card_code", "securitycode"};
  return std::find(kKeys.begin(), kKeys.end(), lower) != kKeys.end();
}

std::optional<std::string> Find(const json::value& value, const std::string& path) {
  if (value.is_string()) {
    if (LooksLikeCardNumber(value.as_string())) return path;
  } else if (value.is_int64() || value.is_uint64()) {
    if (LooksLikeCardNumber(json::serialize(value))) return path;
  } else if (value.is_array()) {
    const auto& array = value.as_array();
    for (size_t i = 0; i < array.size(); ++i) {
      if (auto found = Find(array[i], path + "[" + std::to_string(i) + "]")) return found;
    }
  } else if (value.is_object()) {
    for (const auto& [key, child] : value.as_object()) {
      const std::string child_path =
          path.empty() ? std::string(key) : path + "." + std::string(key);
      if (IsSecurityCodeKey(key) && !child.is_null()) return child_path;
      if (auto found = Find(child, child_path)) return found;
    }
  }
  return std::nullopt;
}

}  // namespace

bool LooksLikeCardNumber(std::string_view text) {
  std::vector<int> run;
  char last_separator = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : '\0';
    if (c >= '0' && c <= '9') {
      run.push_back(c - '0');
      last_separator = 0;
    } else if ((c == ' ' || c == '-') && !run.empty() && last_separator == 0) {
      last_separator = c;  // one separator between digit groups keeps the run going
    } else {
      if (RunHasCard(run)) return true;
      run.clear();
      last_separator = 0;
    }
  }
  return false;
}

Status RefuseCardData(const json::value& body) {
  if (auto field = Find(body, "")) {
    return Error::Invalid(*field,
                          "looks like a card number or security code; Rapport never stores "
                          "them — send the payment processor's token instead");
  }
  return OkStatus();
}

}  // namespace rapport::commerce
