// Text analysis for the help center's search (docs/design/helpcenter.md § Search): the one way
// article text is turned into index terms and a visitor's question into query terms, so both
// sides always agree.
//
//   Words("Lieferungen nach Österreich")        -> {"lieferungen", "nach", "österreich"}
//   IndexTerm("Lieferungen", "de")              -> "lieferung"
//   IndexTerm("shipping", "en")                 -> "ship"      (as does "shipped")
//
// A word is a run of letters and digits (Unicode), case-folded. Its index term is its Snowball
// stem for the language (libstemmer: en, de and every other language it knows by ISO code;
// unknown languages are not stemmed), then without diacritics, so "Müller" and "muller" match.
// Pure functions; thread-safe (each thread keeps its own stemmers, which are not shareable).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rapport::helpcenter {

// The case-folded words of `text`, in order. Invalid UTF-8 bytes separate words.
std::vector<std::string> Words(std::string_view text);

// The index term of one word (already case-folded) in `language` ("en", "de", …).
std::string IndexTerm(std::string_view word, std::string_view language);

// The index terms of every word of `text`, space-separated: what kb_search stores.
std::string IndexText(std::string_view text, std::string_view language);

// `word` (case-folded) without diacritics: the prefix form of the last word typed.
std::string FoldedWord(std::string_view word);

// Whether `word` (case-folded) is a function word of `language` that carries no meaning on its
// own ("how", "does", "wie", "ich"), left out of queries so questions match on their content.
bool IsStopWord(std::string_view word, std::string_view language);

// Whether libstemmer knows `language`.
bool HasStemmer(std::string_view language);

}  // namespace rapport::helpcenter
