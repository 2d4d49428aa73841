// AuditRedaction: every object type the code writes to the audit trail, each with the rule that
// removes from its entries what a reader's role hides. The audit trail keeps whole records (old
// and new values of every field), so each type needs a rule before its entries may be served;
// a type without one is not served at all (fail closed). audit_redaction_test.cpp scans the
// sources for every object type passed to storage::AppendAudit and fails when one is missing
// here, so adding an audited type means deciding its rule.
//
// Also the redaction of saved views' definitions (shared with src/customers/saved_views.cpp,
// whose audit entries carry them). Pure functions over immutable tables; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "access/access.hpp"
#include "common/json.hpp"

namespace rapport::access {

enum class AuditRule {
  // A record with field rules: hidden fields (and hidden custom-field keys) leave `changes`.
  kRecordFields,
  // A custom field definition (object id "<object_type>.<key>"): the whole entry is withheld
  // from a reader whose role hides that field, as the definitions list withholds it.
  kCustomFieldDefinition,
  // A saved payment method: the whole entry is withheld when the customers' payment_methods
  // field is hidden (brand, last four, expiry and billing address are all it holds).
  kPaymentMethod,
  // A saved view: conditions, columns and sorts on hidden fields leave its definition.
  kViewDefinition,
  // Holds no field any role can hide: staff accounts, teams, roles, tokens, refused routes,
  // the catalogue, and orders, refunds and payments (amounts and statuses only).
  kNothingHideable,
  // Served whole, but only to a reader whose read level of `object` is all (tickets and their
  // messages: a ticket has no owner an entry could be checked against).
  kEveryRecordReader,
};

struct AuditedType {
  std::string_view object_type;  // as written to audit_log.object_type
  AuditRule rule;
  std::optional<Object> object;  // whose field rules apply, for kRecordFields
};

// Every audited object type, in no particular order.
std::span<const AuditedType> AuditedTypes();
const AuditedType* FindAuditedType(std::string_view object_type);

// Applies the entry's rule to one audit entry as storage::QueryAudit serves it
// ({object_type, object_id, changes, …}). False when the entry must not be shown to `access` at
// all (including an object type without a rule).
bool RedactAuditEntry(const Access& access, json::object& entry);

// Removes from a saved view's definition (the web app's JSON: {q, sort, match, conditions:
// [{field, op, value} | {match, conditions}], columns}) every condition, column and sort that
// names a field `access` hides on `object` — and the same anywhere else in it: any object with a
// hidden "field", any string naming a hidden field ("birthday", "-birthday",
// "custom_fields.<key>"). True when something was removed.
bool RedactViewDefinition(const Access& access, Object object, json::value& definition);

}  // namespace rapport::access
