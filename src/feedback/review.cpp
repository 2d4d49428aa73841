#include "feedback/review.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/unicode_text.hpp"

namespace rapport::feedback {
namespace {

constexpr size_t kMaxId = 64;
constexpr std::array<std::string_view, 5> kSources{"invited", "own_site", "google", "facebook",
                                                   "other"};

json::value Opt(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

bool IsKnown(std::string_view key, std::initializer_list<std::string_view> keys) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// A bounded text field: trimmed, NFC, no control characters on one line; "" when absent.
std::string ReadText(const json::value* value, std::string_view field, size_t max, TextKind kind,
                     std::vector<FieldError>& errors) {
  if (value == nullptr || value->is_null()) return {};
  if (!value->is_string()) {
    errors.push_back({std::string(field), "must be text"});
    return {};
  }
  // Far beyond the limit: refuse before normalising megabytes.
  if (value->as_string().size() > max * 4 + 16) {
    errors.push_back({std::string(field), "is longer than " + std::to_string(max) + " characters"});
    return {};
  }
  CleanedText cleaned = CleanText(value->as_string(), max, kind);
  if (!cleaned.problem.empty()) {
    errors.push_back({std::string(field), cleaned.problem});
    return {};
  }
  return cleaned.text;
}

std::optional<int64_t> ReadRating(const json::value* value) {
  if (value == nullptr) return std::nullopt;
  int64_t n = 0;
  if (value->is_int64()) {
    n = value->as_int64();
  } else if (value->is_string() && value->as_string().size() == 1) {
    n = value->as_string()[0] - '0';
  } else {
    return std::nullopt;
  }
  if (n < 1 || n > 5) return std::nullopt;
  return n;
}

std::optional<std::string> ReadId(const json::value* value, std::string_view field,
                                  std::vector<FieldError>& errors) {
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_string() || value->as_string().empty() || value->as_string().size() > kMaxId) {
    errors.push_back({std::string(field), "must be an id"});
    return std::nullopt;
  }
  return std::string(value->as_string());
}

bool IsWebAddress(std::string_view url) {
  if (!url.starts_with("https://") && !url.starts_with("http://")) return false;
  return std::none_of(url.begin(), url.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>';
  });
}

}  // namespace

bool IsReviewLanguage(std::string_view language) {
  return language.size() == 2 &&
         std::all_of(language.begin(), language.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

Result<ReviewInput> ParseReviewInput(const json::object& body) {
  std::vector<FieldError> errors;
  for (const auto& [key, unused] : body) {
    if (key == "verified") {
      errors.push_back({"verified", "is decided by the server from the customer's orders"});
    } else if (!IsKnown(key, {"customer_id", "product_id", "rating", "title", "text", "source",
                              "source_url", "language", "status"})) {
      errors.push_back({std::string(key), "is not a known field"});
    }
  }
  ReviewInput input;
  auto customer = ReadId(body.if_contains("customer_id"), "customer_id", errors);
  if (customer) {
    input.customer_id = *customer;
  } else if (body.if_contains("customer_id") == nullptr) {
    errors.push_back({"customer_id", "is required"});
  }
  input.product_id = ReadId(body.if_contains("product_id"), "product_id", errors);
  if (auto rating = ReadRating(body.if_contains("rating"));
      rating && body.at("rating").is_int64()) {
    input.rating = *rating;
  } else {
    errors.push_back({"rating", "must be a whole number from 1 to 5"});
  }
  input.title =
      ReadText(body.if_contains("title"), "title", kMaxReviewTitle, TextKind::kSingleLine, errors);
  input.text =
      ReadText(body.if_contains("text"), "text", kMaxReviewText, TextKind::kMultiLine, errors);
  const json::value* source = body.if_contains("source");
  if (source == nullptr || !source->is_string() ||
      std::find(kSources.begin(), kSources.end(), std::string_view(source->as_string())) ==
          kSources.end()) {
    errors.push_back({"source", "must be invited, own_site, google, facebook or other"});
  } else {
    input.source = std::string(source->as_string());
  }
  if (const json::value* url = body.if_contains("source_url"); url != nullptr && !url->is_null()) {
    if (!url->is_string() || url->as_string().size() > kMaxReviewUrl ||
        !IsWebAddress(url->as_string())) {
      errors.push_back({"source_url", "must be an http(s) address of at most 2000 characters"});
    } else {
      input.source_url = std::string(url->as_string());
    }
  }
  if (input.source == "other" && !input.source_url) {
    errors.push_back({"source_url", "is required when the source is other"});
  }
  if (const json::value* language = body.if_contains("language");
      language != nullptr && !language->is_null()) {
    if (!language->is_string() || !IsReviewLanguage(language->as_string())) {
      errors.push_back({"language", "must be a two-letter language code such as en or de"});
    } else {
      input.language = std::string(language->as_string());
    }
  }
  if (const json::value* status = body.if_contains("status"); status != nullptr) {
    if (!status->is_string() ||
        (status->as_string() != "pending" && status->as_string() != "published")) {
      errors.push_back({"status", "must be pending or published"});
    } else {
      input.status = std::string(status->as_string());
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return input;
}

Result<ReviewWords> ParseReviewWords(const json::value* rating, const json::value* title,
                                     const json::value* text) {
  std::vector<FieldError> errors;
  ReviewWords words;
  if (auto given = ReadRating(rating)) {
    words.rating = *given;
  } else {
    errors.push_back({"rating", "must be a number of stars from 1 to 5"});
  }
  words.title = ReadText(title, "title", kMaxReviewTitle, TextKind::kSingleLine, errors);
  words.text = ReadText(text, "text", kMaxReviewText, TextKind::kMultiLine, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return words;
}

Result<ReviewPatch> ParseReviewPatch(const json::object& body) {
  std::vector<FieldError> errors;
  ReviewPatch patch;
  for (const auto& [key, value] : body) {
    if (key == "status") {
      if (!value.is_string() ||
          (value.as_string() != "pending" && value.as_string() != "published" &&
           value.as_string() != "rejected")) {
        errors.push_back({"status", "must be pending, published or rejected"});
      } else {
        patch.status = std::string(value.as_string());
      }
    } else if (key == "reason") {
      std::string reason =
          ReadText(&value, "reason", kMaxReviewReason, TextKind::kMultiLine, errors);
      if (!reason.empty()) patch.reason = std::move(reason);
    } else if (key == "reply") {
      if (value.is_null()) {
        patch.reply = std::optional<std::string>();
      } else {
        std::string reply =
            ReadText(&value, "reply", kMaxReviewReply, TextKind::kMultiLine, errors);
        patch.reply = reply.empty() ? std::optional<std::string>() : std::optional(reply);
      }
    } else {
      errors.push_back({std::string(key), "is not a known field"});
    }
  }
  if (patch.status == "rejected" && !patch.reason) {
    errors.push_back({"reason", "is required to reject a review"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return patch;
}

json::object ReviewToJson(const Review& r) {
  json::value moderation = nullptr;
  if (r.moderated_at) {
    moderation = json::object{
        {"by", Opt(r.moderated_by)}, {"at", *r.moderated_at}, {"reason", Opt(r.moderation_reason)}};
  }
  json::value reply = nullptr;
  if (r.reply) {
    reply = json::object{{"text", *r.reply}, {"by", Opt(r.replied_by)}, {"at", Opt(r.replied_at)}};
  }
  return json::object{{"id", r.id},
                      {"customer_id", r.customer_id},
                      {"product_id", Opt(r.product_id)},
                      {"rating", r.rating},
                      {"title", r.title},
                      {"text", r.text},
                      {"source", r.source},
                      {"source_url", Opt(r.source_url)},
                      {"verified", r.verified},
                      {"language", r.language},
                      {"sentiment", r.sentiment ? json::value(*r.sentiment) : json::value(nullptr)},
                      {"status", r.status},
                      {"moderation", std::move(moderation)},
                      {"reply", std::move(reply)},
                      {"request_id", Opt(r.request_id)},
                      {"created_at", r.created_at},
                      {"published_at", Opt(r.published_at)},
                      {"updated_at", r.updated_at},
                      {"version", r.version}};
}

json::object PublicReviewJson(const Review& r, std::string_view author) {
  json::value reply = nullptr;
  if (r.reply) reply = json::object{{"text", *r.reply}, {"at", Opt(r.replied_at)}};
  return json::object{{"id", r.id},
                      {"product_id", Opt(r.product_id)},
                      {"rating", r.rating},
                      {"title", r.title},
                      {"text", r.text},
                      {"author", std::string(author)},
                      {"verified", r.verified},
                      {"source", r.source},
                      {"language", r.language},
                      {"published_at", Opt(r.published_at)},
                      {"reply", std::move(reply)}};
}

std::string AuthorName(std::string_view first_name, std::string_view last_name) {
  const std::string first(TrimUnicodeWhitespace(first_name));
  if (first.empty()) return {};
  const std::string_view last = TrimUnicodeWhitespace(last_name);
  if (last.empty()) return first;
  // The last name's first character, whole (UTF-8), never a half.
  std::string_view initial = Utf8Prefix(last, 4);
  size_t length = 1;
  const auto lead = static_cast<unsigned char>(initial[0]);
  if (lead >= 0xF0) {
    length = 4;
  } else if (lead >= 0xE0) {
    length = 3;
  } else if (lead >= 0xC0) {
    length = 2;
  }
  return first + " " + std::string(initial.substr(0, std::min(length, initial.size()))) + ".";
}

json::object ReviewStatsToJson(const ReviewStats& stats) {
  json::object distribution;
  for (size_t i = 0; i < stats.stars.size(); ++i) {
    distribution[std::to_string(i + 1)] = stats.stars[i];
  }
  json::value average = nullptr;
  if (stats.count > 0) {
    average = std::round(static_cast<double>(stats.rating_sum) / stats.count * 100) / 100;
  }
  return json::object{{"count", stats.count},
                      {"average", std::move(average)},
                      {"distribution", std::move(distribution)}};
}

}  // namespace rapport::feedback
