#include "transfer/importer.hpp"

#include <functional>
#include <optional>

#include "common/card_numbers.hpp"
#include "transfer/column_mapping.hpp"
#include "transfer/csv_writer.hpp"

namespace rapport::transfer {
namespace {

using storage::Tx;

constexpr std::string_view kTotalChanges = "SELECT total_changes()";

// Keys seen so far, for duplicates inside the file: 16 bytes per row in an open-addressing
// table of 64-bit hashes (a 1,000,000-row file costs about 32 MB), instead of the keys
// themselves. Two different keys sharing a 64-bit hash is not a practical concern.
class SeenKeys {
 public:
  // The first row that had `key`, or nullopt (and `row` is remembered).
  std::optional<int64_t> Insert(const std::string& key, int64_t row) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    uint64_t hash = std::hash<std::string>{}(key) | 1;  // 0 marks an empty slot
    size_t i = hash & (slots_.size() - 1);
    while (slots_[i].hash != 0) {
      if (slots_[i].hash == hash) return slots_[i].row;
      i = (i + 1) & (slots_.size() - 1);
    }
    slots_[i] = {hash, row};
    ++size_;
    return std::nullopt;
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    int64_t row = 0;
  };
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    for (const Slot& slot : old) {
      if (slot.hash == 0) continue;
      size_t i = slot.hash & (slots_.size() - 1);
      while (slots_[i].hash != 0) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = slot;
    }
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

// A value that looks like a card number never reaches the report (or the database holding it).
std::string Reportable(std::string value) {
  if (ContainsCardNumber(value)) return "[not shown: looks like a card number]";
  if (value.size() > 200) value = value.substr(0, 200) + "…";
  return value;
}

std::string CellOf(const RowRecord& record, const std::vector<std::string>& header,
                   const std::string& column) {
  for (size_t i = 0; i < header.size() && i < record.cells.size(); ++i) {
    if (header[i] == column) return record.cells[i];
  }
  return {};
}

// Custom fields the mapping sends columns to that do not exist yet.
Result<std::vector<std::string>> MissingCustomFields(storage::Database& database,
                                                     const Mapping& mapping) {
  if (mapping.new_custom_fields.empty()) return std::vector<std::string>{};
  return mapping.adapter->MissingCustomFields(database, mapping.new_custom_fields);
}

class Run {
 public:
  Run(const ObjectAdapter& adapter, storage::Database& database, const access::Access& access,
      const storage::WriteContext& context, const ImportRequest& request, const JobRef& job,
      const ImportProgressFunction& on_progress)
      : adapter_(adapter),
        database_(database),
        access_(access),
        context_(context),
        request_(request),
        on_progress_(on_progress) {
    context_.via = "import";
    result_.job = job;
  }

  Result<ImportResult> Execute(std::istream& in, int64_t total_bytes) {
    result_.counts.total_bytes = total_bytes;
    if (request_.format == TransferFormat::kVcard) {
      vcard_.emplace(in);
    } else {
      reader_.emplace(in, request_.csv);
    }
    Status status = Prepare();
    if (status.ok()) status = request_.atomic ? RunAtomic() : RunBatches();
    result_.counts.done_bytes = BytesRead();
    if (!status.ok()) {
      if (status.error().code == ErrorCode::kInternal ||
          status.error().code == ErrorCode::kUnavailable) {
        // Storage trouble: the job row may not be writable either; report to the caller.
        (void)FinishJob(database_, result_.job, JobStatus::kFailed, result_.counts,
                        status.error().message, result_.errors);
        return std::move(status).error();
      }
      result_.status = JobStatus::kFailed;
      result_.message = DescribeFileError(status.error());
    } else {
      result_.status = JobStatus::kCompleted;
      result_.message = Summary();
      if (!result_.ignored_columns.empty()) {
        result_.message += " Columns not imported:";
        for (const auto& column : result_.ignored_columns) result_.message += " \"" + column + "\"";
        result_.message += ".";
      }
    }
    RAPPORT_RETURN_IF_ERROR(FinishJob(database_, result_.job, result_.status, result_.counts,
                                      result_.message, result_.errors));
    return std::move(result_);
  }

 private:
  Status Prepare() {
    if (vcard_) {
      RAPPORT_ASSIGN_OR_RETURN(mapping_, BuildMapping(adapter_, {}, nullptr));
      RAPPORT_ASSIGN_OR_RETURN(target_,
                               adapter_.MakeImportTarget(request_.settings, mapping_, access_));
      if (!request_.settings.dry_run) key_holder_ = target_->KeyHolder();
      return OkStatus();
    }
    RAPPORT_ASSIGN_OR_RETURN(auto header, reader_->Next());
    if (!header) return Error::Invalid("file", "is empty: the first line must name the columns");
    header_ = std::move(*header);
    RAPPORT_ASSIGN_OR_RETURN(mapping_, BuildMapping(adapter_, header_, request_.mapping));
    result_.ignored_columns = mapping_.ignored;
    // From here on new_custom_fields are the ones still to define: a dry run leaves their
    // values out (there is no definition to check them against), a real run defines them.
    RAPPORT_ASSIGN_OR_RETURN(mapping_.new_custom_fields, MissingCustomFields(database_, mapping_));
    RAPPORT_ASSIGN_OR_RETURN(target_,
                             adapter_.MakeImportTarget(request_.settings, mapping_, access_));
    // A dry run undoes each batch, so only keys kept in memory span the whole file.
    if (!request_.settings.dry_run) key_holder_ = target_->KeyHolder();
    if (!request_.settings.dry_run && !mapping_.new_custom_fields.empty()) {
      RAPPORT_RETURN_IF_ERROR(
          adapter_.DefineCustomFields(database_, context_, mapping_.new_custom_fields));
    }
    return OkStatus();
  }

  // The next record: a row, or for orders given per line, the consecutive rows of one order.
  Result<std::optional<RowRecord>> NextRecord() {
    if (vcard_) return NextCard();
    while (true) {
      RAPPORT_ASSIGN_OR_RETURN(auto cells, reader_->Next());
      if (!cells) {
        std::optional<RowRecord> last = std::move(pending_);
        pending_.reset();
        return last;
      }
      // A blank line between rows is not a row.
      if (cells->size() == 1 && (*cells)[0].empty() && header_.size() > 1) continue;
      ++result_.counts.rows;
      RowRecord record = BuildRow(mapping_, *cells, result_.counts.rows, reader_->line());
      record.cells = std::move(*cells);
      std::string group = target_->GroupKey(record);
      if (pending_ && !group.empty() && group == pending_group_) {
        target_->MergeIntoGroup(*pending_, std::move(record));
        continue;
      }
      std::optional<RowRecord> finished = std::move(pending_);
      pending_ = std::move(record);
      pending_group_ = std::move(group);
      if (finished) return finished;
    }
  }

  // A vCard is one customer: its UID becomes the external id (so a second import of the same
  // cards matches them), its ORG links an existing company when there is one.
  Result<std::optional<RowRecord>> NextCard() {
    RAPPORT_ASSIGN_OR_RETURN(std::optional<VcardCard> card, vcard_->Next());
    if (!card) return std::optional<RowRecord>();
    RowRecord record;
    record.row = ++result_.counts.rows;
    record.line = card->line;
    record.input = std::move(card->customer);
    if (card->uid && !record.input.contains("external_id"))
      record.input["external_id"] = *card->uid;
    if (card->organization) {
      record.link = *card->organization;
      record.link_optional = true;
    }
    return std::optional<RowRecord>(std::move(record));
  }

  int64_t BytesRead() const { return vcard_ ? vcard_->bytes_read() : reader_->bytes_read(); }

  void AddError(const RowRecord& record, const std::string& column, std::string value,
                std::string reason) {
    ++result_.error_count;
    if (result_.errors.size() < kMaxStoredErrors) {
      result_.errors.push_back(
          {record.row, record.line, column, Reportable(std::move(value)), std::move(reason)});
    }
  }

  // Applies one record inside the batch's transaction. Only storage failures are returned;
  // a refused row is a reported error. With `row_savepoint` false the row runs without a
  // savepoint of its own: a refusal that wrote nothing needs none, and one that did (rare: a
  // constraint the checks before writing missed) asks for the batch to be run again with them.
  Status Apply(Tx& tx, RowRecord& record, bool row_savepoint) {
    if (!record.errors.empty()) {
      for (auto& error : record.errors) AddError(record, error.column, error.value, error.reason);
      ++result_.counts.failed;
      return OkStatus();
    }
    // With the database finding repeats, the key is only needed for a refused row.
    std::string key = key_holder_ ? std::string() : target_->DuplicateKey(record);
    if (!key.empty()) {
      // A batch run again meets its own rows' keys: only an earlier row is a duplicate.
      if (auto first = seen_.Insert(key, record.row); first && *first != record.row) {
        RepeatsRow(record, key, *first);
        return OkStatus();
      }
    }
    int64_t changes_before = 0;
    const size_t deferred_mark = tx.DeferredMark();  // work a refused row deferred goes with it
    if (row_savepoint) {
      RAPPORT_RETURN_IF_ERROR(tx.Exec("SAVEPOINT import_row"));
    } else {
      RAPPORT_ASSIGN_OR_RETURN(changes_before, TotalChanges(tx));
    }
    Result<RowOutcome> outcome = target_->Apply(tx, access_, context_, record);
    if (!outcome.ok()) {
      if (row_savepoint) {
        RAPPORT_RETURN_IF_ERROR(tx.Exec("ROLLBACK TO import_row"));
        RAPPORT_RETURN_IF_ERROR(tx.Exec("RELEASE import_row"));
        tx.DropDeferredFrom(deferred_mark);
      } else {
        RAPPORT_ASSIGN_OR_RETURN(int64_t changes_after, TotalChanges(tx));
        if (changes_after != changes_before) return RunAgainWithSavepoints();
      }
      const Error& error = outcome.error();
      if (error.code == ErrorCode::kInternal || error.code == ErrorCode::kUnavailable) {
        return error;
      }
      if (error.code == ErrorCode::kConflict && key_holder_ &&
          !(key = target_->DuplicateKey(record)).empty()) {
        RAPPORT_ASSIGN_OR_RETURN(std::optional<std::string> holder, key_holder_(tx, key));
        std::optional<int64_t> first;
        if (holder) {
          RAPPORT_ASSIGN_OR_RETURN(first, RowThatCreated(tx, result_.job.seq, *holder));
        }
        if (first) {
          RepeatsRow(record, key, *first);
          return OkStatus();
        }
      }
      if (error.field_errors.empty()) {
        AddError(record, "", "", error.message);
      }
      for (const auto& field_error : error.field_errors) {
        // The column names where the problem is; the API's field path would only confuse.
        const std::string column = ColumnFor(record, field_error.field);
        AddError(record, column, CellOf(record, header_, column), field_error.message);
      }
      ++result_.counts.failed;
      return OkStatus();
    }
    if (row_savepoint) RAPPORT_RETURN_IF_ERROR(tx.Exec("RELEASE import_row"));
    switch (outcome->action) {
      case RowOutcome::Action::kCreated:
        ++result_.counts.created;
        break;
      case RowOutcome::Action::kUpdated:
        ++result_.counts.updated;
        break;
      case RowOutcome::Action::kUnchanged:
        ++result_.counts.unchanged;
        break;
    }
    for (const auto& created : outcome->created) {
      RAPPORT_RETURN_IF_ERROR(RecordCreated(tx, result_.job.seq, next_item_++, created.item_type,
                                            created.id, record.row));
    }
    return OkStatus();
  }

  void RepeatsRow(const RowRecord& record, const std::string& key, int64_t first) {
    const std::string column = ColumnFor(record, target_->DuplicateField());
    AddError(record, column, key,
             "repeats row " + std::to_string(first) + " of this file (same " + column +
                 "); merge the rows or remove one");
    ++result_.counts.failed;
  }

  void Report() {
    result_.counts.done_bytes = BytesRead();
    if (on_progress_) on_progress_(result_.counts);
  }

  // Each batch is a transaction of its own (Database::WriteAlone). Its rows first run without
  // savepoints: a row is refused by checks that run before it writes, so it needs none, and a
  // savepoint per row costs its undo journal and makes FTS5 write a segment per row. Should a
  // row fail after writing, the whole batch is undone and run again with a savepoint per row, so
  // that row is rolled back alone. A dry run rolls the whole transaction back by failing it on
  // purpose.
  Status RunBatches() {
    bool more = true;
    while (more) {
      std::vector<RowRecord> batch;
      // Reading happens outside the writer's transaction: a slow disk or upload never holds
      // the single writer.
      while (batch.size() < request_.batch_rows) {
        RAPPORT_ASSIGN_OR_RETURN(auto record, NextRecord());
        if (!record) {
          more = false;
          break;
        }
        batch.push_back(std::move(*record));
      }
      const Tally before{result_.counts, result_.errors.size(), result_.error_count, next_item_};
      Status written = WriteBatch(batch, false);
      if (run_again_) {
        run_again_ = false;
        result_.counts = before.counts;
        result_.errors.resize(before.errors);
        result_.error_count = before.error_count;
        next_item_ = before.next_item;
        written = WriteBatch(batch, true);
      }
      RAPPORT_RETURN_IF_ERROR(written);
      Report();
    }
    if (request_.settings.dry_run) result_.rolled_back = true;
    return OkStatus();
  }

  Status WriteBatch(std::vector<RowRecord>& batch, bool row_savepoints) {
    return Settle(database_.WriteAlone([&](Tx& tx) -> Status {
      RAPPORT_RETURN_IF_ERROR(target_->BeginBatch(tx));
      RAPPORT_RETURN_IF_ERROR(target_->WrapBatch(tx, !row_savepoints, [&]() -> Status {
        for (auto& record : batch) RAPPORT_RETURN_IF_ERROR(Apply(tx, record, row_savepoints));
        return OkStatus();
      }));
      result_.counts.done_bytes = BytesRead();
      RAPPORT_RETURN_IF_ERROR(RecordProgress(tx, result_.job.seq, result_.counts));
      return request_.settings.dry_run ? RollBack() : OkStatus();
    }));
  }

  Status RunAtomic() {
    Status file_status = OkStatus();
    RAPPORT_RETURN_IF_ERROR(Settle(database_.WriteAlone([&](Tx& tx) -> Status {
      size_t in_batch = 0;
      RAPPORT_RETURN_IF_ERROR(target_->BeginBatch(tx));
      while (true) {
        auto record = NextRecord();
        if (!record.ok()) {
          file_status = std::move(record).error();
          break;
        }
        if (!*record) break;
        RAPPORT_RETURN_IF_ERROR(Apply(tx, **record, true));
        if (++in_batch == request_.batch_rows) {
          in_batch = 0;
          Report();
        }
      }
      result_.rolled_back =
          request_.settings.dry_run || result_.error_count > 0 || !file_status.ok();
      if (result_.rolled_back && !request_.settings.dry_run) {
        // Nothing stayed: counting rows as created would contradict the data.
        result_.counts.created = result_.counts.updated = result_.counts.unchanged = 0;
      }
      result_.counts.done_bytes = BytesRead();
      return result_.rolled_back ? RollBack() : OkStatus();
    })));
    Report();
    return file_status;
  }

  // The errors that make WriteAlone roll back a transaction we chose to undo, told apart from a
  // real failure by Settle: a dry run's, and a batch to run again with a savepoint per row.
  Status RollBack() {
    rolling_back_ = true;
    return Error::Conflict("rolled back on purpose");
  }
  Status RunAgainWithSavepoints() {
    run_again_ = true;
    return Error::Conflict("a row failed after writing: the batch runs again");
  }
  Status Settle(Status written) {
    if (rolling_back_ || run_again_) {
      rolling_back_ = false;
      return OkStatus();
    }
    return written;
  }

  // Rows changed so far by the transaction's connection (SQLite's total_changes()).
  static Result<int64_t> TotalChanges(Tx& tx) {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kTotalChanges));
    return rows.at(0).Int(0);
  }

  // What a batch adds to the result, restored when the batch runs again.
  struct Tally {
    JobCounts counts;
    size_t errors = 0;
    int64_t error_count = 0;
    int64_t next_item = 0;
  };

  std::string DescribeFileError(const Error& error) const {
    std::string message = error.message;
    for (const auto& field_error : error.field_errors) {
      message += (message.empty() ? "" : "; ") + field_error.field + " " + field_error.message;
    }
    if (request_.atomic) return message + " Nothing was imported (atomic import).";
    return message + " Rows before this point were imported.";
  }

  std::string Summary() const {
    const JobCounts& c = result_.counts;
    std::string counts = std::to_string(c.created) + " created, " + std::to_string(c.updated) +
                         " updated, " + std::to_string(c.unchanged) + " unchanged, " +
                         std::to_string(c.failed) + " refused";
    if (request_.settings.dry_run) return "Dry run, nothing changed: would be " + counts + ".";
    if (result_.rolled_back) {
      return "Nothing was imported: " + std::to_string(c.failed) +
             " rows have errors and the import is atomic.";
    }
    return counts + ".";
  }

  const ObjectAdapter& adapter_;
  storage::Database& database_;
  const access::Access& access_;
  storage::WriteContext context_;
  const ImportRequest& request_;
  const ImportProgressFunction& on_progress_;
  std::optional<CsvReader> reader_;
  std::optional<VcardReader> vcard_;
  std::vector<std::string> header_;
  Mapping mapping_;
  std::unique_ptr<ImportTarget> target_;
  std::optional<RowRecord> pending_;
  std::string pending_group_;
  SeenKeys seen_;  // keys of the file so far, unless the database finds repeats (key_holder_)
  ImportTarget::KeyHolderFunction key_holder_;
  int64_t next_item_ = 0;
  bool rolling_back_ = false;
  bool run_again_ = false;
  ImportResult result_;
};

}  // namespace

Result<JobRef> StartImportJob(const AdapterRegistry& adapters, storage::Database& database,
                              const access::Access& access, const storage::WriteContext& context,
                              const ImportRequest& request, const std::vector<std::string>& header,
                              int64_t total_bytes) {
  RAPPORT_ASSIGN_OR_RETURN(const ObjectAdapter* adapter,
                           adapters.Get(request.settings.object, "object"));
  if (request.format != TransferFormat::kCsv && request.format != TransferFormat::kVcard) {
    return Error::Invalid("format", "must be csv or vcard");
  }
  if (!adapter->ImportsFormat(request.format)) {
    return Error::Invalid("format", "vCard files hold " + adapters.Names("and", [](const auto& a) {
      return a.ImportsFormat(TransferFormat::kVcard);
    }));
  }
  if (request.format == TransferFormat::kVcard && !request.mapping.is_null()) {
    return Error::Invalid("mapping", "applies to CSV files; a vCard's fields are fixed");
  }
  RAPPORT_ASSIGN_OR_RETURN(Mapping mapping, BuildMapping(*adapter, header, request.mapping));
  RAPPORT_ASSIGN_OR_RETURN(auto target,
                           adapter->MakeImportTarget(request.settings, mapping, access));
  if (!request.settings.dry_run && !mapping.new_custom_fields.empty() && !access.is_admin()) {
    RAPPORT_ASSIGN_OR_RETURN(auto missing, MissingCustomFields(database, mapping));
    if (!missing.empty()) {
      return Error::Invalid("mapping.unmapped", "would define new custom fields (" +
                                                    missing.front() +
                                                    " …), which only administrators may do");
    }
  }
  json::object options{{"mode", ImportModeName(request.settings.mode)},
                       {"dry_run", request.settings.dry_run},
                       {"atomic", request.atomic},
                       {"format", TransferFormatName(request.format)}};
  if (!request.settings.match.empty()) options["match"] = request.settings.match;
  if (!request.mapping.is_null()) options["mapping"] = request.mapping;
  return CreateJob(database, access, context,
                   NewJob{.kind = JobKind::kImport,
                          .object_type = std::string(adapter->name()),
                          .options = std::move(options),
                          .file_name = request.file_name,
                          .total_bytes = total_bytes});
}

Result<ImportResult> RunImport(const AdapterRegistry& adapters, storage::Database& database,
                               const access::Access& access, const storage::WriteContext& context,
                               const ImportRequest& request, const JobRef& job, std::istream& in,
                               int64_t total_bytes, const ImportProgressFunction& on_progress) {
  RAPPORT_ASSIGN_OR_RETURN(const ObjectAdapter* adapter,
                           adapters.Get(request.settings.object, "object"));
  Run run(*adapter, database, access, context, request, job, on_progress);
  return run.Execute(in, total_bytes);
}

void WriteErrorReport(std::ostream& out, const std::vector<TransferError>& errors) {
  CsvWriter writer(out);
  writer.Write({"row", "line", "column", "value", "reason"});
  for (const auto& error : errors) {
    writer.Write({std::to_string(error.row), std::to_string(error.line), error.column, error.value,
                  error.reason});
  }
}

}  // namespace rapport::transfer
