// The reviews' routes (docs/design/reviews.md): the staff API under /api/v1/reviews
// (handlers/review_handlers.cpp), and the public side (handlers/review_page_handlers.cpp): the
// request page /r/{token}, the published reviews as JSON (/public/reviews) and the embeddable
// widget page (/public/reviews/widget). Kept apart from ApiServices like the surveys' routes:
// the composition root adds these to the router BuildApiRouter made. References only; the
// caller owns the services.
#pragma once

#include "common/json.hpp"
#include "feedback/review_requests.hpp"
#include "feedback/review_service.hpp"
#include "feedback/review_settings.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"

namespace rapport::http {

struct ReviewApi {
  storage::Database& database;
  feedback::ReviewService& reviews;
  feedback::ReviewRequests& requests;
  feedback::ReviewSettingsService& settings;
};

void AddReviewRoutes(Router& router, ReviewApi& api);
void AddReviewPublicRoutes(Router& router, ReviewApi& api);

// The reviews' body schemas, merged into the OpenAPI document's.
json::object ReviewSchemas();

}  // namespace rapport::http
