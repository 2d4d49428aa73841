// Bounded generative test of the Markdown renderer and the front-matter parser (docs/testing.md
// says how to run it longer): random documents built from Markdown and HTML fragments that
// attack the output (script tags, event handlers, javascript:/data: links, entity-encoded
// schemes), then mutated byte-wise. Invariants: rendering never crashes; the HTML never contains
// a script/iframe/img-with-handler tag or an unsafe href/src; the plain text never contains a
// NUL; the front-matter parser either refuses with the front_matter field or returns fields
// whose keys are valid and whose body is a suffix of the input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "support/helpcenter/front_matter.hpp"
#include "support/helpcenter/markdown.hpp"
#include "testing/fuzz.hpp"

namespace rapport::helpcenter {
namespace {

using rapport::testing::FuzzRun;

constexpr std::string_view kFragments[] = {"# Title\n",
                                           "**bold** ",
                                           "_em_ ",
                                           "`code` ",
                                           "\n\n",
                                           "- item\n",
                                           "1. item\n",
                                           "> quote\n",
                                           "```\nfence\n```\n",
                                           "[link](https://ok.example) ",
                                           "[bad](javascript:alert(1)) ",
                                           "[bad](JAVASCRIPT:x) ",
                                           "[bad](data:text/html,x) ",
                                           "![img](data:image/png;base64,AA) ",
                                           "<script>alert(1)</script>",
                                           "<img src=x onerror=alert(1)>",
                                           "<a href=\"javascript:x\">a</a>",
                                           "<iframe src=x>",
                                           "[e](&#106;avascript:x) ",
                                           "[e](java&#x09;script:x) ",
                                           "<javascript:x>",
                                           "[r]: javascript:x\n[ref][r] ",
                                           "<!-- c -->",
                                           "&amp; &lt; ",
                                           "ü ß 日本 ",
                                           "\t",
                                           "\r\n",
                                           "<div>\n\n*x*\n\n</div>\n",
                                           "[x](<javascript:x>) ",
                                           "[x](vbscript:x) "};

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
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

TEST(MarkdownFuzzTest, RenderedHtmlIsAlwaysSafe) {
  FuzzRun run(3000, 5.0);
  while (run.Next()) {
    std::string input;
    const size_t parts = 1 + run.Below(12);
    for (size_t i = 0; i < parts; ++i) input += run.Pick(kFragments);
    if (run.Chance(0.5)) input = run.Mutate(input, kFragments);
    const RenderedMarkdown out = RenderMarkdown(input);
    const std::string html = Lower(out.html);
    for (const char* tag : {"<script", "<iframe", "<img src=x", "<div"}) {
      ASSERT_EQ(html.find(tag), std::string::npos) << tag << " in " << out.html << "\n"
                                                   << run.Reproduce(input);
    }
    for (const std::string& url : UrlAttributes(out.html)) {
      ASSERT_TRUE(url.empty() || IsSafeUrl(url)) << url << "\n" << run.Reproduce(input);
    }
    ASSERT_EQ(out.text.find('\0'), std::string::npos) << run.Reproduce(input);
  }
}

constexpr std::string_view kFrontMatterTokens[] = {
    "---\n", "title: x\n", ":", "\n", "\r\n", "#", "\"", " ", "key_1: v\n", "\xEF\xBB\xBF"};

TEST(MarkdownFuzzTest, FrontMatterParserRefusesOrReadsConsistently) {
  FuzzRun run(3000, 5.0);
  while (run.Next()) {
    std::string input = "---\ntitle: A title\nslug: a-slug\ntags: a, b\n---\nBody\n";
    input = run.Mutate(input, kFrontMatterTokens);
    auto file = ParseArticleFile(input);
    if (!file.ok()) {
      ASSERT_EQ(file.error().field_errors.size(), 1u) << run.Reproduce(input);
      ASSERT_EQ(file.error().field_errors[0].field, "front_matter") << run.Reproduce(input);
      continue;
    }
    ASSERT_TRUE(input.ends_with(file->body)) << run.Reproduce(input);
    ASSERT_LE(file->fields.size(), kMaxFrontMatterLines) << run.Reproduce(input);
    for (const auto& [key, value] : file->fields) {
      ASSERT_FALSE(key.empty()) << run.Reproduce(input);
      ASSERT_EQ(value.find('\n'), std::string::npos) << run.Reproduce(input);
    }
  }
}

}  // namespace
}  // namespace rapport::helpcenter
