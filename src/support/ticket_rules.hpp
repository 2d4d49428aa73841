// The ticket's vocabulary and its status rules (docs/design/support.md § Statuses and
// transitions): the allowed values of status, priority, type, channel and message kinds, which
// status moves are allowed for whom, and the form of tags. Pure functions over constant tables;
// thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace rapport::support {

inline constexpr std::array<std::string_view, 6> kStatuses{"new",     "open",   "pending",
                                                           "on_hold", "solved", "closed"};
inline constexpr std::array<std::string_view, 4> kPriorities{"low", "normal", "high", "urgent"};
inline constexpr std::array<std::string_view, 4> kTypes{"question", "problem", "incident", "task"};
inline constexpr std::array<std::string_view, 6> kChannels{"email", "web_form", "chat",
                                                           "phone", "social",   "api"};

// Who moves a ticket: staff through the API, the customer by writing, the system by a sweep.
enum class Mover { kStaff, kCustomer, kSystem };

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& allowed, std::string_view value) {
  for (std::string_view candidate : allowed) {
    if (candidate == value) return true;
  }
  return false;
}
// "low, normal, high, urgent" for error messages.
template <size_t N>
std::string Listed(const std::array<std::string_view, N>& allowed) {
  std::string out;
  for (std::string_view candidate : allowed) {
    if (!out.empty()) out += ", ";
    out += candidate;
  }
  return out;
}

// OK when `mover` may move a ticket from `from` to `to` (from != to); kConflict naming `status`
// otherwise. Closed is final for everyone; nothing moves back to new.
Status CheckTransition(std::string_view from, std::string_view to, Mover mover);

// Where a customer's message leaves a ticket in `status`: pending, on_hold and solved go back to
// open; new and open stay. nullopt for closed (the reply opens a linked ticket instead).
std::optional<std::string_view> StatusAfterCustomerReply(std::string_view status);

// The event type a status move is announced with: ticket.solved, ticket.reopened (solved →
// open), ticket.closed, else ticket.status_changed.
std::string_view StatusEventType(std::string_view from, std::string_view to);

// Tags: 1 to 40 characters of a–z, 0–9, "_" and "-" after lower-casing ASCII; nullopt when the
// tag has any other character.
std::optional<std::string> NormalizeTag(std::string_view tag);
inline constexpr size_t kMaxTags = 20;
inline constexpr size_t kMaxTagLength = 40;
inline constexpr size_t kMaxFollowers = 50;
inline constexpr size_t kMaxSubjectLength = 500;
// A long email thread as plain text; the raw HTML may be larger (markup), up to kMaxHtmlLength.
inline constexpr size_t kMaxBodyLength = 100000;
inline constexpr size_t kMaxHtmlLength = 1000000;

}  // namespace rapport::support
