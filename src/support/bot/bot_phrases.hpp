// What the chatbot says, in the help center's languages (English and German; any other language
// reads the English). One table, so a new language is one column. Pure; thread-safe.
#pragma once

#include <string_view>

namespace rapport::bot {

enum class Phrase {
  kGreet,
  kWelcome,
  kDidThatHelp,
  kYes,
  kNo,
  kTalkToPerson,
  kReadArticle,
  kNoAnswer,
  kTryAgain,
  kHandOff,
  kOffline,
  kOrdersHeader,
  kNoOrders,
  kMoreOrders,
  kIdentifyForOrders,
  kMyOrders,
  kUnsupportedLanguage,
};

std::string_view Say(Phrase phrase, std::string_view language);

}  // namespace rapport::bot
