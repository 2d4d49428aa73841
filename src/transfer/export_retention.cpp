#include "transfer/export_retention.hpp"

#include <filesystem>
#include <unordered_map>
#include <vector>

#include "common/time.hpp"

namespace rapport::transfer {
namespace {

// Bounded so one sweep stays one short write; the next sweep takes the rest.
constexpr int64_t kMaxPerSweep = 1000;

constexpr std::string_view kSelectExpiring =
    "SELECT seq, id FROM transfer_jobs WHERE kind = 'export' AND status = 'completed' "
    "AND finished_at < ? ORDER BY finished_at LIMIT ?";
constexpr std::string_view kMarkExpired =
    "UPDATE transfer_jobs SET status = 'expired', message = ? "
    "WHERE seq = ? AND status = 'completed'";

// The transfer directory's files by job id (the name up to its first dot).
std::unordered_map<std::string, std::vector<std::filesystem::path>> FilesById(
    const std::string& transfer_dir) {
  std::unordered_map<std::string, std::vector<std::filesystem::path>> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(transfer_dir, error)) {
    if (!entry.is_regular_file(error)) continue;
    const std::string name = entry.path().filename().string();
    files[name.substr(0, name.find('.'))].push_back(entry.path());
  }
  return files;
}

}  // namespace

Result<int64_t> ExpireExportFiles(storage::Database& database, const std::string& transfer_dir,
                                  int64_t cutoff_millis) {
  std::vector<std::pair<int64_t, std::string>> jobs;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(
        storage::Rows rows,
        tx.Query(kSelectExpiring, {FormatInstant(cutoff_millis), kMaxPerSweep}));
    for (const auto& row : rows) jobs.emplace_back(row.Int(0), row.Text(1));
    return OkStatus();
  }));
  if (jobs.empty()) return int64_t{0};

  auto files = FilesById(transfer_dir);
  for (const auto& [seq, id] : jobs) {
    std::error_code ignored;  // already gone is what we want
    for (const auto& path : files[id]) std::filesystem::remove(path, ignored);
  }
  const std::string message = "The file was deleted after the retention period (finished before " +
                              FormatInstant(cutoff_millis) + "); export again to get a new one.";
  int64_t expired = 0;
  RAPPORT_RETURN_IF_ERROR(database.Write([&](storage::Tx& tx) -> Status {
    expired = 0;
    for (const auto& [seq, id] : jobs) {
      RAPPORT_ASSIGN_OR_RETURN(int64_t changed, tx.Exec(kMarkExpired, {message, seq}));
      expired += changed;
    }
    return OkStatus();
  }));
  return expired;
}

}  // namespace rapport::transfer
