// LoyaltyService: what staff do with loyalty through the API (docs/design/loyalty.md § API) —
// programmes (read, create or replace), a customer's membership (balance, pending, debt, history
// paged newest first), goodwill grants, adjustments and redemptions.
//
// Access (docs/design/access.md § Feedback, tasks and loyalty): programmes need the
// `loyalty_programmes` level; a member's ledger needs `loyalty` read and the customer readable
// (else "not found", like a missing customer); a grant and a redemption need `loyalty` create; an
// adjustment needs `loyalty` edit — the permission of its own — and a reason. Every movement is
// recorded through Move (timeline, event, audit). Thread-safe; calls block on storage.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "access/access.hpp"
#include "common/json.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::loyalty {

class LoyaltyService {
 public:
  // `clock`: Unix milliseconds, the day movements are booked on.
  LoyaltyService(storage::Database& database, std::function<int64_t()> clock)
      : database_(database), clock_(std::move(clock)) {}
  using Access = access::Access;

  Result<json::array> ListProgrammes(const Access& access);
  Result<json::object> GetProgramme(const Access& access, const std::string& id);
  // Creates (loyalty_programmes create) or replaces (edit; If-Match via `if_version`) the whole
  // programme; `created` tells which.
  Result<json::object> PutProgramme(const Access& access, const storage::WriteContext& context,
                                    const std::string& id, const json::object& input,
                                    std::optional<int64_t> if_version, bool& created);

  // {programme, member_id, balance: {available, pending, debt}, history: {data, next_cursor}};
  // `programme`: its id, or the oldest programme when absent.
  Result<json::object> GetMember(const Access& access, const std::string& customer_id,
                                 const std::optional<std::string>& programme, int limit,
                                 const std::optional<std::string>& cursor);
  // {programme?, points, reason?}: available at once, from the programme's adjusted account.
  Result<json::object> Grant(const Access& access, const storage::WriteContext& context,
                             const std::string& customer_id, const json::object& input);
  // {programme?, points (+ or −, never 0), reason}: a − never takes more than is available.
  Result<json::object> Adjust(const Access& access, const storage::WriteContext& context,
                              const std::string& customer_id, const json::object& input);
  // {programme?, points, reward?}: spends available points, oldest expiry first.
  Result<json::object> Redeem(const Access& access, const storage::WriteContext& context,
                              const std::string& customer_id, const json::object& input);

 private:
  enum class Movement { kGrant, kAdjust, kRedeem };
  Result<json::object> Change(Movement movement, const Access& access,
                              const storage::WriteContext& context, const std::string& customer_id,
                              const json::object& input);

  storage::Database& database_;
  std::function<int64_t()> clock_;
};

}  // namespace rapport::loyalty
