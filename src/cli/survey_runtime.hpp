// SurveyRuntime: the surveys as `rapport serve` runs them (docs/design/surveys.md) — the staff
// API and the public answer page, invitations mailed through the service desk's mail queue, sends
// to a filter and triggers run by the scheduler and the outbox. It joins areas that do not link
// each other: feedback writes the invitation and hands its mail to support's mail_outbox through
// InvitationMailer, and support's sender asks feedback's composer for the words.
//
// Owned by Serve; construct after the mail runtime, Wire before the dispatcher and scheduler
// start, AddRoutes after BuildApiRouter. The services are thread-safe once wired.
#pragma once

#include <string>

#include "access/directory.hpp"
#include "cli/mail_out_runtime.hpp"
#include "customers/customer_traits.hpp"
#include "feedback/feedback_themes.hpp"
#include "feedback/open_links.hpp"
#include "feedback/survey_invitations.hpp"
#include "feedback/survey_results.hpp"
#include "feedback/survey_sends.hpp"
#include "feedback/survey_service.hpp"
#include "feedback/survey_triggers.hpp"
#include "http/router.hpp"
#include "http/survey_routes.hpp"
#include "identity/public_token.hpp"
#include "storage/event_dispatcher.hpp"
#include "storage/scheduler.hpp"

namespace rapport::cli {

class SurveyRuntime {
 public:
  SurveyRuntime(storage::Database& database, const std::string& public_base,
                const identity::PublicTokens& tokens, feedback::ContactBudgetPolicy budget,
                access::AccessDirectory& directory, const customers::CustomerTraits& traits,
                MailOutRuntime& mail_out);

  // REQUIRES: before the dispatcher, the scheduler and the mail sender start.
  void Wire(storage::EventDispatcher& dispatcher, storage::Scheduler& scheduler);
  void AddRoutes(http::Router& router);

 private:
  feedback::SurveyService surveys_;
  feedback::SurveyInvitations invitations_;
  feedback::SurveyResults results_;
  feedback::SurveySends sends_;
  feedback::SurveyTriggers triggers_;
  feedback::FeedbackThemes themes_;
  feedback::OpenLinks open_links_;
  http::SurveyApi api_;
};

}  // namespace rapport::cli
