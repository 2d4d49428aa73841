#include "loyalty/referral_signals.hpp"

#include <arpa/inet.h>
#include <sodium.h>

#include <array>
#include <cctype>

namespace rapport::loyalty {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Alnum(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      out.push_back(c);  // letters beyond ASCII kept as written (lower-casing them needs ICU)
    }
  }
  return out;
}

std::string TextAt(const json::object& object, std::string_view key) {
  const json::value* v = object.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::string Hex(const unsigned char* bytes, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 15]);
  }
  return out;
}

}  // namespace

std::string NormalizeEmailForReferral(std::string_view email) {
  std::string text = Lower(email);
  const size_t at = text.rfind('@');
  if (at == std::string::npos) return text;
  std::string local = text.substr(0, at);
  std::string domain = text.substr(at + 1);
  if (size_t plus = local.find('+'); plus != std::string::npos) local.resize(plus);
  if (domain == "googlemail.com") domain = "gmail.com";
  if (domain == "gmail.com") std::erase(local, '.');
  return local + "@" + domain;
}

std::string AddressKey(const json::object& address) {
  const std::string line = Alnum(TextAt(address, "line1"));
  const std::string postal = Alnum(TextAt(address, "postal_code"));
  if (line.empty() || postal.empty()) return {};
  return line + "|" + postal + "|" + Alnum(TextAt(address, "country"));
}

std::optional<std::string> NetworkKey(std::string_view address) {
  const std::string text(address);
  std::array<unsigned char, 16> bytes{};
  size_t prefix = 0;
  if (inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) {
    prefix = 3;  // /24
  } else if (inet_pton(AF_INET6, text.c_str(), bytes.data()) == 1) {
    prefix = 6;  // /48
  } else {
    return std::nullopt;
  }
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, bytes.data(), prefix, nullptr, 0);
  return (prefix == 3 ? "4:" : "6:") + Hex(hash, sizeof hash);
}

}  // namespace rapport::loyalty
