// WebAssets: the built web app (web/dist, installed beside the binary as web/), served at "/".
//
// Every file is read into memory once at start-up, so serving is a map lookup: no path ever
// reaches the file system, which rules out traversal. Hashed files under /assets/ are cached for
// a year (their names change with their content); the few files at the top (favicon.ico,
// favicon.svg, copied from web/public) for a day; index.html is never cached, carries the strict
// Content-Security-Policy (no inline script or style, no framing), and answers every other
// non-API path so the app's own routes work on reload. Immutable after Load; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace rapport::http {

// img-src allows https: only so that an agent who chooses "Show images" on a customer's email
// sees them (the mail is sanitised and framed without scripts: docs/design/support_inbox.md).
inline constexpr std::string_view kWebContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

class WebAssets {
 public:
  // Reads `dir` (index.html, the other files beside it, and assets/*). A missing directory is not
  // an error: the API works without the app, and "/" then says how to build it.
  static WebAssets Load(const std::string& dir);

  // The answer for a GET outside the API, or nullopt for paths the app does not own.
  std::optional<Response> Serve(const Request& request) const;
  bool loaded() const { return !index_html_.empty(); }

 private:
  struct Asset {
    std::string content_type;
    std::string body;
  };
  // Reads the regular files of `dir` into assets_ as `url_prefix` + file name.
  void AddFiles(const std::string& dir, const std::string& url_prefix);
  std::string index_html_;
  // By URL path, e.g. "/assets/index-4f2a.js", "/favicon.ico".
  std::map<std::string, Asset, std::less<>> assets_;
};

// The web app's directory when none is configured: "web" beside the running binary.
std::string DefaultWebDir();

}  // namespace rapport::http
