#include "feedback/survey_service.hpp"

#include <array>

#include "common/ids.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "feedback/survey_triggers.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"

namespace rapport::feedback {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::array<std::string_view, 2> kPurposes{"service", "marketing"};
constexpr std::array<std::string_view, 2> kStatuses{"active", "archived"};

#define RAPPORT_SURVEY_COLUMNS                                                          \
  "id, name, kind, purpose, status, current_version, created_at, updated_at, version, " \
  "send_trigger"
constexpr std::string_view kSelect = "SELECT " RAPPORT_SURVEY_COLUMNS " FROM surveys WHERE id = ?";
constexpr std::string_view kSelectAll =
    "SELECT " RAPPORT_SURVEY_COLUMNS " FROM surveys ORDER BY name COLLATE NOCASE, id LIMIT 1000";
constexpr std::string_view kInsert =
    "INSERT INTO surveys (id, name, kind, purpose, status, current_version, created_at, "
    "updated_at, version, send_trigger) VALUES (?, ?, ?, ?, ?, 1, ?, ?, 1, ?)";
constexpr std::string_view kUpdate =
    "UPDATE surveys SET name = ?, purpose = ?, status = ?, current_version = ?, updated_at = ?, "
    "send_trigger = ?, version = version + 1 WHERE id = ? AND version = ?";
constexpr std::string_view kSelectVersion =
    "SELECT definition, created_at FROM survey_versions WHERE survey_id = ? AND version = ?";
constexpr std::string_view kInsertVersion =
    "INSERT INTO survey_versions (survey_id, version, definition, created_at) VALUES (?, ?, ?, ?)";
constexpr std::string_view kRewriteVersion =
    "UPDATE survey_versions SET definition = ? WHERE survey_id = ? AND version = ?";
// Any answer, partial ones included: a customer half-way through has seen this version.
constexpr std::string_view kHasAnswers =
    "SELECT 1 FROM survey_answers WHERE survey_id = ? AND survey_version = ? LIMIT 1";

struct Survey {
  std::string id;
  std::string name;
  std::string kind;
  std::string purpose = "service";
  std::string status = "active";
  int64_t current_version = 1;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
  std::optional<SurveyTrigger> trigger;  // docs/design/surveys.md § Triggers
};

storage::Value TriggerText(const std::optional<SurveyTrigger>& trigger) {
  if (!trigger) return storage::Null();
  return ToJsonString(TriggerJson(trigger));
}

Survey FromRow(const storage::Row& row) {
  return Survey{.id = row.Text(0),
                .name = row.Text(1),
                .kind = row.Text(2),
                .purpose = row.Text(3),
                .status = row.Text(4),
                .current_version = row.Int(5),
                .created_at = row.Text(6),
                .updated_at = row.Text(7),
                .version = row.Int(8),
                .trigger = row.IsNull(9) ? std::nullopt : StoredTrigger(row.Text(9))};
}

json::object ToJson(const Survey& survey, const json::object& definition) {
  const json::value* questions = definition.if_contains("questions");
  return json::object{{"id", survey.id},
                      {"name", survey.name},
                      {"kind", survey.kind},
                      {"purpose", survey.purpose},
                      {"status", survey.status},
                      {"current_version", survey.current_version},
                      {"questions", questions != nullptr ? *questions : json::array()},
                      {"trigger", TriggerJson(survey.trigger)},
                      {"created_at", survey.created_at},
                      {"updated_at", survey.updated_at},
                      {"version", survey.version}};
}

Error NoSurvey(const std::string& id) {
  return Error::NotFound("No survey has the id " + id + ".");
}

Result<Survey> Load(Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelect, {id}));
  if (rows.empty()) return NoSurvey(id);
  return FromRow(rows.front());
}

Result<json::object> LoadDefinition(Tx& tx, const std::string& id, int64_t version) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectVersion, {id, version}));
  if (rows.empty())
    return Error::NotFound("Survey " + id + " has no version " + std::to_string(version) + ".");
  return ParseJsonObject(rows.front().Text(0));
}

json::object Announced(const Survey& survey) {
  return json::object{{"survey", json::object{{"id", survey.id},
                                              {"name", survey.name},
                                              {"kind", survey.kind},
                                              {"current_version", survey.current_version}}}};
}

// Name, purpose, status from `input` into `survey`; the questions, when given, into `questions`.
Status ReadInput(const json::object& input, bool creating, Survey& survey,
                 std::optional<SurveyDefinition>& definition) {
  std::vector<FieldError> errors;
  auto one_of = [&](const json::value& value, const auto& allowed, const std::string& field,
                    std::string& out) {
    for (auto name : allowed) {
      if (value.is_string() && value.as_string() == name) {
        out = std::string(name);
        return;
      }
    }
    std::string listed;
    for (auto name : allowed) listed += (listed.empty() ? "" : ", ") + std::string(name);
    errors.push_back({field, "must be one of " + listed});
  };
  for (const auto& [key, value] : input) {
    const std::string field(key);
    if (key == "name") {
      CleanedText text = value.is_string()
                             ? CleanText(value.as_string(), kMaxSurveyName, TextKind::kSingleLine)
                             : CleanedText{.problem = "must be a string"};
      if (text.problem.empty() && text.text.empty()) text.problem = "must not be empty";
      if (!text.problem.empty()) errors.push_back({field, text.problem});
      survey.name = std::move(text.text);
    } else if (key == "kind") {
      if (!creating) {
        if (!value.is_string() || value.as_string() != survey.kind) {
          errors.push_back({field, "cannot change; create another survey"});
        }
      } else if (!value.is_string() || !IsKnownKind(value.as_string())) {
        errors.push_back({field, "must be one of nps, csat, ces, custom"});
      } else {
        survey.kind = std::string(value.as_string());
      }
    } else if (key == "purpose") {
      one_of(value, kPurposes, field, survey.purpose);
    } else if (key == "status") {
      one_of(value, kStatuses, field, survey.status);
    } else if (key == "trigger") {
      auto trigger = ParseTrigger(value, field);
      if (!trigger.ok()) {
        for (auto& error : trigger.error().field_errors) errors.push_back(std::move(error));
      } else {
        survey.trigger = *trigger;
      }
    } else if (key == "questions") {
      continue;  // below, once the kind is known
    } else if (key == "id" || key == "current_version" || key == "created_at" ||
               key == "updated_at" || key == "version") {
      continue;  // read-only fields a client may send back unchanged
    } else {
      errors.push_back({field, "is not a known field"});
    }
  }
  if (creating) {
    for (const char* required : {"name", "kind"}) {
      if (!input.contains(required)) errors.push_back({required, "is required"});
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (creating || input.contains("questions")) {
    auto parsed = ParseDefinition(survey.kind, input.if_contains("questions"));
    if (!parsed.ok()) return std::move(parsed).error();
    definition = std::move(*parsed);
  }
  return OkStatus();
}

}  // namespace

Status CheckSurveyAccess(const access::Access& access, access::Action action) {
  if (access.LevelFor(access::Object::kSurveys, action) == access::Level::kNone) {
    return access::NotPermitted(access::Object::kSurveys, action);
  }
  return OkStatus();
}

Result<SurveyVersion> LoadSurveyVersion(Tx& tx, const std::string& survey_id, int64_t version) {
  RAPPORT_ASSIGN_OR_RETURN(Survey survey, Load(tx, survey_id));
  const int64_t wanted = version == 0 ? survey.current_version : version;
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectVersion, {survey_id, wanted}));
  if (rows.empty()) return NoSurvey(survey_id);
  RAPPORT_ASSIGN_OR_RETURN(SurveyDefinition definition,
                           ParseStoredDefinition(rows.front().Text(0)));
  return SurveyVersion{.survey_id = survey.id,
                       .name = survey.name,
                       .purpose = survey.purpose,
                       .status = survey.status,
                       .version = wanted,
                       .definition = std::move(definition)};
}

Result<json::object> SurveyService::Create(const Access& access,
                                           const storage::WriteContext& context,
                                           const json::object& input) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kCreate));
  Survey survey{.id = NewId("srv")};
  std::optional<SurveyDefinition> definition;
  RAPPORT_RETURN_IF_ERROR(ReadInput(input, /*creating=*/true, survey, definition));
  const json::object stored = DefinitionToJson(*definition);
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    survey.created_at = survey.updated_at = NowInstant();
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kInsert, {survey.id, survey.name, survey.kind, survey.purpose, survey.status,
                          survey.created_at, survey.updated_at, TriggerText(survey.trigger)}));
    RAPPORT_RETURN_IF_ERROR(
        tx.Exec(kInsertVersion, {survey.id, int64_t{1}, ToJsonString(stored), survey.created_at}));
    served = ToJson(survey, stored);
    RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "survey.created", "survey", survey.id,
                                                 Announced(survey)));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "create", "survey", survey.id, {}, served));
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> SurveyService::Get(const Access& access, const std::string& id) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kRead));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Survey survey, Load(tx, id));
    RAPPORT_ASSIGN_OR_RETURN(json::object definition,
                             LoadDefinition(tx, id, survey.current_version));
    served = ToJson(survey, definition);
    return OkStatus();
  }));
  return served;
}

Result<json::array> SurveyService::List(const Access& access) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kRead));
  json::array out;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectAll));
    for (const auto& row : rows) {
      Survey survey = FromRow(row);
      RAPPORT_ASSIGN_OR_RETURN(json::object definition,
                               LoadDefinition(tx, survey.id, survey.current_version));
      out.push_back(ToJson(survey, definition));
    }
    return OkStatus();
  }));
  return out;
}

Result<json::object> SurveyService::Update(const Access& access,
                                           const storage::WriteContext& context,
                                           const std::string& id, const json::object& patch,
                                           std::optional<int64_t> if_version) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kEdit));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Survey survey, Load(tx, id));
    const int64_t expected = if_version.value_or(survey.version);
    RAPPORT_ASSIGN_OR_RETURN(json::object current, LoadDefinition(tx, id, survey.current_version));
    const json::object before = ToJson(survey, current);
    std::optional<SurveyDefinition> definition;
    RAPPORT_RETURN_IF_ERROR(ReadInput(patch, /*creating=*/false, survey, definition));
    json::object stored = current;
    const std::string now = NowInstant();
    if (definition && DefinitionToJson(*definition) != current) {
      stored = DefinitionToJson(*definition);
      RAPPORT_ASSIGN_OR_RETURN(Rows answered, tx.Query(kHasAnswers, {id, survey.current_version}));
      if (answered.empty()) {
        RAPPORT_RETURN_IF_ERROR(
            tx.Exec(kRewriteVersion, {ToJsonString(stored), id, survey.current_version}));
      } else {
        ++survey.current_version;
        RAPPORT_RETURN_IF_ERROR(
            tx.Exec(kInsertVersion, {id, survey.current_version, ToJsonString(stored), now}));
      }
    }
    survey.updated_at = now;
    RAPPORT_ASSIGN_OR_RETURN(
        int64_t changed,
        tx.Exec(kUpdate, {survey.name, survey.purpose, survey.status, survey.current_version, now,
                          TriggerText(survey.trigger), id, expected}));
    if (changed == 0) return Error::PreconditionFailed("The survey was changed since you read it.");
    survey.version = expected + 1;
    served = ToJson(survey, stored);
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendEvent(tx, context, "survey.updated", "survey", id, Announced(survey)));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "survey", id, before, served));
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> SurveyService::GetVersion(const Access& access, const std::string& id,
                                               int64_t version) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kRead));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelectVersion, {id, version}));
    if (rows.empty()) {
      return Error::NotFound("Survey " + id + " has no version " + std::to_string(version) + ".");
    }
    RAPPORT_ASSIGN_OR_RETURN(json::object definition, ParseJsonObject(rows.front().Text(0)));
    served = json::object{{"survey_id", id},
                          {"version", version},
                          {"questions", definition["questions"]},
                          {"created_at", rows.front().Text(1)}};
    return OkStatus();
  }));
  return served;
}

}  // namespace rapport::feedback
