// The public help center under /help (DESIGN §6, docs/design/helpcenter.md § Public pages): home
// with categories and their articles, category pages, article pages with a "was this helpful?"
// form (a plain form POST, rate-limited per address), server-rendered search and its JSON twin
// for search as you type, the stylesheet, theme and script. Only published articles exist here;
// people's text is escaped; article bodies are the HTML sanitised when they were saved.
#include <memory>

#include "common/html_escape.hpp"
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "http/help_page.hpp"
#include "http/public_page.hpp"
#include "http/rate_limiter.hpp"
#include "support/helpcenter/article.hpp"
#include "support/helpcenter/public_reads.hpp"
#include "support/helpcenter/search.hpp"

namespace rapport::http {
namespace {

using helpcenter::HelpCenterSettings;

// A visitor votes once per article; a few more from one address (an office) are fine.
constexpr int64_t kVotesPerMinute = 10;
// Each page is a few queries on a reader: a crawler or a loop from one address must not take the
// readers from everyone else. A person reads a page in seconds; an office behind one address
// stays far below this (a burst of 240, then 4 a second).
constexpr int64_t kPagesPerMinute = 240;
// Search as you type sends a request per pause in typing; a person stays far below this.
constexpr int64_t kSearchesPerMinute = 120;
constexpr size_t kMaxVoteBody = 1024;
constexpr int kSearchResults = 20;
constexpr int kSuggestions = 6;
constexpr std::string_view kAssetCache = "public, max-age=3600";

// The page's language: ?lang= when it is a language code, else English.
std::string LanguageOf(const Request& request) {
  auto lang = request.Query("lang");
  return lang && helpcenter::IsValidLanguage(*lang) ? *lang : std::string("en");
}

std::string ArticleUrl(std::string_view slug) { return "/help/articles/" + std::string(slug); }

std::string ArticleList(const std::vector<helpcenter::PublicArticleLink>& articles) {
  std::string html = "<ul class=\"articles\">\n";
  for (const auto& article : articles) {
    html += "<li><a href=\"" + EscapeHtml(ArticleUrl(article.slug)) + "\">" +
            EscapeHtml(article.title) + "</a></li>\n";
  }
  return html + "</ul>\n";
}

Response NotFoundPage(const Request& request, const HelpCenterSettings& settings,
                      std::string_view language) {
  return HelpPage(request, 404, settings,
                  {.language = language,
                   .title = "Page not found",
                   .body_html = "<h1>Page not found</h1>\n<p>This page does not exist or is no "
                                "longer published. <a href=\"/help\">Back to the help "
                                "center</a>.</p>"});
}

Response Unavailable(const Error& error) {
  return PublicPage(
      StatusFor(error.code), "Help center",
      "<h1>Help center</h1>\n<p role=\"alert\">" + EscapeHtml(error.message) + "</p>");
}

std::string LanguageSwitch(const std::vector<std::string>& languages, std::string_view current) {
  if (languages.size() < 2) return "";
  std::string html = "<nav class=\"languages\" aria-label=\"Language\">";
  for (const auto& language : languages) {
    if (language == current) {
      html += "<span aria-current=\"true\">" + EscapeHtml(language) + "</span> ";
    } else {
      html += "<a href=\"/help?lang=" + EscapeHtml(language) + "\" hreflang=\"" +
              EscapeHtml(language) + "\" lang=\"" + EscapeHtml(language) + "\">" +
              EscapeHtml(language) + "</a> ";
    }
  }
  return html + "</nav>\n";
}

Response Home(ApiServices& s, const Request& request) {
  const std::string language = LanguageOf(request);
  auto home = helpcenter::ReadPublicHome(s.database, language);
  if (!home.ok()) return Unavailable(home.error());
  std::string body = "<h1>" + EscapeHtml(home->settings.title) + "</h1>\n" +
                     LanguageSwitch(home->languages, language);
  if (home->categories.empty() && home->uncategorised.empty()) {
    body += "<p>No articles yet.</p>\n";
  }
  for (const auto& category : home->categories) {
    body += "<section class=\"category\"><h2><a href=\"/help/categories/" +
            EscapeHtml(category.slug) + "?lang=" + EscapeHtml(language) + "\">" +
            EscapeHtml(category.name) + "</a></h2>\n";
    if (!category.description.empty()) body += "<p>" + EscapeHtml(category.description) + "</p>\n";
    body += ArticleList(category.articles) + "</section>\n";
  }
  if (!home->uncategorised.empty()) {
    body += "<section class=\"category\"><h2>More articles</h2>\n" +
            ArticleList(home->uncategorised) + "</section>\n";
  }
  return HelpPage(request, 200, home->settings,
                  {.language = language, .title = "Help center", .body_html = body});
}

Response Category(ApiServices& s, const Request& request, const std::string& slug) {
  const std::string language = LanguageOf(request);
  auto settings = helpcenter::ReadPublicSettings(s.database);
  if (!settings.ok()) return Unavailable(settings.error());
  auto category = helpcenter::ReadPublicCategory(s.database, slug, language);
  if (!category.ok()) {
    if (category.error().code == ErrorCode::kNotFound) {
      return NotFoundPage(request, *settings, language);
    }
    return Unavailable(category.error());
  }
  std::string body = "<p class=\"crumbs\"><a href=\"/help?lang=" + EscapeHtml(language) +
                     "\">Help center</a></p>\n<h1>" + EscapeHtml(category->name) + "</h1>\n";
  if (!category->description.empty()) body += "<p>" + EscapeHtml(category->description) + "</p>\n";
  body += category->articles.empty() ? "<p>No articles in this language yet.</p>\n"
                                     : ArticleList(category->articles);
  return HelpPage(request, 200, *settings,
                  {.language = language, .title = category->name, .body_html = body});
}

std::string VoteForm(std::string_view slug) {
  return "<form class=\"helpful\" method=\"post\" action=\"" + EscapeHtml(ArticleUrl(slug)) +
         "/vote\">\n<fieldset><legend>Was this helpful?</legend>"
         "<button type=\"submit\" name=\"helpful\" value=\"yes\">Yes</button>"
         "<button type=\"submit\" name=\"helpful\" value=\"no\" class=\"secondary\">No</button>"
         "</fieldset>\n</form>";
}

Response Article(ApiServices& s, const Request& request, const std::string& slug) {
  auto settings = helpcenter::ReadPublicSettings(s.database);
  if (!settings.ok()) return Unavailable(settings.error());
  auto article = helpcenter::ReadPublicArticle(s.database, slug);
  if (!article.ok()) {
    if (article.error().code == ErrorCode::kNotFound) {
      return NotFoundPage(request, *settings, LanguageOf(request));
    }
    return Unavailable(article.error());
  }
  std::string body = "<p class=\"crumbs\"><a href=\"/help?lang=" + EscapeHtml(article->language) +
                     "\">Help center</a>";
  if (article->category) {
    body += " › <a href=\"/help/categories/" + EscapeHtml(article->category->slug) +
            "?lang=" + EscapeHtml(article->language) + "\">" + EscapeHtml(article->category->name) +
            "</a>";
  }
  body += "</p>\n<article>\n<h1>" + EscapeHtml(article->title) + "</h1>\n";
  if (!article->translations.empty()) {
    body += "<nav class=\"languages\" aria-label=\"Other languages\">Also in: ";
    for (const auto& other : article->translations) {
      body += "<a href=\"" + EscapeHtml(ArticleUrl(other.slug)) + "\" hreflang=\"" +
              EscapeHtml(other.language) + "\" lang=\"" + EscapeHtml(other.language) + "\">" +
              EscapeHtml(other.title) + " (" + EscapeHtml(other.language) + ")</a>";
    }
    body += "</nav>\n";
  }
  body += "<p class=\"meta\">Updated " + EscapeHtml(article->updated_at.substr(0, 10)) +
          "</p>\n<div class=\"article\">\n" + article->body_html + "</div>\n</article>\n" +
          VoteForm(article->slug);
  return HelpPage(request, 200, *settings,
                  {.language = article->language, .title = article->title, .body_html = body});
}

Result<std::vector<helpcenter::SearchHit>> RunSearch(ApiServices& s, const std::string& q,
                                                     const std::string& language, int limit) {
  return helpcenter::SearchArticles(
      s.database, {.query = q, .language = language, .limit = limit, .published_only = true});
}

Response SearchPage(ApiServices& s, const Request& request) {
  const std::string language = LanguageOf(request);
  const std::string q = request.Query("q").value_or("");
  auto settings = helpcenter::ReadPublicSettings(s.database);
  if (!settings.ok()) return Unavailable(settings.error());
  std::string body = "<h1>Search</h1>\n";
  int status = 200;
  if (!q.empty()) {
    auto hits = RunSearch(s, q, language, kSearchResults);
    if (!hits.ok()) {
      status = StatusFor(hits.error().code);
      body += "<p role=\"alert\">" +
              EscapeHtml(hits.error().field_errors.empty()
                             ? hits.error().message
                             : "Your search " + hits.error().field_errors[0].message + ".") +
              "</p>\n";
    } else if (hits->empty()) {
      body += "<p>No articles match “" + EscapeHtml(q) + "”.</p>\n";
    } else {
      body += "<p>" + std::to_string(hits->size()) + " articles match “" + EscapeHtml(q) +
              "”.</p>\n<ul class=\"articles\">\n";
      for (const auto& hit : *hits) {
        body += "<li><a href=\"" + EscapeHtml(ArticleUrl(hit.slug)) + "\">" +
                EscapeHtml(hit.title) + "</a><p class=\"passage\">" + EscapeHtml(hit.passage) +
                "</p></li>\n";
      }
      body += "</ul>\n";
    }
  }
  return HelpPage(request, status, *settings,
                  {.language = language, .title = "Search", .body_html = body, .search_query = q});
}

Response SearchJson(ApiServices& s, const Request& request) {
  auto hits = RunSearch(s, request.Query("q").value_or(""), LanguageOf(request), kSuggestions);
  if (!hits.ok()) return ErrorResponse(request, hits.error());
  json::array data;
  for (const auto& hit : *hits) {
    data.push_back(json::object{
        {"title", hit.title}, {"url", ArticleUrl(hit.slug)}, {"passage", hit.passage}});
  }
  Response response = Response::Json(200, json::object{{"data", std::move(data)}});
  response.WithHeader("Cache-Control", "public, max-age=60");
  return response;
}

Response Vote(ApiServices& s, const Request& request, const std::string& slug,
              RateLimiter& limiter) {
  const bool form = IsFormPost(request);
  auto settings = helpcenter::ReadPublicSettings(s.database);
  if (!settings.ok()) return Unavailable(settings.error());
  auto fail = [&](const Error& error) {
    if (!form) return ErrorResponse(request, error);
    return HelpPage(request, StatusFor(error.code), *settings,
                    {.title = "Not recorded",
                     .body_html = "<h1>Your answer was not recorded</h1>\n<p role=\"alert\">" +
                                  EscapeHtml(error.message) + "</p>"});
  };
  if (auto retry = limiter.Take(request.remote_address)) {
    return fail(Error::RateLimited("Too many answers from your address; try again soon.", *retry));
  }
  if (request.body.size() > kMaxVoteBody) return fail(Error::TooLarge("The answer is too large."));
  std::string helpful;
  if (form) {
    auto fields = ParseFormBody(request.body);
    if (!fields.ok()) return fail(fields.error());
    helpful = (*fields)["helpful"];
  } else {
    auto body = ParseBody(request);
    if (!body.ok()) return fail(body.error());
    const json::value* value = body->if_contains("helpful");
    if (value != nullptr && value->is_string()) helpful = std::string(value->as_string());
  }
  if (helpful != "yes" && helpful != "no") {
    return fail(Error::Invalid("helpful", "must be yes or no"));
  }
  Status voted = s.kb_articles->Vote(slug, helpful == "yes");
  if (!voted.ok()) return fail(voted.error());
  if (!form) return Response::Json(201, json::object{{"helpful", helpful}});
  Response page = HelpPage(
      request, 200, *settings,
      {.title = "Thank you",
       .body_html = "<h1>Thank you</h1>\n<p>Your answer helps us improve this article.</p>\n"
                    "<p><a href=\"" +
                    EscapeHtml(ArticleUrl(slug)) +
                    "\">Back to the article</a> · "
                    "<a href=\"/help\">Help center</a></p>"});
  // An answer to a POST: never cached.
  for (auto& [name, value] : page.headers) {
    if (name == "Cache-Control") value = "no-store";
  }
  return page;
}

// `page` behind the per-address bound on pages: past it, a 429 problem with Retry-After.
Handler PerAddress(std::shared_ptr<RateLimiter> limiter, Handler page) {
  return [limiter = std::move(limiter), page = std::move(page)](
             const Request& request, const PathParams& params, const Caller& caller) {
    if (auto retry = limiter->Take(request.remote_address)) {
      return ErrorResponse(
          request, Error::RateLimited("Too many pages from your address; try again soon.", *retry));
    }
    return page(request, params, caller);
  };
}

Route Public(std::string method, std::string pattern, std::string summary, Handler handler) {
  return Route{.method = std::move(method),
               .pattern = std::move(pattern),
               .summary = std::move(summary),
               .tag = "public",
               .requires_auth = false,
               .handler = std::move(handler)};
}

}  // namespace

void AddHelpPageRoutes(Router& router, ApiServices& s) {
  if (s.kb_articles == nullptr) return;
  auto votes = std::make_shared<RateLimiter>(kVotesPerMinute);
  auto searches = std::make_shared<RateLimiter>(kSearchesPerMinute);
  auto pages = std::make_shared<RateLimiter>(kPagesPerMinute);
  router.Add(Public("GET", "/help", "The help center's home: categories and their articles (HTML)",
                    PerAddress(pages, [&s](const Request& request, const PathParams&,
                                           const Caller&) { return Home(s, request); })));
  router.Add(Public(
      "GET", "/help/categories/{slug}", "A help center category (HTML)",
      PerAddress(pages, [&s](const Request& request, const PathParams& params, const Caller&) {
        return Category(s, request, params.at("slug"));
      })));
  router.Add(Public(
      "GET", "/help/articles/{slug}", "A published article (HTML)",
      PerAddress(pages, [&s](const Request& request, const PathParams& params, const Caller&) {
        return Article(s, request, params.at("slug"));
      })));
  Route vote = Public(
      "POST", "/help/articles/{slug}/vote",
      "Was this article helpful? {helpful: yes|no}, as a form or JSON; rate-limited per address",
      [&s, votes](const Request& request, const PathParams& params, const Caller&) {
        return Vote(s, request, params.at("slug"), *votes);
      });
  vote.request_schema = "HelpVoteInput";
  vote.success_status = 201;
  router.Add(std::move(vote));
  router.Add(Public(
      "GET", "/help/search", "Search the help center (HTML, works without JavaScript)",
      [&s, searches](const Request& request, const PathParams&, const Caller&) {
        if (auto retry = searches->Take(request.remote_address)) {
          return Unavailable(Error::RateLimited("Too many searches; try again soon.", *retry));
        }
        return SearchPage(s, request);
      }));
  Route json =
      Public("GET", "/help/search.json",
             "Search as you type: {data: [{title, url, passage}]} for ?q=&lang=",
             [&s, searches](const Request& request, const PathParams&, const Caller&) {
               if (auto retry = searches->Take(request.remote_address)) {
                 return ErrorResponse(
                     request, Error::RateLimited("Too many searches; try again soon.", *retry));
               }
               return SearchJson(s, request);
             });
  json.response_schema = "HelpSearchResults";
  router.Add(std::move(json));
  router.Add(Public("GET", "/help/assets/help.css", "The help center's stylesheet",
                    [](const Request& request, const PathParams&, const Caller&) {
                      return HelpFile(request, "text/css; charset=utf-8",
                                      std::string(HelpStylesheet()), kAssetCache);
                    }));
  router.Add(Public("GET", "/help/assets/search.js", "The help center's search-as-you-type script",
                    [](const Request& request, const PathParams&, const Caller&) {
                      return HelpFile(request, "text/javascript; charset=utf-8",
                                      std::string(HelpScript()), kAssetCache);
                    }));
  router.Add(Public("GET", "/help/theme.css", "The help center's colours (from its settings)",
                    [&s](const Request& request, const PathParams&, const Caller&) {
                      auto settings = helpcenter::ReadPublicSettings(s.database);
                      if (!settings.ok()) return ErrorResponse(request, settings.error());
                      return HelpFile(request, "text/css; charset=utf-8", HelpTheme(*settings),
                                      kHelpCacheControl);
                    }));
}

}  // namespace rapport::http
