#include "support/helpcenter/article_service.hpp"

#include "common/collation.hpp"
#include "common/ids.hpp"
#include "common/time.hpp"
#include "storage/audit.hpp"
#include "storage/outbox.hpp"
#include "support/helpcenter/text_analysis.hpp"

namespace rapport::helpcenter {
namespace {

using storage::Rows;
using storage::Tx;

constexpr std::string_view kInsert =
    "INSERT INTO kb_articles (id, slug, language, title, body, body_html, body_text, category_id, "
    "tags, topic, translation_of, status, author_id, created_at, updated_at, published_at, "
    "version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING seq";
constexpr std::string_view kUpdate =
    "UPDATE kb_articles SET slug = ?, language = ?, title = ?, body = ?, body_html = ?, "
    "body_text = ?, category_id = ?, tags = ?, topic = ?, translation_of = ?, status = ?, "
    "updated_at = ?, published_at = ?, version = version + 1 WHERE id = ? AND version = ?";
constexpr std::string_view kSlugTaken = "SELECT 1 FROM kb_articles WHERE slug = ? AND id <> ?";
constexpr std::string_view kCategoryExists = "SELECT 1 FROM kb_categories WHERE id = ?";
constexpr std::string_view kInsertRevision =
    "INSERT INTO kb_article_revisions (article_id, version, title, body, category_id, tags, "
    "topic, language, status, saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kDeleteIndex = "DELETE FROM kb_search WHERE rowid = ?";
constexpr std::string_view kInsertIndex =
    "INSERT INTO kb_search (rowid, title, body, words) VALUES (?, ?, ?, ?)";
constexpr std::string_view kDelete = "DELETE FROM kb_articles WHERE id = ?";
constexpr std::string_view kRevisions =
    "SELECT version, title, status, saved_by, saved_at FROM kb_article_revisions "
    "WHERE article_id = ? ORDER BY version DESC LIMIT 500";
constexpr std::string_view kRevision =
    "SELECT version, title, body, category_id, tags, topic, language, status, saved_by, saved_at "
    "FROM kb_article_revisions WHERE article_id = ? AND version = ?";
constexpr std::string_view kVote =
    "UPDATE kb_articles SET helpful_yes = helpful_yes + ?, helpful_no = helpful_no + ? "
    "WHERE slug = ? AND status = 'published'";
// The list: filters as optional parameters (NULL = any), so one statement serves every mix.
constexpr std::string_view kList =
    "SELECT " RAPPORT_KB_ARTICLE_COLUMNS
    " FROM kb_articles "
    "WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR category_id = ?2) "
    "AND (?3 IS NULL OR language = ?3) AND (?4 IS NULL OR instr(search_fold(title), ?4) > 0) "
    "ORDER BY updated_at DESC, id DESC LIMIT ?5 OFFSET ?6";
constexpr std::string_view kCount =
    "SELECT count(*) FROM kb_articles "
    "WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR category_id = ?2) "
    "AND (?3 IS NULL OR language = ?3) AND (?4 IS NULL OR instr(search_fold(title), ?4) > 0)";

storage::Value Opt(const std::optional<std::string>& value) {
  return value ? storage::Value(*value) : storage::Null();
}

std::string TagsJson(const Article& article) {
  json::array tags;
  for (const auto& tag : article.tags) tags.emplace_back(tag);
  return ToJsonString(tags);
}

std::string UnstemmedWords(const Article& article) {
  std::string words;
  for (const auto& text : {article.title, article.body_text}) {
    for (const std::string& word : Words(text)) {
      if (!words.empty()) words += ' ';
      words += FoldedWord(word);
    }
  }
  return words;
}

Status Reindex(Tx& tx, const Article& article) {
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteIndex, {article.seq}));
  // Tags and the topic count as title words: an editor's summary of what the article answers.
  std::string title = article.title;
  for (const auto& tag : article.tags) title += " " + tag;
  if (article.topic) title += " " + *article.topic;
  RAPPORT_RETURN_IF_ERROR(tx.Exec(
      kInsertIndex, {article.seq, IndexText(title, article.language),
                     IndexText(article.body_text, article.language), UnstemmedWords(article)}));
  return OkStatus();
}

json::object EventPayload(const Article& article) {
  return json::object{
      {"kb_article",
       json::object{{"id", article.id}, {"slug", article.slug}, {"status", article.status}}}};
}

// The article's content as an audit entry records it (the rendered HTML is derived).
json::object AuditForm(const Article& article) {
  json::object form = ArticleToJson(article);
  form.erase("body_html");
  form.erase("helpful");
  return form;
}

}  // namespace

Status SaveArticleInTx(Tx& tx, const storage::WriteContext& context, Article& article,
                       bool creating, const std::string& saved_by) {
  RAPPORT_ASSIGN_OR_RETURN(Rows taken, tx.Query(kSlugTaken, {article.slug, article.id}));
  if (!taken.empty()) {
    return Error::Conflict("Another article already has the slug " + article.slug + ".", "slug");
  }
  if (article.category_id) {
    RAPPORT_ASSIGN_OR_RETURN(Rows category, tx.Query(kCategoryExists, {*article.category_id}));
    if (category.empty()) return Error::Invalid("category_id", "is not a known category");
  }
  const std::string now = NowInstant();
  article.updated_at = now;
  if (article.status == "published" && !article.published_at) article.published_at = now;
  const std::string tags = TagsJson(article);
  if (creating) {
    article.created_at = now;
    article.version = 1;
    RAPPORT_ASSIGN_OR_RETURN(
        Rows inserted,
        tx.Query(kInsert, {article.id, article.slug, article.language, article.title, article.body,
                           article.body_html, article.body_text, Opt(article.category_id), tags,
                           Opt(article.topic), Opt(article.translation_of), article.status,
                           Opt(article.author_id), now, now, Opt(article.published_at)}));
    article.seq = inserted.front().Int(0);
  } else {
    RAPPORT_ASSIGN_OR_RETURN(
        int64_t changed,
        tx.Exec(kUpdate, {article.slug, article.language, article.title, article.body,
                          article.body_html, article.body_text, Opt(article.category_id), tags,
                          Opt(article.topic), Opt(article.translation_of), article.status, now,
                          Opt(article.published_at), article.id, article.version}));
    if (changed == 0) {
      return Error::PreconditionFailed("The article was changed since you read it.");
    }
    ++article.version;
  }
  RAPPORT_RETURN_IF_ERROR(
      tx.Exec(kInsertRevision,
              {article.id, article.version, article.title, article.body, Opt(article.category_id),
               tags, Opt(article.topic), article.language, article.status,
               saved_by.empty() ? storage::Null() : storage::Value(saved_by), now}));
  RAPPORT_RETURN_IF_ERROR(Reindex(tx, article));
  if (creating) {
    return storage::AppendEvent(tx, context, "kb_article.created", "kb_article", article.id,
                                EventPayload(article));
  }
  return storage::AppendEvent(tx, context, "kb_article.updated", "kb_article", article.id,
                              EventPayload(article));
}

Result<json::object> ArticleService::Create(const Access& access,
                                            const storage::WriteContext& context,
                                            const json::object& input) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    Article article{.id = NewId("kba")};
    if (!access.user_id().empty()) article.author_id = access.user_id();
    RAPPORT_RETURN_IF_ERROR(CheckKbAction(access, access::Action::kCreate));
    RAPPORT_RETURN_IF_ERROR(ReadArticleInput(input, /*creating=*/true, article));
    RAPPORT_RETURN_IF_ERROR(CheckKbWrite(access, article, article, /*creating=*/true));
    RAPPORT_RETURN_IF_ERROR(SaveArticleInTx(tx, context, article, true, access.user_id()));
    served = ArticleToJson(article);
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "create", "kb_article", article.id,
                                                 {}, AuditForm(article)));
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> ArticleService::Get(const Access& access, const std::string& id) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckKbRead(access));
    RAPPORT_ASSIGN_OR_RETURN(Article article, LoadArticle(tx, id));
    served = ArticleToJson(article);
    return OkStatus();
  }));
  return served;
}

Result<json::object> ArticleService::List(const Access& access, const ArticleFilter& filter) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckKbRead(access));
    const std::optional<std::string> q =
        filter.q && !filter.q->empty() ? std::optional(SearchFold(*filter.q)) : std::nullopt;
    RAPPORT_ASSIGN_OR_RETURN(
        Rows rows,
        tx.Query(kList, {Opt(filter.status), Opt(filter.category_id), Opt(filter.language), Opt(q),
                         int64_t{filter.limit}, int64_t{filter.offset}}));
    RAPPORT_ASSIGN_OR_RETURN(Rows count,
                             tx.Query(kCount, {Opt(filter.status), Opt(filter.category_id),
                                               Opt(filter.language), Opt(q)}));
    json::array data;
    for (const auto& row : rows) data.push_back(ArticleToJson(ArticleFromRow(row), false));
    served = json::object{{"data", std::move(data)}, {"total", count.front().Int(0)}};
    return OkStatus();
  }));
  return served;
}

Result<json::object> ArticleService::Update(const Access& access,
                                            const storage::WriteContext& context,
                                            const std::string& id, const json::object& patch,
                                            std::optional<int64_t> if_version) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckKbRead(access));
    RAPPORT_ASSIGN_OR_RETURN(Article article, LoadArticle(tx, id));
    const Article before = article;
    if (if_version) article.version = *if_version;
    RAPPORT_RETURN_IF_ERROR(ReadArticleInput(patch, /*creating=*/false, article));
    RAPPORT_RETURN_IF_ERROR(CheckKbWrite(access, before, article, /*creating=*/false));
    RAPPORT_RETURN_IF_ERROR(SaveArticleInTx(tx, context, article, false, access.user_id()));
    served = ArticleToJson(article);
    RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "update", "kb_article", id,
                                                 AuditForm(before), AuditForm(article)));
    return context.Written(tx, served);
  }));
  return served;
}

Status ArticleService::Delete(const Access& access, const storage::WriteContext& context,
                              const std::string& id, std::optional<int64_t> if_version) {
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckKbRead(access));
    RAPPORT_ASSIGN_OR_RETURN(Article article, LoadArticle(tx, id));
    RAPPORT_RETURN_IF_ERROR(CheckKbAction(access, access::Action::kDelete));
    if (if_version && *if_version != article.version) {
      return Error::PreconditionFailed("The article was changed since you read it.");
    }
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDeleteIndex, {article.seq}));
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kDelete, {id}));
    RAPPORT_RETURN_IF_ERROR(storage::AppendEvent(tx, context, "kb_article.deleted", "kb_article",
                                                 id, EventPayload(article)));
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "delete", "kb_article", id, AuditForm(article), {}));
    return context.Written(tx, json::object{{"id", id}});
  });
}

Result<json::object> ArticleService::Revisions(const Access& access, const std::string& id) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckKbRead(access));
    RAPPORT_ASSIGN_OR_RETURN(Article article, LoadArticle(tx, id));
    (void)article;  // only its existence matters
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kRevisions, {id}));
    json::array data;
    for (const auto& row : rows) {
      data.push_back(json::object{
          {"version", row.Int(0)},
          {"title", row.Text(1)},
          {"status", row.Text(2)},
          {"saved_by", row.IsNull(3) ? json::value(nullptr) : json::value(row.Text(3))},
          {"saved_at", row.Text(4)}});
    }
    served = json::object{{"data", std::move(data)}};
    return OkStatus();
  }));
  return served;
}

Result<json::object> ArticleService::Revision(const Access& access, const std::string& id,
                                              int64_t version) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(CheckKbRead(access));
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kRevision, {id, version}));
    if (rows.empty()) {
      return Error::NotFound("Article " + id + " has no revision " + std::to_string(version) + ".");
    }
    const auto& row = rows.front();
    auto tags = ParseJson(row.Text(4));
    served = json::object{
        {"article_id", id},
        {"version", row.Int(0)},
        {"title", row.Text(1)},
        {"body", row.Text(2)},
        {"category_id", row.IsNull(3) ? json::value(nullptr) : json::value(row.Text(3))},
        {"tags", tags.ok() ? tags.value() : json::value(json::array())},
        {"topic", row.IsNull(5) ? json::value(nullptr) : json::value(row.Text(5))},
        {"language", row.Text(6)},
        {"status", row.Text(7)},
        {"saved_by", row.IsNull(8) ? json::value(nullptr) : json::value(row.Text(8))},
        {"saved_at", row.Text(9)}};
    return OkStatus();
  }));
  return served;
}

Result<json::object> ArticleService::Restore(const Access& access,
                                             const storage::WriteContext& context,
                                             const std::string& id, int64_t version,
                                             std::optional<int64_t> if_version) {
  RAPPORT_ASSIGN_OR_RETURN(json::object revision, Revision(access, id, version));
  json::object patch{{"title", revision["title"]},
                     {"body", revision["body"]},
                     {"category_id", revision["category_id"]},
                     {"tags", revision["tags"]},
                     {"topic", revision["topic"]},
                     {"language", revision["language"]}};
  return Update(access, context, id, patch, if_version);
}

Status ArticleService::Vote(const std::string& slug, bool helpful) {
  // A counter, not a change of the article: no version, event or audit entry.
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(int64_t changed, tx.Exec(kVote, {int64_t{helpful ? 1 : 0},
                                                              int64_t{helpful ? 0 : 1}, slug}));
    if (changed == 0) return Error::NotFound("No published article has the slug " + slug + ".");
    return OkStatus();
  });
}

}  // namespace rapport::helpcenter
