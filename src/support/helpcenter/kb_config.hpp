// The help center's settings and synonym list (docs/design/helpcenter.md § Settings, § Search),
// each one JSON document in kb_config, read by anyone with knowledge-base read (and by the public
// pages and search without a caller) and replaced only by administrators.
//
//   settings: {title, logo_url, accent_color, background_color, text_color}
//   synonyms: {groups: [["parcel", "package"], ["refund", "money back"]]}
//
// A synonym group lists words or short phrases (up to 3 words) that mean the same to a visitor:
// a query word or phrase that is in a group also matches every other member. Events
// kb_settings.updated and kb_synonyms.updated with audit entries. Thread-safe; blocks on storage.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::helpcenter {

inline constexpr size_t kMaxSynonymGroups = 500;
inline constexpr size_t kMaxGroupTerms = 20;
inline constexpr size_t kMaxSynonymTerm = 60;

struct HelpCenterSettings {
  std::string title = "Help center";
  std::optional<std::string> logo_url;
  std::string accent_color = "#1f5fbf";
  std::string background_color = "#ffffff";
  std::string text_color = "#1b1b1f";
};

using SynonymGroups = std::vector<std::vector<std::string>>;

json::object SettingsToJson(const HelpCenterSettings& settings, int64_t version);
json::object SynonymsToJson(const SynonymGroups& groups, int64_t version);
// Validates a whole document; field errors name the path ("groups.2.1", "accent_color").
Result<HelpCenterSettings> ParseSettings(const json::object& input);
Result<SynonymGroups> ParseSynonyms(const json::object& input);

// Stored values (defaults when never set), with their version (0 when never set).
Result<std::pair<HelpCenterSettings, int64_t>> ReadSettingsInTx(storage::Tx& tx);
Result<std::pair<SynonymGroups, int64_t>> ReadSynonymsInTx(storage::Tx& tx);
Status WriteSynonymsInTx(storage::Tx& tx, const storage::WriteContext& context,
                         const SynonymGroups& groups, std::optional<int64_t> if_version);

class KbConfigService {
 public:
  explicit KbConfigService(storage::Database& database) : database_(database) {}
  using Access = access::Access;

  Result<json::object> GetSettings(const Access& access);
  Result<json::object> PutSettings(const Access& access, const storage::WriteContext& context,
                                   const json::object& input, std::optional<int64_t> if_version);
  Result<json::object> GetSynonyms(const Access& access);
  Result<json::object> PutSynonyms(const Access& access, const storage::WriteContext& context,
                                   const json::object& input, std::optional<int64_t> if_version);

 private:
  storage::Database& database_;
};

}  // namespace rapport::helpcenter
