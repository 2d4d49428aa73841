#include "support/helpcenter/article.hpp"

#include <algorithm>

#include "common/collation.hpp"
#include "common/unicode_text.hpp"
#include "support/helpcenter/markdown.hpp"

namespace rapport::helpcenter {
namespace {

using access::Action;
using access::Level;
using access::Object;

constexpr std::string_view kSelectArticle =
    "SELECT " RAPPORT_KB_ARTICLE_COLUMNS " FROM kb_articles WHERE id = ?";
constexpr std::string_view kStatuses[] = {"draft", "published", "archived"};

json::value OptJson(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

std::vector<std::string> TagsFrom(std::string_view stored) {
  std::vector<std::string> tags;
  auto parsed = ParseJson(stored);
  if (parsed.ok() && parsed.value().is_array()) {
    for (const auto& tag : parsed.value().as_array()) {
      if (tag.is_string()) tags.emplace_back(tag.as_string());
    }
  }
  return tags;
}

// A tag as stored: folded, trimmed, inner spaces to hyphens; empty when unusable.
std::string CleanTag(std::string_view tag) {
  std::string out;
  for (char c : SearchFold(TrimUnicodeWhitespace(tag))) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
      out += c;
    } else if (c == ' ' && !out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.size() <= kMaxTag ? out : std::string();
}

void ReadText(const json::value& value, std::string_view field, size_t max, TextKind kind,
              bool required, std::string& out, std::vector<FieldError>& errors) {
  CleanedText text = value.is_string() ? CleanText(value.as_string(), max, kind)
                                       : CleanedText{.problem = "must be a string"};
  if (text.problem.empty() && required && text.text.empty()) text.problem = "must not be empty";
  if (!text.problem.empty()) {
    errors.push_back({std::string(field), text.problem});
    return;
  }
  out = std::move(text.text);
}

void ReadOptionalId(const json::value& value, std::string_view field,
                    std::optional<std::string>& out, std::vector<FieldError>& errors,
                    bool slug_like) {
  if (value.is_null()) {
    out.reset();
  } else if (!value.is_string() || value.as_string().empty() ||
             (slug_like && !IsValidSlug(value.as_string())) || value.as_string().size() > 64) {
    errors.push_back({std::string(field), slug_like ? "must be null or a slug of a-z, 0-9 and -, "
                                                      "at most 64 characters"
                                                    : "must be null or an id"});
  } else {
    out = std::string(value.as_string());
  }
}

}  // namespace

Article ArticleFromRow(const storage::Row& row) {
  return Article{.seq = row.Int(0),
                 .id = row.Text(1),
                 .slug = row.Text(2),
                 .language = row.Text(3),
                 .title = row.Text(4),
                 .body = row.Text(5),
                 .body_html = row.Text(6),
                 .body_text = row.Text(7),
                 .category_id = row.OptText(8),
                 .tags = TagsFrom(row.Text(9)),
                 .topic = row.OptText(10),
                 .translation_of = row.OptText(11),
                 .status = row.Text(12),
                 .author_id = row.OptText(13),
                 .helpful_yes = row.Int(14),
                 .helpful_no = row.Int(15),
                 .created_at = row.Text(16),
                 .updated_at = row.Text(17),
                 .published_at = row.OptText(18),
                 .version = row.Int(19)};
}

json::object ArticleToJson(const Article& article, bool with_body) {
  json::array tags;
  for (const auto& tag : article.tags) tags.emplace_back(tag);
  json::object out{
      {"id", article.id},
      {"slug", article.slug},
      {"title", article.title},
      {"language", article.language},
      {"category_id", OptJson(article.category_id)},
      {"tags", std::move(tags)},
      {"topic", OptJson(article.topic)},
      {"translation_of", OptJson(article.translation_of)},
      {"status", article.status},
      {"author_id", OptJson(article.author_id)},
      {"helpful", json::object{{"yes", article.helpful_yes}, {"no", article.helpful_no}}},
      {"created_at", article.created_at},
      {"updated_at", article.updated_at},
      {"published_at", OptJson(article.published_at)},
      {"version", article.version}};
  if (with_body) {
    out["body"] = article.body;
    out["body_html"] = article.body_html;
  }
  return out;
}

Status ReadArticleInput(const json::object& input, bool creating, Article& article) {
  std::vector<FieldError> errors;
  bool body_changed = false;
  for (const auto& [key, value] : input) {
    const std::string field(key);
    if (key == "title") {
      ReadText(value, field, kMaxTitle, TextKind::kSingleLine, true, article.title, errors);
    } else if (key == "body") {
      ReadText(value, field, kMaxBody, TextKind::kMultiLine, true, article.body, errors);
      body_changed = true;
    } else if (key == "slug") {
      if (!value.is_string() || !IsValidSlug(value.as_string())) {
        errors.push_back({field, "must be 1 to 100 of a-z, 0-9 and single hyphens"});
      } else {
        article.slug = std::string(value.as_string());
      }
    } else if (key == "language") {
      if (!value.is_string() || !IsValidLanguage(value.as_string())) {
        errors.push_back({field, "must be a language code such as en, de or pt-br"});
      } else {
        article.language = std::string(value.as_string());
      }
    } else if (key == "status") {
      if (!value.is_string() || std::find(std::begin(kStatuses), std::end(kStatuses),
                                          value.as_string()) == std::end(kStatuses)) {
        errors.push_back({field, "must be one of draft, published, archived"});
      } else {
        article.status = std::string(value.as_string());
      }
    } else if (key == "category_id") {
      ReadOptionalId(value, field, article.category_id, errors, false);
    } else if (key == "topic") {
      ReadOptionalId(value, field, article.topic, errors, true);
    } else if (key == "translation_of") {
      ReadOptionalId(value, field, article.translation_of, errors, true);
    } else if (key == "tags") {
      std::vector<std::string> tags;
      bool good = value.is_array() && value.as_array().size() <= kMaxTags;
      for (size_t i = 0; good && i < value.as_array().size(); ++i) {
        const json::value& tag = value.as_array()[i];
        std::string clean = tag.is_string() ? CleanTag(tag.as_string()) : std::string();
        good = !clean.empty();
        if (good && std::find(tags.begin(), tags.end(), clean) == tags.end()) {
          tags.push_back(std::move(clean));
        }
      }
      if (!good) {
        errors.push_back({field, "must be at most 20 tags of up to 40 letters, digits, _ and -"});
      } else {
        article.tags = std::move(tags);
      }
    } else {
      errors.push_back({field, "is not a known field"});
    }
  }
  if (creating) {
    for (const char* required : {"title", "body"}) {
      if (!input.contains(required)) errors.push_back({required, "is required"});
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (article.slug.empty()) article.slug = SlugFrom(article.title);
  if (article.slug.empty())
    return Error::Invalid("slug", "is required when the title has no letters");
  if (body_changed || creating) {
    RenderedMarkdown rendered = RenderMarkdown(article.body);
    article.body_html = std::move(rendered.html);
    article.body_text = std::move(rendered.text);
  }
  return OkStatus();
}

std::string SlugFrom(std::string_view text) {
  std::string slug;
  for (char c : SearchFold(text)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (slug.size() >= kMaxSlug) break;
      slug += c;
    } else if (!slug.empty() && slug.back() != '-' && slug.size() < kMaxSlug - 1) {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

bool IsValidSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > kMaxSlug || slug.front() == '-' || slug.back() == '-') {
    return false;
  }
  for (size_t i = 0; i < slug.size(); ++i) {
    const char c = slug[i];
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && slug[i - 1] != '-');
    if (!ok) return false;
  }
  return true;
}

bool IsValidLanguage(std::string_view language) {
  // A primary subtag of 2–3 letters, optionally a region of 2 letters or 3 digits: en, de, pt-br.
  const size_t dash = language.find('-');
  const std::string_view primary = language.substr(0, dash);
  auto letters = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  };
  if (primary.size() < 2 || primary.size() > 3 || !letters(primary)) return false;
  if (dash == std::string_view::npos) return true;
  const std::string_view region = language.substr(dash + 1);
  return (region.size() == 2 && letters(region)) ||
         (region.size() == 3 &&
          std::all_of(region.begin(), region.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

Result<Article> LoadArticle(storage::Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kSelectArticle, {id}));
  if (rows.empty()) return Error::NotFound("No article has the id " + id + ".");
  return ArticleFromRow(rows.front());
}

Status CheckKbAction(const access::Access& access, Action action) {
  if (access.LevelFor(Object::kKnowledgeBase, action) == Level::kNone) {
    return access::NotPermitted(Object::kKnowledgeBase, action);
  }
  return OkStatus();
}

Status CheckKbRead(const access::Access& access) { return CheckKbAction(access, Action::kRead); }

Status CheckKbWrite(const access::Access& access, const Article& before, const Article& after,
                    bool creating) {
  RAPPORT_RETURN_IF_ERROR(CheckKbRead(access));
  RAPPORT_RETURN_IF_ERROR(CheckKbAction(access, Action::kCreate));
  const bool drafts_only = after.status == "draft" && (creating || before.status == "draft");
  if (!drafts_only) RAPPORT_RETURN_IF_ERROR(CheckKbAction(access, Action::kEdit));
  return OkStatus();
}

Status CheckKbAdmin(const access::Access& access) {
  if (!access.is_admin()) {
    return Error::PermissionDenied("Only administrators change the help center's settings.");
  }
  return OkStatus();
}

}  // namespace rapport::helpcenter
