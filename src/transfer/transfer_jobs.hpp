// Transfer jobs: the rows that describe imports and exports (migration 0010) — options,
// progress, outcome, the error report — and the revert of an import. The importer and exporter
// write progress through here; HTTP and the CLI read it. A job is visible to the staff member who
// started it and to administrators.
//
// Functions over the Database; thread-safe; calls block on storage.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/page.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"
#include "transfer/adapter_registry.hpp"

namespace rapport::transfer {

// At most this many error rows are kept per job: a file that is wrong everywhere still gets a
// useful report without the report outgrowing the data.
inline constexpr size_t kMaxStoredErrors = 10000;

enum class JobKind { kImport, kExport };
std::string_view JobKindName(JobKind kind);  // "import" | "export"

// A job's life: queued → running → completed | failed; a server that stops mid-job leaves it
// interrupted (at the next start); an import's revert makes it reverted.
// kExpired: an export whose file the retention sweep deleted (export_retention.hpp).
enum class JobStatus { kQueued, kRunning, kCompleted, kFailed, kInterrupted, kReverted, kExpired };
std::optional<JobStatus> ParseJobStatus(std::string_view name);
std::string_view JobStatusName(JobStatus status);

struct JobCounts {
  int64_t total_bytes = 0;
  int64_t done_bytes = 0;
  int64_t rows = 0;
  int64_t created = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t failed = 0;
};

struct TransferError {
  int64_t row = 0;
  int64_t line = 0;
  std::string column;
  std::string value;
  std::string reason;
};

struct JobRef {
  int64_t seq = 0;
  std::string id;
};

struct NewJob {
  JobKind kind = JobKind::kImport;
  std::string object_type;  // customers, companies, ...
  json::object options;
  std::string file_name;
  int64_t total_bytes = 0;
};

Result<JobRef> CreateJob(storage::Database& database, const access::Access& access,
                         const storage::WriteContext& context, const NewJob& job);
// Progress inside the importer's own transaction, so counts and data commit together.
Status RecordProgress(storage::Tx& tx, int64_t job_seq, const JobCounts& counts);
// `row`: the file's data row that created the record.
Status RecordCreated(storage::Tx& tx, int64_t job_seq, int64_t position,
                     const std::string& object_type, const std::string& id, int64_t row);
// The data row of job `job_seq` that created record `id`; nullopt when the job did not.
Result<std::optional<int64_t>> RowThatCreated(storage::Tx& tx, int64_t job_seq,
                                              const std::string& id);
// Final status (completed | failed), counts, message, and the error report.
Status FinishJob(storage::Database& database, const JobRef& job, JobStatus status,
                 const JobCounts& counts, const std::string& message,
                 const std::vector<TransferError>& errors);
// Jobs left running by a server that stopped become "interrupted" (called at start-up).
Status MarkInterruptedJobs(storage::Database& database);

// The job as the API serves it, with `progress` (percent, 0..100); kNotFound when the caller may
// not see it.
Result<json::object> GetJob(storage::Database& database, const access::Access& access, JobKind kind,
                            const std::string& id);
// Lays a running job's live counts (JobRunner::Live) over its served row: atomic imports, dry
// runs and exports commit their counts only at the end.
void ApplyLiveCounts(json::object& job, const JobCounts& live);
Result<Page> ListJobs(storage::Database& database, const access::Access& access, JobKind kind,
                      int limit, const std::optional<std::string>& cursor);
Result<std::vector<TransferError>> JobErrors(storage::Database& database,
                                             const access::Access& access, JobKind kind,
                                             const std::string& id);

// Removes what the import created, newest first, through each record's adapter and so its area's
// own delete path (audited, with its events).
// Records changed since the import are kept and counted as `kept`. Returns the job with
// {reverted: {removed, kept, missing}}. kConflict for a dry run, a running job or a second revert.
Result<json::object> RevertImport(const AdapterRegistry& adapters, storage::Database& database,
                                  const access::Access& access,
                                  const storage::WriteContext& context, const std::string& id);

}  // namespace rapport::transfer
