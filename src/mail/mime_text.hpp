// Text helpers of the MIME parser, pure functions over bytes (no GMime), unit-tested alone.
//
// - ToUtf8: a body's bytes in its declared charset as valid UTF-8. ISO-8859-1 and US-ASCII are
//   read as Windows-1252, their superset (as browsers do: mail labelled Latin-1 from Windows
//   carries curly quotes and the euro sign in 0x80-0x9F); UTF-8 with bad sequences gets U+FFFD
//   for each; any other charset goes through iconv, and when iconv does not know it or the bytes
//   do not fit it, the text is read as Windows-1252 rather than lost.
// - HtmlToText: what a person reads in an HTML body, as plain text: <script>, <style>, <head>
//   and comments dropped with their content, tags removed, block ends as line breaks, entities
//   decoded, runs of blank space collapsed. Not a sanitiser: the result is only ever text.
// - SafeFilename: an attachment's declared name made safe to show and to store beside others:
//   no directories, no control or bidi-override characters, no characters Windows refuses, no
//   leading dots, at most kMaxFilenameBytes bytes (the extension kept), never empty.
//
// Thread-safe (no state).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rapport::mail {

// Long enough for any real name, short enough for every file system's 255-byte limit with room
// for the content-addressed store's own prefix.
inline constexpr size_t kMaxFilenameBytes = 200;
inline constexpr std::string_view kDefaultFilename = "attachment";

std::string ToUtf8(std::string_view bytes, std::string_view charset);

// `bytes` as UTF-8, each invalid sequence replaced by U+FFFD.
std::string MakeValidUtf8(std::string_view bytes);

// CRLF and lone CR as LF: bodies are stored and compared with LF line ends.
std::string NormalizeLineEnds(std::string_view text);

std::string HtmlToText(std::string_view html);

std::string SafeFilename(std::string_view declared);

}  // namespace rapport::mail
