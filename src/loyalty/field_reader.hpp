// FieldReader: reads one JSON object of a loyalty setting (a programme, its order rules) and
// collects every error under a field path ("earn.spend.per"), so a refused PUT names each field
// at fault at once. Holds references to the object and the error list, which must outlive it.
// Thread-compatible.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/money.hpp"
#include "common/result.hpp"
#include "common/unicode_text.hpp"
#include "loyalty/days.hpp"

namespace rapport::loyalty {

class FieldReader {
 public:
  FieldReader(const json::object& object, std::string prefix, std::vector<FieldError>& errors)
      : object_(object), prefix_(std::move(prefix)), errors_(errors) {}

  std::string Path(std::string_view key) const { return prefix_ + std::string(key); }
  // For a nested reader that reports into the same list.
  std::vector<FieldError>& Errors() { return errors_; }
  void Fail(std::string_view key, std::string message) {
    errors_.push_back({Path(key), std::move(message)});
  }

  void RefuseUnknown(std::initializer_list<std::string_view> known) {
    RefuseUnknown(std::span<const std::string_view>(known.begin(), known.size()));
  }
  void RefuseUnknown(std::span<const std::string_view> known) {
    for (const auto& [key, unused] : object_) {
      if (std::find(known.begin(), known.end(), std::string_view(key)) == known.end())
        Fail(key, "is not a known field");
    }
  }

  const json::value* Get(std::string_view key) const {
    const json::value* v = object_.if_contains(key);
    return v == nullptr || v->is_null() ? nullptr : v;
  }

  // A whole number from `min` to `max`; `fallback` when absent or null.
  int64_t Whole(std::string_view key, int64_t min, int64_t max, int64_t fallback) {
    const json::value* v = Get(key);
    if (v == nullptr) return fallback;
    std::optional<int64_t> n;
    if (v->is_int64()) n = v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(max)) {
      n = static_cast<int64_t>(v->as_uint64());
    }
    if (!n || *n < min || *n > max) {
      Fail(key,
           "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
      return fallback;
    }
    return *n;
  }

  // true or false; `fallback` when absent or null.
  bool Bool(std::string_view key, bool fallback) {
    const json::value* v = Get(key);
    if (v == nullptr) return fallback;
    if (!v->is_bool()) {
      Fail(key, "must be true or false");
      return fallback;
    }
    return v->as_bool();
  }

  std::optional<std::string> Text(std::string_view key, size_t max, bool required) {
    const json::value* v = Get(key);
    if (v == nullptr) {
      if (required) Fail(key, "is required");
      return std::nullopt;
    }
    if (!v->is_string()) {
      Fail(key, "must be a string of 1 to " + std::to_string(max) + " characters");
      return std::nullopt;
    }
    CleanedText cleaned = CleanText(v->as_string(), max, TextKind::kSingleLine);
    if (!cleaned.problem.empty()) {
      Fail(key, std::move(cleaned.problem));
      return std::nullopt;
    }
    if (cleaned.text.empty()) {
      Fail(key, required ? "is required" : "must not be empty");
      return std::nullopt;
    }
    return std::move(cleaned.text);
  }

  std::optional<int64_t> Date(std::string_view key) {
    const json::value* v = Get(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string() || v->as_string().size() != 10 || !DayOf(v->as_string())) {
      Fail(key, "must be a date written YYYY-MM-DD");
      return std::nullopt;
    }
    return DayOf(v->as_string());
  }

  std::optional<int64_t> Cents(std::string_view key, int64_t fallback, bool positive) {
    const json::value* v = Get(key);
    if (v == nullptr) return fallback;
    auto cents = CentsFromJson(*v);
    if (!cents || (positive && *cents == 0)) {
      Fail(key, positive ? "must be a positive amount like 1.00" : "must be an amount like 20.00");
      return std::nullopt;
    }
    return cents;
  }

  // The nested object at `key` (an empty one when absent); nullptr and an error when not one.
  const json::object* Object(std::string_view key) {
    const json::value* v = Get(key);
    if (v == nullptr) return &kEmpty;
    if (!v->is_object()) {
      Fail(key, "must be an object");
      return nullptr;
    }
    return &v->as_object();
  }

 private:
  static inline const json::object kEmpty{};
  const json::object& object_;
  std::string prefix_;
  std::vector<FieldError>& errors_;
};

}  // namespace rapport::loyalty
