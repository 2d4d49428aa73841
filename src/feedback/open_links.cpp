#include "feedback/open_links.hpp"

#include <charconv>

#include "common/ids.hpp"
#include "common/time.hpp"
#include "feedback/survey_invitations.hpp"
#include "feedback/survey_service.hpp"
#include "storage/audit.hpp"

namespace rapport::feedback {
namespace {

using storage::Rows;
using storage::Tx;

constexpr int64_t kMillisPerDay = int64_t{24} * 60 * 60 * 1000;

constexpr std::string_view kSetOpenToken = "UPDATE surveys SET open_token_hash = ? WHERE id = ?";
constexpr std::string_view kSurveyByOpenToken =
    "SELECT id, status FROM surveys WHERE open_token_hash = ?";
constexpr std::string_view kStarts =
    "SELECT starts FROM open_link_asks WHERE survey_id = ? AND address_key = ? AND day = ?";
constexpr std::string_view kCountStart =
    "INSERT INTO open_link_asks (survey_id, address_key, day, starts) VALUES (?, ?, ?, 1) "
    "ON CONFLICT (survey_id, address_key, day) DO UPDATE SET starts = starts + 1";
constexpr std::string_view kInsertAnonymous =
    "INSERT INTO survey_invitations (id, survey_id, survey_version, customer_id, token_hash, "
    "language, status, expires_at, created_at, delivery, send_id) "
    "VALUES (?, ?, ?, NULL, ?, 'en', 'sent', ?, ?, 'open_link', 'open_link')";

Error NotOpen() {
  return Error::NotFound("This survey link is not open. Please ask for a new one.");
}

// The survey an open link names, if it is open and active.
Result<std::string> OpenSurvey(Tx& tx, const std::string& token) {
  if (token.size() != kLinkTokenLength) return NotOpen();
  RAPPORT_ASSIGN_OR_RETURN(Rows rows, tx.Query(kSurveyByOpenToken, {HashLinkToken(token)}));
  if (rows.empty() || rows.front().Text(1) != "active") return NotOpen();
  return rows.front().Text(0);
}

}  // namespace

Result<json::object> OpenLinks::Make(const access::Access& access,
                                     const storage::WriteContext& context,
                                     const std::string& survey_id) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kEdit));
  const std::string token = RandomToken(16);
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(LoadSurveyVersion(tx, survey_id));
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kSetOpenToken, {HashLinkToken(token), survey_id}));
    return storage::AppendAudit(tx, context, "update", "survey", survey_id, {},
                                json::object{{"open_link", "made"}});
  }));
  return json::object{{"survey_id", survey_id}, {"link", public_base_ + "/s/o/" + token}};
}

Status OpenLinks::Close(const access::Access& access, const storage::WriteContext& context,
                        const std::string& survey_id) {
  RAPPORT_RETURN_IF_ERROR(CheckSurveyAccess(access, access::Action::kEdit));
  return database_.Write([&](Tx& tx) -> Status {
    RAPPORT_RETURN_IF_ERROR(LoadSurveyVersion(tx, survey_id));
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kSetOpenToken, {storage::Null(), survey_id}));
    return storage::AppendAudit(tx, context, "update", "survey", survey_id, {},
                                json::object{{"open_link", "closed"}});
  });
}

Result<OpenStart> OpenLinks::StartPage(const std::string& token, int64_t now_millis) {
  OpenStart start;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(std::string survey_id, OpenSurvey(tx, token));
    RAPPORT_ASSIGN_OR_RETURN(SurveyVersion survey, LoadSurveyVersion(tx, survey_id));
    start.survey_name = survey.name;
    return OkStatus();
  }));
  const std::string issued = std::to_string(now_millis);
  start.ticket = issued + "." + mac_(issued + "." + token);
  return start;
}

Result<std::string> OpenLinks::Start(const std::string& token, const std::string& ticket,
                                     const std::string& address, int64_t now_millis) {
  // The ticket: "<issued ms>.<MAC of issued ms and the link>", made by StartPage.
  const size_t dot = ticket.find('.');
  int64_t issued = 0;
  const bool parsed =
      dot != std::string::npos && dot <= 16 &&
      std::from_chars(ticket.data(), ticket.data() + dot, issued).ec == std::errc() &&
      ticket.substr(dot + 1) == mac_(ticket.substr(0, dot) + "." + token);
  if (!parsed) return Error::Invalid("ticket", "Please start from the survey's page.");
  if (now_millis - issued < kMinStartMillis) {
    return Error::Invalid("ticket", "Please take a moment to read the page, then start again.");
  }
  if (now_millis - issued > kMaxStartMillis) {
    return Error::Invalid("ticket", "The page is too old; please open the link again.");
  }
  std::string personal;
  RAPPORT_RETURN_IF_ERROR(database_.Write([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(std::string survey_id, OpenSurvey(tx, token));
    RAPPORT_ASSIGN_OR_RETURN(SurveyVersion survey, LoadSurveyVersion(tx, survey_id));
    const std::string address_key = HashLinkToken(address + "\n" + survey_id);
    const std::string day = FormatInstant(now_millis).substr(0, 10);
    RAPPORT_ASSIGN_OR_RETURN(Rows starts, tx.Query(kStarts, {survey_id, address_key, day}));
    if (!starts.empty() && starts.front().Int(0) >= kStartsPerAddressPerDay) {
      const int64_t seconds_left = (kMillisPerDay - now_millis % kMillisPerDay) / 1000 + 1;
      return Error::RateLimited("This survey was answered from your address often today.",
                                std::chrono::seconds(seconds_left));
    }
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kCountStart, {survey_id, address_key, day}));
    personal = RandomToken(16);
    const std::string id = NewId("inv");
    RAPPORT_RETURN_IF_ERROR(tx.Exec(
        kInsertAnonymous, {id, survey_id, survey.version, HashLinkToken(personal),
                           FormatInstant(now_millis + kMillisPerDay), FormatInstant(now_millis)}));
    // Anonymous: no customer, so no event and no timeline entry until an answer completes.
    return OkStatus();
  }));
  return "/s/" + personal;
}

}  // namespace rapport::feedback
