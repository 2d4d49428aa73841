#include "common/ids.hpp"

#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdint>

namespace rapport {
namespace {

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int kIdChars = 26;

}  // namespace

std::string NewId(std::string_view prefix) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const uint64_t millis = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
  std::array<uint8_t, 16> raw{};
  for (int i = 0; i < 6; ++i) raw[i] = static_cast<uint8_t>(millis >> (8 * (5 - i)));
  randombytes_buf(raw.data() + 6, 10);

  std::string id(prefix);
  id.push_back('_');
  // 128 bits as 26 five-bit groups, most significant first (the first group holds 3 bits).
  unsigned __int128 value = 0;
  for (uint8_t byte : raw) value = (value << 8) | byte;
  std::array<char, kIdChars> out{};
  for (int i = kIdChars - 1; i >= 0; --i) {
    out[i] = kCrockford[static_cast<int>(value & 31)];
    value >>= 5;
  }
  id.append(out.data(), out.size());
  return id;
}

std::string RandomToken(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

}  // namespace rapport
