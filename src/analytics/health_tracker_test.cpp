// HealthTracker against a real SQLite database: orders, refunds, contacts and survey answers go
// in through their areas' services (or, for areas that do not exist here, as their events), the
// EventDispatcher delivers them, and the customer's stored score, reasons and bad experiences
// are read back.
#include "analytics/health_tracker.hpp"

#include <gtest/gtest.h>

#include <set>

#include "analytics/bad_experiences.hpp"
#include "analytics/follow_ups.hpp"
#include "analytics/health_reads.hpp"
#include "analytics/health_score.hpp"
#include "analytics/health_settings.hpp"
#include "commerce/order_service.hpp"
#include "common/sentiment.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/outbox.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/follow_up_tickets.hpp"
#include "support/queue_service.hpp"
#include "support/ticket_ratings.hpp"
#include "support/ticket_service.hpp"
#include "tasks/task_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::analytics {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
const access::Access& All() { return access::Access::Unrestricted(); }

std::string DaysAgo(int64_t days) { return FormatInstant(NowMillis() - days * 86'400'000); }

struct Stored {
  int64_t score = -1;
  std::string risk;
  json::array reasons;
  int64_t bad_open = 0;
};

class HealthTrackerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    customer_id_ = std::string(customers::CustomerService(*db_)
                                   .Create(All(), context_, Obj(R"({"first_name":"Ida"})"))
                                   ->at("id")
                                   .as_string());
  }
  std::string Order(int64_t days_ago, std::string_view amount = "25.00") {
    auto placed = commerce::OrderService(*db_).Place(
        All(), context_, customer_id_,
        Obj(R"({"placed_at":")" + DaysAgo(days_ago) +
            R"(","currency":"USD","channel":"web","lines":[{"description":"CD","quantity":1,"unit_price":")" +
            std::string(amount) + R"("}]})"));
    EXPECT_TRUE(placed.ok()) << placed.error().message;
    return std::string(placed->at("id").as_string());
  }
  void Event(std::string_view type, const json::object& payload) {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) {
                     return storage::AppendEvent(tx, context_, type, "customer", customer_id_,
                                                 payload);
                   })
                    .ok());
  }
  void AddUser(const std::string& id, std::string_view roles, std::string_view status = "active") {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(tx.Exec(
                         "INSERT INTO users (id, email, email_key, name, password_hash, status, "
                         "roles, created_at, updated_at) VALUES (?, ?, ?, ?, '-', ?, ?, "
                         "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
                         {id, id + "@x.example", id + "@x.example", id, std::string(status),
                          std::string(roles)}));
                     return OkStatus();
                   })
                    .ok());
  }
  void Drain() {
    storage::EventDispatcher dispatcher(*db_);
    dispatcher.Subscribe(tracker_);
    ASSERT_TRUE(dispatcher.DrainAll().ok());
  }
  Stored Read() {
    Stored stored;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(
                         storage::Rows rows,
                         tx.Query("SELECT score, risk, reasons, bad_open FROM customer_health "
                                  "WHERE customer_id = ?",
                                  {customer_id_}));
                     if (rows.empty()) return OkStatus();
                     stored.score = rows[0].Int(0);
                     stored.risk = rows[0].Text(1);
                     stored.reasons = ParseJson(rows[0].Text(2)).value().as_array();
                     stored.bad_open = rows[0].Int(3);
                     return OkStatus();
                   })
                    .ok());
    return stored;
  }
  std::vector<std::string> Texts(const Stored& stored) {
    std::vector<std::string> texts;
    for (const auto& reason : stored.reasons) {
      texts.emplace_back(reason.as_object().at("text").as_string());
    }
    return texts;
  }
  json::array Experiences() {
    return BadExperienceService(*db_).ListForCustomer(All(), customer_id_).value();
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Database> db_;
  storage::WriteContext context_{.actor = "test"};
  HealthTracker tracker_;
  std::string customer_id_;
};

TEST_F(HealthTrackerTest, NewCustomerIsScoredOnCreation) {
  Drain();
  const Stored stored = Read();
  EXPECT_EQ(stored.score, 90);
  EXPECT_EQ(Texts(stored), std::vector<std::string>{"no purchase yet"});
}

TEST_F(HealthTrackerTest, OrdersSetTheRhythmAndLatenessIsExplained) {
  Order(300);
  Order(270);
  Order(240);
  Drain();
  const Stored stored = Read();
  ASSERT_FALSE(stored.reasons.empty());
  EXPECT_EQ(Texts(stored).front(), "no purchase for 5.3× the usual interval (45 days)");
  EXPECT_LT(stored.score, 90);
  // A new order brings the customer back on rhythm at once; what is left is the spend of the last
  // six months against the six before (one order against three).
  Order(0);
  Drain();
  const Stored back = Read();
  EXPECT_EQ(Texts(back), std::vector<std::string>{"spend down 67% on the six months before"});
  EXPECT_EQ(back.score, 90);
}

TEST_F(HealthTrackerTest, DetractorRecordsABadExperienceOnceAndStaffRecoverIt) {
  Order(10);
  json::object answer{{"survey_id", "srv_1"},
                      {"survey_version", 1},
                      {"kind", "nps"},
                      {"score", 3},
                      {"comment", nullptr},
                      {"sentiment", nullptr},
                      {"invitation_id", "inv_1"},
                      {"answered_at", NowInstant()}};
  Event("survey.answered", answer);
  Event("survey.answered", answer);  // a replay of the same answer
  Drain();
  json::array experiences = Experiences();
  ASSERT_EQ(experiences.size(), 1u);
  EXPECT_EQ(experiences[0].at("cause"), "detractor");
  Stored stored = Read();
  EXPECT_EQ(stored.bad_open, 1);
  const std::vector<std::string> texts = Texts(stored);
  EXPECT_NE(std::find(texts.begin(), texts.end(), "NPS 3 on " + NowInstant().substr(0, 10)),
            texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "1 open bad experience"), texts.end());
  const int64_t before = stored.score;

  auto resolved = BadExperienceService(*db_).Resolve(
      All(), context_, std::string(experiences[0].at("id").as_string()),
      Obj(R"({"state":"recovered","outcome":"called, refunded shipping"})"), 1);
  ASSERT_TRUE(resolved.ok()) << resolved.error().message;
  Drain();
  stored = Read();
  EXPECT_EQ(stored.bad_open, 0);
  EXPECT_GT(stored.score, before);
  // A stale version is refused and changes nothing.
  auto stale = BadExperienceService(*db_).Resolve(All(), context_,
                                                  std::string(experiences[0].at("id").as_string()),
                                                  Obj(R"({"state":"lost"})"), 1);
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
}

// A detractor never goes without a follow-up: a task for the customer's owner, carrying the
// ticket it was about; completing it with an outcome closes the loop.
TEST_F(HealthTrackerTest, DetractorOpensFollowUpForOwnerAndItsCompletionRecovers) {
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(tx.Exec(
                       "INSERT INTO users (id, email, email_key, name, password_hash, created_at, "
                       "updated_at) VALUES ('usr_owner', 'o@x.example', 'o@x.example', 'Olga', "
                       "'-', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')"));
                   RAPPORT_RETURN_IF_ERROR(tx.Exec(
                       "UPDATE customers SET owner_id = 'usr_owner' WHERE id = ?", {customer_id_}));
                   return OkStatus();
                 })
                  .ok());
  Event("survey.answered", json::object{{"survey_id", "srv_1"},
                                        {"kind", "nps"},
                                        {"score", 2},
                                        {"invitation_id", "inv_9"},
                                        {"answered_at", NowInstant()},
                                        {"about", json::object{{"order_id", "ord_77"}}}});
  Drain();
  json::array experiences = Experiences();
  ASSERT_EQ(experiences.size(), 1u);
  ASSERT_TRUE(experiences[0].at("follow_up_task_id").is_string());
  const std::string task_id(experiences[0].at("follow_up_task_id").as_string());
  tasks::TaskService tasks(*db_);
  auto task = tasks.Get(All(), task_id);
  ASSERT_TRUE(task.ok()) << task.error().message;
  EXPECT_EQ(task->at("assignee_id"), "usr_owner");
  EXPECT_EQ(task->at("customer_id"), json::value(customer_id_));
  EXPECT_EQ(task->at("priority"), "high");
  EXPECT_NE(std::string(task->at("notes").as_string()).find("ord_77"), std::string::npos);

  auto done =
      tasks.Update(All(), context_, task_id,
                   Obj(R"({"status":"done","outcome":"called, refunded shipping"})"), std::nullopt);
  ASSERT_TRUE(done.ok()) << done.error().message;
  Drain();
  experiences = Experiences();
  EXPECT_EQ(experiences[0].at("state"), "recovered");
  EXPECT_EQ(experiences[0].at("outcome"), "called, refunded shipping");
  EXPECT_EQ(Read().bad_open, 0);
}

// The composition root's adapter (src/cli/follow_up_tickets.cpp), over the real desk.
class DeskTickets final : public FollowUpTickets {
 public:
  Result<std::string> OpenInTx(storage::Tx& tx, const storage::WriteContext& context,
                               const FollowUpTicketRequest& request) override {
    return support::OpenFollowUpTicketInTx(tx, context,
                                           {.customer_id = request.customer_id,
                                            .queue_id = request.queue_id,
                                            .subject = request.subject,
                                            .note = request.note});
  }
  Result<bool> QueueExists(storage::Tx& tx, const std::string& queue_id) override {
    return support::QueueExistsInTx(tx, queue_id);
  }
};

TEST_F(HealthTrackerTest, ADetractorCanOpenATicketInTheChosenQueueOnceEvenWhenReplayed) {
  DeskTickets desk;
  HealthSettingsService settings(*db_);
  // No desk registered: a queue cannot be chosen.
  auto refused = settings.Put(All(), context_, Obj(R"({"follow_up_queue_id":"que_x"})"), {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field_errors.at(0).field, "follow_up_queue_id");
  UseFollowUpTickets(&desk);
  auto queue = support::QueueService(*db_).Create(All(), context_, Obj(R"({"name":"Care"})"));
  ASSERT_TRUE(queue.ok()) << queue.error().message;
  const std::string queue_id(queue->at("id").as_string());
  // A ticket follow-up needs a queue; bad kinds and unknown queues are named.
  EXPECT_EQ(settings.Put(All(), context_, Obj(R"({"follow_up_as":{"detractor":"ticket"}})"), {})
                .error()
                .field_errors.at(0)
                .field,
            "follow_up_queue_id");
  EXPECT_EQ(settings.Put(All(), context_, Obj(R"({"follow_up_as":{"detractor":"call"}})"), {})
                .error()
                .field_errors.at(0)
                .field,
            "follow_up_as.detractor");
  EXPECT_EQ(settings.Put(All(), context_, Obj(R"({"follow_up_queue_id":"que_gone"})"), {})
                .error()
                .field_errors.at(0)
                .field,
            "follow_up_queue_id");
  auto saved = settings.Put(
      All(), context_,
      Obj(R"({"follow_up_as":{"detractor":"ticket"},"follow_up_queue_id":")" + queue_id + R"("})"),
      {});
  ASSERT_TRUE(saved.ok()) << saved.error().message;

  const json::object answer{{"survey_id", "srv_1"},
                            {"kind", "nps"},
                            {"score", 2},
                            {"invitation_id", "inv_9"},
                            {"answered_at", NowInstant()},
                            {"about", json::object{{"order_id", "ord_77"}}}};
  Event("survey.answered", answer);
  Event("survey.answered", answer);  // the same answer delivered again
  Drain();
  Drain();
  UseFollowUpTickets(nullptr);
  json::array experiences = Experiences();
  ASSERT_EQ(experiences.size(), 1u);
  EXPECT_TRUE(experiences[0].at("follow_up_task_id").is_null());  // "ticket": no task
  ASSERT_TRUE(experiences[0].at("follow_up_ticket_id").is_string());
  support::TicketService tickets(*db_);
  auto listed = tickets.List(All(), {});
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->data.size(), 1u);
  const json::object& ticket = listed->data[0].as_object();
  EXPECT_EQ(ticket.at("id"), experiences[0].at("follow_up_ticket_id"));
  EXPECT_EQ(ticket.at("queue_id"), json::value(queue_id));
  EXPECT_EQ(ticket.at("customer_id"), json::value(customer_id_));
  EXPECT_EQ(ticket.at("type"), "task");
  auto messages = tickets.Messages(All(), std::string(ticket.at("id").as_string()));
  ASSERT_TRUE(messages.ok());
  const std::string note(messages->at(0).at("body_text").as_string());
  EXPECT_EQ(messages->at(0).at("kind"), "note");
  EXPECT_NE(note.find("/orders/ord_77"), std::string::npos) << note;
  EXPECT_NE(note.find("Due: "), std::string::npos) << note;
}

// A detractor never goes without a follow-up: with no owner and no follow_up_assignee the task
// goes to the first active administrator (a disabled one, or a mere agent, is passed over), and
// its notes say why it landed on them.
TEST_F(HealthTrackerTest, NoOwnerFollowUpGoesToTheFirstActiveAdministrator) {
  AddUser("usr_agent", R"(["agent"])");
  AddUser("usr_gone_admin", R"(["admin"])", "disabled");
  AddUser("usr_admin", R"(["agent","admin"])");
  AddUser("usr_later_admin", R"(["admin"])");
  Event("survey.answered", json::object{{"survey_id", "srv_1"},
                                        {"kind", "csat"},
                                        {"score", 1},
                                        {"invitation_id", "inv_3"},
                                        {"answered_at", NowInstant()}});
  Drain();
  json::array experiences = Experiences();
  ASSERT_EQ(experiences.size(), 1u);
  EXPECT_EQ(experiences[0].at("cause"), "low_csat");
  ASSERT_TRUE(experiences[0].at("follow_up_task_id").is_string());
  auto task = tasks::TaskService(*db_).Get(
      All(), std::string(experiences[0].at("follow_up_task_id").as_string()));
  ASSERT_TRUE(task.ok()) << task.error().message;
  EXPECT_EQ(task->at("assignee_id"), "usr_admin");
  EXPECT_EQ(task->at("customer_id"), json::value(customer_id_));
  EXPECT_NE(std::string(task->at("notes").as_string()).find("the customer has no owner"),
            std::string::npos);
}

// A departed owner passes the follow-up on to the settings' assignee rather than dropping it;
// only with nobody active to take it (no assignee, no administrator) does the experience stay
// without a task, visible on the at-risk list.
TEST_F(HealthTrackerTest, ADepartedOwnerPassesTheFollowUpToTheAssignee) {
  AddUser("usr_owner", R"(["agent"])", "disabled");
  AddUser("usr_deputy", R"(["agent"])");
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(tx.Exec(
                       "UPDATE customers SET owner_id = 'usr_owner' WHERE id = ?", {customer_id_}));
                   return OkStatus();
                 })
                  .ok());
  Event("survey.answered", json::object{{"survey_id", "srv_1"},
                                        {"kind", "csat"},
                                        {"score", 1},
                                        {"invitation_id", "inv_4"},
                                        {"answered_at", NowInstant()}});
  Drain();
  ASSERT_EQ(Experiences().size(), 1u);
  EXPECT_TRUE(Experiences()[0].at("follow_up_task_id").is_null());  // nobody active: no task

  ASSERT_TRUE(HealthSettingsService(*db_)
                  .Put(All(), context_, Obj(R"({"follow_up_assignee":"usr_deputy"})"), {})
                  .ok());
  Event("survey.answered", json::object{{"survey_id", "srv_1"},
                                        {"kind", "nps"},
                                        {"score", 0},
                                        {"invitation_id", "inv_5"},
                                        {"answered_at", NowInstant()}});
  Drain();
  json::array experiences = Experiences();
  ASSERT_EQ(experiences.size(), 2u);
  int tasks_opened = 0;
  for (const auto& experience : experiences) {
    if (experience.at("cause") != "detractor") continue;
    ASSERT_TRUE(experience.at("follow_up_task_id").is_string());
    auto task = tasks::TaskService(*db_).Get(
        All(), std::string(experience.at("follow_up_task_id").as_string()));
    ASSERT_TRUE(task.ok()) << task.error().message;
    EXPECT_EQ(task->at("assignee_id"), "usr_deputy");
    EXPECT_NE(std::string(task->at("notes").as_string()).find("no longer active"),
              std::string::npos);
    ++tasks_opened;
  }
  EXPECT_EQ(tasks_opened, 1);
}

// "…or negative sentiment": a fair score or a 3+-star review whose words read clearly negative
// (the lexicon of common/sentiment.hpp, as the writing areas store it) opens a follow-up like a
// low rating, with its context; a bad score is not counted twice, kind words count for nothing.
TEST_F(HealthTrackerTest, NegativeWordsOnAFairScoreOrReviewOpenAFollowUp) {
  AddUser("usr_owner", R"(["agent"])");
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(tx.Exec(
                       "UPDATE customers SET owner_id = 'usr_owner' WHERE id = ?", {customer_id_}));
                   return OkStatus();
                 })
                  .ok());
  // Two lines: the follow-up's title (and a ticket's subject) takes the comment on one.
  const std::string angry =
      "The courier was rude and the box arrived damaged.\nTerrible, never again!";
  const std::string happy = "Lovely service, thank you";
  ASSERT_LE(ScoreSentiment(angry).score, kClearlyNegative);
  ASSERT_GT(ScoreSentiment(happy).score, 0);
  auto answer = [&](std::string_view kind, int64_t score, const std::string& comment,
                    std::string_view invitation) {
    Event("survey.answered", json::object{{"survey_id", "srv_1"},
                                          {"kind", kind},
                                          {"score", score},
                                          {"comment", comment},
                                          {"sentiment", ScoreSentiment(comment).score},
                                          {"invitation_id", invitation},
                                          {"answered_at", NowInstant()},
                                          {"about", json::object{{"order_id", "ord_42"}}}});
  };
  auto review = [&](std::string_view id, int64_t rating, const std::string& text) {
    Event("review.published",
          json::object{{"review", json::object{{"id", id},
                                               {"customer_id", customer_id_},
                                               {"rating", rating},
                                               {"sentiment", ScoreSentiment(text).score},
                                               {"status", "published"}}}});
  };
  answer("csat", 4, angry, "inv_angry");
  answer("csat", 5, happy, "inv_happy");
  answer("nps", 2, angry, "inv_detractor");
  review("rev_angry", 4, angry);
  review("rev_happy", 5, happy);
  Drain();

  std::map<std::string, std::string> cause_by_source;
  for (const auto& experience : Experiences()) {
    cause_by_source[std::string(experience.at("source").as_string())] =
        std::string(experience.at("cause").as_string());
  }
  EXPECT_EQ(cause_by_source,
            (std::map<std::string, std::string>{{"answer:inv_angry/srv_1", "negative_comment"},
                                                {"answer:inv_detractor/srv_1", "detractor"},
                                                {"review:rev_angry", "negative_comment"}}));
  int followed_up = 0;
  for (const auto& experience : Experiences()) {
    if (experience.at("cause") != "negative_comment") continue;
    const std::string summary(experience.at("summary").as_string());
    ASSERT_TRUE(experience.at("follow_up_task_id").is_string()) << summary;
    auto task = tasks::TaskService(*db_).Get(
        All(), std::string(experience.at("follow_up_task_id").as_string()));
    ASSERT_TRUE(task.ok()) << task.error().message;
    EXPECT_EQ(task->at("assignee_id"), "usr_owner");
    const std::string notes(task->at("notes").as_string());
    if (experience.at("source") == "review:rev_angry") {
      EXPECT_EQ(summary, "a 4-star review with negative text");
    } else {
      EXPECT_NE(summary.find("CSAT 4"), std::string::npos) << summary;
      EXPECT_NE(summary.find("courier was rude"), std::string::npos) << summary;
      EXPECT_NE(notes.find("ord_42"), std::string::npos) << notes;  // the context goes with it
      EXPECT_EQ(std::string(task->at("title").as_string()).find('\n'), std::string::npos);
    }
    ++followed_up;
  }
  EXPECT_EQ(followed_up, 2);
}

// Lists by risk follow one event: health.risk_changed, appended when the band changes and only
// then (scoring a new, low-risk customer or a score moving within its band is silent).
TEST_F(HealthTrackerTest, AChangeOfRiskBandIsAnnouncedOnce) {
  auto announced = [&] {
    std::vector<std::string> payloads;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows,
                                              tx.Query("SELECT unpack_json(payload_z) FROM events "
                                                       "WHERE type = 'health.risk_changed' "
                                                       "AND aggregate_id = ? ORDER BY seq",
                                                       {customer_id_}));
                     for (const auto& row : rows) payloads.push_back(row.Text(0));
                     return OkStatus();
                   })
                    .ok());
    return payloads;
  };
  Drain();
  EXPECT_TRUE(announced().empty());  // scored on creation, low risk: nothing to announce
  // Bands that make this customer's score high risk; the next event re-scores.
  ASSERT_TRUE(HealthSettingsService(*db_)
                  .Put(All(), context_, Obj(R"({"high_below":98,"medium_below":99})"), {})
                  .ok());
  Order(3);
  Drain();
  ASSERT_EQ(announced().size(), 1u);
  const json::object payload = ParseJsonObject(announced()[0]).value();
  EXPECT_EQ(payload.at("risk"), "high");
  EXPECT_EQ(payload.at("previous_risk"), "low");
  EXPECT_LT(payload.at("score").as_int64(), 98);
  Order(2);
  Drain();
  EXPECT_EQ(announced().size(), 1u);  // still high: no news
}

TEST_F(HealthTrackerTest, RefundAndNegativeContactAreBadExperiences) {
  const std::string order = Order(5);
  ASSERT_TRUE(commerce::OrderService(*db_)
                  .Refund(All(), context_, order, Obj(R"({"amount":"5.00"})"))
                  .ok());
  ASSERT_TRUE(interactions::InteractionService(*db_)
                  .Log(All(), context_, customer_id_,
                       Obj(R"({"direction":"inbound","kind":"message","channel":"email",)"
                           R"("sentiment":"negative"})"))
                  .ok());
  Drain();
  std::set<std::string> causes;
  for (const auto& experience : Experiences()) {
    causes.emplace(experience.at("cause").as_string());
  }
  EXPECT_EQ(causes, (std::set<std::string>{"refund", "negative_contact"}));
  // Each is on the timeline with its cause.
  auto timeline = interactions::InteractionService(*db_).Timeline(All(), customer_id_, {});
  ASSERT_TRUE(timeline.ok());
  int on_timeline = 0;
  for (const auto& entry : timeline->data) {
    if (entry.at("kind") == "bad_experience") ++on_timeline;
  }
  EXPECT_EQ(on_timeline, 2);
}

// A 1-star review: a negative_review experience and the owner's follow-up task, high priority.
TEST_F(HealthTrackerTest, ANegativeReviewOpensTheOwnersFollowUp) {
  AddUser("usr_owner", R"(["agent"])");
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   RAPPORT_RETURN_IF_ERROR(tx.Exec(
                       "UPDATE customers SET owner_id = 'usr_owner' WHERE id = ?", {customer_id_}));
                   return OkStatus();
                 })
                  .ok());
  Event("review.published", json::object{{"review", json::object{{"id", "rev_1"},
                                                                 {"customer_id", customer_id_},
                                                                 {"rating", 1},
                                                                 {"sentiment", nullptr},
                                                                 {"status", "published"}}}});
  Drain();
  json::array experiences = Experiences();
  ASSERT_EQ(experiences.size(), 1u);
  EXPECT_EQ(experiences[0].at("cause"), "negative_review");
  EXPECT_EQ(experiences[0].at("summary"), "a 1-star review");
  ASSERT_TRUE(experiences[0].at("follow_up_task_id").is_string());
  auto task = tasks::TaskService(*db_).Get(
      All(), std::string(experiences[0].at("follow_up_task_id").as_string()));
  ASSERT_TRUE(task.ok()) << task.error().message;
  EXPECT_EQ(task->at("assignee_id"), "usr_owner");
  EXPECT_EQ(task->at("priority"), "high");
  EXPECT_EQ(task->at("title"), "Follow up: a 1-star review");
}

// The desk's and commerce's rules, each from the event its area appends: a bad ticket rating
// (TicketRatings), a missed response target (the ticket.sla_breached the SLA job appends, with
// its payload) and a cancelled order (OrderService) — each one bad experience with its cause and
// summary, none twice when the events are read again.
TEST_F(HealthTrackerTest, BadRatingBreachAndCancelledOrderAreBadExperiences) {
  support::TicketService tickets(*db_);
  auto ticket = tickets.Create(All(), context_,
                               Obj(R"({"subject":"Late","customer_id":")" + customer_id_ +
                                   R"(","message":{"body_text":"Where is it?"}})"));
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  const std::string ticket_id(ticket->at("id").as_string());
  const int64_t number = ticket->at("number").as_int64();
  ASSERT_TRUE(support::TicketRatings(*db_).Rate(context_, ticket_id, "bad", std::nullopt).ok());
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) {
                   return storage::AppendEvent(
                       tx, context_, "ticket.sla_breached", "ticket", ticket_id,
                       json::object{{"ticket", json::object{{"id", ticket_id},
                                                            {"number", number},
                                                            {"customer_id", customer_id_},
                                                            {"version", 1}}},
                                    {"target", "first_response"},
                                    {"cycle", 1},
                                    {"due_at", NowInstant()}});
                 })
                  .ok());
  const std::string order = Order(5);
  auto cancelled = commerce::OrderService(*db_).Update(All(), context_, order,
                                                       Obj(R"({"status":"cancelled"})"), {});
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  Drain();
  // Delivered again (at least once): the tracker's position back to the start, then a replay.
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(int64_t moved,
                                            tx.Exec("UPDATE event_consumers SET position = 0 "
                                                    "WHERE name = 'customer_health'"));
                   return moved == 1 ? OkStatus() : Error::Internal("no cursor to move back");
                 })
                  .ok());
  Drain();

  const std::string n = std::to_string(number);
  std::map<std::string, std::string> summary_by_cause;
  for (const auto& experience : Experiences()) {
    summary_by_cause.emplace(std::string(experience.at("cause").as_string()),
                             std::string(experience.at("summary").as_string()));
  }
  EXPECT_EQ(summary_by_cause,
            (std::map<std::string, std::string>{
                {"low_rating", "ticket #" + n + " was rated bad"},
                {"sla_breach", "ticket #" + n + " missed its first response target"},
                {"order_cancelled", "an order was cancelled"}}));
  EXPECT_EQ(Experiences().size(), 3u);
  EXPECT_EQ(Read().bad_open, 3);
}

TEST_F(HealthTrackerTest, OldFactsAreHistoryNotBadExperiences) {
  ASSERT_TRUE(interactions::InteractionService(*db_)
                  .Log(All(), context_, customer_id_,
                       Obj(R"({"direction":"inbound","kind":"message","channel":"email",)"
                           R"("sentiment":"negative","occurred_at":")" +
                           DaysAgo(200) + R"("})"))
                  .ok());
  Drain();
  EXPECT_TRUE(Experiences().empty());
}

TEST_F(HealthTrackerTest, TurnedOffRuleRecordsNothing) {
  ASSERT_TRUE(HealthSettingsService(*db_)
                  .Put(All(), context_, Obj(R"({"rules":{"refund":false}})"), std::nullopt)
                  .ok());
  const std::string order = Order(5);
  ASSERT_TRUE(commerce::OrderService(*db_)
                  .Refund(All(), context_, order, Obj(R"({"amount":"5.00"})"))
                  .ok());
  Drain();
  EXPECT_TRUE(Experiences().empty());
  auto bad = HealthSettingsService(*db_).Put(All(), context_, Obj(R"({"rules":{"nope":true}})"),
                                             std::nullopt);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field_errors.at(0).field, "rules.nope");
  // The follow-up settings round-trip through storage.
  auto follow = HealthSettingsService(*db_).Put(
      All(), context_, Obj(R"({"follow_up_hours":2,"follow_up_causes":["detractor"]})"),
      std::nullopt);
  ASSERT_TRUE(follow.ok()) << follow.error().message;
  const json::object stored = HealthSettingsService(*db_).Get(All()).value();
  EXPECT_EQ(stored.at("follow_up_hours"), 2);
  EXPECT_EQ(stored.at("follow_up_causes"), json::array{"detractor"});
  EXPECT_EQ(stored.at("rules").at("refund"), false);
  auto wrong = HealthSettingsService(*db_).Put(
      All(), context_, Obj(R"({"follow_up_causes":["detractor","nope"]})"), std::nullopt);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().field_errors.at(0).field, "follow_up_causes[1]");
}

TEST_F(HealthTrackerTest, ReviewSweepRescoresOnlyDueCustomers) {
  Order(40);
  Order(10);
  Drain();
  const int64_t today = NowMillis() / 86'400'000;
  // Nothing is due today: the score is current.
  EXPECT_EQ(ReviewDueHealth(*db_, today, 100).value(), 0);
  // Far in the future the recency step has moved: one customer is due and changes.
  const int64_t before = Read().score;
  EXPECT_EQ(ReviewDueHealth(*db_, today + 400, 100).value(), 1);
  EXPECT_LT(Read().score, before);
  ASSERT_TRUE(SnapshotHealthDistribution(*db_, today).ok());
}

// The distribution over time: one row per day in health_daily (a re-snapshot of the same day
// replaces it), read back oldest first within the days asked for, beside the current counts.
TEST_F(HealthTrackerTest, TheDailyDistributionIsKeptPerDayAndReadBack) {
  Drain();
  const int64_t today = NowMillis() / 86'400'000;
  ASSERT_TRUE(SnapshotHealthDistribution(*db_, today - 40).ok());  // outside a 30-day read
  ASSERT_TRUE(SnapshotHealthDistribution(*db_, today - 1).ok());
  ASSERT_TRUE(
      customers::CustomerService(*db_).Create(All(), context_, Obj(R"({"first_name":"Jo"})")).ok());
  Drain();
  ASSERT_TRUE(SnapshotHealthDistribution(*db_, today).ok());
  ASSERT_TRUE(SnapshotHealthDistribution(*db_, today).ok());  // the sweep ran twice today

  auto read = HealthReads(*db_).Distribution(All(), 30);
  ASSERT_TRUE(read.ok()) << read.error().message;
  const json::array& days = read->at("data").as_array();
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].at("day"), json::value(DateOfDay(today - 1)));
  EXPECT_EQ(days[0].at("low").as_int64(), 1);
  EXPECT_EQ(days[1].at("day"), json::value(DateOfDay(today)));
  EXPECT_EQ(days[1].at("low").as_int64(), 2);
  EXPECT_EQ(days[1].at("high").as_int64(), 0);
  EXPECT_DOUBLE_EQ(days[1].at("average_score").as_double(), 90.0);  // two new customers
  EXPECT_EQ(read->at("current").at("low").as_int64(), 2);
  EXPECT_EQ(HealthReads(*db_).Distribution(All(), 0).error().field_errors.at(0).field, "days");
}

}  // namespace
}  // namespace rapport::analytics
