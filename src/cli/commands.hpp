// The CLI's subcommands, one file each. Every Add*Command registers its options on `app` and sets
// `exit_code` when it runs. Commands that write take the data-directory lock first, so none of
// them can write beside a running server (DESIGN §4: one writer per database file).
#pragma once

#include <CLI/CLI.hpp>

namespace rapport::cli {

void AddServeCommand(CLI::App& app, int& exit_code);
void AddTokenCommand(CLI::App& app, int& exit_code);
void AddUserCommand(CLI::App& app, int& exit_code);
void AddDemoCommand(CLI::App& app, int& exit_code);
void AddMigrateCommand(CLI::App& app, int& exit_code);
void AddVersionCommand(CLI::App& app, int& exit_code);
void AddImportCommand(CLI::App& app, int& exit_code);
void AddExportCommand(CLI::App& app, int& exit_code);
void AddCheckCommand(CLI::App& app, int& exit_code);
void AddMailCommand(CLI::App& app, int& exit_code);
void AddLoyaltyCommand(CLI::App& app, int& exit_code);

// Adds --data-dir (also RAPPORT_DATA_DIR) bound to `target`.
CLI::Option* AddDataDirOption(CLI::App& command, std::string& target);

// Runs the CLI; returns the process exit code.
int RunCli(int argc, char** argv);

}  // namespace rapport::cli
