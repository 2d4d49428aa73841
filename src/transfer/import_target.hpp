// ImportTarget: what one kind of import does with a row inside the importer's transaction — find
// the record it matches, then create, update (honouring each column's rule for existing values)
// or refuse it, always through the area's own write path (CreateInTx, UpdateInTx, PlaceInTx …),
// so imported records pass the same validation, record access, events and audit as the API.
//
// One target per import run; used from one thread at a time (the importer's).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"
#include "transfer/column_mapping.hpp"

namespace rapport::transfer {

enum class ImportMode { kCreate, kUpdate, kUpsert };

std::optional<ImportMode> ParseImportMode(std::string_view name);
std::string_view ImportModeName(ImportMode mode);

struct ImportSettings {
  ImportObject object = ImportObject::kCustomers;
  ImportMode mode = ImportMode::kCreate;
  std::string match;  // email | external_id | domain | sku; empty: the object's default
  bool dry_run = false;
};

// A record the row created (for revert) — the row's own record, or a customer it created.
struct CreatedRecord {
  std::string object_type;  // customer | company | product | order | interaction
  std::string id;
};

struct RowOutcome {
  enum class Action { kCreated, kUpdated, kUnchanged } action = Action::kCreated;
  std::string id;
  std::vector<CreatedRecord> created;
};

class ImportTarget {
 public:
  virtual ~ImportTarget() = default;
  // The value that identifies the row's record, for reporting duplicates inside the file;
  // empty when the row has none.
  virtual std::string DuplicateKey(const RowRecord& record) const = 0;
  // The API field that key comes from, to name its column in the report.
  virtual std::string DuplicateField() const = 0;
  // Orders given one row per line: rows with the same key are one order. Empty: row = record.
  virtual std::string GroupKey(const RowRecord& /*record*/) const { return {}; }
  // Adds a following row of the same group (its lines) to `into`.
  virtual void MergeIntoGroup(RowRecord& /*into*/, RowRecord&& /*next*/) const {}
  // Called at the start of each transaction (definitions may have changed between batches).
  virtual Status BeginBatch(storage::Tx& /*tx*/) { return OkStatus(); }
  virtual Result<RowOutcome> Apply(storage::Tx& tx, const access::Access& access,
                                   const storage::WriteContext& context, RowRecord& record) = 0;
};

// Checks the settings against the mapping (a match field the file does not feed, a mode the
// object does not support, the caller's import permission) and builds the target.
// OK when `access` may import `object` (products: administrators only), else kPermissionDenied.
Status CheckMayImport(ImportObject object, const access::Access& access);

Result<std::unique_ptr<ImportTarget>> MakeImportTarget(const ImportSettings& settings,
                                                       const Mapping& mapping,
                                                       const access::Access& access);

}  // namespace rapport::transfer
