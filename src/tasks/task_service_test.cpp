#include "tasks/task_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "access/grants.hpp"
#include "common/time.hpp"
#include "customers/customer_service.hpp"
#include "storage/scheduler.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/sqlite/statement_log.hpp"
#include "support/ticket_service.hpp"
#include "tasks/task_reminders.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::tasks {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }
std::string Id(const json::object& record) { return std::string(record.at("id").as_string()); }

constexpr int64_t kMinute = 60'000;
constexpr std::string_view kInsertUser =
    "INSERT INTO users (id, email, email_key, name, password_hash, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, 'x', '', '')";
constexpr std::string_view kCountEvents = "SELECT COUNT(*) FROM events WHERE type = ?";
constexpr std::string_view kCountTimeline = "SELECT COUNT(*) FROM interactions WHERE kind = ?";
constexpr std::string_view kCountJobs = "SELECT COUNT(*) FROM scheduled_jobs WHERE key = ?";
constexpr std::string_view kCountAudit =
    "SELECT COUNT(*) FROM audit_log WHERE object_type = 'task' AND object_id = ?";
constexpr std::string_view kCountTasks = "SELECT COUNT(*) FROM tasks";

access::Access Role(const std::string& user, std::string_view role,
                    std::vector<std::string> team = {}) {
  team.push_back(user);
  std::sort(team.begin(), team.end());
  return access::Access(user, team, access::FindBuiltInRole(role)->levels, {}, false);
}

class TaskServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    tasks_ = std::make_unique<TaskService>(*db_, [this] { return now_; });
    ASSERT_TRUE(db_->Write([](storage::Tx& tx) -> Status {
                     for (const char* id : {"usr_sue", "usr_tom", "usr_zed"}) {
                       const std::string email = std::string(id).substr(4) + "@staff.example";
                       RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertUser, {id, email, email, id}));
                     }
                     return OkStatus();
                   })
                    .ok());
    customers::CustomerService customers(*db_);
    ann_ = Id(customers.Create(all_, context_, Obj(R"({"first_name":"Ann","owner_id":"usr_sue"})"))
                  .value());
    zoe_ = Id(customers.Create(all_, context_, Obj(R"({"first_name":"Zoe","owner_id":"usr_zed"})"))
                  .value());
  }

  int64_t Count(std::string_view sql, const std::string& value = {}) {
    int64_t count = 0;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, value.empty()
                                                                      ? tx.Query(sql)
                                                                      : tx.Query(sql, {value}));
                     count = rows[0].Int(0);
                     return OkStatus();
                   })
                    .ok());
    return count;
  }

  std::string At(int64_t offset) const { return FormatInstant(now_ + offset); }

  json::object Create(const access::Access& who, const std::string& extra,
                      int64_t due_offset = 60 * kMinute) {
    auto task = tasks_->Create(
        who, context_,
        Obj(R"({"title":"Call back","due_at":")" + At(due_offset) + "\"" + extra + "}"));
    EXPECT_TRUE(task.ok()) << task.error().message;
    return task.ok() ? *task : json::object{};
  }

  // A scheduler as a restarted server would build it, at `now`.
  int64_t RunScheduler(int64_t now) {
    storage::Scheduler scheduler(*db_, [now] { return now; });
    // The mailer records what it was asked to send, as the mail queue would receive it.
    TaskMailer mailer = [this](storage::Tx&, const Task& task, std::string_view reason) {
      mailed_.push_back(task.id + ":" + std::string(reason));
      return OkStatus();
    };
    scheduler.Register(std::string(kReminderJobKind), TaskReminderHandler(mailer));
    scheduler.Register(std::string(kOverdueJobKind), TaskReminderHandler(mailer));
    return scheduler.RunDue().value();
  }
  std::vector<std::string> mailed_;

  std::vector<std::string> ListIds(const access::Access& who, TaskQuery query) {
    std::vector<std::string> ids;
    for (;;) {
      auto page = tasks_->List(who, query);
      EXPECT_TRUE(page.ok()) << page.error().message;
      if (!page.ok()) return ids;
      for (const auto& task : page->data) ids.push_back(Id(task.as_object()));
      if (!page->next_cursor) return ids;
      query.cursor = page->next_cursor;
    }
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<TaskService> tasks_;
  int64_t now_ = NowMillis();
  std::string ann_;  // owned by sue
  std::string zoe_;  // owned by zed, outside sue's team
  const access::Access& all_ = access::Access::Unrestricted();
  const access::Access sue_ = Role("usr_sue", "sales", {"usr_tom"});
  const access::Access tom_ = Role("usr_tom", "sales", {"usr_sue"});
  const access::Access zed_ = Role("usr_zed", "sales");
  const storage::WriteContext context_{.actor = "test"};
};

TEST_F(TaskServiceTest, ACreateIsTheCallersAndWritesItsEventAuditTimelineAndJobs) {
  const json::object task =
      Create(sue_, R"(,"customer_id":")" + ann_ + R"(","remind_at":")" + At(30 * kMinute) + "\"");
  EXPECT_EQ(task.at("assignee_id"), "usr_sue");
  EXPECT_EQ(task.at("creator_id"), "usr_sue");
  EXPECT_EQ(task.at("status"), "open");
  EXPECT_EQ(task.at("priority"), "normal");
  EXPECT_EQ(Count(kCountEvents, "task.created"), 1);
  EXPECT_EQ(Count(kCountAudit, Id(task)), 1);
  EXPECT_EQ(Count(kCountTimeline, "task_created"), 1);
  EXPECT_EQ(Count(kCountJobs, Id(task)), 2);  // the reminder and the overdue notice
  EXPECT_EQ(tasks_->Get(sue_, Id(task)).value(), task);
}

TEST_F(TaskServiceTest, AnAssigneeMustBeStaffAndLinksMustBeReadable) {
  auto bad = tasks_->Create(sue_, context_,
                            Obj(R"({"title":"x","due_at":")" + At(kMinute) +
                                R"(","assignee_id":"usr_nobody","customer_id":")" + zoe_ +
                                R"(","company_id":"cmp_none","ticket_id":"tkt_none"})"));
  ASSERT_FALSE(bad.ok());
  std::set<std::string> fields;
  for (const auto& error : bad.error().field_errors) fields.insert(error.field);
  EXPECT_EQ(fields,
            (std::set<std::string>{"assignee_id", "customer_id", "company_id", "ticket_id"}));
  EXPECT_EQ(Count(kCountTasks), 0);
  EXPECT_EQ(Count(kCountEvents, "task.created"), 0);
}

TEST_F(TaskServiceTest, ReadsFollowTheAssigneeAndEveryLinkedRecord) {
  const std::string toms = Id(Create(tom_, ""));
  const std::string zeds = Id(Create(zed_, ""));
  // An administrator's task for sue about a customer sue may not read.
  const std::string hidden =
      Id(Create(all_, R"(,"assignee_id":"usr_sue","customer_id":")" + zoe_ + "\""));
  EXPECT_TRUE(tasks_->Get(sue_, toms).ok());  // her teammate's
  EXPECT_EQ(tasks_->Get(sue_, zeds).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(tasks_->Get(sue_, hidden).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ListIds(sue_, {}), std::vector<std::string>{toms});
  EXPECT_EQ(ListIds(zed_, {}), std::vector<std::string>{zeds});
  EXPECT_EQ(ListIds(all_, {}).size(), 3u);
  // Sue's edit level is her own: she may not change or delete her teammate's task.
  EXPECT_EQ(
      tasks_->Update(sue_, context_, toms, Obj(R"({"title":"Mine"})"), std::nullopt).error().code,
      ErrorCode::kPermissionDenied);
  EXPECT_EQ(tasks_->Delete(sue_, context_, toms, std::nullopt).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(TaskServiceTest, DueWindowsSplitOpenTasksIntoOverdueTodayAndUpcoming) {
  const std::string overdue = Id(Create(sue_, "", -10 * kMinute));
  const std::string today = Id(Create(sue_, "", 30 * kMinute));
  const std::string upcoming = Id(Create(sue_, "", 3 * 24 * 60 * kMinute));
  const std::string done = Id(Create(sue_, "", 40 * kMinute));
  ASSERT_TRUE(tasks_->Update(sue_, context_, done, Obj(R"({"status":"done"})"), std::nullopt).ok());
  Create(tom_, "", 20 * kMinute);  // someone else's
  const std::string day_end = At(2 * 60 * kMinute);
  auto mine = [&](std::string due) {
    return ListIds(sue_, {.assignee_id = "usr_sue", .due = due, .day_end = day_end});
  };
  EXPECT_EQ(mine("overdue"), std::vector<std::string>{overdue});
  EXPECT_EQ(mine("today"), std::vector<std::string>{today});
  EXPECT_EQ(mine("upcoming"), std::vector<std::string>{upcoming});
  EXPECT_EQ(ListIds(sue_, {.assignee_id = "usr_sue", .status = "done"}),
            std::vector<std::string>{done});
  EXPECT_EQ(tasks_->List(sue_, {.due = "yesterday"}).error().field_errors[0].field, "due");
  EXPECT_EQ(tasks_->List(sue_, {.cursor = "junk"}).error().field_errors[0].field, "cursor");
}

TEST_F(TaskServiceTest, PagesFollowDueTimeWithoutRepeatsOrGaps) {
  std::vector<std::string> made;
  for (int i = 0; i < 7; ++i) made.push_back(Id(Create(sue_, "", (7 - i) * kMinute)));
  Create(sue_, "", 3 * kMinute);  // the same due time as another: the id breaks the tie
  std::vector<std::string> seen = ListIds(sue_, {.limit = 2});
  ASSERT_EQ(seen.size(), 8u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 8u);
  EXPECT_EQ(seen.back(), made.front());  // the latest due comes last
}

// A page is one statement whatever its size: linked records' access is joined, never looked up
// per row (docs/testing.md § Statement bounds of read paths).
TEST_F(TaskServiceTest, APageOfTasksIsOneStatementAtAnySize) {
  for (int i = 0; i < 100; ++i) Create(sue_, R"(,"customer_id":")" + ann_ + "\"", i * kMinute);
  for (int size : {1, 20, 100}) {
    storage::StatementLog log;
    auto page = tasks_->List(sue_, {.assignee_id = "usr_sue", .limit = size});
    ASSERT_TRUE(page.ok()) << page.error().message;
    EXPECT_EQ(page->data.size(), static_cast<size_t>(size));
    EXPECT_EQ(log.count(), 1u) << size;
  }
}

TEST_F(TaskServiceTest, CompletingRecordsTheOutcomeOnceAndStopsTheReminders) {
  const json::object task =
      Create(sue_, R"(,"customer_id":")" + ann_ + R"(","remind_at":")" + At(5 * kMinute) + "\"");
  auto stale = tasks_->Update(sue_, context_, Id(task), Obj(R"({"status":"done"})"), 7);
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
  auto done = tasks_->Update(sue_, context_, Id(task),
                             Obj(R"({"status":"done","outcome":"called, refunded shipping"})"), 1);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->at("outcome"), "called, refunded shipping");
  EXPECT_EQ(done->at("version"), 2);
  EXPECT_TRUE(done->at("completed_at").is_string());
  EXPECT_EQ(Count(kCountEvents, "task.completed"), 1);
  EXPECT_EQ(Count(kCountTimeline, "task_completed"), 1);
  EXPECT_EQ(Count(kCountJobs, Id(task)), 0);
  // The same change again changes nothing: no version, no event.
  auto again = tasks_->Update(sue_, context_, Id(task), Obj(R"({"status":"done"})"), 2);
  EXPECT_EQ(again->at("version"), 2);
  EXPECT_EQ(Count(kCountEvents, "task.updated"), 0);
  // Reopening clears the completion and brings the overdue notice back.
  auto reopened = tasks_->Update(sue_, context_, Id(task), Obj(R"({"status":"open"})"), 2);
  EXPECT_TRUE(reopened->at("completed_at").is_null());
  EXPECT_EQ(Count(kCountJobs, Id(task)), 2);
}

TEST_F(TaskServiceTest, ClosingTheLoopCanTellTheCustomerAndPutsItOnTheirTimeline) {
  std::vector<std::string> told;
  bool reachable = true;
  const json::object task = Create(sue_, R"(,"customer_id":")" + ann_ + "\"");
  // Without a notifier the server cannot mail customers: refused by name, nothing changes.
  auto unset =
      tasks_->Update(sue_, context_, Id(task),
                     Obj(R"({"status":"done","outcome":"refunded","notify_customer":true})"), 1);
  ASSERT_FALSE(unset.ok());
  EXPECT_EQ(unset.error().field_errors.at(0).field, "notify_customer");
  tasks_->SetCustomerNotifier([&](storage::Tx&, const Task& closed) -> Status {
    if (!reachable) return Error::Invalid("notify_customer", "the customer has no e-mail address");
    told.push_back(closed.id + ":" + closed.outcome.value_or(""));
    return OkStatus();
  });
  // Only as the task closes, and only with an outcome to tell.
  for (const char* body :
       {R"({"notify_customer":true})", R"({"status":"done","notify_customer":true})",
        R"({"status":"cancelled","outcome":"x","notify_customer":true})"}) {
    auto refused = tasks_->Update(sue_, context_, Id(task), Obj(body), 1);
    ASSERT_FALSE(refused.ok()) << body;
    EXPECT_EQ(refused.error().field_errors.at(0).field, "notify_customer") << body;
  }
  // A customer who cannot be mailed: the close is refused as a whole.
  reachable = false;
  auto unmailable =
      tasks_->Update(sue_, context_, Id(task),
                     Obj(R"({"status":"done","outcome":"refunded","notify_customer":true})"), 1);
  ASSERT_FALSE(unmailable.ok());
  EXPECT_EQ(Count(kCountEvents, "task.completed"), 0);
  reachable = true;
  auto done = tasks_->Update(
      sue_, context_, Id(task),
      Obj(R"({"status":"done","outcome":"called, refunded shipping","notify_customer":true})"), 1);
  ASSERT_TRUE(done.ok()) << done.error().message;
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0], Id(task) + ":called, refunded shipping");
  EXPECT_EQ(Count(kCountTimeline, "task_outcome_sent"), 1);
  EXPECT_EQ(Count(kCountTimeline, "task_completed"), 1);
  // Without the flag a close tells nobody.
  const json::object quiet = Create(sue_, R"(,"customer_id":")" + ann_ + "\"");
  ASSERT_TRUE(
      tasks_->Update(sue_, context_, Id(quiet), Obj(R"({"status":"done","outcome":"ok"})"), 1)
          .ok());
  EXPECT_EQ(told.size(), 1u);
  // Without a customer there is nobody to tell.
  const json::object lone = Create(sue_, "");
  auto nobody =
      tasks_->Update(sue_, context_, Id(lone),
                     Obj(R"({"status":"done","outcome":"ok","notify_customer":true})"), 1);
  EXPECT_EQ(nobody.error().field_errors.at(0).field, "notify_customer");
}

TEST_F(TaskServiceTest, ReminderAndOverdueNoticesFireOnceForAnOpenTask) {
  const std::string id = Id(Create(sue_, R"(,"remind_at":")" + At(30 * kMinute) + "\""));
  EXPECT_EQ(RunScheduler(now_ + 10 * kMinute), 0);
  EXPECT_EQ(RunScheduler(now_ + 31 * kMinute), 1);
  EXPECT_EQ(Count(kCountEvents, "task.reminder"), 1);
  EXPECT_EQ(RunScheduler(now_ + 32 * kMinute), 0);  // once
  EXPECT_EQ(RunScheduler(now_ + 61 * kMinute), 1);  // overdue
  EXPECT_EQ(Count(kCountEvents, "task.reminder"), 2);
  // A cancelled task is never announced again, whatever jobs are left.
  const std::string other = Id(Create(sue_, "", 90 * kMinute));
  ASSERT_TRUE(tasks_->Update(sue_, context_, other, Obj(R"({"status":"cancelled"})"), 1).ok());
  EXPECT_EQ(Count(kCountJobs, other), 0);
  EXPECT_EQ(RunScheduler(now_ + 120 * kMinute), 0);
  EXPECT_EQ(Count(kCountEvents, "task.reminder"), 2);
  EXPECT_TRUE(mailed_.empty());  // not asked for by e-mail
  (void)id;
}

TEST_F(TaskServiceTest, AReminderAskedForByEmailIsMailedOnceEachTime) {
  const std::string id =
      Id(Create(sue_, R"(,"remind_by_email":true,"remind_at":")" + At(30 * kMinute) + "\""));
  EXPECT_EQ(RunScheduler(now_ + 31 * kMinute), 1);
  EXPECT_EQ(RunScheduler(now_ + 32 * kMinute), 0);
  EXPECT_EQ(RunScheduler(now_ + 61 * kMinute), 1);
  EXPECT_EQ(mailed_, (std::vector<std::string>{id + ":reminder", id + ":overdue"}));
  auto bad = tasks_->Create(
      sue_, context_,
      Obj(R"({"title":"x","due_at":")" + At(kMinute) + R"(","remind_by_email":"yes"})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field_errors[0].field, "remind_by_email");
  // Turned off again: the next reminder stays in the app.
  const std::string quiet = Id(Create(
      sue_, R"(,"remind_by_email":true,"remind_at":")" + At(30 * kMinute) + "\"", 90 * kMinute));
  ASSERT_TRUE(tasks_->Update(sue_, context_, quiet, Obj(R"({"remind_by_email":false})"), 1).ok());
  mailed_.clear();
  EXPECT_EQ(RunScheduler(now_ + 95 * kMinute), 2);  // its reminder and overdue notice
  EXPECT_TRUE(mailed_.empty());
}

TEST_F(TaskServiceTest, ATicketLinkBringsItsCustomerAndMustMatchIt) {
  support::TicketService tickets(*db_);
  const std::string ticket =
      Id(tickets
             .Create(all_, context_,
                     Obj(R"({"subject":"Late parcel","customer_id":")" + ann_ +
                         R"(","message":{"body_text":"Where is it?"}})"))
             .value());
  const json::object task = Create(sue_, R"(,"ticket_id":")" + ticket + "\"");
  EXPECT_EQ(task.at("customer_id").as_string(), ann_);
  auto mismatch =
      tasks_->Create(sue_, context_,
                     Obj(R"({"title":"x","due_at":")" + At(kMinute) + R"(","ticket_id":")" +
                         ticket + R"(","customer_id":")" + zoe_ + "\"}"));
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().field_errors[0].field, "ticket_id");
}

TEST_F(TaskServiceTest, CreateInTxCommitsAndRollsBackWithTheCallersWrite) {
  const TaskInput follow_up{.title = "Detractor: call back",
                            .due_at = At(60 * kMinute),
                            .assignee_id = "usr_sue",
                            .customer_id = ann_,
                            .priority = "high"};
  const storage::WriteContext system{.actor = "system:feedback", .via = "system"};
  Status failed = db_->Write([&](storage::Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CreateTaskInTx(tx, all_, system, follow_up));
    return Error::Conflict("the caller's own change failed");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(Count(kCountTasks), 0);
  EXPECT_EQ(Count(kCountEvents, "task.created"), 0);
  json::object made;
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(made, CreateTaskInTx(tx, all_, system, follow_up));
                   return OkStatus();
                 })
                  .ok());
  EXPECT_TRUE(made.at("creator_id").is_null());
  EXPECT_EQ(made.at("priority"), "high");
  EXPECT_TRUE(tasks_->Get(sue_, Id(made)).ok());
  // Without a signed-in user the assignee is required.
  Status no_assignee = db_->Write([&](storage::Tx& tx) -> Status {
    TaskInput unassigned = follow_up;
    unassigned.assignee_id.reset();
    RAPPORT_RETURN_IF_ERROR(CreateTaskInTx(tx, all_, system, unassigned));
    return OkStatus();
  });
  EXPECT_EQ(no_assignee.error().field_errors[0].field, "assignee_id");
}

TEST_F(TaskServiceTest, DeleteRemovesTheTaskItsJobsAndAnnouncesIt) {
  const std::string id = Id(Create(sue_, ""));
  EXPECT_EQ(tasks_->Delete(sue_, context_, id, 3).error().code, ErrorCode::kPreconditionFailed);
  ASSERT_TRUE(tasks_->Delete(sue_, context_, id, 1).ok());
  EXPECT_EQ(tasks_->Get(sue_, id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Count(kCountJobs, id), 0);
  EXPECT_EQ(Count(kCountEvents, "task.deleted"), 1);
}

}  // namespace
}  // namespace rapport::tasks
