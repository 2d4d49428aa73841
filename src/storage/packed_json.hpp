// How Rapport stores JSON that is written once and read seldom: an audit entry's `changes` and
// an event's payload. The text is compressed with zstd against a fixed dictionary of typical
// values of its kind (docs/design/audit.md § Packed, docs/design/events.md § Stored shape).
// These values are small (a few hundred bytes) and alike; compressed one by one without a
// dictionary they barely shrink, with one they take a fraction of the space, and each still
// reads on its own.
//
// A packed value is one version byte, then a zstd frame. The byte names the dictionary, so a
// reader needs no other column to unpack. A version's dictionary must never change once written
// (rows packed with it would no longer read): a better dictionary is a new version beside it.
//
// Stateless functions; safe from any thread (each thread keeps its own zstd contexts).
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace rapport::storage {

// The dictionaries, by the version byte they are written with.
enum class Packing : char {
  kAuditV1 = 1,  // audit entries' `changes` (pack_dictionaries.hpp)
  kEventV1 = 2,  // events' payloads
};

// The largest text a packed value may expand to: far above any entry or payload (a request body
// is at most 1 MiB), so a damaged or hostile value cannot make a reader allocate without bound.
inline constexpr size_t kMaxUnpackedJson = size_t{16} * 1024 * 1024;

// `json` packed against the dictionary of `packing`.
std::string PackJson(Packing packing, std::string_view json);

// The text PackJson was given, whichever dictionary packed it. A value that is not one (unknown
// version, damaged frame, larger than kMaxUnpackedJson) is an error, never a crash.
Result<std::string> UnpackJson(std::string_view packed);

}  // namespace rapport::storage
