#include "support/helpcenter/markdown.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rapport::helpcenter {
namespace {

TEST(MarkdownTest, RendersCommonMark) {
  auto out = RenderMarkdown("# Delivery\n\nParcels take **2 days**.\n\n- one\n- two\n");
  EXPECT_NE(out.html.find("<h1>Delivery</h1>"), std::string::npos) << out.html;
  EXPECT_NE(out.html.find("<strong>2 days</strong>"), std::string::npos);
  EXPECT_NE(out.html.find("<li>one</li>"), std::string::npos);
  EXPECT_EQ(out.text, "Delivery\nParcels take 2 days.\none\ntwo");
}

TEST(MarkdownTest, RendersTablesAndTheirTextRowByRow) {
  auto out = RenderMarkdown(
      "| You paid with | Refund after |\n|---|---|\n| Card | 3 days |\n\n~~old~~ new");
  EXPECT_NE(out.html.find("<table>"), std::string::npos) << out.html;
  EXPECT_NE(out.html.find("<td>Card</td>"), std::string::npos) << out.html;
  EXPECT_NE(out.html.find("<del>old</del>"), std::string::npos) << out.html;
  EXPECT_EQ(out.text, "You paid with · Refund after\nCard · 3 days\nold new");
}

TEST(MarkdownTest, NavigationLinesAreLeftOutOfThePlainText) {
  auto out = RenderMarkdown(
      "Refunds take [five days](/help/articles/refunds) after we get the parcel.\n\n"
      "Where to go next: [Returns policy](/a) · [Damaged item](/b)\n");
  EXPECT_EQ(out.text, "Refunds take five days after we get the parcel.");
  EXPECT_NE(out.html.find("Damaged item"), std::string::npos) << "the page still shows it";
}

TEST(MarkdownTest, BareLinksAreCheckedLikeOthers) {
  auto out = RenderMarkdown("See www.shop.example and https://shop.example/x.");
  EXPECT_NE(out.html.find("href=\"http://www.shop.example\""), std::string::npos) << out.html;
  EXPECT_NE(out.html.find("href=\"https://shop.example/x\""), std::string::npos) << out.html;
}

TEST(MarkdownTest, ScriptTagsBecomeText) {
  auto out =
      RenderMarkdown("Hi <script>alert(1)</script> there\n\n<script>\nalert(2)\n</script>\n");
  EXPECT_EQ(out.html.find("<script"), std::string::npos) << out.html;
  EXPECT_NE(out.html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << out.html;
  EXPECT_NE(out.html.find("&lt;script&gt;"), std::string::npos);
}

TEST(MarkdownTest, RawHtmlIsNeverPassedThrough) {
  auto out = RenderMarkdown(
      "<div onclick=\"x()\">block</div>\n\ntext <img src=x onerror=alert(1)> <iframe "
      "src=\"https://evil.example\"></iframe>\n");
  EXPECT_EQ(out.html.find("<div"), std::string::npos) << out.html;
  EXPECT_EQ(out.html.find("<img"), std::string::npos) << out.html;
  EXPECT_EQ(out.html.find("<iframe"), std::string::npos) << out.html;
  EXPECT_NE(out.html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos) << out.html;
}

// Every href="…" and src="…" value of `html`.
std::vector<std::string> UrlAttributes(const std::string& html) {
  std::vector<std::string> urls;
  for (const std::string attribute : {"href=\"", "src=\""}) {
    for (size_t at = html.find(attribute); at != std::string::npos;
         at = html.find(attribute, at + 1)) {
      const size_t start = at + attribute.size();
      urls.push_back(html.substr(start, html.find('"', start) - start));
    }
  }
  return urls;
}

TEST(MarkdownTest, DangerousLinkSchemesAreDropped) {
  for (const char* md :
       {"[x](javascript:alert(1))", "[x](JavaScript:alert(1))", "[x](data:text/html;base64,AAAA)",
        "[x](vbscript:msgbox)", "![x](data:image/png;base64,AAAA)", "<javascript:alert(1)>",
        "[x](<java\tscript:alert(1)>)", "[x](file:///etc/passwd)", "[x](&#106;avascript:x)"}) {
    auto out = RenderMarkdown(md);
    const auto urls = UrlAttributes(out.html);
    ASSERT_EQ(urls.size(), 1u) << md << " -> " << out.html;
    EXPECT_EQ(urls[0], "") << md << " -> " << out.html;
  }
}

TEST(MarkdownTest, SafeLinksAreKept) {
  auto out = RenderMarkdown(
      "[a](https://shop.example/returns) [b](/help/articles/x) [c](mailto:help@shop.example) "
      "[d](#top)");
  EXPECT_NE(out.html.find("href=\"https://shop.example/returns\""), std::string::npos);
  EXPECT_NE(out.html.find("href=\"/help/articles/x\""), std::string::npos);
  EXPECT_NE(out.html.find("href=\"mailto:help@shop.example\""), std::string::npos);
  EXPECT_NE(out.html.find("href=\"#top\""), std::string::npos);
}

TEST(MarkdownTest, AttributeValuesAreEscaped) {
  auto out = RenderMarkdown("[x](https://a.example/\"onmouseover=\"alert(1) \"t\\\"itle\")");
  EXPECT_EQ(out.html.find("\"onmouseover"), std::string::npos) << out.html;
}

TEST(MarkdownTest, IsSafeUrl) {
  EXPECT_TRUE(IsSafeUrl("https://x.example"));
  EXPECT_TRUE(IsSafeUrl("HTTP://x.example"));
  EXPECT_TRUE(IsSafeUrl("relative/path:with-colon"));
  EXPECT_TRUE(IsSafeUrl("?q=a:b"));
  EXPECT_FALSE(IsSafeUrl("javascript:x"));
  EXPECT_FALSE(IsSafeUrl(" \x01javascript:x"));
  EXPECT_FALSE(IsSafeUrl("jav\nascript:x"));
  EXPECT_FALSE(IsSafeUrl("data:text/html,x"));
}

}  // namespace
}  // namespace rapport::helpcenter
