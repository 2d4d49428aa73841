// The reviews' public side (docs/design/reviews.md § Collecting, § Showing):
// - /r/{token}: the review request page — no login, no JavaScript, phone-sized, en/de: stars,
//   title, text in one plain form; one review per link; JSON too ({rating, title, text}).
// - /public/reviews: published reviews as JSON for shop pages (?product_id=&limit=&cursor=),
//   with the product's stats; no customer ids or emails, the author as "Ada L."; cacheable
//   (ETag, If-None-Match → 304) and open to any origin (it names nothing private).
// - /public/reviews/widget: the same as a small HTML page a shop embeds in an iframe.
// Every route is rate-limited per address here (public routes are not limited by the server);
// review text is escaped on every render (EscapeHtml), never spliced raw.
#include <sodium.h>

#include <cstdio>
#include <memory>

#include "common/html_escape.hpp"
#include "http/handler_support.hpp"
#include "http/public_page.hpp"
#include "http/rate_limiter.hpp"
#include "http/review_routes.hpp"

namespace rapport::http {
namespace {

constexpr int64_t kPagesPerMinute = 60;
constexpr int64_t kPostsPerMinute = 20;
constexpr int64_t kPublicReadsPerMinute = 120;
constexpr size_t kMaxBodyBytes = 32 * 1024;  // 5,000 characters of UTF-8 and the field names

struct Words {
  std::string_view title, about_business, rating, star, stars, review_title, text, send,
      thanks_title, thanks, cannot_use, not_saved;
};
constexpr Words kEnglish{"Your review",
                         "us",
                         "Your rating",
                         "star",
                         "stars",
                         "Title (optional)",
                         "Your review (optional)",
                         "Send review",
                         "Thank you",
                         "We have your review. It appears once we have read it.",
                         "This link cannot be used",
                         "Your review was not saved"};
constexpr Words kGerman{"Ihre Bewertung",
                        "uns",
                        "Ihre Bewertung in Sternen",
                        "Stern",
                        "Sterne",
                        "Titel (optional)",
                        "Ihr Text (optional)",
                        "Bewertung senden",
                        "Vielen Dank",
                        "Wir haben Ihre Bewertung. Sie erscheint, sobald wir sie gelesen haben.",
                        "Dieser Link kann nicht verwendet werden",
                        "Ihre Bewertung wurde nicht gespeichert"};

const Words& WordsFor(std::string_view language) { return language == "de" ? kGerman : kEnglish; }

std::string RequestForm(const feedback::ReviewRequestPage& page, const Error* error) {
  const Words& w = WordsFor(page.language);
  const std::string about = page.about.empty() ? std::string(w.about_business) : page.about;
  std::string html = "<h1>" + std::string(w.title) + ": " + EscapeHtml(about) +
                     "</h1>\n<form method=\"post\">\n<fieldset";
  std::string field;
  std::string message;
  if (error != nullptr) {
    field = error->field_errors.empty() ? "" : error->field_errors.front().field;
    message = error->field_errors.empty() ? error->message : error->field_errors.front().message;
  }
  if (field == "rating") html += " aria-describedby=\"form-error\"";
  html += "><legend>" + std::string(w.rating) + "</legend>\n";
  for (int n = 1; n <= 5; ++n) {
    const std::string value = std::to_string(n);
    html += "<span class=\"choice\"><input type=\"radio\" name=\"rating\" id=\"rating-" + value +
            "\" value=\"" + value + "\"" + (n == 5 ? " required" : "") + "><label for=\"rating-" +
            value + "\">" + value + " " + std::string(n == 1 ? w.star : w.stars) +
            "</label></span>\n";
  }
  html += "</fieldset>\n<label for=\"title\">" + std::string(w.review_title) +
          "</label>\n<input type=\"text\" id=\"title\" name=\"title\" maxlength=\"200\">\n"
          "<label for=\"text\">" +
          std::string(w.text) +
          "</label>\n<textarea id=\"text\" name=\"text\" rows=\"6\" maxlength=\"5000\">"
          "</textarea>\n";
  if (!message.empty()) {
    html += "<p role=\"alert\" class=\"error\" id=\"form-error\">" + EscapeHtml(message) + "</p>\n";
  }
  html += "<button type=\"submit\">" + std::string(w.send) + "</button>\n</form>";
  return html;
}

Response RequestPage(const feedback::ReviewRequestPage& page, const Error* error = nullptr,
                     int status = 200) {
  const Words& w = WordsFor(page.language);
  if (page.completed) {
    return PublicPage(
        200, w.thanks_title,
        "<h1>" + std::string(w.thanks_title) + "</h1>\n<p>" + std::string(w.thanks) + "</p>",
        page.language);
  }
  return PublicPage(status, w.title, RequestForm(page, error), page.language);
}

Response ErrorPage(const Error& error, std::string_view title) {
  return PublicPage(StatusFor(error.code), title,
                    "<h1>" + EscapeHtml(title) + "</h1>\n<p role=\"alert\" class=\"error\">" +
                        EscapeHtml(error.message) + "</p>");
}

json::object StepJson(const feedback::ReviewRequestPage& page) {
  return json::object{
      {"language", page.language}, {"about", page.about}, {"completed", page.completed}};
}

Result<feedback::ReviewWords> ReadWords(const Request& request) {
  if (IsFormPost(request)) {
    RAPPORT_ASSIGN_OR_RETURN(auto form, ParseFormBody(request.body));
    auto text_of = [&](const char* name) -> json::value {
      auto found = form.find(name);
      return found == form.end() ? json::value(nullptr) : json::value(found->second);
    };
    const json::value rating = text_of("rating");
    const json::value title = text_of("title");
    const json::value text = text_of("text");
    return feedback::ParseReviewWords(&rating, &title, &text);
  }
  RAPPORT_ASSIGN_OR_RETURN(json::object body, ParseBody(request));
  for (const auto& [key, unused] : body) {
    if (key != "rating" && key != "title" && key != "text") {
      return Error::Invalid(std::string(key), "is not a known field");
    }
  }
  const json::value* rating = body.if_contains("rating");
  if (rating != nullptr && !rating->is_int64()) {
    return Error::Invalid("rating", "must be a number of stars from 1 to 5");
  }
  return feedback::ParseReviewWords(rating, body.if_contains("title"), body.if_contains("text"));
}

// A strong ETag over the body: shops and CDNs revalidate cheaply.
std::string BodyETag(std::string_view body) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(body.data()),
                     body.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return "\"" + std::string(hex) + "\"";
}

Response Cacheable(const Request& request, Response response) {
  const std::string etag = BodyETag(response.body);
  if (request.Header("if-none-match").value_or("") == etag) {
    response.status = 304;
    response.body.clear();
  }
  response.WithHeader("ETag", etag);
  response.WithHeader("Cache-Control", "public, max-age=60");
  response.WithHeader("Access-Control-Allow-Origin", "*");
  return response;
}

struct PublicQuery {
  feedback::PublicReviewQuery query;
  std::string product_id;
};

Result<PublicQuery> PublicQueryFromUrl(const Request& request) {
  PublicQuery out;
  if (auto product = request.Query("product_id"); product && !product->empty()) {
    if (product->size() > 64) return Error::Invalid("product_id", "must be an id");
    out.product_id = *product;
    out.query.product_id = *product;
  }
  if (auto limit = request.Query("limit"); limit && !limit->empty()) {
    RAPPORT_ASSIGN_OR_RETURN(out.query.limit, ParseLimit(limit));
    if (out.query.limit > 50) return Error::Invalid("limit", "must be at most 50");
  }
  if (auto cursor = request.Query("cursor"); cursor && !cursor->empty()) {
    out.query.cursor = *cursor;
  }
  return out;
}

std::string Stars(int64_t rating) {
  std::string out;
  for (int64_t i = 1; i <= 5; ++i) out += i <= rating ? "\u2605" : "\u2606";
  return out;
}

// The widget: an iframe page a shop embeds. Framing is allowed here (and only here); nothing on
// it acts (no form, no script), so there is nothing to click-jack.
std::string WidgetHtml(const feedback::ReviewStats& stats, const json::array& reviews) {
  std::string html = "<h1>Reviews</h1>\n";
  if (stats.count == 0) {
    html += "<p>No reviews yet.</p>\n";
  } else {
    char average[16];
    std::snprintf(average, sizeof average, "%.1f",
                  static_cast<double>(stats.rating_sum) / static_cast<double>(stats.count));
    html += "<p>" + std::string(average) + " / 5 · " + std::to_string(stats.count) +
            (stats.count == 1 ? " review" : " reviews") + "</p>\n";
  }
  html += "<ul>\n";
  for (const auto& item : reviews) {
    const json::object& r = item.as_object();
    const int64_t rating = r.at("rating").as_int64();
    html += "<li><p><span role=\"img\" aria-label=\"" + std::to_string(rating) + " of 5 stars\">" +
            Stars(rating) + "</span> <strong>" + EscapeHtml(r.at("title").as_string()) +
            "</strong></p>\n<p>" + EscapeHtml(r.at("text").as_string()) + "</p>\n<p>— " +
            EscapeHtml(r.at("author").as_string()) +
            (r.at("verified").as_bool() ? " (verified buyer)" : "") + "</p>";
    if (const json::value& reply = r.at("reply"); reply.is_object()) {
      html +=
          "\n<p><em>Reply:</em> " + EscapeHtml(reply.as_object().at("text").as_string()) + "</p>";
    }
    html += "</li>\n";
  }
  html += "</ul>";
  return html;
}

}  // namespace

void AddReviewPublicRoutes(Router& router, ReviewApi& api) {
  auto pages = std::make_shared<RateLimiter>(kPagesPerMinute);
  auto posts = std::make_shared<RateLimiter>(kPostsPerMinute);
  auto reads = std::make_shared<RateLimiter>(kPublicReadsPerMinute);
  router.Add(
      {.method = "GET",
       .pattern = "/r/{token}",
       .summary = "The review page of a request (HTML, or JSON with Accept: application/json)",
       .tag = "public",
       .requires_auth = false,
       .response_schema = "ReviewRequestStep",
       .handler = [&api, pages](const Request& request, const PathParams& params, const Caller&) {
         const bool json = request.Header("accept").value_or("").starts_with("application/json");
         if (auto retry = pages->Take(request.remote_address)) {
           Error limited =
               Error::RateLimited("Too many requests from your address; try again soon.", *retry);
           return json ? ErrorResponse(request, limited) : ErrorPage(limited, kEnglish.cannot_use);
         }
         auto page = api.requests.Current(params.at("token"));
         if (!page.ok()) {
           return json ? ErrorResponse(request, page.error())
                       : ErrorPage(page.error(), kEnglish.cannot_use);
         }
         if (json) return Response::Json(200, StepJson(*page));
         return RequestPage(*page);
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/r/{token}",
       .summary = "Write the request's review: {rating, title?, text?} as JSON or a form; one "
                  "review per link, pending until staff publish it",
       .tag = "public",
       .requires_auth = false,
       .request_schema = "ReviewWordsInput",
       .response_schema = "ReviewRequestStep",
       .handler = [&api, posts](const Request& request, const PathParams& params, const Caller&) {
         const bool form = IsFormPost(request);
         const std::string& token = params.at("token");
         auto fail = [&](const Error& error) {
           if (!form) return ErrorResponse(request, error);
           if (error.code == ErrorCode::kInvalidArgument) {
             auto page = api.requests.Current(token);
             if (page.ok() && !page->completed) {
               return RequestPage(*page, &error, StatusFor(error.code));
             }
           }
           return ErrorPage(error, kEnglish.not_saved);
         };
         if (auto retry = posts->Take(request.remote_address)) {
           return fail(
               Error::RateLimited("Too many reviews from your address; try again soon.", *retry));
         }
         if (request.body.size() > kMaxBodyBytes) {
           return fail(Error::TooLarge("The review is longer than 5,000 characters."));
         }
         auto words = ReadWords(request);
         if (!words.ok()) return fail(words.error());
         storage::WriteContext context{
             .actor = "public:review", .request_id = request.request_id, .via = "public"};
         auto page = api.requests.Submit(context, token, *words);
         if (!page.ok()) return fail(page.error());
         if (!form) return Response::Json(200, StepJson(*page));
         Response response{.status = 303, .content_type = "text/plain; charset=utf-8"};
         response.WithHeader("Location", "/r/" + token);
         response.WithHeader("Referrer-Policy", "no-referrer");
         response.WithHeader("Cache-Control", "no-store");
         return response;
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/public/reviews",
       .summary = "Published reviews for shop pages, newest first, with the product's stats "
                  "(?product_id=&limit=&cursor=; ETag; no customer data beyond a first name)",
       .tag = "public",
       .requires_auth = false,
       .response_schema = "PublicReviewPage",
       .handler = [&api, reads](const Request& request, const PathParams&, const Caller&) {
         if (auto retry = reads->Take(request.remote_address)) {
           return ErrorResponse(
               request,
               Error::RateLimited("Too many requests from your address; try again soon.", *retry));
         }
         auto query = PublicQueryFromUrl(request);
         if (!query.ok()) return ErrorResponse(request, query.error());
         auto page = api.reviews.PublicList(query->query);
         if (!page.ok()) return ErrorResponse(request, page.error());
         auto stats = api.reviews.PublicStats(query->product_id);
         if (!stats.ok()) return ErrorResponse(request, stats.error());
         json::object body = PageToJson(std::move(*page));
         json::object summary = feedback::ReviewStatsToJson(*stats);
         summary["product_id"] =
             query->product_id.empty() ? json::value(nullptr) : json::value(query->product_id);
         body["stats"] = std::move(summary);
         return Cacheable(request, Response::Json(200, body));
       }});
  router.Add(
      {.method = "GET",
       .pattern = "/public/reviews/widget",
       .summary = "The newest published reviews and the stats as a small HTML page for an "
                  "iframe on a shop page (?product_id=)",
       .tag = "public",
       .requires_auth = false,
       .handler = [&api, reads](const Request& request, const PathParams&, const Caller&) {
         if (auto retry = reads->Take(request.remote_address)) {
           return ErrorPage(
               Error::RateLimited("Too many requests from your address; try again soon.", *retry),
               "Reviews");
         }
         auto query = PublicQueryFromUrl(request);
         if (!query.ok()) return ErrorPage(query.error(), "Reviews");
         query->query.limit = 5;
         query->query.cursor.reset();
         auto page = api.reviews.PublicList(query->query);
         auto stats = api.reviews.PublicStats(query->product_id);
         if (!page.ok() || !stats.ok()) {
           return ErrorPage(page.ok() ? stats.error() : page.error(), "Reviews");
         }
         Response response = PublicPage(200, "Reviews", WidgetHtml(*stats, page->data));
         // Later headers win (server.cpp): this page may be framed by any shop.
         response.WithHeader("Content-Security-Policy",
                             "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                             "form-action 'none'");
         return Cacheable(request, std::move(response));
       }});
}

}  // namespace rapport::http
