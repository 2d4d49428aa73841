// InteractionService: the customer timeline — every touchpoint on every channel.
//
// Logging an interaction writes it with an `interaction.logged` event in one transaction; the
// customer-metrics subscriber (src/analytics) turns those events into per-channel counts. Later
// areas (orders, tickets, feedback) add their own entries through the same service.
//
// Record access: an interaction belongs to its customer's owner, so a timeline is readable when
// the customer is (else "not found") and the caller's interactions level reaches that owner
// (else "not permitted"). Thread-safe; calls block on storage.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/page.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::interactions {

struct TimelineQuery {
  std::optional<std::string> channel;
  std::optional<std::string> kind;
  int limit = kDefaultPageSize;
  std::optional<std::string> cursor;
};

class InteractionService {
 public:
  explicit InteractionService(storage::Database& database) : database_(database) {}

  using Access = access::Access;

  Result<json::object> Log(const Access& access, const storage::WriteContext& context,
                           const std::string& customer_id, const json::object& input);
  // One entry of the customer's timeline as `access` may see it; kNotFound when the entry, or the
  // customer, is gone or not readable to `access` (also when its interactions level does not
  // reach the customer: an entry one may not read is not confirmed to exist).
  Result<json::object> Get(const Access& access, const std::string& customer_id,
                           const std::string& interaction_id);
  // Removes one entry of the customer's timeline (DeleteInteractionInTx's rules); kNotFound also
  // when the entry belongs to another customer.
  Status Delete(const Access& access, const storage::WriteContext& context,
                const std::string& customer_id, const std::string& interaction_id);
  // Newest first by occurred_at; kNotFound when the customer does not exist or is not readable.
  Result<Page> Timeline(const Access& access, const std::string& customer_id,
                        const TimelineQuery& query);

 private:
  storage::Database& database_;
};

// The body of Log inside an open write transaction, for bulk paths (demo data, imports) that
// commit many interactions at once. REQUIRES: called inside Database::Write.
Result<json::object> LogInTx(storage::Tx& tx, const access::Access& access,
                             const storage::WriteContext& context, const std::string& customer_id,
                             const json::object& input);

// Deletes one timeline entry: kNotFound when it is missing or its customer is not readable to
// `access`, kPermissionDenied when the caller's interactions delete level does not reach the
// customer's owner. Appends `interaction.deleted` (aggregate customer; payload {interaction: {id,
// customer_id, channel, kind, occurred_at}}) and the audit entry with the old values, so
// projections (customer metrics) can take the entry back. REQUIRES: inside Database::Write.
Status DeleteInteractionInTx(storage::Tx& tx, const access::Access& access,
                             const storage::WriteContext& context, const std::string& id);

// Deletes the entries another area put on `customer_id`'s timeline for one of its records —
// those of the given `kinds` whose metadata names the record (`metadata_key` = `record_id`, e.g.
// "order_id" = an order id) — each with its `interaction.deleted` event and audit entry. No
// record-access check: the owning area authorised the change these entries belong to. Returns
// how many went. REQUIRES: inside Database::Write.
Result<int64_t> DeleteRecordInteractionsInTx(storage::Tx& tx, const storage::WriteContext& context,
                                             const std::string& customer_id,
                                             const std::vector<std::string>& kinds,
                                             std::string_view metadata_key,
                                             const std::string& record_id);

// Shared with the overview: appends to `out` the JSON array of the newest `limit` entries inside
// an open transaction, as served to `access` (written straight from the rows, no tree); `[]` when
// its interactions level does not reach the customer's `owner`. REQUIRES: the caller checked that
// `access` may read the customer.
Status AppendLatestInteractionsJson(storage::Tx& tx, const access::Access& access,
                                    const std::string& customer_id,
                                    const std::optional<std::string>& owner, int limit,
                                    std::string& out);

// For bulk readers that select interactions with their own conditions (export): the columns to
// select, in the order InteractionFromRow reads them, and the row as the API serves it to
// `access` (its hidden fields left out).
std::string_view InteractionColumns();
json::object InteractionFromRow(const storage::Row& row, const access::Access& access);

}  // namespace rapport::interactions
