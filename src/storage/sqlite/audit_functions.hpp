// The SQL functions that pack and unpack an audit entry's `changes` (storage/audit_codec.hpp),
// registered on every connection Rapport opens so that SQL can write the packed form and
// `rapport check` can read it:
//
//   audit_pack(text)    the packed blob of a `changes` text; NULL for NULL
//   audit_unpack(blob)  the text again; NULL for NULL and for a value that does not unpack
//
// Deterministic and innocuous. A database opened by another program (the sqlite3 shell) sees
// the blobs but cannot unpack them.
#pragma once

struct sqlite3;

namespace rapport::storage {

// Returns an SQLite result code (SQLITE_OK on success).
int RegisterAuditFunctions(sqlite3* db);

}  // namespace rapport::storage
