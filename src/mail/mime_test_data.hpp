// The sample messages under src/mail/testdata/, read for the mail tests. Test-only.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace rapport::mail::testdata {

inline constexpr std::string_view kSamples[] = {
    "alternative.eml", "latin1.eml",     "attachment_rfc2231.eml", "inline_image.eml",
    "bounce_dsn.eml",  "auto_reply.eml", "outlook_reply.eml",      "malformed.eml",
    "html_script.eml", "traversal.eml"};

inline std::string Read(std::string_view name) {
  std::ifstream in(std::string(RAPPORT_MAIL_TESTDATA) + "/" + std::string(name), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace rapport::mail::testdata
