// DemoRandom: the small deterministic PRNG behind the demo data (xoshiro256** seeded through
// splitmix64), with the few draws the generator needs.
//
// Written out here rather than taken from <random>: the standard distributions are specified
// only loosely and differ between standard libraries, while demo data must be byte-identical for
// a given seed everywhere. Every draw below uses integer arithmetic only. Private to src/demo.
// Not thread-safe; a value type, so each generating thread uses its own instance.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace rapport::demo {

// One independent stream of draws per kind of generated entity (see DemoRandom::ForEntity).
enum class Stream : uint64_t {
  kCompanies = 1,
  kCustomers = 2,
  kInteractions = 3,
  kOrders = 4,
  kOwners = 5
};

// A value drawn with probability weight / (sum of the weights in its list).
struct WeightedValue {
  std::string_view value;
  int weight;
};

class DemoRandom {
 public:
  explicit DemoRandom(uint64_t seed) {
    for (uint64_t& word : state_) word = SplitMix64(seed);
  }

  // The draws of entity `index` of a stream. They do not depend on what was generated before,
  // so changing how one kind of entity is built (say, interactions) does not reshuffle the
  // others (say, names and addresses).
  static DemoRandom ForEntity(uint64_t seed, Stream stream, uint64_t index) {
    uint64_t mixed = seed;
    mixed = SplitMix64(mixed) ^ static_cast<uint64_t>(stream);
    return DemoRandom(SplitMix64(mixed) ^ index);
  }

  uint64_t Next() {
    const uint64_t result = RotateLeft(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = RotateLeft(state_[3], 45);
    return result;
  }

  // Uniform in [0, bound), without modulo bias. REQUIRES: bound > 0.
  uint64_t Below(uint64_t bound) {
    const uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
    for (;;) {
      const uint64_t r = Next();
      if (r >= threshold) return r % bound;
    }
  }

  // Uniform in [low, high]. REQUIRES: low <= high.
  int64_t Between(int64_t low, int64_t high) {
    return low + static_cast<int64_t>(Below(static_cast<uint64_t>(high - low) + 1));
  }

  // True with probability percent/100.
  bool Percent(int percent) { return static_cast<int>(Below(100)) < percent; }

  // REQUIRES: items is not empty.
  template <typename T, size_t kExtent>
  const T& Pick(std::span<const T, kExtent> items) {
    return items[Below(items.size())];
  }

  // An index drawn with probability weight_of(items[i]) / (sum of all weights).
  // REQUIRES: weights are >= 0 and their sum is positive.
  template <typename T, size_t kExtent, typename WeightOf>
  size_t PickWeightedBy(std::span<const T, kExtent> items, WeightOf weight_of) {
    uint64_t total = 0;
    for (const T& item : items) total += static_cast<uint64_t>(weight_of(item));
    uint64_t target = Below(total);
    for (size_t i = 0; i < items.size(); ++i) {
      const auto weight = static_cast<uint64_t>(weight_of(items[i]));
      if (target < weight) return i;
      target -= weight;
    }
    return items.size() - 1;  // unreachable: target < total
  }
  size_t PickWeighted(std::span<const int> weights) {
    return PickWeightedBy(weights, [](int weight) { return weight; });
  }
  size_t PickWeighted(std::span<const WeightedValue> options) {
    return PickWeightedBy(options, [](const WeightedValue& option) { return option.weight; });
  }
  std::string_view PickValue(std::span<const WeightedValue> options) {
    return options[PickWeighted(options)].value;
  }

  // min(count, candidates.size()) distinct candidates in random order (a partial Fisher-Yates).
  template <typename T>
  std::vector<T> PickDistinct(std::vector<T> candidates, size_t count) {
    count = std::min(count, candidates.size());
    for (size_t i = 0; i < count; ++i) {
      std::swap(candidates[i], candidates[i + Below(candidates.size() - i)]);
    }
    candidates.resize(count);
    return candidates;
  }

 private:
  static uint64_t SplitMix64(uint64_t& state) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  static uint64_t RotateLeft(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  uint64_t state_[4];
};

}  // namespace rapport::demo
