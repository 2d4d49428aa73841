// Served records: each customer's record rendered as the API serves it to a caller whose roles
// hide nothing (AppendFullCustomerJson), kept in customer_served_records so a page of customers is
// one read per row (docs/design/served_records.md).
//
// A record is only ever absent or current. Triggers (migration 0043) delete it, and mark the
// customer stale, in the transaction of any change to what it shows; a reader serves a customer
// without one from its rows. RenderStaleRecords renders stale customers; it runs
//   - in the create's own transaction (StoreServedRecord from CreateInTx, which has the record in
//     hand: no read back, and no delivery round, which costs a commit, per burst of creates),
//   - in the outbox round after customer updates and deletes, company, custom field and consent
//     events (ServedRecordRenderer), so a change is rendered moments after it commits, and
//   - in a background pass after start-up (ServedRecordBackfill), for what was written while no
//     server ran (migrations, imports and demo data from the CLI).
// Rendering reads the customer inside the writing transaction, so a render never stores an older
// state than the database holds.
//
// Thread-safety: RenderStaleRecords is the caller's transaction's. The renderer is called by the
// event dispatcher's thread only. ServedRecordBackfill owns one thread between Start and Stop.
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>
#include <thread>

#include "customers/customer.hpp"
#include "storage/database.hpp"
#include "storage/event_dispatcher.hpp"

namespace rapport::customers {

// Renders up to `limit` stale customers, oldest first, in `tx`; returns how many it rendered.
Result<int64_t> RenderStaleRecords(storage::Tx& tx, int64_t limit);
// How many customers wait for their record (for start-up's log and tests).
Result<int64_t> CountStaleRecords(storage::Tx& tx);
// Stores the record of `customer` (as stored: seq set, contact points with their display form)
// with its current `consent`, and clears its stale mark: for a writer that holds exactly what it
// just wrote, so the record needs no read back. A later statement of the same transaction that
// changes the customer invalidates it again, as any other.
Status StoreServedRecord(storage::Tx& tx, const Customer& customer,
                         const std::vector<ConsentEntry>& consent);

// Renders what the events' writes left stale, in their round.
class ServedRecordRenderer : public storage::EventSubscriber {
 public:
  std::string_view name() const override { return "served_records"; }
  // The writes that change served records emit these (customer.* but customer.created, whose
  // record its own transaction stores; company.* — a company's deletion clears its customers'
  // company_id —; custom_field.* — a deleted field leaves every record —; consent.*). A write that
  // changes records without one leaves them stale until the next such event or start-up; they
  // are served from their rows meanwhile.
  bool Wants(std::string_view type) const override;
  // Renders every stale record, not only the event's customer, at most kRoundLimit per call;
  // idempotent (a rendered record is no longer stale).
  Status Apply(storage::Tx& tx, const storage::Event& event) override;

  static constexpr int64_t kRoundLimit = 500;
};

// Renders every stale record in batches on its own thread, then ends; each batch is one write
// shared with requests through group commit, so requests wait at most one batch.
class ServedRecordBackfill {
 public:
  explicit ServedRecordBackfill(storage::Database& database) : database_(database) {}
  ~ServedRecordBackfill() { Stop(); }
  ServedRecordBackfill(const ServedRecordBackfill&) = delete;
  ServedRecordBackfill& operator=(const ServedRecordBackfill&) = delete;

  void Start();
  // Stops after the batch in progress; what is left is rendered at the next start.
  void Stop();

  static constexpr int64_t kBatch = 500;

 private:
  void Run();

  storage::Database& database_;
  std::atomic<bool> stopping_ = false;
  std::thread thread_;
};

}  // namespace rapport::customers
