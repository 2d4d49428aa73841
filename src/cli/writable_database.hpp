// The preamble of every CLI command that writes: take the data-directory lock (refusing, with
// the holder's pid, while a server runs) and open the database with its single writer. Also the
// one way commands print an Error. Single-threaded use.
#pragma once

#include <memory>
#include <string>

#include "common/result.hpp"
#include "storage/data_dir.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace rapport::cli {

struct WritableDatabase {
  storage::DataDirLock lock;  // held for the command's life; released on exit, even by kill -9
  std::unique_ptr<storage::SqliteDatabase> database;
};

Result<WritableDatabase> OpenWritable(const std::string& data_dir);

// What every writing process does after the migrations and before its work: fills the columns
// that a migration added but only C++ can compute (phone display forms, customers/
// phone_displays.hpp). `rapport serve` calls it too; OpenWritable already has.
Status FillDerivedColumns(storage::Database& database);

// "error: <message>" and each field's problem, on stderr.
void PrintError(const Error& error);

}  // namespace rapport::cli
