// Files over HTTP, shared by ticket attachments and chat files: reading an upload's body (spooled
// to a file for upload routes) and answering a download that a browser only ever saves, never
// renders (docs/design/support.md § Attachments). Stateless; thread-safe.
#pragma once

#include <string>

#include "common/result.hpp"
#include "http/message.hpp"

namespace rapport::http {

// The upload's bytes: the spooled file of an upload route, else the body.
Result<std::string> ReadUploadBody(const Request& request);

// The file as a download: Content-Disposition attachment with an RFC 8187 filename* and an ASCII
// fallback, the sniffed `type` (HTML as application/octet-stream), nosniff, a sandboxing CSP,
// never cached.
Response FileDownload(std::string bytes, const std::string& type, const std::string& name);

}  // namespace rapport::http
