#include "transfer/adapter.hpp"

namespace rapport::transfer {

Status RequireLevel(const access::Access& access, access::Object object, access::Action action) {
  if (access.LevelFor(object, action) == access::Level::kNone) {
    return access::NotPermitted(object, action);
  }
  return OkStatus();
}

Result<RevertOutcome> RemovedUnlessRefused(Status deleted) {
  if (deleted.ok()) return RevertOutcome::kRemoved;
  const ErrorCode code = deleted.error().code;
  if (code == ErrorCode::kInternal || code == ErrorCode::kUnavailable) {
    return std::move(deleted).error();
  }
  return RevertOutcome::kKept;
}

std::optional<TransferFormat> ParseTransferFormat(std::string_view name) {
  for (TransferFormat format :
       {TransferFormat::kCsv, TransferFormat::kNdjson, TransferFormat::kVcard}) {
    if (TransferFormatName(format) == name) return format;
  }
  return std::nullopt;
}

std::string_view TransferFormatName(TransferFormat format) {
  switch (format) {
    case TransferFormat::kCsv:
      return "csv";
    case TransferFormat::kNdjson:
      return "ndjson";
    case TransferFormat::kVcard:
      return "vcard";
  }
  return "csv";
}

std::optional<ImportMode> ParseImportMode(std::string_view name) {
  for (ImportMode mode : {ImportMode::kCreate, ImportMode::kUpdate, ImportMode::kUpsert}) {
    if (ImportModeName(mode) == name) return mode;
  }
  return std::nullopt;
}

std::string_view ImportModeName(ImportMode mode) {
  switch (mode) {
    case ImportMode::kCreate:
      return "create";
    case ImportMode::kUpdate:
      return "update";
    case ImportMode::kUpsert:
      return "upsert";
  }
  return "create";
}

}  // namespace rapport::transfer
