// PublicPage: the small server-rendered HTML pages of the public surfaces (rating page, support
// form): one shell with a phone-sized, accessible layout (lang, viewport, labelled controls,
// visible focus, no JavaScript) and the headers every public page carries (DESIGN §6). Text from
// people is always passed through EscapeHtml by the callers' helpers here, never spliced raw.
// Pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace rapport::http {

// `title` is escaped; `body_html` is trusted markup built with EscapeHtml by the caller.
Response PublicPage(int status, std::string_view title, std::string_view body_html);
// The same page in `language` ("de": <html lang="de">), for screen readers and hyphenation.
Response PublicPage(int status, std::string_view title, std::string_view body_html,
                    std::string_view language);

// application/x-www-form-urlencoded to fields (last one wins); kMalformed when it is not.
Result<std::map<std::string, std::string>> ParseFormBody(std::string_view body);

// Whether the request sent a form (a browser without JavaScript) rather than JSON.
bool IsFormPost(const Request& request);

}  // namespace rapport::http
