#include "support/bot/bot_phrases.hpp"

#include <array>
#include <utility>

namespace rapport::bot {
namespace {

// {English, German}, in the order of Phrase.
constexpr std::array<std::pair<std::string_view, std::string_view>, 17> kPhrases{{
    {"Hi! I'm the shop's assistant. Ask me a question, or pick a topic below.",
     "Hallo! Ich bin der Assistent des Shops. Stellen Sie eine Frage oder wählen Sie ein Thema."},
    {"You're welcome! Is there anything else I can help with?",
     "Gern geschehen! Kann ich sonst noch helfen?"},
    {"Did that answer your question?", "Hat das Ihre Frage beantwortet?"},
    {"Yes", "Ja"},
    {"No", "Nein"},
    {"Talk to a person", "Mit einem Menschen sprechen"},
    {"Read the article", "Artikel lesen"},
    {"I couldn't find an answer to that. Could you put it another way, or shall I get a person?",
     "Dazu habe ich keine Antwort gefunden. Können Sie es anders formulieren, oder soll ich "
     "jemanden holen?"},
    {"Sorry that didn't help. Could you put your question another way?",
     "Das hat leider nicht geholfen. Können Sie Ihre Frage anders formulieren?"},
    {"I'm passing you to a person from our team; they will be with you shortly.",
     "Ich verbinde Sie mit jemandem aus unserem Team; gleich ist jemand für Sie da."},
    {"Nobody from our team is available right now. Leave your email and we will answer by "
     "email.",
     "Gerade ist niemand aus unserem Team erreichbar. Hinterlassen Sie Ihre E-Mail-Adresse, dann "
     "antworten wir per E-Mail."},
    {"Your latest orders:", "Ihre letzten Bestellungen:"},
    {"I can't find any orders on your account yet.",
     "Ich finde noch keine Bestellungen zu Ihrem Konto."},
    {"For older orders, ask a person from our team.",
     "Zu älteren Bestellungen fragen Sie bitte jemanden aus unserem Team."},
    {"To show your orders I need to know it's you: please sign in on our website and open the "
     "chat again, or give your order number to a person from our team.",
     "Um Ihre Bestellungen zu zeigen, muss ich wissen, dass Sie es sind: Melden Sie sich bitte "
     "auf unserer Website an und öffnen Sie den Chat erneut, oder nennen Sie die Bestellnummer "
     "jemandem aus unserem Team."},
    {"Where is my order?", "Wo ist meine Bestellung?"},
    {"Sorry, I can only answer in English and German. A person from our team can help you.",
     "Sorry, I can only answer in English and German. A person from our team can help you."},
}};

}  // namespace

std::string_view Say(Phrase phrase, std::string_view language) {
  const auto& entry = kPhrases[static_cast<size_t>(phrase)];
  return language == "de" ? entry.second : entry.first;
}

}  // namespace rapport::bot
