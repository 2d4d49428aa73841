#include "cli/writable_database.hpp"

#include <iostream>

namespace rapport::cli {

Result<WritableDatabase> OpenWritable(const std::string& data_dir) {
  RAPPORT_ASSIGN_OR_RETURN(storage::DataDirLock lock, storage::DataDirLock::Acquire(data_dir));
  RAPPORT_ASSIGN_OR_RETURN(
      auto database, storage::SqliteDatabase::Open({.path = storage::DatabasePath(data_dir)}));
  return WritableDatabase{std::move(lock), std::move(database)};
}

void PrintError(const Error& error) {
  std::cerr << "error: " << error.message << "\n";
  for (const auto& field : error.field_errors) {
    if (field.message != error.message) {
      std::cerr << "  " << field.field << ": " << field.message << "\n";
    }
  }
}

}  // namespace rapport::cli
