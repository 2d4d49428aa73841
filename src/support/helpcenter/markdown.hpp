// Markdown for help center articles (docs/design/helpcenter.md § Rendering): CommonMark with
// GitHub's tables, strikethrough and bare links, through libcmark-gfm, rendered once at write time
// (and by the preview endpoint, with the same function) to HTML that is safe to serve as is, plus
// the plain text that search passages are cut from.
//
// Safety, enforced on the syntax tree before rendering rather than by filtering HTML afterwards:
// raw HTML (blocks and inline) becomes literal text, so `<script>` shows as text; a link or image
// keeps its destination only when it is http(s), mailto, or relative (a path, a #fragment), so
// `javascript:`, `data:`, `vbscript:` and any other scheme are dropped (the link's text stays);
// libcmark-gfm's own safe mode stays on as a second guard. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace rapport::helpcenter {

struct RenderedMarkdown {
  std::string html;
  // Plain text, one block (paragraph, heading, list item, code block, table row) per line; a
  // row's cells separated by " · ".
  std::string text;
};

RenderedMarkdown RenderMarkdown(std::string_view markdown);

// Whether a link destination may be kept: http:, https:, mailto:, or no scheme at all.
bool IsSafeUrl(std::string_view url);

}  // namespace rapport::helpcenter
