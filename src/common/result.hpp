// Result<T>: a value or an Error, our small stand-in for std::expected (not in C++20).
//
// Expected failures travel as values; exceptions are reserved for broken invariants and failed
// start-up. Accessing value() of an error result is a programming mistake and aborts via assert.
// Thread-compatible like any value type.
#pragma once

#include <cassert>
#include <optional>
#include <utility>
#include <variant>

#include "common/error.hpp"

namespace rapport {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<T>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<Error>(state_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<Error>(std::move(state_));
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& {
    assert(!ok());
    return *error_;
  }
  Error&& error() && {
    assert(!ok());
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Status OkStatus() { return Status(); }

}  // namespace rapport

// Propagates an error from an expression returning Result/Status; evaluates to nothing.
#define RAPPORT_RETURN_IF_ERROR(expr)            \
  do {                                           \
    auto rapport_status_ = (expr);               \
    if (!rapport_status_.ok()) {                 \
      return std::move(rapport_status_).error(); \
    }                                            \
  } while (false)

#define RAPPORT_CONCAT_INNER(a, b) a##b
#define RAPPORT_CONCAT(a, b) RAPPORT_CONCAT_INNER(a, b)

// Declares `lhs` from a Result<T> expression or returns its error.
#define RAPPORT_ASSIGN_OR_RETURN(lhs, expr) \
  RAPPORT_ASSIGN_OR_RETURN_IMPL(RAPPORT_CONCAT(rapport_result_, __LINE__), lhs, expr)
// `lhs` is a declaration ("auto x"), so it cannot be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define RAPPORT_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return std::move(tmp).error();       \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
