#include "cli/demo_help_center.hpp"

#include "access/access.hpp"
#include "demo/demo_help_articles.hpp"
#include "support/bot/bot_settings.hpp"
#include "support/helpcenter/article_files.hpp"

namespace rapport::cli {
namespace {

// The demo shop's guided flows (docs/design/chatbot.md § Guided flows), in the words of
// src/demo/helpcenter/POLICIES.md: 30 days to return from delivery, support hours Mon-Fri 8-18.
// Payment problems are for a person: the bot never answers them.
constexpr std::string_view kDemoFlows = R"json({
  "human_only_topics": ["change-payment-method"],
  "flows": [
    {"id": "returns", "label": "Returns", "steps": [
      {"id": "start", "text": "Happy to help with a return. Did your order arrive in the last 30 days?",
       "buttons": [{"label": "Yes", "next": "recent"}, {"label": "No, longer ago", "next": "late"}]},
      {"id": "recent", "text": "Is the item complete, undamaged and in its original packaging (tried out is fine)?",
       "buttons": [{"label": "Yes", "next": "how"}, {"label": "No, it is faulty", "next": "faulty"}]},
      {"id": "how", "text": "Then you can return it: start in Account > Orders > Return items (guests: /returns with the order number and email). We refund within 3 business days of it arriving.",
       "buttons": [{"label": "How do I send it back?", "action": "article", "article": "return-how"},
                   {"label": "Talk to a person", "action": "human"}]},
      {"id": "faulty", "text": "Sorry about that! Report a faulty, damaged or wrong item within 14 days of delivery with photos; returning it is always free.",
       "buttons": [{"label": "What to do with a damaged item", "action": "article", "article": "damaged-item"},
                   {"label": "Talk to a person", "action": "human"}]},
      {"id": "late", "text": "The 30 days for a change of mind have passed, but a faulty item is still covered by the warranty.",
       "buttons": [{"label": "Read the returns policy", "action": "article", "article": "returns-policy"},
                   {"label": "Talk to a person", "action": "human"}]}]},
    {"id": "hours", "label": "Opening hours", "steps": [
      {"id": "start", "text": "Our team answers chats and calls Monday to Friday, 8:00 to 18:00 (Europe CET, US Eastern Time), except public holidays. I'm here around the clock, and email gets an answer within one business day.",
       "buttons": [{"label": "Contact options", "action": "article", "article": "contact-hours"}]}]}]})json";

}  // namespace

Result<int> AddDemoHelpCenter(storage::Database& db, const storage::WriteContext& context) {
  std::vector<helpcenter::ArticleFileText> files;
  for (const auto& file : demo::DemoHelpArticles()) {
    files.push_back({std::string(file.name), std::string(file.text)});
  }
  RAPPORT_ASSIGN_OR_RETURN(int added, helpcenter::LoadArticleFiles(db, context, files));
  RAPPORT_RETURN_IF_ERROR(helpcenter::AddSynonyms(db, context, helpcenter::DemoSynonyms()));
  // The demo shop's chat starts with the bot, which answers from these articles.
  RAPPORT_ASSIGN_OR_RETURN(json::object flows, ParseJsonObject(kDemoFlows));
  auto saved = bot::BotSettingsService(db).Put(access::Access::Unrestricted(), context, flows);
  if (!saved.ok()) return saved.error();
  RAPPORT_RETURN_IF_ERROR(db.Write([](storage::Tx& tx) -> Status {
    auto updated = tx.Exec("UPDATE chat_settings SET bot_mode = 'always' WHERE id = 1");
    if (!updated.ok()) return updated.error();
    return OkStatus();
  }));
  return added;
}

}  // namespace rapport::cli
