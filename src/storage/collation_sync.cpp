#include "storage/collation_sync.hpp"

#include <spdlog/spdlog.h>

#include <optional>
#include <string>

#include "common/collation.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace rapport::storage {
namespace {

constexpr std::string_view kStoredLocale =
    "SELECT value FROM instance_settings WHERE name = 'collation_locale'";

Result<std::optional<std::string>> StoredLocale(SqliteConnection& connection) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, connection.Query(kStoredLocale));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

std::string QuotedIdentifier(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// Every index whose expression calls collation_key, so a new one is re-keyed without a list here.
constexpr std::string_view kKeyedIndexes =
    "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql LIKE '%collation_key(%'";
constexpr std::string_view kStoreLocale =
    "INSERT INTO instance_settings (name, value) VALUES ('collation_locale', ?) "
    "ON CONFLICT (name) DO UPDATE SET value = excluded.value";

Status Rekey(SqliteConnection& writer, std::string_view locale) {
  RAPPORT_ASSIGN_OR_RETURN(Rows indexes, writer.Query(kKeyedIndexes));
  for (const auto& index : indexes) {
    RAPPORT_RETURN_IF_ERROR(writer.ExecScript("REINDEX " + QuotedIdentifier(index.Text(0))));
  }
  RAPPORT_RETURN_IF_ERROR(writer.Exec(kStoreLocale, {std::string(locale)}));
  return OkStatus();
}

}  // namespace

Status SyncCollationLocale(SqliteConnection& writer, std::string_view wanted) {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> stored, StoredLocale(writer));
  std::string locale(wanted);
  if (locale.empty()) {
    locale = stored && !stored->empty() ? *stored : std::string(kRootCollationLocale);
  }
  RAPPORT_RETURN_IF_ERROR(SetCollationLocale(locale));
  if (stored == locale) return OkStatus();
  spdlog::info("collation locale {} (keys were made for \"{}\"): re-keying name indexes", locale,
               stored.value_or(""));
  RAPPORT_RETURN_IF_ERROR(writer.ExecScript("BEGIN IMMEDIATE"));
  if (Status rekeyed = Rekey(writer, locale); !rekeyed.ok()) {
    (void)writer.ExecScript("ROLLBACK");  // the error below is the one worth reporting
    return rekeyed;
  }
  return writer.ExecScript("COMMIT");
}

Status AdoptStoredCollationLocale(SqliteConnection& reader) {
  // A database from before migration 0012 has no setting yet; its first writer makes root keys.
  Result<std::optional<std::string>> stored = StoredLocale(reader);
  if (!stored.ok() || !*stored || (*stored)->empty()) {
    return SetCollationLocale(kRootCollationLocale);
  }
  return SetCollationLocale(**stored);
}

}  // namespace rapport::storage
