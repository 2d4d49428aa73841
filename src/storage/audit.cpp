#include "storage/audit.hpp"

#include <array>

#include "common/time.hpp"

namespace rapport::storage {
namespace {

constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_log (occurred_at, actor, via, action, object_type, object_id, changes, "
    "request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectAudit =
    "SELECT seq, occurred_at, actor, via, action, object_type, object_id, changes, request_id "
    "FROM audit_log WHERE seq < ?";

// Fields that change on every write and say nothing about what the writer did.
constexpr std::array<std::string_view, 3> kBookkeeping = {"updated_at", "version", "created_at"};

bool IsBookkeeping(std::string_view field) {
  for (std::string_view name : kBookkeeping) {
    if (name == field) return true;
  }
  return false;
}

json::array Diff(const json::object& before, const json::object& after) {
  json::array changes;
  for (const auto& [field, value] : after) {
    if (IsBookkeeping(field)) continue;
    const json::value* old = before.if_contains(field);
    if (old != nullptr && *old == value) continue;
    changes.push_back(
        json::object{{"field", field}, {"old", old ? *old : json::value(nullptr)}, {"new", value}});
  }
  for (const auto& [field, value] : before) {
    if (IsBookkeeping(field) || after.contains(field)) continue;
    changes.push_back(json::object{{"field", field}, {"old", value}, {"new", nullptr}});
  }
  return changes;
}

}  // namespace

Status AppendAudit(Tx& tx, const WriteContext& context, std::string_view action,
                   std::string_view object_type, std::string_view object_id,
                   const json::object& before, const json::object& after) {
  json::array changes = Diff(before, after);
  if (changes.empty() && action == "update") return OkStatus();
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
      auto changes = ParseJson(row.Text(7));
      page.data.push_back(json::object{
          {"seq", row.Int(0)},
          {"occurred_at", row.Text(1)},
          {"actor", row.Text(2)},
          {"via", row.Text(3)},
          {"action", row.Text(4)},
          {"object_type", row.Text(5)},
          {"object_id", row.Text(6)},
          {"changes", changes.ok() ? std::move(changes).value() : json::array()},
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
