// An article of the help center as stored, its JSON form, and the reading of a caller's input
// (docs/design/helpcenter.md § Data model). Also the access checks every help center service
// applies (§ Access): the knowledge-base object of the role model, all or nothing.
//
//   read    staff read every article (drafts, archived), revisions, and search them
//   create  write drafts: new articles and changes to articles that are and stay drafts
//   edit    publish, archive, change published or archived articles, write categories
//   delete  delete articles and categories
//   settings and the synonym list: administrators only
//
// Pure values and functions over a Tx; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"

namespace rapport::helpcenter {

inline constexpr size_t kMaxTitle = 200;
inline constexpr size_t kMaxSlug = 100;
inline constexpr size_t kMaxBody = 100000;  // characters of Markdown
inline constexpr size_t kMaxTags = 20;
inline constexpr size_t kMaxTag = 40;

struct Article {
  int64_t seq = 0;
  std::string id;
  std::string slug;
  std::string language = "en";
  std::string title;
  std::string body;
  std::string body_html;
  std::string body_text;
  std::optional<std::string> category_id;
  std::vector<std::string> tags;
  std::optional<std::string> topic;
  std::optional<std::string> translation_of;
  std::string status = "draft";
  std::optional<std::string> author_id;
  int64_t helpful_yes = 0;
  int64_t helpful_no = 0;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> published_at;
  int64_t version = 1;
};

// The columns FromRow reads, in order, for "SELECT " kArticleColumns " FROM kb_articles …".
#define RAPPORT_KB_ARTICLE_COLUMNS                                                         \
  "seq, id, slug, language, title, body, body_html, body_text, category_id, tags, topic, " \
  "translation_of, status, author_id, helpful_yes, helpful_no, created_at, updated_at, "   \
  "published_at, version"

Article ArticleFromRow(const storage::Row& row);
// The staff form: everything but the plain text. `with_body` false leaves out body and body_html
// (lists).
json::object ArticleToJson(const Article& article, bool with_body = true);

// Applies `input` ({title, slug, body, category_id, tags, topic, language, status,
// translation_of}) to `article`, collecting every field error; renders the body when it changed.
// `creating` requires title and body; a missing slug is made from the title.
Status ReadArticleInput(const json::object& input, bool creating, Article& article);

// "How long does delivery take?" -> "how-long-does-delivery-take": lower-case ASCII letters,
// digits and single hyphens; accents folded; bounded by kMaxSlug.
std::string SlugFrom(std::string_view text);
bool IsValidSlug(std::string_view slug);
bool IsValidLanguage(std::string_view language);

Result<Article> LoadArticle(storage::Tx& tx, const std::string& id);

// The role checks of the header comment.
Status CheckKbRead(const access::Access& access);
Status CheckKbWrite(const access::Access& access, const Article& before, const Article& after,
                    bool creating);
Status CheckKbAction(const access::Access& access, access::Action action);
Status CheckKbAdmin(const access::Access& access);

}  // namespace rapport::helpcenter
