#include "demo/demo_help_articles.hpp"

namespace rapport::demo {
namespace {

struct EmbeddedArticle {
  std::string_view name;
  std::string_view text;
};

#include "demo_help_articles_embedded.inc"

}  // namespace

std::vector<HelpArticleFile> DemoHelpArticles() {
  std::vector<HelpArticleFile> files;
  for (const auto& article : kEmbeddedArticles) {
    if (!article.name.empty()) files.push_back({article.name, article.text});
  }
  return files;
}

}  // namespace rapport::demo
