#include "mail/mime_sniff.hpp"

#include <gtest/gtest.h>

#include <string>

namespace rapport::mail {
namespace {

TEST(SniffContentType, KnowsTheCommonFormatsByTheirBytes) {
  using namespace std::string_literals;
  struct Case {
    std::string bytes;
    std::string_view type;
  };
  const Case cases[] = {
      {"%PDF-1.7\n...", "application/pdf"},
      {"\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s, "image/png"},
      {"\xFF\xD8\xFF\xE0\0\x10JFIF"s, "image/jpeg"},
      {"GIF89a\x01\0\x01\0"s, "image/gif"},
      {"RIFF\x24\0\0\0WEBPVP8 "s, "image/webp"},
      {"RIFF\x24\0\0\0WAVEfmt "s, kOctetStream},
      {"PK\x03\x04\x14\0\0\0\x08\0[Content_Types].xml...word/document.xml"s,
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"PK\x03\x04\x14\0\0\0\x08\0[Content_Types].xml...xl/workbook.xml"s,
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"PK\x03\x04\x14\0\0\0\x08\0notes.txt"s, "application/zip"},
      {"Hello, plain text.\r\nLine two.\tTabbed.", "text/plain"},
      {"Grüße aus Köln", "text/plain"},
      {"\xEF\xBB\xBF<!DOCTYPE html><html>", "text/html"},
      {"  <html><body>x</body></html>", "text/html"},
      {"<script>alert(1)</script>", "text/html"},
      {"<note>xml is text</note>", "text/plain"},
      {"MZ\x90\0\x03\0\0\0"s, kOctetStream},
      {"\x7F"
       "ELF\x02\x01",
       kOctetStream},
      {"latin-1 \xE9t\xE9", kOctetStream},
      {"", kOctetStream},
  };
  for (const Case& c : cases) EXPECT_EQ(SniffContentType(c.bytes), c.type) << c.bytes;
}

TEST(SniffContentType, TextCutInsideACharacterAtTheWindowIsStillText) {
  std::string text(1023, 'a');
  text += "é and more";  // é straddles the 1024-byte window
  EXPECT_EQ(SniffContentType(text), "text/plain");
}

}  // namespace
}  // namespace rapport::mail
