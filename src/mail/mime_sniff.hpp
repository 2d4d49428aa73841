// SniffContentType: what an attachment's bytes are, from their first bytes ("magic numbers"),
// because the declared Content-Type and file name are whatever the sender wrote. Knows only what
// a service desk needs to show or refuse: PDF, PNG, JPEG, GIF, WebP, ZIP and the Office formats
// inside ZIP (DOCX, XLSX), HTML and plain UTF-8 text; everything else is
// application/octet-stream, which the app offers only as a download.
//
// HTML is recognised so that it is never served as text/plain or an image: a file that looks like
// HTML is text/html whatever its name. Thread-safe (no state).
#pragma once

#include <string_view>

namespace rapport::mail {

inline constexpr std::string_view kOctetStream = "application/octet-stream";

std::string_view SniffContentType(std::string_view bytes);

}  // namespace rapport::mail
