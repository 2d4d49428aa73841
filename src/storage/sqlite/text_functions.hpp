// SQL functions over ICU that the schema's indexes and the areas' queries call
// (docs/design/unicode.md). Registered on every connection Rapport opens:
//
//   collation_key(text)  hex ICU sort key for the process's collation locale (common/collation)
//   search_fold(text)    text without accents, case-folded: what search and filters compare
//   email_key(text)      the case-insensitive uniqueness key of an e-mail address
//
// Each gives NULL for NULL. They are declared deterministic so indexes can be built on them;
// collation_key is deterministic only while the locale stays the same, which is why a change of
// locale rebuilds those indexes (storage/collation_sync.hpp). A database opened by another
// program (the sqlite3 shell) can read, but cannot write the tables these indexes cover.
#pragma once

struct sqlite3;

namespace rapport::storage {

// Returns an SQLite result code (SQLITE_OK on success).
int RegisterTextFunctions(sqlite3* db);

}  // namespace rapport::storage
