#include "support/helpcenter/front_matter.hpp"

#include <gtest/gtest.h>

namespace rapport::helpcenter {
namespace {

TEST(FrontMatterTest, ReadsFieldsAndBody) {
  auto file = ParseArticleFile(
      "---\ntitle: How long does delivery take?\nslug: shipping-times\ncategory: Shipping & "
      "delivery\ntags: shipping, delivery\nnote: \"a: b\"\n---\nBody *here*\n\nMore.\n");
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(file->fields.at("title"), "How long does delivery take?");
  EXPECT_EQ(file->fields.at("category"), "Shipping & delivery");
  EXPECT_EQ(file->fields.at("note"), "a: b");
  EXPECT_EQ(file->body, "Body *here*\n\nMore.\n");
  EXPECT_EQ(SplitList(file->fields.at("tags")), (std::vector<std::string>{"shipping", "delivery"}));
}

TEST(FrontMatterTest, AcceptsCrLfAndByteOrderMark) {
  auto file = ParseArticleFile("\xEF\xBB\xBF---\r\ntitle: T\r\n---\r\nB");
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(file->fields.at("title"), "T");
  EXPECT_EQ(file->body, "B");
}

TEST(FrontMatterTest, RefusesBrokenBlocks) {
  for (const char* text : {"", "title: x\n", "---\ntitle: x\n", "---\nno colon\n---\n",
                           "---\nBad Key: x\n---\n", "---\na: 1\na: 2\n---\n"}) {
    auto file = ParseArticleFile(text);
    ASSERT_FALSE(file.ok()) << text;
    ASSERT_EQ(file.error().field_errors.size(), 1u);
    EXPECT_EQ(file.error().field_errors[0].field, "front_matter");
  }
  std::string many = "---\n";
  for (int i = 0; i < 60; ++i) many += "k" + std::to_string(i) + ": v\n";
  EXPECT_FALSE(ParseArticleFile(many + "---\n").ok());
}

}  // namespace
}  // namespace rapport::helpcenter
