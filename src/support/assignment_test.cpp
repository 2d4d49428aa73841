#include "support/assignment.hpp"

#include <gtest/gtest.h>

#include <map>

#include "storage/sqlite/sqlite_database.hpp"
#include "support/queue_service.hpp"
#include "support/ticket_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

constexpr std::string_view kInsertTeam =
    "INSERT INTO teams (id, name, name_key, created_at, updated_at) VALUES (?, ?, ?, '', '')";
constexpr std::string_view kInsertUser =
    "INSERT INTO users (id, email, email_key, name, password_hash, status, teams, created_at, "
    "updated_at) VALUES (?, ?, ?, ?, 'x', ?, ?, '', '')";

class AssignmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertTeam, {"tea_desk", "Desk", "desk"}));
                     RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertTeam, {"tea_other", "Other", "other"}));
                     return OkStatus();
                   })
                    .ok());
    for (const char* id : {"usr_a", "usr_b", "usr_c"}) AddUser(id, "tea_desk");
    AddUser("usr_elsewhere", "tea_other");
    AddUser("usr_gone", "tea_desk", "disabled");
    for (const char* id : {"usr_a", "usr_b", "usr_c", "usr_elsewhere", "usr_gone"}) {
      SetAvailable(id, true);
    }
    QueueService queues(*db_);
    auto queue = queues.Create(
        all_, context_,
        Obj(R"({"name":"Desk","team_id":"tea_desk","assignment":"round_robin","agent_cap":2})"));
    ASSERT_TRUE(queue.ok()) << queue.error().message;
    queue_id_ = std::string(queue->at("id").as_string());
  }

  void AddUser(const std::string& id, const std::string& team,
               const std::string& status = "active") {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(
                         tx.Exec(kInsertUser, {id, id + "@x.example", id + "@x.example", id, status,
                                               "[\"" + team + "\"]"}));
                     return OkStatus();
                   })
                    .ok());
  }

  void SetAvailable(const std::string& id, bool available) {
    AgentService agents(*db_);
    auto set = agents.SetAvailability(all_, context_, id, json::object{{"available", available}});
    ASSERT_TRUE(set.ok()) << set.error().message;
  }

  // Opens a ticket in the queue; its assignee ("" for none).
  std::string Open() {
    TicketService tickets(*db_);
    auto ticket = tickets.Create(
        all_, context_,
        Obj(R"({"subject":"Hi","queue_id":")" + queue_id_ +
            R"(","requester":{"email":"c@example.com"},"message":{"body_text":"x"}})"));
    EXPECT_TRUE(ticket.ok()) << ticket.error().message;
    const json::value& assignee = ticket->at("assignee_id");
    return assignee.is_string() ? std::string(assignee.as_string()) : "";
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::string queue_id_;
  const access::Access& all_ = access::Access::Unrestricted();
  const storage::WriteContext context_{.actor = "test"};
};

TEST_F(AssignmentTest, NewTicketsGoToTheTeamsAvailableAgentsInTurnUpToTheCap) {
  std::vector<std::string> assignees;
  for (int i = 0; i < 7; ++i) assignees.push_back(Open());
  // In turn, each up to the cap of 2 open tickets; then nobody is under the cap.
  EXPECT_EQ(assignees,
            (std::vector<std::string>{"usr_a", "usr_b", "usr_c", "usr_a", "usr_b", "usr_c", ""}));
}

TEST_F(AssignmentTest, UnavailableAgentsAreSkippedAndTheTurnSurvivesARestart) {
  EXPECT_EQ(Open(), "usr_a");
  SetAvailable("usr_b", false);
  EXPECT_EQ(Open(), "usr_c");
  // A new service (a restarted server) continues after usr_c, wrapping around.
  db_.reset();
  db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
  EXPECT_EQ(Open(), "usr_a");
  SetAvailable("usr_b", true);
  EXPECT_EQ(Open(), "usr_b");
}

TEST_F(AssignmentTest, NoAvailableAgentLeavesTheTicketUnassigned) {
  for (const char* id : {"usr_a", "usr_b", "usr_c"}) SetAvailable(id, false);
  EXPECT_EQ(Open(), "");
}

TEST_F(AssignmentTest, ManualQueuesAndGivenAssigneesAreLeftAlone) {
  QueueService queues(*db_);
  ASSERT_TRUE(
      queues.Update(all_, context_, queue_id_, Obj(R"({"assignment":"manual"})"), std::nullopt)
          .ok());
  EXPECT_EQ(Open(), "");
  auto bad = queues.Update(all_, context_, queue_id_,
                           Obj(R"({"assignment":"random","agent_cap":0})"), std::nullopt);
  ASSERT_FALSE(bad.ok());
  std::map<std::string, bool> named;
  for (const auto& error : bad.error().field_errors) named[error.field] = true;
  EXPECT_TRUE(named["assignment"]);
  EXPECT_TRUE(named["agent_cap"]);
}

TEST_F(AssignmentTest, OnlyAdministratorsSetAnotherAgentsAvailability) {
  AgentService agents(*db_);
  const access::Access agent("usr_a", {}, access::LevelTable{}, {}, false);
  auto refused = agents.SetAvailability(agent, context_, "usr_b", Obj(R"({"available":false})"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  auto own = agents.SetAvailability(agent, context_, "usr_a", Obj(R"({"available":false})"));
  ASSERT_TRUE(own.ok()) << own.error().message;
  EXPECT_EQ(own->at("available"), false);
  auto bad = agents.SetAvailability(all_, context_, "usr_a", Obj(R"({"available":"yes"})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field_errors.front().field, "available");
  auto listed = agents.List();
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 4u);  // active staff only
}

}  // namespace
}  // namespace rapport::support
