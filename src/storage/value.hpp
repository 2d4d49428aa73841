// Value and Row: the database-neutral shapes that cross the storage seam.
//
// SQL parameters are always bound as Values (never spliced into SQL text), and result rows come
// back as Rows of Values. Plain value types; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
  // Column i's text as a view into this row, valid while the row lives and is not taken from;
  // "" for NULL and for numbers (read those with Int or Text). For lookups and parsing, which
  // need no copy.
  std::string_view View(size_t i) const;
  // Column i's text moved out of the row (Text's rendering for numbers, nullopt for NULL), for a
  // reader that builds its own object from the row and drops it: no copy of long values.
  std::optional<std::string> TakeOptText(size_t i);
  std::string TakeText(size_t i) { return TakeOptText(i).value_or(std::string()); }
  int64_t Int(size_t i) const;
  double Real(size_t i) const;

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

}  // namespace rapport::storage
