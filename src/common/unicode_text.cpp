#include "common/unicode_text.hpp"

#include <unicode/uchar.h>
#include <unicode/uidna.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <vector>

namespace rapport {
namespace {

// Longest domain name (RFC 1035), with room for the IDNA expansion of a Unicode name.
constexpr int32_t kMaxDomainBuffer = 1024;

std::optional<std::u16string> ToUtf16(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strFromUTF8(nullptr, 0, &length, text.data(), static_cast<int32_t>(text.size()), &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return std::nullopt;
  std::u16string out(static_cast<size_t>(length), u'\0');
  status = U_ZERO_ERROR;
  u_strFromUTF8(out.data(), length, nullptr, text.data(), static_cast<int32_t>(text.size()),
                &status);
  if (U_FAILURE(status)) return std::nullopt;
  return out;
}

std::string ToUtf8(const std::u16string& text) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;
  u_strToUTF8(nullptr, 0, &length, text.data(), static_cast<int32_t>(text.size()), &status);
  std::string out(static_cast<size_t>(length), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8(out.data(), length, nullptr, text.data(), static_cast<int32_t>(text.size()), &status);
  return out;
}

// Calls `visit(code_point)` for each character; false when `text` is not valid UTF-8.
template <typename Visit>
bool ForEachCodePoint(std::string_view text, Visit visit) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
    if (!visit(c)) return true;
  }
  return true;
}

bool IsControl(UChar32 c) {
  const int8_t type = u_charType(c);
  return type == U_CONTROL_CHAR || type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR;
}

const UIDNA* Uts46() {
  // Non-transitional (ß and ς stay themselves, as browsers do since IDNA 2008), with the bidi
  // and joiner checks a registry applies.
  static const UIDNA* const idna = [] {
    UErrorCode status = U_ZERO_ERROR;
    return uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_CHECK_BIDI |
                               UIDNA_CHECK_CONTEXTJ | UIDNA_USE_STD3_RULES,
                           &status);
  }();
  return idna;
}

}  // namespace

std::string_view Utf8Prefix(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  // Back up over continuation bytes to the lead byte of the character the cut falls in, and
  // drop that character too.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

size_t CharacterCount(std::string_view text) {
  size_t count = 0;
  ForEachCodePoint(text, [&](UChar32) { return ++count, true; });
  return count;
}

std::string_view TrimUnicodeWhitespace(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  auto length = static_cast<int32_t>(text.size());
  int32_t start = 0;
  while (start < length) {
    int32_t next = start;
    UChar32 c = 0;
    U8_NEXT(bytes, next, length, c);
    if (c < 0 || !u_isUWhiteSpace(c)) break;
    start = next;
  }
  while (length > start) {
    int32_t previous = length;
    UChar32 c = 0;
    U8_PREV(bytes, start, previous, c);
    if (c < 0 || !u_isUWhiteSpace(c)) break;
    length = previous;
  }
  return text.substr(static_cast<size_t>(start), static_cast<size_t>(length - start));
}

std::optional<std::string> ToNfc(std::string_view text) {
  auto utf16 = ToUtf16(text);
  if (!utf16) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfc = unorm2_getNFCInstance(&status);
  if (U_FAILURE(status)) return std::nullopt;
  if (unorm2_isNormalized(nfc, utf16->data(), static_cast<int32_t>(utf16->size()), &status) &&
      U_SUCCESS(status)) {
    return std::string(text);
  }
  status = U_ZERO_ERROR;
  const int32_t length = unorm2_normalize(nfc, utf16->data(), static_cast<int32_t>(utf16->size()),
                                          nullptr, 0, &status);
  std::u16string out(static_cast<size_t>(length), u'\0');
  status = U_ZERO_ERROR;
  unorm2_normalize(nfc, utf16->data(), static_cast<int32_t>(utf16->size()), out.data(), length,
                   &status);
  if (U_FAILURE(status)) return std::nullopt;
  return ToUtf8(out);
}

CleanedText CleanText(std::string_view text, size_t max_characters, TextKind kind) {
  auto normalized = ToNfc(TrimUnicodeWhitespace(text));
  if (!normalized) return {{}, "must be valid UTF-8 text"};
  bool has_control = false;
  ForEachCodePoint(*normalized, [&](UChar32 c) {
    const bool allowed = kind == TextKind::kMultiLine && (c == '\n' || c == '\r' || c == '\t');
    has_control = IsControl(c) && !allowed;
    return !has_control;
  });
  if (has_control) {
    return {{},
            kind == TextKind::kSingleLine
                ? "must be one line without control characters (no line breaks, tabs or NUL)"
                : "must not contain control characters such as NUL (line breaks and tabs are "
                  "fine)"};
  }
  if (CharacterCount(*normalized) > max_characters) {
    return {{}, "is longer than " + std::to_string(max_characters) + " characters"};
  }
  return {std::move(*normalized), {}};
}

bool HasInvisibleOrSpace(std::string_view text) {
  bool found = false;
  const bool valid = ForEachCodePoint(text, [&](UChar32 c) {
    found = IsControl(c) || u_charType(c) == U_FORMAT_CHAR || u_isUWhiteSpace(c) ||
            u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
    return !found;
  });
  return found || !valid;
}

std::string FoldCase(std::string_view text) {
  auto utf16 = ToUtf16(text);
  if (!utf16) return std::string(text);
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length = u_strFoldCase(
      nullptr, 0, utf16->data(), static_cast<int32_t>(utf16->size()), U_FOLD_CASE_DEFAULT, &status);
  std::u16string out(static_cast<size_t>(length), u'\0');
  status = U_ZERO_ERROR;
  u_strFoldCase(out.data(), length, utf16->data(), static_cast<int32_t>(utf16->size()),
                U_FOLD_CASE_DEFAULT, &status);
  if (U_FAILURE(status)) return std::string(text);
  return ToUtf8(out);
}

std::optional<std::string> DomainToAscii(std::string_view domain) {
  if (Uts46() == nullptr || domain.empty() || domain.size() > kMaxDomainBuffer) return std::nullopt;
  std::vector<char> out(kMaxDomainBuffer);
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length =
      uidna_nameToASCII_UTF8(Uts46(), domain.data(), static_cast<int32_t>(domain.size()),
                             out.data(), kMaxDomainBuffer, &info, &status);
  if (U_FAILURE(status) || info.errors != 0 || length <= 0) return std::nullopt;
  return std::string(out.data(), static_cast<size_t>(length));
}

std::string EmailKey(std::string_view address) {
  const size_t at = address.rfind('@');
  if (at == std::string_view::npos) return FoldCase(address);
  const std::string_view domain = address.substr(at + 1);
  return FoldCase(address.substr(0, at)) + "@" + DomainToAscii(domain).value_or(FoldCase(domain));
}

}  // namespace rapport
