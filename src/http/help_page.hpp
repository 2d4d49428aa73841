// HelpPage: the shell of the public help center pages under /help (DESIGN §6,
// docs/design/helpcenter.md § Public pages): server-rendered HTML that works without JavaScript,
// a phone-first stylesheet and a small search-as-you-type script served as files (the CSP allows
// no inline script or style), the theme (colours from the settings) as its own stylesheet, and
// the caching every page carries: a strong ETag of the body, 304 for a matching If-None-Match,
// a short public max-age. Text from people is escaped by the callers (EscapeHtml); article bodies
// are the HTML sanitised at write time. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"
#include "support/helpcenter/kb_config.hpp"

namespace rapport::http {

inline constexpr std::string_view kHelpCacheControl = "public, max-age=60";

struct HelpPageParts {
  std::string_view language = "en";  // the page's lang attribute
  std::string_view title;            // escaped here
  std::string body_html;             // trusted markup built with EscapeHtml by the caller
  std::string search_query;          // the search box's value, escaped here
};

// The page with its headers; 304 without a body when the request's If-None-Match names it.
Response HelpPage(const Request& request, int status,
                  const helpcenter::HelpCenterSettings& settings, const HelpPageParts& parts);

// A response for a static or generated text file under /help/ with ETag and caching.
Response HelpFile(const Request& request, std::string content_type, std::string body,
                  std::string_view cache_control);

// The stylesheet, the script and the theme (from the settings: colours only, validated).
std::string_view HelpStylesheet();
std::string_view HelpScript();
std::string HelpTheme(const helpcenter::HelpCenterSettings& settings);

// A strong ETag of `body` ("\"h<hex>\"").
std::string BodyETag(std::string_view body);

}  // namespace rapport::http
