#include "cli/writable_database.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

#include "customers/phone_displays.hpp"

namespace rapport::cli {

Result<WritableDatabase> OpenWritable(const std::string& data_dir) {
  RAPPORT_ASSIGN_OR_RETURN(storage::DataDirLock lock, storage::DataDirLock::Acquire(data_dir));
  RAPPORT_ASSIGN_OR_RETURN(
      auto database, storage::SqliteDatabase::Open({.path = storage::DatabasePath(data_dir)}));
  RAPPORT_RETURN_IF_ERROR(FillDerivedColumns(*database));
  return WritableDatabase{std::move(lock), std::move(database)};
}

Status FillDerivedColumns(storage::Database& database) {
  RAPPORT_ASSIGN_OR_RETURN(int64_t filled, customers::FillPhoneDisplays(database));
  if (filled > 0) spdlog::info("stored the display form of {} phone numbers", filled);
  return OkStatus();
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
