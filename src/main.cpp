// rapport: one binary for the server and every operator command (see `rapport --help`).
#include "cli/commands.hpp"

int main(int argc, char** argv) { return rapport::cli::RunCli(argc, argv); }
