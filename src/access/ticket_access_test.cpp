// The service desk's objects in the role model: the tickets levels reach tickets by where they
// sit (queue team, assignee), the SQL form agrees with the one-record form, and the desk's
// configuration takes only all or none (docs/design/access.md § The service desk).
#include <gtest/gtest.h>

#include "access/access.hpp"
#include "access/audit_redaction.hpp"
#include "access/event_redaction.hpp"
#include "access/grants.hpp"

namespace rapport::access {
namespace {

Access RoleFor(std::string_view role) {
  return Access("usr_me", {"usr_mate", "usr_me"}, FindBuiltInRole(role)->levels, {},
                role == "admin", false, {"tea_billing"});
}

const TicketPlace kBilling{.team_id = "tea_billing", .assignee_id = std::nullopt};
const TicketPlace kReturns{.team_id = "tea_returns", .assignee_id = std::nullopt};
const TicketPlace kReturnsMine{.team_id = "tea_returns", .assignee_id = "usr_me"};
const TicketPlace kReturnsMates{.team_id = "tea_returns", .assignee_id = "usr_mate"};
const TicketPlace kNoTeam{.team_id = std::nullopt, .assignee_id = std::nullopt};

// Evaluates a TicketScope condition the way SQLite would for one place, by substitution: the
// expressions are the literal words TEAM and ASSIGNEE.
bool Evaluates(const ScopeCondition& condition, const TicketPlace& place) {
  if (condition.sql == "1") return true;
  if (condition.sql == "0") return false;
  size_t param = 0;
  bool result = false;
  std::string_view sql = condition.sql;
  // "ASSIGNEE = ?" | "TEAM IS NULL" | "TEAM IN (?, ?)" joined by " OR ".
  while (!sql.empty()) {
    const size_t end = sql.find(" OR ");
    const std::string_view term = sql.substr(0, end);
    if (term == "ASSIGNEE = ?") {
      result |= place.assignee_id == std::get<std::string>(condition.params.at(param++));
    } else if (term == "TEAM IS NULL") {
      result |= !place.team_id.has_value();
    } else if (term.starts_with("TEAM IN (")) {
      const size_t count = (term.size() - 9) / 3 + 1;
      for (size_t i = 0; i < count; ++i) {
        result |= place.team_id == std::get<std::string>(condition.params.at(param++));
      }
    } else {
      ADD_FAILURE() << "unexpected term " << term;
    }
    sql = end == std::string_view::npos ? std::string_view() : sql.substr(end + 4);
  }
  return result;
}

TEST(TicketAccessTest, SupportWorksItsTeamsQueuesTicketsWithoutATeamAndItsOwn) {
  const Access support = RoleFor("support");
  for (Action action : {Action::kRead, Action::kCreate, Action::kEdit}) {
    EXPECT_TRUE(support.AllowsTicket(action, kBilling));
    EXPECT_TRUE(support.AllowsTicket(action, kNoTeam));
    EXPECT_TRUE(support.AllowsTicket(action, kReturnsMine));
    EXPECT_FALSE(support.AllowsTicket(action, kReturns));
    // A team-mate's ticket in another team's queue is theirs, not the team's.
    EXPECT_FALSE(support.AllowsTicket(action, kReturnsMates));
  }
  EXPECT_FALSE(support.AllowsTicket(Action::kExport, kBilling));
}

TEST(TicketAccessTest, SalesAndViewerReadEveryPlaceAndWorkNone) {
  for (std::string_view role : {"sales", "viewer", "marketing"}) {
    const Access reader = RoleFor(role);
    EXPECT_TRUE(reader.AllowsTicket(Action::kRead, kReturns)) << role;
    EXPECT_FALSE(reader.AllowsTicket(Action::kCreate, kNoTeam)) << role;
    EXPECT_FALSE(reader.AllowsTicket(Action::kEdit, kReturnsMine)) << role;
  }
  EXPECT_TRUE(RoleFor("admin").AllowsTicket(Action::kEdit, kReturns));
  EXPECT_TRUE(RoleFor("manager").AllowsTicket(Action::kExport, kReturns));
}

TEST(TicketAccessTest, TheSqlFormAgreesWithTheRecordForm) {
  LevelTable own{};
  own[static_cast<size_t>(Object::kTickets)].fill(Level::kOwn);
  const std::vector<Access> callers{
      RoleFor("support"),
      RoleFor("sales"),
      RoleFor("admin"),
      Access("usr_me", {}, own, {}, false),
      Access("usr_lone", {}, FindBuiltInRole("support")->levels, {}, false),  // no teams
      Access("", {}, FindBuiltInRole("support")->levels, {}, false)};
  for (const Access& caller : callers) {
    for (Action action : {Action::kRead, Action::kEdit, Action::kExport}) {
      const ScopeCondition condition = caller.TicketScope(action, "TEAM", "ASSIGNEE");
      for (const TicketPlace& place : {kBilling, kReturns, kReturnsMine, kReturnsMates, kNoTeam}) {
        EXPECT_EQ(Evaluates(condition, place), caller.AllowsTicket(action, place))
            << caller.user_id() << " " << Name(action) << " " << condition.sql;
      }
    }
  }
}

TEST(TicketAccessTest, TheDesksConfigurationTakesAllOrNone) {
  auto bad = ParseRole(ParseJsonObject(R"({"name":"desk","grants":{"queues":{"read":"team"},
      "canned_replies":{"edit":"own"},"sla_policies":{"read":"all"},"tickets":{"edit":"team"}}})")
                           .value(),
                       true);
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& error : bad.error().field_errors) fields.push_back(error.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"grants.queues.read", "grants.canned_replies.edit"}));
  auto good = ParseRole(ParseJsonObject(R"({"name":"desk","grants":{"tickets":{"read":"team",
      "edit":"own"},"queues":{"read":"all"}}})")
                            .value(),
                        true);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->levels[static_cast<size_t>(Object::kTickets)][0], Level::kTeam);
  EXPECT_TRUE(IsValidScope("tickets:read"));
  EXPECT_TRUE(ScopeCovers("sla_policies:*", Object::kSlaPolicies, Action::kEdit));
  EXPECT_EQ(RoleToJson(*FindBuiltInRole("support")).at("grants").at("tickets").at("edit"), "team");
}

storage::Event TicketEvent(std::string type) {
  storage::Event event;
  event.type = std::move(type);
  event.aggregate_type = "ticket";
  event.aggregate_id = "tkt_1";
  event.payload = ParseJsonObject(R"({"ticket":{"id":"tkt_1","number":1001}})").value();
  return event;
}

TEST(TicketAccessTest, TicketEventsFollowTheTicketAndItsCustomer) {
  const auto noted = TicketEvent("ticket.noted");
  const EventOwner billing{.exists = true, .owner = "usr_far", .ticket_place = kBilling};
  const EventOwner returns{.exists = true, .owner = "usr_far", .ticket_place = kReturns};
  const EventOwner mine{.exists = true, .owner = "usr_me", .ticket_place = kReturns};
  const EventOwner gone{.exists = false, .owner = std::nullopt, .ticket_place = {}};
  EXPECT_TRUE(VisiblePayload(RoleFor("support"), noted, billing).has_value());
  EXPECT_FALSE(VisiblePayload(RoleFor("support"), noted, returns).has_value());
  // Sales reads the tickets of the customers it reads, wherever they sit.
  EXPECT_TRUE(VisiblePayload(RoleFor("sales"), noted, mine).has_value());
  EXPECT_FALSE(VisiblePayload(RoleFor("sales"), noted, billing).has_value());
  EXPECT_FALSE(VisiblePayload(RoleFor("support"), noted, gone).has_value());
  EXPECT_TRUE(VisiblePayload(RoleFor("viewer"), noted, gone).has_value());
  storage::Event queue = TicketEvent("queue.updated");
  LevelTable no_queues = FindBuiltInRole("viewer")->levels;
  no_queues[static_cast<size_t>(Object::kQueues)].fill(Level::kNone);
  EXPECT_TRUE(VisiblePayload(RoleFor("viewer"), queue, gone).has_value());
  EXPECT_FALSE(VisiblePayload(Access("usr_me", {}, no_queues, {}, false), queue, gone).has_value());
}

TEST(TicketAccessTest, TicketAuditEntriesGoOnlyToReadersOfEveryTicket) {
  json::object entry{{"object_type", "ticket_message"}, {"object_id", "tmg_1"}};
  EXPECT_TRUE(RedactAuditEntry(RoleFor("manager"), entry));
  LevelTable auditor{};
  auditor[static_cast<size_t>(Object::kAudit)][0] = Level::kAll;
  auditor[static_cast<size_t>(Object::kTickets)][0] = Level::kTeam;
  EXPECT_FALSE(RedactAuditEntry(Access("usr_me", {}, auditor, {}, false), entry));
}

}  // namespace
}  // namespace rapport::access
