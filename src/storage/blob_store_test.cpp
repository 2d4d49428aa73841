#include "storage/blob_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "testing/temp_dir.hpp"

namespace rapport::storage {
namespace {

TEST(BlobStore, StoresByHashOnceAndReadsBack) {
  testing::TempDir dir;
  BlobStore store((std::filesystem::path(dir.path()) / "blobs").string());
  auto sha = store.Put("hello");
  ASSERT_TRUE(sha.ok());
  EXPECT_EQ(*sha, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  EXPECT_TRUE(store.Contains(*sha));
  const auto path = store.PathOf(*sha);
  const auto written = std::filesystem::last_write_time(path);
  auto again = store.Put("hello");  // the same bytes: not written twice
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *sha);
  EXPECT_EQ(std::filesystem::last_write_time(path), written);
  auto read = store.Read(*sha);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, "hello");
  EXPECT_EQ(store.RemoveStaleTemp(), 0);  // no .part survives a write
}

TEST(BlobStore, RefusesNamesThatAreNotHashes) {
  testing::TempDir dir;
  BlobStore store(dir.path());
  EXPECT_FALSE(store.Contains("../../etc/passwd"));
  EXPECT_EQ(store.Read("../../etc/passwd").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store.Remove("../x").ok());
  EXPECT_FALSE(IsSha256Hex(std::string(64, 'A')));
}

TEST(BlobStore, RemoveDeletesAndStaleTempIsCleared) {
  testing::TempDir dir;
  BlobStore store(dir.path());
  auto sha = store.Put(std::string(100000, 'x'));
  ASSERT_TRUE(sha.ok());
  ASSERT_TRUE(store.Remove(*sha).ok());
  EXPECT_FALSE(store.Contains(*sha));
  EXPECT_EQ(store.Read(*sha).error().code, ErrorCode::kNotFound);
  std::ofstream(std::filesystem::path(dir.path()) / "tmp" / "left.part") << "crash";
  EXPECT_EQ(store.RemoveStaleTemp(), 1);
}

}  // namespace
}  // namespace rapport::storage
