// Helpers adapters share for applying an import row to a record: the patch a row makes to a
// matched record after each column's rule for existing values, and the outcome a row reports.
// What is special about an object stays in its adapter; what every object does the same way is
// here, written once.
//
// Pure functions; thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "common/result.hpp"
#include "transfer/adapter.hpp"

namespace rapport::transfer {

// The identity of one entry of a contact list, to tell a new entry from one the record has:
// `key` is the entry's key ("address" of emails, "number" of phones).
using ContactIdentity = std::function<std::string(const json::value& item, std::string_view key)>;

bool IsEmptyValue(const json::value* value);

// The patch `record` makes to `existing` (the record as the API serves it): keys whose rule is
// keep, or fill with a value present, are left out; emails, phones and tags keep what the record
// has and add what the row brings; the row's address updates the first address.
json::object PatchFor(const json::object& existing, const RowRecord& record,
                      const ContactIdentity& identity);

// A row's outcome from the record before (empty when created) and after.
RowOutcome OutcomeOf(const json::object& before_or_empty, const json::object& after, bool created,
                     std::string_view item_type);

// The refusal of a row that matches nothing in mode update.
Error NoMatch(const std::string& what, const std::string& field);
// The refusal of a match key the object does not take: "must be domain for companies".
Error MatchError(const std::string& allowed, std::string_view object);

}  // namespace rapport::transfer
