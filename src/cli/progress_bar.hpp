// ProgressBar: progress of long CLI work (demo data, imports, exports) on stderr.
// On a terminal it redraws one line; otherwise (CI logs) it prints a line every 10 %, so logs
// stay short. Single-threaded use.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace rapport::cli {

class ProgressBar {
 public:
  ProgressBar(std::string label, int64_t total);
  void Update(int64_t done);
  void Finish();

 private:
  void Draw(int64_t done);

  std::string label_;
  int64_t total_;
  bool tty_;
  int last_decile_ = -1;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace rapport::cli
