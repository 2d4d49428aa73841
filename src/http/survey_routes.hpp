// The surveys' routes (docs/design/surveys.md): the staff API under /api/v1/surveys
// (handlers/survey_handlers.cpp) and the public answer page /s/{token}
// (handlers/survey_page_handlers.cpp). Kept apart from ApiServices so the feedback area plugs
// into the router without every handler depending on it: the composition root adds these
// routes to the router BuildApiRouter made. References only; the caller owns the services.
#pragma once

#include "common/json.hpp"
#include "feedback/feedback_themes.hpp"
#include "feedback/open_links.hpp"
#include "feedback/survey_invitations.hpp"
#include "feedback/survey_results.hpp"
#include "feedback/survey_sends.hpp"
#include "feedback/survey_service.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"

namespace rapport::http {

struct SurveyApi {
  storage::Database& database;
  feedback::SurveyService& surveys;
  feedback::SurveyInvitations& invitations;
  feedback::SurveyResults& results;
  feedback::SurveySends& sends;
  feedback::FeedbackThemes& themes;
  feedback::OpenLinks& open_links;
};

void AddSurveyRoutes(Router& router, SurveyApi& api);
void AddSurveyPageRoutes(Router& router, SurveyApi& api);
// "You said, we did": /api/v1/feedback/themes and tagging answers (feedback_theme_handlers.cpp).
void AddFeedbackThemeRoutes(Router& router, SurveyApi& api);

// The surveys' body schemas, merged into the OpenAPI document's.
json::object SurveySchemas();
json::object FeedbackThemeSchemas();

}  // namespace rapport::http
