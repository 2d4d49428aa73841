#include "transfer/vcard.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <utility>

#include "common/text.hpp"
#include "common/time.hpp"
#include "transfer/csv_reader.hpp"

namespace rapport::transfer {
namespace {

// A hostile file (one endless line, a card of endless lines) fails at these sizes instead of
// exhausting memory; a real card, photo included, is far smaller.
constexpr size_t kMaxLineBytes = size_t{1} << 20;
constexpr size_t kMaxCardBytes = size_t{1} << 20;
// RFC 6350 §3.2: lines SHOULD NOT be longer than 75 octets, not counting the line break.
constexpr size_t kFoldOctets = 75;
// How much of an offending line an error message shows.
constexpr size_t kExcerptBytes = 40;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// vCard TYPE words that name a customer label, in the order they decide: a "work,cell" phone is
// the mobile one. Other words (voice, internet, pref, dom, postal…) say nothing a label would.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kTypeLabels = {{
    {"cell", "mobile"},
    {"mobile", "mobile"},
    {"iphone", "mobile"},
    {"fax", "fax"},
    {"pager", "pager"},
    {"work", "work"},
    {"home", "home"},
    {"other", "other"},
}};

// Windows-1252 0x80-0x9F. The WHATWG Encoding Standard reads ISO-8859-1 this way too: files that
// say Latin-1 hold €, curly quotes and Š there, never the C1 controls Latin-1 puts there.
constexpr std::array<uint16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// ADR components copied as they are: customer key, index in the ADR value.
constexpr std::array<std::pair<std::string_view, size_t>, 3> kAddressFields = {
    {{"city", 3}, {"region", 4}, {"postal_code", 5}}};

using Traits = std::char_traits<char>;

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
std::vector<std::string_view> Split(std::string_view text, char separator, bool quotes = false) {
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

struct Property {
  int64_t line = 0;
  std::string group;                                        // lower-case; empty without one
  std::string name;                                         // upper-case
  std::vector<std::pair<std::string, std::string>> params;  // upper-case name, lower-case value
  std::string value;                                        // as written: still encoded and escaped

  bool Has(std::string_view param, std::string_view value) const {
    return std::find(params.begin(), params.end(),
                     std::pair<std::string, std::string>(param, value)) != params.end();
  }
  std::string First(std::string_view param) const {
    for (const auto& [name, value] : params) {
      if (name == param) return value;
    }
    return {};
  }
};

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

// Collects one card's properties into a customer input; see the header for what goes where.
class CardBuilder {
 public:
  CardBuilder(int64_t line, std::vector<std::string> warnings) {
    card_.line = line;
    card_.warnings = std::move(warnings);
  }

  // Apple's X-ABLabel and X-ABADR describe the other properties of their group, which may come
  // before them, so they are read in a first pass.
  Status AddGroupInfo(const Property& property) {
    if (property.group.empty() || (property.name != "X-ABLABEL" && property.name != "X-ABADR")) {
      return OkStatus();
    }
    RAPPORT_ASSIGN_OR_RETURN(std::string text, DecodeText(property));
    if (property.name == "X-ABLABEL") {
      group_labels_[property.group] = LabelFromApple(Unescape(text));
    }
    if (property.name == "X-ABADR") group_countries_[property.group] = Upper(Trim(text));
    return OkStatus();
  }

  Status Add(const Property& property) {
    static const std::set<std::string> kUsed = {"FN",   "N",   "EMAIL", "TEL", "ADR",
                                                "BDAY", "ORG", "UID",   "NOTE"};
    if (!kUsed.contains(property.name)) return OkStatus();
    RAPPORT_ASSIGN_OR_RETURN(std::string text, DecodeText(property));
    const std::string& name = property.name;
    if (name == "FN") SetOnce("display_name", Trim(Unescape(text)));
    if (name == "N") Name(text);
    if (name == "EMAIL") Email(property, Trim(Unescape(text)));
    if (name == "TEL") Phone(property, Trim(text));
    if (name == "ADR") Address(property, text);
    if (name == "BDAY") Birthday(property, Trim(text));
    if (name == "ORG" && !card_.organization) {
      if (std::string org = Trim(Unescape(SplitUnescaped(text, ';')[0])); !org.empty()) {
        card_.organization = std::move(org);
      }
    }
    if (name == "UID" && !card_.uid && !Trim(text).empty()) card_.uid = Trim(Unescape(text));
    if (name == "NOTE" && !Trim(text).empty()) {
      Warn(property.line, "NOTE has no customer field to go to; left out");
    }
    return OkStatus();
  }

  VcardCard Finish() && {
    MarkPrimary(emails_, email_preferences_);
    MarkPrimary(phones_, phone_preferences_);
    if (!emails_.empty()) card_.customer["emails"] = std::move(emails_);
    if (!phones_.empty()) card_.customer["phones"] = std::move(phones_);
    if (!addresses_.empty()) card_.customer["addresses"] = std::move(addresses_);
    return std::move(card_);
  }

 private:
  void Warn(int64_t line, const std::string& message) {
    card_.warnings.push_back("line " + std::to_string(line) + ": " + message);
  }

  void SetOnce(std::string_view key, const std::string& value) {
    if (!value.empty() && !card_.customer.contains(key)) card_.customer[key] = value;
  }

  std::optional<std::string> LabelOf(const Property& property) const {
    if (auto it = group_labels_.find(property.group);
        !property.group.empty() && it != group_labels_.end() && !it->second.empty()) {
      return it->second;
    }
    for (const auto& [type, label] : kTypeLabels) {
      if (property.Has("TYPE", type)) return std::string(label);
    }
    return std::nullopt;
  }

  void Name(std::string_view text) {
    if (std::exchange(name_seen_, true)) return;  // a second N would mix two people's names
    const std::vector<std::string_view> parts = SplitUnescaped(text, ';');
    SetOnce("last_name", Trim(Unescape(parts[0])));
    if (parts.size() > 1) SetOnce("first_name", Trim(Unescape(parts[1])));
  }

  void Email(const Property& property, std::string address) {
    if (address.empty() || !email_keys_.insert(ToLowerAscii(address)).second) return;
    json::object email{{"address", std::move(address)}};
    if (auto label = LabelOf(property)) email["label"] = *label;
    emails_.push_back(std::move(email));
    email_preferences_.push_back(PreferenceOf(property));
  }

  void Phone(const Property& property, std::string_view text) {
    std::string number;
    if (property.Has("VALUE", "uri") || StartsWithNoCase(text, "tel:")) {
      if (!StartsWithNoCase(text, "tel:")) {
        return Warn(property.line, "TEL " + Excerpt(text) + " is not a tel: URI; left out");
      }
      std::string_view uri = text.substr(4);
      if (const size_t semicolon = uri.find(';'); semicolon != std::string_view::npos) {
        if (uri.find("ext=", semicolon) != std::string_view::npos) {
          Warn(property.line, "the extension of " + std::string(uri.substr(0, semicolon)) +
                                  " has no place in a customer; left out");
        }
        uri = uri.substr(0, semicolon);
      }
      number = Trim(uri);
    } else {
      number = Trim(Unescape(text));
    }
    if (number.empty() || !phone_keys_.insert(PhoneKey(number)).second) return;
    json::object phone{{"number", std::move(number)}};
    if (auto label = LabelOf(property)) phone["label"] = *label;
    phones_.push_back(std::move(phone));
    phone_preferences_.push_back(PreferenceOf(property));
  }

  // ADR is post office box; extended address; street; locality; region; postal code; country.
  void Address(const Property& property, std::string_view text) {
    std::vector<std::string_view> parts = SplitUnescaped(text, ';');
    parts.resize(7);
    // Street lines: a 4.0 list (unescaped ',') or lines within the component (Apple's "\n").
    std::vector<std::string> lines;
    for (std::string_view piece : SplitUnescaped(parts[2], ',')) {
      const std::string street = Unescape(piece);
      for (std::string_view line : Split(street, '\n')) {
        if (!TrimWhitespace(line).empty()) lines.push_back(Trim(line));
      }
    }
    if (std::string extended = Trim(Unescape(parts[1])); !extended.empty()) {
      lines.push_back(extended);
    }
    if (std::string box = Trim(Unescape(parts[0])); !box.empty()) lines.push_back("PO Box " + box);
    json::object address;
    if (!lines.empty()) address["line1"] = lines[0];
    std::string line2;
    for (size_t i = 1; i < lines.size(); ++i) line2 += (i > 1 ? ", " : "") + lines[i];
    if (!line2.empty()) address["line2"] = line2;
    for (const auto& [key, index] : kAddressFields) {
      if (std::string value = Trim(Unescape(parts[index])); !value.empty()) address[key] = value;
    }
    std::string country = Trim(Unescape(parts[6]));
    if (auto it = group_countries_.find(property.group);
        !property.group.empty() && it != group_countries_.end() && it->second.size() == 2) {
      country = it->second;  // Apple's ISO code beside the country name
    }
    const bool iso = country.size() == 2 && std::isalpha(static_cast<unsigned char>(country[0])) &&
                     std::isalpha(static_cast<unsigned char>(country[1]));
    if (iso) {
      address["country"] = Upper(country);
    } else if (!country.empty()) {
      Warn(property.line, "country \"" + country +
                              "\" is not a two-letter ISO 3166 code; left out of the address");
    }
    if (address.empty()) return;
    if (auto label = LabelOf(property)) address["label"] = *label;
    addresses_.push_back(std::move(address));
  }

  // 19900101, 1990-01-01, 1990-01-01T00:00:00Z; a year is required (customers keep full dates).
  void Birthday(const Property& property, const std::string& value) {
    std::string date = value.substr(0, value.find('T'));
    if (date.size() == 8 &&
        std::all_of(date.begin(), date.end(), [](unsigned char c) { return std::isdigit(c); })) {
      date = date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2);
    }
    // Apple writes a birthday without a year in the year it names here (1604).
    const std::string omitted_year = property.First("X-APPLE-OMIT-YEAR");
    if (value.starts_with("--") || (!omitted_year.empty() && date.starts_with(omitted_year))) {
      return Warn(property.line, "birthday " + Excerpt(value) + " has no year; left out");
    }
    if (!IsValidDate(date)) {
      return Warn(property.line, "birthday " + Excerpt(value) + " is not a date; left out");
    }
    SetOnce("birthday", date);
  }

  static void MarkPrimary(json::array& items, const std::vector<std::optional<int>>& ranks) {
    auto best = ranks.end();
    for (auto it = ranks.begin(); it != ranks.end(); ++it) {
      if (*it && (best == ranks.end() || **it < **best)) best = it;
    }
    if (best != ranks.end())
      items[static_cast<size_t>(best - ranks.begin())].as_object()["primary"] = true;
  }

  VcardCard card_;
  std::map<std::string, std::string> group_labels_;
  std::map<std::string, std::string> group_countries_;
  bool name_seen_ = false;
  json::array emails_, phones_, addresses_;
  std::vector<std::optional<int>> email_preferences_, phone_preferences_;
  std::set<std::string> email_keys_, phone_keys_;
};

}  // namespace

VcardReader::VcardReader(std::istream& in) : in_(in) {}

Error VcardReader::Fail(int64_t line, const std::string& message) {
  failed_ = true;
  return LineError(line, message);
}

Result<std::optional<std::string>> VcardReader::ReadPhysicalLine() {
  std::streambuf& buffer = *in_.rdbuf();
  if (Traits::eq_int_type(buffer.sgetc(), Traits::eof())) return std::optional<std::string>();
  ++line_;
  std::string text;
  while (true) {
    const Traits::int_type c = buffer.sbumpc();
    if (Traits::eq_int_type(c, Traits::eof())) break;
    ++bytes_read_;
    if (c == '\n') break;
    if (c == '\r') {
      if (buffer.sgetc() == '\n') {
        buffer.sbumpc();
        ++bytes_read_;
      }
      break;
    }
    text.push_back(Traits::to_char_type(c));
    if (text.size() > kMaxLineBytes) return Fail(line_, "the line is longer than 1 MiB");
  }
  return std::optional<std::string>(std::move(text));
}

Result<std::optional<std::string>> VcardReader::ReadLogicalLine() {
  RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> line, ReadPhysicalLine());
  if (!line) return line;
  logical_line_ = line_;
  while (true) {
    const Traits::int_type next = in_.rdbuf()->sgetc();
    if (line->ends_with('=') && IsQuotedPrintable(*line)) {
      line->pop_back();  // a soft line break: the value goes on, whatever the next line starts with
    } else if (next == ' ' || next == '\t') {
      // 3.0 and 4.0 fold by inserting CRLF and one white-space character; 2.1 only the CRLF.
      if (version_ != "2.1") {
        in_.rdbuf()->sbumpc();
        ++bytes_read_;
      }
    } else {
      break;
    }
    RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> more, ReadPhysicalLine());
    if (!more) break;
    line->append(*more);
    if (line->size() > kMaxLineBytes) {
      return Fail(logical_line_, "the line is longer than 1 MiB once unfolded");
    }
  }
  return line;
}

Result<std::optional<VcardCard>> VcardReader::Next() {
  if (failed_) return Error::Invalid("file", "the file could not be read past an earlier error");
  std::optional<std::string> line;
  do {
    RAPPORT_ASSIGN_OR_RETURN(line, ReadLogicalLine());
    if (!line) return std::optional<VcardCard>();
    if (!std::exchange(started_, true) && line->starts_with(kByteOrderMark)) line->erase(0, 3);
  } while (TrimWhitespace(*line).empty());
  const int64_t begin = logical_line_;
  const std::optional<Property> first = ParseProperty(*line, begin);
  if (!first || !IsVcardMarker(*first, "BEGIN")) {
    return Fail(begin, "expected BEGIN:VCARD, found \"" + Excerpt(*line) + "\"");
  }
  const std::string card = "the card starting on line " + std::to_string(begin);
  version_.clear();
  std::vector<Property> properties;
  std::vector<std::string> warnings;
  // The card's bytes as in the file, line breaks and folds included.
  const int64_t card_start = bytes_read_ - static_cast<int64_t>(line->size());
  int depth = 1;  // a 2.1 AGENT may hold a whole card, whose lines are not this customer's
  while (depth > 0) {
    RAPPORT_ASSIGN_OR_RETURN(line, ReadLogicalLine());
    if (!line) return Fail(begin, card + " has no END:VCARD");
    if (static_cast<size_t>(bytes_read_ - card_start) > kMaxCardBytes) {
      return Fail(begin, card + " is larger than 1 MiB");
    }
    if (TrimWhitespace(*line).empty()) continue;
    std::optional<Property> property = ParseProperty(*line, logical_line_);
    if (!property) {
      warnings.push_back("line " + std::to_string(logical_line_) + ": \"" + Excerpt(*line) +
                         "\" is not a vCard property; left out");
      continue;
    }
    if (IsVcardMarker(*property, "BEGIN")) ++depth;
    if (IsVcardMarker(*property, "END")) --depth;
    if (depth != 1 || property->name == "BEGIN" || property->name == "END") continue;
    if (property->name == "VERSION") {
      version_ = Trim(property->value);
      if (version_ != "2.1" && version_ != "3.0" && version_ != "4.0") {
        warnings.push_back("line " + std::to_string(logical_line_) + ": VERSION " +
                           Excerpt(version_) + " is unknown; read as 4.0");
      }
    }
    properties.push_back(std::move(*property));
  }
  // The card is complete, so an error in its content fails this card alone.
  CardBuilder builder(begin, std::move(warnings));
  for (const Property& property : properties) {
    RAPPORT_RETURN_IF_ERROR(builder.AddGroupInfo(property));
  }
  for (const Property& property : properties) {
    RAPPORT_RETURN_IF_ERROR(builder.Add(property));
  }
  return std::optional<VcardCard>(std::move(builder).Finish());
}

namespace {

std::string_view Text(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string_view(value->as_string())
                                                : std::string_view();
}

const json::array& Array(const json::object& object, std::string_view key) {
  static const json::array kEmpty;
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_array() ? value->as_array() : kEmpty;
}

std::string EscapeText(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' || text[i] == ',' || text[i] == ';') {
      out += '\\';
      out += text[i];
    } else if (text[i] == '\r' || text[i] == '\n') {
      out += "\\n";
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

// `line` with CRLF, folded (RFC 6350 §3.2) so no physical line passes 75 octets; a continuation
// starts with a space, which counts.
std::string Folded(std::string_view line) {
  std::string out;
  size_t limit = kFoldOctets;
  while (line.size() > limit) {
    size_t cut = limit;
    // Never inside a UTF-8 character: 10xxxxxx bytes continue one.
    while ((static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut)).append("\r\n ");
    line.remove_prefix(cut);
    limit = kFoldOctets - 1;
  }
  return out.append(line).append("\r\n");
}

// The TYPE word for a customer label, when vCard has one.
std::optional<std::string_view> TypeForLabel(std::string_view label, bool phone) {
  if (label == "home" || label == "work") return label;
  if (phone && label == "mobile") return "cell";
  if (phone && (label == "fax" || label == "pager")) return label;
  return std::nullopt;
}

// Writes labelled properties; a label with no TYPE word travels as Apple's X-ABLabel in a group,
// which Apple and Google Contacts and VcardReader read.
class LabelledWriter {
 public:
  std::string Property(std::string_view name, std::string params, std::string_view label,
                       bool phone, std::string_view value) {
    std::string head(name);
    std::string label_line;
    if (auto type = TypeForLabel(label, phone)) {
      params = ";TYPE=" + std::string(*type) + params;
    } else if (!label.empty()) {
      const std::string group = "item" + std::to_string(++groups_);
      head = group + "." + head;
      label_line = Folded(group + ".X-ABLabel:" + EscapeText(label));
    }
    return Folded(head + params + ":" + std::string(value)) + label_line;
  }

 private:
  int groups_ = 0;
};

bool IsPrimary(const json::object& point) {
  const json::value* primary = point.if_contains("primary");
  return primary != nullptr && primary->is_bool() && primary->as_bool();
}

}  // namespace

std::string FormatVcard(const json::object& customer,
                        const std::optional<std::string>& organization) {
  std::string out = Folded("BEGIN:VCARD") + Folded("VERSION:4.0");
  out += Folded("FN:" + EscapeText(Text(customer, "display_name")));
  const std::string_view first = Text(customer, "first_name");
  const std::string_view last = Text(customer, "last_name");
  if (!first.empty() || !last.empty()) {
    out += Folded("N:" + EscapeText(last) + ";" + EscapeText(first) + ";;;");
  }
  LabelledWriter writer;
  for (const json::value& item : Array(customer, "emails")) {
    if (!item.is_object() || Text(item.as_object(), "address").empty()) continue;
    const json::object& email = item.as_object();
    out += writer.Property("EMAIL", IsPrimary(email) ? ";PREF=1" : "", Text(email, "label"), false,
                           EscapeText(Text(email, "address")));
  }
  for (const json::value& item : Array(customer, "phones")) {
    if (!item.is_object() || Text(item.as_object(), "number").empty()) continue;
    const json::object& phone = item.as_object();
    out += writer.Property("TEL", IsPrimary(phone) ? ";VALUE=uri;PREF=1" : ";VALUE=uri",
                           Text(phone, "label"), true, "tel:" + std::string(Text(phone, "number")));
  }
  for (const json::value& item : Array(customer, "addresses")) {
    if (!item.is_object()) continue;
    const json::object& address = item.as_object();
    // Post office box and extended address stay empty (RFC 6350 §6.3.1); line2 is a second
    // street line.
    std::string street = EscapeText(Text(address, "line1"));
    if (!Text(address, "line2").empty()) street += "\\n" + EscapeText(Text(address, "line2"));
    out += writer.Property("ADR", "", Text(address, "label"), false,
                           ";;" + street + ";" + EscapeText(Text(address, "city")) + ";" +
                               EscapeText(Text(address, "region")) + ";" +
                               EscapeText(Text(address, "postal_code")) + ";" +
                               EscapeText(Text(address, "country")));
  }
  if (const std::string_view birthday = Text(customer, "birthday"); IsValidDate(birthday)) {
    std::string basic(birthday);
    std::erase(basic, '-');
    out += Folded("BDAY:" + basic);
  }
  if (organization && !organization->empty()) out += Folded("ORG:" + EscapeText(*organization));
  if (const std::string_view id = Text(customer, "id"); !id.empty()) {
    out += Folded("UID:urn:rapport:" + EscapeText(id));
  }
  // REV in the basic format, to the second: 2026-11-25T14:35:43.123Z -> 20261125T143543Z.
  if (std::optional<std::string> rev = NormalizeInstant(Text(customer, "updated_at"))) {
    rev->erase(rev->find('.'), 4);
    std::erase(*rev, '-');
    std::erase(*rev, ':');
    out += Folded("REV:" + *rev);
  }
  return out + Folded("END:VCARD");
}

}  // namespace rapport::transfer
