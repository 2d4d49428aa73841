// The chatbot's settings (docs/design/chatbot.md § Guided flows): help-center topics the bot must
// leave to a person, and the guided flows admins configure as small decision trees with buttons
// ("Returns" → "Within 30 days?" → …). Stored as one row (migration 0028); read on every bot
// turn, changed by administrators through /api/v1/chat/bot with an audit entry.
// Stateless functions and a small service holding a Database reference; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::bot {

// A button of a flow step: to another step of the same flow, or an action.
struct FlowButton {
  std::string label;
  std::optional<std::string> next;     // a step id of the same flow
  std::optional<std::string> action;   // human | orders | article
  std::optional<std::string> article;  // the article's slug, for action article
};

struct FlowStep {
  std::string id;
  std::string text;
  std::vector<FlowButton> buttons;
};

// A flow starts at its first step; its label is the button that opens it.
struct Flow {
  std::string id;
  std::string label;
  std::vector<FlowStep> steps;
};

struct BotSettings {
  std::vector<std::string> human_only_topics;
  std::vector<Flow> flows;
  std::string updated_at;
  int64_t version = 1;
};

// Bounds: a flow is a small tree a visitor clicks through, not a second help center.
inline constexpr size_t kMaxFlows = 20;
inline constexpr size_t kMaxStepsPerFlow = 30;
inline constexpr size_t kMaxButtonsPerStep = 6;
inline constexpr size_t kMaxStepText = 1000;
inline constexpr size_t kMaxLabel = 60;
inline constexpr size_t kMaxHumanOnlyTopics = 100;

// {human_only_topics?: [topic], flows?: [{id, label, steps: [{id, text, buttons: [{label, next}
// | {label, action: human|orders} | {label, action: article, article: slug}]}]}]}: every id is
// [a-z0-9_-], unique in its scope; every `next` names a step of the same flow. Errors name the
// field at fault ("flows[1].steps[0].buttons[2].next").
Result<BotSettings> ParseBotSettings(const json::object& input, BotSettings base);
json::object BotSettingsJson(const BotSettings& settings);

Result<BotSettings> LoadBotSettings(storage::Tx& tx);
Result<BotSettings> LoadBotSettings(storage::Database& db);

const Flow* FindFlow(const BotSettings& settings, std::string_view id);
const FlowStep* FindStep(const Flow& flow, std::string_view id);

// GET and PUT /api/v1/chat/bot: administrators only.
class BotSettingsService {
 public:
  explicit BotSettingsService(storage::Database& db) : db_(db) {}
  Result<json::object> Get(const access::Access& access);
  Result<json::object> Put(const access::Access& access, const storage::WriteContext& context,
                           const json::object& input);

 private:
  storage::Database& db_;
};

}  // namespace rapport::bot
