// The public surfaces without a login (DESIGN §6): the satisfaction rating page
// (/public/ratings/{token}) and the support request form (/public/support). Each takes JSON or a
// plain HTML form (no JavaScript needed), is rate-limited per address here (the server limits only
// authenticated callers), renders people's text only as text, and never shows a staff-only field.
// Thin: the token check (identity/public_token.hpp), the rating (support/ticket_ratings.hpp) and
// the ticket (support/ticket_service.hpp) are decided below the edge.
#include <algorithm>
#include <cctype>
#include <memory>

#include "common/html_escape.hpp"
#include "common/time.hpp"
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "http/public_page.hpp"
#include "http/rate_limiter.hpp"
#include "support/web_form.hpp"

namespace rapport::http {
namespace {

constexpr std::string_view kRatingPurpose = "rating";
// A person rates once; a few retries after a typo are fine, a script hammering tokens is not.
constexpr int64_t kRatingPostsPerMinute = 20;
constexpr size_t kMaxCommentBytes = 16 * 1024;  // the 2,000 characters of UTF-8, with room
// Requests per address and per e-mail address a minute: a person sends one, perhaps two; a flood
// from one address stops at the tenth (an office behind one address has several people), and one
// mailbox cannot be made to receive a confirmation storm from many addresses.
constexpr int64_t kFormPostsPerAddress = 10;
constexpr int64_t kFormPostsPerEmail = 3;
constexpr size_t kMaxFormBytes = 64 * 1024;  // the fields' limits in UTF-8, with room

storage::WriteContext PublicContext(const Request& request, std::string actor) {
  return {.actor = std::move(actor), .request_id = request.request_id, .via = "public"};
}

Response PageForError(const Error& error, std::string_view title) {
  return PublicPage(StatusFor(error.code), title,
                    "<h1>" + EscapeHtml(title) + "</h1>\n<p role=\"alert\" class=\"error\">" +
                        EscapeHtml(error.message) + "</p>");
}

// The fields of a JSON or form body; form fields arrive as strings, JSON ones are kept as given.
Result<json::object> Fields(const Request& request) {
  if (!IsFormPost(request)) return ParseBody(request);
  RAPPORT_ASSIGN_OR_RETURN(auto form, ParseFormBody(request.body));
  json::object fields;
  for (auto& [key, value] : form) fields[key] = value;
  return fields;
}

std::optional<std::string> Text(const json::object& fields, std::string_view key) {
  const json::value* value = fields.if_contains(key);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return std::string(value->as_string());
}

std::string RatingForm(const support::RatingPage& page, const std::string& preselected) {
  auto choice = [&](std::string_view value, std::string_view label) {
    const std::string id = "score-" + std::string(value);
    return "<span class=\"choice\"><input type=\"radio\" name=\"score\" id=\"" + id +
           "\" value=\"" + std::string(value) + "\" required" +
           (preselected == value ? " checked" : "") + "><label for=\"" + id + "\">" +
           std::string(label) + "</label></span>";
  };
  return "<h1>How did we do?</h1>\n<p>Your request #" + std::to_string(page.number) + ": " +
         EscapeHtml(page.subject) +
         "</p>\n<form method=\"post\">\n<fieldset><legend>Your answer</legend>" +
         choice("good", "Good, I am satisfied") + choice("bad", "Bad, I am not satisfied") +
         "</fieldset>\n<label for=\"comment\">Anything to add? (optional)</label>\n"
         "<textarea id=\"comment\" name=\"comment\" rows=\"4\" maxlength=\"2000\"></textarea>\n"
         "<button type=\"submit\">Send</button>\n</form>";
}

Response Thanks(std::string_view score) {
  return PublicPage(200, "Thank you",
                    "<h1>Thank you</h1>\n<p>We have your answer: " + EscapeHtml(score) +
                        ". It helps us do better.</p>");
}

void AddRatingRoutes(Router& router, ApiServices& s) {
  auto limiter = std::make_shared<RateLimiter>(kRatingPostsPerMinute);
  router.Add(
      {.method = "GET",
       .pattern = "/public/ratings/{token}",
       .summary = "The rating page of a solved ticket (HTML; the signed link in the rating mail)",
       .tag = "public",
       .requires_auth = false,
       .handler = [&s](const Request& request, const PathParams& params, const Caller&) {
         auto ticket_id =
             s.public_tokens->Verify(kRatingPurpose, params.at("token"), NowMillis() / 1000);
         if (!ticket_id.ok()) return PageForError(ticket_id.error(), "This link cannot be used");
         auto page = s.ratings->Page(*ticket_id);
         if (!page.ok()) return PageForError(page.error(), "This link cannot be used");
         if (page->score) return Thanks(*page->score);
         return PublicPage(200, "How did we do?",
                           RatingForm(*page, request.Query("score").value_or("")));
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/public/ratings/{token}",
       .summary = "Record the rating of a solved ticket: {score: good|bad, comment?}, as JSON or "
                  "a form; once per ticket",
       .tag = "public",
       .requires_auth = false,
       .success_status = 201,
       .request_schema = "RatingInput",
       .response_schema = "Rating",
       .handler = [&s, limiter](const Request& request, const PathParams& params, const Caller&) {
         const bool form = IsFormPost(request);
         auto fail = [&](const Error& error) {
           return form ? PageForError(error, "Your answer was not recorded")
                       : ErrorResponse(request, error);
         };
         if (auto retry = limiter->Take(request.remote_address)) {
           return fail(
               Error::RateLimited("Too many answers from your address; try again soon.", *retry));
         }
         auto ticket_id =
             s.public_tokens->Verify(kRatingPurpose, params.at("token"), NowMillis() / 1000);
         if (!ticket_id.ok()) return fail(ticket_id.error());
         if (request.body.size() > kMaxCommentBytes) {
           return fail(Error::Invalid("comment", "must be at most 2000 characters"));
         }
         auto fields = Fields(request);
         if (!fields.ok()) return fail(fields.error());
         const std::string score = Text(*fields, "score").value_or("");
         auto comment = Text(*fields, "comment");
         if (fields->contains("comment") && !comment) {
           return fail(Error::Invalid("comment", "must be a string"));
         }
         Status rated =
             s.ratings->Rate(PublicContext(request, "public:rating"), *ticket_id, score, comment);
         if (!rated.ok()) return fail(rated.error());
         if (form) return Thanks(score);
         return Response::Json(201, json::object{{"rating", json::object{{"score", score}}}});
       }});
}

std::string SupportForm() {
  auto input = [](std::string_view id, std::string_view label, std::string_view type, int max,
                  std::string_view extra) {
    return "<label for=\"" + std::string(id) + "\">" + std::string(label) +
           "</label>\n<input type=\"" + std::string(type) + "\" id=\"" + std::string(id) +
           "\" name=\"" + std::string(id) + "\" maxlength=\"" + std::to_string(max) + "\"" +
           std::string(extra) + ">\n";
  };
  return "<h1>Contact support</h1>\n<p>We answer by e-mail.</p>\n"
         "<form method=\"post\" action=\"/public/support/requests\">\n" +
         input("name", "Your name (optional)", "text", 200, " autocomplete=\"name\"") +
         input("email", "Your e-mail address", "email", 254, " required autocomplete=\"email\"") +
         input("subject", "Subject", "text", 200, " required") +
         "<label for=\"message\">How can we help?</label>\n<textarea id=\"message\" "
         "name=\"message\" rows=\"6\" maxlength=\"10000\" required></textarea>\n"
         "<div class=\"hidden\" aria-hidden=\"true\">" +
         input("website", "Leave this empty", "text", 200,
               " tabindex=\"-1\" autocomplete=\"off\"") +
         "</div>\n<button type=\"submit\">Send</button>\n</form>";
}

Response Received(bool form) {
  if (!form) return Response::Json(202, json::object{{"status", "received"}});
  return PublicPage(202, "Request received",
                    "<h1>Thank you</h1>\n<p>We have your request and will answer by e-mail. A "
                    "confirmation is on its way to you.</p>");
}

void AddSupportFormRoutes(Router& router, ApiServices& s) {
  auto per_address = std::make_shared<RateLimiter>(kFormPostsPerAddress);
  auto per_email = std::make_shared<RateLimiter>(kFormPostsPerEmail);
  router.Add({.method = "GET",
              .pattern = "/public/support",
              .summary = "The hosted support request form (HTML, works without JavaScript)",
              .tag = "public",
              .requires_auth = false,
              .handler = [](const Request&, const PathParams&, const Caller&) {
                return PublicPage(200, "Contact support", SupportForm());
              }});
  router.Add({.method = "POST",
              .pattern = "/public/support/requests",
              .summary =
                  "Send a support request (JSON or a form): opens a ticket (channel web_form) and "
                  "mails a confirmation",
              .tag = "public",
              .requires_auth = false,
              .success_status = 202,
              .request_schema = "SupportRequestInput",
              .response_schema = "SupportRequestReceived",
              .handler = [&s, per_address, per_email](const Request& request, const PathParams&,
                                                      const Caller&) {
                const bool form = IsFormPost(request);
                auto fail = [&](const Error& error) {
                  return form ? PageForError(error, "Your request was not sent")
                              : ErrorResponse(request, error);
                };
                if (auto retry = per_address->Take(request.remote_address)) {
                  return fail(Error::RateLimited(
                      "Too many requests from your address; try again soon.", *retry));
                }
                if (request.body.size() > kMaxFormBytes) {
                  return fail(Error::TooLarge("The request is larger than the form allows."));
                }
                auto fields = Fields(request);
                if (!fields.ok()) return fail(fields.error());
                auto parsed = support::ParseWebForm(*fields);
                if (!parsed.ok()) return fail(parsed.error());
                if (parsed->honeypot_filled) return Received(form);  // a bot: tell it nothing
                std::string email_key = parsed->email;
                std::transform(email_key.begin(), email_key.end(), email_key.begin(),
                               [](unsigned char c) { return std::tolower(c); });
                if (auto retry = per_email->Take(email_key)) {
                  return fail(
                      Error::RateLimited("Too many requests for this e-mail address; try again "
                                         "soon.",
                                         *retry));
                }
                auto opened = support::OpenFromWebForm(
                    s.tickets, PublicContext(request, "public:web_form"), *parsed);
                if (!opened.ok()) return fail(opened.error());
                return Received(form);
              }});
}

}  // namespace

void AddPublicRoutes(Router& router, ApiServices& services) {
  AddSupportFormRoutes(router, services);
  if (services.public_tokens != nullptr && services.ratings != nullptr) {
    AddRatingRoutes(router, services);
  }
}

}  // namespace rapport::http
