#include "feedback/invitation_rows.hpp"

namespace rapport::feedback {
namespace {

constexpr std::string_view kSelectById =
    "SELECT " RAPPORT_INVITATION_COLUMNS " FROM survey_invitations WHERE id = ?";

constexpr std::string_view kOpenInvitation =
    "SELECT 1 FROM survey_invitations WHERE customer_id = ? AND survey_id = ? AND "
    "status IN ('sent', 'answering') AND (expires_at IS NULL OR expires_at > ?) LIMIT 1";

json::value Opt(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

}  // namespace

Invitation InvitationFromRow(const storage::Row& row) {
  return Invitation{.id = row.Text(0),
                    .survey_id = row.Text(1),
                    .survey_version = row.Int(2),
                    .customer_id = row.OptText(3),
                    .language = row.Text(4),
                    .about_ticket_id = row.OptText(5),
                    .about_order_id = row.OptText(6),
                    .status = row.Text(7),
                    .expires_at = row.OptText(8),
                    .created_at = row.Text(9),
                    .completed_at = row.OptText(10),
                    .delivery = row.Text(11),
                    .send_id = row.OptText(12)};
}

json::object AboutJson(const Invitation& invitation) {
  json::object about;
  if (invitation.about_ticket_id) about["ticket_id"] = *invitation.about_ticket_id;
  if (invitation.about_order_id) about["order_id"] = *invitation.about_order_id;
  return about;
}

json::object InvitationJson(const Invitation& invitation) {
  return json::object{{"id", invitation.id},
                      {"survey_id", invitation.survey_id},
                      {"survey_version", invitation.survey_version},
                      {"customer_id", Opt(invitation.customer_id)},
                      {"language", invitation.language},
                      {"status", invitation.status},
                      {"delivery", invitation.delivery},
                      {"send_id", Opt(invitation.send_id)},
                      {"about", AboutJson(invitation)},
                      {"expires_at", Opt(invitation.expires_at)},
                      {"created_at", invitation.created_at},
                      {"completed_at", Opt(invitation.completed_at)}};
}

Result<bool> HasOpenInvitation(storage::Tx& tx, const std::string& customer_id,
                               const std::string& survey_id, const std::string& now) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows,
                           tx.Query(kOpenInvitation, {customer_id, survey_id, now}));
  return !rows.empty();
}

Result<std::optional<Invitation>> LoadInvitation(storage::Tx& tx, const std::string& id) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kSelectById, {id}));
  if (rows.empty()) return std::optional<Invitation>();
  return std::optional<Invitation>(InvitationFromRow(rows.front()));
}

}  // namespace rapport::feedback
