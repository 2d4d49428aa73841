// The survey_invitations row as the feedback area reads and serves it, shared by inviting
// (survey_invite.cpp), answering (survey_invitations.cpp), sends and mail. Internal to
// src/feedback/; plain values and functions over the caller's transaction.
#pragma once

#include <optional>
#include <string>

#include "common/json.hpp"
#include "storage/database.hpp"

namespace rapport::feedback {

#define RAPPORT_INVITATION_COLUMNS                                                          \
  "id, survey_id, survey_version, customer_id, language, about_ticket_id, about_order_id, " \
  "status, expires_at, created_at, completed_at, delivery, send_id"

struct Invitation {
  std::string id;
  std::string survey_id;
  int64_t survey_version = 0;
  std::optional<std::string> customer_id;
  std::string language;
  std::optional<std::string> about_ticket_id;
  std::optional<std::string> about_order_id;
  // sent | answering | completed | throttled | no_consent | no_email
  std::string status;
  std::optional<std::string> expires_at;
  std::string created_at;
  std::optional<std::string> completed_at;
  std::string delivery = "link";  // link | email
  std::optional<std::string> send_id;
};

// A row selected with RAPPORT_INVITATION_COLUMNS.
Invitation InvitationFromRow(const storage::Row& row);
json::object AboutJson(const Invitation& invitation);
// The API's shape of an invitation (never its link).
json::object InvitationJson(const Invitation& invitation);
// The mail queue's dedupe key of a mailed invitation: "survey:<id>".
inline std::string InvitationMailKey(const std::string& invitation_id) {
  return "survey:" + invitation_id;
}
// Whether `customer_id` holds an invitation to `survey_id` still open at `now` (sent or being
// answered, not expired): sends and triggers never ask such a customer again.
Result<bool> HasOpenInvitation(storage::Tx& tx, const std::string& customer_id,
                               const std::string& survey_id, const std::string& now);
// The invitation `id`; nullopt when there is none.
Result<std::optional<Invitation>> LoadInvitation(storage::Tx& tx, const std::string& id);

}  // namespace rapport::feedback
