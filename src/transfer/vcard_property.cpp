#include "transfer/vcard_property.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "common/text.hpp"
#include "transfer/csv_reader.hpp"

namespace rapport::transfer::vcard_detail {
namespace {

// Windows-1252 0x80-0x9F. The WHATWG Encoding Standard reads ISO-8859-1 this way too: files that
// say Latin-1 hold €, curly quotes and Š there, never the C1 controls Latin-1 puts there.
constexpr std::array<uint16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

}  // namespace

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Trim(std::string_view text) { return std::string(TrimWhitespace(text)); }

Error LineError(int64_t line, const std::string& message) {
  return Error::Invalid("line " + std::to_string(line),
                        "line " + std::to_string(line) + ": " + message);
}

// The start of `line` for a message, with bytes that might not print replaced.
std::string Excerpt(std::string_view line) {
  std::string out(line.substr(0, kExcerptBytes));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) c = '?';
  }
  return line.size() > kExcerptBytes ? out + "…" : out;
}

// Splits at `separator`, outside double quotes when `quotes` (parameter values may be quoted).
std::vector<std::string_view> Split(std::string_view text, char separator, bool quotes) {
  std::vector<std::string_view> parts;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (quotes && text[i] == '"') quoted = !quoted;
    if (text[i] == separator && !quoted) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

// Splits at `separator` where no backslash escapes it; the parts keep their escapes.
std::vector<std::string_view> SplitUnescaped(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(std::min(start, text.size())));
  return parts;
}

// Undoes 3.0/4.0 escaping: \n and \N are line breaks, \, \; \\ the character. A backslash before
// anything else is kept, since 2.1 has no such escapes and a lone '\' there is text.
std::string Unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (text[i] != '\\' || std::string_view(",;\\nN").find(next) == std::string_view::npos) {
      out.push_back(text[i]);
      continue;
    }
    out.push_back(next == 'n' || next == 'N' ? '\n' : next);
    ++i;
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Soft line breaks were joined while reading, so only =XX remains.
std::string DecodeQuotedPrintable(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '=' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
        HexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string Windows1252ToUtf8(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const uint32_t code = byte >= 0x80 && byte < 0xA0 ? kWindows1252High[byte - 0x80] : byte;
    if (code < 0x80) {
      out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (code >> 6)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xE0 | (code >> 12)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }
  return out;
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && ToLowerAscii(text.substr(0, prefix.size())) == prefix;
}

// True when the name and parameters of `line` (before its first ':') ask for QUOTED-PRINTABLE,
// whose '=' at the end of a line joins the next one.
bool IsQuotedPrintable(std::string_view line) {
  return Upper(line.substr(0, line.find(':'))).find("QUOTED-PRINTABLE") != std::string::npos;
}

bool Property::Has(std::string_view param, std::string_view value) const {
  return std::find(params.begin(), params.end(),
                   std::pair<std::string, std::string>(param, value)) != params.end();
}

std::string Property::First(std::string_view param) const {
  for (const auto& [name, value] : params) {
    if (name == param) return value;
  }
  return {};
}

// "group.NAME;PARAM=a,b;WORD:value"; nullopt when the line has no ':' or no name.
std::optional<Property> ParseProperty(std::string_view line, int64_t number) {
  bool quoted = false;
  size_t colon = std::string_view::npos;
  for (size_t i = 0; i < line.size() && colon == std::string_view::npos; ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (line[i] == ':' && !quoted) colon = i;
  }
  if (colon == std::string_view::npos) return std::nullopt;
  Property property{.line = number, .value = std::string(line.substr(colon + 1))};
  const std::vector<std::string_view> head = Split(line.substr(0, colon), ';', true);
  std::string_view name = TrimWhitespace(head[0]);
  if (const size_t dot = name.rfind('.'); dot != std::string_view::npos) {
    property.group = ToLowerAscii(name.substr(0, dot));
    name.remove_prefix(dot + 1);
  }
  if (name.empty()) return std::nullopt;
  property.name = Upper(name);
  for (size_t i = 1; i < head.size(); ++i) {
    std::string param = Trim(head[i]);
    // Quotes only protect the list: TYPE="home,voice" is two types, as TYPE=home,voice is.
    std::erase(param, '"');
    const size_t equals = param.find('=');
    std::string key = Upper(param.substr(0, equals));
    const std::string_view values =
        std::string_view(param).substr(equals == std::string::npos ? 0 : equals + 1);
    if (equals == std::string::npos) {
      // 2.1 names the value alone: "TEL;HOME;VOICE", "NOTE;QUOTED-PRINTABLE".
      const bool encoding =
          key == "QUOTED-PRINTABLE" || key == "BASE64" || key == "8BIT" || key == "7BIT";
      key = encoding ? "ENCODING" : "TYPE";
    }
    for (std::string_view value : Split(values, ',')) {
      value = TrimWhitespace(value);
      if (!value.empty()) property.params.emplace_back(key, ToLowerAscii(value));
    }
  }
  return property;
}

bool IsVcardMarker(const Property& property, std::string_view name) {
  return property.name == name && ToLowerAscii(TrimWhitespace(property.value)) == "vcard";
}

// The value as UTF-8 text, still escaped: quoted-printable and the charset undone.
Result<std::string> DecodeText(const Property& property) {
  std::string text = property.value;
  const std::string encoding = property.First("ENCODING");
  if (encoding == "quoted-printable") {
    text = DecodeQuotedPrintable(text);
  } else if (encoding == "b" || encoding == "base64") {
    return LineError(property.line,
                     property.name + " is base64-encoded, as only a PHOTO or LOGO may be");
  }
  const std::string charset = property.First("CHARSET");
  if (charset == "iso-8859-1" || charset == "latin1" || charset == "windows-1252" ||
      charset == "cp1252") {
    text = Windows1252ToUtf8(text);
  } else if (!charset.empty() && charset != "utf-8" && charset != "us-ascii") {
    return LineError(property.line, "CHARSET=" + charset +
                                        " is not supported (UTF-8, ISO-8859-1 and Windows-1252 "
                                        "are); export the contacts as UTF-8");
  }
  if (!IsValidUtf8(text)) {
    return LineError(property.line, property.name +
                                        " is not valid UTF-8; export the contacts as UTF-8 or "
                                        "give the CHARSET");
  }
  // Quoted-printable carries the writer's CRLF; customers keep '\n' alone.
  for (size_t at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", at)) {
    text.erase(at, 1);
  }
  return text;
}

// RFC 6350 PREF=1 is the most preferred (1 to 100); 2.1 and 3.0 say TYPE=pref instead.
std::optional<int> PreferenceOf(const Property& property) {
  const std::string pref = property.First("PREF");
  int rank = 0;
  if (!pref.empty() &&
      std::from_chars(pref.data(), pref.data() + pref.size(), rank).ec == std::errc()) {
    return rank;
  }
  if (property.Has("TYPE", "pref")) return 1;
  return std::nullopt;
}

// The customer label for Apple's X-ABLabel: its "_$!<Mobile>!$_" words become our labels, and a
// label the user typed is kept as written.
std::string LabelFromApple(std::string_view text) {
  if (!text.starts_with("_$!<") || !text.ends_with(">!$_")) return Trim(text);
  const std::string word = ToLowerAscii(text.substr(4, text.size() - 8));
  for (const auto& [type, label] : kTypeLabels) {
    if (word == type) return std::string(label);
  }
  return word.find("fax") != std::string::npos ? "fax" : word;  // HomeFAX, WorkFAX
}

// Two spellings of one number ("+49 30 123", "0049-30-123") would be refused as listed twice.
std::string PhoneKey(std::string_view number) {
  std::string digits;
  for (const char c : number) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  if (number.starts_with('+')) return digits;
  if (digits.starts_with("00")) return digits.substr(2);
  return "national " + digits;
}

}  // namespace rapport::transfer::vcard_detail
