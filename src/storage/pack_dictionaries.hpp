// The fixed zstd dictionaries that stored JSON is packed against (packed_json.hpp), embedded at
// build time (embed_bytes.cmake).
//
// - Audit version 1 (`audit_dictionary_v1.zdict`, 32 KiB) was trained by `zstd --train
//   --maxdict=32768 --dictID=1` on the 3,653 audit entries of `rapport demo --customers 300
//   --seed 2` (every audited type: interactions, orders, customers, companies, products, users,
//   teams).
// - Event version 1 (`event_dictionary_v1.zdict`, 32 KiB) was trained by `zstd --train
//   --maxdict=32768 --dictID=2` on the 13,614 event payloads of `rapport demo --customers 1000
//   --seed 2` (customers, companies, interactions, orders, health, bad experiences, articles).
//
// Each holds its kind's keys, id shapes and common values, so a new value is mostly references
// into it. Never change a version once any data directory may hold values packed with it
// (packed_json_test pins their bytes); a better dictionary is a new version.
// Immutable data; safe from any thread.
#pragma once

#include <string_view>

namespace rapport::storage {

std::string_view AuditDictionaryV1();
std::string_view EventDictionaryV1();

}  // namespace rapport::storage
