// ReviewService: product and business reviews (docs/design/reviews.md) — record one (staff, the
// API, an import, the public request page), read, list with filters, moderate and reply, and
// the public side: published reviews and per-product stats for shop pages.
//
// Access (docs/design/access.md § Feedback, tasks and loyalty): the `reviews` object takes the
// levels all and none; a review is readable only when its customer is (ReadableCustomerOwner),
// on every read path, else "not found". Create needs reviews create (and edit to publish at
// once); moderating and replying need reviews edit.
//
// `verified` is computed here, never taken from input: the customer has a fulfilled order with
// the product (any fulfilled order for a review of the business). Every write runs in one
// transaction with its event (review.created / review.published / review.rejected /
// review.updated, aggregate the customer), its audit entry, the customer's timeline entry (on
// create) and the product's stats (review_stats, changed whenever a review enters or leaves
// `published`). Changes carry the version (If-Match). Holds a reference to the Database;
// thread-safe; calls block on storage.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/page.hpp"
#include "feedback/review.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::feedback {

struct ReviewQuery {
  std::optional<std::string> status;
  std::optional<std::string> product_id;
  std::optional<std::string> customer_id;
  std::optional<std::string> source;
  std::optional<int64_t> rating;
  int limit = kDefaultPageSize;
  std::optional<std::string> cursor;
};

// Published reviews of one product (absent: of the business), newest first.
struct PublicReviewQuery {
  std::optional<std::string> product_id;
  int limit = 10;
  std::optional<std::string> cursor;
};

// Records a review inside the caller's write transaction (the public request page, imports):
// validates links, computes `verified`, writes event, audit, timeline and stats. `access` must
// allow it (Access::Unrestricted() for a customer's own review through their link). REQUIRES:
// inside Database::Write.
Result<Review> CreateReviewInTx(storage::Tx& tx, const access::Access& access,
                                const storage::WriteContext& context, const ReviewInput& input,
                                const std::optional<std::string>& request_id = std::nullopt);

// Whether the customer bought the product (or anything, without one) in a fulfilled order.
Result<bool> IsVerifiedBuyer(storage::Tx& tx, const std::string& customer_id,
                             const std::optional<std::string>& product_id);

class ReviewService {
 public:
  explicit ReviewService(storage::Database& database) : database_(database) {}

  using Access = access::Access;

  Result<json::object> Create(const Access& access, const storage::WriteContext& context,
                              const json::object& body);
  Result<json::object> Get(const Access& access, const std::string& id);
  Result<Page> List(const Access& access, const ReviewQuery& query);
  // Moderation and the reply (ParseReviewPatch); `if_version` as for every PATCH.
  Result<json::object> Update(const Access& access, const storage::WriteContext& context,
                              const std::string& id, const json::object& patch,
                              std::optional<int64_t> if_version);
  // {product_id, count, average, distribution}; needs reviews read.
  Result<json::object> Stats(const Access& access, const std::string& product_id);

  // The public side: no access (published reviews only, nothing that names the customer).
  Result<Page> PublicList(const PublicReviewQuery& query);
  Result<ReviewStats> PublicStats(const std::string& product_id);

 private:
  storage::Database& database_;
};

}  // namespace rapport::feedback
