#include "customers/phone_displays.hpp"

#include "customers/contact_points.hpp"

namespace rapport::customers {
namespace {

// Numbers formatted per transaction: about 30 ms of libphonenumber work, so writes queued behind
// a fill at start-up wait little.
constexpr int64_t kFillBatch = 1000;

// Through the partial index customer_phones_display_missing: a filled row leaves it, so each batch
// finds only what is left, and a database with nothing left costs one empty index lookup.
constexpr std::string_view kMissingDisplays =
    "SELECT rowid, number FROM customer_phones WHERE display IS NULL LIMIT ?";
constexpr std::string_view kSetDisplay = "UPDATE customer_phones SET display = ? WHERE rowid = ?";

}  // namespace

Result<int64_t> FillPhoneDisplays(storage::Database& database) {
  int64_t filled = 0;
  bool more = true;
  while (more) {
    RAPPORT_RETURN_IF_ERROR(database.WriteAlone([&](storage::Tx& tx) -> Status {
      RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kMissingDisplays, {kFillBatch}));
      // DisplayPhone never returns NULL (an unreadable number is shown as stored), so every row
      // leaves the index and the loop ends.
      for (const auto& row : rows) {
        RAPPORT_RETURN_IF_ERROR(tx.Exec(kSetDisplay, {DisplayPhone(row.Text(1)), row.Int(0)}));
      }
      filled += static_cast<int64_t>(rows.size());
      more = static_cast<int64_t>(rows.size()) == kFillBatch;
      return OkStatus();
    }));
  }
  return filled;
}

}  // namespace rapport::customers
