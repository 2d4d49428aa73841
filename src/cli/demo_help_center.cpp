#include "cli/demo_help_center.hpp"

#include "demo/demo_help_articles.hpp"
#include "support/helpcenter/article_files.hpp"

namespace rapport::cli {

Result<int> AddDemoHelpCenter(storage::Database& db, const storage::WriteContext& context) {
  std::vector<helpcenter::ArticleFileText> files;
  for (const auto& file : demo::DemoHelpArticles()) {
    files.push_back({std::string(file.name), std::string(file.text)});
  }
  RAPPORT_ASSIGN_OR_RETURN(int added, helpcenter::LoadArticleFiles(db, context, files));
  RAPPORT_RETURN_IF_ERROR(helpcenter::AddSynonyms(db, context, helpcenter::DemoSynonyms()));
  return added;
}

}  // namespace rapport::cli
