#include "loyalty/programme_store.hpp"

#include "common/time.hpp"

namespace rapport::loyalty {
namespace {

constexpr std::string_view kSelect =
    "SELECT id, settings, version, created_at, updated_at FROM loyalty_programmes";
constexpr std::string_view kInsert =
    "INSERT INTO loyalty_programmes (id, name, settings, created_at, updated_at, version) "
    "VALUES (?, ?, ?, ?, ?, 1)";
constexpr std::string_view kUpdate =
    "UPDATE loyalty_programmes SET name = ?, settings = ?, updated_at = ?, version = ? "
    "WHERE id = ?";

Result<StoredProgramme> FromRow(const storage::Row& row) {
  RAPPORT_ASSIGN_OR_RETURN(json::object settings, ParseJsonObject(row.Text(1)));
  auto programme = ParseProgramme(row.Text(0), settings);
  if (!programme.ok()) {
    return Error::Internal("stored loyalty programme " + row.Text(0) + " no longer validates");
  }
  return StoredProgramme{.programme = std::move(*programme),
                         .version = row.Int(2),
                         .created_at = row.Text(3),
                         .updated_at = row.Text(4)};
}

}  // namespace

Result<std::optional<StoredProgramme>> LoadProgramme(storage::Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows,
                           tx.Query(std::string(kSelect) + " WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<StoredProgramme>();
  RAPPORT_ASSIGN_OR_RETURN(StoredProgramme stored, FromRow(rows[0]));
  return std::optional<StoredProgramme>(std::move(stored));
}

Result<std::vector<StoredProgramme>> LoadProgrammes(storage::Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows,
                           tx.Query(std::string(kSelect) + " ORDER BY created_at, id"));
  std::vector<StoredProgramme> all;
  for (const auto& row : rows) {
    RAPPORT_ASSIGN_OR_RETURN(StoredProgramme stored, FromRow(row));
    all.push_back(std::move(stored));
  }
  return all;
}

Result<StoredProgramme> SaveProgramme(storage::Tx& tx, const Programme& programme,
                                      const std::optional<StoredProgramme>& before) {
  const std::string now = NowInstant();
  json::object settings = ProgrammeToJson(programme);
  settings.erase("id");
  const std::string text = ToJsonString(settings);
  if (!before) {
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kInsert, {programme.id, programme.name, text, now, now}));
    return StoredProgramme{
        .programme = programme, .version = 1, .created_at = now, .updated_at = now};
  }
  const int64_t version = before->version + 1;
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kUpdate, {programme.name, text, now, version, programme.id}));
  return StoredProgramme{.programme = programme,
                         .version = version,
                         .created_at = before->created_at,
                         .updated_at = now};
}

json::object StoredProgrammeToJson(const StoredProgramme& stored) {
  json::object out = ProgrammeToJson(stored.programme);
  out["version"] = stored.version;
  out["created_at"] = stored.created_at;
  out["updated_at"] = stored.updated_at;
  return out;
}

}  // namespace rapport::loyalty
