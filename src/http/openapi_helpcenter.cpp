// The help center's schemas (/api/v1/kb/…, docs/design/helpcenter.md), kept beside
// openapi_desk.cpp; BuildOpenApi merges them into the document.
#include "http/api.hpp"

namespace rapport::http {
namespace {

constexpr std::string_view kHelpCenterSchemas = R"json({
  "KbArticleInput": {"type": "object", "properties": {
    "title": {"type": "string", "maxLength": 200},
    "slug": {"type": "string", "maxLength": 100, "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "made from the title when absent; the public URL is /help/articles/{slug}"},
    "body": {"type": "string", "maxLength": 100000, "description": "CommonMark; raw HTML is shown as text, links other than http(s), mailto and relative ones are dropped"},
    "category_id": {"type": ["string", "null"]},
    "tags": {"type": "array", "maxItems": 20, "items": {"type": "string", "maxLength": 40}},
    "topic": {"type": ["string", "null"], "maxLength": 64, "description": "what the article answers, e.g. shipping-times (the chatbot reports it)"},
    "language": {"type": "string", "description": "en, de, pt-br …: how the article is stemmed for search"},
    "translation_of": {"type": ["string", "null"], "description": "the slug of the article this one translates"},
    "status": {"enum": ["draft", "published", "archived"], "description": "published and archived need knowledge_base edit"}}},
  "KbArticle": {"type": "object", "required": ["id", "slug", "title", "language", "category_id", "tags", "topic", "translation_of", "status", "author_id", "helpful", "created_at", "updated_at", "published_at", "version"],
    "properties": {"id": {"type": "string"}, "slug": {"type": "string"}, "title": {"type": "string"},
    "language": {"type": "string"}, "category_id": {"type": ["string", "null"]},
    "tags": {"type": "array", "items": {"type": "string"}}, "topic": {"type": ["string", "null"]},
    "translation_of": {"type": ["string", "null"]}, "status": {"enum": ["draft", "published", "archived"]},
    "author_id": {"type": ["string", "null"]},
    "helpful": {"type": "object", "required": ["yes", "no"], "properties": {"yes": {"type": "integer"}, "no": {"type": "integer"}}},
    "body": {"type": "string", "description": "Markdown (absent in lists)"},
    "body_html": {"type": "string", "description": "sanitised HTML rendered from body at save time (absent in lists)"},
    "created_at": {"type": "string"}, "updated_at": {"type": "string"},
    "published_at": {"type": ["string", "null"]}, "version": {"type": "integer"}}},
  "KbArticleList": {"type": "object", "required": ["data", "total"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/KbArticle"}}, "total": {"type": "integer"}}},
  "KbRevision": {"type": "object", "required": ["article_id", "version", "title", "body", "category_id", "tags", "topic", "language", "status", "saved_by", "saved_at"],
    "properties": {"article_id": {"type": "string"}, "version": {"type": "integer"}, "title": {"type": "string"},
    "body": {"type": "string"}, "category_id": {"type": ["string", "null"]}, "tags": {"type": "array", "items": {"type": "string"}},
    "topic": {"type": ["string", "null"]}, "language": {"type": "string"}, "status": {"type": "string"},
    "saved_by": {"type": ["string", "null"]}, "saved_at": {"type": "string"}}},
  "KbRevisionSummary": {"type": "object", "required": ["version", "title", "status", "saved_by", "saved_at"], "properties": {
    "version": {"type": "integer"}, "title": {"type": "string"}, "status": {"type": "string"},
    "saved_by": {"type": ["string", "null"]}, "saved_at": {"type": "string"}}},
  "KbRevisionList": {"type": "object", "required": ["data"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/KbRevisionSummary"}}}},
  "KbCategoryInput": {"type": "object", "properties": {"name": {"type": "string", "maxLength": 100},
    "slug": {"type": "string", "maxLength": 100}, "position": {"type": "integer", "minimum": 0, "maximum": 1000000},
    "description": {"type": "string", "maxLength": 1000}}},
  "KbCategory": {"type": "object", "required": ["id", "slug", "name", "position", "description", "version"], "properties": {
    "id": {"type": "string"}, "slug": {"type": "string"}, "name": {"type": "string"}, "position": {"type": "integer"},
    "description": {"type": "string"}, "created_at": {"type": "string"}, "updated_at": {"type": "string"}, "version": {"type": "integer"}}},
  "KbCategoryList": {"type": "object", "required": ["data"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/KbCategory"}}}},
  "KbSearchHit": {"type": "object", "required": ["article_id", "title", "slug", "topic", "language", "status", "score", "passage"], "properties": {
    "article_id": {"type": "string"}, "title": {"type": "string"}, "slug": {"type": "string"},
    "topic": {"type": ["string", "null"]}, "language": {"type": "string"}, "status": {"type": "string"},
    "score": {"type": "number", "description": "minus FTS5's bm25: higher is better; comparable only within one query"},
    "passage": {"type": "string", "description": "the best-matching paragraph, plain text, at most 320 characters"}}},
  "KbSearchResults": {"type": "object", "required": ["data", "next_cursor"], "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/KbSearchHit"}}, "next_cursor": {"type": "null"}}},
  "KbSynonyms": {"type": "object", "required": ["groups"], "properties": {
    "groups": {"type": "array", "maxItems": 500, "items": {"type": "array", "minItems": 2, "maxItems": 20,
      "items": {"type": "string", "maxLength": 60, "description": "one to three words"}}},
    "version": {"type": "integer"}}},
  "KbSettings": {"type": "object", "properties": {"title": {"type": "string", "maxLength": 100},
    "logo_url": {"type": ["string", "null"], "maxLength": 500},
    "accent_color": {"type": "string", "pattern": "^#[0-9a-f]{6}$"},
    "background_color": {"type": "string", "pattern": "^#[0-9a-f]{6}$"},
    "text_color": {"type": "string", "pattern": "^#[0-9a-f]{6}$"},
    "version": {"type": "integer"}}},
  "KbRenderInput": {"type": "object", "required": ["body"], "properties": {"body": {"type": "string", "maxLength": 100000}}},
  "KbRendering": {"type": "object", "required": ["html", "text"], "properties": {
    "html": {"type": "string"}, "text": {"type": "string"}}},
  "HelpVoteInput": {"type": "object", "required": ["helpful"], "properties": {"helpful": {"enum": ["yes", "no"]}}},
  "HelpSearchResults": {"type": "object", "required": ["data"], "properties": {
    "data": {"type": "array", "items": {"type": "object", "required": ["title", "url", "passage"], "properties": {
      "title": {"type": "string"}, "url": {"type": "string"}, "passage": {"type": "string"}}}}}}
})json";

}  // namespace

json::object HelpCenterSchemas() { return json::parse(kHelpCenterSchemas).as_object(); }

}  // namespace rapport::http
