#include "support/ticket_rules.hpp"

#include <algorithm>

namespace rapport::support {
namespace {

// The statuses staff move between freely while a ticket is being worked.
constexpr std::array<std::string_view, 4> kWorking{"new", "open", "pending", "on_hold"};

Status Refused(std::string_view from, std::string_view to) {
  return Error::Conflict(
      "A ticket cannot move from " + std::string(from) + " to " + std::string(to) + ".", "status");
}

}  // namespace

Status CheckTransition(std::string_view from, std::string_view to, Mover mover) {
  if (!OneOf(kStatuses, to)) {
    return Error::Invalid("status", "must be one of " + Listed(kStatuses));
  }
  if (from == "closed") return Error::Conflict("A closed ticket cannot change.", "status");
  if (to == "new") return Refused(from, to);
  switch (mover) {
    case Mover::kStaff:
      if (OneOf(kWorking, from)) {
        return to == "closed" ? Refused(from, to) : OkStatus();
      }
      // Solved: reopen or close.
      return to == "open" || to == "closed" ? OkStatus() : Refused(from, to);
    case Mover::kCustomer:
      return StatusAfterCustomerReply(from) == to ? OkStatus() : Refused(from, to);
    case Mover::kSystem:
      return from == "solved" && to == "closed" ? OkStatus() : Refused(from, to);
  }
  return Refused(from, to);
}

std::optional<std::string_view> StatusAfterCustomerReply(std::string_view status) {
  if (status == "closed") return std::nullopt;
  if (status == "new" || status == "open") return status == "new" ? "new" : "open";
  return "open";
}

std::string_view StatusEventType(std::string_view from, std::string_view to) {
  if (to == "solved") return "ticket.solved";
  if (to == "closed") return "ticket.closed";
  if (from == "solved") return "ticket.reopened";
  return "ticket.status_changed";
}

std::optional<std::string> NormalizeTag(std::string_view tag) {
  if (tag.empty() || tag.size() > kMaxTagLength) return std::nullopt;
  std::string out(tag);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return std::nullopt;
  }
  return out;
}

}  // namespace rapport::support
