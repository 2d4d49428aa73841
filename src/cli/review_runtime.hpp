// ReviewRuntime: the reviews as `rapport serve` runs them (docs/design/reviews.md) — the staff
// API, the public request page /r/{token} and the shop pages' JSON and widget, review requests
// mailed through the service desk's mail queue, and the automatic request after fulfilment on the
// outbox and the scheduler. Like SurveyRuntime it joins areas that do not link each other:
// feedback writes the request and hands its mail to support's mail_outbox through an
// InvitationMailer; support's sender asks feedback's composer for the words.
//
// Owned by Serve; construct after the mail runtime, Wire before the dispatcher and scheduler
// start, AddRoutes after BuildApiRouter. The services are thread-safe once wired.
#pragma once

#include <string>

#include "cli/mail_out_runtime.hpp"
#include "feedback/review_auto_requests.hpp"
#include "feedback/review_requests.hpp"
#include "feedback/review_service.hpp"
#include "feedback/review_settings.hpp"
#include "http/review_routes.hpp"
#include "http/router.hpp"
#include "identity/public_token.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/scheduler.hpp"

namespace rapport::cli {

class ReviewRuntime {
 public:
  ReviewRuntime(storage::Database& database, const std::string& public_base,
                const identity::PublicTokens& tokens, feedback::ContactBudgetPolicy budget,
                MailOutRuntime& mail_out);

  // REQUIRES: before the dispatcher, the scheduler and the mail sender start.
  void Wire(storage::EventDispatcher& dispatcher, storage::Scheduler& scheduler);
  void AddRoutes(http::Router& router);

 private:
  feedback::ReviewService reviews_;
  feedback::ReviewRequests requests_;
  feedback::ReviewSettingsService settings_;
  feedback::ReviewAutoRequests auto_requests_;
  http::ReviewApi api_;
};

}  // namespace rapport::cli
