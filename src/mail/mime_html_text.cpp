// HtmlToText (declared in mime_text.hpp): a single forward pass over the HTML, no DOM. Unclosed
// tags, comments and scripts run to the end of the input, so nothing hidden leaks out as text.
#include <glib.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "mail/mime_text.hpp"

namespace rapport::mail {
namespace {

// Elements whose content is never text a reader sees.
constexpr std::string_view kHiddenElements[] = {"script", "style",    "head",
                                                "title",  "noscript", "template"};
// Elements set off by a blank line, and elements that only start a new line.
constexpr std::string_view kParagraphElements[] = {"p",  "h1", "h2", "h3",         "h4",  "h5",
                                                   "h6", "ul", "ol", "blockquote", "pre", "hr"};
constexpr std::string_view kLineElements[] = {"div",     "tr",      "table",  "address",
                                              "section", "article", "header", "footer"};
// Breaks in the raw text before Tidy: a hard one (<br>) always counts, a paragraph wants a blank
// line; a soft one (a div's edge) is added only when the text does not already end a line.
// Whitespace from the HTML source is a space, so these characters come only from tags.
constexpr char kLineBreak = '\n';
constexpr char kParagraphBreak = '\v';
// Named entities worth knowing; the rest are rare in mail and stay as written.
constexpr std::pair<std::string_view, gunichar> kEntities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", ' '},     {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122}, {"hellip", 0x2026},
    {"mdash", 0x2014}, {"ndash", 0x2013}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"euro", 0x20AC},  {"laquo", 0xAB},   {"raquo", 0xBB},   {"bull", 0x2022},
    {"middot", 0xB7},  {"eacute", 0xE9},  {"egrave", 0xE8},  {"agrave", 0xE0},  {"uuml", 0xFC},
    {"ouml", 0xF6},    {"auml", 0xE4},    {"szlig", 0xDF}};
constexpr size_t kMaxEntityLength = 10;

bool Contains(const auto& list, std::string_view name) {
  for (std::string_view item : list) {
    if (item == name) return true;
  }
  return false;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && g_ascii_strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// Position after the first case-insensitive `needle` at or after `from`; npos when absent.
size_t FindEndOf(std::string_view text, std::string_view needle, size_t from) {
  for (size_t i = from; i + needle.size() <= text.size(); ++i) {
    if (EqualsIgnoreCase(text.substr(i, needle.size()), needle)) return i + needle.size();
  }
  return std::string_view::npos;
}

// The '>' closing a tag that starts at `from`, skipping quoted attribute values.
size_t TagEnd(std::string_view html, size_t from) {
  char quote = 0;
  for (size_t i = from; i < html.size(); ++i) {
    const char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return std::string_view::npos;
}

void AppendCodePoint(std::string& out, gunichar cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  char buffer[6];
  out.append(buffer, static_cast<size_t>(g_unichar_to_utf8(cp, buffer)));
}

// Decodes the entity at html[pos] == '&' into `out`; returns the position after it (pos + 1
// and a literal '&' when it is not one).
size_t DecodeEntity(std::string_view html, size_t pos, std::string& out) {
  const size_t semicolon = html.find(';', pos);
  if (semicolon == std::string_view::npos || semicolon - pos - 1 > kMaxEntityLength ||
      semicolon == pos + 1) {
    out += '&';
    return pos + 1;
  }
  const std::string name(html.substr(pos + 1, semicolon - pos - 1));
  if (name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string digits = name.substr(hex ? 2 : 1);
    char* end = nullptr;
    const guint64 value = g_ascii_strtoull(digits.c_str(), &end, hex ? 16 : 10);
    if (digits.empty() || *end != '\0') {
      out += '&';
      return pos + 1;
    }
    AppendCodePoint(out, value > 0x10FFFF ? 0xFFFD : static_cast<gunichar>(value));
    return semicolon + 1;
  }
  for (const auto& [entity, cp] : kEntities) {
    if (entity == name) {
      AppendCodePoint(out, cp);
      return semicolon + 1;
    }
  }
  out += '&';
  return pos + 1;
}

void SoftBreak(std::string& raw) {
  const size_t last = raw.find_last_not_of(' ');
  if (last != std::string::npos && raw[last] != kLineBreak && raw[last] != kParagraphBreak) {
    raw += kLineBreak;
  }
}

// Collapses spaces, trims lines, turns each run of breaks into one line end or one blank line.
std::string Tidy(std::string_view raw) {
  std::string out;
  size_t newlines = 0;
  bool pending_space = false;
  for (const char c : raw) {
    if (c == kLineBreak || c == kParagraphBreak) {
      pending_space = false;
      newlines =
          std::max<size_t>(newlines + (c == kLineBreak ? 1 : 0), c == kParagraphBreak ? 2 : 1);
    } else if (c == ' ') {
      pending_space = true;
    } else {
      if (!out.empty()) {
        if (newlines > 0) {
          out.append(std::min<size_t>(newlines, 2), '\n');
        } else if (pending_space) {
          out += ' ';
        }
      }
      newlines = 0;
      pending_space = false;
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  std::string raw;
  raw.reserve(html.size() / 2);
  size_t pos = 0;
  while (pos < html.size()) {
    const char c = html[pos];
    if (c == '&') {
      pos = DecodeEntity(html, pos, raw);
      continue;
    }
    const bool tag_start = c == '<' && pos + 1 < html.size() &&
                           (g_ascii_isalpha(html[pos + 1]) || html[pos + 1] == '/' ||
                            html[pos + 1] == '!' || html[pos + 1] == '?');
    if (!tag_start) {
      raw += g_ascii_isspace(c) ? ' ' : c;
      ++pos;
      continue;
    }
    if (html.substr(pos, 4) == "<!--") {
      pos = FindEndOf(html, "-->", pos + 4);
      if (pos == std::string_view::npos) break;
      continue;
    }
    const size_t end = TagEnd(html, pos + 1);
    if (end == std::string_view::npos) break;
    const bool closing = html[pos + 1] == '/';
    const size_t name_start = pos + (closing ? 2 : 1);
    size_t name_end = name_start;
    while (name_end < end && g_ascii_isalnum(html[name_end])) ++name_end;
    std::string name;
    for (size_t i = name_start; i < name_end; ++i) name += g_ascii_tolower(html[i]);
    pos = end + 1;
    if (!closing && Contains(kHiddenElements, name)) {
      const size_t close = FindEndOf(html, "</" + name, pos);
      if (close == std::string_view::npos) break;
      pos = TagEnd(html, close);
      if (pos == std::string_view::npos) break;
      ++pos;
    } else if (name == "br") {
      raw += kLineBreak;
    } else if (name == "li") {
      SoftBreak(raw);
      if (!closing) raw += "- ";
    } else if (name == "td" || name == "th") {
      raw += ' ';
    } else if (Contains(kParagraphElements, name)) {
      raw += kParagraphBreak;
    } else if (Contains(kLineElements, name)) {
      SoftBreak(raw);
    }
  }
  return Tidy(MakeValidUtf8(raw));
}

}  // namespace rapport::mail
