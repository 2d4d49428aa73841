#include "feedback/open_links.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

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
// Single-use tickets: a used nonce is a conflict; rows past a ticket's life are pruned.
constexpr std::string_view kUseTicket =
    "INSERT INTO open_link_tickets (nonce, survey_id, issued_ms) VALUES (?, ?, ?) "
    "ON CONFLICT (nonce) DO NOTHING";
constexpr std::string_view kPruneTickets = "DELETE FROM open_link_tickets WHERE issued_ms < ?";
// 96 random bits: no two pages share a nonce.
constexpr size_t kNonceBytes = 12;
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

// What the MAC covers: the issue time, the nonce, the link and the address group.
std::string Signed(std::string_view issued, std::string_view nonce, const std::string& token,
                   const std::string& address) {
  return std::string(issued) + "." + std::string(nonce) + "." + token + "." + AddressGroup(address);
}

}  // namespace

std::string AddressGroup(std::string_view address) {
  std::string text(address);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  if (const size_t zone = text.find('%'); zone != std::string::npos) text.resize(zone);
  std::array<unsigned char, 16> bytes{};
  if (inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) return text;
  if (inet_pton(AF_INET6, text.c_str(), bytes.data()) != 1) return std::string(address);
  constexpr std::array<unsigned char, 12> kMappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), bytes.begin())) {
    return std::to_string(bytes[12]) + "." + std::to_string(bytes[13]) + "." +
           std::to_string(bytes[14]) + "." + std::to_string(bytes[15]);
  }
  std::array<char, 48> prefix{};
  auto hextet = [&bytes](size_t i) { return static_cast<unsigned>(bytes[i] << 8 | bytes[i + 1]); };
  std::snprintf(prefix.data(), prefix.size(), "%x:%x:%x:%x::/64", hextet(0), hextet(2), hextet(4),
                hextet(6));
  return prefix.data();
}

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

Result<OpenStart> OpenLinks::StartPage(const std::string& token, const std::string& address,
                                       int64_t now_millis) {
  OpenStart start;
  RAPPORT_RETURN_IF_ERROR(database_.Read([&](Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(std::string survey_id, OpenSurvey(tx, token));
    RAPPORT_ASSIGN_OR_RETURN(SurveyVersion survey, LoadSurveyVersion(tx, survey_id));
    start.survey_name = survey.name;
    return OkStatus();
  }));
  const std::string issued = std::to_string(now_millis);
  const std::string nonce = RandomToken(kNonceBytes);
  start.ticket = issued + "." + nonce + "." + mac_(Signed(issued, nonce, token, address));
  return start;
}

Result<std::string> OpenLinks::Start(const std::string& token, const std::string& ticket,
                                     const std::string& address, int64_t now_millis) {
  // The ticket: "<issued ms>.<nonce>.<MAC>", made by StartPage for this link and address group.
  // Another group's ticket fails the MAC like a forged one: it says nothing of where it came from.
  const size_t dot = ticket.find('.');
  const size_t second = dot == std::string::npos ? dot : ticket.find('.', dot + 1);
  int64_t issued = 0;
  const bool parsed =
      second != std::string::npos && dot <= 16 &&
      std::from_chars(ticket.data(), ticket.data() + dot, issued).ec == std::errc() &&
      ticket.substr(second + 1) ==
          mac_(Signed(std::string_view(ticket).substr(0, dot),
                      std::string_view(ticket).substr(dot + 1, second - dot - 1), token, address));
  if (!parsed) return Error::Invalid("ticket", "Please start from the survey's page.");
  const std::string nonce = ticket.substr(dot + 1, second - dot - 1);
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
    const std::string address_key = HashLinkToken(AddressGroup(address) + "\n" + survey_id);
    const std::string day = FormatInstant(now_millis).substr(0, 10);
    RAPPORT_ASSIGN_OR_RETURN(Rows starts, tx.Query(kStarts, {survey_id, address_key, day}));
    if (!starts.empty() && starts.front().Int(0) >= kStartsPerAddressPerDay) {
      const int64_t seconds_left = (kMillisPerDay - now_millis % kMillisPerDay) / 1000 + 1;
      return Error::RateLimited("This survey was answered from your address often today.",
                                std::chrono::seconds(seconds_left));
    }
    RAPPORT_RETURN_IF_ERROR(tx.Exec(kPruneTickets, {now_millis - kMaxStartMillis}));
    RAPPORT_ASSIGN_OR_RETURN(int64_t fresh, tx.Exec(kUseTicket, {nonce, survey_id, issued}));
    if (fresh == 0) {
      return Error::Invalid("ticket", "This page was used already; please open the link again.");
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
