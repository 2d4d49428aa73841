#include "transfer/transfer_jobs.hpp"

#include <array>

#include "common/ids.hpp"
#include "common/time.hpp"

namespace rapport::transfer {
namespace {

using storage::Rows;
using storage::Tx;

#define RAPPORT_JOB_COLUMNS                                                                       \
  "seq, id, kind, object_type, status, options, file_name, actor, user_id, total_bytes, "         \
  "done_bytes, rows_read, created, updated, unchanged, failed, message, created_at, started_at, " \
  "finished_at, reverted_at"

constexpr std::string_view kInsertJob =
    "INSERT INTO transfer_jobs (id, kind, object_type, status, options, file_name, actor, "
    "user_id, total_bytes, created_at) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kProgress =
    "UPDATE transfer_jobs SET status = 'running', started_at = coalesce(started_at, ?), "
    "done_bytes = ?, rows_read = ?, created = ?, updated = ?, unchanged = ?, failed = ? "
    "WHERE seq = ?";
constexpr std::string_view kFinish =
    "UPDATE transfer_jobs SET status = ?, started_at = coalesce(started_at, ?), "
    "total_bytes = max(total_bytes, ?), done_bytes = ?, rows_read = ?, created = ?, "
    "updated = ?, unchanged = ?, failed = ?, message = ?, finished_at = ? WHERE seq = ?";
constexpr std::string_view kInsertError =
    "INSERT INTO transfer_errors (job_seq, position, row_number, line, column_name, value, reason) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertItem =
    "INSERT INTO import_items (job_seq, position, object_type, object_id, row_number) "
    "VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kItemRow =
    "SELECT row_number FROM import_items WHERE job_seq = ? AND object_id = ? "
    "AND row_number IS NOT NULL";
constexpr std::string_view kInterrupt =
    "UPDATE transfer_jobs SET status = 'interrupted', finished_at = ?, "
    "message = 'The server stopped while the job ran; what was committed stays (revert it to "
    "undo).' WHERE status IN ('queued', 'running')";
constexpr std::string_view kSelectJob =
    "SELECT " RAPPORT_JOB_COLUMNS " FROM transfer_jobs WHERE id = ? AND kind = ?";
constexpr std::string_view kSelectErrors =
    "SELECT row_number, line, column_name, value, reason FROM transfer_errors "
    "WHERE job_seq = ? ORDER BY position";
constexpr std::string_view kItemsNewestFirst =
    "SELECT position, object_type, object_id FROM import_items WHERE job_seq = ? AND position < ? "
    "ORDER BY position DESC LIMIT ?";
constexpr std::string_view kMarkReverted =
    "UPDATE transfer_jobs SET status = 'reverted', reverted_at = ? WHERE seq = ?";

// Revert works in transactions of this many records, so the server's other writes interleave.
constexpr int64_t kRevertBatch = 500;

constexpr std::array<JobStatus, 7> kStatuses = {
    JobStatus::kQueued,      JobStatus::kRunning,  JobStatus::kCompleted, JobStatus::kFailed,
    JobStatus::kInterrupted, JobStatus::kReverted, JobStatus::kExpired};

// A whole percentage: what a progress bar needs, and it serialises as a plain number.
int64_t ProgressPercent(int64_t done, int64_t total) {
  return total > 0 ? std::min<int64_t>(100, done * 100 / total) : 0;
}

json::object JobFromRow(const storage::Row& row) {
  auto optional = [&](size_t i) {
    return row.IsNull(i) ? json::value(nullptr) : json::value(row.Text(i));
  };
  auto options = ParseJson(row.Text(5));
  const int64_t total = row.Int(9);
  const int64_t done = row.Int(10);
  const std::string status = row.Text(4);
  int64_t progress = ProgressPercent(done, total);
  const std::optional<JobStatus> parsed = ParseJobStatus(status);
  if (parsed == JobStatus::kCompleted || parsed == JobStatus::kReverted) progress = 100;
  return json::object{{"id", row.Text(1)},
                      {"kind", row.Text(2)},
                      {"object_type", row.Text(3)},
                      {"status", status},
                      {"options", options.ok() ? std::move(options).value() : json::object()},
                      {"file_name", optional(6)},
                      {"actor", row.Text(7)},
                      {"user_id", optional(8)},
                      {"progress", progress},
                      {"total_bytes", total},
                      {"done_bytes", done},
                      {"rows", row.Int(11)},
                      {"created", row.Int(12)},
                      {"updated", row.Int(13)},
                      {"unchanged", row.Int(14)},
                      {"failed", row.Int(15)},
                      {"message", optional(16)},
                      {"created_at", row.Text(17)},
                      {"started_at", optional(18)},
                      {"finished_at", optional(19)},
                      {"reverted_at", optional(20)}};
}

bool MaySee(const access::Access& access, const storage::Row& row) {
  return access.is_admin() || (!row.IsNull(8) && row.Text(8) == access.user_id());
}

Result<storage::Row> VisibleJob(Tx& tx, const access::Access& access, JobKind kind,
                                const std::string& id) {
  const std::string kind_name(JobKindName(kind));
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectJob, {id, kind_name}));
  if (rows.empty() || !MaySee(access, rows[0])) {
    return Error::NotFound("No " + kind_name + " has the id " + id + ".");
  }
  return std::move(rows[0]);
}

// One created record, removed through its adapter unless someone changed it since.
Result<RevertOutcome> RemoveItem(const AdapterRegistry& adapters, Tx& tx,
                                 const access::Access& access, const storage::WriteContext& context,
                                 const std::string& type, const std::string& id) {
  const ObjectAdapter* adapter = adapters.FindByItemType(type);
  if (adapter == nullptr) return Error::Internal("unknown imported object type " + type);
  return adapter->RemoveImported(tx, access, context, id);
}

}  // namespace

std::string_view JobKindName(JobKind kind) {
  return kind == JobKind::kImport ? "import" : "export";
}

std::optional<JobStatus> ParseJobStatus(std::string_view name) {
  for (JobStatus status : kStatuses) {
    if (JobStatusName(status) == name) return status;
  }
  return std::nullopt;
}

std::string_view JobStatusName(JobStatus status) {
  switch (status) {
    case JobStatus::kQueued:
      return "queued";
    case JobStatus::kRunning:
      return "running";
    case JobStatus::kCompleted:
      return "completed";
    case JobStatus::kFailed:
      return "failed";
    case JobStatus::kInterrupted:
      return "interrupted";
    case JobStatus::kReverted:
      return "reverted";
    case JobStatus::kExpired:
      return "expired";
  }
  return "failed";
}

Result<JobRef> CreateJob(storage::Database& database, const access::Access& access,
                         const storage::WriteContext& context, const NewJob& job) {
  JobRef ref{.seq = 0, .id = NewId(job.kind == JobKind::kImport ? "imp" : "exp")};
  RAPPORT_RETURN_IF_ERROR(database.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertJob,
        {ref.id, std::string(JobKindName(job.kind)), job.object_type, ToJsonString(job.options),
         job.file_name.empty() ? storage::Null() : storage::Value(job.file_name), context.actor,
         access.user_id().empty() ? storage::Null() : storage::Value(access.user_id()),
         job.total_bytes, NowInstant()}));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows,
                             tx.Query("SELECT seq FROM transfer_jobs WHERE id = ?", {ref.id}));
    ref.seq = rows.at(0).Int(0);
    return OkStatus();
  }));
  return ref;
}

Status RecordProgress(Tx& tx, int64_t job_seq, const JobCounts& counts) {
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kProgress, {NowInstant(), counts.done_bytes, counts.rows, counts.created,
                          counts.updated, counts.unchanged, counts.failed, job_seq}));
  return OkStatus();
}

Status RecordCreated(Tx& tx, int64_t job_seq, int64_t position, const std::string& object_type,
                     const std::string& id, int64_t row) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertItem, {job_seq, position, object_type, id, row}));
  return OkStatus();
}

Result<std::optional<int64_t>> RowThatCreated(Tx& tx, int64_t job_seq, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kItemRow, {job_seq, id}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

Status FinishJob(storage::Database& database, const JobRef& job, JobStatus status,
                 const JobCounts& counts, const std::string& message,
                 const std::vector<TransferError>& errors) {
  return database.Write([&](Tx& tx) -> Status {
    const std::string now = NowInstant();
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kFinish, {std::string(JobStatusName(status)), now, counts.total_bytes, counts.done_bytes,
                  counts.rows, counts.created, counts.updated, counts.unchanged, counts.failed,
                  message.empty() ? storage::Null() : storage::Value(message), now, job.seq}));
    int64_t position = 0;
    for (const auto& error : errors) {
      if (static_cast<size_t>(position) >= kMaxStoredErrors) break;
      RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsertError, {job.seq, position++, error.row, error.line,
                                                     error.column, error.value, error.reason}));
    }
    return OkStatus();
  });
}

Status MarkInterruptedJobs(storage::Database& database) {
  return database.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kInterrupt, {NowInstant()}));
    return OkStatus();
  });
}

Result<json::object> GetJob(storage::Database& database, const access::Access& access, JobKind kind,
                            const std::string& id) {
  json::object job;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(storage::Row row, VisibleJob(tx, access, kind, id));
    job = JobFromRow(row);
    RAPPORT_ASSIGN_OR_RETURN(
        Rows errors,
        tx.Query("SELECT count(*) FROM transfer_errors WHERE job_seq = ?", {row.Int(0)}));
    job["error_count"] = errors.at(0).Int(0);
    return OkStatus();
  }));
  return job;
}

void ApplyLiveCounts(json::object& job, const JobCounts& live) {
  const json::value& status = job.at("status");
  if (!status.is_string() || ParseJobStatus(status.as_string()) != JobStatus::kRunning) return;
  // Exports learn their total (records) only once running; imports know it (bytes) at upload.
  if (live.total_bytes > 0) job["total_bytes"] = live.total_bytes;
  job["done_bytes"] = live.done_bytes;
  job["rows"] = live.rows;
  job["created"] = live.created;
  job["updated"] = live.updated;
  job["unchanged"] = live.unchanged;
  job["failed"] = live.failed;
  job["progress"] = ProgressPercent(live.done_bytes, job.at("total_bytes").as_int64());
}

Result<Page> ListJobs(storage::Database& database, const access::Access& access, JobKind kind,
                      int limit, const std::optional<std::string>& cursor) {
  Page page;
  int64_t before = INT64_MAX;
  if (cursor) {
    char* end = nullptr;
    before = std::strtoll(cursor->c_str(), &end, 10);
    if (end == nullptr || *end != '\0' || cursor->empty()) {
      return Error::Malformed("The cursor is not valid.");
    }
  }
  RAPPORT_RETURN_IF_ERROR(database.Read([&](Tx& tx) -> Status {
    // Newest first; others' jobs only for administrators.
    std::string sql =
        "SELECT " RAPPORT_JOB_COLUMNS " FROM transfer_jobs WHERE kind = ? AND seq < ?";
    std::vector<storage::Value> params{std::string(JobKindName(kind)), before};
    if (!access.is_admin()) {
      sql += " AND user_id = ?";
      params.emplace_back(access.user_id());
    }
    sql += " ORDER BY seq DESC LIMIT ?";
    params.emplace_back(static_cast<int64_t>(limit + 1));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
    for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(limit); ++i) {
      page.data.push_back(JobFromRow(rows[i]));
    }
    if (rows.size() > static_cast<size_t>(limit)) {
      page.next_cursor = std::to_string(rows[static_cast<size_t>(limit) - 1].Int(0));
    }
    return OkStatus();
  }));
  return page;
}

Result<std::vector<TransferError>> JobErrors(storage::Database& database,
                                             const access::Access& access, JobKind kind,
                                             const std::string& id) {
  std::vector<TransferError> errors;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(storage::Row job, VisibleJob(tx, access, kind, id));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectErrors, {job.Int(0)}));
    for (const auto& row : rows) {
      errors.push_back({row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4)});
    }
    return OkStatus();
  }));
  return errors;
}

Result<json::object> RevertImport(const AdapterRegistry& adapters, storage::Database& database,
                                  const access::Access& access,
                                  const storage::WriteContext& context, const std::string& id) {
  int64_t seq = 0;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(storage::Row job, VisibleJob(tx, access, JobKind::kImport, id));
    const std::optional<JobStatus> status = ParseJobStatus(job.Text(4));
    auto options = ParseJson(job.Text(5));
    const bool dry_run = options.ok() && options->is_object() &&
                         options->as_object().if_contains("dry_run") &&
                         options->as_object().at("dry_run") == json::value(true);
    if (dry_run) return Error::Conflict("A dry run changed nothing; there is nothing to revert.");
    if (status == JobStatus::kQueued || status == JobStatus::kRunning) {
      return Error::Conflict("The import is still running; revert it when it has finished.");
    }
    if (status == JobStatus::kReverted) return Error::Conflict("The import was already reverted.");
    seq = job.Int(0);
    return OkStatus();
  }));
  storage::WriteContext revert_context = context;
  revert_context.via = "import";
  int64_t removed = 0, kept = 0, missing = 0;
  int64_t position = INT64_MAX;
  while (true) {
    bool done = false;
    RAPPORT_RETURN_IF_ERROR(database.Write([&](Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(Rows items,
                               tx.Query(kItemsNewestFirst, {seq, position, kRevertBatch}));
      done = items.empty();
      for (const auto& item : items) {
        position = item.Int(0);
        RAPPORT_ASSIGN_OR_RETURN(
            RevertOutcome outcome,
            RemoveItem(adapters, tx, access, revert_context, item.Text(1), item.Text(2)));
        (outcome == RevertOutcome::kRemoved ? removed
         : outcome == RevertOutcome::kKept  ? kept
                                            : missing) += 1;
      }
      if (done) RAPPORT_RETURN_IF_ERROR(tx.Exec(kMarkReverted, {NowInstant(), seq}));
      return OkStatus();
    }));
    if (done) break;
  }
  RAPPORT_ASSIGN_OR_RETURN(json::object job, GetJob(database, access, JobKind::kImport, id));
  job["reverted"] = json::object{{"removed", removed}, {"kept", kept}, {"missing", missing}};
  return job;
}

}  // namespace rapport::transfer
