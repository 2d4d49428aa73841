#include "support/helpcenter/search.hpp"

#include <gtest/gtest.h>

#include "access/access.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/helpcenter/article_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::helpcenter {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(storage::SqliteDatabase::Open({.path = dir_.File("kb.db")})).value();
  }

  std::string Add(std::string_view json) {
    auto article = ArticleService(*db_).Create(admin_, context_, Obj(json));
    EXPECT_TRUE(article.ok()) << article.error().message;
    return article.ok() ? std::string(article->at("slug").as_string()) : "";
  }

  std::vector<std::string> Slugs(const SearchRequest& request) {
    auto hits = SearchArticles(*db_, request);
    EXPECT_TRUE(hits.ok()) << hits.error().message;
    std::vector<std::string> slugs;
    if (hits.ok()) {
      for (const auto& hit : *hits) slugs.push_back(hit.slug);
    }
    return slugs;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::SqliteDatabase> db_;
  const access::Access& admin_ = access::Access::Unrestricted();
  const storage::WriteContext context_{.actor = "test"};
};

TEST_F(SearchTest, EnglishStemmingMatchesOtherForms) {
  Add(R"({"title":"Delivery","body":"Orders are shipped within two days.","status":"published"})");
  EXPECT_EQ(Slugs({.query = "shipping", .prefix_last = false}),
            (std::vector<std::string>{"delivery"}));
}

TEST_F(SearchTest, GermanStemmingMatchesPlurals) {
  Add(R"({"title":"Lieferzeiten","slug":"lieferzeiten","language":"de","body":"Jede Lieferung dauert zwei Tage.","status":"published"})");
  Add(R"({"title":"Delivery","body":"Lieferung is German.","status":"published"})");
  EXPECT_EQ(Slugs({.query = "Lieferungen", .language = "de", .prefix_last = false}),
            (std::vector<std::string>{"lieferzeiten"}));
}

TEST_F(SearchTest, SynonymsWidenTheQuery) {
  Add(R"({"title":"Where is my package?","slug":"tracking","body":"Use the tracking link.","status":"published"})");
  Add(R"({"title":"Money back guarantee","slug":"refunds","body":"We pay within 14 days.","status":"published"})");
  EXPECT_TRUE(Slugs({.query = "parcel", .prefix_last = false}).empty());
  KbConfigService config(*db_);
  auto put = config.PutSynonyms(admin_, context_,
                                Obj(R"({"groups":[["parcel","package"],["refund","money back"]]})"),
                                std::nullopt);
  ASSERT_TRUE(put.ok()) << put.error().message;
  EXPECT_EQ(Slugs({.query = "parcel", .prefix_last = false}),
            (std::vector<std::string>{"tracking"}));
  EXPECT_EQ(Slugs({.query = "Refund?", .prefix_last = false}),
            (std::vector<std::string>{"refunds"}));
}

TEST_F(SearchTest, LastWordMatchesAsPrefixWhileTyping) {
  Add(R"({"title":"Shipping costs","slug":"costs","body":"Standard shipping is free.","status":"published"})");
  EXPECT_EQ(Slugs({.query = "shipp"}), (std::vector<std::string>{"costs"}));
  EXPECT_EQ(Slugs({.query = "cos"}), (std::vector<std::string>{"costs"}));
  EXPECT_TRUE(Slugs({.query = "shipp", .prefix_last = false}).empty());
  EXPECT_TRUE(Slugs({.query = "cos "}).empty());  // a finished word is not a prefix
}

TEST_F(SearchTest, TitleMatchesRankAboveBodyMatches) {
  Add(R"({"title":"Payment methods","slug":"body-only","body":"You can also pay a voucher with this. Voucher voucher.","status":"published"})");
  Add(R"({"title":"Vouchers","slug":"title-match","body":"Gift cards for friends.","status":"published"})");
  auto hits = SearchArticles(*db_, {.query = "voucher", .prefix_last = false});
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 2u);
  EXPECT_EQ((*hits)[0].slug, "title-match");
  EXPECT_GT((*hits)[0].score, (*hits)[1].score);
}

TEST_F(SearchTest, DraftsAreNeverReturnedWhenPublishedOnly) {
  Add(R"({"title":"Secret draft about returns","slug":"draft","body":"returns"})");
  Add(R"({"title":"Returns","slug":"old","body":"returns","status":"archived"})");
  EXPECT_TRUE(Slugs({.query = "returns"}).empty());
  auto all = Slugs({.query = "returns", .published_only = false});
  EXPECT_EQ(all.size(), 2u);
}

TEST_F(SearchTest, DiacriticsAreFolded) {
  Add(R"({"title":"Café opening hours","slug":"cafe","body":"Open daily.","status":"published"})");
  EXPECT_EQ(Slugs({.query = "cafe", .prefix_last = false}), (std::vector<std::string>{"cafe"}));
  EXPECT_EQ(Slugs({.query = "CAFÉ", .prefix_last = false}), (std::vector<std::string>{"cafe"}));
}

TEST_F(SearchTest, PassageIsTheBestMatchingParagraph) {
  Add(R"({"title":"Returns","slug":"returns","body":"# Returns\n\nWe love our customers.\n\nTo send a parcel back, print the label in your account and drop it at any post office.\n\nRefunds take five days.","status":"published"})");
  auto hits = SearchArticles(*db_, {.query = "how do I send back my parcel", .prefix_last = false});
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ(
      (*hits)[0].passage,
      "To send a parcel back, print the label in your account and drop it at any post office.");
}

TEST_F(SearchTest, PassagePrefersAParagraphOverAHeading) {
  Add(R"({"title":"Damaged item","slug":"damaged","body":"## Broken parcel on arrival?\n\nTell us within 14 days and we send a replacement for anything that arrived broken.","status":"published"})");
  auto hits = SearchArticles(*db_, {.query = "my parcel arrived broken", .prefix_last = false});
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].passage,
            "Tell us within 14 days and we send a replacement for anything that arrived broken.");
}

TEST_F(SearchTest, AShortBodyIsStillAPassage) {
  Add(R"({"title":"Tracking","slug":"tracking","body":"Use the tracking link.","status":"published"})");
  auto hits = SearchArticles(*db_, {.query = "tracking", .prefix_last = false});
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].passage, "Use the tracking link.");
}

TEST_F(SearchTest, QueryTextAndLimitsAreBounded) {
  auto too_long = SearchArticles(*db_, {.query = std::string(201, 'a')});
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().field_errors.at(0).field, "q");
  EXPECT_FALSE(SearchArticles(*db_, {.query = "a", .limit = 0}).ok());
  EXPECT_FALSE(SearchArticles(*db_, {.query = "a", .language = "en'; --"}).ok());
  // FTS5 syntax in the query is only ever text.
  Add(R"({"title":"Quotes","body":"x","status":"published"})");
  for (const char* q : {"\"", "a OR", "NOT", "*", "title:x", "(", "{title}:", "NEAR(a b)", "^a"}) {
    EXPECT_TRUE(SearchArticles(*db_, {.query = q}).ok()) << q;
  }
  EXPECT_TRUE(Slugs({.query = "?!"}).empty());
}

TEST(CompileQueryTest, DropsStopWordsUnlessNothingElseIsLeft) {
  auto compiled = CompileQuery("how do I return", "en", {}, false);
  EXPECT_EQ(compiled.match, "{title body} : (\"return\")");
  EXPECT_FALSE(CompileQuery("how do I", "en", {}, false).match.empty());
}

}  // namespace
}  // namespace rapport::helpcenter
