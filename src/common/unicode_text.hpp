// Unicode rules for text that people type: Normalization Form C, lengths counted in characters
// (code points, never bytes), control and invisible characters, and the ICU pieces e-mail
// addresses need (case folding, IDNA). Every area's validation uses these, so "500 characters"
// and "no line breaks in a name" mean the same thing on every entry (API, batch, import).
//
// Backed by ICU (unorm2, u_charType, uidna UTS #46). Pure functions; thread-safe (the ICU
// normaliser and the UTS #46 object are immutable singletons).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rapport {

// Whether a field is one line (names, titles: no control character at all) or free text
// (notes, bodies: line breaks and tabs allowed, other control characters such as NUL refused).
enum class TextKind { kSingleLine, kMultiLine };

// At most the first `max_bytes` of `text`, never ending inside a UTF-8 character: what a bounded
// reader of free text (sentiment, the chatbot) looks at.
std::string_view Utf8Prefix(std::string_view text, size_t max_bytes);

// Characters (Unicode code points) in `text`; `text` must be valid UTF-8.
size_t CharacterCount(std::string_view text);

// `text` without leading and trailing Unicode white space (ASCII spaces, NBSP, ideographic
// space, line separators …).
std::string_view TrimUnicodeWhitespace(std::string_view text);

// `text` in Normalization Form C; nullopt when it is not valid UTF-8.
std::optional<std::string> ToNfc(std::string_view text);

// The outcome of CleanText: the trimmed NFC text, or why the input is refused ("is longer than
// 500 characters", "must not contain control characters such as line breaks or NUL").
struct CleanedText {
  std::string text;
  std::string problem;  // empty when `text` is good
};
// Trims, normalises to NFC, then checks characters and length (counted after NFC, so 500 × "ü"
// fits in 500 whether it arrived composed or decomposed).
CleanedText CleanText(std::string_view text, size_t max_characters, TextKind kind);

// True when `text` holds a character that is not seen when printed: format characters (zero
// width space and joiners, BOM, soft hyphen), other default-ignorable code points, controls, and
// any white space. Used for identifiers such as e-mail addresses, where an invisible character
// would make two keys for one mailbox.
bool HasInvisibleOrSpace(std::string_view text);

// Unicode default case folding (for case-insensitive keys); `text` must be valid UTF-8.
std::string FoldCase(std::string_view text);

// IDNA (UTS #46, non-transitional) ToASCII: "MÜLLER.de" and "xn--mller-kva.de" both give
// "xn--mller-kva.de". nullopt when `domain` is not a valid domain name.
std::optional<std::string> DomainToAscii(std::string_view domain);

// The case-insensitive uniqueness key of an e-mail address, for customers' addresses and staff
// accounts alike: the Unicode case-folded local part, '@', the ASCII (punycode) domain. Equal for
// "Anna@MÜLLER.DE", "anna@müller.de" (composed or decomposed) and "anna@xn--mller-kva.de", and for
// "STRASSE@x.de" and "straße@x.de" (full folding maps ß to ss).
std::string EmailKey(std::string_view address);

}  // namespace rapport
