// The transfer adapter of survey answers (object `survey_answers`): export only, through the
// existing export machinery (CSV or NDJSON; docs/export.md). Completed answers of customers the
// caller may read, with the survey's id, version, kind, score, comment, sentiment and every
// answer as JSON; needs the surveys export level. Import is refused: answers come from customers
// on the public page, never from a file. Stateless; thread-safe.
#pragma once

#include <memory>

#include "transfer/adapter.hpp"

namespace rapport::feedback {

std::unique_ptr<transfer::ObjectAdapter> MakeSurveyAnswerTransferAdapter();

}  // namespace rapport::feedback
