// Value and Row: the database-neutral shapes that cross the storage seam.
//
// SQL parameters are always bound as Values (never spliced into SQL text), and result rows come
// back as Rows of Values. Plain value types; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace rapport::storage {

using Value = std::variant<std::monostate, int64_t, double, std::string>;

inline Value Null() { return std::monostate{}; }
inline Value OptionalText(const std::optional<std::string>& text) {
  return text ? Value(*text) : Null();
}

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values_[i]); }
  // Text of column i; "" for NULL. Integers are rendered, so COUNT(*) etc. can be read as text.
  std::string Text(size_t i) const;
  std::optional<std::string> OptText(size_t i) const;
  int64_t Int(size_t i) const;
  double Real(size_t i) const;

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

}  // namespace rapport::storage
