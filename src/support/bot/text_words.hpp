// The folded words of a short visitor message (case and accents removed, SearchFold), shared by
// the bot's intent and language rules so both read the same words. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rapport::bot {

// Runs of letters, digits and apostrophes of the first `max_bytes` of `text`, folded; a
// typographic apostrophe is the ASCII one.
std::vector<std::string> FoldedWords(std::string_view text, size_t max_bytes = 1000);

// True when `words` holds `phrase`'s words (space-separated, folded) in a row.
bool HasPhrase(const std::vector<std::string>& words, std::string_view phrase);

}  // namespace rapport::bot
