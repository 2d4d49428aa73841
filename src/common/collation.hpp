// Collation: how names sort and how text matches for people, through ICU (docs/design/unicode.md).
//
// CollationKey gives the ICU sort key of a text for the instance's collation locale, as lowercase
// hex so it compares bytewise as TEXT (SQLite's BINARY collation, keyset cursors in JSON) in the
// collator's order: "Łukasz" sorts with L (before "Zeller"), "Ärger" with A, "émile" with E.
// SearchFold gives the matching form of a text: accents removed, Unicode full case folding, NFC,
// so "Müller", "MULLER" and "muller" all fold to "muller", and "Straße" to "strasse".
//
// The locale is process-wide: the database sets it when it opens (storage/collation_sync.hpp),
// from the locale its stored keys were made with, so every process writing one database makes the
// same keys. Thread-safe: each thread uses its own clone of the collator (ICU collators are not
// safe to share), refreshed when the locale changes.
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace rapport {

// The root collation ("und"): Unicode's default order (DUCET), right for most Latin, Greek and
// Cyrillic names.
inline constexpr std::string_view kRootCollationLocale = "und";

// `locale` is a BCP 47 tag ("und", "de", "sv", "de-u-co-phonebk"); kInvalidArgument (field
// "collation_locale") when ICU cannot read it.
Status SetCollationLocale(std::string_view locale);
std::string CollationLocale();

// Hex of the ICU sort key (tertiary strength) of `text`; "" for "" and for invalid UTF-8.
std::string CollationKey(std::string_view text);

// `text` without accents (combining marks after canonical decomposition), case-folded, in NFC.
// ASCII text takes a fast path (lower-casing) with the same result.
std::string SearchFold(std::string_view text);

}  // namespace rapport
