// Help center articles for staff (docs/design/helpcenter.md): create, read, list, change,
// delete; every save kept as a revision (restoring one is a new save); the search index kept in
// the same transaction as the article; the public "was this helpful?" vote.
//
// Events kb_article.created|updated|deleted (payload: the article's id, slug and status) with
// audit entries (object type "kb_article"). Access as in article.hpp. Holds only a reference to
// the Database; thread-safe; calls block on storage.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"
#include "support/helpcenter/article.hpp"

namespace rapport::helpcenter {

struct ArticleFilter {
  std::optional<std::string> status;
  std::optional<std::string> category_id;
  std::optional<std::string> language;
  std::optional<std::string> q;  // title contains (folded)
  int limit = 50;
  int offset = 0;
};

class ArticleService {
 public:
  explicit ArticleService(storage::Database& database) : database_(database) {}
  using Access = access::Access;

  Result<json::object> Create(const Access& access, const storage::WriteContext& context,
                              const json::object& input);
  Result<json::object> Get(const Access& access, const std::string& id);
  // {data: [articles without body], total}; newest change first.
  Result<json::object> List(const Access& access, const ArticleFilter& filter);
  Result<json::object> Update(const Access& access, const storage::WriteContext& context,
                              const std::string& id, const json::object& patch,
                              std::optional<int64_t> if_version);
  Status Delete(const Access& access, const storage::WriteContext& context, const std::string& id,
                std::optional<int64_t> if_version);

  // {data: [{version, title, status, saved_by, saved_at}]}, newest first.
  Result<json::object> Revisions(const Access& access, const std::string& id);
  Result<json::object> Revision(const Access& access, const std::string& id, int64_t version);
  // Saves revision `version`'s content as the article's next version (keeping today's status).
  Result<json::object> Restore(const Access& access, const storage::WriteContext& context,
                               const std::string& id, int64_t version,
                               std::optional<int64_t> if_version);

  // A visitor's vote on a published article; kNotFound for anything else.
  Status Vote(const std::string& slug, bool helpful);

 private:
  storage::Database& database_;
};

// Inserts or replaces `article` (by id) with its revision and search index rows, in `tx`. Used by
// the service and by the demo loader.
Status SaveArticleInTx(storage::Tx& tx, const storage::WriteContext& context, Article& article,
                       bool creating, const std::string& saved_by);

}  // namespace rapport::helpcenter
