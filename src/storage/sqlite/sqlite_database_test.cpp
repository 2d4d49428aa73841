#include "storage/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "common/work_budget.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::storage {
namespace {

constexpr std::string_view kInsertToken =
    "INSERT INTO api_tokens (id, name, token_hash, prefix, created_at) VALUES (?, ?, ?, 'p', "
    "'now')";
constexpr std::string_view kCountTokens = "SELECT COUNT(*) FROM api_tokens";

std::unique_ptr<SqliteDatabase> OpenDb(const testing::TempDir& dir) {
  auto db = SqliteDatabase::Open({.path = dir.File("rapport.db")});
  EXPECT_TRUE(db.ok()) << db.error().message;
  return std::move(db).value();
}

int64_t CountTokens(Database& db) {
  int64_t count = -1;
  EXPECT_TRUE(db.Read([&](Tx& tx) -> Status {
                  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kCountTokens));
                  count = rows[0].Int(0);
                  return OkStatus();
                }).ok());
  return count;
}

TEST(SqliteDatabaseTest, ConcurrentWritesAllCommitAndSurviveReopen) {
  testing::TempDir dir;
  constexpr int kThreads = 16;
  constexpr int kWritesPerThread = 50;
  {
    auto db = OpenDb(dir);
    std::vector<std::thread> threads;
    std::atomic<int> failures = 0;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kWritesPerThread; ++i) {
          const std::string id = std::to_string(t) + "-" + std::to_string(i);
          Status status = db->Write([&](Tx& tx) -> Status {
            RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertToken, {id, id, id}));
            return OkStatus();
          });
          if (!status.ok()) ++failures;
        }
      });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures, 0);
  }
  auto reopened = OpenDb(dir);
  EXPECT_EQ(CountTokens(*reopened), kThreads * kWritesPerThread);
}

TEST(SqliteDatabaseTest, FailedWriteRollsBackAloneInItsGroup) {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  ASSERT_TRUE(db->Write([](Tx& tx) -> Status {
                  RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertToken, {"a", "a", "a"}));
                  return OkStatus();
                }).ok());
  // A write that changes something and then fails must leave no trace.
  Status failed = db->Write([](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertToken, {"b", "b", "b"}));
    return Error::Invalid("name", "rejected after writing");
  });
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalidArgument);
  // A unique violation surfaces as a conflict, not an internal error.
  Status duplicate = db->Write([](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertToken, {"c", "c", "a"}));
    return OkStatus();
  });
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  EXPECT_EQ(CountTokens(*db), 1);
}

// Tx::DeferToCommit: inside a group, work runs after the group's last write and before COMMIT;
// a write rolled back alone takes its deferred work with it; failing deferred work fails the group.
TEST(SqliteDatabaseTest, DeferredWorkRunsAtTheGroupsEndAndGoesWithItsWrite) {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  const auto insert = [](std::string id) {
    return [id = std::move(id)](Tx& tx) -> Status {
      RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertToken, {id, id, id}));
      return OkStatus();
    };
  };
  ASSERT_TRUE(db->Write([&](Tx& tx) -> Status {
                  RAPPORT_RETURN_IF_ERROR(tx.DeferToCommit(insert("a2")));
                  return insert("a")(tx);
                }).ok());
  EXPECT_EQ(CountTokens(*db), 2);
  Status refused = db->Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(tx.DeferToCommit(insert("b2")));
    return Error::Invalid("name", "refused after deferring");
  });
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(CountTokens(*db), 2);
  // A savepoint inside a write (a batch's record) rolled back drops what it deferred too.
  ASSERT_TRUE(db->Write([&](Tx& tx) -> Status {
                  const size_t mark = tx.DeferredMark();
                  RAPPORT_RETURN_IF_ERROR(tx.Exec("SAVEPOINT record"));
                  RAPPORT_RETURN_IF_ERROR(tx.DeferToCommit(insert("undone")));
                  RAPPORT_RETURN_IF_ERROR(tx.Exec("ROLLBACK TO record"));
                  RAPPORT_RETURN_IF_ERROR(tx.Exec("RELEASE record"));
                  tx.DropDeferredFrom(mark);
                  return OkStatus();
                }).ok());
  EXPECT_EQ(CountTokens(*db), 2);
  // Deferred work that fails (a repeated token hash) undoes the whole group, its write included.
  Status failed = db->Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(tx.DeferToCommit(insert("a")));
    return insert("c")(tx);
  });
  EXPECT_EQ(failed.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(CountTokens(*db), 2);
  // Alone (no group), the work runs at once: the write sees it.
  ASSERT_TRUE(db->WriteAlone([&](Tx& tx) -> Status {
                  RAPPORT_RETURN_IF_ERROR(tx.DeferToCommit(insert("d")));
                  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kCountTokens));
                  EXPECT_EQ(rows[0].Int(0), 3);
                  return OkStatus();
                }).ok());

  // Two writes queued behind a blocker form one group: the first one's deferred work sees the
  // second one's row, so it ran after it.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::thread blocker([&] {
    EXPECT_TRUE(db->Write([&](Tx&) -> Status {
                    released.wait();
                    return OkStatus();
                  }).ok());
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  int64_t seen_by_deferred = -1;
  std::thread first([&] {
    EXPECT_TRUE(db->Write([&](Tx& tx) -> Status {
                    RAPPORT_RETURN_IF_ERROR(tx.DeferToCommit([&](Tx& later) -> Status {
                      RAPPORT_ASSIGN_OR_RETURN(Rows rows, later.Query(kCountTokens));
                      seen_by_deferred = rows[0].Int(0);
                      return OkStatus();
                    }));
                    return insert("e")(tx);
                  }).ok());
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::thread second([&] { EXPECT_TRUE(db->Write(insert("f")).ok()); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  release.set_value();
  blocker.join();
  first.join();
  second.join();
  EXPECT_EQ(CountTokens(*db), 5);
  EXPECT_EQ(seen_by_deferred, 5);
}

// At shutdown `serve` clears the listener and then destroys what it calls: a call already under
// way when the listener is cleared must have finished by the time SetCommitListener returns.
TEST(SqliteDatabaseTest, ClearingTheCommitListenerWaitsForACallUnderWay) {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  std::atomic<bool> started = false;
  std::atomic<bool> finished = false;
  db->SetCommitListener([&] {
    if (started.exchange(true)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    finished = true;
  });
  std::thread writer([&] {
    EXPECT_TRUE(db->Write([](Tx& tx) -> Status {
                    RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertToken, {"b", "b", "b"}));
                    return OkStatus();
                  }).ok());
  });
  while (!started) std::this_thread::yield();
  db->SetCommitListener(nullptr);
  EXPECT_TRUE(finished) << "the listener was still running after it was cleared";
  writer.join();
}

TEST(SqliteDatabaseTest, ReadersSeeCommittedWrites) {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  EXPECT_EQ(CountTokens(*db), 0);
  ASSERT_TRUE(db->Write([](Tx& tx) -> Status {
                  RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertToken, {"a", "a", "a"}));
                  return OkStatus();
                }).ok());
  EXPECT_EQ(CountTokens(*db), 1);
}

TEST(SqliteDatabaseTest, StatementCacheStaysBoundedAndCorrect) {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  // Far more distinct statements than the cache keeps (filters can generate many shapes).
  ASSERT_TRUE(db->Read([](Tx& tx) -> Status {
                  for (int i = 0; i < 2000; ++i) {
                    const std::string sql = "SELECT ? + " + std::to_string(i);
                    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {int64_t{1}}));
                    if (rows[0].Int(0) != i + 1) return Error::Internal("wrong result");
                  }
                  return OkStatus();
                }).ok());
  EXPECT_EQ(CountTokens(*db), 0);  // a constant statement still works after flushes
}

TEST(SqliteDatabaseTest, ReadConnectionsCannotWrite) {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  Status status = db->Read([](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertToken, {"a", "a", "a"}));
    return OkStatus();
  });
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(CountTokens(*db), 0);
}

TEST(SqliteDatabaseTest, AWriteAloneCommitsOrRollsBackAsAWholeBesideGroupedWrites) {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  // Its savepoints are outermost: releasing one keeps its rows, rolling one back drops only it.
  ASSERT_TRUE(db->WriteAlone([](Tx& tx) -> Status {
                  for (int i = 0; i < 3; ++i) {
                    RAPPORT_RETURN_IF_ERROR(tx.Exec("SAVEPOINT row"));
                    RAPPORT_RETURN_IF_ERROR(tx.Exec(
                        kInsertToken, {"alone" + std::to_string(i), "n", "h" + std::to_string(i)}));
                    RAPPORT_RETURN_IF_ERROR(tx.Exec(i == 1 ? "ROLLBACK TO row" : "RELEASE row"));
                    if (i == 1) RAPPORT_RETURN_IF_ERROR(tx.Exec("RELEASE row"));
                  }
                  return OkStatus();
                }).ok());
  EXPECT_EQ(CountTokens(*db), 2);
  // An error undoes the whole transaction, and grouped writes around it are unaffected.
  std::atomic<int> ok_writes = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      if (db->Write([i](Tx& tx) -> Status {
              RAPPORT_RETURN_IF_ERROR(tx.Exec(
                  kInsertToken, {"grouped" + std::to_string(i), "n", "g" + std::to_string(i)}));
              return OkStatus();
            }).ok()) {
        ++ok_writes;
      }
    });
  }
  Status failed = db->WriteAlone([](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertToken, {"doomed", "n", "d"}));
    return Error::Conflict("changed my mind");
  });
  for (auto& thread : threads) thread.join();
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(ok_writes.load(), 8);
  EXPECT_EQ(CountTokens(*db), 10);
}

// A read that outlives its request's budget (deadline passed, or the client hung up) is
// interrupted with kDeadlineExceeded; reads without a budget run to the end.
TEST(SqliteDatabaseTest, ReadsStopWhenTheirWorkBudgetIsSpent) {
  testing::TempDir dir;
  auto db = std::move(SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  constexpr std::string_view kEndless =
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n";
  constexpr std::string_view kShort =
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
      "SELECT count(*) FROM n";
  auto run = [&](std::string_view sql) {
    return db->Read([&](Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql));
      return OkStatus();
    });
  };
  {
    const WorkBudget budget{.deadline =
                                std::chrono::steady_clock::now() + std::chrono::milliseconds(50)};
    ScopedWorkBudget scope(budget);
    const auto started = std::chrono::steady_clock::now();
    Status status = run(kEndless);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, ErrorCode::kDeadlineExceeded);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  }
  {
    std::atomic<bool> cancelled = false;
    const WorkBudget budget{.cancelled = &cancelled};
    ScopedWorkBudget scope(budget);
    std::thread hang_up([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      cancelled = true;
    });
    Status status = run(kEndless);
    hang_up.join();
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().code, ErrorCode::kDeadlineExceeded);
    // The connection goes back to the pool usable: the next read (no budget) works.
  }
  EXPECT_TRUE(run(kShort).ok());
  EXPECT_TRUE(db->Write([](Tx& tx) -> Status {
                  RAPPORT_RETURN_IF_ERROR(tx.Exec("CREATE TABLE t (x)"));
                  return OkStatus();
                }).ok());
}

}  // namespace
}  // namespace rapport::storage

namespace rapport::storage {
namespace {

TEST(SqliteDatabaseTest, IdentityGenerationMovesWithIdentityWritesOnly) {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  auto write = [&](std::string_view sql, std::initializer_list<Value> params) {
    std::vector<Value> values(params);
    ASSERT_TRUE(db->Write([&](Tx& tx) -> Status {
                    RAPPORT_RETURN_IF_ERROR(tx.Exec(sql, values));
                    return OkStatus();
                  }).ok());
  };
  uint64_t seen = db->Current();
  // A token revoked or given new scopes: moved by the time Write returns (migration 0022).
  write(kInsertToken, {"tok_1", "t", "hash"});
  seen = db->Current();
  write("UPDATE api_tokens SET last_used_at = 'now' WHERE id = ?", {"tok_1"});
  EXPECT_EQ(db->Current(), seen) << "a token's use must not empty the other tokens' cache";
  write("UPDATE api_tokens SET revoked_at = 'now' WHERE id = ?", {"tok_1"});
  EXPECT_GT(db->Current(), seen);
  seen = db->Current();
  write("UPDATE api_tokens SET scopes = '[]' WHERE id = ?", {"tok_1"});
  EXPECT_GT(db->Current(), seen);
  seen = db->Current();
  write("DELETE FROM api_tokens WHERE id = ?", {"tok_1"});
  EXPECT_GT(db->Current(), seen);
  seen = db->Current();
  // A user's roles, through migration 0007's trigger on access_generation.
  write(
      "INSERT INTO users (id, email, email_key, name, password_hash, created_at, updated_at) "
      "VALUES ('usr_1', 'a@b.c', 'a@b.c', 'A', 'x', 'now', 'now')",
      {});
  EXPECT_GT(db->Current(), seen);
  seen = db->Current();
  write("UPDATE users SET roles = '[\"viewer\"]' WHERE id = 'usr_1'", {});
  EXPECT_GT(db->Current(), seen);
  seen = db->Current();
  // Anything else leaves it alone: the cache it guards keeps its entries.
  write("UPDATE users SET last_sign_in_at = 'now' WHERE id = 'usr_1'", {});
  write("INSERT INTO event_consumers (name, position, updated_at) VALUES ('x', 1, 'now')", {});
  EXPECT_EQ(db->Current(), seen);
}

}  // namespace
}  // namespace rapport::storage
