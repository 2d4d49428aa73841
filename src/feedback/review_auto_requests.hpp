// The automatic review request after fulfilment (docs/design/reviews.md § Collecting), the same
// pattern as survey triggers (survey_triggers.hpp). ReviewAutoRequests (the outbox subscriber
// "feedback.review_auto_requests") turns an order becoming fulfilled, when the review settings
// ask for it, into one scheduler job "review.request" (key: the order) due auto_request_days
// later; a replayed or later event keeps the job as it is, and an event older than a day past
// its moment (an import, a replay of history) schedules nothing.
//
// The job (AutoRequestJobHandler) re-checks everything when it runs: the setting still on, the
// order still fulfilled and its customer's, no request for this order yet (one per order, ever),
// and a product on it the customer has not reviewed — the request is about the first such line
// (one link takes one review). It asks by e-mail through ReviewRequests::RequestInTx, so
// consent, the one contact budget and no_email apply and are recorded. Thread-safe as the
// dispatcher and scheduler use them.
#pragma once

#include <functional>
#include <string>

#include "feedback/review_requests.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/scheduler.hpp"

namespace rapport::feedback {

inline constexpr std::string_view kAutoRequestJobKind = "review.request";

class ReviewAutoRequests : public storage::EventSubscriber {
 public:
  // `clock`: Unix milliseconds (tests pass their own).
  explicit ReviewAutoRequests(std::function<int64_t()> clock) : clock_(std::move(clock)) {}
  std::string_view name() const override { return "feedback.review_auto_requests"; }
  Status Apply(storage::Tx& tx, const storage::Event& event) override;
  bool Wants(std::string_view type) const override;

 private:
  std::function<int64_t()> clock_;
};

// The handler of kAutoRequestJobKind.
storage::Scheduler::Handler AutoRequestJobHandler(ReviewRequests& requests,
                                                  std::function<int64_t()> clock);

}  // namespace rapport::feedback
