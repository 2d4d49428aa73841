#include "mail/mime_text.hpp"

#include <glib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

namespace rapport::mail {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Windows-1252's 0x80-0x9F; 0 where the code page leaves a byte undefined (read as Latin-1's C1
// control, which SafeFilename and the text rules drop later).
constexpr std::array<uint16_t, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void AppendUtf8(std::string& out, uint32_t cp) {
  char buffer[6];
  out.append(buffer, static_cast<size_t>(g_unichar_to_utf8(cp, buffer)));
}

std::string FromWindows1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char byte : bytes) {
    uint32_t cp = byte;
    if (byte >= 0x80 && byte < 0xA0 && kCp1252High[byte - 0x80] != 0) {
      cp = kCp1252High[byte - 0x80];
    }
    AppendUtf8(out, cp);
  }
  return out;
}

// Decodes one UTF-8 sequence at `pos`; nullopt (and one byte consumed) when it is invalid.
std::optional<uint32_t> NextCodePoint(std::string_view text, size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  size_t length = lead < 0x80           ? 1
                  : (lead >> 5) == 0x6  ? 2
                  : (lead >> 4) == 0xE  ? 3
                  : (lead >> 3) == 0x1E ? 4
                                        : 0;
  if (length == 0 || pos + length > text.size()) {
    ++pos;
    return std::nullopt;
  }
  uint32_t cp = length == 1 ? lead : lead & (0x7F >> length);
  for (size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[pos + i]);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return std::nullopt;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinimum[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return std::nullopt;
  }
  pos += length;
  return cp;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(g_ascii_tolower(c)); });
  return out;
}

bool IsLatin1Label(std::string_view charset) {
  static constexpr std::string_view kLabels[] = {
      "",        "us-ascii", "ascii", "iso-8859-1",   "iso8859-1", "iso_8859-1", "latin1",
      "latin-1", "l1",       "cp819", "windows-1252", "cp1252",    "x-cp1252",   "ansi_x3.4-1968"};
  return std::find(std::begin(kLabels), std::end(kLabels), charset) != std::end(kLabels);
}

}  // namespace

std::string MakeValidUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t pos = 0;
  while (pos < bytes.size()) {
    const size_t start = pos;
    if (NextCodePoint(bytes, pos)) {
      out.append(bytes.substr(start, pos - start));
    } else {
      out += kReplacement;
    }
  }
  return out;
}

std::string ToUtf8(std::string_view bytes, std::string_view charset) {
  const std::string label = Lower(charset);
  if (IsLatin1Label(label)) return FromWindows1252(bytes);
  if (label == "utf-8" || label == "utf8") return MakeValidUtf8(bytes);
  gsize written = 0;
  GError* error = nullptr;
  char* converted = g_convert(bytes.data(), static_cast<gssize>(bytes.size()), "UTF-8",
                              label.c_str(), nullptr, &written, &error);
  if (converted == nullptr) {
    g_clear_error(&error);
    return FromWindows1252(bytes);
  }
  std::string out = MakeValidUtf8(std::string_view(converted, written));
  g_free(converted);
  return out;
}

std::string NormalizeLineEnds(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out += text[i];
    } else if (i + 1 >= text.size() || text[i + 1] != '\n') {
      out += '\n';
    }
  }
  return out;
}

std::string SafeFilename(std::string_view declared) {
  const std::string valid = MakeValidUtf8(declared);
  std::string_view base = valid;
  if (const size_t slash = base.find_last_of("/\\"); slash != std::string_view::npos) {
    base.remove_prefix(slash + 1);
  }
  std::string name;
  size_t pos = 0;
  while (pos < base.size()) {
    const size_t start = pos;
    const uint32_t cp = NextCodePoint(base, pos).value_or(0xFFFD);
    const bool control = cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
    const bool bidi_or_invisible = cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
                                   (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
    if (control || bidi_or_invisible) continue;
    if (std::string_view("<>:\"|?*").find(static_cast<char>(cp)) != std::string_view::npos &&
        cp < 0x80) {
      name += '_';
      continue;
    }
    name.append(base.substr(start, pos - start));
  }
  const size_t first = name.find_first_not_of(" .\t");
  const size_t last = name.find_last_not_of(" .\t");
  name = first == std::string::npos ? std::string() : name.substr(first, last - first + 1);
  if (name.empty()) return std::string(kDefaultFilename);
  if (name.size() <= kMaxFilenameBytes) return name;

  // Keep a short extension; cut the stem on a character boundary.
  constexpr size_t kMaxExtensionBytes = 16;
  std::string extension;
  if (const size_t dot = name.rfind('.');
      dot != std::string::npos && dot > 0 && name.size() - dot <= kMaxExtensionBytes) {
    extension = name.substr(dot);
  }
  size_t cut = kMaxFilenameBytes - extension.size();
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return name.substr(0, cut) + extension;
}

}  // namespace rapport::mail
