#include "support/desk_settings.hpp"

#include "common/ids.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"
#include "support/routing.hpp"
#include "support/sla/calendar_json.hpp"
#include "support/sla_policy_choice.hpp"
#include "support/sla_sweep.hpp"

namespace rapport::support {
namespace {

using storage::Rows;
using storage::Tx;

constexpr size_t kMaxName = 100;

// The statements of one kind of record; the two tables differ only in policies' `is_default`.
struct Statements {
  std::string_view id_prefix;
  std::string_view record;  // event aggregate and audit object type
  std::string_view words;   // in messages
  std::string_view select;
  std::string_view select_all;
  std::string_view insert;
  std::string_view update;
  std::string_view remove;
  std::string_view name_taken;
  std::string_view in_use;
};

constexpr Statements kCalendar{
    .id_prefix = "cal",
    .record = "calendar",
    .words = "calendar",
    .select =
        "SELECT id, name, spec, 0, created_at, updated_at, version FROM business_calendars "
        "WHERE id = ?",
    .select_all =
        "SELECT id, name, spec, 0, created_at, updated_at, version "
        "FROM business_calendars ORDER BY name_key",
    .insert =
        "INSERT INTO business_calendars (id, name, name_key, spec, created_at, updated_at, "
        "version) VALUES (?, ?, ?, ?, ?, ?, 1)",
    .update =
        "UPDATE business_calendars SET name = ?, name_key = ?, spec = ?, updated_at = ?, "
        "version = version + 1 WHERE id = ? AND version = ?",
    .remove = "DELETE FROM business_calendars WHERE id = ?",
    .name_taken = "SELECT id FROM business_calendars WHERE name_key = ? AND id <> ?",
    .in_use = "SELECT 1 FROM queues WHERE calendar_id = ? LIMIT 1"};

constexpr Statements kPolicy{
    .id_prefix = "slp",
    .record = "sla_policy",
    .words = "SLA policy",
    .select =
        "SELECT id, name, spec, is_default, created_at, updated_at, version "
        "FROM sla_policies WHERE id = ?",
    .select_all =
        "SELECT id, name, spec, is_default, created_at, updated_at, version "
        "FROM sla_policies ORDER BY name_key",
    .insert =
        "INSERT INTO sla_policies (id, name, name_key, spec, is_default, created_at, "
        "updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
    .update =
        "UPDATE sla_policies SET name = ?, name_key = ?, spec = ?, updated_at = ?, "
        "is_default = ?, version = version + 1 WHERE id = ? AND version = ?",
    .remove = "DELETE FROM sla_policies WHERE id = ?",
    .name_taken = "SELECT id FROM sla_policies WHERE name_key = ? AND id <> ?",
    .in_use = "SELECT 1 FROM queues WHERE sla_policy_id = ? LIMIT 1"};
constexpr Statements kRoutingRule{
    .id_prefix = "rtr",
    .record = "routing_rule",
    .words = "routing rule",
    .select =
        "SELECT id, name, spec, 0, created_at, updated_at, version FROM routing_rules "
        "WHERE id = ?",
    .select_all =
        "SELECT id, name, spec, 0, created_at, updated_at, version FROM routing_rules "
        "ORDER BY json_extract(spec, '$.position'), seq",
    .insert =
        "INSERT INTO routing_rules (id, name, name_key, spec, created_at, updated_at, "
        "version) VALUES (?, ?, ?, ?, ?, ?, 1)",
    .update =
        "UPDATE routing_rules SET name = ?, name_key = ?, spec = ?, updated_at = ?, "
        "version = version + 1 WHERE id = ? AND version = ?",
    .remove = "DELETE FROM routing_rules WHERE id = ?",
    .name_taken = "SELECT id FROM routing_rules WHERE name_key = ? AND id <> ?",
    .in_use = {}};
// One default policy: choosing one unsets the other.
constexpr std::string_view kClearDefault =
    "UPDATE sla_policies SET is_default = 0 WHERE is_default = 1 AND id <> ?";

struct Record {
  std::string id;
  std::string name;
  json::object spec;
  bool is_default = false;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

const Statements& StatementsOf(DeskSetting kind) {
  switch (kind) {
    case DeskSetting::kCalendar:
      return kCalendar;
    case DeskSetting::kPolicy:
      return kPolicy;
    case DeskSetting::kRoutingRule:
      break;
  }
  return kRoutingRule;
}

// Who may change them (access.md): calendars and SLA policies are the SLA policies object,
// routing rules part of the queues' configuration; either needs its edit level "all" (admins and
// managers by default), since a setting applies to every ticket, not to records one owns.
Status CheckCanEdit(const access::Access& access, DeskSetting kind) {
  const access::Object object =
      kind == DeskSetting::kRoutingRule ? access::Object::kQueues : access::Object::kSlaPolicies;
  if (access.LevelFor(object, access::Action::kEdit) != access::Level::kAll) {
    return access::NotPermitted(object, access::Action::kEdit);
  }
  return OkStatus();
}

Record FromRow(const storage::Row& row) {
  auto spec = ParseJsonObject(row.Text(2));
  return Record{.id = row.Text(0),
                .name = row.Text(1),
                .spec = spec.ok() ? std::move(spec).value() : json::object(),
                .is_default = row.Int(3) != 0,
                .created_at = row.Text(4),
                .updated_at = row.Text(5),
                .version = row.Int(6)};
}

json::object ToJson(DeskSetting kind, const Record& record) {
  json::object out{{"id", record.id}, {"name", record.name}};
  for (const auto& [key, value] : record.spec) out[key] = value;
  if (kind == DeskSetting::kPolicy) out["default"] = record.is_default;
  out["created_at"] = record.created_at;
  out["updated_at"] = record.updated_at;
  out["version"] = record.version;
  return out;
}

// The library's reader validates `spec`; what is stored is its normalised form.
Result<json::object> Normalise(Tx& tx, DeskSetting kind, const json::object& spec) {
  if (kind == DeskSetting::kRoutingRule) return NormaliseRoutingRule(tx, spec);
  if (kind == DeskSetting::kCalendar) {
    RAPPORT_ASSIGN_OR_RETURN(sla::BusinessCalendar calendar, sla::CalendarFromJson(spec));
    return sla::CalendarToJson(calendar);
  }
  return NormaliseDeskPolicy(spec);
}

// Applies `input` to `record`: `name` and `default` are the record's own, the rest is the spec.
Status ReadInput(Tx& tx, DeskSetting kind, const json::object& input, bool creating,
                 Record& record) {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : input) {
    if (key == "name") {
      CleanedText name = value.is_string()
                             ? CleanText(value.as_string(), kMaxName, TextKind::kSingleLine)
                             : CleanedText{.problem = "must be a string"};
      if (name.problem.empty() && name.text.empty()) name.problem = "must not be empty";
      if (name.problem.empty()) record.name = name.text;
      if (!name.problem.empty()) errors.push_back({"name", name.problem});
    } else if (key == "default" && kind == DeskSetting::kPolicy) {
      if (value.is_bool()) record.is_default = value.as_bool();
      if (!value.is_bool()) errors.push_back({"default", "must be true or false"});
    } else if (value.is_null()) {
      record.spec.erase(key);
    } else {
      record.spec[key] = value;
    }
  }
  if (creating && !input.contains("name")) errors.push_back({"name", "is required"});
  auto spec = Normalise(tx, kind, record.spec);
  if (!spec.ok()) {
    if (spec.error().field_errors.empty()) return std::move(spec).error();
    for (const auto& error : spec.error().field_errors) errors.push_back(error);
  } else {
    record.spec = std::move(spec).value();
  }
  if (record.is_default && IsConditionalPolicy(record.spec)) {
    errors.push_back({"applies_to", "the default policy applies to every ticket: no conditions"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  const Statements& sql = StatementsOf(kind);
  RAPPORT_ASSIGN_OR_RETURN(Rows taken,
                           tx.Query(sql.name_taken, {FoldCase(record.name), record.id}));
  if (!taken.empty()) {
    return Error::Conflict("another " + std::string(sql.words) + " already has this name", "name");
  }
  if (record.is_default) RAPPORT_RETURN_IF_ERROR(tx.Exec(kClearDefault, {record.id}));
  return OkStatus();
}

Result<Record> Load(Tx& tx, DeskSetting kind, const std::string& id) {
  const Statements& sql = StatementsOf(kind);
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql.select, {id}));
  if (rows.empty())
    return Error::NotFound("No " + std::string(sql.words) + " has the id " + id + ".");
  return FromRow(rows.front());
}

Status Announce(Tx& tx, const storage::WriteContext& context, DeskSetting kind,
                std::string_view verb, const std::string& id, const json::object& before,
                const json::object& after) {
  const Statements& sql = StatementsOf(kind);
  // Open tickets' due times follow their policy and calendar (sla_sweep.hpp); routing rules only
  // place new tickets, and a new calendar is used by no queue yet.
  if (kind == DeskSetting::kPolicy || (kind == DeskSetting::kCalendar && verb != "create")) {
    RAPPORT_RETURN_IF_ERROR(ScheduleSlaSweep(tx));
  }
  const std::string record(sql.record);
  RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(
      tx, context, record + "." + std::string(verb) + "d", record, id,
      json::object{{record, after.empty() ? json::value(json::object{{"id", id}}) : after}}));
  // The object type as a literal per kind: audit_redaction_test.cpp finds every audited type
  // in the source.
  switch (kind) {
    case DeskSetting::kCalendar:
      return storage::AppendAudit(tx, context, std::string(verb), "calendar", id, before, after);
    case DeskSetting::kPolicy:
      return storage::AppendAudit(tx, context, std::string(verb), "sla_policy", id, before, after);
    case DeskSetting::kRoutingRule:
      break;
  }
  return storage::AppendAudit(tx, context, std::string(verb), "routing_rule", id, before, after);
}

}  // namespace

Result<json::object> DeskSettingsService::Create(const Access& access,
                                                 const storage::WriteContext& context,
                                                 const json::object& input) {
  RAPPORT_RETURN_IF_ERROR(CheckCanEdit(access, kind_));
  const Statements& sql = StatementsOf(kind_);
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    Record record{.id = NewId(sql.id_prefix)};
    RAPPORT_RETURN_IF_ERROR(ReadInput(tx, kind_, input, /*creating=*/true, record));
    record.created_at = record.updated_at = NowInstant();
    std::vector<storage::Value> params{record.id, record.name, FoldCase(record.name),
                                       ToJsonString(record.spec)};
    if (kind_ == DeskSetting::kPolicy) params.emplace_back(int64_t{record.is_default ? 1 : 0});
    params.emplace_back(record.created_at);
    params.emplace_back(record.updated_at);
    RAPPORT_RETURN_IF_ERROR(tx.Exec(sql.insert, params));
    served = ToJson(kind_, record);
    RAPPORT_RETURN_IF_ERROR(Announce(tx, context, kind_, "create", record.id, {}, served));
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> DeskSettingsService::Get(const Access& /*access*/, const std::string& id) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Record record, Load(tx, kind_, id));
    served = ToJson(kind_, record);
    return OkStatus();
  }));
  return served;
}

Result<json::array> DeskSettingsService::List(const Access& /*access*/) {
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(StatementsOf(kind_).select_all));
    for (const auto& row : rows) out.push_back(ToJson(kind_, FromRow(row)));
    return OkStatus();
  }));
  return out;
}

Result<json::object> DeskSettingsService::Update(const Access& access,
                                                 const storage::WriteContext& context,
                                                 const std::string& id, const json::object& patch,
                                                 std::optional<int64_t> if_version) {
  RAPPORT_RETURN_IF_ERROR(CheckCanEdit(access, kind_));
  const Statements& sql = StatementsOf(kind_);
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Record record, Load(tx, kind_, id));
    const int64_t expected = if_version.value_or(record.version);
    const json::object before = ToJson(kind_, record);
    RAPPORT_RETURN_IF_ERROR(ReadInput(tx, kind_, patch, /*creating=*/false, record));
    record.updated_at = NowInstant();
    std::vector<storage::Value> params{record.name, FoldCase(record.name),
                                       ToJsonString(record.spec), record.updated_at};
    if (kind_ == DeskSetting::kPolicy) params.emplace_back(int64_t{record.is_default ? 1 : 0});
    params.emplace_back(id);
    params.emplace_back(expected);
    RAPPORT_ASSIGN_OR_RETURN(int64_t changed, tx.Exec(sql.update, params));
    if (changed == 0) {
      return Error::PreconditionFailed("The " + std::string(sql.words) +
                                       " was changed since you read it.");
    }
    record.version = expected + 1;
    served = ToJson(kind_, record);
    RAPPORT_RETURN_IF_ERROR(Announce(tx, context, kind_, "update", id, before, served));
    return context.Written(tx, served);
  }));
  return served;
}

Status DeskSettingsService::Delete(const Access& access, const storage::WriteContext& context,
                                   const std::string& id, std::optional<int64_t> if_version) {
  RAPPORT_RETURN_IF_ERROR(CheckCanEdit(access, kind_));
  const Statements& sql = StatementsOf(kind_);
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Record record, Load(tx, kind_, id));
    if (if_version && *if_version != record.version) {
      return Error::PreconditionFailed("The " + std::string(sql.words) +
                                       " was changed since you read it.");
    }
    Rows in_use;
    if (!sql.in_use.empty()) {
      RAPPORT_ASSIGN_OR_RETURN(in_use, tx.Query(sql.in_use, {id}));
    }
    if (!in_use.empty())
      return Error::Conflict("A queue still uses this " + std::string(sql.words) + ".");
    RAPPORT_RETURN_IF_ERROR(tx.Exec(sql.remove, {id}));
    RAPPORT_RETURN_IF_ERROR(Announce(tx, context, kind_, "delete", id, ToJson(kind_, record), {}));
    return context.Written(tx, json::object{{"id", id}});
  });
}

}  // namespace rapport::support
