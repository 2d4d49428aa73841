#include "http/help_page.hpp"

#include <cstdio>

#include "common/html_escape.hpp"

namespace rapport::http {
namespace {

// Scripts and styles only from this server's files; images also from https (the logo);
// fetches only to this server (search.json); nobody frames the pages.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

constexpr std::string_view kStylesheet = R"css(:root{--accent:#1f5fbf;--bg:#fff;--text:#1b1b1f}
*{box-sizing:border-box}
body{font:16px/1.6 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--text);background:var(--bg)}
a{color:var(--accent)}a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.skip{position:absolute;left:-10000px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
header{background:var(--accent);color:#fff;padding:1rem}
header .inner,main,footer{max-width:48rem;margin:0 auto}
header a{color:#fff;text-decoration:none;font-weight:700;font-size:1.25rem;display:inline-flex;align-items:center;gap:.5rem}
header img{max-height:2rem;max-width:8rem}
main{padding:1rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
form.search{display:flex;gap:.5rem;flex-wrap:wrap;margin:1rem 0}
form.search label{flex-basis:100%;font-weight:600}
form.search input{flex:1 1 12rem;min-width:0;font:inherit;padding:.6rem;border:1px solid #6b6b6b;border-radius:6px}
button{font:inherit;padding:.6rem 1.1rem;border:0;border-radius:6px;background:var(--accent);color:#fff;cursor:pointer}
button.secondary{background:#fff;color:var(--accent);border:2px solid var(--accent)}
ul.articles{list-style:none;padding:0;margin:0}ul.articles li{padding:.4rem 0;border-bottom:1px solid #ddd}
.category p{margin:.25rem 0 .5rem;color:#555}
.article{overflow-wrap:anywhere}.article img{max-width:100%;height:auto}
.article pre{overflow-x:auto;background:#f3f3f3;padding:.75rem;border-radius:6px}
.article table{display:block;overflow-x:auto;border-collapse:collapse}
.article th,.article td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}
.article blockquote{margin:0;padding-left:1rem;border-left:4px solid #ccc}
.crumbs{font-size:.9rem}.meta{color:#555;font-size:.9rem}
.helpful{margin-top:2rem;padding:1rem;border:1px solid #ccc;border-radius:8px}
.helpful fieldset{border:0;padding:0;margin:0;display:flex;gap:.75rem;flex-wrap:wrap;align-items:center}
.helpful legend{font-weight:600;margin-bottom:.5rem}
.languages{font-size:.9rem}.languages a{margin-right:.75rem}
.passage{margin:.25rem 0 0;color:#444}
.suggestions{list-style:none;padding:0;margin:0 0 1rem}.suggestions li{padding:.3rem 0}
footer{padding:1rem;color:#555;font-size:.85rem}
)css";

// Search as you type: progressive enhancement of the search form. Without JavaScript the form
// submits to /help/search; with it, results from /help/search.json show under the box.
constexpr std::string_view kScript = R"js((function () {
  var form = document.querySelector('form.search');
  if (!form || !window.fetch) return;
  var input = form.querySelector('input[name=q]');
  var lang = form.querySelector('input[name=lang]');
  var list = document.createElement('ul');
  list.className = 'suggestions';
  list.id = 'search-suggestions';
  list.setAttribute('aria-live', 'polite');
  list.setAttribute('aria-label', 'Suggestions');
  input.setAttribute('aria-controls', list.id);
  form.parentNode.insertBefore(list, form.nextSibling);
  var timer = null, seq = 0;
  function show(items, mine) {
    if (mine !== seq) return;
    list.textContent = '';
    items.forEach(function (item) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = item.url;
      a.textContent = item.title;
      li.appendChild(a);
      if (item.passage) {
        var p = document.createElement('p');
        p.className = 'passage';
        p.textContent = item.passage;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value;
    timer = setTimeout(function () {
      var mine = ++seq;
      if (q.trim().length < 2) { show([], mine); return; }
      var url = '/help/search.json?q=' + encodeURIComponent(q) +
                (lang ? '&lang=' + encodeURIComponent(lang.value) : '');
      fetch(url, {headers: {Accept: 'application/json'}})
        .then(function (r) { return r.ok ? r.json() : {data: []}; })
        .then(function (body) { show(body.data || [], mine); })
        .catch(function () {});
    }, 150);
  });
})();
)js";

uint64_t Fnv1a(std::string_view text) {
  uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

bool NotModified(const Request& request, std::string_view etag) {
  auto header = request.Header("if-none-match");
  if (!header) return false;
  // A list of tags, perhaps weak: any match is enough for a GET.
  const std::string_view tags = *header;
  return tags.find(etag) != std::string_view::npos || tags == "*";
}

Response WithCaching(const Request& request, Response response, std::string_view cache_control) {
  const std::string etag = BodyETag(response.body);
  if (response.status == 200 && NotModified(request, etag)) {
    Response not_modified;
    not_modified.status = 304;
    not_modified.WithHeader("ETag", etag);
    not_modified.WithHeader("Cache-Control", std::string(cache_control));
    return not_modified;
  }
  if (response.status == 200) {
    response.WithHeader("ETag", etag);
    response.WithHeader("Cache-Control", std::string(cache_control));
  } else {
    response.WithHeader("Cache-Control", "no-store");
  }
  return response;
}

}  // namespace

std::string BodyETag(std::string_view body) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(Fnv1a(body)));
  return "\"h" + std::string(hex) + "\"";
}

Response HelpPage(const Request& request, int status,
                  const helpcenter::HelpCenterSettings& settings, const HelpPageParts& parts) {
  const std::string site = EscapeHtml(settings.title);
  std::string logo;
  if (settings.logo_url) {
    logo = "<img src=\"" + EscapeHtml(*settings.logo_url) + "\" alt=\"\">";
  }
  Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body =
      "<!doctype html>\n<html lang=\"" + EscapeHtml(parts.language) +
      "\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      EscapeHtml(parts.title) + " · " + site +
      "</title>\n<link rel=\"stylesheet\" href=\"/help/assets/help.css\">\n"
      "<link rel=\"stylesheet\" href=\"/help/theme.css\">\n"
      "<script src=\"/help/assets/search.js\" defer></script>\n</head>\n<body>\n"
      "<a class=\"skip\" href=\"#content\">Skip to content</a>\n<header><div class=\"inner\">"
      "<a href=\"/help?lang=" +
      EscapeHtml(parts.language) + "\">" + logo + site +
      "</a></div></header>\n<main id=\"content\">\n"
      "<form class=\"search\" role=\"search\" method=\"get\" action=\"/help/search\">\n"
      "<label for=\"help-q\">Search the help center</label>\n"
      "<input id=\"help-q\" type=\"search\" name=\"q\" maxlength=\"200\" autocomplete=\"off\" "
      "value=\"" +
      EscapeHtml(parts.search_query) +
      "\">\n"
      "<input type=\"hidden\" name=\"lang\" value=\"" +
      EscapeHtml(parts.language) +
      "\">\n"
      "<button type=\"submit\">Search</button>\n</form>\n" +
      parts.body_html + "\n</main>\n<footer>" + site + "</footer>\n</body>\n</html>\n";
  response.WithHeader("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.WithHeader("X-Content-Type-Options", "nosniff");
  response.WithHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  return WithCaching(request, std::move(response), kHelpCacheControl);
}

Response HelpFile(const Request& request, std::string content_type, std::string body,
                  std::string_view cache_control) {
  Response response;
  response.status = 200;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  response.WithHeader("X-Content-Type-Options", "nosniff");
  return WithCaching(request, std::move(response), cache_control);
}

std::string_view HelpStylesheet() { return kStylesheet; }
std::string_view HelpScript() { return kScript; }

std::string HelpTheme(const helpcenter::HelpCenterSettings& settings) {
  // The colours were validated as #rrggbb when saved (kb_config.cpp): nothing else reaches CSS.
  return ":root{--accent:" + settings.accent_color + ";--bg:" + settings.background_color +
         ";--text:" + settings.text_color + "}\n";
}

}  // namespace rapport::http
