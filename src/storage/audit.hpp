// The audit trail: who changed what, when, through which path, with every changed field's old
// and new value. Written in the same transaction as the change (like its event), so the trail
// has an entry exactly for every committed change; the table is append-only by trigger.
//
// Audit entries are for people answering "who did this?"; events are for programs reacting to
// changes. They overlap on purpose and are kept apart: different readers, retention and access.
// Stateless functions; thread-safety is the Tx's / Database's.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "common/page.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"

namespace rapport::storage {

// Records one change. `before` is empty for a create and `after` for a delete; the field list
// is computed from the two (top-level fields; bookkeeping like updated_at and version is left
// out). An update that changed no field records nothing.
// REQUIRES: inside Database::Write.
Status AppendAudit(Tx& tx, const WriteContext& context, std::string_view action,
                   std::string_view object_type, std::string_view object_id,
                   const json::object& before, const json::object& after);

struct AuditQuery {
  std::optional<std::string> object_type;
  std::optional<std::string> object_id;
  std::optional<std::string> actor;
  std::optional<std::string> since;  // RFC 3339; entries at or after it
  int limit = kDefaultPageSize;
  std::optional<std::string> cursor;
};

// Newest first.
Result<Page> QueryAudit(Database& database, const AuditQuery& query);

}  // namespace rapport::storage
