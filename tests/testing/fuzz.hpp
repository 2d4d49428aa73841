// Bounded generative testing ("fuzzing inside `make test`") for GoogleTest suites.
//
// A FuzzRun hands out cases: each case has its own seed (the run's base seed plus the case
// number), so one failing case reproduces alone with RAPPORT_FUZZ_SEED=<case seed> and
// RAPPORT_FUZZ_ITERATIONS=1. A run stops after its iteration count or its wall-clock budget,
// whichever comes first, so `make test` stays fast on a loaded two-core machine; the environment
// makes it run longer on demand (docs/testing.md):
//
//   RAPPORT_FUZZ_ITERATIONS  cases per test (default: the test's own small number)
//   RAPPORT_FUZZ_SECONDS     wall-clock cap per test (default: the test's own few seconds)
//   RAPPORT_FUZZ_SEED        base seed (default: fixed, so CI runs are repeatable); "random"
//                            draws one from the clock and prints it
//
// Failure reports carry the case seed and the input, escaped (Escape) so control bytes and
// invalid UTF-8 survive a copy from the log. Not thread-safe: one run per test.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rapport::testing {

class FuzzRun {
 public:
  // `iterations` and `seconds` are the defaults for `make test`; the environment overrides them.
  FuzzRun(int iterations, double seconds);

  // Starts the next case (reseeding rng()); false when the run is over.
  bool Next();

  std::mt19937_64& rng() { return rng_; }
  uint64_t case_seed() const { return base_seed_ + static_cast<uint64_t>(case_ - 1); }
  int cases_run() const { return case_; }

  // Uniform helpers over rng().
  size_t Below(size_t n);                      // [0, n); REQUIRES: n > 0
  int64_t Between(int64_t low, int64_t high);  // [low, high]
  bool Chance(double probability);
  template <class T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }

  // How to reproduce the current case, with `input` escaped (cut at 16 KiB; the seed alone
  // reproduces it in full).
  std::string Reproduce(std::string_view input) const;

  // `input` changed by 1-4 random edits: byte flips, deletions, duplications of a slice,
  // insertions of random bytes or of a `tokens` entry (what the format treats specially).
  std::string Mutate(std::string input, std::span<const std::string_view> tokens);

 private:
  uint64_t base_seed_;
  int iterations_;
  std::chrono::steady_clock::time_point deadline_;
  int case_ = 0;
  std::mt19937_64 rng_;
};

// `bytes` as a C string literal body: printable ASCII as is, everything else as \xNN, \n, \r, \t.
std::string Escape(std::string_view bytes);

// True when `text` is valid UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool IsValidUtf8(std::string_view text);

// A code point as UTF-8 (surrogates and values past U+10FFFF are written as the 3- or 4-byte
// pattern anyway, which makes invalid UTF-8 on purpose).
std::string Utf8(uint32_t code_point);

}  // namespace rapport::testing
