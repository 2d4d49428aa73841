// FillPhoneDisplays: makes the stored display form of phone numbers written before migration 0014
// (customer_phones.display, docs/design/phone_numbers.md), so reads can serve it without running
// libphonenumber. Every number written since has its form from the moment it was written.
//
// Run once per start of a writing process (`rapport serve` and the CLI commands that write),
// after the migrations and before requests; finding nothing to fill is one indexed lookup.
// Goes through Database::WriteAlone in batches, so it holds the writer only briefly each time.
#pragma once

#include <cstdint>

#include "storage/database.hpp"

namespace rapport::customers {

// Returns how many numbers got their display form.
Result<int64_t> FillPhoneDisplays(storage::Database& database);

}  // namespace rapport::customers
