#include "cli/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>

namespace rapport::cli {
namespace {

constexpr int kBarWidth = 30;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

}  // namespace

ProgressBar::ProgressBar(std::string label, int64_t total)
    : label_(std::move(label)),
      total_(total > 0 ? total : 1),
      tty_(isatty(STDERR_FILENO) != 0),
      started_(std::chrono::steady_clock::now()) {}

void ProgressBar::Update(int64_t done) {
  const auto now = std::chrono::steady_clock::now();
  if (tty_) {
    if (now - last_draw_ < kRedrawInterval) return;
    last_draw_ = now;
    Draw(done);
    return;
  }
  const int decile = static_cast<int>(done * 10 / total_);
  if (decile != last_decile_) {
    last_decile_ = decile;
    Draw(done);
  }
}

void ProgressBar::Draw(int64_t done) {
  const double fraction = static_cast<double>(done) / static_cast<double>(total_);
  const int filled = static_cast<int>(fraction * kBarWidth);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(kBarWidth, '.');
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  std::fprintf(stderr, "%s%s [%s] %3d%% %lld/%lld %.1fs%s", tty_ ? "\r" : "", label_.c_str(),
               bar.c_str(), static_cast<int>(fraction * 100), static_cast<long long>(done),
               static_cast<long long>(total_), seconds, tty_ ? "" : "\n");
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (tty_) {
    Draw(total_);
    std::fputc('\n', stderr);
  } else if (last_decile_ != 10) {
    Draw(total_);
  }
}

}  // namespace rapport::cli
