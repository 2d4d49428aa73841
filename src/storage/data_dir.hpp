// The data directory: where rapport.db lives, and the lock that keeps one writer per database.
//
// A running server holds an exclusive advisory lock (flock) on DIR/rapport.lock for its whole life.
// Commands that write take the same lock and refuse with a clear message while a server holds it;
// the kernel drops the lock if the holder dies, even by kill -9, so no stale lock survives.
#pragma once

#include <string>

#include "common/result.hpp"

namespace rapport::storage {

class DataDirLock {
 public:
  // Creates DIR if needed and takes the lock, or fails with kUnavailable naming the holder's pid.
  static Result<DataDirLock> Acquire(const std::string& dir);
  DataDirLock(DataDirLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DataDirLock& operator=(DataDirLock&&) = delete;
  DataDirLock(const DataDirLock&) = delete;
  ~DataDirLock();

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_;
};

std::string DatabasePath(const std::string& dir);

}  // namespace rapport::storage
