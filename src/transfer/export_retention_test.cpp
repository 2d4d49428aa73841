#include "transfer/export_retention.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/time.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::transfer {
namespace {

constexpr int64_t kHour = 3600 * 1000;
constexpr int64_t kNow = 1'800'000'000'000;

class ExportRetentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("r.db")})).value();
    transfer_dir_ = dir_.File("transfers");
    std::filesystem::create_directories(transfer_dir_);
  }
  // A job row as the exporter leaves it, and its file when `with_file`.
  void AddJob(const std::string& id, std::string_view kind, std::string_view status,
              int64_t finished_millis, bool with_file = true) {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     RAPPORT_RETURN_IF_ERROR(tx.Exec(
                         "INSERT INTO transfer_jobs (id, kind, object_type, status, actor, "
                         "created_at, finished_at) VALUES (?, ?, 'customers', ?, 'test', ?, ?)",
                         {id, std::string(kind), std::string(status),
                          FormatInstant(finished_millis), FormatInstant(finished_millis)}));
                     return OkStatus();
                   })
                    .ok());
    if (with_file) std::ofstream(File(id)) << "id,first_name\n";
  }
  std::string File(const std::string& id) { return transfer_dir_ + "/" + id + ".csv"; }
  std::string JobStatus(const std::string& id) {
    std::string status;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     RAPPORT_ASSIGN_OR_RETURN(
                         auto rows,
                         tx.Query("SELECT status FROM transfer_jobs WHERE id = ?", {id}));
                     status = rows.at(0).Text(0);
                     return OkStatus();
                   })
                    .ok());
    return status;
  }

  testing::TempDir dir_;
  std::string transfer_dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
};

TEST_F(ExportRetentionTest, DeletesOldExportFilesAndMarksTheirJobsExpired) {
  const int64_t cutoff = kNow - 168 * kHour;
  AddJob("exp_old", "export", "completed", cutoff - kHour);
  AddJob("exp_new", "export", "completed", cutoff + kHour);
  AddJob("exp_failed", "export", "failed", cutoff - kHour, /*with_file=*/false);
  AddJob("imp_old", "import", "completed", cutoff - kHour);  // an import's upload is not ours
  auto expired = ExpireExportFiles(*db_, transfer_dir_, cutoff);
  ASSERT_TRUE(expired.ok()) << expired.error().message;
  EXPECT_EQ(*expired, 1);
  EXPECT_FALSE(std::filesystem::exists(File("exp_old")));
  EXPECT_EQ(JobStatus("exp_old"), "expired");
  EXPECT_TRUE(std::filesystem::exists(File("exp_new")));
  EXPECT_EQ(JobStatus("exp_new"), "completed");
  EXPECT_EQ(JobStatus("exp_failed"), "failed");
  EXPECT_TRUE(std::filesystem::exists(File("imp_old")));
  EXPECT_EQ(JobStatus("imp_old"), "completed");

  // The next sweep has nothing left to do; a file already gone is no error.
  EXPECT_EQ(ExpireExportFiles(*db_, transfer_dir_, cutoff).value(), 0);
  AddJob("exp_gone", "export", "completed", cutoff - kHour, /*with_file=*/false);
  EXPECT_EQ(ExpireExportFiles(*db_, transfer_dir_, cutoff).value(), 1);
  EXPECT_EQ(JobStatus("exp_gone"), "expired");
}

}  // namespace
}  // namespace rapport::transfer
