#include "common/html_escape.hpp"

#include <gtest/gtest.h>

namespace rapport {
namespace {

TEST(EscapeHtmlTest, MarkupBecomesText) {
  EXPECT_EQ(EscapeHtml("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  EXPECT_EQ(EscapeHtml("Grüße"), "Grüße");
}

TEST(EscapeHtmlTest, ParagraphsAndLineBreaks) {
  EXPECT_EQ(TextToHtmlParagraphs("Hi Ada,\r\n\r\nline one\nline <two>"),
            "<p>Hi Ada,</p>\n<p>line one<br>\nline &lt;two&gt;</p>");
  EXPECT_EQ(TextToHtmlParagraphs(""), "<p></p>");
}

}  // namespace
}  // namespace rapport
