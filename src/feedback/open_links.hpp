// OpenLinks: a survey's open link (docs/design/surveys.md § Open links) — one short link per
// survey for a QR code, a receipt or a website, answered by people Rapport does not know.
//
// /s/o/<22 characters> shows a start page; its form carries a start ticket, the time it was made
// and a MAC of that time and the link under the server's key. Starting (posting the form) is
// refused unless the ticket is genuine, at least kMinStartMillis old (a person reads the page; a
// script firing posts must wait for each) and at most an hour old, and unless the address has
// started fewer than kStartsPerAddressPerDay times today on this survey. A start makes an
// anonymous invitation (no customer) with its own personal link, valid a day, and answers with
// it: the answering itself is the personal link's, saved page by page, one completed answer per
// start. Anonymous answers count in results for callers who read every customer.
//
// Access: `surveys` edit makes or closes the link. Holds a reference to the Database; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::feedback {

inline constexpr int64_t kMinStartMillis = 2'000;
inline constexpr int64_t kMaxStartMillis = 60 * 60 * 1000;
inline constexpr int64_t kStartsPerAddressPerDay = 3;

// What the start page shows.
struct OpenStart {
  std::string survey_name;
  std::string ticket;  // for the form's hidden field
};

class OpenLinks {
 public:
  // `mac`: a keyed MAC of a text (22 characters), the composition root's server key.
  OpenLinks(storage::Database& database, std::string public_base,
            std::function<std::string(std::string_view)> mac)
      : database_(database), public_base_(std::move(public_base)), mac_(std::move(mac)) {}

  // Makes (or replaces) the survey's open link: {survey_id, link}, shown once.
  Result<json::object> Make(const access::Access& access, const storage::WriteContext& context,
                            const std::string& survey_id);
  // Closes it: the link stops working.
  Status Close(const access::Access& access, const storage::WriteContext& context,
               const std::string& survey_id);

  // The start page of `token` at `now_millis`. kNotFound for a link that is not (or no longer)
  // open, or whose survey is archived.
  Result<OpenStart> StartPage(const std::string& token, int64_t now_millis);
  // Starts an answer from `address`: the personal path "/s/<token>" to go on with.
  // kNotFound as StartPage; kInvalidArgument (field ticket) for a forged, too fresh or stale
  // ticket; kRateLimited once the address has started its allowance today. Nothing is written
  // on any error.
  Result<std::string> Start(const std::string& token, const std::string& ticket,
                            const std::string& address, int64_t now_millis);

 private:
  storage::Database& database_;
  const std::string public_base_;
  const std::function<std::string(std::string_view)> mac_;
};

}  // namespace rapport::feedback
