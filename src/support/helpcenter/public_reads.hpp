// What the public help pages (/help, src/http/handlers/help_page_handlers.cpp) read: only
// published articles, only the fields a visitor may see, no caller (the pages are public). Drafts
// and archived articles are simply absent, so a URL of one is a 404. Thread-safe; blocks on
// storage.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "storage/database.hpp"
#include "support/helpcenter/kb_config.hpp"

namespace rapport::helpcenter {

struct PublicArticleLink {
  std::string slug;
  std::string title;
  std::string language;
};

struct PublicCategory {
  std::string slug;
  std::string name;
  std::string description;
  std::vector<PublicArticleLink> articles;
};

struct PublicHome {
  HelpCenterSettings settings;
  std::vector<PublicCategory> categories;  // with published articles of the language only
  std::vector<PublicArticleLink> uncategorised;
  std::vector<std::string> languages;  // every language with a published article
};

struct PublicArticle {
  std::string slug;
  std::string title;
  std::string language;
  std::string body_html;  // sanitised at write time
  std::string updated_at;
  std::optional<PublicCategory> category;       // without its article list
  std::vector<PublicArticleLink> translations;  // the other languages of the same article
};

// Bound on the articles a page lists per category (a help center has dozens, not thousands).
inline constexpr int kMaxArticlesPerCategory = 200;

Result<HelpCenterSettings> ReadPublicSettings(storage::Database& db);
Result<PublicHome> ReadPublicHome(storage::Database& db, const std::string& language);
// kNotFound when no category has the slug.
Result<PublicCategory> ReadPublicCategory(storage::Database& db, const std::string& slug,
                                          const std::string& language);
// kNotFound unless a published article has the slug.
Result<PublicArticle> ReadPublicArticle(storage::Database& db, const std::string& slug);

}  // namespace rapport::helpcenter
