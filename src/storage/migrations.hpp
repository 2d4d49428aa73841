// Versioned schema migrations, embedded in the binary from src/storage/migrations/NNNN_name.sql.
//
// The schema version lives in SQLite's user_version. Each migration runs in its own transaction
// together with the version bump, so a crash leaves the schema at a whole version. A database
// whose version is newer than this binary knows is refused rather than guessed at.
#pragma once

#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace rapport::storage {

class SqliteConnection;

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

const std::vector<Migration>& Migrations();
int LatestSchemaVersion();

// Brings the database to the latest version; returns that version.
Result<int> ApplyMigrations(SqliteConnection& connection);
// The version stored in the database, without changing anything.
Result<int> CurrentSchemaVersion(SqliteConnection& connection);

}  // namespace rapport::storage
