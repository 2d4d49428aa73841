// How an audit entry's `changes` is stored: its JSON text compressed with zstd against a fixed
// dictionary of typical entries (docs/design/audit.md § Stored shape). Audit entries are small
// (a few hundred bytes) and alike; compressed one by one without a dictionary they barely
// shrink, with one they take a fraction of the space, and each still reads on its own.
//
// A packed value is one version byte, then a zstd frame. Version 1 is the dictionary in
// audit_dictionary.cpp, which must never change once written (rows packed with it would no
// longer read): a better dictionary is a new version beside it.
//
// Stateless functions; safe from any thread (each thread keeps its own zstd contexts).
#pragma once

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace rapport::storage {

// The largest `changes` text a packed value may expand to: far above any entry (a request body
// is at most 1 MiB), so a damaged or hostile value cannot make a reader allocate without bound.
inline constexpr size_t kMaxUnpackedChanges = 16 * 1024 * 1024;

// `json` packed with the current version.
std::string PackChanges(std::string_view json);

// The text PackChanges was given. A value that is not one (unknown version, damaged frame,
// larger than kMaxUnpackedChanges) is an error, never a crash.
Result<std::string> UnpackChanges(std::string_view packed);

}  // namespace rapport::storage
