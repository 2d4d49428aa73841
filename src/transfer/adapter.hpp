// ObjectAdapter: what one kind of record brings to import and export. The engine in src/transfer
// (mapping, batches, jobs, file formats, revert) knows no object; each area implements an adapter
// for each of its objects next to its own code and the composition root registers them
// (AdapterRegistry, src/cli/transfer_adapters.cpp). An adapter says:
//   - its name ("customers"), its field catalogue and which formats it takes;
//   - who may import and export it;
//   - how a row finds its record by a match key and is applied (ImportTarget), through the area's
//     own *InTx write paths, so imported records pass the API's validation, record access,
//     events and audit;
//   - how to read a page for export with the caller's access (the area's list path and keyset
//     cursor: its ordering, search, filters and redaction), and what CSV columns show it;
//   - how to remove a record an import created (revert), through the area's delete function,
//     keeping what changed since.
// docs/design/transfer.md has the recipe for adding an object.
//
// Adapters are immutable after registration and shared by every job: thread-safe. Import
// targets are per run and used from one thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "common/json.hpp"
#include "common/result.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"
#include "transfer/catalogue.hpp"
#include "transfer/import_row.hpp"

namespace rapport::transfer {

enum class TransferFormat { kCsv, kNdjson, kVcard };

std::optional<TransferFormat> ParseTransferFormat(std::string_view name);
std::string_view TransferFormatName(TransferFormat format);

enum class ImportMode { kCreate, kUpdate, kUpsert };

std::optional<ImportMode> ParseImportMode(std::string_view name);
std::string_view ImportModeName(ImportMode mode);

struct ImportSettings {
  std::string object = "customers";  // an adapter's name
  ImportMode mode = ImportMode::kCreate;
  std::string match;  // email | external_id | domain | sku; empty: the object's default
  bool dry_run = false;
};

// A record the row created (for revert) — the row's own record, or a customer it created.
struct CreatedRecord {
  std::string item_type;  // an adapter's item_type(): customer | company | product | ...
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
  // The record holding duplicate key `key`, for targets whose creates refuse a taken key through
  // a unique index; the importer then finds a repeated row through the record instead of keeping
  // every key of the file in memory. Not supported (the default): nullptr.
  using KeyHolderFunction =
      std::function<Result<std::optional<std::string>>(storage::Tx&, const std::string& key)>;
  virtual KeyHolderFunction KeyHolder() const { return nullptr; }
  // Orders given one row per line: rows with the same key are one order. Empty: row = record.
  virtual std::string GroupKey(const RowRecord& /*record*/) const { return {}; }
  // Adds a following row of the same group (its lines) to `into`.
  virtual void MergeIntoGroup(RowRecord& /*into*/, RowRecord&& /*next*/) const {}
  // Called at the start of each transaction (definitions may have changed between batches).
  virtual Status BeginBatch(storage::Tx& /*tx*/) { return OkStatus(); }
  // Runs `rows` (the batch's rows, applied one by one) in the batch's transaction. A target may
  // wrap it to write some of its rows' work together at the end of the batch (full-text rows),
  // but only when `deferrable`: the rows then run without savepoints of their own, so none is
  // rolled back alone (a row that fails after writing makes the importer undo the batch and run
  // it again, not deferrable, with a savepoint per row).
  virtual Status WrapBatch(storage::Tx& /*tx*/, bool /*deferrable*/,
                           const std::function<Status()>& rows) {
    return rows();
  }
  virtual Result<RowOutcome> Apply(storage::Tx& tx, const access::Access& access,
                                   const storage::WriteContext& context, RowRecord& record) = 0;
};

// OK when `access` has a level above none for `action` on `object`, else kPermissionDenied.
Status RequireLevel(const access::Access& access, access::Object object, access::Action action);

// What revert did with one imported record.
enum class RevertOutcome { kRemoved, kKept, kMissing };

// Revert's outcome of an area's delete of a record known to exist: removed, or kept when the
// area refused (changed since, the caller may not delete it); storage trouble is the error.
Result<RevertOutcome> RemovedUnlessRefused(Status deleted);

// Export options an object takes (ExportRequest in exporter.hpp holds their values).
struct ExportQuery {
  json::value filter;                      // customers: the filter tree of GET /customers
  std::optional<std::string> q;            // search text, as the object's list takes it
  std::optional<std::string> customer_id;  // records of one customer
};
struct ExportOptionSupport {
  bool filter = false;
  bool q = false;
  bool customer_id = false;
};

// One record read for export, with what CSV and vCard show beside it (a company's name, a
// customer's value, the linked customer), looked up by the adapter with the caller's access.
struct ExportRecord {
  json::object record;
  json::object extra;
};

struct ExportPage {
  std::vector<ExportRecord> records;
  std::optional<std::string> next;  // cursor of the following page; nullopt at the end
};

// One CSV row's view of a record: orders give one row per line item.
struct ExportRow {
  const json::object& record;
  const json::object* line;  // the item of the adapter's csv_row_list() this row is for
  const json::object& extra;
};

struct ExportColumn {
  std::string header;
  // The API field the column shows: the column is left out when that field is hidden from the
  // caller (the values would be absent anyway). Empty for derived columns.
  std::string field;
  std::function<std::string(const ExportRow&)> value;
};

class ObjectAdapter {
 public:
  virtual ~ObjectAdapter() = default;

  // The object's name in the API, the CLI and job rows: "customers".
  virtual std::string_view name() const = 0;
  // What import_items records for a record of this object: "customer".
  virtual std::string_view item_type() const = 0;
  virtual const Catalogue& catalogue() const = 0;
  // The custom-field object type ("customer"); empty when the object has no custom fields.
  virtual std::string_view custom_field_object() const { return {}; }
  virtual bool ImportsFormat(TransferFormat format) const { return format == TransferFormat::kCsv; }
  virtual bool ExportsFormat(TransferFormat format) const {
    return format != TransferFormat::kVcard;
  }

  // ---- Import ----
  // OK when `access` may import this object, else kPermissionDenied.
  virtual Status CheckMayImport(const access::Access& access) const = 0;
  // Checks the settings against the mapping (the match key, the mode) and builds the target.
  virtual Result<std::unique_ptr<ImportTarget>> MakeImportTarget(
      const ImportSettings& settings, const Mapping& mapping,
      const access::Access& access) const = 0;
  // Custom fields among `keys` that are not defined yet; and their definition as text fields.
  virtual Result<std::vector<std::string>> MissingCustomFields(
      storage::Database& /*database*/, const std::vector<std::string>& /*keys*/) const {
    return std::vector<std::string>{};
  }
  virtual Status DefineCustomFields(storage::Database& /*database*/,
                                    const storage::WriteContext& /*context*/,
                                    const std::vector<std::string>& /*keys*/) const {
    return OkStatus();
  }

  // ---- Revert ----
  // Removes record `id` an import created, through the area's delete path, unless it changed
  // since (kKept); kMissing when it is gone already.
  virtual Result<RevertOutcome> RemoveImported(storage::Tx& tx, const access::Access& access,
                                               const storage::WriteContext& context,
                                               const std::string& id) const = 0;

  // ---- Export ----
  // OK when `access` may export this object at all (also checked before serving a file).
  virtual Status CheckMayExport(const access::Access& access) const = 0;
  virtual ExportOptionSupport export_options() const { return {}; }
  // Checks option values against the caller (a filter that compiles for them, a customer they
  // may read); the engine has checked which options apply.
  virtual Status ValidateExport(storage::Database& /*database*/, const access::Access& /*access*/,
                                const ExportQuery& /*query*/) const {
    return OkStatus();
  }
  // How many records the export will write (an upper bound is fine).
  virtual Result<int64_t> CountExport(storage::Database& database, const access::Access& access,
                                      const ExportQuery& query) const = 0;
  // The page after `cursor` (nullopt: the first) of the records `access` may read and export.
  // `with_extra`: fill ExportRecord::extra (CSV and vCard need it; NDJSON does not).
  virtual Result<ExportPage> ReadExportPage(storage::Database& database,
                                            const access::Access& access, const ExportQuery& query,
                                            const std::optional<std::string>& cursor,
                                            bool with_extra) const = 0;
  // The CSV columns, named so that an import maps them back, without those hidden from `access`.
  virtual Result<std::vector<ExportColumn>> CsvColumns(storage::Database& database,
                                                       const access::Access& access) const = 0;
  // A list in the record written one CSV row per item ("lines"); empty: one row per record.
  virtual std::string_view csv_row_list() const { return {}; }
  // The record as one vCard, for adapters that export kVcard.
  virtual std::string FormatVcard(const ExportRecord& /*record*/) const { return {}; }
};

}  // namespace rapport::transfer
