#include "testing/fuzz.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace rapport::testing {
namespace {

// A fixed default seed keeps CI repeatable: a failure there fails again on every rerun.
constexpr uint64_t kDefaultSeed = 20261205;
// How much of a failing input a report shows; the case seed reproduces the rest.
constexpr size_t kReportBytes = 16 * 1024;

const char* Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

}  // namespace

FuzzRun::FuzzRun(int iterations, double seconds) : iterations_(iterations) {
  if (const char* value = Env("RAPPORT_FUZZ_ITERATIONS")) iterations_ = std::atoi(value);
  if (const char* value = Env("RAPPORT_FUZZ_SECONDS")) seconds = std::atof(value);
  base_seed_ = kDefaultSeed;
  if (const char* value = Env("RAPPORT_FUZZ_SEED")) {
    base_seed_ =
        std::string_view(value) == "random"
            ? static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count())
            : std::strtoull(value, nullptr, 10);
  }
  deadline_ = std::chrono::steady_clock::now() +
              std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                  std::chrono::duration<double>(seconds));
}

bool FuzzRun::Next() {
  // Always at least one case, so a loaded machine still exercises every generator.
  if (case_ >= iterations_ || (case_ > 0 && std::chrono::steady_clock::now() > deadline_)) {
    std::fprintf(stderr, "[fuzz] %d cases from seed %llu\n", case_,
                 static_cast<unsigned long long>(base_seed_));
    return false;
  }
  ++case_;
  rng_.seed(case_seed());
  return true;
}

size_t FuzzRun::Below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

int64_t FuzzRun::Between(int64_t low, int64_t high) {
  return std::uniform_int_distribution<int64_t>(low, high)(rng_);
}

bool FuzzRun::Chance(double probability) { return std::bernoulli_distribution(probability)(rng_); }

std::string FuzzRun::Reproduce(std::string_view input) const {
  std::string out = "reproduce with RAPPORT_FUZZ_SEED=" + std::to_string(case_seed()) +
                    " RAPPORT_FUZZ_ITERATIONS=1\ninput (" + std::to_string(input.size()) +
                    " bytes): \"" + Escape(input.substr(0, kReportBytes)) + "\"";
  if (input.size() > kReportBytes) out += "…";
  return out;
}

std::string FuzzRun::Mutate(std::string input, std::span<const std::string_view> tokens) {
  const size_t edits = 1 + Below(4);
  for (size_t e = 0; e < edits; ++e) {
    const size_t at = input.empty() ? 0 : Below(input.size() + 1);
    switch (Below(6)) {
      case 0:  // flip one bit
        if (!input.empty())
          input[std::min(at, input.size() - 1)] ^= static_cast<char>(1 << Below(8));
        break;
      case 1:  // delete a slice
        if (!input.empty()) input.erase(std::min(at, input.size() - 1), 1 + Below(8));
        break;
      case 2: {  // duplicate a slice, sometimes many times (long runs, deep nesting)
        if (input.empty()) break;
        const size_t from = Below(input.size());
        const std::string slice = input.substr(from, 1 + Below(16));
        const size_t copies = Chance(0.1) ? 1 + Below(200) : 1;
        std::string repeated;
        for (size_t i = 0; i < copies; ++i) repeated += slice;
        input.insert(at, repeated);
        break;
      }
      case 3:  // random bytes
        for (size_t i = 0, n = 1 + Below(4); i < n; ++i) {
          input.insert(input.begin() + static_cast<std::ptrdiff_t>(at),
                       static_cast<char>(Below(256)));
        }
        break;
      default:  // a token the format treats specially
        if (!tokens.empty()) input.insert(at, tokens[Below(tokens.size())]);
        break;
    }
  }
  return input;
}

std::string Escape(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size());
  for (const char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7f) {
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

bool IsValidUtf8(std::string_view text) {
  // Written apart from transfer::IsValidUtf8 on purpose: the tests check that one against this.
  static constexpr std::array<uint32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const size_t length = lead < 0x80         ? 1
                          : lead >> 5 == 0x6  ? 2
                          : lead >> 4 == 0xE  ? 3
                          : lead >> 3 == 0x1E ? 4
                                              : 0;
    if (length == 0 || i + length > text.size()) return false;
    uint32_t code = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (next >> 6 != 0x2) return false;
      code = code << 6 | (next & 0x3F);
    }
    if (length > 1 &&
        (code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))) {
      return false;
    }
    i += length;
  }
  return true;
}

std::string Utf8(uint32_t code) {
  std::string out;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | ((code >> 18) & 0x07));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
  return out;
}

}  // namespace rapport::testing
