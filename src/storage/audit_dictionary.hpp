// The fixed zstd dictionaries audit entries are packed against (audit_codec.hpp).
//
// Version 1 (`audit_dictionary_v1.zdict`, 32 KiB, embedded at build time) was trained by
// `zstd --train --maxdict=32768 --dictID=1` on the 3,653 audit entries of `rapport demo
// --customers 300 --seed 2` (every audited type: interactions, orders, customers, companies,
// products, users, teams): it holds their keys, id shapes and common values, so a new entry
// is mostly references into it. Never change a version once any data directory may hold entries
// packed with it (audit_codec_test pins its bytes); a better dictionary is a new version.
// Immutable data; safe from any thread.
#pragma once

#include <string_view>

namespace rapport::storage {

std::string_view AuditDictionaryV1();

}  // namespace rapport::storage
