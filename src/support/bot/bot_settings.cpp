#include "support/bot/bot_settings.hpp"

#include <set>

#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "storage/audit.hpp"
#include "support/helpcenter/article.hpp"

namespace rapport::bot {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kSelect =
    "SELECT human_only_topics, flows, updated_at, version FROM chat_bot_settings WHERE id = 1";
constexpr std::string_view kUpdate =
    "UPDATE chat_bot_settings SET human_only_topics = ?, flows = ?, updated_at = ?, "
    "version = version + 1 WHERE id = 1";

bool IsSlugLike(std::string_view id) {
  if (id.empty() || id.size() > 60) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

// Reads a field's text, cleaned; `problem` set when it is missing or bad.
std::string Text(const json::object& object, std::string_view key, size_t limit, TextKind kind,
                 std::string& problem) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) {
    problem = "is required (text)";
    return {};
  }
  CleanedText cleaned = CleanText(value->as_string(), limit, kind);
  if (cleaned.problem.empty() && cleaned.text.empty()) cleaned.problem = "must not be empty";
  problem = cleaned.problem;
  return cleaned.text;
}

// The flows' JSON as given, checked; `where` names the field at fault.
class FlowReader {
 public:
  Result<std::vector<Flow>> Read(const json::value& value) {
    if (!value.is_array() || value.as_array().size() > kMaxFlows) {
      return Error::Invalid("flows", "must be a list of at most 20 flows");
    }
    std::vector<Flow> flows;
    std::set<std::string> ids;
    for (size_t i = 0; i < value.as_array().size(); ++i) {
      const std::string at = "flows[" + std::to_string(i) + "]";
      const json::value& item = value.as_array()[i];
      if (!item.is_object()) return Error::Invalid(at, "must be an object");
      RAPPORT_ASSIGN_OR_RETURN(Flow flow, ReadFlow(item.as_object(), at));
      if (!ids.insert(flow.id).second) return Error::Invalid(at + ".id", "is used twice");
      flows.push_back(std::move(flow));
    }
    return flows;
  }

 private:
  Result<Flow> ReadFlow(const json::object& object, const std::string& at) {
    Flow flow;
    std::string problem;
    RAPPORT_ASSIGN_OR_RETURN(flow.id, Id(object, at));
    flow.label = Text(object, "label", kMaxLabel, TextKind::kSingleLine, problem);
    if (!problem.empty()) return Error::Invalid(at + ".label", problem);
    const json::value* steps = object.if_contains("steps");
    if (steps == nullptr || !steps->is_array() || steps->as_array().empty() ||
        steps->as_array().size() > kMaxStepsPerFlow) {
      return Error::Invalid(at + ".steps", "must be a list of 1 to 30 steps");
    }
    std::set<std::string> step_ids;
    for (size_t i = 0; i < steps->as_array().size(); ++i) {
      const std::string step_at = at + ".steps[" + std::to_string(i) + "]";
      const json::value& item = steps->as_array()[i];
      if (!item.is_object()) return Error::Invalid(step_at, "must be an object");
      RAPPORT_ASSIGN_OR_RETURN(FlowStep step, ReadStep(item.as_object(), step_at));
      if (!step_ids.insert(step.id).second) return Error::Invalid(step_at + ".id", "is used twice");
      flow.steps.push_back(std::move(step));
    }
    // Every `next` must lead somewhere in this flow: a dead button would strand the visitor.
    for (size_t i = 0; i < flow.steps.size(); ++i) {
      for (size_t b = 0; b < flow.steps[i].buttons.size(); ++b) {
        const auto& next = flow.steps[i].buttons[b].next;
        if (next && !step_ids.contains(*next)) {
          return Error::Invalid(
              at + ".steps[" + std::to_string(i) + "].buttons[" + std::to_string(b) + "].next",
              "is not a step of this flow");
        }
      }
    }
    return flow;
  }

  Result<FlowStep> ReadStep(const json::object& object, const std::string& at) {
    FlowStep step;
    std::string problem;
    RAPPORT_ASSIGN_OR_RETURN(step.id, Id(object, at));
    step.text = Text(object, "text", kMaxStepText, TextKind::kMultiLine, problem);
    if (!problem.empty()) return Error::Invalid(at + ".text", problem);
    const json::value* buttons = object.if_contains("buttons");
    if (buttons == nullptr) return step;  // an end of the flow: text only
    if (!buttons->is_array() || buttons->as_array().size() > kMaxButtonsPerStep) {
      return Error::Invalid(at + ".buttons", "must be a list of at most 6 buttons");
    }
    for (size_t i = 0; i < buttons->as_array().size(); ++i) {
      const std::string button_at = at + ".buttons[" + std::to_string(i) + "]";
      const json::value& item = buttons->as_array()[i];
      if (!item.is_object()) return Error::Invalid(button_at, "must be an object");
      RAPPORT_ASSIGN_OR_RETURN(FlowButton button, ReadButton(item.as_object(), button_at));
      step.buttons.push_back(std::move(button));
    }
    return step;
  }

  Result<FlowButton> ReadButton(const json::object& object, const std::string& at) {
    FlowButton button;
    std::string problem;
    button.label = Text(object, "label", kMaxLabel, TextKind::kSingleLine, problem);
    if (!problem.empty()) return Error::Invalid(at + ".label", problem);
    const json::value* next = object.if_contains("next");
    const json::value* action = object.if_contains("action");
    if ((next == nullptr) == (action == nullptr)) {
      return Error::Invalid(at, "needs either next (a step) or action (human, orders, article)");
    }
    if (next != nullptr) {
      if (!next->is_string() || !IsSlugLike(next->as_string())) {
        return Error::Invalid(at + ".next", "must be a step id");
      }
      button.next = std::string(next->as_string());
      return button;
    }
    const std::string kind = action->is_string() ? std::string(action->as_string()) : "";
    if (kind != "human" && kind != "orders" && kind != "article") {
      return Error::Invalid(at + ".action", "must be human, orders or article");
    }
    button.action = kind;
    if (kind == "article") {
      const json::value* slug = object.if_contains("article");
      if (slug == nullptr || !slug->is_string() || !helpcenter::IsValidSlug(slug->as_string())) {
        return Error::Invalid(at + ".article", "must be the slug of a help-center article");
      }
      button.article = std::string(slug->as_string());
    }
    return button;
  }

  static Result<std::string> Id(const json::object& object, const std::string& at) {
    const json::value* id = object.if_contains("id");
    if (id == nullptr || !id->is_string() || !IsSlugLike(id->as_string())) {
      return Error::Invalid(at + ".id", "must be 1 to 60 of a-z, 0-9, _ and -");
    }
    return std::string(id->as_string());
  }
};

json::array FlowsJson(const std::vector<Flow>& flows) {
  json::array out;
  for (const Flow& flow : flows) {
    json::array steps;
    for (const FlowStep& step : flow.steps) {
      json::array buttons;
      for (const FlowButton& b : step.buttons) {
        json::object button{{"label", b.label}};
        if (b.next) button["next"] = *b.next;
        if (b.action) button["action"] = *b.action;
        if (b.article) button["article"] = *b.article;
        buttons.push_back(std::move(button));
      }
      steps.push_back(
          json::object{{"id", step.id}, {"text", step.text}, {"buttons", std::move(buttons)}});
    }
    out.push_back(
        json::object{{"id", flow.id}, {"label", flow.label}, {"steps", std::move(steps)}});
  }
  return out;
}

}  // namespace

Result<BotSettings> ParseBotSettings(const json::object& input, BotSettings base) {
  for (const auto& [key, value] : input) {
    if (key == "human_only_topics") {
      if (!value.is_array() || value.as_array().size() > kMaxHumanOnlyTopics) {
        return Error::Invalid("human_only_topics", "must be a list of at most 100 topics");
      }
      std::vector<std::string> topics;
      for (const auto& topic : value.as_array()) {
        if (!topic.is_string() || !IsSlugLike(topic.as_string())) {
          return Error::Invalid("human_only_topics", "each must be a topic id such as t07");
        }
        topics.emplace_back(topic.as_string());
      }
      base.human_only_topics = std::move(topics);
    } else if (key == "flows") {
      RAPPORT_ASSIGN_OR_RETURN(base.flows, FlowReader().Read(value));
    } else if (key != "version" && key != "updated_at") {
      return Error::Invalid(std::string(key), "is not a known field");
    }
  }
  return base;
}

json::object BotSettingsJson(const BotSettings& settings) {
  json::array topics;
  for (const auto& topic : settings.human_only_topics) topics.emplace_back(topic);
  return json::object{{"human_only_topics", std::move(topics)},
                      {"flows", FlowsJson(settings.flows)},
                      {"updated_at", settings.updated_at},
                      {"version", settings.version}};
}

Result<BotSettings> LoadBotSettings(Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSelect));
  if (rows.empty()) return Error::Internal("chat_bot_settings has no row");
  BotSettings settings{.updated_at = rows[0].Text(2), .version = rows[0].Int(3)};
  // Stored values were checked when written; a row that no longer parses reads as empty
  // rather than stopping the bot.
  json::object stored;
  if (auto topics = ParseJson(rows[0].Text(0)); topics.ok()) stored["human_only_topics"] = *topics;
  if (auto flows = ParseJson(rows[0].Text(1)); flows.ok()) stored["flows"] = *flows;
  auto parsed = ParseBotSettings(stored, settings);
  return parsed.ok() ? *parsed : settings;
}

Result<BotSettings> LoadBotSettings(storage::Database& db) {
  BotSettings out;
  RAPPORT_RETURN_IF_ERROR(db.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(out, LoadBotSettings(tx));
    return OkStatus();
  }));
  return out;
}

const Flow* FindFlow(const BotSettings& settings, std::string_view id) {
  for (const Flow& flow : settings.flows) {
    if (flow.id == id) return &flow;
  }
  return nullptr;
}

const FlowStep* FindStep(const Flow& flow, std::string_view id) {
  for (const FlowStep& step : flow.steps) {
    if (step.id == id) return &step;
  }
  return nullptr;
}

Result<json::object> BotSettingsService::Get(const access::Access& access) {
  if (!access.is_admin()) return Error::PermissionDenied("Only administrators see bot settings.");
  RAPPORT_ASSIGN_OR_RETURN(BotSettings settings, LoadBotSettings(db_));
  return BotSettingsJson(settings);
}

Result<json::object> BotSettingsService::Put(const access::Access& access,
                                             const storage::WriteContext& context,
                                             const json::object& input) {
  if (!access.is_admin()) {
    return Error::PermissionDenied("Only administrators change bot settings.");
  }
  json::object served;
  RAPPORT_RETURN_IF_ERROR(db_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(BotSettings before, LoadBotSettings(tx));
    RAPPORT_ASSIGN_OR_RETURN(BotSettings after, ParseBotSettings(input, before));
    const json::object before_json = BotSettingsJson(before);
    json::object after_json = BotSettingsJson(after);
    auto updated = tx.Exec(kUpdate, {ToJsonString(after_json.at("human_only_topics")),
                                     ToJsonString(after_json.at("flows")), NowInstant()});
    if (!updated.ok()) return updated.error();
    RAPPORT_ASSIGN_OR_RETURN(BotSettings saved, LoadBotSettings(tx));
    served = BotSettingsJson(saved);
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "update", "chat_bot_settings", "bot",
                                                 before_json, served));
    return context.Written(tx, served);
  }));
  return served;
}

}  // namespace rapport::bot
