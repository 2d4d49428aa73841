// The public survey page /s/{token} (docs/design/surveys.md § Answering): no login, no
// JavaScript, phone-sized, in the invitation's language (en/de). One question per page: each
// answer is a plain form post saved at once (a customer who stops half-way keeps what they
// gave), then a 303 back to the page, which shows the next question or the thanks. JSON works
// too ({question, answer} in, the next question out) for shops that embed the survey. An open
// link /s/o/{token} starts an anonymous answer and hands over to its own /s/{token} page.
// Rate-limited per address here (public routes are not limited by the server); texts from
// people are escaped (EscapeHtml), never spliced raw.
#include <memory>

#include "common/html_escape.hpp"
#include "common/time.hpp"
#include "http/handler_support.hpp"
#include "http/public_page.hpp"
#include "http/rate_limiter.hpp"
#include "http/survey_routes.hpp"

namespace rapport::http {
namespace {

using feedback::AnswerStep;
using feedback::Question;
using feedback::QuestionType;
using feedback::TextIn;

// A person answers a question every few seconds at most; a script hammering links or one link
// from one address stops here. An office behind one address still fits several people.
constexpr int64_t kPagesPerMinute = 60;
constexpr int64_t kPostsPerMinute = 30;
constexpr size_t kMaxBodyBytes = 16 * 1024;  // 2,000 characters of UTF-8 and the field names

struct Words {
  std::string_view question, next, send, thanks_title, thanks, saved, cannot_use, not_saved;
};
constexpr Words kEnglish{"Question",
                         "Next",
                         "Send",
                         "Thank you",
                         "We have your answers. They help us do better.",
                         "Your answers so far are saved.",
                         "This link cannot be used",
                         "Your answer was not saved"};
constexpr Words kGerman{"Frage",
                        "Weiter",
                        "Senden",
                        "Vielen Dank",
                        "Wir haben Ihre Antworten. Sie helfen uns, besser zu werden.",
                        "Ihre bisherigen Antworten sind gespeichert.",
                        "Dieser Link kann nicht verwendet werden",
                        "Ihre Antwort wurde nicht gespeichert"};

const Words& WordsFor(std::string_view language) { return language == "de" ? kGerman : kEnglish; }

std::string Attribute(std::string_view text) { return EscapeHtml(text); }

std::string Choice(std::string_view type, std::string_view name, std::string_view id,
                   std::string_view value, std::string_view label) {
  return "<span class=\"choice\"><input type=\"" + std::string(type) + "\" name=\"" +
         Attribute(name) + "\" id=\"" + Attribute(id) + "\" value=\"" + Attribute(value) +
         "\"><label for=\"" + Attribute(id) + "\">" + EscapeHtml(label) + "</label></span>";
}

std::string QuestionForm(const AnswerStep& step, const std::string& error) {
  const Question& q = *step.question;
  const Words& words = WordsFor(step.language);
  const std::string text = EscapeHtml(TextIn(q.text, step.language));
  const std::string described = error.empty() ? "" : " aria-describedby=\"answer-error\"";
  std::string html = "<h1>" + EscapeHtml(step.survey_name) + "</h1>\n<p>" +
                     std::string(words.question) + " " + std::to_string(step.answered + 1) +
                     "</p>\n<form method=\"post\">\n<input type=\"hidden\" name=\"question\" "
                     "value=\"" +
                     Attribute(q.id) + "\">\n";
  if (q.type == QuestionType::kText) {
    html += "<label for=\"answer\">" + text +
            "</label>\n<textarea id=\"answer\" name=\"answer\" "
            "rows=\"5\" maxlength=\"2000\"" +
            std::string(q.required ? " required" : "") + described + "></textarea>\n";
  } else {
    html += "<fieldset" + described + "><legend>" + text + "</legend>\n";
    if (q.type == QuestionType::kRating || q.type == QuestionType::kScale) {
      for (int n = q.min; n <= q.max; ++n) {
        const std::string value = std::to_string(n);
        html += Choice("radio", "answer", "answer-" + value, value, value);
      }
    } else {
      const bool many = q.type == QuestionType::kMultipleChoice;
      for (const auto& option : q.options) {
        html += Choice(many ? "checkbox" : "radio", many ? "answer." + option.id : "answer",
                       "answer-" + option.id, many ? "on" : option.id,
                       TextIn(option.text, step.language));
      }
    }
    html += "</fieldset>\n";
  }
  if (!error.empty()) {
    html += "<p role=\"alert\" class=\"error\" id=\"answer-error\">" + EscapeHtml(error) + "</p>\n";
  }
  html += "<button type=\"submit\">" + std::string(words.next) + "</button>\n</form>";
  return html;
}

Response StepPage(const AnswerStep& step, const std::string& error = {}, int status = 200) {
  const Words& words = WordsFor(step.language);
  if (step.completed || !step.question) {
    return PublicPage(200, words.thanks_title,
                      "<h1>" + std::string(words.thanks_title) + "</h1>\n<p>" +
                          std::string(words.thanks) + "</p>",
                      step.language);
  }
  return PublicPage(status, step.survey_name, QuestionForm(step, error), step.language);
}

Response ErrorPage(const Error& error, std::string_view title) {
  return PublicPage(StatusFor(error.code), title,
                    "<h1>" + EscapeHtml(title) + "</h1>\n<p role=\"alert\" class=\"error\">" +
                        EscapeHtml(error.message) + "</p>");
}

json::object QuestionJson(const Question& q, std::string_view language) {
  json::object out{
      {"id", q.id},
      {"type", std::string_view(q.type == QuestionType::kRating         ? "rating"
                                : q.type == QuestionType::kScale        ? "scale"
                                : q.type == QuestionType::kText         ? "text"
                                : q.type == QuestionType::kSingleChoice ? "single_choice"
                                                                        : "multiple_choice")},
      {"text", TextIn(q.text, language)},
      {"required", q.required}};
  if (q.type == QuestionType::kRating || q.type == QuestionType::kScale) {
    out["min"] = q.min;
    out["max"] = q.max;
  }
  if (!q.options.empty()) {
    json::array options;
    for (const auto& o : q.options) {
      options.push_back(json::object{{"id", o.id}, {"text", TextIn(o.text, language)}});
    }
    out["options"] = std::move(options);
  }
  return out;
}

json::object StepJson(const AnswerStep& step) {
  return json::object{
      {"survey_name", step.survey_name},
      {"language", step.language},
      {"completed", step.completed},
      {"answered", static_cast<int64_t>(step.answered)},
      {"question", step.question ? json::value(QuestionJson(*step.question, step.language))
                                 : json::value(nullptr)}};
}

// {question, answer} from a form (checkboxes arrive as answer.<option id>=on) or JSON.
Result<std::pair<std::string, json::value>> ReadAnswer(const Request& request) {
  if (IsFormPost(request)) {
    RAPPORT_ASSIGN_OR_RETURN(auto form, ParseFormBody(request.body));
    std::string question = form.contains("question") ? form["question"] : "";
    json::value answer = nullptr;
    if (auto found = form.find("answer"); found != form.end()) answer = found->second;
    json::array chosen;
    for (const auto& [key, value] : form) {
      if (key.starts_with("answer.")) chosen.emplace_back(key.substr(7));
    }
    if (!chosen.empty()) answer = std::move(chosen);
    return std::make_pair(std::move(question), std::move(answer));
  }
  RAPPORT_ASSIGN_OR_RETURN(json::object body, ParseBody(request));
  for (const auto& [key, unused] : body) {
    if (key != "question" && key != "answer") {
      return Error::Invalid(std::string(key), "is not a known field");
    }
  }
  const json::value* question = body.if_contains("question");
  if (question == nullptr || !question->is_string()) {
    return Error::Invalid("question", "must be the id of the question answered");
  }
  const json::value* answer = body.if_contains("answer");
  return std::make_pair(std::string(question->as_string()),
                        answer != nullptr ? *answer : json::value(nullptr));
}

// The open link's start page: the survey's name and a form that starts an answer. Its language
// follows the browser's (German or English): an open link knows no customer.
Response StartPage(const feedback::OpenStart& start, const std::string& language) {
  const bool de = language == "de";
  const std::string html =
      "<h1>" + EscapeHtml(start.survey_name) + "</h1>\n<p>" +
      (de ? "Die Antwort dauert etwa eine Minute." : "Answering takes about a minute.") +
      "</p>\n<form method=\"post\">\n<input type=\"hidden\" name=\"ticket\" value=\"" +
      Attribute(start.ticket) + "\">\n<button type=\"submit\">" + (de ? "Beginnen" : "Start") +
      "</button>\n</form>";
  return PublicPage(200, start.survey_name, html, de ? "de" : "en");
}

std::string BrowserLanguage(const Request& request) {
  return request.Header("accept-language").value_or("").starts_with("de") ? "de" : "en";
}

void AddOpenLinkPageRoutes(Router& router, SurveyApi& api, std::shared_ptr<RateLimiter> pages,
                           std::shared_ptr<RateLimiter> posts) {
  router.Add(
      {.method = "GET",
       .pattern = "/s/o/{token}",
       .summary = "A survey's open link: the start page (HTML, or JSON {survey_name, ticket})",
       .tag = "public",
       .requires_auth = false,
       .handler = [&api, pages](const Request& request, const PathParams& params, const Caller&) {
         const bool json = request.Header("accept").value_or("").starts_with("application/json");
         if (auto retry = pages->Take(request.remote_address)) {
           Error limited =
               Error::RateLimited("Too many requests from your address; try again soon.", *retry);
           return json ? ErrorResponse(request, limited) : ErrorPage(limited, kEnglish.cannot_use);
         }
         auto start =
             api.open_links.StartPage(params.at("token"), request.remote_address, NowMillis());
         if (!start.ok()) {
           return json ? ErrorResponse(request, start.error())
                       : ErrorPage(start.error(), kEnglish.cannot_use);
         }
         if (json) {
           return Response::Json(
               200, json::object{{"survey_name", start->survey_name}, {"ticket", start->ticket}});
         }
         Response page = StartPage(*start, BrowserLanguage(request));
         page.WithHeader("Cache-Control", "no-store");  // each page carries its own ticket
         return page;
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/s/o/{token}",
       .summary = "Start an answer from the open link with the start page's ticket (form or "
                  "JSON {ticket}): 303 to the answer's own page (JSON: {path})",
       .tag = "public",
       .requires_auth = false,
       .handler = [&api, posts](const Request& request, const PathParams& params, const Caller&) {
         const bool form = IsFormPost(request);
         auto fail = [&](const Error& error) {
           return form ? ErrorPage(error, kEnglish.cannot_use) : ErrorResponse(request, error);
         };
         if (auto retry = posts->Take(request.remote_address)) {
           return fail(
               Error::RateLimited("Too many answers from your address; try again soon.", *retry));
         }
         if (request.body.size() > kMaxBodyBytes) return fail(Error::TooLarge("Too long."));
         std::string ticket;
         if (form) {
           auto fields = ParseFormBody(request.body);
           if (!fields.ok()) return fail(fields.error());
           ticket = (*fields)["ticket"];
         } else {
           auto body = ParseBody(request);
           if (!body.ok()) return fail(body.error());
           if (const json::value* given = body->if_contains("ticket");
               given != nullptr && given->is_string()) {
             ticket = std::string(given->as_string());
           }
         }
         auto path =
             api.open_links.Start(params.at("token"), ticket, request.remote_address, NowMillis());
         if (!path.ok()) return fail(path.error());
         if (!form) return Response::Json(201, json::object{{"path", *path}});
         Response response{.status = 303, .content_type = "text/plain; charset=utf-8"};
         response.WithHeader("Location", *path);
         response.WithHeader("Referrer-Policy", "no-referrer");
         response.WithHeader("Cache-Control", "no-store");
         return response;
       }});
}

}  // namespace

void AddSurveyPageRoutes(Router& router, SurveyApi& api) {
  auto pages = std::make_shared<RateLimiter>(kPagesPerMinute);
  auto posts = std::make_shared<RateLimiter>(kPostsPerMinute);
  // One allowance per address across personal and open links: a script cannot double it by
  // alternating between them.
  AddOpenLinkPageRoutes(router, api, pages, posts);
  router.Add(
      {.method = "GET",
       .pattern = "/s/{token}",
       .summary = "The survey page of an invitation (HTML, or JSON with Accept: "
                  "application/json): the next question, or the thanks",
       .tag = "public",
       .requires_auth = false,
       .response_schema = "SurveyStep",
       .handler = [&api, pages](const Request& request, const PathParams& params, const Caller&) {
         const bool json = request.Header("accept").value_or("").starts_with("application/json");
         if (auto retry = pages->Take(request.remote_address)) {
           Error limited =
               Error::RateLimited("Too many requests from your address; try again soon.", *retry);
           return json ? ErrorResponse(request, limited) : ErrorPage(limited, kEnglish.cannot_use);
         }
         auto step = api.invitations.Current(params.at("token"));
         if (!step.ok()) {
           return json ? ErrorResponse(request, step.error())
                       : ErrorPage(step.error(), kEnglish.cannot_use);
         }
         if (json) return Response::Json(200, StepJson(*step));
         return StepPage(*step);
       }});
  router.Add(
      {.method = "POST",
       .pattern = "/s/{token}",
       .summary = "Answer the current question: {question, answer} as JSON or a form; saved at "
                  "once; the last answer completes the survey",
       .tag = "public",
       .requires_auth = false,
       .request_schema = "SurveyAnswerInput",
       .response_schema = "SurveyStep",
       .handler = [&api, posts](const Request& request, const PathParams& params, const Caller&) {
         const bool form = IsFormPost(request);
         const std::string& token = params.at("token");
         auto fail = [&](const Error& error) {
           if (!form) return ErrorResponse(request, error);
           // A wrong answer: the same question again with the reason, in the page's language.
           if (error.code == ErrorCode::kInvalidArgument) {
             auto step = api.invitations.Current(token);
             if (step.ok() && step->question) {
               const std::string reason =
                   error.field_errors.empty() ? error.message : error.field_errors.front().message;
               return StepPage(*step, reason, StatusFor(error.code));
             }
           }
           return ErrorPage(error, kEnglish.not_saved);
         };
         if (auto retry = posts->Take(request.remote_address)) {
           return fail(
               Error::RateLimited("Too many answers from your address; try again soon.", *retry));
         }
         if (request.body.size() > kMaxBodyBytes) {
           return fail(Error::TooLarge("The answer is longer than the survey allows."));
         }
         auto answer = ReadAnswer(request);
         if (!answer.ok()) return fail(answer.error());
         storage::WriteContext context{
             .actor = "public:survey", .request_id = request.request_id, .via = "public"};
         auto step = api.invitations.Submit(context, token, answer->first, answer->second);
         if (!step.ok()) return fail(step.error());
         if (!form) return Response::Json(200, StepJson(*step));
         // Post/redirect/get: reloading the next page never posts the answer again.
         Response response{.status = 303, .content_type = "text/plain; charset=utf-8"};
         response.WithHeader("Location", "/s/" + token);
         response.WithHeader("Referrer-Policy", "no-referrer");
         response.WithHeader("Cache-Control", "no-store");
         return response;
       }});
}

}  // namespace rapport::http
