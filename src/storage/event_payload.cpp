#include "storage/event_payload.hpp"

#include <algorithm>
#include <array>

namespace rapport::storage {
namespace {

// Fields that change on every write; an update's event carries them as its identity instead.
constexpr std::array<std::string_view, 3> kBookkeeping = {"created_at", "updated_at", "version"};
constexpr std::array<std::string_view, 3> kIdentity = {"id", "version", "updated_at"};

bool IsBookkeeping(std::string_view field) {
  return std::find(kBookkeeping.begin(), kBookkeeping.end(), field) != kBookkeeping.end();
}

bool IsEmpty(const json::value& value) {
  return value.is_null() || (value.is_array() && value.as_array().empty()) ||
         (value.is_object() && value.as_object().empty());
}

}  // namespace

json::object LeanRecord(const json::object& record,
                        std::initializer_list<std::string_view> left_out) {
  json::object lean;
  lean.reserve(record.size());
  for (const auto& [field, value] : record) {
    if (IsEmpty(value) ||
        std::find(left_out.begin(), left_out.end(), std::string_view(field)) != left_out.end()) {
      continue;
    }
    lean.emplace(field, value);
  }
  return lean;
}

json::array ChangedFields(const json::object& before, const json::object& after) {
  json::array changed;
  for (const auto& [field, value] : after) {
    if (IsBookkeeping(field)) continue;
    const json::value* old = before.if_contains(field);
    if (old == nullptr || *old != value) changed.emplace_back(field);
  }
  for (const auto& [field, value] : before) {
    if (!IsBookkeeping(field) && !after.contains(field)) changed.emplace_back(field);
  }
  return changed;
}

json::object ChangedPart(const json::object& record, const json::array& changed) {
  json::object part;
  for (std::string_view field : kIdentity) {
    if (const json::value* value = record.if_contains(field)) part.emplace(field, *value);
  }
  for (const json::value& name : changed) {
    if (!name.is_string()) continue;
    const json::value* value = record.if_contains(name.as_string());
    part[name.as_string()] = value != nullptr ? *value : json::value(nullptr);
  }
  return part;
}

}  // namespace rapport::storage
