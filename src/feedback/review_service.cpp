#include "feedback/review_service.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "common/ids.hpp"
#include "common/sentiment.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "common/unicode_text.hpp"
#include "customers/customer_service.hpp"
#include "feedback/review_store.hpp"
#include "interactions/interaction_service.hpp"
#include "storage/audit.hpp"
#include "storage/event_payload.hpp"
#include "storage/outbox.hpp"

namespace rapport::feedback {
namespace {

using access::Action;
using access::Object;
using storage::Rows;
using storage::Tx;
using storage::Value;

constexpr std::string_view kProductName = "SELECT name FROM products WHERE id = ?";
constexpr std::string_view kCustomerLanguage = "SELECT language FROM customers WHERE id = ?";
// A verified buyer: a fulfilled order of theirs with the product on a line (or any fulfilled
// order for a review of the business). Read at write time from the commerce area's tables.
constexpr std::string_view kBoughtProduct =
    "SELECT 1 FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.customer_id = ? AND "
    "l.product_id = ? AND o.status = 'fulfilled' LIMIT 1";
constexpr std::string_view kBoughtAnything =
    "SELECT 1 FROM orders WHERE customer_id = ? AND status = 'fulfilled' LIMIT 1";
constexpr std::string_view kAuthor = "SELECT first_name, last_name FROM customers WHERE id = ?";
constexpr std::string_view kCustomerJoin = "JOIN customers c ON c.id = r.customer_id";
constexpr std::string_view kNewestFirst = "r.created_at DESC, r.id DESC";
constexpr std::string_view kPublishedFirst = "r.published_at DESC, r.id DESC";
constexpr std::string_view kCreatedSort = "created_at";
constexpr std::string_view kPublishedSort = "published_at";
constexpr size_t kMaxTimelineSubjectBytes = 900;

Error NoSuchReview(const std::string& id) {
  return Error::NotFound("No review has the id " + id + ".");
}

Status NeedReviews(const access::Access& access, Action action) {
  if (access.LevelFor(Object::kReviews, action) != access::Level::kAll) {
    return access::NotPermitted(Object::kReviews, action);
  }
  return OkStatus();
}

// The review when `access` may read it (reviews read, and its customer readable).
Result<Review> ReadableReview(Tx& tx, const access::Access& access, const std::string& id) {
  RAPPORT_RETURN_IF_ERROR(NeedReviews(access, Action::kRead));
  RAPPORT_ASSIGN_OR_RETURN(std::optional<Review> review, review_store::Load(tx, id));
  if (!review) return NoSuchReview(id);
  auto owner = customers::ReadableCustomerOwner(tx, access, review->customer_id);
  if (!owner.ok()) {
    if (owner.error().code == ErrorCode::kNotFound) return NoSuchReview(id);
    return owner.error();
  }
  return std::move(*review);
}

// What subscribers read (health: review.id, rating, customer_id; loyalty: review.product_id):
// the record without its words, which stay in the review (and its timeline entry).
json::object EventRecord(const Review& r) {
  return json::object{
      {"id", r.id},
      {"customer_id", r.customer_id},
      {"product_id", r.product_id ? json::value(*r.product_id) : json::value(nullptr)},
      {"rating", r.rating},
      // The text's lexicon score (common/sentiment.hpp), so health can act on a 4-star review
      // whose words are angry without reading the text; null when there is no text.
      {"sentiment", r.sentiment ? json::value(*r.sentiment) : json::value(nullptr)},
      {"source", r.source},
      {"verified", r.verified},
      {"language", r.language},
      {"status", r.status},
      {"published_at", r.published_at ? json::value(*r.published_at) : json::value(nullptr)}};
}

Status Announce(Tx& tx, const storage::WriteContext& context, std::string_view type,
                const Review& review, json::object payload = {}) {
  payload["review"] = EventRecord(review);
  return storage::AppendEvent(tx, context, type, "customer", review.customer_id, payload);
}

std::string LanguageFor(Tx& tx, const std::string& customer_id) {
  auto rows = tx.Query(kCustomerLanguage, {customer_id});
  if (rows.ok() && !rows->empty()) {
    const std::string language = ToLowerAscii(rows->front().Text(0)).substr(0, 2);
    if (IsReviewLanguage(language)) return language;
  }
  return "en";
}

// "Reviewed the Espresso machine: 2 stars" on the customer's timeline.
Status OnTimeline(Tx& tx, const storage::WriteContext& context, const Review& review,
                  const std::string& about) {
  std::string subject = "Reviewed " + about + ": " + std::to_string(review.rating) +
                        (review.rating == 1 ? " star" : " stars");
  if (!review.title.empty()) subject += " — " + review.title;
  // A long product name and title together stay within a timeline subject.
  subject = std::string(Utf8Prefix(subject, kMaxTimelineSubjectBytes));
  json::object entry{
      {"channel", review.source == "google" || review.source == "facebook" ? "social" : "web"},
      {"direction", "inbound"},
      {"kind", "review"},
      {"subject", subject},
      // Not labelled from the text: health acts on the review's own score when it is published
      // (review.published), and a label here would count the same words a second time — or a
      // review moderation rejects.
      {"sentiment", "unknown"},
      {"metadata", json::object{{"review_id", review.id}}}};
  if (!review.text.empty()) entry["body"] = review.text;
  // The review's writer was authorised; the entry is part of the same change.
  auto logged =
      interactions::LogInTx(tx, access::Access::Unrestricted(), context, review.customer_id, entry);
  if (!logged.ok()) return logged.error();
  return OkStatus();
}

// Moves `review` into `to`, keeping the product's stats and published_at in step.
Status MoveStatus(Tx& tx, Review& review, const std::string& to, const std::string& now) {
  if (to == review.status) return OkStatus();
  if (review.status == "published") {
    RAPPORT_RETURN_IF_ERROR(review_store::CountPublished(tx, review.product_id, review.rating, -1));
  }
  if (to == "published") {
    RAPPORT_RETURN_IF_ERROR(review_store::CountPublished(tx, review.product_id, review.rating, 1));
    review.published_at = now;
  } else {
    review.published_at.reset();
  }
  review.status = to;
  return OkStatus();
}

}  // namespace

Result<bool> IsVerifiedBuyer(Tx& tx, const std::string& customer_id,
                             const std::optional<std::string>& product_id) {
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, product_id
                                          ? tx.Query(kBoughtProduct, {customer_id, *product_id})
                                          : tx.Query(kBoughtAnything, {customer_id}));
  return !rows.empty();
}

Result<Review> CreateReviewInTx(Tx& tx, const access::Access& access,
                                const storage::WriteContext& context, const ReviewInput& input,
                                const std::optional<std::string>& request_id) {
  std::vector<FieldError> errors;
  auto owner = customers::ReadableCustomerOwner(tx, access, input.customer_id);
  if (!owner.ok()) {
    if (owner.error().code != ErrorCode::kNotFound) return owner.error();
    errors.push_back({"customer_id", "no customer has this id"});
  }
  std::string about = "the business";
  if (input.product_id) {
    RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kProductName, {*input.product_id}));
    if (rows.empty()) {
      errors.push_back({"product_id", "no product has this id"});
    } else {
      about = rows[0].Text(0);
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  const std::string now = NowInstant();
  Review review{.id = NewId("rev"),
                .customer_id = input.customer_id,
                .product_id = input.product_id,
                .rating = input.rating,
                .title = input.title,
                .text = input.text,
                .source = input.source,
                .source_url = input.source_url,
                .language = input.language.value_or(LanguageFor(tx, input.customer_id)),
                .status = "pending",
                .request_id = request_id,
                .created_at = now,
                .updated_at = now};
  RAPPORT_ASSIGN_OR_RETURN(review.verified,
                           IsVerifiedBuyer(tx, review.customer_id, review.product_id));
  const std::string words = review.title + "\n" + review.text;
  if (!TrimWhitespace(words).empty()) review.sentiment = ScoreSentiment(words).score;
  if (input.status == "published") {
    RAPPORT_RETURN_IF_ERROR(MoveStatus(tx, review, "published", now));
    if (!access.user_id().empty()) review.moderated_by = access.user_id();
    review.moderated_at = now;
  }
  RAPPORT_RETURN_IF_ERROR(review_store::Insert(tx, review));
  RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "review.created", review));
  if (review.status == "published") {
    RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "review.published", review));
  }
  RAPPORT_RETURN_IF_ERROR(
      storage::AppendAudit(tx, context, "create", "review", review.id, {}, ReviewToJson(review)));
  RAPPORT_RETURN_IF_ERROR(OnTimeline(tx, context, review, about));
  return review;
}

Result<json::object> ReviewService::Create(const Access& access,
                                           const storage::WriteContext& context,
                                           const json::object& body) {
  RAPPORT_RETURN_IF_ERROR(NeedReviews(access, Action::kCreate));
  RAPPORT_ASSIGN_OR_RETURN(ReviewInput input, ParseReviewInput(body));
  if (input.status == "published") RAPPORT_RETURN_IF_ERROR(NeedReviews(access, Action::kEdit));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Review review, CreateReviewInTx(tx, access, context, input));
    served = ReviewToJson(review);
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> ReviewService::Get(const Access& access, const std::string& id) {
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Review review, ReadableReview(tx, access, id));
    served = ReviewToJson(review);
    return OkStatus();
  }));
  return served;
}

Result<Page> ReviewService::List(const Access& access, const ReviewQuery& query) {
  RAPPORT_RETURN_IF_ERROR(NeedReviews(access, Action::kRead));
  std::vector<FieldError> errors;
  if (query.status && query.status != "pending" && query.status != "published" &&
      query.status != "rejected") {
    errors.push_back({"status", "must be pending, published or rejected"});
  }
  if (query.rating && (*query.rating < 1 || *query.rating > 5)) {
    errors.push_back({"rating", "must be a whole number from 1 to 5"});
  }
  std::optional<CursorPosition> after;
  if (query.cursor) {
    auto position = DecodeCursor(*query.cursor, kCreatedSort);
    if (!position.ok() || !position->value.is_string()) {
      errors.push_back({"cursor", "is not a cursor of this list"});
    } else {
      after = std::move(*position);
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  // Record access first: only reviews of customers the caller may read.
  const access::ScopeCondition scope =
      access.Scope(Object::kCustomers, Action::kRead, "c.owner_id");
  std::string where = "(" + scope.sql + ")";
  std::vector<Value> params(scope.params.begin(), scope.params.end());
  auto filter = [&](std::string_view sql, std::vector<Value> values) {
    where += " AND " + std::string(sql);
    params.insert(params.end(), values.begin(), values.end());
  };
  if (query.status) filter("r.status = ?", {*query.status});
  if (query.product_id) filter("r.product_id = ?", {*query.product_id});
  if (query.customer_id) filter("r.customer_id = ?", {*query.customer_id});
  if (query.source) filter("r.source = ?", {*query.source});
  if (query.rating) filter("r.rating = ?", {*query.rating});
  if (after) {
    const std::string at(after->value.as_string());
    filter("(r.created_at < ? OR (r.created_at = ? AND r.id < ?))", {at, at, after->id});
  }
  const int limit = std::clamp(query.limit, 1, kMaxPageSize);
  std::vector<Review> reviews;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(
        reviews, review_store::Select(tx, kCustomerJoin, where, params, kNewestFirst, limit + 1));
    return OkStatus();
  }));
  Page page;
  const bool more = static_cast<int>(reviews.size()) > limit;
  if (more) reviews.resize(limit);
  for (const auto& review : reviews) page.data.push_back(ReviewToJson(review));
  if (more) {
    page.next_cursor = EncodeCursor({.sort = std::string(kCreatedSort),
                                     .value = json::value(reviews.back().created_at),
                                     .id = reviews.back().id});
  }
  return page;
}

Result<json::object> ReviewService::Update(const Access& access,
                                           const storage::WriteContext& context,
                                           const std::string& id, const json::object& body,
                                           std::optional<int64_t> if_version) {
  RAPPORT_ASSIGN_OR_RETURN(ReviewPatch patch, ParseReviewPatch(body));
  json::object served;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(Review review, ReadableReview(tx, access, id));
    RAPPORT_RETURN_IF_ERROR(NeedReviews(access, Action::kEdit));
    if (if_version && *if_version != review.version) {
      return Error::PreconditionFailed("The review was changed since you read it.");
    }
    const json::object before = ReviewToJson(review);
    const std::string from = review.status;
    const std::string now = NowInstant();
    const std::optional<std::string> by =
        access.user_id().empty() ? std::nullopt : std::optional(access.user_id());
    if (patch.status && *patch.status != review.status) {
      RAPPORT_RETURN_IF_ERROR(MoveStatus(tx, review, *patch.status, now));
      review.moderated_by = by;
      review.moderated_at = now;
      review.moderation_reason = patch.reason;
    } else if (patch.reason && review.moderated_at) {
      review.moderation_reason = patch.reason;
    }
    if (patch.reply && *patch.reply != review.reply) {
      review.reply = *patch.reply;
      review.replied_by = review.reply ? by : std::nullopt;
      review.replied_at = review.reply ? std::optional(now) : std::nullopt;
    }
    json::array changed = storage::ChangedFields(before, ReviewToJson(review));
    if (changed.empty()) {
      served = before;
      return OkStatus();
    }
    review.updated_at = now;
    ++review.version;
    RAPPORT_RETURN_IF_ERROR(review_store::Save(tx, review));
    served = ReviewToJson(review);
    if (review.status != from && review.status == "published") {
      RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "review.published", review));
    } else if (review.status != from && review.status == "rejected") {
      RAPPORT_RETURN_IF_ERROR(Announce(tx, context, "review.rejected", review));
    } else {
      RAPPORT_RETURN_IF_ERROR(
          Announce(tx, context, "review.updated", review, json::object{{"changed", changed}}));
    }
    RAPPORT_RETURN_IF_ERROR(
        storage::AppendAudit(tx, context, "update", "review", review.id, before, served));
    return context.Written(tx, served);
  }));
  return served;
}

Result<json::object> ReviewService::Stats(const Access& access, const std::string& product_id) {
  RAPPORT_RETURN_IF_ERROR(NeedReviews(access, Action::kRead));
  RAPPORT_ASSIGN_OR_RETURN(ReviewStats stats, PublicStats(product_id));
  json::object out = ReviewStatsToJson(stats);
  out["product_id"] = product_id.empty() ? json::value(nullptr) : json::value(product_id);
  return out;
}

Result<Page> ReviewService::PublicList(const PublicReviewQuery& query) {
  std::optional<CursorPosition> after;
  if (query.cursor) {
    auto position = DecodeCursor(*query.cursor, kPublishedSort);
    if (!position.ok() || !position->value.is_string()) {
      return Error::Invalid("cursor", "is not a cursor of this list");
    }
    after = std::move(*position);
  }
  std::string where = "r.status = 'published'";
  std::vector<Value> params;
  if (query.product_id && !query.product_id->empty()) {
    where += " AND r.product_id = ?";
    params.emplace_back(*query.product_id);
  } else {
    where += " AND r.product_id IS NULL";  // the business's own reviews, as PublicStats("")
  }
  if (after) {
    const std::string at(after->value.as_string());
    where += " AND (r.published_at < ? OR (r.published_at = ? AND r.id < ?))";
    params.insert(params.end(), {Value(at), Value(at), Value(after->id)});
  }
  const int limit = std::clamp(query.limit, 1, 50);
  Page page;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(
        std::vector<Review> reviews,
        review_store::Select(tx, "", where, params, kPublishedFirst, limit + 1));
    const bool more = static_cast<int>(reviews.size()) > limit;
    if (more) reviews.resize(limit);
    for (const auto& review : reviews) {
      RAPPORT_ASSIGN_OR_RETURN(Rows names, tx.Query(kAuthor, {review.customer_id}));
      const std::string author =
          names.empty() ? std::string() : AuthorName(names[0].Text(0), names[0].Text(1));
      page.data.push_back(PublicReviewJson(review, author));
    }
    if (more) {
      page.next_cursor =
          EncodeCursor({.sort = std::string(kPublishedSort),
                        .value = json::value(reviews.back().published_at.value_or("")),
                        .id = reviews.back().id});
    }
    return OkStatus();
  }));
  return page;
}

Result<ReviewStats> ReviewService::PublicStats(const std::string& product_id) {
  ReviewStats stats;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(stats, review_store::LoadStats(tx, product_id));
    return OkStatus();
  }));
  return stats;
}

}  // namespace rapport::feedback
