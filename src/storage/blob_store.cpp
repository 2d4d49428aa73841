#include "storage/blob_store.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/ids.hpp"

namespace rapport::storage {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTempDir = "tmp";

Status SyncPath(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return Error::Internal("cannot open " + path + " to sync it");
  const int synced = ::fsync(fd);
  ::close(fd);
  if (synced != 0) return Error::Internal("cannot sync " + path);
  return OkStatus();
}

Status WriteFile(const std::string& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return Error::Internal("cannot create " + path);
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      ::close(fd);
      return Error::Internal("cannot write " + path + " (disk full?)");
    }
    done += static_cast<size_t>(n);
  }
  const int synced = ::fsync(fd);
  ::close(fd);
  if (synced != 0) return Error::Internal("cannot sync " + path);
  return OkStatus();
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

bool IsSha256Hex(std::string_view text) {
  if (text.size() != crypto_hash_sha256_BYTES * 2) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string BlobStore::PathOf(std::string_view sha256) const {
  return (fs::path(root_) / std::string(sha256.substr(0, 2)) / std::string(sha256)).string();
}

bool BlobStore::Contains(std::string_view sha256) const {
  std::error_code ignored;
  return IsSha256Hex(sha256) && fs::is_regular_file(PathOf(sha256), ignored);
}

Result<std::string> BlobStore::Put(std::string_view bytes) {
  std::string sha = Sha256Hex(bytes);
  if (Contains(sha)) return sha;
  const fs::path final_path = PathOf(sha);
  const fs::path temp_dir = fs::path(root_) / kTempDir;
  std::error_code error;
  fs::create_directories(final_path.parent_path(), error);
  fs::create_directories(temp_dir, error);
  if (error) return Error::Internal("cannot create the blob directory " + root_);
  const std::string temp = (temp_dir / (RandomToken(12) + ".part")).string();
  if (Status written = WriteFile(temp, bytes); !written.ok()) {
    fs::remove(temp, error);
    return written.error();
  }
  // Two writers of the same bytes both rename: the second replaces an identical file.
  fs::rename(temp, final_path, error);
  if (error) {
    fs::remove(temp, error);
    return Error::Internal("cannot move a blob into " + final_path.parent_path().string());
  }
  RAPPORT_RETURN_IF_ERROR(SyncPath(final_path.parent_path().string(), O_RDONLY | O_DIRECTORY));
  return sha;
}

Result<std::string> BlobStore::Read(std::string_view sha256) const {
  if (!IsSha256Hex(sha256)) return Error::NotFound("no such blob");
  std::ifstream in(PathOf(sha256), std::ios::binary);
  if (!in) return Error::NotFound("the blob " + std::string(sha256) + " is not stored");
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

Status BlobStore::Remove(std::string_view sha256) {
  if (!IsSha256Hex(sha256)) return OkStatus();
  std::error_code error;
  fs::remove(PathOf(sha256), error);
  if (error) return Error::Internal("cannot remove the blob " + std::string(sha256));
  return OkStatus();
}

int64_t BlobStore::RemoveStaleTemp() {
  int64_t removed = 0;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(fs::path(root_) / kTempDir, error)) {
    if (entry.path().extension() == ".part" && fs::remove(entry.path(), error)) ++removed;
  }
  return removed;
}

}  // namespace rapport::storage
