#include "support/helpcenter/article_files.hpp"

#include <algorithm>
#include <map>

#include "common/ids.hpp"
#include "storage/audit.hpp"
#include "support/helpcenter/article.hpp"
#include "support/helpcenter/article_service.hpp"
#include "support/helpcenter/category_service.hpp"
#include "support/helpcenter/front_matter.hpp"

namespace rapport::helpcenter {
namespace {

constexpr std::string_view kSlugExists = "SELECT 1 FROM kb_articles WHERE slug = ?";
constexpr std::string_view kKnownKeys[] = {"title", "slug",     "category", "topic",
                                           "tags",  "language", "status",   "translation_of"};

Error FileError(const std::string& name, const Error& error) {
  std::string message = name + ": " + error.message;
  for (const auto& field : error.field_errors) message += "; " + field.field + " " + field.message;
  return Error::Invalid("file", message);
}

}  // namespace

Result<int> LoadArticleFiles(storage::Database& db, const storage::WriteContext& context,
                             const std::vector<ArticleFileText>& files) {
  int added = 0;
  RAPPORT_RETURN_IF_ERROR(db.Write([&](storage::Tx& tx) -> Status {
    added = 0;
    int64_t category_position = 0;
    for (const auto& file : files) {
      auto parsed = ParseArticleFile(file.text);
      if (!parsed.ok()) return FileError(file.name, parsed.error());
      const auto& fields = parsed->fields;
      for (const auto& [key, value] : fields) {
        if (std::find(std::begin(kKnownKeys), std::end(kKnownKeys), key) == std::end(kKnownKeys)) {
          return Error::Invalid("file", file.name + ": unknown front matter key " + key);
        }
      }
      json::object input{{"body", parsed->body}, {"status", "published"}};
      for (const char* key : {"title", "slug", "topic", "language", "status", "translation_of"}) {
        auto it = fields.find(key);
        if (it != fields.end()) input[key] = it->second;
      }
      if (auto tags = fields.find("tags"); tags != fields.end()) {
        json::array list;
        for (const auto& tag : SplitList(tags->second)) list.emplace_back(tag);
        input["tags"] = std::move(list);
      }
      Article article{.id = NewId("kba")};
      Status read = ReadArticleInput(input, /*creating=*/true, article);
      if (!read.ok()) return FileError(file.name, read.error());
      RAPPORT_ASSIGN_OR_RETURN(storage::Rows exists, tx.Query(kSlugExists, {article.slug}));
      if (!exists.empty()) continue;
      if (auto category = fields.find("category"); category != fields.end()) {
        auto id = EnsureCategoryInTx(tx, context, category->second, category_position);
        if (!id.ok()) return FileError(file.name, id.error());
        ++category_position;
        article.category_id = *id;
      }
      RAPPORT_RETURN_IF_ERROR(SaveArticleInTx(tx, context, article, /*creating=*/true, ""));
      RAPPORT_RETURN_IF_ERROR(storage::AppendAudit(tx, context, "create", "kb_article", article.id,
                                                   {}, json::object{{"slug", article.slug}}));
      ++added;
    }
    return OkStatus();
  }));
  return added;
}

SynonymGroups DemoSynonyms() {
  return {{"parcel", "package", "shipment", "delivery"},
          {"refund", "money back", "reimbursement"},
          {"return", "send back"},
          {"cancel", "call off"},
          {"tracking", "track and trace", "shipment status"},
          {"invoice", "receipt", "bill"},
          {"voucher", "coupon", "discount code", "promo code"},
          {"password", "login", "sign in"},
          {"delivery time", "shipping time", "transit time"},
          {"paket", "sendung", "lieferung"},
          {"rückerstattung", "geld zurück", "erstattung"},
          {"rücksendung", "zurückschicken", "retoure"}};
}

Status AddSynonyms(storage::Database& db, const storage::WriteContext& context,
                   const SynonymGroups& groups) {
  return db.Write([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(auto current, ReadSynonymsInTx(tx));
    SynonymGroups merged = current.first;
    for (const auto& group : groups) {
      if (std::find(merged.begin(), merged.end(), group) == merged.end()) merged.push_back(group);
    }
    if (merged.size() > kMaxSynonymGroups) merged.resize(kMaxSynonymGroups);
    return WriteSynonymsInTx(tx, context, merged, std::nullopt);
  });
}

}  // namespace rapport::helpcenter
