// The help center's staff API under /api/v1/kb/ (docs/design/helpcenter.md): articles with their
// revisions, categories, search, the synonym list, settings, and the Markdown preview. Thin:
// access, validation and rendering are decided in src/support/helpcenter/.
#include <charconv>
#include <functional>

#include "common/search_text.hpp"
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "support/helpcenter/article_service.hpp"
#include "support/helpcenter/category_service.hpp"
#include "support/helpcenter/kb_config.hpp"
#include "support/helpcenter/markdown.hpp"
#include "support/helpcenter/search.hpp"

namespace rapport::http {
namespace {

using helpcenter::ArticleFilter;

constexpr std::string_view kTag = "knowledge base";
constexpr int kMaxListLimit = 200;
constexpr int kMaxOffset = 100000;

Result<int> IntParam(const Request& request, const std::string& name, int low, int high,
                     int fallback) {
  auto text = request.Query(name);
  if (!text) return fallback;
  int value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < low || value > high) {
    return Error::Invalid(
        name, "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high));
  }
  return value;
}

Result<ArticleFilter> FilterFromUrl(const Request& request) {
  ArticleFilter filter{.status = request.Query("status"),
                       .category_id = request.Query("category_id"),
                       .language = request.Query("language"),
                       .q = request.Query("q")};
  if (filter.status && *filter.status != "draft" && *filter.status != "published" &&
      *filter.status != "archived") {
    return Error::Invalid("status", "must be one of draft, published, archived");
  }
  RAPPORT_RETURN_IF_ERROR(CheckSearchText(filter.q));
  RAPPORT_ASSIGN_OR_RETURN(filter.limit, IntParam(request, "limit", 1, kMaxListLimit, 50));
  RAPPORT_ASSIGN_OR_RETURN(filter.offset, IntParam(request, "offset", 0, kMaxOffset, 0));
  return filter;
}

json::object HitToJson(const helpcenter::SearchHit& hit) {
  return json::object{{"article_id", hit.article_id},
                      {"title", hit.title},
                      {"slug", hit.slug},
                      {"topic", hit.topic ? json::value(*hit.topic) : json::value(nullptr)},
                      {"language", hit.language},
                      {"status", hit.status},
                      {"score", hit.score},
                      {"passage", hit.passage}};
}

Response Search(ApiServices& s, const Request& request, const Caller& caller) {
  Status readable = helpcenter::CheckKbRead(caller.Access());
  if (!readable.ok()) return ErrorResponse(request, readable.error());
  auto limit = IntParam(request, "limit", 1, helpcenter::kMaxSearchLimit, 10);
  if (!limit.ok()) return ErrorResponse(request, limit.error());
  const std::string status = request.Query("status").value_or("published");
  if (status != "published" && status != "any") {
    return ErrorResponse(request, Error::Invalid("status", "must be published or any"));
  }
  auto hits = helpcenter::SearchArticles(
      s.database, {.query = request.Query("q").value_or(""),
                   .language = request.Query("language").value_or("en"),
                   .limit = *limit,
                   .published_only = status == "published",
                   .prefix_last = request.Query("prefix").value_or("true") != "false"});
  if (!hits.ok()) return ErrorResponse(request, hits.error());
  json::array data;
  for (const auto& hit : *hits) data.push_back(HitToJson(hit));
  return Response::Json(200, json::object{{"data", std::move(data)}, {"next_cursor", nullptr}});
}

Response Render(const Request& request, const Caller& caller) {
  Status readable = helpcenter::CheckKbRead(caller.Access());
  if (!readable.ok()) return ErrorResponse(request, readable.error());
  auto body = ParseBody(request);
  if (!body.ok()) return ErrorResponse(request, body.error());
  const json::value* markdown = body->if_contains("body");
  if (markdown == nullptr || !markdown->is_string()) {
    return ErrorResponse(request, Error::Invalid("body", "must be a string"));
  }
  if (CountCharacters(markdown->as_string()) > helpcenter::kMaxBody) {
    return ErrorResponse(request, Error::Invalid("body", "is longer than 100000 characters"));
  }
  auto rendered = helpcenter::RenderMarkdown(markdown->as_string());
  return Response::Json(200, json::object{{"html", rendered.html}, {"text", rendered.text}});
}

void AddArticleRoutes(Router& router, ApiServices& s) {
  router.Add({.method = "GET",
              .pattern = "/api/v1/kb/articles",
              .summary = "Articles without their bodies, newest change first: ?status=, "
                         "category_id=, language=, q= (title contains), limit=, offset=",
              .tag = std::string(kTag),
              .response_schema = "KbArticleList",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto filter = FilterFromUrl(request);
                if (!filter.ok()) return ErrorResponse(request, filter.error());
                auto list = s.kb_articles->List(caller.Access(), *filter);
                if (!list.ok()) return ErrorResponse(request, list.error());
                return Response::Json(200, *list);
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/kb/articles",
              .summary = "Write an article (a draft unless status says otherwise; publishing needs "
                         "knowledge_base edit; Idempotency-Key honoured)",
              .tag = std::string(kTag),
              .success_status = 201,
              .request_schema = "KbArticleInput",
              .response_schema = "KbArticle",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                return IdempotentCreate(
                    s.database, request, caller,
                    [&](const storage::WriteContext& context) {
                      return s.kb_articles->Create(caller.Access(), context, *body);
                    },
                    [](const json::object& created) {
                      return "/api/v1/kb/articles/" + std::string(created.at("id").as_string());
                    },
                    [&](const json::object& first) {
                      return s.kb_articles->Get(caller.Access(), StoredId(first));
                    });
              }});
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/kb/articles/{id}",
       .summary = "An article with its Markdown and rendered HTML (ETag)",
       .tag = std::string(kTag),
       .response_schema = "KbArticle",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return RecordResponse(request, s.kb_articles->Get(caller.Access(), params.at("id")));
       }});
  router.Add(
      {.method = "PATCH",
       .pattern = "/api/v1/kb/articles/{id}",
       .summary = "Change an article; every save is a revision (If-Match honoured)",
       .tag = std::string(kTag),
       .request_schema = "KbArticleInput",
       .response_schema = "KbArticle",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return VersionedPatch(
             request, caller, [&](const auto& context, const auto& patch, auto v) {
               return s.kb_articles->Update(caller.Access(), context, params.at("id"), patch, v);
             });
       }});
  router.Add(VersionedDeleteRoute(
      "/api/v1/kb/articles/{id}", "Delete an article and its revisions (If-Match honoured)",
      std::string(kTag),
      [&s](const Caller& caller, const auto& context, const std::string& id, auto v) {
        return s.kb_articles->Delete(caller.Access(), context, id, v);
      }));
  router.Add(
      {.method = "GET",
       .pattern = "/api/v1/kb/articles/{id}/revisions",
       .summary = "The article's saved revisions, newest first",
       .tag = std::string(kTag),
       .response_schema = "KbRevisionList",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         auto list = s.kb_articles->Revisions(caller.Access(), params.at("id"));
         if (!list.ok()) return ErrorResponse(request, list.error());
         return Response::Json(200, *list);
       }});
  auto version_of = [](const PathParams& params) -> Result<int64_t> {
    const std::string& text = params.at("version");
    int64_t version = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (error != std::errc() || end != text.data() + text.size() || version < 1) {
      return Error::NotFound("No revision " + text + ".");
    }
    return version;
  };
  router.Add({.method = "GET",
              .pattern = "/api/v1/kb/articles/{id}/revisions/{version}",
              .summary = "One saved revision of the article",
              .tag = std::string(kTag),
              .response_schema = "KbRevision",
              .handler = [&s, version_of](const Request& request, const PathParams& params,
                                          const Caller& caller) {
                auto version = version_of(params);
                if (!version.ok()) return ErrorResponse(request, version.error());
                auto revision = s.kb_articles->Revision(caller.Access(), params.at("id"), *version);
                if (!revision.ok()) return ErrorResponse(request, revision.error());
                return Response::Json(200, *revision);
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/kb/articles/{id}/revisions/{version}/restore",
              .summary = "Save the revision's content as the article's next version (its status "
                         "stays; If-Match honoured)",
              .tag = std::string(kTag),
              .response_schema = "KbArticle",
              .handler = [&s, version_of](const Request& request, const PathParams& params,
                                          const Caller& caller) {
                auto version = version_of(params);
                if (!version.ok()) return ErrorResponse(request, version.error());
                auto if_version = IfMatchVersion(request);
                if (!if_version.ok()) return ErrorResponse(request, if_version.error());
                return RecordResponse(
                    request, s.kb_articles->Restore(caller.Access(), caller.Context(),
                                                    params.at("id"), *version, *if_version));
              }});
}

void AddCategoryRoutes(Router& router, ApiServices& s) {
  const std::string path = "/api/v1/kb/categories";
  router.Add({.method = "GET",
              .pattern = path,
              .summary = "Every category, by position",
              .tag = std::string(kTag),
              .response_schema = "KbCategoryList",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto list = s.kb_categories->List(caller.Access());
                if (!list.ok()) return ErrorResponse(request, list.error());
                return Response::Json(200, *list);
              }});
  router.Add({.method = "POST",
              .pattern = path,
              .summary = "Create a category (knowledge_base edit)",
              .tag = std::string(kTag),
              .success_status = 201,
              .request_schema = "KbCategoryInput",
              .response_schema = "KbCategory",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                auto body = ParseBody(request);
                if (!body.ok()) return ErrorResponse(request, body.error());
                return RecordResponse(
                    request, s.kb_categories->Create(caller.Access(), caller.Context(), *body),
                    201);
              }});
  router.Add(
      {.method = "GET",
       .pattern = path + "/{id}",
       .summary = "A category (ETag)",
       .tag = std::string(kTag),
       .response_schema = "KbCategory",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return RecordResponse(request, s.kb_categories->Get(caller.Access(), params.at("id")));
       }});
  router.Add(
      {.method = "PATCH",
       .pattern = path + "/{id}",
       .summary = "Change a category (knowledge_base edit; If-Match honoured)",
       .tag = std::string(kTag),
       .request_schema = "KbCategoryInput",
       .response_schema = "KbCategory",
       .handler = [&s](const Request& request, const PathParams& params, const Caller& caller) {
         return VersionedPatch(
             request, caller, [&](const auto& context, const auto& patch, auto v) {
               return s.kb_categories->Update(caller.Access(), context, params.at("id"), patch, v);
             });
       }});
  router.Add(VersionedDeleteRoute(
      path + "/{id}", "Delete a category without articles (knowledge_base delete)",
      std::string(kTag),
      [&s](const Caller& caller, const auto& context, const std::string& id, auto v) {
        return s.kb_categories->Delete(caller.Access(), context, id, v);
      }));
}

// GET and PUT (If-Match honoured) of one of the help center's documents: the synonym list, the
// public pages' settings.
struct ConfigDocument {
  std::string pattern;
  std::string schema;
  std::string get_summary;
  std::string put_summary;
  std::function<Result<json::object>(const Caller&)> get;
  std::function<Result<json::object>(const Caller&, const json::object&, std::optional<int64_t>)>
      put;
};

void AddConfigDocument(Router& router, const ConfigDocument& d) {
  router.Add(
      {.method = "GET",
       .pattern = d.pattern,
       .summary = d.get_summary,
       .tag = std::string(kTag),
       .response_schema = d.schema,
       .handler = [get = d.get](const Request& request, const PathParams&, const Caller& caller) {
         return RecordResponse(request, get(caller));
       }});
  router.Add(
      {.method = "PUT",
       .pattern = d.pattern,
       .summary = d.put_summary,
       .tag = std::string(kTag),
       .request_schema = d.schema,
       .response_schema = d.schema,
       .handler = [put = d.put](const Request& request, const PathParams&, const Caller& caller) {
         auto body = ParseBody(request);
         if (!body.ok()) return ErrorResponse(request, body.error());
         auto if_version = IfMatchVersion(request);
         if (!if_version.ok()) return ErrorResponse(request, if_version.error());
         return RecordResponse(request, put(caller, *body, *if_version));
       }});
}

void AddConfigRoutes(Router& router, ApiServices& s) {
  AddConfigDocument(
      router,
      {.pattern = "/api/v1/kb/synonyms",
       .schema = "KbSynonyms",
       .get_summary = "The synonym list search applies at query time",
       .put_summary = "Replace the synonym list (administrators; If-Match honoured)",
       .get = [&s](const Caller& caller) { return s.kb_config->GetSynonyms(caller.Access()); },
       .put =
           [&s](const Caller& caller, const json::object& body, std::optional<int64_t> v) {
             return s.kb_config->PutSynonyms(caller.Access(), caller.Context(), body, v);
           }});
  AddConfigDocument(
      router,
      {.pattern = "/api/v1/kb/settings",
       .schema = "KbSettings",
       .get_summary = "The public help center's title, logo and colours",
       .put_summary = "Replace the help center's settings (administrators; If-Match honoured)",
       .get = [&s](const Caller& caller) { return s.kb_config->GetSettings(caller.Access()); },
       .put =
           [&s](const Caller& caller, const json::object& body, std::optional<int64_t> v) {
             return s.kb_config->PutSettings(caller.Access(), caller.Context(), body, v);
           }});
}

}  // namespace

void AddHelpCenterRoutes(Router& router, ApiServices& s) {
  if (s.kb_articles == nullptr) return;
  AddArticleRoutes(router, s);
  AddCategoryRoutes(router, s);
  AddConfigRoutes(router, s);
  router.Add({.method = "GET",
              .pattern = "/api/v1/kb/search",
              .summary = "Search articles (BM25, stemmed, synonyms, prefix on the last word): q=, "
                         "language= (default en), limit= (≤50), status=published|any, "
                         "prefix=true|false",
              .tag = std::string(kTag),
              .response_schema = "KbSearchResults",
              .handler = [&s](const Request& request, const PathParams&, const Caller& caller) {
                return Search(s, request, caller);
              }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/kb/render",
              .summary = "Render Markdown exactly as saving an article would: {body} -> {html, "
                         "text}",
              .tag = std::string(kTag),
              .request_schema = "KbRenderInput",
              .response_schema = "KbRendering",
              .read_only = true,
              .handler = [](const Request& request, const PathParams&, const Caller& caller) {
                return Render(request, caller);
              }});
}

}  // namespace rapport::http
