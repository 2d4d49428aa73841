#include "storage/value.hpp"

namespace rapport::storage {

std::string Row::Text(size_t i) const {
  const Value& v = values_[i];
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return {};
}

std::optional<std::string> Row::OptText(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

std::string_view Row::View(size_t i) const {
  if (const auto* s = std::get_if<std::string>(&values_[i])) return *s;
  return {};
}

std::optional<std::string> Row::TakeOptText(size_t i) {
  if (auto* s = std::get_if<std::string>(&values_[i])) return std::move(*s);
  return OptText(i);
}

int64_t Row::Int(size_t i) const {
  const Value& v = values_[i];
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return std::stoll(*s);
  return 0;
}

double Row::Real(size_t i) const {
  const Value& v = values_[i];
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
  return 0.0;
}

}  // namespace rapport::storage
