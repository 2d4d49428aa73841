#include "loyalty/voucher_code.hpp"

#include <sodium.h>

namespace rapport::loyalty {

std::string GenerateVoucherCode() {
  std::string code;
  code.reserve(kGeneratedCodeLength);
  for (size_t i = 0; i < kGeneratedCodeLength; ++i) {
    // randombytes_uniform rejects the biased tail, so every letter is equally likely.
    code.push_back(kCodeAlphabet[randombytes_uniform(static_cast<uint32_t>(kCodeAlphabet.size()))]);
  }
  return code;
}

std::optional<std::string> NormalizeVoucherCode(std::string_view input) {
  if (input.size() > 64) return std::nullopt;
  std::string out;
  for (char c : input) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!ok) return std::nullopt;
    out.push_back(c);
  }
  if (out.size() < 4 || out.size() > 32) return std::nullopt;
  return out;
}

std::string FormatVoucherCode(std::string_view normal) {
  if (normal.size() != kGeneratedCodeLength) return std::string(normal);
  std::string out;
  for (size_t i = 0; i < normal.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back('-');
    out.push_back(normal[i]);
  }
  return out;
}

std::string VoucherCodeHint(std::string_view normal) {
  return "…" + std::string(normal.substr(normal.size() > 4 ? normal.size() - 4 : 0));
}

}  // namespace rapport::loyalty
