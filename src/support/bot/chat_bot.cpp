#include "support/bot/chat_bot.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <set>

#include "common/money.hpp"
#include "common/unicode_text.hpp"
#include "support/bot/bot_phrases.hpp"
#include "support/bot/bot_settings.hpp"
#include "support/bot/bot_turn.hpp"
#include "support/bot/help_answer.hpp"
#include "support/helpcenter/search.hpp"

namespace rapport::bot {
namespace {

using storage::Rows;
using storage::Tx;
using support::chat::BotMessage;
using support::chat::BotReply;
using support::chat::BotTurn;

constexpr std::string_view kLanguages =
    "SELECT DISTINCT language FROM kb_articles WHERE status = 'published' ORDER BY language";
constexpr std::string_view kArticleBySlug =
    "SELECT title, slug, body_text, topic FROM kb_articles WHERE slug = ? AND status = 'published'";
// One more than shown, to know whether to mention older ones.
constexpr std::string_view kLatestOrders =
    "SELECT id, external_id, placed_at, status, currency, total_cents FROM orders "
    "WHERE customer_id = ? ORDER BY placed_at DESC, id DESC LIMIT 4";
constexpr size_t kOrdersShown = 3;

// ---- Memory between turns ------------------------------------------------------------------

BotState ParseState(const std::string& text) {
  BotState state;
  auto parsed = ParseJson(text);
  if (!parsed.ok() || !parsed->is_object()) return state;
  const json::object& o = parsed->as_object();
  auto flag = [&](std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v != nullptr && v->is_bool() && v->as_bool();
  };
  state.resolved = flag("resolved");
  state.awaiting_feedback = flag("awaiting_feedback");
  if (const json::value* v = o.if_contains("unhelpful"); v && v->is_int64()) {
    state.unhelpful_answers = static_cast<int>(std::clamp<int64_t>(v->as_int64(), 0, 100));
  }
  if (const json::value* v = o.if_contains("language"); v && v->is_string()) {
    state.language = std::string(v->as_string()).substr(0, 8);
  }
  if (const json::value* v = o.if_contains("last_topic"); v && v->is_string()) {
    state.last_topic = std::string(v->as_string());
  }
  return state;
}

std::string StateJson(const BotState& state) {
  json::object o{{"resolved", state.resolved},
                 {"awaiting_feedback", state.awaiting_feedback},
                 {"unhelpful", state.unhelpful_answers},
                 {"language", state.language}};
  if (state.last_topic) o["last_topic"] = *state.last_topic;
  return ToJsonString(o);
}

// ---- Buttons -------------------------------------------------------------------------------

json::object Button(std::string_view label, std::string_view value) {
  return json::object{{"label", label}, {"value", value}};
}

json::object Buttons(json::array buttons) { return json::object{{"buttons", std::move(buttons)}}; }

// The flows' opening buttons, "Where is my order?" and "Talk to a person": what a visitor can
// do when the bot has no answer or says hello.
json::array Starters(const BotSettings& settings, std::string_view language) {
  json::array out;
  for (const Flow& flow : settings.flows) out.push_back(Button(flow.label, "flow:" + flow.id));
  out.push_back(Button(Say(Phrase::kMyOrders, language), "orders"));
  out.push_back(Button(Say(Phrase::kTalkToPerson, language), "human"));
  return out;
}

std::string_view ReasonName(HandOffReason reason) {
  switch (reason) {
    case HandOffReason::kAsked:
      return "asked";
    case HandOffReason::kUnhelpful:
      return "unhelpful";
    case HandOffReason::kNegative:
      return "negative";
    case HandOffReason::kHumanOnlyTopic:
      return "human_only";
    case HandOffReason::kNone:
      break;
  }
  return "asked";
}

std::optional<Intent> PressedIntent(const std::optional<std::string>& choice) {
  if (!choice) return std::nullopt;
  if (*choice == "human") return Intent::kHandOff;
  if (*choice == "yes") return Intent::kYes;
  if (*choice == "no") return Intent::kNo;
  if (*choice == "orders") return Intent::kOrderStatus;
  return std::nullopt;
}

// Everything the bot reads for one turn, in one read transaction.
struct TurnData {
  BotSettings settings;
  std::set<std::string> languages;
};

// "Order 1042 of 2026-11-28: shipped, 59.90 EUR" for each of the latest orders.
Result<std::string> OrdersText(Tx& tx, const std::string& customer_id, std::string_view language) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kLatestOrders, {customer_id}));
  if (rows.empty()) return std::string(Say(Phrase::kNoOrders, language));
  std::string text(Say(Phrase::kOrdersHeader, language));
  for (size_t i = 0; i < rows.size() && i < kOrdersShown; ++i) {
    const auto& row = rows[i];
    const std::string number = row.OptText(1).value_or(row.Text(0));
    text += "\n• " + std::string(language == "de" ? "Bestellung " : "Order ") + number + " (" +
            row.Text(2).substr(0, 10) + "): " + row.Text(3) + ", " + FormatCents(row.Int(5)) + " " +
            row.Text(4);
  }
  if (rows.size() > kOrdersShown) text += "\n" + std::string(Say(Phrase::kMoreOrders, language));
  return text;
}

// The article's passage with its link, then "Did that answer your question?" and its buttons.
void AddAnswer(BotReply& reply, const std::string& base, const std::string& title,
               const std::string& slug, const std::string& passage, std::string_view lang) {
  reply.messages.push_back(
      {.text = passage.empty() ? title : passage,
       .extra = json::object{
           {"link", json::object{{"title", title}, {"url", base + "/help/articles/" + slug}}}}});
  reply.messages.push_back({.text = std::string(Say(Phrase::kDidThatHelp, lang)),
                            .extra = Buttons({Button(Say(Phrase::kYes, lang), "yes"),
                                              Button(Say(Phrase::kNo, lang), "no"),
                                              Button(Say(Phrase::kTalkToPerson, lang), "human")})});
}

// A guided flow's step for a "flow:<flow>[/<step>]" button, as configured; nullopt for a flow
// or step that no longer exists (the visitor's words are then read like any message).
std::optional<BotReply> FlowStepReply(const BotSettings& settings, const std::string& choice,
                                      BotState state) {
  const std::string rest = choice.substr(5);
  const size_t slash = rest.find('/');
  const Flow* flow = FindFlow(settings, rest.substr(0, slash));
  if (flow == nullptr) return std::nullopt;
  const FlowStep* step =
      slash == std::string::npos ? &flow->steps.front() : FindStep(*flow, rest.substr(slash + 1));
  if (step == nullptr) return std::nullopt;
  json::array buttons;
  for (const FlowButton& b : step->buttons) {
    const std::string value = b.next      ? "flow:" + flow->id + "/" + *b.next
                              : b.article ? "article:" + *b.article
                                          : *b.action;
    buttons.push_back(Button(b.label, value));
  }
  BotReply reply;
  reply.messages.push_back(
      {.text = step->text, .extra = buttons.empty() ? json::object() : Buttons(buttons)});
  state.awaiting_feedback = false;
  reply.state = StateJson(state);
  return reply;
}

}  // namespace

std::optional<BotReply> ChatBot::ArticleReply(const std::string& slug, BotState state) {
  BotReply reply;
  bool found = false;
  Status read = db_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kArticleBySlug, {slug}));
    if (rows.empty()) return OkStatus();
    // A flow points at the whole article: its first paragraph is the answer.
    const std::string body = rows[0].Text(2);
    const std::string first(
        Utf8Prefix(body.substr(0, body.find('\n')), helpcenter::kMaxPassageCharacters));
    const std::string language = state.language.empty() ? "en" : state.language;
    AddAnswer(reply, public_base_, rows[0].Text(0), rows[0].Text(1), first, language);
    state.awaiting_feedback = true;
    state.last_topic = rows[0].OptText(3).value_or("");
    found = true;
    return OkStatus();
  });
  if (!read.ok() || !found) return std::nullopt;
  reply.state = StateJson(state);
  return reply;
}

BotReply ChatBot::Respond(const BotTurn& turn) {
  const BotState state = ParseState(turn.conversation.bot_state);
  TurnData data;
  Status read = db_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(data.settings, LoadBotSettings(tx));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kLanguages));
    for (const auto& row : rows) data.languages.insert(row.Text(0));
    return OkStatus();
  });
  if (!read.ok()) spdlog::warn("chat bot: settings unreadable: {}", read.error().message);
  if (data.languages.empty()) data.languages.insert("en");

  // Buttons of guided flows and the articles they point at: shown as configured.
  if (turn.choice && turn.choice->starts_with("flow:")) {
    if (auto reply = FlowStepReply(data.settings, *turn.choice, state)) return *reply;
  }
  if (turn.choice && turn.choice->starts_with("article:")) {
    if (auto reply = ArticleReply(turn.choice->substr(8), state)) return *reply;
  }
  return DecidedReply(turn, state, data.settings, data.languages);
}

BotReply ChatBot::DecidedReply(const BotTurn& turn, const BotState& state,
                               const BotSettings& settings,
                               const std::set<std::string>& languages) {
  BotContext context{.identified = turn.conversation.customer_id.has_value(),
                     .agents_available = turn.online,
                     .languages = languages};
  for (const auto& topic : settings.human_only_topics) context.human_only_topics.insert(topic);
  std::optional<HelpCandidate> candidate;
  const SearchFn search = [&](std::string_view lang) -> std::optional<BotMatch> {
    auto found = FindHelpCandidate(db_, turn.text, lang);
    if (!found.ok() || !*found) return std::nullopt;
    candidate = **found;
    return BotMatch{.article_id = candidate->best.article_id,
                    .topic = candidate->best.topic.value_or(""),
                    .confident = IsConfident(*candidate)};
  };
  const BotDecision decision =
      DecideTurn(state, context, turn.text, search, PressedIntent(turn.choice));
  BotReply reply{.state = StateJson(decision.next)};
  // Both arms as views: `"en" : decision.language` would make a temporary std::string.
  const std::string_view lang =
      decision.language.empty() ? std::string_view("en") : std::string_view(decision.language);
  auto say = [&](Phrase phrase, json::object extra = {}) {
    reply.messages.push_back({.text = std::string(Say(phrase, lang)), .extra = std::move(extra)});
  };
  const json::object talk = Buttons({Button(Say(Phrase::kTalkToPerson, lang), "human")});
  switch (decision.action) {
    case BotAction::kSilent:
      break;
    case BotAction::kAnswer:
      AddAnswer(reply, public_base_, candidate->best.title, candidate->best.slug,
                candidate->best.passage, lang);
      break;
    case BotAction::kNoAnswer:
      say(decision.next.unhelpful_answers > state.unhelpful_answers ? Phrase::kTryAgain
                                                                    : Phrase::kNoAnswer,
          Buttons(Starters(settings, lang)));
      break;
    case BotAction::kHandOff:
    case BotAction::kOfflineTicket:
      say(decision.action == BotAction::kHandOff ? Phrase::kHandOff : Phrase::kOffline);
      reply.hand_off = std::string(ReasonName(decision.reason));
      break;
    case BotAction::kOrderStatus: {
      std::string text;
      Status orders = db_.Read([&](Tx& tx) -> Status {
        RAPPORT_ASSIGN_OR_RETURN(text, OrdersText(tx, *turn.conversation.customer_id, lang));
        return OkStatus();
      });
      reply.messages.push_back(
          {.text = orders.ok() ? text : std::string(Say(Phrase::kNoAnswer, lang)), .extra = talk});
      break;
    }
    case BotAction::kIdentifyForOrders:
      say(Phrase::kIdentifyForOrders, talk);
      break;
    case BotAction::kGreet:
      say(Phrase::kGreet, Buttons(Starters(settings, lang)));
      break;
    case BotAction::kWelcome:
      say(Phrase::kWelcome);
      break;
    case BotAction::kUnsupportedLanguage:
      say(Phrase::kUnsupportedLanguage, talk);
      break;
  }
  return reply;
}

}  // namespace rapport::bot
