// Export retention: an export's file holds customer data, so it is kept only for a while
// (`export_retention_hours` in rapport.toml, default 7 days) after its job finished. The server's
// maintenance schedule calls ExpireExportFiles; each completed export finished before the cutoff
// has its file deleted and its job marked `expired` (the row stays: who exported what, and when,
// is part of the record). Downloading an expired export's file answers 404 saying so
// (docs/design/maintenance.md).
//
// Files are found by name (`<job id>.<extension>` in the transfer directory), not through the
// exporter, so retention does not depend on how exports are written. A file is deleted before
// its job is marked, so a crash in between leaves a job whose file is gone (404 "not kept"),
// never a file no sweep will look at again. Stateless; thread-safe given a thread-safe Database.
#pragma once

#include <cstdint>
#include <string>

#include "storage/database.hpp"

namespace rapport::transfer {

// Expires the completed exports that finished before `cutoff_millis` (milliseconds since the
// epoch); answers how many were expired.
Result<int64_t> ExpireExportFiles(storage::Database& database, const std::string& transfer_dir,
                                  int64_t cutoff_millis);

}  // namespace rapport::transfer
