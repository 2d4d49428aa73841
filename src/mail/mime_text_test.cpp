#include "mail/mime_text.hpp"

#include <gtest/gtest.h>

namespace rapport::mail {
namespace {

TEST(ToUtf8, CharsetsEndAsUtf8) {
  EXPECT_EQ(ToUtf8("Gr\xFC\xDF"
                   "e",
                   "ISO-8859-1"),
            "Grüße");
  EXPECT_EQ(ToUtf8("\x80 \x93quoted\x94", "windows-1252"), "€ “quoted”");
  EXPECT_EQ(ToUtf8("\x80", "iso-8859-1"), "€");  // read as Windows-1252, its superset
  EXPECT_EQ(ToUtf8("caf\xC3\xA9", "UTF-8"), "café");
  EXPECT_EQ(ToUtf8("bad \xC3 byte", "utf-8"), "bad \xEF\xBF\xBD byte");
  EXPECT_EQ(ToUtf8("\xA4", "ISO-8859-15"), "€");  // through iconv
  EXPECT_EQ(ToUtf8("plain", ""), "plain");        // no charset: ASCII, Latin-1 at worst
  EXPECT_EQ(ToUtf8("\xE9t\xE9", "x-unknown-charset"), "été");
}

TEST(MakeValidUtf8, ReplacesOverlongSurrogatesAndTruncatedSequences) {
  EXPECT_EQ(MakeValidUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(MakeValidUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(MakeValidUtf8("ok\xF0\x9F"), "ok\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(MakeValidUtf8("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");
}

TEST(NormalizeLineEnds, CrlfAndCrBecomeLf) {
  EXPECT_EQ(NormalizeLineEnds("a\r\nb\rc\n\r"), "a\nb\nc\n\n");
}

TEST(HtmlToText, DropsHiddenContentAndKeepsLines) {
  struct Case {
    std::string_view html;
    std::string_view text;
  };
  const Case cases[] = {
      {"<p>One</p><p>Two</p>", "One\n\nTwo"},
      {"<div>line 1</div><div>line 2</div>text", "line 1\nline 2\ntext"},
      {"a<br><br>b", "a\n\nb"},
      {"a<br>b<br/>c", "a\nb\nc"},
      {"<script>alert(1)</script>x", "x"},
      {"<SCRIPT>a</SCRIPT >y<style type=x>p{}</style>z", "yz"},
      {"<script>never closed", ""},
      {"<!-- hidden -->shown<!-- unclosed", "shown"},
      {"<ul><li>one</li><li>two</li></ul>", "- one\n- two"},
      {"a &amp; b &lt;c&gt; &#233;&#x20AC; &bogus; &", "a & b <c> é€ &bogus; &"},
      {"<a href=\"x>y\">link</a>", "link"},
      {"  spaced \t\n out  ", "spaced out"},
      {"<p>a</p>\n\n\n<p>b</p>", "a\n\nb"},
      {"1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},
      {"&#0;&#xD800;&#99999999;", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
      {"<td>a</td><td>b</td>", "a b"},
  };
  for (const Case& c : cases) EXPECT_EQ(HtmlToText(c.html), c.text) << c.html;
}

TEST(SafeFilename, NeverAPathNeverEmptyNeverControl) {
  struct Case {
    std::string_view declared;
    std::string_view safe;
  };
  const Case cases[] = {
      {"report.pdf", "report.pdf"},
      {"../../x", "x"},
      {"..\\..\\windows\\evil.exe", "evil.exe"},
      {"/etc/passwd", "passwd"},
      {"", "attachment"},
      {"..", "attachment"},
      {"dir/", "attachment"},
      {"a\r\nb\x01.txt", "ab.txt"},
      {".hidden", "hidden"},
      {"name.", "name"},
      {"in\u202Egnp.exe", "ingnp.exe"},  // right-to-left override would show "inexe.png"
      {"a<b>c:d\"e|f?g*h.txt", "a_b_c_d_e_f_g_h.txt"},
      {"Résumé.pdf", "Résumé.pdf"},
      {"bad\xFF.txt", "bad\xEF\xBF\xBD.txt"},
  };
  for (const Case& c : cases) EXPECT_EQ(SafeFilename(c.declared), c.safe) << c.declared;
}

TEST(SafeFilename, LongNamesKeepTheirExtensionAndWholeCharacters) {
  std::string long_name;
  for (int i = 0; i < 150; ++i) long_name += "é";  // 300 bytes
  const std::string safe = SafeFilename(long_name + ".docx");
  EXPECT_LE(safe.size(), kMaxFilenameBytes);
  EXPECT_EQ(safe.substr(safe.size() - 5), ".docx");
  EXPECT_EQ(SafeFilename(safe), safe);  // valid UTF-8: no sequence was cut
  EXPECT_EQ(SafeFilename(std::string(500, 'a')).size(), kMaxFilenameBytes);
}

}  // namespace
}  // namespace rapport::mail
