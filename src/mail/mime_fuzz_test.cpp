// Bounded generative test of ParseMessage: every sample under testdata/, mutated at random
// (bytes flipped, slices repeated, MIME tokens inserted), must parse to a value whose texts are
// valid UTF-8 and whose file names are safe, or to a clear error — never a crash or a sanitizer
// report. docs/testing.md says how to run it longer (make fuzz).
#include <gtest/gtest.h>

#include "mail/mime_parser.hpp"
#include "mail/mime_test_data.hpp"
#include "mail/mime_text.hpp"
#include "testing/fuzz.hpp"

namespace rapport::mail {
namespace {

using testing::FuzzRun;
using testing::IsValidUtf8;

// What MIME treats specially: boundaries, encodings, encoded words, parameters, nesting.
constexpr std::string_view kTokens[] = {"\n",
                                        "\r\n",
                                        "\n\n",
                                        "--",
                                        "--alt-1",
                                        "--mix--",
                                        "boundary=\"x\"",
                                        "Content-Type: multipart/mixed; boundary=\"z\"\n",
                                        "Content-Type: message/rfc822\n\n",
                                        "Content-Transfer-Encoding: base64\n",
                                        "Content-Transfer-Encoding: quoted-printable\n",
                                        "Content-Transfer-Encoding: x-uuencode\n",
                                        "=?UTF-8?B?w4k=?=",
                                        "=?ISO-8859-1?Q?=FC?=",
                                        "=?bogus?X?zz?=",
                                        "filename*0*=UTF-8''%C3",
                                        "filename*1=\"../x\"",
                                        "charset=\"utf-16\"",
                                        "=\n",
                                        "=FF",
                                        "<",
                                        ">",
                                        "\"",
                                        ";",
                                        "\xFF\xFE",
                                        "\xC3"};

void ExpectSafe(const ParsedMessage& m, const FuzzRun& run, std::string_view input) {
  const auto check = [&](const std::string& text, const char* what) {
    EXPECT_TRUE(IsValidUtf8(text)) << what << " " << run.Reproduce(input);
  };
  check(m.subject, "subject");
  check(m.text, "text");
  check(m.html, "html");
  for (const MailAttachment& a : m.attachments) {
    check(a.filename, "filename");
    EXPECT_EQ(a.filename, SafeFilename(a.filename)) << run.Reproduce(input);
    EXPECT_FALSE(a.filename.empty()) << run.Reproduce(input);
    EXPECT_EQ(a.filename.find('/'), std::string::npos) << run.Reproduce(input);
  }
}

TEST(ParseMessageFuzz, MutatedSamplesGiveAValueOrAClearError) {
  std::vector<std::string> samples;
  for (std::string_view name : testdata::kSamples) samples.push_back(testdata::Read(name));
  ParseLimits limits;
  limits.max_message_bytes = 64 * 1024;  // mutations may repeat slices: keep cases small
  FuzzRun run(/*iterations=*/3000, /*seconds=*/5);
  while (run.Next()) {
    std::string input = samples[run.Below(samples.size())];
    const int rounds = static_cast<int>(run.Between(1, 4));
    for (int i = 0; i < rounds; ++i) input = run.Mutate(std::move(input), kTokens);
    const auto parsed = ParseMessage(input, limits);
    if (parsed.ok()) {
      ExpectSafe(*parsed, run, input);
    } else {
      const ErrorCode code = parsed.error().code;
      EXPECT_TRUE(code == ErrorCode::kTooLarge || code == ErrorCode::kMalformed)
          << run.Reproduce(input);
      EXPECT_FALSE(parsed.error().message.empty());
    }
    if (::testing::Test::HasFailure()) break;
  }
}

}  // namespace
}  // namespace rapport::mail
