// `rapport user add|list|disable|reset-password`: staff accounts from the command line.
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "cli/writable_database.hpp"
#include "identity/user_service.hpp"
#include "storage/data_dir.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace rapport::cli {
namespace {

struct UserFlags {
  std::string data_dir = "data";
  std::string email;
  std::string name;
  std::vector<std::string> roles;
  std::string who;
  bool password_stdin = false;
};

const storage::WriteContext kCliContext{.actor = "cli:user", .via = "cli"};

// Reads the password from stdin (one line) or makes one. A generated password is printed once.
std::string ObtainPassword(const UserFlags& flags, bool& generated) {
  generated = !flags.password_stdin;
  if (generated) return identity::GeneratePassword();
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

// Runs `fn` with a writable database, under the data-directory lock.
template <typename Fn>
int WithDatabase(const UserFlags& flags, Fn fn) {
  auto opened = OpenWritable(flags.data_dir);
  if (!opened.ok()) {
    PrintError(opened.error());
    return 1;
  }
  identity::PasswordHasher hasher;
  identity::UserService users(*opened->database, hasher);
  return fn(users);
}

int Add(const UserFlags& flags) {
  return WithDatabase(flags, [&](identity::UserService& users) {
    bool generated = false;
    const std::string password = ObtainPassword(flags, generated);
    auto user = users.Create(kCliContext, {flags.email, flags.name, flags.roles, password});
    if (!user.ok()) {
      PrintError(user.error());
      return 1;
    }
    std::cerr << "Created user " << std::string_view(user->at("id").as_string()) << " <"
              << std::string_view(user->at("email").as_string()) << ">.\n";
    if (generated) {
      std::cerr << "Generated password (shown once; only its argon2id hash is stored):\n";
      std::cout << password << std::endl;
    }
    return 0;
  });
}

int List(const UserFlags& flags) {
  // Read-only: safe while a server holds the data directory.
  auto db = storage::SqliteDatabase::OpenReadOnly({.path = storage::DatabasePath(flags.data_dir)});
  if (!db.ok()) {
    PrintError(db.error());
    return 1;
  }
  identity::PasswordHasher hasher;
  identity::UserService users(**db, hasher);
  auto list = users.List();
  if (!list.ok()) {
    PrintError(list.error());
    return 1;
  }
  std::cout << "ID                              STATUS    ROLES             EMAIL  (NAME)\n";
  for (const auto& user : *list) {
    std::string roles;
    for (const auto& role : user.at("roles").as_array()) {
      roles += (roles.empty() ? "" : ",") + std::string(role.as_string());
    }
    std::cout << std::string_view(user.at("id").as_string()) << "  "
              << std::string_view(user.at("status").as_string())
              << std::string(10 - std::min<size_t>(
                                      9, std::string_view(user.at("status").as_string()).size()),
                             ' ')
              << roles << std::string(18 - std::min<size_t>(17, roles.size()), ' ')
              << std::string_view(user.at("email").as_string()) << "  ("
              << std::string_view(user.at("name").as_string()) << ")\n";
  }
  return 0;
}

int Disable(const UserFlags& flags) {
  return WithDatabase(flags, [&](identity::UserService& users) {
    auto user = users.Disable(kCliContext, flags.who);
    if (!user.ok()) {
      PrintError(user.error());
      return 1;
    }
    std::cout << "disabled " << std::string_view(user->at("email").as_string()) << "\n";
    return 0;
  });
}

int ResetPassword(const UserFlags& flags) {
  return WithDatabase(flags, [&](identity::UserService& users) {
    bool generated = false;
    const std::string password = ObtainPassword(flags, generated);
    Status status = users.ResetPassword(kCliContext, flags.who, password);
    if (!status.ok()) {
      PrintError(status.error());
      return 1;
    }
    std::cerr << "Password reset for " << flags.who << ".\n";
    if (generated) std::cout << password << std::endl;
    return 0;
  });
}

}  // namespace

void AddUserCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<UserFlags>();
  CLI::App* user = app.add_subcommand("user", "Manage staff accounts");
  user->require_subcommand(1);

  CLI::App* add = user->add_subcommand(
      "add",
      "Create a staff account; without --password-stdin a password is generated and printed");
  AddDataDirOption(*add, flags->data_dir);
  add->add_option("--email", flags->email, "Sign-in email (unique)")->required();
  add->add_option("--name", flags->name, "Full name")->required();
  add->add_option("--role", flags->roles,
                  "Role (repeatable): admin, manager, sales, support, "
                  "marketing, viewer")
      ->required();
  add->add_flag("--password-stdin", flags->password_stdin, "Read the password from stdin");
  add->callback([flags, &exit_code] { exit_code = Add(*flags); });

  CLI::App* list = user->add_subcommand("list", "List staff accounts (never passwords)");
  AddDataDirOption(*list, flags->data_dir);
  list->callback([flags, &exit_code] { exit_code = List(*flags); });

  CLI::App* disable = user->add_subcommand("disable", "Disable an account");
  AddDataDirOption(*disable, flags->data_dir);
  disable->add_option("--user", flags->who, "User id or email")->required();
  disable->callback([flags, &exit_code] { exit_code = Disable(*flags); });

  CLI::App* reset = user->add_subcommand(
      "reset-password", "Set a new password; without --password-stdin one is generated");
  AddDataDirOption(*reset, flags->data_dir);
  reset->add_option("--user", flags->who, "User id or email")->required();
  reset->add_flag("--password-stdin", flags->password_stdin, "Read the password from stdin");
  reset->callback([flags, &exit_code] { exit_code = ResetPassword(*flags); });
}

}  // namespace rapport::cli
