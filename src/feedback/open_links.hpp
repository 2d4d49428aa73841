// OpenLinks: a survey's open link (docs/design/surveys.md § Open links) — one short link per
// survey for a QR code, a receipt or a website, answered by people Rapport does not know.
//
// /s/o/<22 characters> shows a start page; its form carries a start ticket: the time it was
// made, a random nonce and a MAC of both, the link and the requesting address's group under the
// server's key. Starting (posting the form) is refused unless the ticket is genuine, posted from
// the address group it was made for, not used before (single-use: the nonce is recorded, so the
// wait is paid per answer, not once per script), at least kMinStartMillis old (a person reads the
// page; a script firing posts must wait for each) and at most an hour old, and unless the address
// group has started fewer than kStartsPerAddressPerDay times today on this survey.
//
// An address group is what one client controls: an IPv4 address, or an IPv6 address's /64
// prefix — one home or phone gets a whole /64, so counting single IPv6 addresses would give a
// script endless allowances (AddressGroup). A start makes an
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

// The group an address is counted in: an IPv4 address as it is (also when IPv4-mapped in IPv6),
// an IPv6 address as its /64 prefix ("2001:db8:1:2::/64"); anything else as given.
std::string AddressGroup(std::string_view address);

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

  // The start page of `token` for `address` at `now_millis`, with a ticket only that address's
  // group can use. kNotFound for a link that is not (or no longer) open, or whose survey is
  // archived.
  Result<OpenStart> StartPage(const std::string& token, const std::string& address,
                              int64_t now_millis);
  // Starts an answer from `address`: the personal path "/s/<token>" to go on with.
  // kNotFound as StartPage; kInvalidArgument (field ticket) for a forged, too fresh, stale or
  // used ticket, or one made for another address group; kRateLimited once the address group has
  // started its allowance today. Nothing is written on any error.
  Result<std::string> Start(const std::string& token, const std::string& ticket,
                            const std::string& address, int64_t now_millis);

 private:
  storage::Database& database_;
  const std::string public_base_;
  const std::function<std::string(std::string_view)> mac_;
};

}  // namespace rapport::feedback
