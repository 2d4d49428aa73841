#include "support/ticket_rules.hpp"

#include <gtest/gtest.h>

namespace rapport::support {
namespace {

struct TransitionCase {
  std::string_view from;
  std::string_view to;
  Mover mover;
  bool allowed;
};

TEST(TicketRulesTest, TransitionsFollowTheTable) {
  constexpr TransitionCase kCases[] = {
      {"new", "open", Mover::kStaff, true},
      {"new", "pending", Mover::kStaff, true},
      {"new", "solved", Mover::kStaff, true},
      {"open", "on_hold", Mover::kStaff, true},
      {"pending", "open", Mover::kStaff, true},
      {"on_hold", "solved", Mover::kStaff, true},
      {"solved", "open", Mover::kStaff, true},
      {"solved", "closed", Mover::kStaff, true},
      {"open", "closed", Mover::kStaff, false},  // solve first
      {"solved", "pending", Mover::kStaff, false},
      {"open", "new", Mover::kStaff, false},     // nothing goes back to new
      {"closed", "open", Mover::kStaff, false},  // closed is final
      {"closed", "open", Mover::kCustomer, false},
      {"closed", "solved", Mover::kSystem, false},
      {"pending", "open", Mover::kCustomer, true},
      {"on_hold", "open", Mover::kCustomer, true},
      {"solved", "open", Mover::kCustomer, true},
      {"open", "solved", Mover::kCustomer, false},
      {"solved", "closed", Mover::kSystem, true},
      {"open", "closed", Mover::kSystem, false},
  };
  for (const auto& c : kCases) {
    Status status = CheckTransition(c.from, c.to, c.mover);
    EXPECT_EQ(status.ok(), c.allowed) << c.from << " -> " << c.to;
    if (!status.ok()) {
      EXPECT_EQ(status.error().code, ErrorCode::kConflict);
      EXPECT_EQ(status.error().field_errors.at(0).field, "status");
    }
  }
  EXPECT_EQ(CheckTransition("open", "archived", Mover::kStaff).error().code,
            ErrorCode::kInvalidArgument);
}

TEST(TicketRulesTest, CustomerRepliesReopenAndEventsNameTheMove) {
  EXPECT_EQ(StatusAfterCustomerReply("new"), "new");
  EXPECT_EQ(StatusAfterCustomerReply("open"), "open");
  EXPECT_EQ(StatusAfterCustomerReply("pending"), "open");
  EXPECT_EQ(StatusAfterCustomerReply("solved"), "open");
  EXPECT_FALSE(StatusAfterCustomerReply("closed").has_value());
  EXPECT_EQ(StatusEventType("open", "solved"), "ticket.solved");
  EXPECT_EQ(StatusEventType("solved", "open"), "ticket.reopened");
  EXPECT_EQ(StatusEventType("solved", "closed"), "ticket.closed");
  EXPECT_EQ(StatusEventType("open", "pending"), "ticket.status_changed");
}

TEST(TicketRulesTest, TagsAreLowerCaseWords) {
  EXPECT_EQ(NormalizeTag("VIP"), "vip");
  EXPECT_EQ(NormalizeTag("late-delivery_2"), "late-delivery_2");
  EXPECT_FALSE(NormalizeTag("").has_value());
  EXPECT_FALSE(NormalizeTag("two words").has_value());
  EXPECT_FALSE(NormalizeTag("ünicode").has_value());
  EXPECT_FALSE(NormalizeTag(std::string(41, 'a')).has_value());
}

}  // namespace
}  // namespace rapport::support
