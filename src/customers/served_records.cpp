#include "customers/served_records.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "customers/customer_store.hpp"

namespace rapport::customers {
namespace {

// The stale customers' rows, oldest first; a stale seq without a customer cannot be (the delete
// trigger clears it) and would be skipped by the join.
const std::string& SelectStaleCustomers() {
  static const std::string kSql =
      "SELECT " + std::string(store::CustomerColumns()) +
      " FROM customer_served_stale s JOIN customers c ON c.seq = s.customer_seq"
      " ORDER BY s.customer_seq LIMIT ?";
  return kSql;
}
constexpr std::string_view kStoreRecord =
    "INSERT INTO customer_served_records (customer_seq, body) VALUES (?, ?) "
    "ON CONFLICT (customer_seq) DO UPDATE SET body = excluded.body";
constexpr std::string_view kClearStale = "DELETE FROM customer_served_stale WHERE customer_seq = ?";
constexpr std::string_view kCountStale = "SELECT count(*) FROM customer_served_stale";

}  // namespace

Status StoreServedRecord(storage::Tx& tx, const Customer& customer,
                         const std::vector<ConsentEntry>& consent) {
  std::string body;
  AppendFullCustomerJson(body, customer, consent);
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kStoreRecord, {customer.seq, body}));
  RAPPORT_RETURN_IF_ERROR(tx.Exec(kClearStale, {customer.seq}));
  return OkStatus();
}

Result<int64_t> RenderStaleRecords(storage::Tx& tx, int64_t limit) {
  std::vector<Customer> customers;
  RAPPORT_RETURN_IF_ERROR(storage::ForEachRow(tx, SelectStaleCustomers(), {limit},
                                              [&](const storage::RowView& row) -> Status {
                                                customers.push_back(store::CustomerFromRow(row));
                                                return OkStatus();
                                              }));
  if (customers.empty()) return int64_t{0};
  RAPPORT_ASSIGN_OR_RETURN(auto consent, store::LoadContactPointsAndConsent(tx, customers));
  for (size_t i = 0; i < customers.size(); ++i) {
    RAPPORT_RETURN_IF_ERROR(StoreServedRecord(tx, customers[i], consent[i]));
  }
  return static_cast<int64_t>(customers.size());
}

Result<int64_t> CountStaleRecords(storage::Tx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kCountStale, {}));
  return rows.at(0).Int(0);
}

bool ServedRecordRenderer::Wants(std::string_view type) const {
  if (type == "customer.created") return false;
  return type.starts_with("customer.") || type.starts_with("company.") ||
         type.starts_with("custom_field.") || type.starts_with("consent.");
}

Status ServedRecordRenderer::Apply(storage::Tx& tx, const storage::Event& /*event*/) {
  RAPPORT_ASSIGN_OR_RETURN(int64_t rendered, RenderStaleRecords(tx, kRoundLimit));
  static_cast<void>(rendered);
  return OkStatus();
}

void ServedRecordBackfill::Start() {
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void ServedRecordBackfill::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void ServedRecordBackfill::Run() {
  const auto started = std::chrono::steady_clock::now();
  int64_t rendered = 0;
  int64_t last = kBatch;
  while (!stopping_ && last == kBatch) {
    const Status status = database_.Write([&](storage::Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(last, RenderStaleRecords(tx, kBatch));
      return OkStatus();
    });
    if (!status.ok()) {
      // Nothing is lost: the records stay stale and are served from their rows until the next
      // event's round or start-up renders them.
      spdlog::warn("served records: rendering stopped: {}", status.error().message);
      return;
    }
    rendered += last;
  }
  if (rendered > 0) {
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    spdlog::info("served records: rendered {} customers' records in {:.1f} s", rendered, seconds);
  }
}

}  // namespace rapport::customers
