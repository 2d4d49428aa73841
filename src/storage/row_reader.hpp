// ForEachRow: a query's rows handed to a function one at a time, read in place through a RowView,
// for hot read paths that build their own objects from each row and drop it (a page of
// customers). Tx::Query materialises every row first, as a std::vector<Value> with a heap string
// per text column, which was a fifth of a list page's instructions (bench/RESULTS.md, 2026-12-07).
//
// A free function beside Tx rather than a Tx member only because storage/database.hpp is included
// by some 250 files: on a SqliteConnection it steps the statement and reads each column where
// SQLite holds it; on any other Tx it runs Tx::Query and views its rows. Same SQL, parameters,
// errors and statement counting (StatementLog) as Tx::Query. Thread-compatible, as Tx is.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "storage/database.hpp"

namespace rapport::storage {

// One row, valid only during the call that receives it; so are the views it returns.
class RowView {
 public:
  virtual ~RowView() = default;
  virtual bool IsNull(size_t i) const = 0;
  // As Row::Int: integers as they are, reals truncated, text parsed.
  virtual int64_t Int(size_t i) const = 0;
  // Column i's text in place; "" for NULL and for numbers (read those with Int or Text).
  virtual std::string_view View(size_t i) const = 0;
  // As Row::Text and Row::OptText: a copy, numbers rendered, "" (or nullopt) for NULL.
  virtual std::string Text(size_t i) const = 0;
  std::optional<std::string> OptText(size_t i) const {
    return IsNull(i) ? std::nullopt : std::optional<std::string>(Text(i));
  }
};

// Runs `sql` with `params` and calls `row` for each result row in order; stops at the first error,
// the row function's included, and returns it.
// REQUIRES: `row` runs no statement on `tx` (the statement is mid-step, and SQLite's cache of
// prepared statements may be flushed by a new one).
Status ForEachRow(Tx& tx, std::string_view sql, std::span<const Value> params,
                  const std::function<Status(const RowView&)>& row);
inline Status ForEachRow(Tx& tx, std::string_view sql, std::initializer_list<Value> params,
                         const std::function<Status(const RowView&)>& row) {
  return ForEachRow(tx, sql, std::span<const Value>(params.begin(), params.size()), row);
}

}  // namespace rapport::storage
