// SurveyService: staff define surveys (docs/design/surveys.md § Model and versions).
//
//   {"name": "After support", "kind": "csat", "purpose": "service",
//    "questions": [{"id": "what", "type": "single_choice", "text": {"en": "What was it about?",
//                   "de": "Worum ging es?"}, "options": [...], "show_if": {...}}]}
//
// Versions: `questions` is the definition (survey_definition.hpp). Changing it while no answer
// (complete or partial) was given on the current version rewrites that version; once one was,
// it adds version n+1 and later invitations get it, while earlier ones keep theirs. `kind` is
// fixed at creation. Name, purpose and status (active | archived) are not versioned.
//
// Access: the `surveys` object (access.md § Feedback): read, create, edit; levels all or none.
// Events survey.created|updated ({survey: {id, name, kind, current_version}}) and audit entries
// (object type `survey`). Holds a reference to the Database; thread-safe; calls block on storage.
#pragma once

#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "feedback/survey_definition.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::feedback {

inline constexpr size_t kMaxSurveyName = 200;

// One stored survey version, as invitations and answers use it.
struct SurveyVersion {
  std::string survey_id;
  std::string name;
  std::string purpose;  // service | marketing
  std::string status;   // active | archived
  int64_t version = 0;
  SurveyDefinition definition;
};

class SurveyService {
 public:
  explicit SurveyService(storage::Database& database) : database_(database) {}

  using Access = access::Access;

  Result<json::object> Create(const Access& access, const storage::WriteContext& context,
                              const json::object& input);
  Result<json::object> Get(const Access& access, const std::string& id);
  // Every survey, by name (a business has tens, not thousands).
  Result<json::array> List(const Access& access);
  Result<json::object> Update(const Access& access, const storage::WriteContext& context,
                              const std::string& id, const json::object& patch,
                              std::optional<int64_t> if_version);
  // {survey_id, version, definition, created_at} of an earlier or the current version.
  Result<json::object> GetVersion(const Access& access, const std::string& id, int64_t version);

 private:
  storage::Database& database_;
};

// The survey's version `version` (0: the current one); kNotFound when either is missing. Runs
// in the caller's transaction; no access check (callers decide: staff services or a token).
Result<SurveyVersion> LoadSurveyVersion(storage::Tx& tx, const std::string& survey_id,
                                        int64_t version = 0);

// kPermissionDenied unless `access` reaches the `surveys` object for `action`.
Status CheckSurveyAccess(const access::Access& access, access::Action action);

}  // namespace rapport::feedback
