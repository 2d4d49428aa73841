// TicketReports over a seeded desk whose answers are worked out by hand below (real SQLite).
#include "support/ticket_reports.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_database.hpp"
#include "support/queue_service.hpp"
#include "support/report_sections.hpp"
#include "support/ticket_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support {
namespace {

const access::Access& All() { return access::Access::Unrestricted(); }

constexpr std::string_view kAddUser =
    "INSERT INTO users (id, email, email_key, name, password_hash, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, 'x', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')";
constexpr std::string_view kSetTimes =
    "UPDATE tickets SET created_at = ?, first_response_at = ?, solved_at = ?, closed_at = ?, "
    "queue_id = ?, assignee_id = ? WHERE id = ?";

storage::Value Opt(const char* text) {
  return text == nullptr ? storage::Value() : storage::Value(std::string(text));
}

// Range 2024-03-01 .. 2024-03-03. Seconds: 600, 3600, 1800 to first responses; 14400 (T2) and
// 259200 (T1: 2024 is a leap year, so three days) to solves.
class TicketReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    QueueService queues(*db_);
    q1_ = std::string(queues.Create(All(), context_, ParseJsonObject(R"({"name":"One"})").value())
                          ->at("id")
                          .as_string());
    q2_ = std::string(queues.Create(All(), context_, ParseJsonObject(R"({"name":"Two"})").value())
                          ->at("id")
                          .as_string());
    ASSERT_TRUE(
        db_->Write([&](storage::Tx& tx) -> Status {
             for (const char* id : {"usr_a", "usr_b"}) {
               const std::string email = std::string(id) + "@staff.example";
               RAPPORT_ASSIGN_OR_RETURN(int64_t n, tx.Exec(kAddUser, {id, email, email, id}));
               (void)n;
             }
             return OkStatus();
           })
            .ok());
    // name, created, first response, solved, closed, queue, assignee
    Seed("T1", "2024-02-28T10:00:00Z", nullptr, "2024-03-02T10:00:00Z", nullptr, q1_, "usr_a");
    Seed("T2", "2024-03-01T08:00:00Z", "2024-03-01T08:10:00Z", "2024-03-01T12:00:00Z", nullptr, q1_,
         "usr_a");
    Seed("T3", "2024-03-01T09:00:00Z", "2024-03-01T10:00:00Z", nullptr, nullptr, q2_, "usr_b");
    Seed("T4", "2024-03-03T23:00:00Z", "2024-03-03T23:30:00Z", "2024-03-04T01:00:00Z", nullptr, q2_,
         nullptr);
    Seed("T5", "2024-02-01T00:00:00Z", nullptr, "2024-02-02T00:00:00Z", nullptr, q1_, nullptr);
    Seed("T6", "2024-03-05T00:00:00Z", nullptr, nullptr, nullptr, q1_, nullptr);
    // Merged away: closed without a solve. Leaves the backlog, is no resolution.
    Seed("T7", "2024-03-02T00:00:00Z", nullptr, nullptr, "2024-03-02T06:00:00Z", q1_, "usr_b");
  }

  void Seed(const char* subject, const char* created, const char* first_response,
            const char* solved, const char* closed, const std::string& queue,
            const char* assignee) {
    auto ticket = TicketService(*db_).Create(
        All(), context_,
        ParseJsonObject(std::string(R"({"subject":")") + subject +
                        R"(","requester":{"email":"r@example.com"},"message":{"body_text":"hi"}})")
            .value());
    ASSERT_TRUE(ticket.ok()) << ticket.error().message;
    ASSERT_TRUE(
        db_->Write([&](storage::Tx& tx) -> Status {
             RAPPORT_ASSIGN_OR_RETURN(
                 int64_t n,
                 tx.Exec(kSetTimes, {created, Opt(first_response), Opt(solved), Opt(closed), queue,
                                     Opt(assignee), std::string(ticket->at("id").as_string())}));
             (void)n;
             return OkStatus();
           })
            .ok());
  }

  json::object Report(ReportQuery query) {
    auto report = TicketReports(*db_).Report(All(), query);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? *report : json::object();
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  storage::WriteContext context_{.actor = "test"};
  std::string q1_;
  std::string q2_;
};

json::value J(std::string_view text) { return ParseJson(text).value(); }

TEST_F(TicketReportsTest, DaysTotalsAndGroupsMatchTheHandCount) {
  json::object report = Report({.from = "2024-03-01", .to = "2024-03-03"});
  EXPECT_EQ(report.at("days"), J(R"([
      {"date":"2024-03-01","opened":2,"solved":1,"backlog":2},
      {"date":"2024-03-02","opened":1,"solved":1,"backlog":1},
      {"date":"2024-03-03","opened":1,"solved":0,"backlog":2}])"));
  EXPECT_EQ(report.at("totals"), J(R"({"opened":4,"solved":2,
      "first_response":{"count":3,"median_seconds":1800,"p90_seconds":3600},
      "resolution":{"count":2,"median_seconds":14400,"p90_seconds":259200}})"));
  const json::array& queues = report.at("by_queue").as_array();
  ASSERT_EQ(queues.size(), 2u);
  for (const auto& entry : queues) {
    const bool one = entry.at("queue_id") == json::value(q1_);
    EXPECT_EQ(entry.at("opened"), 2);
    EXPECT_EQ(entry.at("solved"), one ? 2 : 0);
    EXPECT_EQ(entry.at("first_response"),
              one ? J(R"({"count":1,"median_seconds":600,"p90_seconds":600})")
                  : J(R"({"count":2,"median_seconds":1800,"p90_seconds":3600})"));
  }
  std::map<std::string, std::pair<int64_t, int64_t>> agents;
  for (const auto& entry : report.at("by_agent").as_array()) {
    const json::value& id = entry.at("assignee_id");
    agents[id.is_null() ? "none" : std::string(id.as_string())] = {entry.at("opened").as_int64(),
                                                                   entry.at("solved").as_int64()};
  }
  EXPECT_EQ(agents, (std::map<std::string, std::pair<int64_t, int64_t>>{
                        {"none", {1, 0}}, {"usr_a", {1, 2}}, {"usr_b", {2, 0}}}));
  EXPECT_TRUE(report.at("sla").is_null());
  EXPECT_TRUE(report.at("satisfaction").is_null());
}

TEST_F(TicketReportsTest, FiltersByQueueAndAssignee) {
  json::object two = Report({.from = "2024-03-01", .to = "2024-03-03", .queue_id = q2_});
  EXPECT_EQ(two.at("days"), J(R"([
      {"date":"2024-03-01","opened":1,"solved":0,"backlog":1},
      {"date":"2024-03-02","opened":0,"solved":0,"backlog":1},
      {"date":"2024-03-03","opened":1,"solved":0,"backlog":2}])"));
  json::object a = Report({.from = "2024-03-01", .to = "2024-03-03", .assignee_id = "usr_a"});
  EXPECT_EQ(a.at("totals").at("solved"), 2);
  EXPECT_EQ(a.at("totals").at("opened"), 1);
}

TEST_F(TicketReportsTest, ReadsOnlyTicketsTheCallerMayReadAndAddsSections) {
  access::LevelTable levels{};
  levels[static_cast<size_t>(access::Object::kCustomers)].fill(access::Level::kAll);
  const access::Access no_tickets("usr_x", {}, levels, {}, false);
  auto report = TicketReports(*db_).Report(no_tickets, {.from = "2024-03-01", .to = "2024-03-03"});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->at("totals").at("opened"), 0);
  TicketReports with_sla(*db_);
  with_sla.AddSection({.name = "sla", .compute = [](storage::Tx&, const ReportScope& scope) {
                         return Result<json::value>(json::value(scope.start + " " + scope.end));
                       }});
  auto sla = with_sla.Report(All(), {.from = "2024-03-01", .to = "2024-03-03"});
  EXPECT_EQ(sla->at("sla"), "2024-03-01T00:00:00.000Z 2024-03-04T00:00:00.000Z");
}

// T2, T3, T4 run under a policy; T3 missed its first response in the range, T4 its resolution
// after it. T2 was rated good and T3 bad in the range (T1 before it); three rating mails went.
TEST_F(TicketReportsTest, SlaAndSatisfactionSectionsCountTheRangesNoticesAndRatings) {
  constexpr std::string_view kPolicy = "UPDATE tickets SET sla = '{}' WHERE subject = ?";
  constexpr std::string_view kNotice =
      "INSERT INTO ticket_sla_notices (ticket_id, customer_id, target, cycle, notice, at) "
      "SELECT id, customer_id, ?, 1, 'breached', ? FROM tickets WHERE subject = ?";
  constexpr std::string_view kRating =
      "INSERT INTO ticket_ratings (ticket_id, customer_id, score, created_at) "
      "SELECT id, customer_id, ?, ? FROM tickets WHERE subject = ?";
  constexpr std::string_view kRequest =
      "INSERT INTO mail_outbox (id, kind, dedupe_key, ticket_id, customer_id, recipients, "
      "mail_message_id, next_attempt_at, state, created_at, updated_at) "
      "SELECT 'mob_' || ?3, 'rating_request', 'rating:' || id, id, customer_id, '{}', ?3, ?2, "
      "'sent', ?2, ?2 FROM tickets WHERE subject = ?1";
  auto exec = [](storage::Tx& tx, std::string_view sql,
                 std::initializer_list<storage::Value> params) -> Status {
    auto done = tx.Exec(sql, params);
    return done.ok() ? OkStatus() : Status(done.error());
  };
  ASSERT_TRUE(
      db_->Write([&](storage::Tx& tx) -> Status {
           for (const char* subject : {"T2", "T3", "T4"}) {
             RAPPORT_RETURN_IF_ERROR(exec(tx, kPolicy, {subject}));
           }
           RAPPORT_RETURN_IF_ERROR(
               exec(tx, kNotice, {"first_response", "2024-03-01T12:00:00Z", "T3"}));
           RAPPORT_RETURN_IF_ERROR(exec(tx, kNotice, {"resolution", "2024-03-05T00:00:00Z", "T4"}));
           RAPPORT_RETURN_IF_ERROR(exec(tx, kRating, {"good", "2024-03-01T13:00:00Z", "T2"}));
           RAPPORT_RETURN_IF_ERROR(exec(tx, kRating, {"bad", "2024-03-02T09:00:00Z", "T3"}));
           RAPPORT_RETURN_IF_ERROR(exec(tx, kRating, {"good", "2024-02-02T09:00:00Z", "T1"}));
           for (const char* subject : {"T2", "T3", "T4"}) {
             RAPPORT_RETURN_IF_ERROR(
                 exec(tx, kRequest, {subject, "2024-03-02T00:00:00Z", subject}));
           }
           return OkStatus();
         })
          .ok());
  TicketReports reports(*db_);
  reports.AddSection(SlaAttainmentSection());
  reports.AddSection(SatisfactionSection());
  auto report = reports.Report(All(), {.from = "2024-03-01", .to = "2024-03-03"});
  ASSERT_TRUE(report.ok()) << report.error().message;
  const json::object& sla = report->at("sla").as_object();
  EXPECT_EQ(sla.at("tickets"), 3);
  EXPECT_EQ(sla.at("breached"), 2);
  EXPECT_NEAR(sla.at("attainment").as_double(), 1.0 / 3, 1e-9);
  EXPECT_EQ(sla.at("breaches"), J(R"({"first_response":1,"next_response":0,"resolution":0})"));
  const json::object& satisfaction = report->at("satisfaction").as_object();
  EXPECT_EQ(satisfaction.at("ratings"), 2);
  EXPECT_EQ(satisfaction.at("good"), 1);
  EXPECT_EQ(satisfaction.at("bad"), 1);
  EXPECT_EQ(satisfaction.at("score"), 0.5);
  EXPECT_EQ(satisfaction.at("requests"), 3);
  EXPECT_NEAR(satisfaction.at("response_rate").as_double(), 2.0 / 3, 1e-9);
  // Of queue Two (T3, T4) only T3's rating and both tickets' SLA remain.
  auto two = reports.Report(All(), {.from = "2024-03-01", .to = "2024-03-03", .queue_id = q2_});
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->at("sla").at("tickets"), 2);
  EXPECT_EQ(two->at("satisfaction").at("ratings"), 1);
}

// Chat ratings count beside ticket ratings. T2 was rated good in the range (one rating mail).
// C1 (queue One, anonymous) good with a comment and C2 (queue Two, T3's customer) bad were rated
// in the range; C3 before it; C4 ended in the range unrated. C1, C2 and C4 ended in the range:
// each was asked.
TEST_F(TicketReportsTest, ChatRatingsCountBesideTicketRatingsPerChannel) {
  constexpr std::string_view kChat =
      "INSERT INTO chat_conversations (id, visitor_id, customer_id, queue_id, state, assignee_id, "
      "rating, rating_comment, rated_at, started_at, ended_at, updated_at) "
      "VALUES (?1, 'vis_' || ?1, (SELECT customer_id FROM tickets WHERE subject = ?2), ?3, "
      "'ended', ?4, ?5, ?6, ?7, ?8, ?8, ?8)";
  constexpr std::string_view kRating =
      "INSERT INTO ticket_ratings (ticket_id, customer_id, score, created_at) "
      "SELECT id, customer_id, 'good', '2024-03-01T13:00:00Z' FROM tickets WHERE subject = 'T2'";
  constexpr std::string_view kRequest =
      "INSERT INTO mail_outbox (id, kind, dedupe_key, ticket_id, customer_id, recipients, "
      "mail_message_id, next_attempt_at, state, created_at, updated_at) "
      "SELECT 'mob_1', 'rating_request', 'rating:' || id, id, customer_id, '{}', 'm1', "
      "'2024-03-01T12:00:00Z', 'sent', '2024-03-01T12:00:00Z', '2024-03-01T12:00:00Z' "
      "FROM tickets WHERE subject = 'T2'";
  auto exec = [](storage::Tx& tx, std::string_view sql,
                 std::initializer_list<storage::Value> params) -> Status {
    auto done = tx.Exec(sql, params);
    return done.ok() ? OkStatus() : Status(done.error());
  };
  const storage::Value none;
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(exec(tx, kRating, {}));
                   RAPPORT_RETURN_IF_ERROR(exec(tx, kRequest, {}));
                   RAPPORT_RETURN_IF_ERROR(exec(tx, kChat,
                                                {"cht_1", none, q1_, "usr_a", "good", "fast",
                                                 "2024-03-02T10:00:00Z", "2024-03-02T09:59:00Z"}));
                   RAPPORT_RETURN_IF_ERROR(exec(tx, kChat,
                                                {"cht_2", "T3", q2_, "usr_b", "bad", none,
                                                 "2024-03-03T10:00:00Z", "2024-03-03T09:00:00Z"}));
                   RAPPORT_RETURN_IF_ERROR(exec(tx, kChat,
                                                {"cht_3", none, q1_, "usr_a", "good", none,
                                                 "2024-02-10T10:00:00Z", "2024-02-10T10:00:00Z"}));
                   return exec(
                       tx, kChat,
                       {"cht_4", none, q1_, "usr_a", none, none, none, "2024-03-01T10:00:00Z"});
                 })
                  .ok());
  TicketReports reports(*db_);
  reports.AddSection(SatisfactionSection());
  auto report = reports.Report(All(), {.from = "2024-03-01", .to = "2024-03-03"});
  ASSERT_TRUE(report.ok()) << report.error().message;
  // Shares are compared apart (parsed decimals need not equal computed thirds to the last bit).
  json::object satisfaction = report->at("satisfaction").as_object();
  EXPECT_NEAR(satisfaction.at("score").as_double(), 2.0 / 3, 1e-9);
  EXPECT_NEAR(satisfaction.at("response_rate").as_double(), 0.75, 1e-9);
  EXPECT_NEAR(satisfaction.at("by_channel").at(1).at("response_rate").as_double(), 2.0 / 3, 1e-9);
  satisfaction.erase("score");
  satisfaction.erase("response_rate");
  satisfaction["by_channel"].as_array()[1].as_object().erase("response_rate");
  EXPECT_EQ(satisfaction, J(R"({"ratings":3,"good":2,"bad":1,"comments":1,"requests":4,
      "by_channel":[
      {"channel":"ticket","ratings":1,"good":1,"bad":0,"score":1.0,"comments":0,"requests":1,
       "response_rate":1.0,"held_back":0},
      {"channel":"chat","ratings":2,"good":1,"bad":1,"score":0.5,"comments":1,"requests":3}]})")
                              .as_object());
  // Queue Two: only C2; agent usr_a: T2 and C1 (C4 was asked too).
  auto two = reports.Report(All(), {.from = "2024-03-01", .to = "2024-03-03", .queue_id = q2_});
  EXPECT_EQ(two->at("satisfaction").at("by_channel").at(1).at("ratings"), 1);
  EXPECT_EQ(two->at("satisfaction").at("by_channel").at(0).at("ratings"), 0);
  auto ana =
      reports.Report(All(), {.from = "2024-03-01", .to = "2024-03-03", .assignee_id = "usr_a"});
  EXPECT_EQ(ana->at("satisfaction").at("ratings"), 2);
  EXPECT_EQ(ana->at("satisfaction").at("requests"), 3);
  // The tickets level reaches every queue but no customer may be read: the anonymous C1 counts,
  // C2 (a customer's) and every ticket do not. Without the tickets level nothing counts.
  access::LevelTable levels{};
  levels[static_cast<size_t>(access::Object::kTickets)].fill(access::Level::kAll);
  const access::Access no_customers("usr_x", {}, levels, {}, false);
  auto limited = reports.Report(no_customers, {.from = "2024-03-01", .to = "2024-03-03"});
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->at("satisfaction").at("ratings"), 1);
  EXPECT_EQ(limited->at("satisfaction").at("good"), 1);
  levels = {};
  levels[static_cast<size_t>(access::Object::kCustomers)].fill(access::Level::kAll);
  const access::Access no_tickets("usr_x", {}, levels, {}, false);
  auto nothing = reports.Report(no_tickets, {.from = "2024-03-01", .to = "2024-03-03"});
  EXPECT_EQ(nothing->at("satisfaction").at("ratings"), 0);
}

TEST_F(TicketReportsTest, RefusesBadAndUnboundedRanges) {
  TicketReports reports(*db_);
  auto field = [&](ReportQuery query) {
    auto report = reports.Report(All(), query);
    return report.ok() ? std::string() : report.error().field_errors.at(0).field;
  };
  EXPECT_EQ(field({.from = "2024-13-01", .to = "2024-03-03"}), "from");
  EXPECT_EQ(field({.from = "2024-03-04", .to = "2024-03-03"}), "from");
  EXPECT_EQ(field({.from = "2023-01-01", .to = "2024-03-03"}), "to");
  EXPECT_EQ(field({.to = "yesterday"}), "to");
  EXPECT_EQ(field({.bucket = "hour"}), "bucket");
  EXPECT_EQ(field({.from = "2023-03-03", .to = "2024-03-02"}), "");  // 366 days
  std::vector<int64_t> values{5, 1, 4, 2, 3};
  EXPECT_EQ(NearestRank(values, 0.5), 3);
  EXPECT_EQ(NearestRank(values, 0.9), 5);
}

}  // namespace
}  // namespace rapport::support
