#include "http/public_page.hpp"

#include <boost/url.hpp>

#include "common/html_escape.hpp"

namespace rapport::http {
namespace {

// No script, no remote anything; inline styles only; forms post back to this server; nobody
// frames the page (clickjacking a one-click rating).
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'";

constexpr std::string_view kStyle =
    "body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1a1a1a;"
    "background:#f6f6f4}main{max-width:32rem;margin:0 auto;background:#fff;padding:1.25rem;"
    "border-radius:8px}h1{font-size:1.4rem;margin-top:0}label{display:block;font-weight:600;"
    "margin-top:1rem}input[type=text],input[type=email],textarea{width:100%;box-sizing:border-box;"
    "font:inherit;padding:.5rem;border:1px solid #767676;border-radius:4px}fieldset{border:0;"
    "padding:0;margin:1rem 0 0}legend{font-weight:600}.choice{display:inline-block;"
    "margin-right:1.5rem}.choice label{display:inline;font-weight:400}button{margin-top:1rem;"
    "font:inherit;padding:.6rem 1.2rem;background:#0b5cad;color:#fff;border:0;border-radius:4px}"
    ":focus-visible{outline:3px solid #f0a500;outline-offset:2px}.error{color:#a40000}"
    ".hidden{position:absolute;left:-10000px}";

}  // namespace

Response PublicPage(int status, std::string_view title, std::string_view body_html) {
  return PublicPage(status, title, body_html, "en");
}

Response PublicPage(int status, std::string_view title, std::string_view body_html,
                    std::string_view language) {
  Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = "<!doctype html>\n<html lang=\"" + EscapeHtml(language) +
                  "\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>" +
                  EscapeHtml(title) + "</title>\n<style>" + std::string(kStyle) +
                  "</style>\n</head>\n<body>\n<main>\n" + std::string(body_html) +
                  "\n</main>\n</body>\n</html>\n";
  response.WithHeader("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.WithHeader("X-Content-Type-Options", "nosniff");
  // The token is in the URL: never send it on to another site, never keep the page.
  response.WithHeader("Referrer-Policy", "no-referrer");
  response.WithHeader("Cache-Control", "no-store");
  return response;
}

Result<std::map<std::string, std::string>> ParseFormBody(std::string_view body) {
  // Forms encode a space as '+'; the URL query grammar reads '+' literally, so turn it into %20
  // (a literal plus arrives as %2B and stays one).
  std::string query(body);
  for (size_t at = query.find('+'); at != std::string::npos; at = query.find('+', at)) {
    query.replace(at, 1, "%20");
  }
  if (!boost::urls::parse_query(query)) {
    return Error::Malformed("The form body is not application/x-www-form-urlencoded.");
  }
  boost::urls::url url;
  url.set_encoded_query(query);
  std::map<std::string, std::string> fields;
  for (const auto& param : url.params()) fields[param.key] = param.value;
  return fields;
}

bool IsFormPost(const Request& request) {
  const std::string type = request.Header("content-type").value_or("");
  return type.starts_with("application/x-www-form-urlencoded");
}

}  // namespace rapport::http
