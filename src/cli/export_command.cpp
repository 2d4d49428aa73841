// Placeholder: `rapport export` is being written.
#include "cli/commands.hpp"

namespace rapport::cli {

void AddExportCommand(CLI::App& /*app*/, int& /*exit_code*/) {}

}  // namespace rapport::cli
