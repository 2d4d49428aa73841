// `rapport token create|list|revoke`: API tokens from the command line.
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/writable_database.hpp"
#include "common/time.hpp"
#include "identity/token_service.hpp"
#include "identity/user_service.hpp"
#include "storage/data_dir.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace rapport::cli {
namespace {

// The administrator `token create` makes when it is given no --user and none exists yet, so
// scripts and tests keep a one-command way in. Its password is random and never shown; set one
// with `rapport user reset-password` to sign in as it.
constexpr std::string_view kDefaultAdminEmail = "admin@rapport.example";

struct TokenFlags {
  std::string data_dir = "data";
  std::string name;
  std::string user;
  std::string expires_at;
  std::string id;
  std::vector<std::string> scopes;
};

// The id of the token's owner: --user, else the oldest active admin, else a new admin.
Result<std::string> OwnerFor(storage::Database& db, const TokenFlags& flags,
                             const storage::WriteContext& context) {
  identity::PasswordHasher hasher;
  identity::UserService users(db, hasher);
  if (!flags.user.empty()) {
    RAPPORT_ASSIGN_OR_RETURN(json::object user, users.Find(flags.user));
    if (user.at("status") != "active") return Error::Invalid("user", "the user is disabled");
    return std::string(user.at("id").as_string());
  }
  RAPPORT_ASSIGN_OR_RETURN(std::optional<json::object> admin, users.FirstActiveAdmin());
  if (admin) return std::string(admin->at("id").as_string());
  RAPPORT_ASSIGN_OR_RETURN(json::object created,
                           users.Create(context, {std::string(kDefaultAdminEmail),
                                                  "Administrator",
                                                  {"admin"},
                                                  identity::GeneratePassword()}));
  std::cerr << "Created administrator " << std::string_view(created.at("email").as_string())
            << " to own the token.\n";
  return std::string(created.at("id").as_string());
}

int Create(const TokenFlags& flags) {
  auto opened = OpenWritable(flags.data_dir);
  if (!opened.ok()) {
    PrintError(opened.error());
    return 1;
  }
  storage::SqliteDatabase& db = *opened->database;
  identity::TokenService tokens(db);
  const storage::WriteContext context{.actor = "cli:token", .via = "cli"};
  auto owner = OwnerFor(db, flags, context);
  if (!owner.ok()) {
    std::cerr << "error: " << owner.error().message << "\n";
    return 1;
  }
  auto token =
      tokens.Create(context, flags.name,
                    flags.expires_at.empty() ? std::nullopt : std::optional(flags.expires_at),
                    *owner, flags.scopes);
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
  std::cout << "ID                              PREFIX        CREATED                   "
               "LAST USED                 STATUS   NAME (SCOPES)\n";
  for (const auto& token : *list) {
    const char* status = token.revoked_at                                        ? "revoked"
                         : token.expires_at && *token.expires_at <= NowInstant() ? "expired"
                                                                                 : "active";
    std::cout << token.id << "  " << token.prefix << "  " << token.created_at << "  "
              << token.last_used_at.value_or("never                   ") << "  " << status
              << std::string(9 - std::string_view(status).size(), ' ') << token.name;
    if (!token.scopes.empty()) {
      std::cout << " (";
      for (size_t i = 0; i < token.scopes.size(); ++i)
        std::cout << (i ? "," : "") << token.scopes[i];
      std::cout << ")";
    }
    std::cout << "\n";
  }
  return 0;
}

int Revoke(const TokenFlags& flags) {
  auto opened = OpenWritable(flags.data_dir);
  if (!opened.ok()) {
    PrintError(opened.error());
    return 1;
  }
  storage::SqliteDatabase& db = *opened->database;
  identity::TokenService tokens(db);
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
  create->add_option("--user", flags->user,
                     "Owner (id or email); default: the first administrator, created if none");
  create->add_option("--scope", flags->scopes,
                     "Narrow the token to <object>:<action> (repeatable; e.g. customers:read, "
                     "interactions:*); default: the owner's full access");
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
