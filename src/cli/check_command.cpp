// `rapport check`: reports stored JSON that breaks the database's JSON functions.
//
// Opens the database read-only, so it is safe beside a running server (DESIGN §4). Exit code 0
// when nothing is found, 1 when a bad row is found or the database cannot be read.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/writable_database.hpp"
#include "storage/data_dir.hpp"
#include "storage/json_check.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace rapport::cli {
namespace {

// Rows listed per column; a database this broken needs a repair, not a longer list.
constexpr int64_t kRowsPerColumn = 1000;

int Check(const std::string& data_dir) {
  auto db = storage::SqliteDatabase::OpenReadOnly({.path = storage::DatabasePath(data_dir)});
  if (!db.ok()) {
    PrintError(db.error());
    return 1;
  }
  std::vector<storage::BadJsonRow> bad;
  const Status scanned = (*db)->Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(bad, storage::FindBadJsonRows(tx, /*deep=*/true, kRowsPerColumn));
    return OkStatus();
  });
  if (!scanned.ok()) {
    PrintError(scanned.error());
    return 1;
  }
  for (const auto& row : bad) {
    std::cout << row.table << "." << row.column << "  " << row.key << "  " << row.problem << "\n";
  }
  if (bad.empty()) {
    std::cout << "ok: every stored JSON document is valid and its numbers finite\n";
    return 0;
  }
  std::cout << bad.size() << " stored JSON document(s) are broken: filters that reach these rows "
            << "fail until they are repaired (docs/operations.md)\n";
  return 1;
}

}  // namespace

void AddCheckCommand(CLI::App& app, int& exit_code) {
  auto data_dir = std::make_shared<std::string>("data");
  CLI::App* command = app.add_subcommand(
      "check", "Report stored JSON that is invalid or holds non-finite numbers (read-only)");
  AddDataDirOption(*command, *data_dir);
  command->callback([data_dir, &exit_code] { exit_code = Check(*data_dir); });
}

}  // namespace rapport::cli
