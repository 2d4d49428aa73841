#include <sodium.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include "cli/commands.hpp"

namespace rapport::cli {

CLI::Option* AddDataDirOption(CLI::App& command, std::string& target) {
  return command.add_option("--data-dir", target, "Directory holding rapport.db")
      ->envname("RAPPORT_DATA_DIR")
      ->capture_default_str();
}

int RunCli(int argc, char** argv) {
  // Everything Rapport creates (the database and its -wal/-shm, uploads, exports, keys) holds
  // customer data or password, token and session hashes: owner-only from the first byte, rather
  // than chmod after the fact, which leaves a window. SQLite gives -wal/-shm the database's mode.
  ::umask(0077);
  // Logs go to stderr so stdout carries only a command's result (e.g. a new token).
  spdlog::set_default_logger(spdlog::stderr_color_mt("rapport"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
  if (sodium_init() < 0) {
    spdlog::critical("libsodium failed to initialise");
    return 1;
  }
  CLI::App app{"Rapport: a fast, self-hosted CRM", "rapport"};
  app.require_subcommand(1);
  int exit_code = 0;
  AddServeCommand(app, exit_code);
  AddTokenCommand(app, exit_code);
  AddUserCommand(app, exit_code);
  AddDemoCommand(app, exit_code);
  AddMigrateCommand(app, exit_code);
  AddVersionCommand(app, exit_code);
  AddImportCommand(app, exit_code);
  AddExportCommand(app, exit_code);
  AddCheckCommand(app, exit_code);
  AddMailCommand(app, exit_code);
  AddLoyaltyCommand(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}

}  // namespace rapport::cli
