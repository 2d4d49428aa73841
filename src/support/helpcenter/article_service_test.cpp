#include "support/helpcenter/article_service.hpp"

#include <gtest/gtest.h>

#include "access/grants.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/helpcenter/article_files.hpp"
#include "support/helpcenter/category_service.hpp"
#include "support/helpcenter/search.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::helpcenter {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

access::Access RoleAccess(std::string_view role) {
  return access::Access("usr_x", {}, access::FindBuiltInRole(role)->levels, {}, role == "admin");
}

class ArticleServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("kb.db")})).value();
    articles_ = std::make_unique<ArticleService>(*db_);
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  std::unique_ptr<ArticleService> articles_;
  const access::Access& admin_ = access::Access::Unrestricted();
  const storage::WriteContext context_{.actor = "test"};
};

TEST_F(ArticleServiceTest, EverySaveKeepsARevisionAndRestoreIsANewSave) {
  auto created = articles_->Create(admin_, context_, Obj(R"({"title":"One","body":"first"})"));
  ASSERT_TRUE(created.ok()) << created.error().message;
  const std::string id(created->at("id").as_string());
  EXPECT_EQ(created->at("slug").as_string(), "one");
  EXPECT_EQ(created->at("status").as_string(), "draft");
  auto updated = articles_->Update(admin_, context_, id, Obj(R"({"body":"second *x*"})"), 1);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->at("version").as_int64(), 2);
  EXPECT_EQ(updated->at("body_html").as_string(), "<p>second <em>x</em></p>\n");
  // A stale version is refused and changes nothing.
  auto stale = articles_->Update(admin_, context_, id, Obj(R"({"body":"third"})"), 1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);

  auto revisions = articles_->Revisions(admin_, id);
  ASSERT_TRUE(revisions.ok());
  ASSERT_EQ(revisions->at("data").as_array().size(), 2u);
  auto first = articles_->Revision(admin_, id, 1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->at("body").as_string(), "first");

  auto restored = articles_->Restore(admin_, context_, id, 1, 2);
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(restored->at("version").as_int64(), 3);
  EXPECT_EQ(restored->at("body").as_string(), "first");
  EXPECT_EQ(articles_->Revisions(admin_, id)->at("data").as_array().size(), 3u);
}

TEST_F(ArticleServiceTest, BadInputNamesTheFieldAndChangesNothing) {
  auto bad = articles_->Create(
      admin_, context_,
      Obj(R"({"title":"","body":"x","status":"live","tags":[1],"language":"English","slug":"A B"})"));
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& error : bad.error().field_errors) fields.push_back(error.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"title", "status", "tags", "language", "slug"}));
  EXPECT_EQ(articles_->List(admin_, {})->at("total").as_int64(), 0);
  auto taken = articles_->Create(admin_, context_, Obj(R"({"title":"A","body":"x"})"));
  auto dup = articles_->Create(admin_, context_, Obj(R"({"title":"A","body":"x"})"));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  auto category = articles_->Create(admin_, context_,
                                    Obj(R"({"title":"B","body":"x","category_id":"kbc_none"})"));
  ASSERT_FALSE(category.ok());
  EXPECT_EQ(category.error().field_errors.at(0).field, "category_id");
}

TEST_F(ArticleServiceTest, SupportWritesDraftsButOnlyManagersPublish) {
  const access::Access support = RoleAccess("support");
  const access::Access manager = RoleAccess("manager");
  const access::Access viewer = RoleAccess("viewer");
  auto draft = articles_->Create(support, context_, Obj(R"({"title":"D","body":"x"})"));
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  const std::string id(draft->at("id").as_string());
  EXPECT_TRUE(articles_->Update(support, context_, id, Obj(R"({"body":"y"})"), std::nullopt).ok());
  auto publish =
      articles_->Update(support, context_, id, Obj(R"({"status":"published"})"), std::nullopt);
  ASSERT_FALSE(publish.ok());
  EXPECT_EQ(publish.error().code, ErrorCode::kPermissionDenied);
  EXPECT_FALSE(
      articles_->Create(support, context_, Obj(R"({"title":"P","body":"x","status":"published"})"))
          .ok());
  EXPECT_TRUE(
      articles_->Update(manager, context_, id, Obj(R"({"status":"published"})"), std::nullopt)
          .ok());
  EXPECT_FALSE(articles_->Update(support, context_, id, Obj(R"({"body":"z"})"), std::nullopt).ok());
  EXPECT_TRUE(articles_->Get(viewer, id).ok());
  EXPECT_FALSE(articles_->Create(viewer, context_, Obj(R"({"title":"V","body":"x"})")).ok());
  EXPECT_FALSE(articles_->Delete(support, context_, id, std::nullopt).ok());

  access::LevelTable none{};
  const access::Access nobody("usr_n", {}, none, {}, false);
  EXPECT_EQ(articles_->Get(nobody, id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(articles_->List(nobody, {}).error().code, ErrorCode::kPermissionDenied);
}

TEST_F(ArticleServiceTest, VotesCountOnlyOnPublishedArticles) {
  auto draft = articles_->Create(admin_, context_, Obj(R"({"title":"V","body":"x"})"));
  EXPECT_EQ(articles_->Vote("v", true).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(articles_
                  ->Update(admin_, context_, std::string(draft->at("id").as_string()),
                           Obj(R"({"status":"published"})"), std::nullopt)
                  .ok());
  ASSERT_TRUE(articles_->Vote("v", true).ok());
  ASSERT_TRUE(articles_->Vote("v", false).ok());
  ASSERT_TRUE(articles_->Vote("v", true).ok());
  auto read = articles_->Get(admin_, std::string(draft->at("id").as_string()));
  EXPECT_EQ(read->at("helpful").at("yes").as_int64(), 2);
  EXPECT_EQ(read->at("helpful").at("no").as_int64(), 1);
}

TEST_F(ArticleServiceTest, ArticleFilesLoadPublishedWithCategoriesOnce) {
  std::vector<ArticleFileText> files{
      {"a.md",
       "---\ntitle: How long does delivery take?\nslug: shipping-times\ncategory: Shipping & "
       "delivery\ntopic: shipping-times\ntags: shipping, delivery\nlanguage: en\n---\nParcels "
       "arrive in 2 days.\n"},
      {"b.md",
       "---\ntitle: Wie lange dauert die Lieferung?\nslug: shipping-times-de\ncategory: Shipping & "
       "delivery\ntopic: shipping-times\nlanguage: de\ntranslation_of: shipping-times\n---\nPakete "
       "kommen in 2 Tagen.\n"}};
  auto added = LoadArticleFiles(*db_, context_, files);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(*added, 2);
  EXPECT_EQ(*LoadArticleFiles(*db_, context_, files), 0);  // idempotent
  auto categories = CategoryService(*db_).List(admin_);
  ASSERT_EQ(categories->at("data").as_array().size(), 1u);
  auto hits = SearchArticles(*db_, {.query = "parcels", .language = "en"});
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ(*(*hits)[0].topic, "shipping-times");
  auto bad = LoadArticleFiles(*db_, context_, {{"bad.md", "no front matter"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("bad.md"), std::string::npos);
  ASSERT_TRUE(AddSynonyms(*db_, context_, DemoSynonyms()).ok());
  EXPECT_EQ(SearchArticles(*db_, {.query = "package", .language = "en"})->size(), 1u);
}

}  // namespace
}  // namespace rapport::helpcenter
