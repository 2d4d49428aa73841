#include "support/helpcenter/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace rapport::helpcenter {
namespace {

struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct IterDeleter {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};

// GitHub's extensions the help center's articles use: tables, ~~strikethrough~~ and bare links
// (www.… and https://…, checked like every other link). Registration is process-wide and not
// thread-safe in libcmark-gfm: once.
constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink"};

void RegisterExtensions() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

std::string_view TypeName(cmark_node* node) {
  const char* name = cmark_node_get_type_string(node);
  return name != nullptr ? name : "";
}

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

// One line per block of text. A block whose text is mostly link text ("Where to go next: Returns
// policy · Damaged item") is navigation, not content: it is left out, so it neither ranks the
// article for the words of the articles it points to nor becomes a search passage.
std::string PlainText(cmark_node* document) {
  std::string out;
  std::string block;
  size_t link_bytes = 0;
  int in_link = 0;
  auto flush = [&] {
    while (!block.empty() && (block.back() == ' ' || block.back() == '\n')) block.pop_back();
    size_t first = 0;
    while (first < block.size() && (block[first] == ' ' || block[first] == '\n')) ++first;
    block.erase(0, first);
    if (!block.empty() && link_bytes * 2 <= block.size()) out += block + '\n';
    block.clear();
    link_bytes = 0;
  };
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document));
  for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const cmark_node_type type = cmark_node_get_type(node);
    const std::string_view name = TypeName(node);
    if (type == CMARK_NODE_LINK) in_link += event == CMARK_EVENT_ENTER ? 1 : -1;
    if (event == CMARK_EVENT_ENTER) {
      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK) {
        const char* literal = cmark_node_get_literal(node);
        const std::string_view text = literal != nullptr ? literal : "";
        block += text;
        if (in_link > 0) link_bytes += text.size();
      } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
        block += ' ';
      } else if (name == "table_cell" && cmark_node_previous(node) != nullptr) {
        block += " · ";
      }
    }
    if ((event == CMARK_EVENT_EXIT &&
         (IsBlockForText(type) || name == "table_row" || name == "table_header")) ||
        (event == CMARK_EVENT_ENTER && type == CMARK_NODE_CODE_BLOCK)) {
      flush();
    }
  }
  flush();
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
  RegisterExtensions();
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_VALIDATE_UTF8));
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> document(cmark_parser_finish(parser.get()));
  if (!document) return {};
  Neutralise(document.get());
  RenderedMarkdown out;
  // Safe rendering is the default (no CMARK_OPT_UNSAFE): a second guard.
  char* html = cmark_render_html(document.get(), CMARK_OPT_DEFAULT,
                                 cmark_parser_get_syntax_extensions(parser.get()));
  if (html != nullptr) {
    out.html = html;
    free(html);  // allocated by cmark's default allocator (malloc)
  }
  out.text = PlainText(document.get());
  return out;
}

}  // namespace rapport::helpcenter
