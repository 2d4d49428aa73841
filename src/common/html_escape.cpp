#include "common/html_escape.hpp"

namespace rapport {

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string TextToHtmlParagraphs(std::string_view text) {
  std::string out = "<p>";
  size_t newlines = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    const bool end = i == text.size();
    if (!end && text[i] == '\r') continue;
    if (!end && text[i] == '\n') {
      ++newlines;
      continue;
    }
    if (newlines >= 2) {
      out += "</p>\n<p>";
    } else if (newlines == 1) {
      out += "<br>\n";
    }
    newlines = 0;
    if (!end) out += EscapeHtml(std::string_view(&text[i], 1));
  }
  return out + "</p>";
}

}  // namespace rapport
