// The reviews' transfer adapter (transfer/adapter.hpp): importing reviews from other sites
// (Google, Facebook, a former shop system) from CSV, one review per row, through CreateReviewInTx
// — the same validation, verified rule, events, audit and timeline as the API — and exporting
// them (CSV, NDJSON) with the reviews export level, only those of customers the caller may read.
// Import creates only, and revert keeps imported reviews (RevertOutcome::kKept): once moderated
// and shown they are history. docs/design/reviews.md § Collecting.
#pragma once

#include <memory>

#include "transfer/adapter.hpp"

namespace rapport::feedback {

std::unique_ptr<transfer::ObjectAdapter> MakeReviewTransferAdapter();

}  // namespace rapport::feedback
