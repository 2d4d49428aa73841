// The reviews' tables (migration 0033): rows to Review values and back, and the per-product
// stats kept current on write. Internal to the feedback area; free functions over the caller's
// transaction; thread-safe as the transaction is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "feedback/review.hpp"
#include "storage/database.hpp"

namespace rapport::feedback::review_store {

Result<std::optional<Review>> Load(storage::Tx& tx, const std::string& id);
Status Insert(storage::Tx& tx, const Review& review);
Status Save(storage::Tx& tx, const Review& review);
// Reviews matching `where` (SQL over the alias r, parameterised), in `order`, at most `limit`.
// `joins` may add tables the condition needs (customers c for record access).
Result<std::vector<Review>> Select(storage::Tx& tx, std::string_view joins,
                                   const std::string& where,
                                   const std::vector<storage::Value>& params,
                                   std::string_view order, int limit);

// Adds (`delta` 1) or removes (-1) one published review of `rating` stars to its product's stats
// ('' for the business).
Status CountPublished(storage::Tx& tx, const std::optional<std::string>& product_id, int64_t rating,
                      int64_t delta);
Result<ReviewStats> LoadStats(storage::Tx& tx, const std::string& product_id);

}  // namespace rapport::feedback::review_store
