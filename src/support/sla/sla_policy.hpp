// SlaPolicy: the response targets a service desk promises — first response, next response and
// resolution — per ticket priority, optionally overridden for customers with a tag, each counted
// in business hours (of the queue's calendar) or calendar hours (around the clock).
//
// JSON form, as the API accepts it and storage keeps it:
//
//   {
//     "warning_minutes": 60,          // warn this long before a breach, in each target's hours
//     "pause_on_hold": false,         // on_hold keeps the clock running unless this is true
//     "targets": {
//       "urgent": {"first_response": {"minutes": 60, "hours": "calendar"},
//                  "resolution": {"minutes": 480}},                  // "hours": "business"
//       "normal": {"first_response": {"minutes": 480}, "next_response": {"minutes": 480}}
//     },
//     "tag_rules": [{"tag": "vip", "targets": {"normal": {"first_response": {"minutes": 120}}}}]
//   }
//
// A priority left out has no targets; a target left out does not apply. For a ticket, each
// target (first response, next response, resolution) comes from the first tag rule whose tag the
// customer carries and which sets that target for the ticket's priority, otherwise from the
// default targets: a "vip" rule can shorten the first response and keep the default resolution.
// Unknown keys are refused; errors are kInvalidArgument with one FieldError per problem
// ("targets.urgent.resolution.minutes"). Plain values; thread-compatible. The clock rules are in
// ticket_clock.hpp.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"

namespace rapport::support::sla {

enum class Priority { kLow, kNormal, kHigh, kUrgent };
inline constexpr std::array<std::string_view, 4> kPriorityNames = {"low", "normal", "high",
                                                                   "urgent"};

enum class TargetKind { kFirstResponse, kNextResponse, kResolution };
inline constexpr std::array<std::string_view, 3> kTargetKindNames = {"first_response",
                                                                     "next_response", "resolution"};

enum class HoursKind { kBusiness, kCalendar };

// A year: longer targets are typos, and the calculator's horizon stays far away.
inline constexpr std::chrono::minutes kMaxTargetDuration{366 * 24 * 60};
inline constexpr std::chrono::minutes kDefaultWarningLead{60};
inline constexpr size_t kMaxTagRules = 50;
inline constexpr size_t kMaxTagLength = 100;

struct Target {
  std::chrono::minutes duration{0};
  HoursKind hours = HoursKind::kBusiness;
  friend bool operator==(const Target&, const Target&) = default;
};

// Indexed by TargetKind; an empty slot does not apply.
using TargetSet = std::array<std::optional<Target>, kTargetKindNames.size()>;
// Indexed by Priority; nullopt when the priority is not named.
using PriorityTargets = std::array<std::optional<TargetSet>, kPriorityNames.size()>;

struct TagRule {
  std::string tag;
  PriorityTargets targets;
  friend bool operator==(const TagRule&, const TagRule&) = default;
};

struct SlaPolicy {
  PriorityTargets targets;
  std::vector<TagRule> tag_rules;  // per target, the first match wins
  std::chrono::minutes warning_lead = kDefaultWarningLead;
  bool pause_on_hold = false;
  friend bool operator==(const SlaPolicy&, const SlaPolicy&) = default;
};

// The targets that apply to a ticket of `priority` whose customer carries `tags`.
TargetSet TargetsFor(const SlaPolicy& policy, Priority priority, std::span<const std::string> tags);

Result<SlaPolicy> PolicyFromJson(const json::value& value);
json::object PolicyToJson(const SlaPolicy& policy);

// "urgent" → kUrgent; nullopt for anything else.
std::optional<Priority> ParsePriority(std::string_view name);

}  // namespace rapport::support::sla
