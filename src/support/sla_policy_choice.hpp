// Which SLA policy a ticket runs under (docs/design/sla.md § Choosing the policy). A stored
// policy (DeskSettingsService, kind kPolicy) is the sla_policy.hpp JSON plus two optional keys
// that only the desk reads:
//
//   {"applies_to": {"customer_tag": "vip", "customer_min_value": "1000.00"},  // all must hold
//    "position": 10,                                  // conditional policies tried ascending
//    "targets": {…}, "tag_rules": […], …}
//
// `applies_to` takes the customer conditions of customer_conditions.hpp. The choice, first hit
// wins:
//   1. the first conditional policy (by `position`, then name) whose conditions all hold for the
//      ticket's customer — it overrides the queue's policy;
//   2. the policy the ticket's queue names;
//   3. the default policy.
// The calendar is always the queue's. A queue may name a conditional policy: it then applies to
// that queue's tickets as in 2, whatever its conditions. The default policy takes no conditions.
// Functions over the caller's Tx; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "common/json.hpp"
#include "storage/database.hpp"
#include "support/sla/sla_policy.hpp"

namespace rapport::support {

// Validates a policy's JSON — `applies_to` and `position` here, the rest by sla::PolicyFromJson —
// with one field-named kInvalidArgument error per problem; returns the normalised form.
Result<json::object> NormaliseDeskPolicy(const json::object& spec);

// The sla::SlaPolicy of a stored spec (the desk's own keys set aside).
Result<sla::SlaPolicy> DeskPolicyFromJson(const json::value& spec);

// Whether a stored spec carries conditions.
bool IsConditionalPolicy(const json::object& spec);

// Whether any stored policy carries conditions (customer changes matter to tickets only then).
Result<bool> AnyConditionalPolicy(storage::Tx& tx);

// The id of the first conditional policy whose conditions hold for `customer_id`, if any.
Result<std::optional<std::string>> ChooseCustomerPolicy(storage::Tx& tx,
                                                        const std::string& customer_id);

}  // namespace rapport::support
