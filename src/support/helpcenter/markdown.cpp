#include "support/helpcenter/markdown.hpp"

#include <cmark.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <vector>

namespace rapport::helpcenter {
namespace {

struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct IterDeleter {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};

bool IsBlockForText(cmark_node_type type) {
  return type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
         type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK;
}

// Raw HTML becomes text; unsafe destinations are emptied. Changes are collected first and made
// after the walk, since replacing a node under a live iterator is not allowed.
void Neutralise(cmark_node* document) {
  std::vector<cmark_node*> raw_html;
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document));
  for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter.get());
    const cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
      raw_html.push_back(node);
    } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
      const char* url = cmark_node_get_url(node);
      if (url != nullptr && !IsSafeUrl(url)) cmark_node_set_url(node, "");
    }
  }
  for (cmark_node* node : raw_html) {
    const char* literal = cmark_node_get_literal(node);
    const bool block = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK;
    cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(text, literal != nullptr ? literal : "");
    if (block) {
      // A block cannot hold text directly: wrap it in a paragraph.
      cmark_node* paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
      cmark_node_append_child(paragraph, text);
      cmark_node_replace(node, paragraph);
    } else {
      cmark_node_replace(node, text);
    }
    cmark_node_free(node);
  }
}

std::string PlainText(cmark_node* document) {
  std::string out;
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document));
  for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const cmark_node_type type = cmark_node_get_type(node);
    if (event == CMARK_EVENT_ENTER) {
      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK) {
        const char* literal = cmark_node_get_literal(node);
        if (literal != nullptr) out += literal;
      } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
        out += ' ';
      }
    }
    if ((event == CMARK_EVENT_EXIT && IsBlockForText(type)) ||
        (event == CMARK_EVENT_ENTER && type == CMARK_NODE_CODE_BLOCK)) {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
      if (!out.empty()) out += '\n';
    }
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  std::replace(out.begin(), out.end(), '\r', ' ');
  return out;
}

}  // namespace

bool IsSafeUrl(std::string_view url) {
  // Leading spaces and control characters are ignored by browsers before the scheme.
  size_t start = 0;
  while (start < url.size() && static_cast<unsigned char>(url[start]) <= 0x20) ++start;
  url.remove_prefix(start);
  const size_t colon = url.find(':');
  const size_t delimiter = url.find_first_of("/?#");
  if (colon == std::string_view::npos ||
      (delimiter != std::string_view::npos && delimiter < colon)) {
    return true;  // relative: no scheme
  }
  std::string scheme;
  for (char c : url.substr(0, colon)) {
    // Browsers drop tabs and newlines inside a scheme ("java\tscript:").
    if (c == '\t' || c == '\n' || c == '\r') continue;
    scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

RenderedMarkdown RenderMarkdown(std::string_view markdown) {
  std::unique_ptr<cmark_node, NodeDeleter> document(
      cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_VALIDATE_UTF8));
  if (!document) return {};
  Neutralise(document.get());
  RenderedMarkdown out;
  // CMARK_OPT_SAFE is the default in 0.30 (no CMARK_OPT_UNSAFE): a second guard.
  char* html = cmark_render_html(document.get(), CMARK_OPT_DEFAULT);
  if (html != nullptr) {
    out.html = html;
    free(html);  // allocated by cmark's default allocator (malloc)
  }
  out.text = PlainText(document.get());
  return out;
}

}  // namespace rapport::helpcenter
