// `rapport token create|list|revoke`: API tokens from the command line.
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.hpp"
#include "common/time.hpp"
#include "identity/token_service.hpp"
#include "storage/data_dir.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace rapport::cli {
namespace {

struct TokenFlags {
  std::string data_dir = "data";
  std::string name;
  std::string expires_at;
  std::string id;
};

int Create(const TokenFlags& flags) {
  auto lock = storage::DataDirLock::Acquire(flags.data_dir);
  if (!lock.ok()) {
    std::cerr << "error: " << lock.error().message << "\n";
    return 1;
  }
  auto db = storage::SqliteDatabase::Open({.path = storage::DatabasePath(flags.data_dir)});
  if (!db.ok()) {
    std::cerr << "error: " << db.error().message << "\n";
    return 1;
  }
  identity::TokenService tokens(**db);
  const storage::WriteContext context{.actor = "cli:token", .via = "cli"};
  auto token =
      tokens.Create(context, flags.name,
                    flags.expires_at.empty() ? std::nullopt : std::optional(flags.expires_at));
  if (!token.ok()) {
    std::cerr << "error: " << token.error().message << "\n";
    return 1;
  }
  std::cerr << "Created token " << token->info.id << " (" << token->info.prefix
            << "…). It is shown once; only its hash is stored.\n";
  std::cout << token->secret << std::endl;  // last line of stdout: scripts read it
  return 0;
}

int List(const TokenFlags& flags) {
  // Read-only: safe while a server holds the data directory.
  auto db = storage::SqliteDatabase::OpenReadOnly({.path = storage::DatabasePath(flags.data_dir)});
  if (!db.ok()) {
    std::cerr << "error: " << db.error().message << "\n";
    return 1;
  }
  identity::TokenService tokens(**db);
  auto list = tokens.List();
  if (!list.ok()) {
    std::cerr << "error: " << list.error().message << "\n";
    return 1;
  }
  std::cout
      << "ID                              PREFIX        CREATED                   STATUS  NAME\n";
  for (const auto& token : *list) {
    const char* status = token.revoked_at                                        ? "revoked"
                         : token.expires_at && *token.expires_at <= NowInstant() ? "expired"
                                                                                 : "active";
    std::cout << token.id << "  " << token.prefix << "  " << token.created_at << "  " << status
              << "  " << token.name << "\n";
  }
  return 0;
}

int Revoke(const TokenFlags& flags) {
  auto lock = storage::DataDirLock::Acquire(flags.data_dir);
  if (!lock.ok()) {
    std::cerr << "error: " << lock.error().message << "\n";
    return 1;
  }
  auto db = storage::SqliteDatabase::Open({.path = storage::DatabasePath(flags.data_dir)});
  if (!db.ok()) {
    std::cerr << "error: " << db.error().message << "\n";
    return 1;
  }
  identity::TokenService tokens(**db);
  const storage::WriteContext context{.actor = "cli:token", .via = "cli"};
  Status status = tokens.Revoke(context, flags.id);
  if (!status.ok()) {
    std::cerr << "error: " << status.error().message << "\n";
    return 1;
  }
  std::cout << "revoked " << flags.id << "\n";
  return 0;
}

}  // namespace

void AddTokenCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<TokenFlags>();
  CLI::App* token = app.add_subcommand("token", "Create, list and revoke API tokens");
  token->require_subcommand(1);

  CLI::App* create = token->add_subcommand("create", "Create a token; prints it as the last line");
  AddDataDirOption(*create, flags->data_dir);
  create->add_option("--name", flags->name, "What the token is for")->required();
  create->add_option("--expires-at", flags->expires_at, "RFC 3339 expiry (default: never)");
  create->callback([flags, &exit_code] { exit_code = Create(*flags); });

  CLI::App* list = token->add_subcommand("list", "List tokens (never their secrets)");
  AddDataDirOption(*list, flags->data_dir);
  list->callback([flags, &exit_code] { exit_code = List(*flags); });

  CLI::App* revoke = token->add_subcommand("revoke", "Revoke a token by id or prefix");
  AddDataDirOption(*revoke, flags->data_dir);
  revoke->add_option("--id", flags->id, "Token id or prefix")->required();
  revoke->callback([flags, &exit_code] { exit_code = Revoke(*flags); });
}

}  // namespace rapport::cli
