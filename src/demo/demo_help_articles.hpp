// The demo shop's help center articles: every src/demo/helpcenter/articles/*.md, embedded into
// the binary at build time (embed_help_articles.cmake), in name order. Markdown with front matter
// (support/helpcenter/front_matter.hpp); `rapport demo` loads them as published articles. Static
// data; thread-safe.
#pragma once

#include <string_view>
#include <vector>

namespace rapport::demo {

struct HelpArticleFile {
  std::string_view name;  // "shipping-times.md"
  std::string_view text;
};

std::vector<HelpArticleFile> DemoHelpArticles();

}  // namespace rapport::demo
