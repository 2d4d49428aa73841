// TempDir: a fresh directory under $TMPDIR for one test, removed when the test ends.
// Tests use real SQLite files in it — never a mocked database.
#pragma once

#include <string>

namespace rapport::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace rapport::testing
