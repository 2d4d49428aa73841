// Bad experiences (docs/design/health.md § Bad experiences): what went wrong for a customer,
// recorded by staff or by the rules from events, each on the customer's timeline with its cause,
// and with a recovery state (open → recovered | lost) and the outcome staff record.
//
// Owns the bad_experiences table. RecordBadExperienceInTx is the rules' entry, called by the
// health tracker inside its delivery round; the service is the staff API's. A new or resolved
// experience appends `bad_experience.recorded` / `bad_experience.resolved` (aggregate customer),
// which the tracker re-scores the customer on. Access: reading needs the customer readable;
// recording and resolving need the interactions create level to reach the customer's owner (a
// bad experience is a fact on the timeline). Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::analytics {

inline constexpr size_t kMaxBadExperienceSummary = 500;
inline constexpr size_t kMaxOutcome = 1000;

struct BadExperienceFact {
  std::string customer_id;
  std::string cause;   // a rule's cause, never "staff"
  std::string source;  // the record it came from: the key that makes a replay harmless
  std::string summary;
  std::string occurred_at;
  std::optional<std::string> ticket_id;  // what it was about, for the follow-up's context
  std::optional<std::string> order_id;
};

// Records `fact` unless the same (customer, cause, source) is already recorded; the new
// experience's id, nullopt when it was recorded before (or the customer is gone). Adds the
// timeline entry and the event.
Result<std::optional<std::string>> RecordBadExperienceInTx(storage::Tx& tx,
                                                           const storage::WriteContext& context,
                                                           const BadExperienceFact& fact);
// Notes the follow-up task opened for experience `id`.
Status SetFollowUpTaskInTx(storage::Tx& tx, const std::string& id, const std::string& task_id);
// Notes the ticket its follow-up opened in a queue (follow_ups.hpp).
Status SetFollowUpTicketInTx(storage::Tx& tx, const std::string& id, const std::string& ticket_id);
// The open experience whose follow-up task is `task_id` becomes recovered with `outcome`, as
// `resolved_by`; false when there is none (any more).
Result<bool> RecoverByFollowUpInTx(storage::Tx& tx, const storage::WriteContext& context,
                                   const std::string& task_id,
                                   const std::optional<std::string>& outcome,
                                   const std::string& resolved_by);

// The customer's open bad experiences: what the score counts.
Result<int64_t> CountOpenBadExperiences(storage::Tx& tx, const std::string& customer_id);

class BadExperienceService {
 public:
  explicit BadExperienceService(storage::Database& database) : database_(database) {}

  // {summary, occurred_at?}: recorded by the caller, cause "staff". kNotFound for an unreadable
  // customer.
  Result<json::object> Record(const access::Access& access, const storage::WriteContext& context,
                              const std::string& customer_id, const json::object& input);
  // {state: recovered | lost | open, outcome?}; `if_version` as If-Match. Audited.
  Result<json::object> Resolve(const access::Access& access, const storage::WriteContext& context,
                               const std::string& id, const json::object& input,
                               std::optional<int64_t> if_version);
  // Newest first, at most 200 (open ones first); kNotFound for an unreadable customer.
  Result<json::array> ListForCustomer(const access::Access& access, const std::string& customer_id);

 private:
  storage::Database& database_;
};

}  // namespace rapport::analytics
