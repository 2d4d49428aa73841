// Loading articles from Markdown files with front matter (front_matter.hpp): the demo shop's help
// center, embedded into the binary from src/demo/helpcenter/articles/ and loaded by
// `rapport demo`. Keys: title, slug, category, topic, tags, language (default en),
// translation_of, status (default published). Categories are created by name as first met.
// Thread-safe; blocks on storage.
#pragma once

#include <string>
#include <vector>

#include "common/result.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"
#include "support/helpcenter/kb_config.hpp"

namespace rapport::helpcenter {

struct ArticleFileText {
  std::string name;  // for error messages ("shipping-times.md")
  std::string text;
};

// Loads every file in one transaction (all or nothing); an article whose slug already exists is
// left as it is. Returns how many articles were added. kInvalidArgument naming the file for a
// file that cannot be read.
Result<int> LoadArticleFiles(storage::Database& db, const storage::WriteContext& context,
                             const std::vector<ArticleFileText>& files);

// Synonyms a shop's customers use for its help center's words (parcel/package, refund/money
// back, …), for the demo.
SynonymGroups DemoSynonyms();

// Adds `groups` to the stored synonym list (groups already there are kept).
Status AddSynonyms(storage::Database& db, const storage::WriteContext& context,
                   const SynonymGroups& groups);

}  // namespace rapport::helpcenter
