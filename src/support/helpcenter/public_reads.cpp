#include "support/helpcenter/public_reads.hpp"

#include <map>

namespace rapport::helpcenter {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kCategories =
    "SELECT id, slug, name, description FROM kb_categories ORDER BY position, name, id LIMIT 500";
constexpr std::string_view kCategoryBySlug =
    "SELECT id, slug, name, description FROM kb_categories WHERE slug = ?";
constexpr std::string_view kCategoryById =
    "SELECT id, slug, name, description FROM kb_categories WHERE id = ?";
constexpr std::string_view kPublishedOfLanguage =
    "SELECT slug, title, language, category_id FROM kb_articles WHERE status = 'published' "
    "AND language = ? ORDER BY title, slug LIMIT 2000";
constexpr std::string_view kPublishedOfCategory =
    "SELECT slug, title, language FROM kb_articles WHERE status = 'published' AND language = ? "
    "AND category_id = ? ORDER BY title, slug LIMIT 200";
constexpr std::string_view kLanguages =
    "SELECT DISTINCT language FROM kb_articles WHERE status = 'published' ORDER BY language "
    "LIMIT 50";
constexpr std::string_view kArticle =
    "SELECT slug, title, language, body_html, updated_at, category_id, translation_of "
    "FROM kb_articles WHERE slug = ? AND status = 'published'";
// The family of an article: the original (the root) and everything that says it translates it.
constexpr std::string_view kTranslations =
    "SELECT slug, title, language FROM kb_articles WHERE status = 'published' AND slug <> ?1 "
    "AND (slug = ?2 OR translation_of = ?2) ORDER BY language LIMIT 50";

PublicCategory CategoryFromRow(const storage::Row& row) {
  return PublicCategory{.slug = row.Text(1), .name = row.Text(2), .description = row.Text(3)};
}

}  // namespace

Result<HelpCenterSettings> ReadPublicSettings(storage::Database& db) {
  HelpCenterSettings settings;
  RAPPORT_RETURN_IF_ERROR(db.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto stored, ReadSettingsInTx(tx));
    settings = std::move(stored.first);
    return OkStatus();
  }));
  return settings;
}

Result<PublicHome> ReadPublicHome(storage::Database& db, const std::string& language) {
  PublicHome home;
  RAPPORT_RETURN_IF_ERROR(db.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto settings, ReadSettingsInTx(tx));
    home.settings = std::move(settings.first);
    RAPPORT_ASSIGN_OR_RETURN(Rows categories, tx.Query(kCategories));
    std::map<std::string, size_t> index;
    for (const auto& row : categories) {
      index[row.Text(0)] = home.categories.size();
      home.categories.push_back(CategoryFromRow(row));
    }
    RAPPORT_ASSIGN_OR_RETURN(Rows articles, tx.Query(kPublishedOfLanguage, {language}));
    for (const auto& row : articles) {
      PublicArticleLink link{.slug = row.Text(0), .title = row.Text(1), .language = row.Text(2)};
      auto it = row.IsNull(3) ? index.end() : index.find(row.Text(3));
      if (it == index.end()) {
        home.uncategorised.push_back(std::move(link));
      } else if (home.categories[it->second].articles.size() < kMaxArticlesPerCategory) {
        home.categories[it->second].articles.push_back(std::move(link));
      }
    }
    std::erase_if(home.categories, [](const auto& c) { return c.articles.empty(); });
    RAPPORT_ASSIGN_OR_RETURN(Rows languages, tx.Query(kLanguages));
    for (const auto& row : languages) home.languages.push_back(row.Text(0));
    return OkStatus();
  }));
  return home;
}

Result<PublicCategory> ReadPublicCategory(storage::Database& db, const std::string& slug,
                                          const std::string& language) {
  PublicCategory category;
  RAPPORT_RETURN_IF_ERROR(db.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kCategoryBySlug, {slug}));
    if (rows.empty()) return Error::NotFound("No category has this address.");
    category = CategoryFromRow(rows.front());
    RAPPORT_ASSIGN_OR_RETURN(Rows articles,
                             tx.Query(kPublishedOfCategory, {language, rows.front().Text(0)}));
    for (const auto& row : articles) {
      category.articles.push_back(
          {.slug = row.Text(0), .title = row.Text(1), .language = row.Text(2)});
    }
    return OkStatus();
  }));
  return category;
}

Result<PublicArticle> ReadPublicArticle(storage::Database& db, const std::string& slug) {
  PublicArticle article;
  RAPPORT_RETURN_IF_ERROR(db.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kArticle, {slug}));
    if (rows.empty()) return Error::NotFound("No article has this address.");
    const auto& row = rows.front();
    article = PublicArticle{.slug = row.Text(0),
                            .title = row.Text(1),
                            .language = row.Text(2),
                            .body_html = row.Text(3),
                            .updated_at = row.Text(4)};
    if (!row.IsNull(5)) {
      RAPPORT_ASSIGN_OR_RETURN(Rows category, tx.Query(kCategoryById, {row.Text(5)}));
      if (!category.empty()) article.category = CategoryFromRow(category.front());
    }
    const std::string root = row.OptText(6).value_or(article.slug);
    RAPPORT_ASSIGN_OR_RETURN(Rows family, tx.Query(kTranslations, {article.slug, root}));
    for (const auto& other : family) {
      article.translations.push_back(
          {.slug = other.Text(0), .title = other.Text(1), .language = other.Text(2)});
    }
    return OkStatus();
  }));
  return article;
}

}  // namespace rapport::helpcenter
