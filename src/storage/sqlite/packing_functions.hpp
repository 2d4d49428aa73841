// The SQL functions that pack and unpack stored JSON (storage/packed_json.hpp), registered on
// every connection Rapport opens so that SQL can write the packed form and `rapport check` can
// read it:
//
//   audit_pack(text)    an audit entry's `changes` packed; NULL for NULL
//   event_pack(text)    an event's payload packed; NULL for NULL
//   unpack_json(blob)   the text again, whichever dictionary packed it; NULL for NULL and for a
//                       value that does not unpack
//
// Deterministic and innocuous. A database opened by another program (the sqlite3 shell) sees
// the blobs but cannot unpack them.
#pragma once

struct sqlite3;

namespace rapport::storage {

// Returns an SQLite result code (SQLITE_OK on success).
int RegisterPackingFunctions(sqlite3* db);

}  // namespace rapport::storage
