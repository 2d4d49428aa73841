#include "storage/audit.hpp"

#include <spdlog/spdlog.h>

#include "common/time.hpp"
#include "storage/packed_json.hpp"
#include "storage/event_payload.hpp"

namespace rapport::storage {
namespace {

constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_log (occurred_at, actor, via, action, object_type, object_id, changes, "
    "changes_z, request_id) VALUES (?, ?, ?, ?, ?, ?, '', audit_pack(?), ?)";
constexpr std::string_view kSelectAudit =
    "SELECT seq, occurred_at, actor, via, action, object_type, object_id, changes, request_id, "
    "changes_z FROM audit_log WHERE seq < ?";

// Bookkeeping (created_at, updated_at, version) changes on every write and says nothing about what
// the writer did: ChangedFields leaves it out, and so does a snapshot.
bool IsBookkeeping(std::string_view field) {
  return field == "created_at" || field == "updated_at" || field == "version";
}

json::array Diff(const json::object& before, const json::object& after) {
  json::array changes;
  for (const json::value& name : ChangedFields(before, after)) {
    const json::string_view field = name.as_string();
    const json::value* old = before.if_contains(field);
    const json::value* now = after.if_contains(field);
    changes.push_back(json::object{{"field", field},
                                   {"old", old ? *old : json::value(nullptr)},
                                   {"new", now ? *now : json::value(nullptr)}});
  }
  return changes;
}

// A whole record stored once, for a create ("new") or a delete ("old"): a null says nothing a
// missing field does not, and bookkeeping is left out as in a diff.
json::object Snapshot(const json::object& record) {
  json::object kept;
  kept.reserve(record.size());
  for (const auto& [field, value] : record) {
    if (IsBookkeeping(field) || value.is_null()) continue;
    kept.emplace(field, value);
  }
  return kept;
}

// The stored `changes` of an entry (docs/design/audit.md § Stored shape): an update is the
// field-level diff; any other entry with only one side (a create, a delete, a sign-in) stores that
// side once as a snapshot object.
json::value StoredChanges(std::string_view action, const json::object& before,
                          const json::object& after) {
  if (action != "update") {
    if (before.empty() && !after.empty()) return json::object{{"new", Snapshot(after)}};
    if (after.empty() && !before.empty()) return json::object{{"old", Snapshot(before)}};
  }
  return Diff(before, after);
}

// The served `changes` list, [{field, old, new}], of a stored `changes` value in either shape:
// the field-level array (updates, and every entry written before the snapshot shape) as it is, a
// {"new": {…}} or {"old": {…}} snapshot one element per field with the other side null.
json::array ServedChanges(const json::value& stored) {
  if (stored.is_array()) return stored.as_array();
  json::array changes;
  if (!stored.is_object()) return changes;
  const json::object& snapshot = stored.as_object();
  const bool created = snapshot.contains("new");
  const json::value* side = snapshot.if_contains(created ? "new" : "old");
  if (side == nullptr || !side->is_object()) return changes;
  changes.reserve(side->as_object().size());
  for (const auto& [field, value] : side->as_object()) {
    changes.push_back(json::object{{"field", field},
                                   {"old", created ? json::value(nullptr) : value},
                                   {"new", created ? value : json::value(nullptr)}});
  }
  return changes;
}

// The stored `changes` of a row of kSelectAudit: packed (changes_z) since migration 0026, text
// before it.
Result<json::value> StoredJson(const Row& row) {
  if (row.IsNull(9)) return ParseJson(row.Text(7));
  RAPPORT_ASSIGN_OR_RETURN(std::string text, UnpackJson(row.Text(9)));
  return ParseJson(text);
}

}  // namespace

Status AppendAudit(Tx& tx, const WriteContext& context, std::string_view action,
                   std::string_view object_type, std::string_view object_id,
                   const json::object& before, const json::object& after) {
  json::value changes = StoredChanges(action, before, after);
  if (action == "update" && changes.is_array() && changes.as_array().empty()) return OkStatus();
  auto inserted =
      tx.Exec(kInsertAudit, {NowInstant(), context.actor.empty() ? "system" : context.actor,
                             context.via, std::string(action), std::string(object_type),
                             std::string(object_id), ToJsonString(changes),
                             context.request_id.empty() ? Null() : Value(context.request_id)});
  if (!inserted.ok()) return std::move(inserted).error();
  return OkStatus();
}

Result<Page> QueryAudit(Database& database, const AuditQuery& query) {
  std::optional<std::string> since;
  if (query.since) {
    since = NormalizeInstant(*query.since);
    if (!since) return Error::Invalid("since", "must be an RFC 3339 time");
  }
  int64_t before_seq = INT64_MAX;
  if (query.cursor) {
    RAPPORT_ASSIGN_OR_RETURN(CursorPosition position, DecodeCursor(*query.cursor, "-seq"));
    if (!position.value.is_int64()) return Error::Malformed("The cursor is not valid.");
    before_seq = position.value.as_int64();
  }
  Page page;
  RAPPORT_RETURN_IF_ERROR(database.Read([&](Tx& tx) -> Status {
    // Only the given filters become conditions, so each query shape can use its index.
    std::string sql(kSelectAudit);
    std::vector<Value> params{before_seq};
    auto add = [&](const char* condition, const std::optional<std::string>& value) {
      if (!value) return;
      sql += condition;
      params.emplace_back(*value);
    };
    add(" AND object_type = ?", query.object_type);
    add(" AND object_id = ?", query.object_id);
    add(" AND actor = ?", query.actor);
    add(" AND occurred_at >= ?", since);
    sql += " ORDER BY seq DESC LIMIT ?";
    params.emplace_back(static_cast<int64_t>(query.limit + 1));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
    for (size_t i = 0; i < rows.size() && i < static_cast<size_t>(query.limit); ++i) {
      const Row& row = rows[i];
      auto stored = StoredJson(row);
      // A damaged entry is still listed (who, when, what object), without its field changes.
      if (!stored.ok()) spdlog::warn("audit entry {} has unreadable changes", row.Int(0));
      page.data.push_back(json::object{
          {"seq", row.Int(0)},
          {"occurred_at", row.Text(1)},
          {"actor", row.Text(2)},
          {"via", row.Text(3)},
          {"action", row.Text(4)},
          {"object_type", row.Text(5)},
          {"object_id", row.Text(6)},
          {"changes", stored.ok() ? ServedChanges(*stored) : json::array()},
          {"request_id", row.IsNull(8) ? json::value(nullptr) : json::value(row.Text(8))}});
    }
    if (rows.size() > static_cast<size_t>(query.limit)) {
      const int64_t last = rows[query.limit - 1].Int(0);
      page.next_cursor = EncodeCursor({"-seq", json::value(last), std::to_string(last)});
    }
    return OkStatus();
  }));
  return page;
}

}  // namespace rapport::storage
