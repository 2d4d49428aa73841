#include "support/helpcenter/kb_config.hpp"

#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"
#include "support/helpcenter/article.hpp"
#include "support/helpcenter/markdown.hpp"
#include "support/helpcenter/text_analysis.hpp"

namespace rapport::helpcenter {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kRead = "SELECT value, version FROM kb_config WHERE key = ?";
constexpr std::string_view kUpsert =
    "INSERT INTO kb_config (key, value, updated_at, version) VALUES (?1, ?2, ?3, 1) "
    "ON CONFLICT (key) DO UPDATE SET value = ?2, updated_at = ?3, version = version + 1";
constexpr std::string_view kSettingsKey = "settings";
constexpr std::string_view kSynonymsKey = "synonyms";

bool IsColor(std::string_view text) {
  if (text.size() != 7 || text[0] != '#') return false;
  for (char c : text.substr(1)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Result<std::pair<json::object, int64_t>> ReadDocument(Tx& tx, std::string_view key) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kRead, {std::string(key)}));
  if (rows.empty()) return std::pair<json::object, int64_t>{json::object(), 0};
  RAPPORT_ASSIGN_OR_RETURN(json::object value, ParseJsonObject(rows.front().Text(0)));
  return std::pair<json::object, int64_t>{std::move(value), rows.front().Int(1)};
}

// Stores one document; the caller appends its event and audit entry.
Status WriteDocument(Tx& tx, std::string_view key, const json::object& after,
                     std::optional<int64_t> if_version, int64_t current_version) {
  if (if_version && *if_version != current_version) {
    return Error::PreconditionFailed("The help center's " + std::string(key) +
                                     " were changed since you read them.");
  }
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kUpsert, {std::string(key), ToJsonString(after), NowInstant()}));
  return OkStatus();
}

json::object SettingsDocument(const HelpCenterSettings& s) {
  return json::object{{"title", s.title},
                      {"logo_url", s.logo_url ? json::value(*s.logo_url) : json::value(nullptr)},
                      {"accent_color", s.accent_color},
                      {"background_color", s.background_color},
                      {"text_color", s.text_color}};
}

json::object SynonymsDocument(const SynonymGroups& groups) {
  json::array out;
  for (const auto& group : groups) {
    json::array terms;
    for (const auto& term : group) terms.emplace_back(term);
    out.emplace_back(std::move(terms));
  }
  return json::object{{"groups", std::move(out)}};
}

}  // namespace

json::object SettingsToJson(const HelpCenterSettings& settings, int64_t version) {
  json::object out = SettingsDocument(settings);
  out["version"] = version;
  return out;
}

json::object SynonymsToJson(const SynonymGroups& groups, int64_t version) {
  json::object out = SynonymsDocument(groups);
  out["version"] = version;
  return out;
}

Result<HelpCenterSettings> ParseSettings(const json::object& input) {
  HelpCenterSettings settings;
  std::vector<FieldError> errors;
  for (const auto& [key, value] : input) {
    const std::string field(key);
    if (key == "title") {
      CleanedText text = value.is_string()
                             ? CleanText(value.as_string(), 100, TextKind::kSingleLine)
                             : CleanedText{.problem = "must be a string"};
      if (text.problem.empty() && text.text.empty()) text.problem = "must not be empty";
      if (!text.problem.empty()) errors.push_back({field, text.problem});
      settings.title = text.text;
    } else if (key == "logo_url") {
      if (value.is_null()) continue;
      const bool good = value.is_string() && !value.as_string().empty() &&
                        value.as_string().size() <= 500 && IsSafeUrl(value.as_string()) &&
                        value.as_string().find_first_of(" \"'<>\\\n\r\t") == std::string::npos;
      if (!good) {
        errors.push_back(
            {field, "must be null or an http(s) or relative URL of up to 500 characters"});
      } else {
        settings.logo_url = std::string(value.as_string());
      }
    } else if (key == "accent_color" || key == "background_color" || key == "text_color") {
      if (!value.is_string() || !IsColor(value.as_string())) {
        errors.push_back({field, "must be a colour written #rrggbb in lower case"});
        continue;
      }
      std::string color(value.as_string());
      if (key == "accent_color") settings.accent_color = color;
      if (key == "background_color") settings.background_color = color;
      if (key == "text_color") settings.text_color = color;
    } else if (key != "version") {
      errors.push_back({field, "is not a known field"});
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return settings;
}

Result<SynonymGroups> ParseSynonyms(const json::object& input) {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : input) {
    if (key != "groups" && key != "version")
      errors.push_back({std::string(key), "is not a known field"});
  }
  const json::value* groups = input.if_contains("groups");
  if (groups == nullptr) errors.push_back({"groups", "is required"});
  if (groups != nullptr && (!groups->is_array() || groups->as_array().size() > kMaxSynonymGroups)) {
    errors.push_back({"groups", "must be a list of at most 500 groups"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  SynonymGroups out;
  for (size_t g = 0; g < groups->as_array().size(); ++g) {
    const json::value& group = groups->as_array()[g];
    const std::string path = "groups." + std::to_string(g);
    if (!group.is_array() || group.as_array().size() < 2 ||
        group.as_array().size() > kMaxGroupTerms) {
      errors.push_back({path, "must be a list of 2 to 20 words or phrases"});
      continue;
    }
    std::vector<std::string> terms;
    for (size_t t = 0; t < group.as_array().size(); ++t) {
      const json::value& term = group.as_array()[t];
      CleanedText text = term.is_string()
                             ? CleanText(term.as_string(), kMaxSynonymTerm, TextKind::kSingleLine)
                             : CleanedText{.problem = "must be a string"};
      const size_t words = text.problem.empty() ? Words(text.text).size() : 0;
      if (text.problem.empty() && (words == 0 || words > 3)) {
        text.problem = "must be one to three words";
      }
      if (!text.problem.empty()) {
        errors.push_back({path + "." + std::to_string(t), text.problem});
        continue;
      }
      terms.push_back(FoldCase(text.text));
    }
    out.push_back(std::move(terms));
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return out;
}

Result<std::pair<HelpCenterSettings, int64_t>> ReadSettingsInTx(Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(auto document, ReadDocument(tx, kSettingsKey));
  auto settings = ParseSettings(document.first);
  return std::pair{settings.ok() ? std::move(settings).value() : HelpCenterSettings{},
                   document.second};
}

Result<std::pair<SynonymGroups, int64_t>> ReadSynonymsInTx(Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(auto document, ReadDocument(tx, kSynonymsKey));
  if (document.first.empty()) return std::pair{SynonymGroups{}, int64_t{0}};
  auto groups = ParseSynonyms(document.first);
  return std::pair{groups.ok() ? std::move(groups).value() : SynonymGroups{}, document.second};
}

Status WriteSynonymsInTx(Tx& tx, const storage::WriteContext& context, const SynonymGroups& groups,
                         std::optional<int64_t> if_version) {
  RAPPORT_ASSIGN_OR_RETURN(auto current, ReadSynonymsInTx(tx));
  const json::object after = SynonymsDocument(groups);
  RAPPORT_RETURN_IF_ERROR(WriteDocument(tx, kSynonymsKey, after, if_version, current.second));
  RAPPORT_RETURN_IF_ERROR(
      storage::AppendEvent(tx, context, "kb_synonyms.updated", "kb_synonyms", "synonyms", {}));
  return storage::AppendAudit(tx, context, "update", "kb_synonyms", "synonyms",
                              SynonymsDocument(current.first), after);
}

Result<json::object> KbConfigService::GetSettings(const Access& access) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckKbRead(access));
    RAPPORT_ASSIGN_OR_RETURN(auto settings, ReadSettingsInTx(tx));
    served = SettingsToJson(settings.first, settings.second);
    return OkStatus();
  }));
  return served;
}

Result<json::object> KbConfigService::PutSettings(const Access& access,
                                                  const storage::WriteContext& context,
                                                  const json::object& input,
                                                  std::optional<int64_t> if_version) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckKbAdmin(access));
    RAPPORT_ASSIGN_OR_RETURN(HelpCenterSettings settings, ParseSettings(input));
    RAPPORT_ASSIGN_OR_RETURN(auto current, ReadSettingsInTx(tx));
    const json::object after = SettingsDocument(settings);
    RAPPORT_RETURN_IF_ERROR(WriteDocument(tx, kSettingsKey, after, if_version, current.second));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendEvent(tx, context, "kb_settings.updated", "kb_settings", "settings", {}));
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "update", "kb_settings", "settings",
                                                 SettingsDocument(current.first), after));
    served = SettingsToJson(settings, current.second + 1);
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> KbConfigService::GetSynonyms(const Access& access) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckKbRead(access));
    RAPPORT_ASSIGN_OR_RETURN(auto groups, ReadSynonymsInTx(tx));
    served = SynonymsToJson(groups.first, groups.second);
    return OkStatus();
  }));
  return served;
}

Result<json::object> KbConfigService::PutSynonyms(const Access& access,
                                                  const storage::WriteContext& context,
                                                  const json::object& input,
                                                  std::optional<int64_t> if_version) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckKbAdmin(access));
    RAPPORT_ASSIGN_OR_RETURN(SynonymGroups groups, ParseSynonyms(input));
    RAPPORT_ASSIGN_OR_RETURN(auto current, ReadSynonymsInTx(tx));
    RAPPORT_RETURN_IF_ERROR(WriteSynonymsInTx(tx, context, groups, if_version));
    served = SynonymsToJson(groups, current.second + 1);
    return context.Written(tx, served);
  }));
  return served;
}

}  // namespace rapport::helpcenter
