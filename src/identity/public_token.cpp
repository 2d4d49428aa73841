#include "identity/public_token.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace rapport::identity {
namespace {

constexpr size_t kMacBytes = 16;  // half of HMAC-SHA256: see the header
constexpr size_t kMaxIdLength = 100;

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Error NotValid() { return Error::NotFound("This link is not valid."); }

// Creates the key file with O_EXCL, so two processes starting at once cannot both write one.
Status CreateKey(const std::filesystem::path& path) {
  std::string key(PublicTokens::kKeyBytes, '\0');
  randombytes_buf(key.data(), key.size());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return OkStatus();
    return Error::Unavailable("cannot create " + path.string() + ": " + std::strerror(errno));
  }
  const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  sodium_memzero(key.data(), key.size());
  if (!written || !synced) return Error::Unavailable("cannot write " + path.string());
  return OkStatus();
}

}  // namespace

Result<PublicTokens> PublicTokens::OpenInDataDir(const std::string& data_dir) {
  if (sodium_init() < 0) return Error::Internal("libsodium failed to initialise");
  const std::filesystem::path path = std::filesystem::path(data_dir) / kKeyFile;
  if (!std::filesystem::exists(path)) RAPPORT_RETURN_IF_ERROR(CreateKey(path));
  std::ifstream in(path, std::ios::binary);
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (key.size() != kKeyBytes) {
    return Error::Unavailable(path.string() +
                              " is not a key of 32 bytes; restore it from a "
                              "backup, or delete it to invalidate every link sent");
  }
  return PublicTokens(std::move(key));
}

PublicTokens::PublicTokens(std::string key) : key_(std::move(key)) {}

std::string PublicTokens::Mac(std::string_view purpose, std::string_view id,
                              std::string_view expiry) const {
  std::string message;
  message.append(purpose).push_back('\0');
  message.append(id).push_back('\0');
  message.append(expiry);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key_.data()),
                              key_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char encoded[sodium_base64_ENCODED_LEN(kMacBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof(encoded), mac, kMacBytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return encoded;
}

std::string PublicTokens::Sign(std::string_view purpose, std::string_view id,
                               int64_t expires_unix) const {
  const std::string expiry = std::to_string(expires_unix);
  return std::string(id) + "." + expiry + "." + Mac(purpose, id, expiry);
}

Result<std::string> PublicTokens::Verify(std::string_view purpose, std::string_view token,
                                         int64_t now_unix) const {
  const size_t first = token.find('.');
  const size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos) return NotValid();
  const std::string_view id = token.substr(0, first);
  const std::string_view expiry = token.substr(first + 1, second - first - 1);
  const std::string_view mac = token.substr(second + 1);
  int64_t expires = 0;
  const auto [end, parsed] = std::from_chars(expiry.data(), expiry.data() + expiry.size(), expires);
  if (!ValidId(id) || parsed != std::errc() || end != expiry.data() + expiry.size()) {
    return NotValid();
  }
  const std::string expected = Mac(purpose, id, expiry);
  // Constant time: how much of a forged MAC matched must not show in the answer's timing.
  if (mac.size() != expected.size() ||
      sodium_memcmp(mac.data(), expected.data(), mac.size()) != 0) {
    return NotValid();
  }
  if (now_unix >= expires) return Error::PermissionDenied("This link has expired.");
  return std::string(id);
}

}  // namespace rapport::identity
