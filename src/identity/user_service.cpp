#include "identity/user_service.hpp"

#include <algorithm>

#include "access/role_service.hpp"
#include "common/ids.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "identity/team_service.hpp"
#include "storage/audit.hpp"

namespace rapport::identity {
namespace {

using storage::Rows;
using storage::Tx;

constexpr size_t kMaxNameLength = 200;

#define RAPPORT_USER_COLUMNS \
  "id, email, name, status, roles, teams, created_at, updated_at, last_sign_in_at, version"

constexpr std::string_view kInsertUser =
    "INSERT INTO users (id, email, email_key, name, password_hash, status, roles, teams, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, '[]', ?, ?)";
constexpr std::string_view kSelectUsers =
    "SELECT " RAPPORT_USER_COLUMNS " FROM users ORDER BY email_key";
constexpr std::string_view kFindUser =
    "SELECT " RAPPORT_USER_COLUMNS " FROM users WHERE id = ? OR email_key = ?";
constexpr std::string_view kEmailTaken = "SELECT 1 FROM users WHERE email_key = ?";
constexpr std::string_view kFirstActiveAdmin =
    "SELECT " RAPPORT_USER_COLUMNS
    " FROM users WHERE status = 'active' AND EXISTS "
    "(SELECT 1 FROM json_each(users.roles) WHERE value = 'admin') ORDER BY seq LIMIT 1";
constexpr std::string_view kUpdateUser =
    "UPDATE users SET name = ?, roles = ?, teams = ?, status = ?, updated_at = ?, "
    "version = version + 1 "
    "WHERE id = ? AND version = ?";
constexpr std::string_view kUserExists = "SELECT 1 FROM users WHERE id = ?";
constexpr std::string_view kDisableUser =
    "UPDATE users SET status = 'disabled', updated_at = ?, version = version + 1 WHERE id = ?";
constexpr std::string_view kSetPassword =
    "UPDATE users SET password_hash = ?, updated_at = ?, version = version + 1 WHERE id = ?";
constexpr std::string_view kEndSessions =
    "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL";
constexpr std::string_view kLiveTokens =
    "SELECT id FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY id";
constexpr std::string_view kRevokeToken = "UPDATE api_tokens SET revoked_at = ? WHERE id = ?";

json::object FromRow(const storage::Row& row) {
  auto array = [](const std::string& text) {
    auto parsed = ParseJson(text);
    return parsed.ok() && parsed->is_array() ? std::move(parsed).value() : json::array();
  };
  return json::object{
      {"id", row.Text(0)},
      {"email", row.Text(1)},
      {"name", row.Text(2)},
      {"status", row.Text(3)},
      {"roles", array(row.Text(4))},
      {"teams", array(row.Text(5))},
      {"created_at", row.Text(6)},
      {"updated_at", row.Text(7)},
      {"last_sign_in_at", row.IsNull(8) ? json::value(nullptr) : json::value(row.Text(8))},
      {"version", row.Int(9)}};
}

Result<json::object> FindUser(Tx& tx, const std::string& who) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFindUser, {who, EmailKey(who)}));
  if (rows.empty()) return Error::NotFound("No user has the id or email " + who + ".");
  return FromRow(rows[0]);
}

bool IsPlausibleEmail(std::string_view email) {
  const size_t at = email.find('@');
  return at != std::string_view::npos && at > 0 && email.find('.', at) != std::string_view::npos &&
         email.find(' ') == std::string_view::npos && email.size() <= 254;
}

// Disabling ends every way in for good: sessions and tokens are revoked, not merely refused while
// the account is disabled, so enabling it again brings none of them back (a stolen cookie or a
// leaked token stays dead). Each token's revocation is audited as `token revoke` audits it.
Status EndSessionsAndTokens(Tx& tx, const storage::WriteContext& context, const std::string& id) {
  const std::string now = NowInstant();
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kEndSessions, {now, id}));
  RAPPORT_ASSIGN_OR_RETURN(Rows tokens, tx.Query(kLiveTokens, {id}));
  for (const auto& row : tokens) {
    const std::string token_id = row.Text(0);
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kRevokeToken, {now, token_id}));
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "update", "api_token", token_id,
                                                 json::object{{"revoked_at", nullptr}},
                                                 json::object{{"revoked_at", now}}));
  }
  return OkStatus();
}

}  // namespace

Result<json::object> UserService::Create(const storage::WriteContext& context,
                                         const NewUser& input) {
  const std::string email(TrimWhitespace(input.email));
  const std::string name(TrimWhitespace(input.name));
  std::vector<FieldError> errors;
  if (!IsPlausibleEmail(email)) errors.push_back({"email", "must be a valid email address"});
  if (name.empty() || name.size() > kMaxNameLength) {
    errors.push_back({"name", "must be 1 to 200 characters"});
  }
  if (input.roles.empty()) errors.push_back({"roles", "needs at least one role"});
  json::array roles;
  for (const auto& role : input.roles) {
    if (std::find(roles.begin(), roles.end(), json::value(role)) == roles.end()) {
      roles.emplace_back(role);
    }
  }
  // Checked here with the other fields, so one answer names every problem; checked again in the
  // write, where a role deleted meanwhile would be caught.
  Status known_roles =
      database_.Read([&](Tx& tx) { return access::CheckRoleNames(tx, roles, "roles"); });
  if (!known_roles.ok()) {
    if (known_roles.error().field_errors.empty()) return std::move(known_roles).error();
    errors.push_back(known_roles.error().field_errors.at(0));
  }
  if (Status policy = CheckPasswordPolicy(input.password, email, name); !policy.ok()) {
    errors.push_back(policy.error().field_errors.at(0));
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  // Hash before queueing the write: the writer must never wait on argon2.
  RAPPORT_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(input.password));
  json::object user;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    // Roles are checked in the write, so a role deleted meanwhile cannot be given.
    RAPPORT_RETURN_IF_ERROR(access::CheckRoleNames(tx, roles, "roles"));
    RAPPORT_ASSIGN_OR_RETURN(Rows taken, tx.Query(kEmailTaken, {EmailKey(email)}));
    if (!taken.empty()) return Error::Conflict("a user with this email already exists", "email");
    const std::string id = NewId("usr");
    const std::string now = NowInstant();
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertUser, {id, email, EmailKey(email), name, hash, ToJsonString(roles), now, now}));
    RAPPORT_ASSIGN_OR_RETURN(user, FindUser(tx, id));
    return storage::AppendAudit(tx, context, "create", "user", id, {}, user);
  }));
  return user;
}

Result<std::vector<json::object>> UserService::List() {
  std::vector<json::object> users;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectUsers));
    for (const auto& row : rows) users.push_back(FromRow(row));
    return OkStatus();
  }));
  return users;
}

Result<json::object> UserService::Find(const std::string& who) {
  json::object user;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(user, FindUser(tx, who));
    return OkStatus();
  }));
  return user;
}

Result<std::optional<json::object>> UserService::FirstActiveAdmin() {
  std::optional<json::object> admin;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kFirstActiveAdmin));
    if (!rows.empty()) admin = FromRow(rows[0]);
    return OkStatus();
  }));
  return admin;
}

Result<json::object> UserService::Update(const storage::WriteContext& context,
                                         const std::string& who, const json::object& patch,
                                         std::optional<int64_t> if_version) {
  json::object user;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(json::object before, FindUser(tx, who));
    const int64_t version = before.at("version").as_int64();
    if (if_version && *if_version != version) {
      return Error::PreconditionFailed("The user was changed since you read it.");
    }
    std::vector<FieldError> errors;
    std::string name(before.at("name").as_string());
    std::string status(before.at("status").as_string());
    json::array roles = before.at("roles").as_array();
    json::array teams = before.at("teams").as_array();
    for (const auto& [key, value] : patch) {
      if (key == "name") {
        const std::string_view trimmed =
            value.is_string() ? TrimWhitespace(value.as_string()) : std::string_view();
        if (trimmed.empty() || trimmed.size() > kMaxNameLength) {
          errors.push_back({"name", "must be 1 to 200 characters"});
        } else {
          name = std::string(trimmed);
        }
      } else if (key == "status") {
        if (!value.is_string() ||
            (value.as_string() != "active" && value.as_string() != "disabled")) {
          errors.push_back({"status", "must be active or disabled"});
        } else {
          status = std::string(value.as_string());
        }
      } else if (key == "teams") {
        if (!value.is_array()) {
          errors.push_back({"teams", "must be an array of team ids"});
          continue;
        }
        if (Status known = CheckTeamIds(tx, value.as_array(), "teams"); !known.ok()) {
          errors.push_back(known.error().field_errors.at(0));
          continue;
        }
        json::array next;
        for (const auto& team : value.as_array()) {
          if (std::find(next.begin(), next.end(), team) == next.end()) next.push_back(team);
        }
        teams = std::move(next);
      } else if (key == "roles") {
        json::array next;
        if (!value.is_array() || value.as_array().empty()) {
          errors.push_back({"roles", "needs at least one role"});
          continue;
        }
        if (Status known = access::CheckRoleNames(tx, value.as_array(), "roles"); !known.ok()) {
          errors.push_back(known.error().field_errors.at(0));
          continue;
        }
        for (const auto& role : value.as_array()) {
          if (std::find(next.begin(), next.end(), role) == next.end()) next.push_back(role);
        }
        roles = std::move(next);
      } else {
        errors.push_back({std::string(key), "is not a field that can be changed here"});
      }
    }
    if (!errors.empty()) return Error::Invalid(std::move(errors));
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kUpdateUser, {name, ToJsonString(roles), ToJsonString(teams), status, NowInstant(),
                              std::string(before.at("id").as_string()), version}));
    if (status == "disabled" && before.at("status") != "disabled") {
      RAPPORT_RETURN_IF_ERROR(
          EndSessionsAndTokens(tx, context, std::string(before.at("id").as_string())));
    }
    RAPPORT_ASSIGN_OR_RETURN(user, FindUser(tx, std::string(before.at("id").as_string())));
    return storage::AppendAudit(tx, context, "update", "user",
                                std::string(user.at("id").as_string()), before, user);
  }));
  return user;
}

Result<json::object> UserService::Disable(const storage::WriteContext& context,
                                          const std::string& who) {
  json::object user;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(json::object before, FindUser(tx, who));
    const std::string id(before.at("id").as_string());
    if (before.at("status") == "disabled") {
      user = before;
      return OkStatus();
    }
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDisableUser, {NowInstant(), id}));
    RAPPORT_RETURN_IF_ERROR(EndSessionsAndTokens(tx, context, id));
    RAPPORT_ASSIGN_OR_RETURN(user, FindUser(tx, id));
    return storage::AppendAudit(tx, context, "update", "user", id, before, user);
  }));
  return user;
}

Status UserService::ResetPassword(const storage::WriteContext& context, const std::string& who,
                                  const std::string& password) {
  json::object user;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(user, FindUser(tx, who));
    return OkStatus();
  }));
  RAPPORT_RETURN_IF_ERROR(
      CheckPasswordPolicy(password, user.at("email").as_string(), user.at("name").as_string()));
  RAPPORT_ASSIGN_OR_RETURN(std::string hash, hasher_.Hash(password));
  const std::string id(user.at("id").as_string());
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows exists, tx.Query(kUserExists, {id}));
    if (exists.empty()) return Error::NotFound("The user was deleted meanwhile.");
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kSetPassword, {hash, NowInstant(), id}));
    // Whoever signed in with the old password (perhaps the reason for the reset) is signed out.
    // Tokens stay: they were never derived from the password.
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kEndSessions, {NowInstant(), id}));
    // The trail says that the password changed, never what it is or its hash.
    return storage::AppendAudit(tx, context, "update", "user", id,
                                json::object{{"password", "(previous)"}},
                                json::object{{"password", "(reset)"}});
  });
}

}  // namespace rapport::identity
