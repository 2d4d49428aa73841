// Building event payloads that carry what changed, not whole records (docs/design/events.md
// § Payloads). A created record travels lean (no null or empty fields, none of the fields its
// area leaves out), an update as the record's id, version and updated_at plus the new value of
// each changed field. A consumer that needs the whole record reads it by id, with access checks.
// Pure functions; thread-safe.
#pragma once

#include <initializer_list>
#include <string_view>

#include "common/json.hpp"

namespace rapport::storage {

// The record without null values, empty arrays and empty objects (absent means none), and
// without the fields named in `left_out`.
json::object LeanRecord(const json::object& record,
                        std::initializer_list<std::string_view> left_out = {});

// Top-level fields whose values differ between the two versions of a record, in `after`'s order
// and then those only `before` has; bookkeeping (created_at, updated_at, version) is left out.
json::array ChangedFields(const json::object& before, const json::object& after);

// The part of an updated record an event carries: id, version and updated_at when the record has
// them, then each field named in `changed` with its new value (null when it was cleared or
// removed).
json::object ChangedPart(const json::object& record, const json::array& changed);

}  // namespace rapport::storage
