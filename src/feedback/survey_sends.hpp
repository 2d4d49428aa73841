// SurveySends: one survey sent to every customer a filter selects (docs/design/surveys.md
// § Sending to a filter).
//
// Start checks the request, counts the customers the filter and the caller's record access
// select, stores the send (`survey_sends`, status running) and schedules the scheduler's job
// "survey.send" for it, all in one transaction. The job then invites one batch (kSendBatch
// customers, in customers.seq order after `after_seq`) per run, each customer through
// SurveyInvitations::InviteInTx — so consent, the contact budget and mail delivery apply as for a
// single invitation, and each outcome is recorded — and writes the counts and its position with
// the batch, then schedules itself again. A restart resumes at the last committed batch; no
// customer is asked twice by one send, and one already holding an open invitation to the survey
// is skipped. The job runs with the access of the user who started it, rebuilt from the access
// directory at every batch (a user disabled meanwhile stops the send: failed).
//
// Holds references; thread-safe; calls block on storage.
#pragma once

#include <string>

#include "access/directory.hpp"
#include "customers/customer_traits.hpp"
#include "feedback/survey_invitations.hpp"
#include "storage/scheduler.hpp"

namespace rapport::feedback {

inline constexpr std::string_view kSendJobKind = "survey.send";
// Customers per batch: a few hundred small writes, so one batch holds the single writer for
// milliseconds and the progress figure moves several times a second on a large send.
inline constexpr int64_t kSendBatch = 200;

class SurveySends {
 public:
  SurveySends(storage::Database& database, SurveyInvitations& invitations,
              const customers::CustomerTraits& traits, access::AccessDirectory& directory)
      : database_(database), invitations_(invitations), traits_(traits), directory_(directory) {}

  // {filter, delivery?: email|link, language?, expires_in_days?}: the send {id, survey_id,
  // status, total, processed, sent, throttled, no_consent, no_email, skipped, ...}. Needs surveys
  // create and an unscoped credential (a token's narrowing cannot be stored for later batches).
  // Errors name the field (filter.and[0].op, delivery).
  Result<json::object> Start(const access::Access& access, const storage::WriteContext& context,
                             const std::string& survey_id, const json::object& input);
  Result<json::object> Get(const access::Access& access, const std::string& survey_id,
                           const std::string& send_id);
  // The survey's sends, newest first (at most 100).
  Result<json::array> List(const access::Access& access, const std::string& survey_id);
  // Stops a running send after its current batch: status cancelled. kConflict once finished.
  Result<json::object> Cancel(const access::Access& access, const std::string& survey_id,
                              const std::string& send_id);

  // The handler of kSendJobKind: one batch per run.
  storage::Scheduler::Handler JobHandler();

 private:
  Status RunBatch(storage::Tx& tx, const std::string& send_id);

  storage::Database& database_;
  SurveyInvitations& invitations_;
  const customers::CustomerTraits& traits_;
  access::AccessDirectory& directory_;
};

}  // namespace rapport::feedback
