#include "storage/data_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace rapport::storage {

std::string DatabasePath(const std::string& dir) {
  return (std::filesystem::path(dir) / "rapport.db").string();
}

namespace {

// Owner-only modes for the data directory and what it holds. Data directories made before this
// rule (0755 / 0644) are tightened at the next start; group and other bits are only ever removed.
void RestrictToOwner(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::permissions(dir, fs::perms::group_all | fs::perms::others_all, fs::perm_options::remove, ec);
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    std::error_code ignored;                // a file that vanished meanwhile needs no tightening
    if (it->is_symlink(ignored)) continue;  // never follow a link out of the directory
    fs::permissions(it->path(), fs::perms::group_all | fs::perms::others_all,
                    fs::perm_options::remove, ignored);
  }
}

}  // namespace

Result<DataDirLock> DataDirLock::Acquire(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error::Unavailable("cannot create data directory " + dir + ": " + ec.message());
  RestrictToOwner(dir);
  const std::string path = (std::filesystem::path(dir) / "rapport.lock").string();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Error::Unavailable("cannot open " + path + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char pid[32] = {};
    const ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
    ::close(fd);
    std::string holder = n > 0 ? std::string(pid, static_cast<size_t>(n)) : "another process";
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    return Error::Unavailable("the data directory " + dir + " is in use by a running rapport " +
                              "server (pid " + holder + "); stop it first, or use the API");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    // The pid is only a hint for the message above; the lock itself is what matters.
  }
  return DataDirLock(fd);
}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace rapport::storage
