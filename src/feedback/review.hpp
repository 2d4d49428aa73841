// A review and its rules as values (docs/design/reviews.md): the record, what a caller may give
// to create one (bounded, field-named errors; `verified` is never accepted: the server computes
// it), the moderation and reply patch, and the record's JSON — for staff, and the public form
// (no customer id or email; the author as a first name and an initial). Pure; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "common/json.hpp"
#include "common/result.hpp"

namespace rapport::feedback {

inline constexpr size_t kMaxReviewTitle = 200;   // characters
inline constexpr size_t kMaxReviewText = 5000;   // characters
inline constexpr size_t kMaxReviewUrl = 2000;    // bytes
inline constexpr size_t kMaxReviewReason = 500;  // characters
inline constexpr size_t kMaxReviewReply = 5000;  // characters

struct Review {
  std::string id;
  std::string customer_id;
  std::optional<std::string> product_id;
  int64_t rating = 0;
  std::string title;
  std::string text;
  std::string source;  // invited | own_site | google | facebook | other
  std::optional<std::string> source_url;
  bool verified = false;
  std::string language;
  std::optional<double> sentiment;
  std::string status;  // pending | published | rejected
  std::optional<std::string> moderated_by, moderated_at, moderation_reason;
  std::optional<std::string> reply, replied_by, replied_at;
  std::optional<std::string> request_id;
  std::string created_at;
  std::optional<std::string> published_at;
  std::string updated_at;
  int64_t version = 1;
};

// What Create takes: {customer_id, rating, title?, text?, product_id?, source, source_url?,
// language?, status?: pending | published}. `verified` and unknown keys are refused.
struct ReviewInput {
  std::string customer_id;
  std::optional<std::string> product_id;
  int64_t rating = 0;
  std::string title;
  std::string text;
  std::string source;
  std::optional<std::string> source_url;
  std::optional<std::string> language;
  std::string status = "pending";
};
Result<ReviewInput> ParseReviewInput(const json::object& body);

// The words of a review from the public page: rating (a number or its text from a form), title,
// text; field-named errors as for staff input.
struct ReviewWords {
  int64_t rating = 0;
  std::string title;
  std::string text;
};
Result<ReviewWords> ParseReviewWords(const json::value* rating, const json::value* title,
                                     const json::value* text);

// PATCH: {status?: pending | published | rejected, reason?, reply?: text | null}. A rejection
// needs a reason (kept for the audit trail and the customer's timeline).
struct ReviewPatch {
  std::optional<std::string> status;
  std::optional<std::string> reason;
  std::optional<std::optional<std::string>> reply;  // set: change; inner nullopt: remove
};
Result<ReviewPatch> ParseReviewPatch(const json::object& body);

// The languages a review may be in: a lower-case ISO 639-1 code ("en", "de", "fr").
bool IsReviewLanguage(std::string_view language);

json::object ReviewToJson(const Review& review);
// The published review as shops show it: no customer id, the author as "Ada L." at most.
json::object PublicReviewJson(const Review& review, std::string_view author);
// "Ada L." from a first and last name; "" without a first name.
std::string AuthorName(std::string_view first_name, std::string_view last_name);

// Per product ('' for the business) published reviews: count, average and the 1-5 distribution.
struct ReviewStats {
  int64_t count = 0;
  int64_t rating_sum = 0;
  std::array<int64_t, 5> stars{};  // stars[0] = 1 star
};
json::object ReviewStatsToJson(const ReviewStats& stats);

}  // namespace rapport::feedback
