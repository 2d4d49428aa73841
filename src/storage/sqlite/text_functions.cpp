#include "storage/sqlite/text_functions.hpp"

#include <sqlite3.h>

#include <string>
#include <string_view>

#include "common/collation.hpp"
#include "common/unicode_text.hpp"

namespace rapport::storage {
namespace {

using TextFunction = std::string (*)(std::string_view);

template <TextFunction kFunction>
void CallTextFunction(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const std::string result =
      kFunction(std::string_view(text, static_cast<size_t>(sqlite3_value_bytes(argv[0]))));
  sqlite3_result_text(context, result.data(), static_cast<int>(result.size()), SQLITE_TRANSIENT);
}

std::string CollationKeyOf(std::string_view text) { return CollationKey(text); }
std::string SearchFoldOf(std::string_view text) { return SearchFold(text); }
std::string EmailKeyOf(std::string_view text) { return EmailKey(text); }

}  // namespace

int RegisterTextFunctions(sqlite3* db) {
  // Innocuous: no side effects, so SQLite allows them in the schema (indexes) even with
  // trusted_schema off.
  constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  struct Function {
    const char* name;
    void (*call)(sqlite3_context*, int, sqlite3_value**);
  };
  const Function functions[] = {{"collation_key", &CallTextFunction<&CollationKeyOf>},
                                {"search_fold", &CallTextFunction<&SearchFoldOf>},
                                {"email_key", &CallTextFunction<&EmailKeyOf>}};
  for (const auto& function : functions) {
    const int rc = sqlite3_create_function_v2(db, function.name, 1, kFlags, nullptr, function.call,
                                              nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

}  // namespace rapport::storage
