// `rapport migrate` and `rapport version`.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/writable_database.hpp"
#include "storage/data_dir.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#ifndef RAPPORT_VERSION
#define RAPPORT_VERSION "dev"
#endif

namespace rapport::cli {

void AddMigrateCommand(CLI::App& app, int& exit_code) {
  auto data_dir = std::make_shared<std::string>("data");
  CLI::App* command = app.add_subcommand("migrate", "Bring the database schema up to date");
  AddDataDirOption(*command, *data_dir);
  command->callback([data_dir, &exit_code] {
    auto opened = OpenWritable(*data_dir);
    if (!opened.ok()) {
      PrintError(opened.error());
      exit_code = 1;
      return;
    }
    std::cout << "schema version " << opened->database->schema_version() << "\n";
  });
}

void AddVersionCommand(CLI::App& app, int& exit_code) {
  CLI::App* command = app.add_subcommand("version", "Print the version");
  command->callback([&exit_code] {
    std::cout << "rapport " << RAPPORT_VERSION << " (schema " << storage::LatestSchemaVersion()
              << ")\n";
    exit_code = 0;
  });
}

}  // namespace rapport::cli
