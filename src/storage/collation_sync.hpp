// Keeps the collation keys in the schema's indexes made with one locale (docs/design/unicode.md).
//
// Name sorts use indexes on collation_key(name) (migration 0012). The keys depend on the
// collation locale, so the database records the locale its keys were made with
// (instance_settings 'collation_locale'; '' right after the migration, before any keys were
// checked) and every process that opens it collates with that locale. When the operator changes
// `collation_locale`, the next start of the server rebuilds those indexes (REINDEX: one pass over
// the covered tables, under the write lock) and records the new locale. Not thread-safe: called
// while a connection is opened, before the database is shared.
#pragma once

#include <string_view>

#include "common/result.hpp"

namespace rapport::storage {

class SqliteConnection;

// For the read-write connection, after migrations: adopts `wanted` (empty: the stored locale, or
// the root locale when none was ever stored), re-keying first when it differs from the stored one.
Status SyncCollationLocale(SqliteConnection& writer, std::string_view wanted);
// For read-only opens: collates with the stored locale; changes nothing.
Status AdoptStoredCollationLocale(SqliteConnection& reader);

}  // namespace rapport::storage
