// BlobStore: files under a directory, named by the SHA-256 of their bytes (content-addressed), so
// one attachment mailed to ten tickets is stored once and a name can never be a path. Areas keep
// their own rows (names, types, owners) pointing at a blob's hash; this store knows bytes only.
//
// Layout: ROOT/ab/abcdef…(64 hex). A write goes to ROOT/tmp/<random>.part, is fsynced, renamed into
// place and the directory fsynced, so a crash leaves either the whole blob or none (a .part left
// behind is removed by RemoveStaleTemp). Bytes already stored are not written again.
//
// Removing a blob while another writer puts the same bytes is a race the caller closes: the
// support area removes blobs inside its single-writer transaction and its writers check Contains
// (and Put again) inside theirs (docs/design/support.md § Attachments).
//
// Thread-safe: no mutable state besides the file system, and every write is a rename.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace rapport::storage {

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);
bool IsSha256Hex(std::string_view text);

class BlobStore {
 public:
  explicit BlobStore(std::string root) : root_(std::move(root)) {}

  // Stores `bytes` (once); answers their SHA-256. kInternal when the disk refuses.
  Result<std::string> Put(std::string_view bytes);
  bool Contains(std::string_view sha256) const;
  // The whole blob; kNotFound when absent (or not a hash).
  Result<std::string> Read(std::string_view sha256) const;
  // Where the blob lives (exists or not); REQUIRES IsSha256Hex.
  std::string PathOf(std::string_view sha256) const;
  // Removes the blob; OK when it was already gone.
  Status Remove(std::string_view sha256);
  // Removes .part files a crashed write left; how many.
  int64_t RemoveStaleTemp();
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

}  // namespace rapport::storage
